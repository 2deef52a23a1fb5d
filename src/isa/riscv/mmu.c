/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Address translation (privileged spec ch. 4), PMP (§3.7) and the TLB
 * (see mmu.h). Compiled once: XLEN is the hart's run-time property.
 */
#include "mmu.h"

#include <assert.h>
#include <inttypes.h>
#include <string.h>

#include "block.h"
#include "log.h"

#define SATP32_MODE_SHIFT 31
#define SATP32_PPN_MASK UINT64_C(0x3fffff)
#define SATP64_MODE_SHIFT 60
#define SATP64_PPN_MASK ((UINT64_C(1) << 44) - 1)
#define SATP_MODE_BARE 0u
#define SATP_MODE_SV32 1u
#define SATP_MODE_SV39 8u
#define SATP_MODE_SV48 9u
#define SATP_MODE_SV57 10u
/* Sv39+ PTE bits 63:54 (PBMT, N, reserved): zero without Svpbmt/Svnapot */
#define PTE64_RESERVED_SHIFT 54

static unsigned satp_mode(const RvCpu *cpu)
{
    return cpu->xlen == 32 ? (unsigned)(cpu->satp >> SATP32_MODE_SHIFT) & 1
                           : (unsigned)(cpu->satp >> SATP64_MODE_SHIFT);
}

/* The privilege data accesses run at: MPP when M-mode sets MPRV. */
static unsigned data_priv(const RvCpu *cpu)
{
    if (cpu->priv == RV_PRIV_M && (cpu->mstatus & MSTATUS_MPRV)) {
        return (unsigned)((cpu->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
    }
    return cpu->priv;
}

static unsigned pmp_mode(const RvCpu *cpu, unsigned i)
{
    return (cpu->pmpcfg[i] >> PMPCFG_A_SHIFT) & 3;
}

static bool pmp_any_locked(const RvCpu *cpu)
{
    for (unsigned i = 0; i < RV_PMP_ENTRIES; i++) {
        if ((cpu->pmpcfg[i] & PMPCFG_L) && pmp_mode(cpu, i)) {
            return true;
        }
    }
    return false;
}

void rv_mmu_update(RvCpu *cpu)
{
    unsigned dpriv = data_priv(cpu);
    bool locked = pmp_any_locked(cpu);

    cpu->tlb_dctx = (uint8_t)(dpriv | (cpu->mstatus & MSTATUS_SUM ? 4 : 0) |
                              (cpu->mstatus & MSTATUS_MXR ? 8 : 0));
    cpu->tlb_ictx = (uint8_t)cpu->priv;
    cpu->data_direct = RV_PRIV_M == dpriv && !locked;
    cpu->fetch_direct = RV_PRIV_M == cpu->priv && !locked;
    cpu->mmu_key = rv_mmu_key_of(cpu);
}

void rv_tlb_flush(RvCpu *cpu)
{
    memset(cpu->tlb, 0xff, sizeof(cpu->tlb));
    cpu->tlb_has_super = false;
}

void rv_tlb_flush_page(RvCpu *cpu, uint64_t va)
{
    if (cpu->tlb_has_super) {
        rv_tlb_flush(cpu);
        return;
    }
    for (unsigned t = 0; t < RV_ACCESS_TYPES; t++) {
        RvTlbEntry *e = rv_tlb_entry(cpu, t, va);

        if ((e->tag & RV_PAGE_MASK) == (va & RV_PAGE_MASK)) {
            e->tag = UINT64_MAX;
        }
    }
}

void rv_mmu_reset(RvCpu *cpu)
{
    rv_tlb_flush(cpu);
    cpu->mem_fault = false;
    rv_mmu_update(cpu);
}

void rv_satp_write(RvCpu *cpu, uint64_t v)
{
    unsigned mode;

    if (cpu->xlen == 32) {
        v &= UINT64_C(0xffffffff); /* MODE 0 (Bare) and 1 (Sv32) */
    } else {
        mode = (unsigned)(v >> SATP64_MODE_SHIFT);
        if (mode != SATP_MODE_BARE && mode != SATP_MODE_SV39 &&
            mode != SATP_MODE_SV48 && mode != SATP_MODE_SV57) {
            return;
        }
    }
    if (v != cpu->satp) {
        cpu->satp = v;
        rv_tlb_flush(cpu);
    }
}

void rv_pmp_changed(RvCpu *cpu)
{
    rv_tlb_flush(cpu);
    if (cpu->code_bits) {
        rv_blocks_flush(cpu);
    }
    rv_mmu_update(cpu);
}

/* The byte range [*lo, *hi] entry i covers; false if none (OFF, empty). */
static bool pmp_range(const RvCpu *cpu, unsigned i, uint64_t *lo,
                      uint64_t *hi)
{
    uint64_t a = cpu->pmpaddr[i];

    switch (pmp_mode(cpu, i)) {
    case PMPCFG_A_TOR: {
        uint64_t prev = i ? cpu->pmpaddr[i - 1] : 0;

        if (a <= prev) {
            return false; /* §3.7.1.1: no match when pmpaddr[i-1] >= it */
        }
        *lo = prev << 2;
        *hi = (a << 2) - 1;
        return true;
    }
    case PMPCFG_A_NA4:
        *lo = a << 2;
        *hi = *lo + 3;
        return true;
    case PMPCFG_A_NAPOT: {
        /* trailing ones t: a 2^(t+3)-byte region */
        uint64_t ones = ~a & (a + 1); /* lowest zero bit of a */
        uint64_t size = ones << 3;    /* 0 when every bit is one */

        if (!ones) {
            *lo = 0;
            *hi = UINT64_MAX;
            return true;
        }
        *lo = (a & ~(ones - 1)) << 2;
        *lo &= ~(size - 1);
        *hi = *lo + size - 1;
        return true;
    }
    default:
        return false;
    }
}

int rv_pmp_check(const RvCpu *cpu, uint64_t pa, uint64_t size,
                 unsigned type, unsigned priv)
{
    static const uint8_t need[RV_ACCESS_TYPES] = {
        [RV_ACCESS_FETCH] = PMPCFG_X,
        [RV_ACCESS_LOAD] = PMPCFG_R,
        [RV_ACCESS_STORE] = PMPCFG_W,
    };
    uint64_t last = pa + size - 1;

    assert(size > 0 && type < RV_ACCESS_TYPES);
    for (unsigned i = 0; i < RV_PMP_ENTRIES; i++) {
        uint64_t lo, hi;
        uint8_t cfg = cpu->pmpcfg[i];

        if (!pmp_range(cpu, i, &lo, &hi) || last < lo || pa > hi) {
            continue;
        }
        if (pa < lo || last > hi) {
            return RV_PMP_MIXED;
        }
        if (priv == RV_PRIV_M && !(cfg & PMPCFG_L)) {
            return RV_PMP_ALLOW;
        }
        return (cfg & need[type]) ? RV_PMP_ALLOW : RV_PMP_DENY;
    }
    return priv == RV_PRIV_M ? RV_PMP_ALLOW : RV_PMP_DENY;
}

bool rv_pte_allows(uint64_t pte, unsigned type, unsigned priv, bool sum,
                   bool mxr)
{
    if ((pte & (PTE_R | PTE_W)) == PTE_W) {
        return false; /* W and W+X without R are reserved */
    }
    if (priv == RV_PRIV_U && !(pte & PTE_U)) {
        return false;
    }
    if (priv == RV_PRIV_S && (pte & PTE_U) &&
        (type == RV_ACCESS_FETCH || !sum)) {
        return false;
    }
    switch (type) {
    case RV_ACCESS_FETCH:
        return (pte & PTE_X) != 0;
    case RV_ACCESS_LOAD:
        return (pte & PTE_R) || (mxr && (pte & PTE_X));
    default:
        return (pte & PTE_W) != 0;
    }
}

static const char *const access_names[RV_ACCESS_TYPES] = {
    "fetch", "load", "store"
};
static const char *const result_names[3] = {
    "ok", "page fault", "access fault"
};

static void log_walk(const RvCpu *cpu, uint64_t va, unsigned type,
                     unsigned priv, uint64_t pte, int level, uint64_t pa,
                     int res)
{
    int w = cpu->xlen == 32 ? 8 : 16;

    log_printf("mmu: hart=%u va=0x%0*" PRIx64 " %s priv=%c pte=0x%0*" PRIx64
               " level=%d pa=0x%0*" PRIx64 " %s\n",
               cpu->hartid, w, va, access_names[type], "US?M"[priv & 3], w,
               pte, level, w, res == RV_XLATE_OK ? pa : 0,
               result_names[res]);
}

/* The walk proper; update_ad false: a side-effect-free debug lookup. */
static int walk(RvCpu *cpu, uint64_t va, unsigned type, unsigned priv,
                bool sum, bool mxr, bool update_ad, uint64_t *pa,
                unsigned *level_out)
{
    Bus *bus = &cpu->machine->bus;
    bool is32 = cpu->xlen == 32;
    unsigned vpn_bits = is32 ? 10 : 9, pte_size = is32 ? 4 : 8;
    unsigned mode = satp_mode(cpu), levels;
    uint64_t base, pte = 0, pte_addr, ppn;
    int i, res = RV_XLATE_PAGE_FAULT;

    switch (mode) {
    case SATP_MODE_SV32:
        levels = is32 ? 2 : 0;
        break;
    case SATP_MODE_SV39:
        levels = 3;
        break;
    case SATP_MODE_SV48:
        levels = 4;
        break;
    case SATP_MODE_SV57:
        levels = 5;
        break;
    default:
        levels = 0;
        break;
    }
    assert(levels > 0 && priv != RV_PRIV_M);
    base = (cpu->satp & (is32 ? SATP32_PPN_MASK : SATP64_PPN_MASK))
           << RV_PAGE_SHIFT;
    i = (int)levels - 1;
    if (!is32) {
        /* §4.4.1: bits above the VA width must equal its top bit */
        unsigned shift = 64 - (RV_PAGE_SHIFT + levels * vpn_bits);

        if ((uint64_t)((int64_t)(va << shift) >> shift) != va) {
            goto done;
        }
    }
    for (;; i--) {
        uint64_t vpn = (va >> (RV_PAGE_SHIFT + i * vpn_bits)) &
                       ((UINT64_C(1) << vpn_bits) - 1);

        /* §4.3.2 step 2: the PTE read is checked as an S-mode load */
        pte_addr = base + vpn * pte_size;
        if (update_ad && rv_pmp_check(cpu, pte_addr, pte_size, RV_ACCESS_LOAD,
                                      RV_PRIV_S) != RV_PMP_ALLOW) {
            res = RV_XLATE_ACCESS_FAULT;
            goto done;
        }
        if (!bus_read(bus, pte_addr, pte_size, &pte)) {
            res = RV_XLATE_ACCESS_FAULT;
            goto done;
        }
        if (!(pte & PTE_V) || (pte & (PTE_R | PTE_W)) == PTE_W ||
            (!is32 && (pte >> PTE64_RESERVED_SHIFT))) {
            goto done;
        }
        ppn = pte >> PTE_PPN_SHIFT;
        if (pte & (PTE_R | PTE_X)) {
            break; /* a leaf */
        }
        /* non-leaf: D, A, U are reserved (§4.3.1); the last level must be a leaf */
        if ((pte & (PTE_D | PTE_A | PTE_U)) || i == 0) {
            goto done;
        }
        base = ppn << RV_PAGE_SHIFT;
    }
    if (!rv_pte_allows(pte, type, priv, sum, mxr)) {
        goto done;
    }
    /* §4.3.2 step 6: a superpage's PPN must be aligned to its size */
    if (ppn & ((UINT64_C(1) << (i * vpn_bits)) - 1)) {
        goto done;
    }
    if (update_ad) {
        uint64_t set = PTE_A | (type == RV_ACCESS_STORE ? PTE_D : 0);

        if ((pte & set) != set) {
            MemRegion *r = bus_find(bus, pte_addr, pte_size);

            /* QEMU 7.2: a PTE outside RAM cannot be updated: page fault */
            if (!r || r->kind != MEM_RAM) {
                goto done;
            }
            pte |= set;
            bus_write(bus, pte_addr, pte_size, pte);
        }
    }
    {
        uint64_t off_mask = (UINT64_C(1) << (RV_PAGE_SHIFT + i * vpn_bits)) - 1;

        *pa = ((ppn << RV_PAGE_SHIFT) & ~off_mask) | (va & off_mask);
    }
    *level_out = (unsigned)i;
    res = RV_XLATE_OK;
done:
    if (update_ad && log_enabled(LOG_MMU)) {
        log_walk(cpu, va, type, priv, pte, i, *pa, res);
    }
    return res;
}

int rv_mmu_walk(RvCpu *cpu, uint64_t va, unsigned type, unsigned priv,
                bool sum, bool mxr, uint64_t *pa)
{
    unsigned level;

    *pa = 0;
    return walk(cpu, va, type, priv, sum, mxr, true, pa, &level);
}

static uint64_t fault_cause(unsigned type, int res)
{
    static const uint64_t page[RV_ACCESS_TYPES] = {
        RV_CAUSE_INSN_PAGE_FAULT, RV_CAUSE_LOAD_PAGE_FAULT,
        RV_CAUSE_STORE_PAGE_FAULT,
    };
    static const uint64_t access[RV_ACCESS_TYPES] = {
        RV_CAUSE_INSN_ACCESS, RV_CAUSE_LOAD_ACCESS, RV_CAUSE_STORE_ACCESS,
    };

    return res == RV_XLATE_PAGE_FAULT ? page[type] : access[type];
}

/* Physical page pa in host memory if it is all main RAM, else NULL. */
static uint8_t *page_host(const RvCpu *cpu, uint64_t pa)
{
    uint64_t off = pa - cpu->ram_base;

    if (off >= cpu->ram_size || cpu->ram_size - off < RV_PAGE_SIZE ||
        (cpu->ram_hole_size && pa < cpu->ram_hole_base + cpu->ram_hole_size &&
         cpu->ram_hole_base < pa + RV_PAGE_SIZE)) {
        return NULL;
    }
    return cpu->ram_host + off;
}

/*
 * Translate [va, va+size), within one page, for `type`: a TLB hit, or a
 * walk (when translation is on) and the PMP check, caching the result
 * when PMP treats the whole physical page alike. Returns 0 or the cause.
 */
static uint64_t translate(RvCpu *cpu, uint64_t va, unsigned size,
                          unsigned type, uint64_t *pa)
{
    bool is_fetch = type == RV_ACCESS_FETCH;
    unsigned priv = is_fetch ? cpu->priv : data_priv(cpu);
    unsigned ctx = is_fetch ? cpu->tlb_ictx : cpu->tlb_dctx;
    RvTlbEntry *e = rv_tlb_entry(cpu, type, va);
    uint64_t p = va;
    unsigned level = 0;

    if (e->tag == rv_tlb_tag(va, ctx)) {
        *pa = e->paddr | (va & ~RV_PAGE_MASK);
        return 0;
    }
    if (priv != RV_PRIV_M && satp_mode(cpu) != SATP_MODE_BARE) {
        int res = walk(cpu, va, type, priv,
                       !is_fetch && (cpu->mstatus & MSTATUS_SUM),
                       !is_fetch && (cpu->mstatus & MSTATUS_MXR), true, &p,
                       &level);

        if (res != RV_XLATE_OK) {
            return fault_cause(type, res);
        }
    }
    switch (rv_pmp_check(cpu, p & RV_PAGE_MASK, RV_PAGE_SIZE, type, priv)) {
    case RV_PMP_ALLOW:
        e->tag = rv_tlb_tag(va, ctx);
        e->paddr = p & RV_PAGE_MASK;
        e->host = page_host(cpu, e->paddr);
        if (level) {
            cpu->tlb_has_super = true;
        }
        break;
    case RV_PMP_DENY:
        return fault_cause(type, RV_XLATE_ACCESS_FAULT);
    default:
        /* entries split the page: check this access alone, every time */
        if (rv_pmp_check(cpu, p, size, type, priv) != RV_PMP_ALLOW) {
            return fault_cause(type, RV_XLATE_ACCESS_FAULT);
        }
        break;
    }
    *pa = p;
    return 0;
}

static bool record_fault(RvCpu *cpu, uint64_t cause, uint64_t va)
{
    cpu->mem_fault = true;
    cpu->mem_fault_cause = cause;
    cpu->mem_fault_tval = va;
    return false;
}

int rv_mmu_data(RvCpu *cpu, uint64_t va, unsigned size, unsigned type,
                uint64_t *pa, uint64_t *v)
{
    Bus *bus = &cpu->machine->bus;
    uint64_t in_page = RV_PAGE_SIZE - (va & ~RV_PAGE_MASK);
    uint64_t va2, pa2, cause;

    assert(type != RV_ACCESS_FETCH);
    if (size <= in_page) {
        cause = translate(cpu, va, size, type, pa);
        return cause ? record_fault(cpu, cause, va) : 1;
    }
    /* crossing into the next page: both must translate, first first */
    va2 = va + in_page;
    if (cpu->xlen == 32) {
        va2 &= UINT64_C(0xffffffff);
    }
    cause = translate(cpu, va, (unsigned)in_page, type, pa);
    if (cause) {
        return record_fault(cpu, cause, va);
    }
    cause = translate(cpu, va2, size - (unsigned)in_page, type, &pa2);
    if (cause) {
        return record_fault(cpu, cause, va2);
    }
    if (pa2 == *pa + in_page) {
        return 1;
    }
    for (unsigned i = 0; i < size; i++) {
        uint64_t a = i < in_page ? *pa + i : pa2 + (i - in_page), b;

        if (type == RV_ACCESS_LOAD) {
            if (!bus_read(bus, a, 1, &b)) {
                return record_fault(cpu, RV_CAUSE_LOAD_ACCESS, va);
            }
            *v = i ? *v | (b << (8 * i)) : b;
        } else if (!bus_write(bus, a, 1, (*v >> (8 * i)) & 0xff)) {
            return record_fault(cpu, RV_CAUSE_STORE_ACCESS, va);
        }
    }
    return 2;
}

bool rv_mmu_probe(RvCpu *cpu, uint64_t va, unsigned size, unsigned type)
{
    uint64_t pa, cause = translate(cpu, va, size, type, &pa);

    return cause ? record_fault(cpu, cause, va) : true;
}

bool rv_mmu_fetch(RvCpu *cpu, uint64_t va, unsigned size, uint64_t *pa,
                  uint64_t *cause)
{
    *cause = translate(cpu, va, size, RV_ACCESS_FETCH, pa);
    return *cause == 0;
}

bool rv_mmu_debug_translate(RvCpu *cpu, uint64_t va, uint64_t *pa)
{
    unsigned priv = data_priv(cpu), level;

    if (priv == RV_PRIV_M || satp_mode(cpu) == SATP_MODE_BARE) {
        *pa = va;
        return true;
    }
    return walk(cpu, va, RV_ACCESS_LOAD, priv, cpu->mstatus & MSTATUS_SUM,
                cpu->mstatus & MSTATUS_MXR, false, pa,
                &level) == RV_XLATE_OK;
}
