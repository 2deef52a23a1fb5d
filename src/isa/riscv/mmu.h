/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Virtual memory (privileged spec ch. 4: Sv32, Sv39, Sv48, Sv57) and
 * physical memory protection (§3.7), with the per-hart TLB the executor
 * and the block cache probe inline.
 *
 * The TLB is direct-mapped, one array per access type (RV_ACCESS_*), and
 * holds 4 KiB translations that passed both the page permission check and
 * PMP, with the page's host address when it is main RAM: a hit in the
 * executor is then a host load or store, as with translation off. An
 * entry is tagged with its virtual page and a context: the privilege the
 * access runs at, plus mstatus.SUM and MXR for data, so a trap or a
 * change of those bits selects other entries instead of flushing. satp
 * writes, sfence.vma and PMP writes flush it; ASIDs are not used as tags
 * (a change of satp flushes, as QEMU 7.2 does).
 */
#ifndef RV_MMU_H
#define RV_MMU_H

#include "compiler.h"
#include "cpu.h"

#define RV_PAGE_SHIFT 12
#define RV_PAGE_SIZE (UINT64_C(1) << RV_PAGE_SHIFT)
#define RV_PAGE_MASK (~(RV_PAGE_SIZE - 1))

/* PTE bits (§4.3.1, §4.4.1). */
#define PTE_V 0x001u
#define PTE_R 0x002u
#define PTE_W 0x004u
#define PTE_X 0x008u
#define PTE_U 0x010u
#define PTE_G 0x020u
#define PTE_A 0x040u
#define PTE_D 0x080u
#define PTE_PPN_SHIFT 10

/* Outcome of a walk or a PMP check. */
enum {
    RV_XLATE_OK = 0,
    RV_XLATE_PAGE_FAULT = 1,
    RV_XLATE_ACCESS_FAULT = 2,
};

enum {
    RV_PMP_ALLOW = 0,
    RV_PMP_DENY = 1,
    RV_PMP_MIXED = 2, /* an entry covers only part of the range */
};

/* the mstatus bits translation depends on (besides priv) */
#define RV_MMU_MSTATUS_BITS                                                  \
    (MSTATUS_MPRV | MSTATUS_MPP | MSTATUS_SUM | MSTATUS_MXR)

static inline uint32_t rv_mmu_key_of(const RvCpu *cpu)
{
    return cpu->priv | (uint32_t)(cpu->mstatus & RV_MMU_MSTATUS_BITS);
}

static inline uint64_t rv_tlb_tag(uint64_t va, unsigned ctx)
{
    return (va & RV_PAGE_MASK) | ctx;
}

static inline RvTlbEntry *rv_tlb_entry(RvCpu *cpu, unsigned type,
                                       uint64_t va)
{
    return &cpu->tlb[type][(va >> RV_PAGE_SHIFT) & (RV_TLB_SIZE - 1)];
}

/*
 * rv_mmu_update() - recompute the TLB contexts and the direct-access
 * flags from priv, mstatus and the PMP entries.
 */
void rv_mmu_update(RvCpu *cpu);

/*
 * rv_mmu_sync() - rv_mmu_update() if priv or the translation bits of
 * mstatus changed since the last one. The block lookup calls it: those
 * change only in instructions and traps that end a block.
 */
static inline void rv_mmu_sync(RvCpu *cpu)
{
    if (unlikely(rv_mmu_key_of(cpu) != cpu->mmu_key)) {
        rv_mmu_update(cpu);
    }
}

/* rv_mmu_reset() - empty TLB, contexts from the reset state. */
void rv_mmu_reset(RvCpu *cpu);

/* rv_tlb_flush() - sfence.vma with rs1 = x0 (any ASID). */
void rv_tlb_flush(RvCpu *cpu);

/*
 * rv_tlb_flush_page() - sfence.vma with rs1 = va: drop the translations
 * of that page (all of them if a superpage is cached, since entries are
 * per 4 KiB page).
 */
void rv_tlb_flush_page(RvCpu *cpu, uint64_t va);

/*
 * rv_satp_write() - a write to satp (§4.1.11): a write selecting an
 * unsupported MODE leaves satp unchanged; every ASID bit is writable
 * (ASIDLEN 9 on RV32, 16 on RV64, as QEMU 7.2). Flushes the TLB when
 * the value changes.
 */
void rv_satp_write(RvCpu *cpu, uint64_t v);

/*
 * rv_pmp_changed() - a pmpcfg/pmpaddr write: flush the TLB and the
 * decoded blocks (their fetches were checked), recompute the flags.
 */
void rv_pmp_changed(RvCpu *cpu);

/*
 * rv_pmp_check() - PMP rule for [pa, pa+size) accessed with `type` at
 * privilege `priv` (§3.7.1): the lowest-numbered entry matching any
 * byte decides; it must match all of them (else RV_PMP_MIXED, a failure
 * for an access); M-mode obeys only locked entries; with no match M is
 * allowed and S/U denied (this hart implements all 16 entries).
 */
int rv_pmp_check(const RvCpu *cpu, uint64_t pa, uint64_t size,
                 unsigned type, unsigned priv);

/*
 * rv_pte_allows() - the leaf PTE permission rules (§4.3.1 step 5,
 * §4.3.2, §3.1.6.3): reserved R/W/X encodings, U pages only for U-mode
 * (and S data accesses with SUM; never S fetches), S pages never for U,
 * R for loads (or X with MXR), W for stores, X for fetches.
 */
bool rv_pte_allows(uint64_t pte, unsigned type, unsigned priv, bool sum,
                   bool mxr);

/*
 * rv_mmu_walk() - the page-table walk of §4.3.2 through cpu->satp for
 * `type` at `priv` (S or U) with the given SUM/MXR, setting A (and D
 * for stores) in the leaf PTE, as QEMU 7.2 does. Returns RV_XLATE_OK
 * with *pa, or the fault kind. Logs one line under -d mmu.
 */
int rv_mmu_walk(RvCpu *cpu, uint64_t va, unsigned type, unsigned priv,
                bool sum, bool mxr, uint64_t *pa);

/*
 * rv_mmu_data() - a data access the inline TLB probe could not serve.
 * Returns 1 with *pa when [pa, pa+size) is to be accessed physically by
 * the caller; 2 when the access crossed into a non-contiguous page and
 * was done here byte by byte (a load's value in *v, a store's from *v);
 * 0 on a fault, recorded in cpu->mem_fault*.
 */
int rv_mmu_data(RvCpu *cpu, uint64_t va, unsigned size, unsigned type,
                uint64_t *pa, uint64_t *v);

/*
 * rv_mmu_probe() - translate a naturally aligned access without
 * performing it (AMOs check store permission first). false on a fault,
 * recorded in cpu->mem_fault*.
 */
bool rv_mmu_probe(RvCpu *cpu, uint64_t va, unsigned size, unsigned type);

/*
 * rv_mmu_fetch() - physical address of the `size` instruction bytes at
 * va (within one page). false with the exception cause in *cause
 * (instruction page or access fault; the tval is va).
 */
bool rv_mmu_fetch(RvCpu *cpu, uint64_t va, unsigned size, uint64_t *pa,
                  uint64_t *cause);

/*
 * rv_mmu_debug_translate() - a debugger's or plugin's view of va as a
 * data load would see it now: no A/D update, no TLB fill, no PMP.
 */
bool rv_mmu_debug_translate(RvCpu *cpu, uint64_t va, uint64_t *pa);

#endif
