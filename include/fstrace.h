/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fstrace: firmscope's binary trace of executed PCs (and, optionally,
 * memory accesses), and a writer for it. firmscope's -trace-pc option,
 * the pctrace plugin and the fstrace converter share this header, so the
 * format is written down once. Header-only: a plugin needs nothing else.
 *
 * The file is a 16-byte header, then records, all little-endian:
 *
 *   header: "FSTRACE\0", u16 version (1), u8 XLEN (32 or 64),
 *           u8 flags (FSTRACE_F_MEM: memory accesses are recorded),
 *           u32 0
 *
 * Each record starts with a u32 word: its type in the top 4 bits, a
 * 28-bit argument below.
 *
 *   BLOCK id    u32 n, u64 pc, then (n + 31) / 32 u32 words whose bit i
 *               (bit i % 32 of word i / 32) says instruction i is 4 bytes
 *               long, else 2: block `id` is n instructions from pc. A
 *               later BLOCK with the same id replaces it.
 *   EXEC id     all instructions of block `id` ran, in order.
 *   PART id     u32 k (0 < k < n): only its first k instructions began
 *               (the last of them may have raised an exception).
 *   MEM idx     u64 vaddr, u64 value: one successful access by
 *               instruction idx (bits 0-15) of the block of the next EXEC
 *               or PART record, of 1 << size_shift bytes (bits 16-17), a
 *               store if bit 18 is set; MEM records come in access order.
 *   END         u64 n: the trace is complete and holds n PCs.
 *
 * An instruction "began" when it was executed or raised an exception: the
 * PCs are exactly those QEMU's exec callbacks see (plugins/execlog.c).
 * A block's record follows its MEM records, so a reader knows how many
 * instructions ran when it reaches it; and a BLOCK record always comes
 * before the first record that uses its id.
 */
#ifndef FSTRACE_H
#define FSTRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FSTRACE_MAGIC "FSTRACE" /* and a NUL: 8 bytes */
#define FSTRACE_VERSION 1
#define FSTRACE_HEADER_SIZE 16
#define FSTRACE_F_MEM 0x01u

enum {
    FSTRACE_EXEC = 0,
    FSTRACE_PART = 1,
    FSTRACE_BLOCK = 2,
    FSTRACE_MEM = 3,
    FSTRACE_END = 15,
};

#define FSTRACE_TYPE_SHIFT 28
#define FSTRACE_ARG_MASK 0x0fffffffu
#define FSTRACE_MEM_SHIFT_SHIFT 16
#define FSTRACE_MEM_STORE 0x40000u
#define FSTRACE_MEM_IDX_MASK 0xffffu

/* Bytes written to the file at once: few large writes keep tracing cheap. */
#define FSTRACE_BUF_SIZE (1u << 20)
/* The largest record but a BLOCK one: MEM (4 + 8 + 8), END (4 + 8). */
#define FSTRACE_MAX_RECORD 20u

typedef struct FsTrace {
    FILE *f;
    uint8_t *buf, *pos, *end;
    uint64_t n_pcs; /* PCs recorded, for the END record */
    uint32_t next_id;
    bool failed; /* a write failed; fstrace_close() says so */
} FsTrace;

static inline uint8_t *fstrace_put32(uint8_t *p, uint32_t v)
{
    for (unsigned i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
    return p + 4;
}

static inline uint8_t *fstrace_put64(uint8_t *p, uint64_t v)
{
    return fstrace_put32(fstrace_put32(p, (uint32_t)v), (uint32_t)(v >> 32));
}

static inline uint32_t fstrace_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static inline uint64_t fstrace_get64(const uint8_t *p)
{
    return fstrace_get32(p) | (uint64_t)fstrace_get32(p + 4) << 32;
}

static inline uint32_t fstrace_word(unsigned type, uint32_t arg)
{
    return (uint32_t)type << FSTRACE_TYPE_SHIFT | (arg & FSTRACE_ARG_MASK);
}

/* Write out the buffer; a failure is remembered for fstrace_close(). */
static inline void fstrace_flush(FsTrace *t)
{
    size_t n = (size_t)(t->pos - t->buf);

    if (n && fwrite(t->buf, 1, n, t->f) != n) {
        t->failed = true;
    }
    t->pos = t->buf;
}

/* Room for `bytes` more in the buffer (at most FSTRACE_BUF_SIZE). */
static inline uint8_t *fstrace_reserve(FsTrace *t, size_t bytes)
{
    if ((size_t)(t->end - t->pos) < bytes) {
        fstrace_flush(t);
    }
    return t->pos;
}

/*
 * fstrace_open() - create the trace file at path for a hart of `xlen`
 * bits, with memory accesses if `mem`. Returns NULL (errno set) if the
 * file cannot be created or there is no memory.
 */
static inline FsTrace *fstrace_open(const char *path, unsigned xlen, bool mem)
{
    FsTrace *t = (FsTrace *)calloc(1, sizeof(*t));
    uint8_t *p;

    if (!t || !(t->buf = (uint8_t *)malloc(FSTRACE_BUF_SIZE))) {
        free(t);
        return NULL;
    }
    t->f = fopen(path, "wb");
    if (!t->f) {
        free(t->buf);
        free(t);
        return NULL;
    }
    t->pos = t->buf;
    t->end = t->buf + FSTRACE_BUF_SIZE;
    p = t->pos;
    memcpy(p, FSTRACE_MAGIC, 8);
    p[8] = FSTRACE_VERSION;
    p[9] = 0;
    p[10] = (uint8_t)xlen;
    p[11] = mem ? FSTRACE_F_MEM : 0;
    t->pos = fstrace_put32(p + 12, 0);
    return t;
}

/*
 * fstrace_block() - a block of n instructions from pc will run; bit i of
 * long_bits[] (32 per word) set if instruction i is 4 bytes long, else 2.
 * Returns its id, for fstrace_exec(). n must stay under
 * (FSTRACE_BUF_SIZE - 16) * 8 / 33.
 */
static inline uint32_t fstrace_block(FsTrace *t, uint64_t pc, unsigned n,
                                     const uint32_t *long_bits)
{
    uint32_t id = t->next_id;
    unsigned words = (n + 31) / 32;
    uint8_t *p = fstrace_reserve(t, 16 + 4 * (size_t)words);

    t->next_id = (id + 1) & FSTRACE_ARG_MASK;
    p = fstrace_put32(p, fstrace_word(FSTRACE_BLOCK, id));
    p = fstrace_put32(p, n);
    p = fstrace_put64(p, pc);
    for (unsigned i = 0; i < words; i++) {
        p = fstrace_put32(p, long_bits[i]);
    }
    t->pos = p;
    return id;
}

/*
 * fstrace_forget_blocks() - no block defined so far will run again (the
 * caller dropped them all): ids start over, which keeps them small.
 */
static inline void fstrace_forget_blocks(FsTrace *t)
{
    t->next_id = 0;
}

/* fstrace_exec() - the first `begun` of block id's n instructions began. */
static inline void fstrace_exec(FsTrace *t, uint32_t id, unsigned begun,
                                unsigned n)
{
    uint8_t *p = fstrace_reserve(t, 8);

    if (begun == n) {
        p = fstrace_put32(p, fstrace_word(FSTRACE_EXEC, id));
    } else {
        p = fstrace_put32(p, fstrace_word(FSTRACE_PART, id));
        p = fstrace_put32(p, begun);
    }
    t->pos = p;
    t->n_pcs += begun;
}

/*
 * fstrace_mem() - instruction idx of the block about to be recorded made
 * a successful access of 1 << size_shift bytes at vaddr.
 */
static inline void fstrace_mem(FsTrace *t, unsigned idx, unsigned size_shift,
                               bool store, uint64_t vaddr, uint64_t value)
{
    uint8_t *p = fstrace_reserve(t, FSTRACE_MAX_RECORD);
    uint32_t arg = (idx & FSTRACE_MEM_IDX_MASK) |
                   (uint32_t)(size_shift & 3) << FSTRACE_MEM_SHIFT_SHIFT |
                   (store ? FSTRACE_MEM_STORE : 0);

    p = fstrace_put32(p, fstrace_word(FSTRACE_MEM, arg));
    p = fstrace_put64(p, vaddr);
    t->pos = fstrace_put64(p, value);
}

/*
 * fstrace_close() - end the trace (END record), write it out and free t.
 * Returns 0, or -1 if any write failed (the file is then incomplete).
 */
static inline int fstrace_close(FsTrace *t)
{
    uint8_t *p = fstrace_reserve(t, FSTRACE_MAX_RECORD);
    bool failed;

    p = fstrace_put32(p, fstrace_word(FSTRACE_END, 0));
    t->pos = fstrace_put64(p, t->n_pcs);
    fstrace_flush(t);
    failed = t->failed || fclose(t->f) != 0;
    free(t->buf);
    free(t);
    return failed ? -1 : 0;
}

#endif
