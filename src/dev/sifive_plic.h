/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SiFive PLIC (platform-level interrupt controller) as QEMU's virt board
 * has it (RISC-V PLIC Specification 1.0.0, "Memory Map").
 */
#ifndef FS_SIFIVE_PLIC_H
#define FS_SIFIVE_PLIC_H

#include <stdbool.h>

#include "bus.h"
#include "irq.h"

#define PLIC_WINDOW_SIZE 0x600000
#define PLIC_MAX_SOURCES 1024    /* source 0 (reserved) included */
#define PLIC_MAX_HARTS 512       /* 2 contexts per hart fit the window */
#define PLIC_NUM_SOURCES_VIRT 96 /* QEMU virt: sources 1..95 */

typedef struct Plic Plic;

/**
 * plic_new() - a PLIC in its reset state, with 7 priority levels and two
 * contexts per hart: context 2h is hart h's M-mode, 2h+1 its S-mode.
 * @n_harts: 1..PLIC_MAX_HARTS.
 * @n_sources: number of sources counting the reserved source 0,
 *             2..PLIC_MAX_SOURCES (QEMU virt: PLIC_NUM_SOURCES_VIRT).
 * @context_out: 2 * n_harts output lines (the MEIP/SEIP inputs), copied.
 *
 * Map it with bus_add_mmio(..., PLIC_WINDOW_SIZE, &plic_ops, s). Feed
 * the level of source n with plic_set_irq(s, n, level), or hand devices
 * irq_line(plic_irq_handler, s, n).
 *
 * Returns: the device (free with plic_free()), or NULL if out of memory.
 */
Plic *plic_new(unsigned n_harts, unsigned n_sources,
               const IrqLine *context_out);

/*
 * plic_reset() - priorities, enables and thresholds to 0, nothing in
 * service; pending follows the input levels, which are wires and keep
 * their state. The output lines are driven again.
 */
void plic_reset(Plic *s);

/* plic_free() - release it; NULL is ignored. */
void plic_free(Plic *s);

/*
 * plic_set_irq() - the level of input `source` (1..n_sources-1); inputs
 * are level-triggered. Source 0 and out-of-range sources are ignored.
 */
void plic_set_irq(Plic *s, unsigned source, bool level);

/* plic_irq_handler() - IrqHandlerFn form of plic_set_irq(); opaque = s. */
void plic_irq_handler(void *opaque, unsigned source, bool level);

/* 32-bit accesses only (QEMU's .valid): the bus fails the others. */
extern const DevOps plic_ops;

#endif
