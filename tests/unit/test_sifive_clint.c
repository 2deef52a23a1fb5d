/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the SiFive CLINT: msip, mtimecmp, mtime at QEMU virt's
 * offsets, MTIP rising at exactly the right instruction count, and the
 * access sizes its two regions accept on the bus.
 */
#include <stdbool.h>

#include "bus.h"
#include "dev/sifive_clint.h"
#include "test.h"
#include "vclock.h"

#define MSIP(h) (0x0000u + 4u * (h))
#define MTIMECMP(h) (0x4000u + 8u * (h))
#define MTIME 0xbff8u
#define NHARTS 2

typedef struct Lines {
    bool level[NHARTS];
    unsigned calls[NHARTS];
} Lines;

static void record(void *opaque, unsigned n, bool level)
{
    Lines *l = opaque;

    l->level[n] = level;
    l->calls[n]++;
}

typedef struct Rig {
    uint64_t icount;
    VClock vc;
    Lines msip;
    Lines mtip;
    Clint *s;
} Rig;

static void rig_init(Rig *r, unsigned shift, uint64_t hz)
{
    IrqLine msip[NHARTS];
    IrqLine mtip[NHARTS];

    memset(r, 0, sizeof(*r));
    vclock_init(&r->vc, &r->icount, shift);
    for (unsigned i = 0; i < NHARTS; i++) {
        msip[i] = irq_line(record, &r->msip, i);
        mtip[i] = irq_line(record, &r->mtip, i);
    }
    r->s = clint_new(NHARTS, &r->vc, hz, msip, mtip);
}

/* Move time to `icount` and fire what the CPU loop would fire. */
static void run_to(Rig *r, uint64_t icount)
{
    r->icount = icount;
    if (r->icount >= r->vc.deadline_icount) {
        vclock_run_timers(&r->vc);
    }
}

/* Register accesses at offsets in the CLINT window, to the right region. */
static uint64_t rd(Rig *r, uint64_t off, unsigned size)
{
    if (off < MTIMECMP(0)) {
        return clint_mswi_ops.read(r->s, off, size);
    }
    return clint_mtimer_ops.read(r->s, off - MTIMECMP(0), size);
}

static void wr(Rig *r, uint64_t off, uint64_t val, unsigned size)
{
    if (off < MTIMECMP(0)) {
        clint_mswi_ops.write(r->s, off, val, size);
    } else {
        clint_mtimer_ops.write(r->s, off - MTIMECMP(0), val, size);
    }
}

static void test_reset_state(void)
{
    Rig r;

    rig_init(&r, 0, CLINT_TIMEBASE_HZ_VIRT);
    /* QEMU: mtime = mtimecmp = 0 after reset, so MTIP is raised. */
    CHECK(r.mtip.level[0] && r.mtip.level[1]);
    CHECK(!r.msip.level[0] && !r.msip.level[1]);
    CHECK_EQ_HEX(rd(&r, MSIP(0), 4), 0);
    CHECK_EQ_HEX(rd(&r, MTIMECMP(1), 8), 0);
    CHECK_EQ_HEX(rd(&r, MTIME, 8), 0);
    clint_free(r.s);
}

static void test_msip(void)
{
    Rig r;

    rig_init(&r, 0, CLINT_TIMEBASE_HZ_VIRT);
    wr(&r, MSIP(1), 1, 4);
    CHECK(r.msip.level[1]);
    CHECK(!r.msip.level[0]);
    CHECK_EQ_HEX(rd(&r, MSIP(1), 4), 1);
    CHECK_EQ_HEX(rd(&r, MSIP(0), 4), 0);
    /* Only bit 0 exists. */
    wr(&r, MSIP(0), 0xfffffffe, 4);
    CHECK(!r.msip.level[0]);
    CHECK_EQ_HEX(rd(&r, MSIP(0), 4), 0);
    wr(&r, MSIP(0), 0xffffffff, 4);
    CHECK(r.msip.level[0]);
    CHECK_EQ_HEX(rd(&r, MSIP(0), 4), 1);
    wr(&r, MSIP(1), 0, 4);
    CHECK(!r.msip.level[1]);
    wr(&r, MSIP(0), 0, 4);
    CHECK(!r.msip.level[0]);
    clint_free(r.s);
}

static void test_mtime_counts_at_10mhz(void)
{
    Rig r;

    rig_init(&r, 0, CLINT_TIMEBASE_HZ_VIRT);
    /* an access sees the end of its instruction: icount 1098 is 1099 ns */
    r.icount = 1098;
    CHECK_EQ_HEX(rd(&r, MTIME, 8), 10);
    CHECK_EQ_HEX(clint_mtime(r.s), 10);
    r.icount = 1099;
    CHECK_EQ_HEX(rd(&r, MTIME, 8), 11);
    clint_free(r.s);

    rig_init(&r, 3, CLINT_TIMEBASE_HZ_VIRT);
    r.icount = 1000; /* 8000 ns */
    CHECK_EQ_HEX(clint_mtime(r.s), 80);
    /* 32-bit halves: 2^32 ticks = 429496729600 ns = 53687091200 insns. */
    r.icount = UINT64_C(53687091200) + 125; /* + 1000 ns = + 10 ticks */
    CHECK_EQ_HEX(rd(&r, MTIME, 4), 10);
    CHECK_EQ_HEX(rd(&r, MTIME + 4, 4), 1);
    CHECK_EQ_HEX(rd(&r, MTIME, 8), UINT64_C(0x10000000a));
    clint_free(r.s);
}

static void test_mtip_exact_shift0(void)
{
    Rig r;

    rig_init(&r, 0, CLINT_TIMEBASE_HZ_VIRT);
    wr(&r, MTIMECMP(0), 50, 8); /* 50 ticks = 5000 ns = 5000 insns */
    CHECK(!r.mtip.level[0]);
    CHECK(r.mtip.level[1]); /* hart 1's mtimecmp is still 0 */
    CHECK_EQ_HEX(r.vc.deadline_icount, 5000);
    run_to(&r, 4999);
    CHECK(!r.mtip.level[0]);
    run_to(&r, 5000);
    CHECK(r.mtip.level[0]);
    CHECK_EQ_HEX(r.vc.deadline_icount, VCLOCK_NEVER);
    /* Moving mtimecmp ahead again lowers MTIP at once. */
    wr(&r, MTIMECMP(0), 51, 8);
    CHECK(!r.mtip.level[0]);
    run_to(&r, 5099);
    CHECK(!r.mtip.level[0]);
    run_to(&r, 5100);
    CHECK(r.mtip.level[0]);
    clint_free(r.s);
}

static void test_mtip_exact_shift3(void)
{
    Rig r;

    rig_init(&r, 3, CLINT_TIMEBASE_HZ_VIRT);
    wr(&r, MTIMECMP(1), 50, 8); /* 5000 ns: first insn boundary is 625 */
    CHECK(!r.mtip.level[1]);
    CHECK_EQ_HEX(r.vc.deadline_icount, 625);
    run_to(&r, 624); /* 4992 ns: mtime 49 */
    CHECK(!r.mtip.level[1]);
    run_to(&r, 625);
    CHECK(r.mtip.level[1]);
    /* 3 ticks = 300 ns: not a multiple of 8, first reached at 304 ns. */
    wr(&r, MTIME, 0, 8);
    wr(&r, MTIMECMP(1), 3, 8);
    CHECK(!r.mtip.level[1]);
    CHECK_EQ_HEX(r.vc.deadline_icount, 625 + 38);
    run_to(&r, 625 + 37);
    CHECK(!r.mtip.level[1]);
    run_to(&r, 625 + 38);
    CHECK(r.mtip.level[1]);
    clint_free(r.s);
}

static void test_mtip_exact_odd_timebase(void)
{
    Rig r;

    /* 3 MHz: a tick is 333.33 ns, so tick 1 is first reached at 334 ns. */
    rig_init(&r, 0, 3000000);
    wr(&r, MTIMECMP(0), 1, 8);
    CHECK_EQ_HEX(r.vc.deadline_icount, 334);
    run_to(&r, 333);
    CHECK(!r.mtip.level[0]);
    run_to(&r, 334);
    CHECK(r.mtip.level[0]);
    /* Tick 3 falls exactly on 1000 ns. */
    wr(&r, MTIMECMP(0), 3, 8);
    CHECK(!r.mtip.level[0]);
    run_to(&r, 999);
    CHECK(!r.mtip.level[0]);
    run_to(&r, 1000);
    CHECK(r.mtip.level[0]);
    clint_free(r.s);
}

static void test_mtimecmp_past_and_never(void)
{
    Rig r;

    rig_init(&r, 0, CLINT_TIMEBASE_HZ_VIRT);
    wr(&r, MTIMECMP(0), UINT64_MAX, 8);
    wr(&r, MTIMECMP(1), UINT64_MAX, 8);
    CHECK(!r.mtip.level[0] && !r.mtip.level[1]);
    /* Too far away to ever arrive: no timer at all. */
    CHECK_EQ_HEX(r.vc.deadline_icount, VCLOCK_NEVER);
    r.icount = 10000; /* mtime 100 */
    wr(&r, MTIMECMP(0), 100, 8); /* already reached */
    CHECK(r.mtip.level[0]);
    wr(&r, MTIMECMP(0), 99, 8);
    CHECK(r.mtip.level[0]);
    wr(&r, MTIMECMP(0), 101, 8);
    CHECK(!r.mtip.level[0]);
    CHECK_EQ_HEX(r.vc.deadline_icount, 10100);
    clint_free(r.s);
}

static void test_mtimecmp_halves(void)
{
    Rig r;

    rig_init(&r, 0, CLINT_TIMEBASE_HZ_VIRT);
    /* The RV32 sequence: low = -1, high, low. */
    wr(&r, MTIMECMP(0), 0xffffffff, 4);
    CHECK_EQ_HEX(rd(&r, MTIMECMP(0), 8), UINT64_C(0x00000000ffffffff));
    wr(&r, MTIMECMP(0) + 4, 0x1, 4);
    wr(&r, MTIMECMP(0), 0x2, 4);
    CHECK_EQ_HEX(rd(&r, MTIMECMP(0), 8), UINT64_C(0x0000000100000002));
    CHECK_EQ_HEX(rd(&r, MTIMECMP(0), 4), 0x2);
    CHECK_EQ_HEX(rd(&r, MTIMECMP(0) + 4, 4), 0x1);
    CHECK(!r.mtip.level[0]);
    /* Hart 1's register is separate. */
    CHECK_EQ_HEX(rd(&r, MTIMECMP(1), 8), 0);
    clint_free(r.s);
}

static void test_mtime_write(void)
{
    Rig r;

    rig_init(&r, 0, CLINT_TIMEBASE_HZ_VIRT);
    wr(&r, MTIMECMP(0), 500, 8);
    wr(&r, MTIMECMP(1), UINT64_MAX, 8);
    r.icount = 1000; /* mtime 10 */
    wr(&r, MTIME, 1000, 8);
    CHECK_EQ_HEX(rd(&r, MTIME, 8), 1000);
    CHECK(r.mtip.level[0]); /* re-evaluated on the mtime write */
    r.icount = 1100;
    CHECK_EQ_HEX(clint_mtime(r.s), 1001);
    /* Back to 0: MTIP drops and the deadline is 500 ticks from now. */
    wr(&r, MTIME, 0, 8);
    CHECK(!r.mtip.level[0]);
    CHECK_EQ_HEX(r.vc.deadline_icount, 1100 + 50000);
    run_to(&r, 1100 + 49999);
    CHECK(!r.mtip.level[0]);
    run_to(&r, 1100 + 50000);
    CHECK(r.mtip.level[0]);
    /* 32-bit write of the high half keeps the low half. */
    r.icount = 60000;
    wr(&r, MTIME, 0, 8);
    wr(&r, MTIME + 4, 2, 4);
    CHECK_EQ_HEX(rd(&r, MTIME, 8), UINT64_C(0x200000000));
    wr(&r, MTIME, 7, 4);
    CHECK_EQ_HEX(rd(&r, MTIME, 8), UINT64_C(0x200000007));
    clint_free(r.s);
}

static void test_two_harts_two_timers(void)
{
    Rig r;

    rig_init(&r, 0, CLINT_TIMEBASE_HZ_VIRT);
    wr(&r, MTIMECMP(0), 30, 8);
    wr(&r, MTIMECMP(1), 20, 8);
    CHECK_EQ_HEX(r.vc.deadline_icount, 2000);
    run_to(&r, 2000);
    CHECK(r.mtip.level[1]);
    CHECK(!r.mtip.level[0]);
    CHECK_EQ_HEX(r.vc.deadline_icount, 3000);
    run_to(&r, 3000);
    CHECK(r.mtip.level[0]);
    clint_free(r.s);
}

static void test_reserved_offsets(void)
{
    Rig r;

    rig_init(&r, 0, CLINT_TIMEBASE_HZ_VIRT);
    r.icount = 1000;
    CHECK_EQ_HEX(rd(&r, MSIP(2), 4), 0);       /* no hart 2 */
    CHECK_EQ_HEX(rd(&r, MTIMECMP(2), 8), 0);   /* no hart 2 */
    CHECK_EQ_HEX(rd(&r, 0xbff0, 8), 0);
    CHECK_EQ_HEX(rd(&r, 0x3ffc, 4), 0);        /* last word of msip[] */
    CHECK_EQ_HEX(rd(&r, MTIME + 4, 8), 0);     /* misaligned */
    wr(&r, MTIMECMP(0) + 4, UINT64_C(0xffffffffffffffff), 8); /* misaligned */
    CHECK_EQ_HEX(rd(&r, MTIMECMP(0), 8), 0);
    CHECK_EQ_HEX(rd(&r, MTIMECMP(1), 8), 0);
    wr(&r, MSIP(2), 1, 4);
    CHECK(!r.msip.level[0] && !r.msip.level[1]);
    clint_free(r.s);
}

/* A CLINT mapped at base by clint_map(), as the boards map it. */
static void bus_rig_init(Rig *r, Bus *bus, uint64_t base)
{
    rig_init(r, 0, CLINT_TIMEBASE_HZ_VIRT);
    bus_init(bus);
    CHECK_EQ_HEX(clint_map(r->s, bus, "clint", base), 0);
}

static void test_through_bus(void)
{
    Rig r;
    Bus bus;
    uint64_t v = 0;
    const uint64_t base = 0x2000000;

    bus_rig_init(&r, &bus, base);
    CHECK(bus_write(&bus, base + MTIMECMP(0), 8, 0x123456789a));
    CHECK(bus_read(&bus, base + MTIMECMP(0), 4, &v));
    CHECK_EQ_HEX(v, 0x3456789a);
    CHECK(bus_read(&bus, base + MTIMECMP(0) + 4, 4, &v));
    CHECK_EQ_HEX(v, 0x12);
    r.icount = 123456; /* mtime 1234 */
    CHECK(bus_read(&bus, base + MTIME, 8, &v));
    CHECK_EQ_HEX(v, 1234);
    CHECK(bus_read(&bus, base + MTIME, 4, &v));
    CHECK_EQ_HEX(v, 1234);
    CHECK(bus_write(&bus, base + MSIP(1), 4, 1));
    CHECK(r.msip.level[1]);
    CHECK(bus_read(&bus, base + MSIP(1), 4, &v));
    CHECK_EQ_HEX(v, 1);
    bus_free(&bus);
    clint_free(r.s);
}

/*
 * QEMU 7.2's riscv_aclint: mtimecmp/mtime accept 4- and 8-byte accesses,
 * msip only 4-byte ones; anything else fails, untouched.
 */
static void test_bus_access_sizes(void)
{
    Rig r;
    Bus bus;
    uint64_t v = 0x77;
    const uint64_t base = 0x2000000;

    bus_rig_init(&r, &bus, base);
    CHECK(bus_write(&bus, base + MTIMECMP(0), 8, 0x123456789a));
    CHECK(!bus_read(&bus, base + MTIMECMP(0) + 1, 1, &v));
    CHECK_EQ_HEX(bus.fault_addr, base + MTIMECMP(0) + 1);
    CHECK(!bus_read(&bus, base + MTIMECMP(0) + 4, 2, &v));
    CHECK(!bus_read(&bus, base + MTIME, 1, &v));
    CHECK(!bus_read(&bus, base + MTIME, 2, &v));
    CHECK_EQ_HEX(v, 0x77); /* a failed read leaves the value alone */
    CHECK(!bus_write(&bus, base + MTIMECMP(0), 1, 0));
    CHECK(!bus_write(&bus, base + MTIMECMP(0) + 6, 2, 0));
    CHECK(bus_read(&bus, base + MTIMECMP(0), 8, &v));
    CHECK_EQ_HEX(v, 0x123456789a);
    /* msip: 32 bits only */
    CHECK(!bus_read(&bus, base + MSIP(0), 8, &v));
    CHECK(!bus_write(&bus, base + MSIP(0), 8, 1));
    CHECK(!bus_write(&bus, base + MSIP(0), 1, 1));
    CHECK(!bus_write(&bus, base + MSIP(0), 2, 1));
    CHECK(!r.msip.level[0]);
    CHECK(!bus_read(&bus, base + MSIP(0), 1, &v));
    CHECK(bus_write(&bus, base + MSIP(0), 4, 1));
    CHECK(r.msip.level[0]);
    bus_free(&bus);
    clint_free(r.s);
}

/*
 * Misaligned accesses as QEMU 7.2 does them: a read is the two aligned
 * reads around it, a write is byte writes (so it fails at its first byte).
 * Past mtime, 0xc000..0xffff of the window is unmapped, as in QEMU.
 */
static void test_bus_misaligned_and_hole(void)
{
    Rig r;
    Bus bus;
    uint64_t v = 0;
    const uint64_t base = 0x2000000;

    bus_rig_init(&r, &bus, base);
    CHECK(bus_write(&bus, base + MTIMECMP(0), 8, UINT64_C(0x0123456789abcdef)));
    CHECK(bus_read(&bus, base + MTIMECMP(0) + 2, 4, &v));
    CHECK_EQ_HEX(v, 0x456789ab);
    CHECK(bus_read(&bus, base + MTIMECMP(0) + 6, 4, &v)); /* into hart 1 */
    CHECK_EQ_HEX(v, 0x0123);
    CHECK(!bus_write(&bus, base + MTIMECMP(0) + 2, 4, 0));
    CHECK_EQ_HEX(bus.fault_addr, base + MTIMECMP(0) + 2);
    CHECK(bus_read(&bus, base + MTIMECMP(0), 8, &v));
    CHECK_EQ_HEX(v, UINT64_C(0x0123456789abcdef));
    /* the second half of a misaligned mtime read falls in the hole */
    CHECK(!bus_read(&bus, base + MTIME + 4, 8, &v));
    CHECK_EQ_HEX(bus.fault_addr, base + 0xc000);
    CHECK(!bus_read(&bus, base + 0xc000, 4, &v));
    CHECK(!bus_read(&bus, base + 0xfffc, 4, &v));
    CHECK(!bus_write(&bus, base + 0xc000, 4, 1));
    bus_free(&bus);
    clint_free(r.s);
}

static void test_reset_keeps_mtimecmp(void)
{
    Rig r;

    rig_init(&r, 0, CLINT_TIMEBASE_HZ_VIRT);
    wr(&r, MSIP(0), 1, 4);
    wr(&r, MTIMECMP(0), 40, 8);
    r.icount = 10000; /* mtime 100: MTIP already fired */
    vclock_run_timers(&r.vc);
    CHECK(r.mtip.level[0]);
    clint_reset(r.s);
    CHECK(!r.msip.level[0]);
    CHECK_EQ_HEX(rd(&r, MSIP(0), 4), 0);
    CHECK_EQ_HEX(rd(&r, MTIME, 8), 0);
    CHECK_EQ_HEX(rd(&r, MTIMECMP(0), 8), 40);
    CHECK(!r.mtip.level[0]); /* mtime 0 < 40 again */
    CHECK_EQ_HEX(r.vc.deadline_icount, 10000 + 4000);
    clint_free(r.s);
}

TEST_MAIN({ "reset_state", test_reset_state },
          { "msip", test_msip },
          { "mtime_counts_at_10mhz", test_mtime_counts_at_10mhz },
          { "mtip_exact_shift0", test_mtip_exact_shift0 },
          { "mtip_exact_shift3", test_mtip_exact_shift3 },
          { "mtip_exact_odd_timebase", test_mtip_exact_odd_timebase },
          { "mtimecmp_past_and_never", test_mtimecmp_past_and_never },
          { "mtimecmp_halves", test_mtimecmp_halves },
          { "mtime_write", test_mtime_write },
          { "two_harts_two_timers", test_two_harts_two_timers },
          { "reserved_offsets", test_reserved_offsets },
          { "through_bus", test_through_bus },
          { "bus_access_sizes", test_bus_access_sizes },
          { "bus_misaligned_and_hole", test_bus_misaligned_and_hole },
          { "reset_keeps_mtimecmp", test_reset_keeps_mtimecmp })
