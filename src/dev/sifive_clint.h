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

#define CLINT_WINDOW_SIZE 0x10000
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
 * Map it with bus_add_mmio(..., CLINT_WINDOW_SIZE, &clint_ops, s).
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

/* 32- and 64-bit accesses; the bus widens byte and halfword accesses. */
extern const DevOps clint_ops;

#endif
