/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SiFive CLINT (FU540-C000 manual, "Core Local Interruptor" memory map)
 * at QEMU virt's layout. mtime follows virtual time; each hart's MTIP is
 * the level mtime >= mtimecmp, with a timer armed for the exact crossing.
 * As in QEMU 7.2 (hw/intc/riscv_aclint.c), it is two regions with their
 * own access sizes: msip (MSWI) and mtimecmp/mtime (MTIMER).
 */
#include "sifive_clint.h"

#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>

#include "log.h"

/* Register offsets (FU540 CLINT memory map). */
typedef enum ClintReg {
    CLINT_MSIP = 0x0000,     /* msip[hart]: 4 bytes each */
    CLINT_MTIMECMP = 0x4000, /* mtimecmp[hart]: 8 bytes each */
    CLINT_MTIME = 0xbff8,
    CLINT_RESERVED = 0x10000, /* not a register: anything else */
} ClintReg;

#define CLINT_MSIP_STRIDE 4
#define CLINT_MTIMECMP_STRIDE 8
#define CLINT_MSIP_MASK 0x1u /* only bit 0 of msip is implemented */

#define NS_PER_S UINT64_C(1000000000)

typedef struct ClintHart {
    Clint *s;
    unsigned hart;
    uint64_t mtimecmp;
    bool msip;
    Timer timer;
} ClintHart;

struct Clint {
    VClock *vc;
    uint64_t timebase_hz;
    uint64_t mtime_offset; /* mtime = ticks since time 0 + offset (wraps) */
    unsigned n_harts;
    IrqLine *msip;
    IrqLine *mtip;
    ClintHart *harts;
};

/* Whole ticks elapsed at virtual time ns: floor(ns * hz / 1e9). */
static uint64_t clint_ticks_at(const Clint *s, uint64_t ns)
{
    /* Split so nothing overflows: (ns % 1e9) * hz < 1e18 for hz <= 1e9. */
    return ns / NS_PER_S * s->timebase_hz +
           ns % NS_PER_S * s->timebase_hz / NS_PER_S;
}

/* The first virtual ns at which `ticks` have elapsed, or VCLOCK_NEVER. */
static uint64_t clint_ns_of_ticks(const Clint *s, uint64_t ticks)
{
    uint64_t whole = ticks / s->timebase_hz;
    uint64_t rest = ticks % s->timebase_hz;
    uint64_t part = (rest * NS_PER_S + s->timebase_hz - 1) / s->timebase_hz;

    if (whole > (VCLOCK_NEVER - 1 - part) / NS_PER_S) {
        return VCLOCK_NEVER;
    }
    return whole * NS_PER_S + part;
}

uint64_t clint_mtime(Clint *s)
{
    return clint_ticks_at(s, vclock_insn_ns(s->vc)) + s->mtime_offset;
}

/* MTIP = (mtime >= mtimecmp); if it is still ahead, wake at the crossing. */
static void clint_update_mtip(ClintHart *h)
{
    Clint *s = h->s;
    uint64_t ticks = clint_ticks_at(s, vclock_insn_ns(s->vc));
    uint64_t mtime = ticks + s->mtime_offset;
    uint64_t target;

    if (mtime >= h->mtimecmp) {
        timer_del(s->vc, &h->timer);
        irq_set(&s->mtip[h->hart], true);
        return;
    }
    irq_set(&s->mtip[h->hart], false);
    target = ticks + (h->mtimecmp - mtime);
    if (target < ticks) {
        /* Past 2^64 ticks of virtual time: never. */
        timer_del(s->vc, &h->timer);
        return;
    }
    timer_mod(s->vc, &h->timer, clint_ns_of_ticks(s, target));
}

static void clint_timer_cb(void *opaque)
{
    clint_update_mtip(opaque);
}

static void clint_update_all(Clint *s)
{
    for (unsigned i = 0; i < s->n_harts; i++) {
        clint_update_mtip(&s->harts[i]);
    }
}

static void clint_set_mtime(Clint *s, uint64_t mtime)
{
    s->mtime_offset = mtime - clint_ticks_at(s, vclock_insn_ns(s->vc));
    clint_update_all(s);
}

/*
 * Which register an access hits (offset in the whole CLINT window): *base
 * is that register's offset and *hart its hart. Accesses must be
 * naturally aligned and inside one register.
 */
static ClintReg clint_decode(const Clint *s, uint64_t offset, unsigned size,
                             unsigned *hart, uint64_t *base)
{
    if ((offset & (size - 1)) != 0) {
        return CLINT_RESERVED;
    }
    if (offset < CLINT_MTIMECMP &&
        offset / CLINT_MSIP_STRIDE < s->n_harts) {
        *hart = (unsigned)(offset / CLINT_MSIP_STRIDE);
        *base = CLINT_MSIP + *hart * CLINT_MSIP_STRIDE;
        return CLINT_MSIP;
    }
    if (offset >= CLINT_MTIMECMP && offset < CLINT_MTIME &&
        (offset - CLINT_MTIMECMP) / CLINT_MTIMECMP_STRIDE < s->n_harts) {
        *hart = (unsigned)((offset - CLINT_MTIMECMP) / CLINT_MTIMECMP_STRIDE);
        *base = CLINT_MTIMECMP + (uint64_t)*hart * CLINT_MTIMECMP_STRIDE;
        return CLINT_MTIMECMP;
    }
    if (offset >= CLINT_MTIME && offset < CLINT_MTIME + 8) {
        *hart = 0;
        *base = CLINT_MTIME;
        return CLINT_MTIME;
    }
    return CLINT_RESERVED;
}

/* Replace the 32-bit half of old at byte `pos` (0 or 4), or all of it. */
static uint64_t merge64(uint64_t old, uint64_t val, unsigned pos,
                        unsigned size)
{
    unsigned shift = pos * 8;

    if (size == 8) {
        return val;
    }
    return (old & ~(UINT64_C(0xffffffff) << shift)) |
           ((val & UINT64_C(0xffffffff)) << shift);
}

static uint64_t clint_read(void *opaque, uint64_t offset, unsigned size)
{
    Clint *s = opaque;
    unsigned hart = 0;
    uint64_t base = 0;
    uint64_t val = 0;

    switch (clint_decode(s, offset, size, &hart, &base)) {
    case CLINT_MSIP:
        val = s->harts[hart].msip ? 1 : 0;
        break;
    case CLINT_MTIMECMP:
        val = s->harts[hart].mtimecmp >> ((offset - base) * 8);
        break;
    case CLINT_MTIME:
        val = clint_mtime(s) >> ((offset - base) * 8);
        break;
    case CLINT_RESERVED:
    default:
        if (log_enabled(LOG_GUEST_ERROR)) {
            log_printf("clint: %u-byte read from reserved offset 0x%08" PRIx64
                       "\n", size, offset);
        }
        return 0;
    }
    return size == 4 ? val & UINT64_C(0xffffffff) : val;
}

static void clint_write(void *opaque, uint64_t offset, uint64_t value,
                        unsigned size)
{
    Clint *s = opaque;
    unsigned hart = 0;
    uint64_t base = 0;
    ClintHart *h;

    switch (clint_decode(s, offset, size, &hart, &base)) {
    case CLINT_MSIP:
        h = &s->harts[hart];
        h->msip = (value & CLINT_MSIP_MASK) != 0;
        irq_set(&s->msip[hart], h->msip);
        break;
    case CLINT_MTIMECMP:
        h = &s->harts[hart];
        h->mtimecmp = merge64(h->mtimecmp, value, (unsigned)(offset - base),
                              size);
        clint_update_mtip(h);
        break;
    case CLINT_MTIME:
        clint_set_mtime(s, merge64(clint_mtime(s), value,
                                   (unsigned)(offset - base), size));
        break;
    case CLINT_RESERVED:
    default:
        if (log_enabled(LOG_GUEST_ERROR)) {
            log_printf("clint: %u-byte write to reserved offset 0x%08" PRIx64
                       " ignored\n", size, offset);
        }
        break;
    }
}

static uint64_t clint_mswi_read(void *opaque, uint64_t offset, unsigned size)
{
    return clint_read(opaque, CLINT_MSIP + offset, size);
}

static void clint_mswi_write(void *opaque, uint64_t offset, uint64_t value,
                             unsigned size)
{
    clint_write(opaque, CLINT_MSIP + offset, value, size);
}

static uint64_t clint_mtimer_read(void *opaque, uint64_t offset,
                                  unsigned size)
{
    return clint_read(opaque, CLINT_MTIMECMP + offset, size);
}

static void clint_mtimer_write(void *opaque, uint64_t offset, uint64_t value,
                               unsigned size)
{
    clint_write(opaque, CLINT_MTIMECMP + offset, value, size);
}

/* QEMU 7.2 riscv_aclint_swi_ops: .valid 4..4, no .impl (1..4). */
const DevOps clint_mswi_ops = {
    .name = "clint.mswi",
    .read = clint_mswi_read,
    .write = clint_mswi_write,
    .min_size = 4,
    .max_size = 4,
    .valid_min = 4,
    .valid_max = 4,
};

/* QEMU 7.2 riscv_aclint_mtimer_ops: .valid 4..8, .impl 4..8. */
const DevOps clint_mtimer_ops = {
    .name = "clint.mtimer",
    .read = clint_mtimer_read,
    .write = clint_mtimer_write,
    .min_size = 4,
    .max_size = 8,
    .valid_min = 4,
    .valid_max = 8,
};

int clint_map(Clint *s, Bus *bus, const char *name, uint64_t base)
{
    int ret = bus_add_mmio(bus, name, base + CLINT_MSIP, CLINT_MSWI_SIZE,
                           &clint_mswi_ops, s);

    if (ret < 0) {
        return ret;
    }
    return bus_add_mmio(bus, name, base + CLINT_MTIMECMP, CLINT_MTIMER_SIZE,
                        &clint_mtimer_ops, s);
}

void clint_reset(Clint *s)
{
    for (unsigned i = 0; i < s->n_harts; i++) {
        s->harts[i].msip = false;
        irq_set(&s->msip[i], false);
    }
    clint_set_mtime(s, 0);
}

Clint *clint_new(unsigned n_harts, VClock *vc, uint64_t timebase_hz,
                 const IrqLine *msip, const IrqLine *mtip)
{
    Clint *s;

    assert(n_harts >= 1 && n_harts <= CLINT_MAX_HARTS);
    assert(vc && msip && mtip);
    assert(timebase_hz >= 1 && timebase_hz <= NS_PER_S);
    s = calloc(1, sizeof(*s));
    if (!s) {
        return NULL;
    }
    s->vc = vc;
    s->timebase_hz = timebase_hz;
    s->n_harts = n_harts;
    s->msip = calloc(n_harts, sizeof(*s->msip));
    s->mtip = calloc(n_harts, sizeof(*s->mtip));
    s->harts = calloc(n_harts, sizeof(*s->harts));
    if (!s->msip || !s->mtip || !s->harts) {
        clint_free(s);
        return NULL;
    }
    for (unsigned i = 0; i < n_harts; i++) {
        s->msip[i] = msip[i];
        s->mtip[i] = mtip[i];
        s->harts[i].s = s;
        s->harts[i].hart = i;
        timer_init(&s->harts[i].timer, clint_timer_cb, &s->harts[i]);
    }
    clint_reset(s);
    return s;
}

void clint_free(Clint *s)
{
    if (!s) {
        return;
    }
    if (s->harts) {
        for (unsigned i = 0; i < s->n_harts; i++) {
            timer_del(s->vc, &s->harts[i].timer);
        }
    }
    free(s->harts);
    free(s->msip);
    free(s->mtip);
    free(s);
}
