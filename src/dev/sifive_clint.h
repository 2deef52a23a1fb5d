/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SiFive CLINT (core-local interruptor) at QEMU virt's layout: msip,
 * mtimecmp and mtime (SiFive FU540-C000 manual, "Core Local Interruptor").
 */
#ifndef FS_SIFIVE_CLINT_H
#define FS_SIFIVE_CLINT_H

#include <stdint.h>

#include "bus.h"
#include "irq.h"
#include "vclock.h"

#define CLINT_WINDOW_SIZE 0x10000 /* what the board reserves (QEMU virt) */
#define CLINT_MSWI_SIZE 0x4000    /* msip[] at +0 (RISCV_ACLINT_SWI_SIZE) */
#define CLINT_MTIMER_SIZE 0x8000  /* mtimecmp[], mtime at +0x4000 */
#define CLINT_MAX_HARTS 4095 /* msip[] and mtimecmp[] both fit 4095 harts */
#define CLINT_TIMEBASE_HZ_VIRT 10000000u /* QEMU virt: 10 MHz */

typedef struct Clint Clint;

/*
 * clint_new() - a CLINT for harts 0..n_harts-1, in its reset state (which
 * raises every MTIP: mtime = mtimecmp = 0, as in QEMU).
 * @n_harts: 1..CLINT_MAX_HARTS.
 * @vc: virtual time (not owned; must outlive the CLINT).
 * @timebase_hz: mtime frequency, 1..1000000000 (QEMU virt: 10 MHz).
 * @msip, @mtip: arrays of n_harts output lines, copied.
 * Returns the device (free with clint_free()), or NULL if out of memory.
 * Map it with clint_map().
 */
Clint *clint_new(unsigned n_harts, VClock *vc, uint64_t timebase_hz,
                 const IrqLine *msip, const IrqLine *mtip);

/*
 * clint_reset() - mtime and every msip to 0; mtimecmp keeps its value
 * (it is unspecified after reset); the lines are re-evaluated.
 */
void clint_reset(Clint *s);

/* clint_free() - disarm its timers and release it; NULL is ignored. */
void clint_free(Clint *s);

/* clint_mtime() - the current mtime, which the time CSR reads. */
uint64_t clint_mtime(Clint *s);

/*
 * clint_map() - map s at base on bus as QEMU 7.2's virt does: msip
 * (clint_mswi_ops) at base, mtimecmp and mtime (clint_mtimer_ops) at
 * base + 0x4000; the rest of the CLINT_WINDOW_SIZE window stays unmapped
 * (accesses fault). name names both regions. 0 or -FS_E*.
 */
int clint_map(Clint *s, Bus *bus, const char *name, uint64_t base);

/*
 * The two regions' callbacks, at offsets in their own region: msip takes
 * only 32-bit accesses, mtimecmp/mtime 32- and 64-bit ones (QEMU's .valid;
 * anything else fails on the bus).
 */
extern const DevOps clint_mswi_ops;
extern const DevOps clint_mtimer_ops;

#endif
