/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fstrace FILE: print a PC trace (include/fstrace.h; written by
 * firmscope -trace-pc or the pctrace plugin) as text: one executed PC per
 * line, 0x%016x, each followed by the memory accesses it made, if they
 * were recorded, as "  load|store SIZE 0xVADDR 0xVALUE". A file that is
 * not a complete, well-formed trace is an error (exit status 1), after
 * whatever came before the problem.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fstrace.h"

/* A block as its BLOCK record defined it. */
typedef struct Block {
    uint64_t pc;
    uint32_t n;  /* 0: not defined */
    size_t bits; /* its length bits: words at Reader.bits[bits] */
} Block;

typedef struct Mem {
    uint32_t arg; /* the MEM word's argument */
    uint64_t vaddr, value;
} Mem;

typedef struct Reader {
    const char *path;
    FILE *f;
    uint64_t offset;  /* of the next byte */
    uint64_t record;  /* offset of the record being read */
    uint64_t pc_mask; /* PCs wrap at XLEN bits */
    bool has_mem;
    Block *blocks; /* by id */
    size_t n_blocks;
    uint32_t *bits;
    size_t n_bits, cap_bits;
    Mem *mems; /* MEM records waiting for their block's record */
    size_t n_mems, cap_mems;
    uint64_t n_pcs;
} Reader;

static void fail(const Reader *r, const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    fprintf(stderr, "fstrace: %s: ", r->path);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static void *grow(const Reader *r, void *p, size_t *cap, size_t need,
                  size_t size)
{
    if (need <= *cap) {
        return p;
    }
    while (*cap < need) {
        *cap = *cap ? 2 * *cap : 64;
    }
    p = realloc(p, *cap * size);
    if (!p) {
        fail(r, "out of memory");
    }
    return p;
}

/* Read len bytes, or fail: what was being read is cut short. */
static void take(Reader *r, void *buf, size_t len, const char *what)
{
    size_t got = fread(buf, 1, len, r->f);

    if (got != len) {
        if (ferror(r->f)) {
            fail(r, "read error: %s", strerror(errno));
        }
        fail(r, "truncated: %s at byte %" PRIu64 " is cut short", what,
             r->record);
    }
    r->offset += len;
}

static uint32_t take32(Reader *r, const char *what)
{
    uint8_t b[4];

    take(r, b, 4, what);
    return fstrace_get32(b);
}

static uint64_t take64(Reader *r, const char *what)
{
    uint8_t b[8];

    take(r, b, 8, what);
    return fstrace_get64(b);
}

static void read_header(Reader *r)
{
    uint8_t h[FSTRACE_HEADER_SIZE];
    unsigned version, xlen;

    r->record = 0;
    take(r, h, sizeof(h), "the header");
    if (memcmp(h, FSTRACE_MAGIC, 8) != 0) {
        fail(r, "not a firmscope PC trace (bad magic)");
    }
    version = (unsigned)h[8] | (unsigned)h[9] << 8;
    xlen = h[10];
    if (version != FSTRACE_VERSION) {
        fail(r, "trace format version %u, this tool reads version %u", version,
             FSTRACE_VERSION);
    }
    if (xlen != 32 && xlen != 64) {
        fail(r, "corrupt header: XLEN %u", xlen);
    }
    r->pc_mask = xlen == 32 ? UINT32_MAX : UINT64_MAX;
    r->has_mem = (h[11] & FSTRACE_F_MEM) != 0;
}

static void read_block(Reader *r, uint32_t id)
{
    uint32_t n = take32(r, "a BLOCK record");
    uint64_t pc = take64(r, "a BLOCK record");
    size_t words = ((size_t)n + 31) / 32;
    Block *b;

    if (n == 0 || n > (FSTRACE_BUF_SIZE - 16) * 8 / 33) {
        fail(r,
             "corrupt BLOCK record at byte %" PRIu64 ": %" PRIu32
             " instructions",
             r->record, n);
    }
    if (id >= r->n_blocks) {
        size_t old = r->n_blocks;

        r->blocks = grow(r, r->blocks, &r->n_blocks, (size_t)id + 1,
                         sizeof(*r->blocks));
        memset(r->blocks + old, 0, (r->n_blocks - old) * sizeof(*r->blocks));
    }
    r->bits =
        grow(r, r->bits, &r->cap_bits, r->n_bits + words, sizeof(*r->bits));
    b = &r->blocks[id];
    b->pc = pc;
    b->n = n;
    b->bits = r->n_bits;
    for (size_t i = 0; i < words; i++) {
        r->bits[r->n_bits++] = take32(r, "a BLOCK record");
    }
}

static void print_mem(const Mem *m)
{
    printf("  %s %u 0x%016" PRIx64 " 0x%016" PRIx64 "\n",
           (m->arg & FSTRACE_MEM_STORE) ? "store" : "load",
           1u << ((m->arg >> FSTRACE_MEM_SHIFT_SHIFT) & 3), m->vaddr, m->value);
}

/* The first `begun` PCs of block id, each with its memory accesses. */
static void print_run(Reader *r, uint32_t id, uint32_t begun)
{
    const Block *b = id < r->n_blocks ? &r->blocks[id] : NULL;
    uint64_t pc;
    size_t m = 0;

    if (!b || !b->n) {
        fail(r,
             "corrupt record at byte %" PRIu64 ": block %" PRIu32
             " is not defined",
             r->record, id);
    }
    if (begun == 0 || begun > b->n) {
        fail(r,
             "corrupt PART record at byte %" PRIu64 ": %" PRIu32 " of %" PRIu32
             " instructions",
             r->record, begun, b->n);
    }
    pc = b->pc;
    for (uint32_t i = 0; i < begun; i++) {
        bool is_long = (r->bits[b->bits + i / 32] >> (i % 32)) & 1;

        printf("0x%016" PRIx64 "\n", pc);
        for (; m < r->n_mems && (r->mems[m].arg & FSTRACE_MEM_IDX_MASK) == i;
             m++) {
            print_mem(&r->mems[m]);
        }
        pc = (pc + (is_long ? 4 : 2)) & r->pc_mask;
    }
    if (m < r->n_mems) {
        fail(r,
             "corrupt MEM record before byte %" PRIu64 ": instruction %" PRIu32
             " of a block where %" PRIu32 " ran, or out of order",
             r->record, r->mems[m].arg & FSTRACE_MEM_IDX_MASK, begun);
    }
    r->n_mems = 0;
    r->n_pcs += begun;
}

static void read_mem(Reader *r, uint32_t arg)
{
    Mem *m;

    if (!r->has_mem) {
        fail(r,
             "corrupt record at byte %" PRIu64 ": a memory access in a "
             "trace without them",
             r->record);
    }
    r->mems = grow(r, r->mems, &r->cap_mems, r->n_mems + 1, sizeof(*r->mems));
    m = &r->mems[r->n_mems++];
    m->arg = arg;
    m->vaddr = take64(r, "a MEM record");
    m->value = take64(r, "a MEM record");
}

/* Print the records up to END, which must end the file. */
static void read_records(Reader *r)
{
    for (;;) {
        uint32_t word, arg;
        int c;

        r->record = r->offset;
        c = fgetc(r->f);
        if (c == EOF && !ferror(r->f)) {
            fail(r,
                 "truncated: no END record after byte %" PRIu64
                 " (the run did not finish writing the trace)",
                 r->offset);
        }
        ungetc(c, r->f);
        word = take32(r, "a record");
        arg = word & FSTRACE_ARG_MASK;
        switch (word >> FSTRACE_TYPE_SHIFT) {
        case FSTRACE_EXEC:
            print_run(r, arg,
                      arg < r->n_blocks ? r->blocks[arg].n : UINT32_MAX);
            break;
        case FSTRACE_PART:
            print_run(r, arg, take32(r, "a PART record"));
            break;
        case FSTRACE_BLOCK:
            read_block(r, arg);
            break;
        case FSTRACE_MEM:
            read_mem(r, arg);
            break;
        case FSTRACE_END: {
            uint64_t n = take64(r, "the END record");

            if (n != r->n_pcs || r->n_mems) {
                fail(r,
                     "corrupt: the END record says %" PRIu64 " PCs, "
                     "the records hold %" PRIu64 "%s",
                     n, r->n_pcs,
                     r->n_mems ? " and unclaimed memory accesses" : "");
            }
            if (fgetc(r->f) != EOF) {
                fail(r, "corrupt: data after the END record (byte %" PRIu64 ")",
                     r->offset);
            }
            return;
        }
        default:
            fail(r, "corrupt record at byte %" PRIu64 ": unknown type %" PRIu32,
                 r->record, word >> FSTRACE_TYPE_SHIFT);
        }
    }
}

int main(int argc, char **argv)
{
    Reader r;

    if (argc != 2 || argv[1][0] == '-') {
        fprintf(stderr,
                "usage: fstrace FILE\n"
                "Print the PCs (and memory accesses) of a trace written by "
                "firmscope -trace-pc\nor the pctrace plugin, one PC per "
                "line.\n");
        return argc == 2 && (strcmp(argv[1], "-h") == 0 ||
                             strcmp(argv[1], "--help") == 0)
                   ? 0
                   : 1;
    }
    memset(&r, 0, sizeof(r));
    r.path = argv[1];
    r.f = fopen(r.path, "rb");
    if (!r.f) {
        fail(&r, "%s", strerror(errno));
    }
    read_header(&r);
    read_records(&r);
    fclose(r.f);
    free(r.blocks);
    free(r.bits);
    free(r.mems);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fail(&r, "cannot write the output");
    }
    return 0;
}
