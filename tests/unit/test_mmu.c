/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for address translation and PMP (mmu.c) against the
 * privileged spec: the leaf permission rules for every R/W/X/U x
 * privilege x SUM x MXR x access type (§4.3.1, §4.3.2 step 5, §3.1.6.3),
 * Sv39/Sv32 walks (superpages, misaligned superpages, A/D updates,
 * non-canonical addresses), PMP matching (§3.7.1) and which TLB entries
 * carry a host address.
 */
#include <stdlib.h>

#include "bus.h"
#include "cpu.h"
#include "machine.h"
#include "mmu.h"
#include "regs.h"
#include "test.h"
#include "vclock.h"

#define RAM_BASE UINT64_C(0x80000000)

typedef struct Hart {
    Machine m;
    RvCpu *cpu;
} Hart;

static Hart *hart_new(unsigned xlen)
{
    Hart *h = calloc(1, sizeof(*h));

    bus_init(&h->m.bus);
    bus_add_ram(&h->m.bus, "ram", RAM_BASE, 1 << 22);
    h->cpu = rv_cpu_new(&h->m, xlen, 0, RAM_BASE);
    h->m.cpus[0] = h->cpu;
    h->m.n_cpus = 1;
    vclock_init(&h->m.clock, &h->cpu->icount, 0);
    rv_cpu_map_memory(h->cpu);
    return h;
}

/* PMP: one NAPOT entry, RWX over everything (walks read as S-mode) */
static void pmp_allow_all(RvCpu *cpu)
{
    cpu->pmpaddr[0] = (UINT64_C(1) << 54) - 1;
    cpu->pmpcfg[0] = (PMPCFG_A_NAPOT << PMPCFG_A_SHIFT) | PMPCFG_R |
                     PMPCFG_W | PMPCFG_X;
}

static void hart_free(Hart *h)
{
    rv_cpu_free(h->cpu);
    bus_free(&h->m.bus);
    free(h);
}

/* The spec's rule, written independently of rv_pte_allows(). */
static bool spec_allows(unsigned rwx_u, unsigned type, unsigned priv,
                        bool sum, bool mxr)
{
    bool r = rwx_u & 1, w = rwx_u & 2, x = rwx_u & 4, u = rwx_u & 8;
    bool ok;

    if (w && !r) {
        return false; /* reserved encodings (W, W+X) */
    }
    if (priv == RV_PRIV_U) {
        ok = u;
    } else {
        ok = !u || (sum && type != RV_ACCESS_FETCH);
    }
    if (type == RV_ACCESS_FETCH) {
        return ok && x;
    }
    if (type == RV_ACCESS_LOAD) {
        return ok && (r || (x && mxr));
    }
    return ok && w;
}

static void test_permissions(void)
{
    static const unsigned privs[2] = { RV_PRIV_U, RV_PRIV_S };
    unsigned n = 0;

    for (unsigned bits = 0; bits < 16; bits++) {
        uint64_t pte = PTE_V | PTE_A | PTE_D | ((bits & 1) ? PTE_R : 0) |
                       ((bits & 2) ? PTE_W : 0) | ((bits & 4) ? PTE_X : 0) |
                       ((bits & 8) ? PTE_U : 0);

        if (!(bits & 7)) {
            continue; /* not a leaf */
        }
        for (unsigned p = 0; p < 2; p++) {
            for (unsigned f = 0; f < 4; f++) {
                for (unsigned t = 0; t < RV_ACCESS_TYPES; t++) {
                    bool sum = f & 1, mxr = f & 2;
                    bool want = spec_allows(bits, t, privs[p], sum, mxr);

                    if (rv_pte_allows(pte, t, privs[p], sum, mxr) != want) {
                        printf("#   pte=0x%02x priv=%u sum=%d mxr=%d "
                               "type=%u: expected %d\n",
                               (unsigned)pte, privs[p], sum, mxr, t, want);
                        test_failures++;
                    }
                    n++;
                }
            }
        }
    }
    CHECK_EQ_HEX(n, 14 * 2 * 4 * 3);
}

/* The same rules through a real Sv39 walk, with A/D set by the walk. */
static void test_walk_permissions(void)
{
    Hart *h = hart_new(64);
    RvCpu *cpu = h->cpu;
    Bus *bus = &h->m.bus;
    uint64_t root = RAM_BASE + 0x1000, l1 = RAM_BASE + 0x2000;
    uint64_t l0 = RAM_BASE + 0x3000, page = RAM_BASE + 0x10000;
    uint64_t va = 0x5000, pa, pte_addr = l0 + 5 * 8, pte;

    pmp_allow_all(cpu);
    cpu->satp = (UINT64_C(8) << 60) | (root >> 12);
    bus_write(bus, root, 8, ((l1 >> 12) << PTE_PPN_SHIFT) | PTE_V);
    bus_write(bus, l1, 8, ((l0 >> 12) << PTE_PPN_SHIFT) | PTE_V);
    for (unsigned bits = 1; bits < 16; bits++) {
        uint64_t leaf = ((page >> 12) << PTE_PPN_SHIFT) | PTE_V |
                        ((bits & 1) ? PTE_R : 0) | ((bits & 2) ? PTE_W : 0) |
                        ((bits & 4) ? PTE_X : 0) | ((bits & 8) ? PTE_U : 0);

        if (!(bits & 7)) {
            continue;
        }
        for (unsigned p = 0; p < 2; p++) {
            unsigned priv = p ? RV_PRIV_S : RV_PRIV_U;

            for (unsigned f = 0; f < 4; f++) {
                for (unsigned t = 0; t < RV_ACCESS_TYPES; t++) {
                    bool want = spec_allows(bits, t, priv, f & 1, f & 2);
                    int res;

                    bus_write(bus, pte_addr, 8, leaf);
                    res = rv_mmu_walk(cpu, va + 0x123, t, priv, f & 1, f & 2,
                                      &pa);
                    bus_read(bus, pte_addr, 8, &pte);
                    if (want) {
                        CHECK_EQ_HEX(res, RV_XLATE_OK);
                        CHECK_EQ_HEX(pa, page + 0x123);
                        CHECK_EQ_HEX(pte & (PTE_A | PTE_D),
                                     PTE_A | (t == RV_ACCESS_STORE ? PTE_D
                                                                   : 0));
                    } else {
                        CHECK_EQ_HEX(res, RV_XLATE_PAGE_FAULT);
                        CHECK_EQ_HEX(pte, leaf); /* no A/D on a fault */
                    }
                }
            }
        }
    }
    hart_free(h);
}

static void test_walk_structure(void)
{
    Hart *h = hart_new(64);
    RvCpu *cpu = h->cpu;
    Bus *bus = &h->m.bus;
    uint64_t root = RAM_BASE + 0x1000, l1 = RAM_BASE + 0x2000, pa;
    uint64_t rwx = PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D;

    pmp_allow_all(cpu);
    cpu->satp = (UINT64_C(8) << 60) | (root >> 12);
    /* gigapage at VA 0x80000000 -> PA 0x80000000 */
    bus_write(bus, root + 2 * 8, 8, ((RAM_BASE >> 12) << 10) | rwx);
    CHECK_EQ_HEX(rv_mmu_walk(cpu, 0x80123456, RV_ACCESS_LOAD, RV_PRIV_S,
                             false, false, &pa), RV_XLATE_OK);
    CHECK_EQ_HEX(pa, 0x80123456);
    /* misaligned gigapage (PPN[0] != 0) */
    bus_write(bus, root + 3 * 8, 8, (((RAM_BASE >> 12) + 1) << 10) | rwx);
    CHECK_EQ_HEX(rv_mmu_walk(cpu, 0xc0000000, RV_ACCESS_LOAD, RV_PRIV_S,
                             false, false, &pa), RV_XLATE_PAGE_FAULT);
    /* megapage through a non-leaf, and a misaligned one */
    bus_write(bus, root, 8, ((l1 >> 12) << 10) | PTE_V);
    bus_write(bus, l1 + 8, 8, (((RAM_BASE + 0x200000) >> 12) << 10) | rwx);
    CHECK_EQ_HEX(rv_mmu_walk(cpu, 0x201234, RV_ACCESS_STORE, RV_PRIV_S,
                             false, false, &pa), RV_XLATE_OK);
    CHECK_EQ_HEX(pa, RAM_BASE + 0x201234);
    bus_write(bus, l1 + 16, 8, (((RAM_BASE + 0x1000) >> 12) << 10) | rwx);
    CHECK_EQ_HEX(rv_mmu_walk(cpu, 0x400000, RV_ACCESS_LOAD, RV_PRIV_S,
                             false, false, &pa), RV_XLATE_PAGE_FAULT);
    /* non-leaf at the last level, invalid, W-only, reserved bits */
    bus_write(bus, l1 + 24, 8, ((l1 >> 12) << 10) | PTE_V);
    bus_write(bus, l1, 8, ((l1 >> 12) << 10) | PTE_V);
    CHECK_EQ_HEX(rv_mmu_walk(cpu, 0x600000, RV_ACCESS_LOAD, RV_PRIV_S,
                             false, false, &pa), RV_XLATE_PAGE_FAULT);
    bus_write(bus, l1 + 32, 8, 0);
    CHECK_EQ_HEX(rv_mmu_walk(cpu, 0x800000, RV_ACCESS_LOAD, RV_PRIV_S,
                             false, false, &pa), RV_XLATE_PAGE_FAULT);
    bus_write(bus, l1 + 40, 8, (UINT64_C(1) << 54) | rwx);
    CHECK_EQ_HEX(rv_mmu_walk(cpu, 0xa00000, RV_ACCESS_LOAD, RV_PRIV_S,
                             false, false, &pa), RV_XLATE_PAGE_FAULT);
    /* non-canonical VA */
    CHECK_EQ_HEX(rv_mmu_walk(cpu, UINT64_C(0x0000008000000000),
                             RV_ACCESS_LOAD, RV_PRIV_S, false, false, &pa),
                 RV_XLATE_PAGE_FAULT);
    /* a table outside memory, or one PMP denies: access fault */
    cpu->satp = (UINT64_C(8) << 60) | (0x1000 >> 12);
    CHECK_EQ_HEX(rv_mmu_walk(cpu, 0x1000, RV_ACCESS_LOAD, RV_PRIV_S, false,
                             false, &pa), RV_XLATE_ACCESS_FAULT);
    cpu->satp = (UINT64_C(8) << 60) | (root >> 12);
    cpu->pmpcfg[0] = 0;
    CHECK_EQ_HEX(rv_mmu_walk(cpu, 0x80123456, RV_ACCESS_LOAD, RV_PRIV_S,
                             false, false, &pa), RV_XLATE_ACCESS_FAULT);
    hart_free(h);
}

/* Sv48 (priv 1.12 §4.5): four levels, VPN[3] at bits 47:39. */
static void test_sv48(void)
{
    Hart *h = hart_new(64);
    RvCpu *cpu = h->cpu;
    Bus *bus = &h->m.bus;
    uint64_t root = RAM_BASE + 0x1000, l2 = RAM_BASE + 0x2000;
    uint64_t l1 = RAM_BASE + 0x3000, l0 = RAM_BASE + 0x4000;
    uint64_t page = RAM_BASE + 0x5000, pa, pte;
    uint64_t rw = PTE_V | PTE_R | PTE_W;
    /* VPN[3] = 1, VPN[2] = 2, VPN[1] = 3, VPN[0] = 4, offset 0x678 */
    uint64_t va = (UINT64_C(1) << 39) | (UINT64_C(2) << 30) |
                  (UINT64_C(3) << 21) | (UINT64_C(4) << 12) | 0x678;

    pmp_allow_all(cpu);
    cpu->satp = (UINT64_C(9) << 60) | (root >> 12);
    bus_write(bus, root + 1 * 8, 8, ((l2 >> 12) << 10) | PTE_V);
    bus_write(bus, l2 + 2 * 8, 8, ((l1 >> 12) << 10) | PTE_V);
    bus_write(bus, l1 + 3 * 8, 8, ((l0 >> 12) << 10) | PTE_V);
    bus_write(bus, l0 + 4 * 8, 8, ((page >> 12) << 10) | rw);
    CHECK_EQ_HEX(rv_mmu_walk(cpu, va, RV_ACCESS_STORE, RV_PRIV_S, false,
                             false, &pa), RV_XLATE_OK);
    CHECK_EQ_HEX(pa, page + 0x678);
    /* the walk set A and D in the leaf */
    bus_read(bus, l0 + 4 * 8, 8, &pte);
    CHECK_EQ_HEX(pte & (PTE_A | PTE_D), PTE_A | PTE_D);
    /* a 512 GiB leaf at level 3: aligned maps, misaligned faults */
    bus_write(bus, root + 2 * 8, 8, rw | PTE_A | PTE_D);
    CHECK_EQ_HEX(rv_mmu_walk(cpu, (UINT64_C(2) << 39) | 0x1234,
                             RV_ACCESS_LOAD, RV_PRIV_S, false, false, &pa),
                 RV_XLATE_OK);
    CHECK_EQ_HEX(pa, 0x1234);
    bus_write(bus, root + 3 * 8, 8, (UINT64_C(1) << 10) | rw);
    CHECK_EQ_HEX(rv_mmu_walk(cpu, UINT64_C(3) << 39, RV_ACCESS_LOAD,
                             RV_PRIV_S, false, false, &pa),
                 RV_XLATE_PAGE_FAULT);
    /* bits 63:48 must copy bit 47 */
    CHECK_EQ_HEX(rv_mmu_walk(cpu, UINT64_C(0x0000800000000000),
                             RV_ACCESS_LOAD, RV_PRIV_S, false, false, &pa),
                 RV_XLATE_PAGE_FAULT);
    /* the same VA is not canonical under Sv39 (bit 39 set, 63:39 not) */
    cpu->satp = (UINT64_C(8) << 60) | (root >> 12);
    CHECK_EQ_HEX(rv_mmu_walk(cpu, va, RV_ACCESS_LOAD, RV_PRIV_S, false,
                             false, &pa), RV_XLATE_PAGE_FAULT);
    hart_free(h);
}

/*
 * rv_read_virt()/rv_write_virt() (semihosting, plugins): virtual
 * addresses, each page translated on its own. VA 0x1000 and 0x2000 map
 * to physical pages that are not adjacent, so a range crossing them
 * reads and writes both places.
 */
static void test_virt_access(void)
{
    Hart *h = hart_new(64);
    RvCpu *cpu = h->cpu;
    Bus *bus = &h->m.bus;
    uint64_t root = RAM_BASE + 0x1000, l1 = RAM_BASE + 0x2000;
    uint64_t l0 = RAM_BASE + 0x3000;
    uint64_t pa_a = RAM_BASE + 0x7000, pa_b = RAM_BASE + 0x5000;
    uint64_t rw = PTE_V | PTE_R | PTE_W | PTE_A | PTE_D, v;
    uint8_t out[4] = { 0x11, 0x22, 0x33, 0x44 }, in[4] = { 0 };

    pmp_allow_all(cpu);
    cpu->priv = RV_PRIV_S;
    cpu->satp = (UINT64_C(8) << 60) | (root >> 12);
    bus_write(bus, root, 8, ((l1 >> 12) << 10) | PTE_V);
    bus_write(bus, l1, 8, ((l0 >> 12) << 10) | PTE_V);
    bus_write(bus, l0 + 1 * 8, 8, ((pa_a >> 12) << 10) | rw);
    bus_write(bus, l0 + 2 * 8, 8, ((pa_b >> 12) << 10) | rw);
    CHECK(rv_write_virt(cpu, 0x1ffe, out, sizeof(out)));
    bus_read(bus, pa_a + 0xffe, 2, &v);
    CHECK_EQ_HEX(v, 0x2211);
    bus_read(bus, pa_b, 2, &v);
    CHECK_EQ_HEX(v, 0x4433);
    CHECK(rv_read_virt(cpu, 0x1ffe, in, sizeof(in)));
    CHECK(memcmp(in, out, sizeof(in)) == 0);
    /* an unmapped page anywhere in the range fails the whole access */
    CHECK(!rv_read_virt(cpu, 0x2ffe, in, sizeof(in)));
    hart_free(h);
}

/* A device overlaying RAM: reads 0x5a, ignores writes. */
static uint64_t overlay_read(void *opaque, uint64_t off, unsigned size)
{
    (void)opaque;
    (void)off;
    (void)size;
    return 0x5a;
}

static void overlay_write(void *opaque, uint64_t off, uint64_t v,
                          unsigned size)
{
    (void)opaque;
    (void)off;
    (void)v;
    (void)size;
}

static const DevOps overlay_ops = {
    .name = "overlay",
    .read = overlay_read,
    .write = overlay_write,
    .min_size = 1,
    .max_size = 8,
};

/*
 * A TLB entry carries its page's host address only when the whole page
 * is plain RAM: the executor then loads and stores there without the
 * bus. A page holding a device window inside RAM (as spike's HTIF) gets
 * none, so its accesses still reach the device; so does a page in the
 * device's window that is mapped at another virtual address.
 */
static void test_tlb_host(void)
{
    Hart *h = calloc(1, sizeof(*h));
    RvCpu *cpu;
    Bus *bus = &h->m.bus;
    uint64_t root = RAM_BASE + 0x1000, ram_size = 1 << 22;
    uint64_t rwx = PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D;
    uint64_t hole = RAM_BASE + 0x5008;

    bus_init(bus);
    bus_add_ram(bus, "ram", RAM_BASE, ram_size);
    bus_add_mmio(bus, "overlay", hole, 16, &overlay_ops, NULL);
    cpu = h->cpu = rv_cpu_new(&h->m, 64, 0, RAM_BASE);
    h->m.cpus[0] = cpu;
    h->m.n_cpus = 1;
    vclock_init(&h->m.clock, &cpu->icount, 0);
    rv_cpu_map_memory(cpu);
    pmp_allow_all(cpu);
    cpu->priv = RV_PRIV_S;
    rv_mmu_update(cpu);
    /* gigapages: VA 0x80000000 and VA 0xc0000000 -> PA 0x80000000 */
    bus_write(bus, root + 2 * 8, 8, ((RAM_BASE >> 12) << 10) | rwx);
    bus_write(bus, root + 3 * 8, 8, ((RAM_BASE >> 12) << 10) | rwx);
    rv_satp_write(cpu, (UINT64_C(8) << 60) | (root >> 12));

    CHECK(rv_mmu_probe(cpu, RAM_BASE + 0x4ff8, 8, RV_ACCESS_STORE));
    CHECK(rv_tlb_entry(cpu, RV_ACCESS_STORE, RAM_BASE + 0x4ff8)->host ==
          cpu->ram_host + 0x4000);
    CHECK(rv_mmu_probe(cpu, RAM_BASE + ram_size - 8, 8, RV_ACCESS_LOAD));
    CHECK(rv_tlb_entry(cpu, RV_ACCESS_LOAD, RAM_BASE + ram_size - 8)->host ==
          cpu->ram_host + ram_size - 0x1000);
    /* the page holding the overlay, at either virtual address */
    CHECK(rv_mmu_probe(cpu, RAM_BASE + 0x5000, 8, RV_ACCESS_STORE));
    CHECK(rv_tlb_entry(cpu, RV_ACCESS_STORE, RAM_BASE + 0x5000)->host ==
          NULL);
    CHECK(rv_mmu_probe(cpu, 0xc0005ff0, 8, RV_ACCESS_LOAD));
    CHECK(rv_tlb_entry(cpu, RV_ACCESS_LOAD, 0xc0005ff0)->host == NULL);
    /* and the pages around it have theirs */
    CHECK(rv_mmu_probe(cpu, 0xc0006000, 8, RV_ACCESS_LOAD));
    CHECK(rv_tlb_entry(cpu, RV_ACCESS_LOAD, 0xc0006000)->host ==
          cpu->ram_host + 0x6000);
    hart_free(h);
}

static void test_sv32(void)
{
    Hart *h = hart_new(32);
    RvCpu *cpu = h->cpu;
    Bus *bus = &h->m.bus;
    uint64_t root = RAM_BASE + 0x1000, pa;

    pmp_allow_all(cpu);
    cpu->pmpaddr[0] = UINT64_C(0xffffffff);
    cpu->satp = (UINT64_C(1) << 31) | (root >> 12);
    /* 4 MiB megapage: VA 0x80000000 (VPN[1] 0x200) */
    bus_write(bus, root + 0x200 * 4, 4,
              ((RAM_BASE >> 12) << 10) | PTE_V | PTE_R | PTE_A);
    CHECK_EQ_HEX(rv_mmu_walk(cpu, 0x803ffffc, RV_ACCESS_LOAD, RV_PRIV_S,
                             false, false, &pa), RV_XLATE_OK);
    CHECK_EQ_HEX(pa, 0x803ffffc);
    CHECK_EQ_HEX(rv_mmu_walk(cpu, 0x80000000, RV_ACCESS_STORE, RV_PRIV_S,
                             false, false, &pa), RV_XLATE_PAGE_FAULT);
    hart_free(h);
}

static void test_pmp(void)
{
    Hart *h = hart_new(64);
    RvCpu *cpu = h->cpu;

    /* no entry: M allowed, S/U denied */
    CHECK_EQ_HEX(rv_pmp_check(cpu, RAM_BASE, 4, RV_ACCESS_LOAD, RV_PRIV_M),
                 RV_PMP_ALLOW);
    CHECK_EQ_HEX(rv_pmp_check(cpu, RAM_BASE, 4, RV_ACCESS_LOAD, RV_PRIV_S),
                 RV_PMP_DENY);
    /* 0: NA4 at RAM_BASE, R; 1: TOR [RAM_BASE+4, RAM_BASE+0x1000), RW */
    cpu->pmpaddr[0] = RAM_BASE >> 2;
    cpu->pmpaddr[1] = (RAM_BASE + 0x1000) >> 2;
    cpu->pmpcfg[0] = (PMPCFG_A_NA4 << PMPCFG_A_SHIFT) | PMPCFG_R;
    cpu->pmpcfg[1] = (PMPCFG_A_TOR << PMPCFG_A_SHIFT) | PMPCFG_R | PMPCFG_W;
    CHECK_EQ_HEX(rv_pmp_check(cpu, RAM_BASE, 4, RV_ACCESS_LOAD, RV_PRIV_S),
                 RV_PMP_ALLOW);
    CHECK_EQ_HEX(rv_pmp_check(cpu, RAM_BASE, 4, RV_ACCESS_STORE, RV_PRIV_S),
                 RV_PMP_DENY);
    CHECK_EQ_HEX(rv_pmp_check(cpu, RAM_BASE, 4, RV_ACCESS_STORE, RV_PRIV_M),
                 RV_PMP_ALLOW); /* not locked */
    CHECK_EQ_HEX(rv_pmp_check(cpu, RAM_BASE + 8, 8, RV_ACCESS_STORE,
                              RV_PRIV_U), RV_PMP_ALLOW);
    CHECK_EQ_HEX(rv_pmp_check(cpu, RAM_BASE + 8, 8, RV_ACCESS_FETCH,
                              RV_PRIV_U), RV_PMP_DENY);
    /* straddling entries 0 and 1: entry 0 matches only part */
    CHECK_EQ_HEX(rv_pmp_check(cpu, RAM_BASE + 2, 4, RV_ACCESS_LOAD,
                              RV_PRIV_S), RV_PMP_MIXED);
    CHECK_EQ_HEX(rv_pmp_check(cpu, RAM_BASE + 0xffc, 8, RV_ACCESS_LOAD,
                              RV_PRIV_S), RV_PMP_MIXED);
    /* locked: M obeys it */
    cpu->pmpcfg[0] |= PMPCFG_L;
    CHECK_EQ_HEX(rv_pmp_check(cpu, RAM_BASE, 4, RV_ACCESS_STORE, RV_PRIV_M),
                 RV_PMP_DENY);
    /* NAPOT 64 KiB at RAM_BASE + 0x10000, X only */
    cpu->pmpaddr[2] = ((RAM_BASE + 0x10000) >> 2) | 0x1fff;
    cpu->pmpcfg[2] = (PMPCFG_A_NAPOT << PMPCFG_A_SHIFT) | PMPCFG_X;
    CHECK_EQ_HEX(rv_pmp_check(cpu, RAM_BASE + 0x1fffe, 2, RV_ACCESS_FETCH,
                              RV_PRIV_S), RV_PMP_ALLOW);
    CHECK_EQ_HEX(rv_pmp_check(cpu, RAM_BASE + 0x20000, 2, RV_ACCESS_FETCH,
                              RV_PRIV_S), RV_PMP_DENY);
    CHECK_EQ_HEX(rv_pmp_check(cpu, RAM_BASE + 0x10000, 4, RV_ACCESS_LOAD,
                              RV_PRIV_S), RV_PMP_DENY);
    hart_free(h);
}

TEST_MAIN({ "leaf permissions: R/W/X/U x priv x SUM x MXR x type",
            test_permissions },
          { "Sv39 walk: permissions and A/D", test_walk_permissions },
          { "Sv39 walk: superpages, reserved, faults", test_walk_structure },
          { "Sv48 walk: four levels, 512 GiB leaves, canonical VAs",
            test_sv48 },
          { "virtual reads and writes across non-adjacent pages",
            test_virt_access },
          { "TLB host pointers only for pages that are all RAM",
            test_tlb_host },
          { "Sv32 walk: megapage", test_sv32 },
          { "PMP: OFF/TOR/NA4/NAPOT, priority, L", test_pmp })
