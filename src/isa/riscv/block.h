/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Decoded blocks: straight-line runs of instructions decoded once and
 * cached by start PC. A block ends at the first instruction that can
 * change control flow, privilege or interrupt state, at a page boundary,
 * or after RV_BLOCK_MAX_INSNS. A store into RAM holding decoded code
 * drops the blocks decoded from that 4 KiB page (self-modifying code
 * stays correct, and code on other pages stays decoded): each RAM page
 * has a generation, bumped by such a store, and a block is taken only
 * while the generations of its page(s) are those it was decoded at.
 *
 * With address translation, blocks are keyed on the virtual PC and
 * checked against the physical one: each lookup translates the PC
 * through the fetch TLB (which also applies the privilege and PMP
 * checks) and takes a block only if it was decoded from that physical
 * address (and, for a last instruction crossing into the next page,
 * from that page's current physical address too). So satp writes and
 * sfence.vma need not touch the cache; PMP writes flush it.
 */
#ifndef RV_BLOCK_H
#define RV_BLOCK_H

#include "cpu.h"

#define RV_BLOCK_MAX_INSNS 32

#define RV_BLOCK_NO_PAGE UINT64_MAX

typedef struct RvBlock {
    uint64_t pc;
    uint64_t ppc;  /* physical address of pc */
    uint64_t ppc2; /* physical next page, or RV_BLOCK_NO_PAGE */
    struct RvBlock *next;  /* hash chain */
    /* links: the last two blocks found after it, latest first */
    struct RvBlock *succ[2];
    struct PluginBlock *plugin; /* instrumentation, or NULL */
    const uint32_t *page_gen; /* the generation of ppc's page */
    uint32_t gen;      /* *page_gen when decoded */
    uint32_t gen2;     /* ppc2's page generation when decoded */
    uint32_t trace_id; /* its id in cpu->trace, if there is one */
    uint32_t n_insns;
    uint8_t link_misses; /* see rv_block_get() */
    RvDecoded insn[];
} RvBlock;

/* rv_blocks_new()/rv_blocks_free() - the cache of one hart. */
RvBlockCache *rv_blocks_new(void);
void rv_blocks_free(RvBlockCache *bc);

/*
 * rv_block_get() - the block starting at cpu->pc, decoding it if needed.
 * If the first instruction cannot be fetched, raises the instruction
 * page or access fault (the trap is taken: cpu->pc is the handler) and
 * returns NULL.
 */
const RvBlock *rv_block_get(RvCpu *cpu);

/*
 * rv_log_block() - -d exec and -d cpu[,fpu]: log a block about to run,
 * in QEMU's formats (a "Trace" line; the PC, trap CSRs and registers as
 * riscv_cpu_dump_state prints them), so one parser reads both logs.
 */
void rv_log_block(RvCpu *cpu, const RvBlock *blk);

/*
 * rv_block_get_limited() - a fresh block at cpu->pc of at most max_insns
 * instructions, used when an instrumented block would run past a timer
 * deadline: as QEMU does in icount mode, block callbacks then see the
 * block that really runs. NULL (fault taken) as for rv_block_get().
 */
const RvBlock *rv_block_get_limited(RvCpu *cpu, unsigned max_insns);

/*
 * rv_blocks_map_ram() - (re)allocate the code tracking of the
 * cpu->ram_size bytes of main RAM (cpu->code_bits, freed with the cpu,
 * and a generation per page) and forget every block. 0 or -FS_ENOMEM.
 */
int rv_blocks_map_ram(RvCpu *cpu);

/*
 * rv_block_chain() - blk, the last block handed out, has run and the run
 * loop has nothing to do before the next one: the block at cpu->pc if
 * blk is linked to it (rv_block_get() links each block not ended by an
 * indirect jump to the last two it found after it), it still holds what
 * a fetch there reads and the fetch needs no page walk (a TLB hit); else
 * NULL, and the run loop looks it up. A link is checked as a hash hit
 * is, so it is only a hint; and as blocks are freed only by
 * rv_blocks_flush(), which forgets the last block handed out, no link is
 * followed to a freed block.
 */
const RvBlock *rv_block_chain(RvCpu *cpu, const RvBlock *blk);

/* rv_blocks_flush() - forget every decoded block. */
void rv_blocks_flush(RvCpu *cpu);

/*
 * rv_code_written() - [paddr, paddr+size) of main RAM was written and
 * may hold decoded code: drop the blocks of each page it wrote code in
 * and, if the running block is one of them, make the executor leave it
 * after this instruction.
 */
void rv_code_written(RvCpu *cpu, uint64_t paddr, uint64_t size);

/* rv_is_code() - does this RAM offset lie in a chunk holding code? */
static inline bool rv_is_code(const RvCpu *cpu, uint64_t ram_off)
{
    uint64_t chunk = ram_off >> BUS_CODE_CHUNK_SHIFT;

    return (cpu->code_bits[chunk >> 3] >> (chunk & 7)) & 1;
}

#endif
