/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Decoded blocks: straight-line runs of instructions decoded once and
 * cached by start PC. A block ends at the first instruction that can
 * change control flow, privilege or interrupt state, at a page boundary,
 * or after RV_BLOCK_MAX_INSNS. A store into RAM holding decoded code
 * drops the cache (self-modifying code stays correct).
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
    struct PluginBlock *plugin; /* instrumentation, or NULL */
    uint32_t trace_id; /* its id in cpu->trace, if there is one */
    uint32_t n_insns;
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

/* rv_blocks_flush() - forget every decoded block. */
void rv_blocks_flush(RvCpu *cpu);

/*
 * rv_code_written() - [paddr, paddr+size) of main RAM was written and
 * may hold decoded code: drop stale blocks and make the executor leave
 * the current block after this instruction.
 */
void rv_code_written(RvCpu *cpu, uint64_t paddr, uint64_t size);

/* rv_is_code() - does this RAM offset lie in a chunk holding code? */
static inline bool rv_is_code(const RvCpu *cpu, uint64_t ram_off)
{
    uint64_t chunk = ram_off >> BUS_CODE_CHUNK_SHIFT;

    return (cpu->code_bits[chunk >> 3] >> (chunk & 7)) & 1;
}

#endif
