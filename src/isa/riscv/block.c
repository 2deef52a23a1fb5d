/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The decoded-block cache (see block.h). */
#include "block.h"

#include <stdlib.h>
#include <string.h>

#include "compiler.h"
#include "disas.h"
#include "error.h"
#include "fstrace.h"
#include "mmu.h"
#include "plugin.h"

#define HASH_BITS 12
#define ARENA_SIZE (8u << 20)
#define PAGE_SIZE 4096u
/* a block that went on to other blocks than its links this often: unlinked */
#define LINK_MISSES_MAX 16
/* bytes of cpu->code_bits per RAM page */
#define PAGE_CODE_BYTES (1u << (RV_PAGE_SHIFT - BUS_CODE_CHUNK_SHIFT - 3))

_Static_assert(PAGE_SIZE == RV_PAGE_SIZE, "blocks end at MMU pages");

/* the generation of every page outside RAM: stores never change ROM */
static const uint32_t rom_gen;

struct RvBlockCache {
    RvBlock *buckets[1u << HASH_BITS];
    uint8_t *arena;
    size_t used;
    uint64_t code_lo, code_hi; /* RAM offsets marked in code_bits */
    uint32_t *page_gen; /* per RAM page: bumped when its code is written */
    RvBlock *running; /* the last block handed out, or NULL */
};

RvBlockCache *rv_blocks_new(void)
{
    RvBlockCache *bc = calloc(1, sizeof(*bc));

    if (!bc) {
        return NULL;
    }
    bc->arena = malloc(ARENA_SIZE);
    if (!bc->arena) {
        free(bc);
        return NULL;
    }
    bc->code_lo = UINT64_MAX;
    return bc;
}

void rv_blocks_free(RvBlockCache *bc)
{
    if (bc) {
        free(bc->page_gen);
        free(bc->arena);
        free(bc);
    }
}

int rv_blocks_map_ram(RvCpu *cpu)
{
    RvBlockCache *bc = cpu->blocks;
    size_t pages = (size_t)(cpu->ram_size >> RV_PAGE_SHIFT) + 1;

    free(cpu->code_bits);
    free(bc->page_gen);
    cpu->code_bits = calloc(pages, PAGE_CODE_BYTES);
    bc->page_gen = calloc(pages, sizeof(uint32_t));
    if (!cpu->code_bits || !bc->page_gen) {
        return fs_error(FS_ENOMEM, "cpu: out of memory");
    }
    bc->code_lo = UINT64_MAX;
    rv_blocks_flush(cpu);
    return 0;
}

static unsigned hash_pc(uint64_t pc)
{
    return (unsigned)((pc >> 1) ^ (pc >> (HASH_BITS + 1))) &
           ((1u << HASH_BITS) - 1);
}

void rv_blocks_flush(RvCpu *cpu)
{
    RvBlockCache *bc = cpu->blocks;

    memset(bc->buckets, 0, sizeof(bc->buckets));
    bc->used = 0;
    if (bc->code_lo <= bc->code_hi) {
        uint64_t first = (bc->code_lo >> BUS_CODE_CHUNK_SHIFT) >> 3;
        uint64_t last = (bc->code_hi >> BUS_CODE_CHUNK_SHIFT) >> 3;

        memset(cpu->code_bits + first, 0, last - first + 1);
    }
    bc->code_lo = UINT64_MAX;
    bc->code_hi = 0;
    bc->running = NULL;
    if (cpu->trace) {
        fstrace_forget_blocks(cpu->trace);
    }
    plugin_flush();
}

/* The generation a block decoded from physical pa depends on. */
static const uint32_t *page_gen_of(const RvCpu *cpu, uint64_t pa)
{
    uint64_t off = pa - cpu->ram_base;

    return off < cpu->ram_size ? &cpu->blocks->page_gen[off >> RV_PAGE_SHIFT]
                               : &rom_gen;
}

/* Has a page b was decoded from been written since? */
static bool block_stale(const RvCpu *cpu, const RvBlock *b)
{
    return *b->page_gen != b->gen ||
           (b->ppc2 != RV_BLOCK_NO_PAGE &&
            *page_gen_of(cpu, b->ppc2) != b->gen2);
}

/*
 * Make every block decoded from RAM page `page` stale. Their code bits
 * are cleared, so further stores there (data next to code) cost nothing
 * until a block is decoded from the page again.
 */
static void drop_page(RvCpu *cpu, uint64_t page)
{
    if (++cpu->blocks->page_gen[page] == 0) {
        /* wrapped: a block 2^32 generations old would look current */
        rv_blocks_flush(cpu);
        return;
    }
    memset(cpu->code_bits + page * PAGE_CODE_BYTES, 0, PAGE_CODE_BYTES);
}

void rv_code_written(RvCpu *cpu, uint64_t paddr, uint64_t size)
{
    uint64_t off = paddr - cpu->ram_base;
    bool dropped = false;

    if (off >= cpu->ram_size || size == 0) {
        return;
    }
    if (size > cpu->ram_size - off) {
        size = cpu->ram_size - off;
    }
    for (uint64_t c = off >> BUS_CODE_CHUNK_SHIFT;
         c <= (off + size - 1) >> BUS_CODE_CHUNK_SHIFT; c++) {
        if ((cpu->code_bits[c >> 3] >> (c & 7)) & 1) {
            drop_page(cpu, c >> (RV_PAGE_SHIFT - BUS_CODE_CHUNK_SHIFT));
            dropped = true;
        }
    }
    /*
     * The running block goes on unless it was one of them (then its next
     * instruction is decoded anew); a flush (wrap) leaves it NULL.
     */
    if (dropped && (!cpu->blocks->running ||
                    block_stale(cpu, cpu->blocks->running))) {
        cpu->stop_icount = 0;
    }
}

static void mark_code(RvCpu *cpu, uint64_t paddr, uint64_t len)
{
    RvBlockCache *bc = cpu->blocks;
    uint64_t off = paddr - cpu->ram_base;

    if (off >= cpu->ram_size) {
        return; /* ROM: guest writes cannot change it */
    }
    for (uint64_t c = off >> BUS_CODE_CHUNK_SHIFT;
         c <= (off + len - 1) >> BUS_CODE_CHUNK_SHIFT; c++) {
        cpu->code_bits[c >> 3] |= (uint8_t)(1u << (c & 7));
    }
    if (off < bc->code_lo) {
        bc->code_lo = off;
    }
    if (off + len - 1 > bc->code_hi) {
        bc->code_hi = off + len - 1;
    }
}

/* Ops after which the block must end (control flow, traps, CSR state). */
static bool ends_block(unsigned op)
{
    switch (op) {
    case RV_OP_JAL:
    case RV_OP_JALR:
    case RV_OP_BEQ:
    case RV_OP_BNE:
    case RV_OP_BLT:
    case RV_OP_BGE:
    case RV_OP_BLTU:
    case RV_OP_BGEU:
    case RV_OP_ECALL:
    case RV_OP_EBREAK:
    case RV_OP_MRET:
    case RV_OP_SRET:
    case RV_OP_WFI:
    case RV_OP_FENCE_I:
    case RV_OP_SFENCE_VMA:
    case RV_OP_CSRRW:
    case RV_OP_CSRRS:
    case RV_OP_CSRRC:
    case RV_OP_CSRRWI:
    case RV_OP_CSRRSI:
    case RV_OP_CSRRCI:
    case RV_OP_ILLEGAL:
        return true;
    default:
        return false;
    }
}

/* va + n at XLEN bits */
static uint64_t va_add(const RvCpu *cpu, uint64_t va, uint64_t n)
{
    return cpu->xlen == 32 ? (uint32_t)(va + n) : va + n;
}

/*
 * The 16 instruction bits at va: translated (unless fetches are direct)
 * and read from RAM/ROM. NULL with the cause in *cause if that fails.
 */
static const uint8_t *fetch_half(RvCpu *cpu, uint64_t va, uint64_t *pa,
                                 uint64_t *cause)
{
    const uint8_t *p;

    *pa = va;
    if (!cpu->fetch_direct && !rv_mmu_fetch(cpu, va, 2, pa, cause)) {
        return NULL;
    }
    p = bus_host_ptr(&cpu->machine->bus, *pa, 2);
    if (!p) {
        *cause = RV_CAUSE_INSN_ACCESS;
    }
    return p;
}

/*
 * Fetch the instruction at pc (16 bits, then 16 more if it is a 32-bit
 * one). Returns false, with the cause and the faulting address (that of
 * the half that failed, as QEMU reports it) in *cause and *bad. *pa_lo
 * and *pa_hi: the physical addresses of the two halves.
 */
static bool fetch(RvCpu *cpu, uint64_t pc, uint32_t *insn, uint64_t *pa_lo,
                  uint64_t *pa_hi, uint64_t *cause, uint64_t *bad)
{
    const uint8_t *p = fetch_half(cpu, pc, pa_lo, cause);
    uint32_t lo, hi;

    if (!p) {
        *bad = pc;
        return false;
    }
    lo = (uint32_t)p[0] | ((uint32_t)p[1] << 8);
    *pa_hi = RV_BLOCK_NO_PAGE;
    if ((lo & 3) != 3) {
        *insn = lo;
        return true;
    }
    p = fetch_half(cpu, va_add(cpu, pc, 2), pa_hi, cause);
    if (!p) {
        *bad = va_add(cpu, pc, 2);
        return false;
    }
    hi = (uint32_t)p[0] | ((uint32_t)p[1] << 8);
    *insn = lo | (hi << 16);
    return true;
}

/* qemu_plugin_insn_disas() for each XLEN (targets wrap at XLEN bits) */
static size_t disas_rv32(const void *decoded, uint64_t vaddr, char *buf,
                         size_t len)
{
    return rv_disas(decoded, vaddr, 32, buf, len);
}

static size_t disas_rv64(const void *decoded, uint64_t vaddr, char *buf,
                         size_t len)
{
    return rv_disas(decoded, vaddr, 64, buf, len);
}

/* Let plugins instrument the block; returns the bytes their lists need. */
static size_t instrument(RvCpu *cpu, uint64_t pc, uint64_t ppc,
                         const RvDecoded *insns, unsigned n)
{
    PluginInsnDesc desc[RV_BLOCK_MAX_INSNS];
    uint64_t addr = pc;

    for (unsigned i = 0; i < n; i++) {
        /* the block's page is physically contiguous from ppc */
        uint8_t *host = bus_host_ptr(&cpu->machine->bus, ppc + (addr - pc),
                                     insns[i].len);

        desc[i].vaddr = addr;
        desc[i].data = host;
        desc[i].size = insns[i].len;
        desc[i].haddr = host;
        desc[i].decoded = &insns[i];
        addr += insns[i].len;
    }
    return plugin_tb_trans(cpu->hartid, pc, desc, n,
                           cpu->xlen == 32 ? disas_rv32 : disas_rv64);
}

/* Define a new block in the PC trace: returns its id there. */
static uint32_t trace_block(RvCpu *cpu, uint64_t pc, const RvDecoded *insns,
                            unsigned n)
{
    uint32_t long_bits = 0;

    _Static_assert(RV_BLOCK_MAX_INSNS <= 32, "one word of length bits");
    for (unsigned i = 0; i < n; i++) {
        if (insns[i].len == 4) {
            long_bits |= UINT32_C(1) << i;
        }
    }
    return fstrace_block(cpu->trace, pc, n, &long_bits);
}

static RvBlock *build_block(RvCpu *cpu, uint64_t pc, unsigned max_insns)
{
    RvBlockCache *bc = cpu->blocks;
    RvDecoded insns[RV_BLOCK_MAX_INSNS];
    uint64_t page_end = (pc | (PAGE_SIZE - 1)) + 1;
    uint64_t addr = pc, bad, cause, pa_lo, pa_hi;
    uint64_t ppc = pc, ppc2 = RV_BLOCK_NO_PAGE;
    unsigned n = 0;
    size_t plugin_bytes = 0, insn_bytes, need;
    RvBlock *b;
    uint32_t insn;

    while (n < max_insns && addr < page_end) {
        RvDecoded *d = &insns[n];

        if (!fetch(cpu, addr, &insn, &pa_lo, &pa_hi, &cause, &bad)) {
            if (n == 0) {
                rv_raise_exception(cpu, cause, bad);
                return NULL;
            }
            break; /* the fault is taken when execution gets there */
        }
        if (n == 0) {
            ppc = pa_lo;
        }
        rv_decode(insn, cpu->xlen, d);
        if (addr + 2 == page_end && d->len == 4) {
            ppc2 = pa_hi; /* the last instruction crosses the page */
        }
        n++;
        addr += d->len;
        if (ends_block(d->op)) {
            break;
        }
    }
    if (plugin_tb_trans_wanted) {
        plugin_bytes = instrument(cpu, pc, ppc, insns, n);
    }
    insn_bytes = (sizeof(RvBlock) + n * sizeof(RvDecoded) + 15) & ~(size_t)15;
    need = (insn_bytes + plugin_bytes + 15) & ~(size_t)15;
    if (bc->used + need > ARENA_SIZE) {
        rv_blocks_flush(cpu);
    }
    if (need > ARENA_SIZE) {
        abort(); /* a block and its instrumentation exceed the whole cache */
    }
    b = (RvBlock *)(bc->arena + bc->used);
    b->pc = pc;
    b->ppc = ppc;
    b->ppc2 = ppc2;
    b->page_gen = page_gen_of(cpu, ppc);
    b->gen = *b->page_gen;
    b->gen2 = ppc2 != RV_BLOCK_NO_PAGE ? *page_gen_of(cpu, ppc2) : 0;
    b->succ[0] = b->succ[1] = NULL;
    b->n_insns = n;
    b->link_misses = 0;
    b->trace_id = cpu->trace ? trace_block(cpu, pc, insns, n) : 0;
    memcpy(b->insn, insns, n * sizeof(RvDecoded));
    b->plugin = plugin_bytes
                    ? plugin_tb_compile(bc->arena + bc->used + insn_bytes)
                    : NULL;
    bc->used += need;
    mark_code(cpu, ppc, (addr < page_end ? addr : page_end) - pc);
    if (ppc2 != RV_BLOCK_NO_PAGE) {
        mark_code(cpu, ppc2, 2);
    }
    return b;
}

/* Does b still hold what a fetch at its PC reads now? (see block.h) */
static bool block_current(RvCpu *cpu, const RvBlock *b)
{
    uint64_t next, pa, cause;

    next = va_add(cpu, b->pc | (PAGE_SIZE - 1), 1);
    pa = next;
    if (!cpu->fetch_direct && !rv_mmu_fetch(cpu, next, 2, &pa, &cause)) {
        return false; /* a new block stops before the faulting insn */
    }
    return pa == b->ppc2 && *page_gen_of(cpu, pa) == b->gen2;
}

/* Is b the block at pc (physical ppc) as it would be decoded now? */
static bool block_matches(RvCpu *cpu, const RvBlock *b, uint64_t pc,
                          uint64_t ppc)
{
    return b->pc == pc && b->ppc == ppc && *b->page_gen == b->gen &&
           (likely(b->ppc2 == RV_BLOCK_NO_PAGE) || block_current(cpu, b));
}

const RvBlock *rv_block_get(RvCpu *cpu)
{
    RvBlockCache *bc = cpu->blocks;
    RvBlock *prev = bc->running, *b, **link;
    uint64_t pc = cpu->pc, ppc = pc, cause;
    unsigned h = hash_pc(pc);

    rv_mmu_sync(cpu);
    if (!cpu->fetch_direct && !rv_mmu_fetch(cpu, pc, 2, &ppc, &cause)) {
        rv_raise_exception(cpu, cause, pc);
        return NULL;
    }
    for (link = &bc->buckets[h]; (b = *link) != NULL;) {
        if (b->pc == pc && b->ppc == ppc) {
            if (unlikely(*b->page_gen != b->gen)) {
                *link = b->next; /* its page was written: drop it */
                continue;
            }
            if (likely(b->ppc2 == RV_BLOCK_NO_PAGE) || block_current(cpu, b)) {
                break;
            }
        }
        link = &b->next;
    }
    if (!b) {
        b = build_block(cpu, pc, cpu->machine->cfg.one_insn_per_block
                                     ? 1 : RV_BLOCK_MAX_INSNS);
        if (!b) {
            bc->running = NULL;
            return NULL;
        }
        b->next = bc->buckets[h];
        bc->buckets[h] = b;
    }
    /*
     * Link prev to it, unless building it flushed prev (see block.h).
     * A block that keeps going elsewhere (an indirect jump with many
     * targets: an interpreter's dispatch) is left unlinked, as
     * rewriting and vainly following its links cost more than chaining
     * gains (4% on bench/fw/interp.c).
     */
    if (prev && bc->running == prev && prev->succ[0] != b &&
        prev->link_misses < LINK_MISSES_MAX) {
        if (prev->succ[1] && prev->succ[1] != b &&
            ++prev->link_misses == LINK_MISSES_MAX) {
            prev->succ[0] = prev->succ[1] = NULL;
        } else {
            prev->succ[1] = prev->succ[0];
            prev->succ[0] = b;
        }
    }
    bc->running = b;
    return b;
}

const RvBlock *rv_block_chain(RvCpu *cpu, const RvBlock *blk)
{
    RvBlockCache *bc = cpu->blocks;
    uint64_t pc = cpu->pc, ppc = pc;
    RvBlock *b;

    if (bc->running != blk) {
        return NULL; /* flushed while it ran: its links are stale */
    }
    rv_mmu_sync(cpu);
    if (!cpu->fetch_direct) {
        /* a TLB hit only: a miss may fault, which rv_block_get() takes */
        const RvTlbEntry *e = rv_tlb_entry(cpu, RV_ACCESS_FETCH, pc);

        if (e->tag != rv_tlb_tag(pc, cpu->tlb_ictx)) {
            return NULL;
        }
        ppc = e->paddr | (pc & ~RV_PAGE_MASK);
    }
    for (unsigned i = 0; i < 2; i++) {
        b = blk->succ[i];
        if (b && block_matches(cpu, b, pc, ppc)) {
            bc->running = b;
            return b;
        }
    }
    return NULL;
}

const RvBlock *rv_block_get_limited(RvCpu *cpu, unsigned max_insns)
{
    /* not entered in the hash: it serves this one execution */
    cpu->blocks->running = build_block(cpu, cpu->pc,
                                       max_insns ? max_insns : 1);
    return cpu->blocks->running;
}
