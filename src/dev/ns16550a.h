/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * NS16550A UART as on QEMU's virt board: 1-byte registers at reg-shift 0
 * in a 0x100-byte window (PC16550D datasheet, section 8).
 */
#ifndef FS_NS16550A_H
#define FS_NS16550A_H

#include "bus.h"
#include "chardev.h"
#include "irq.h"
#include "vclock.h"

#define NS16550A_WINDOW_SIZE 0x100

typedef struct Ns16550a Ns16550a;

/*
 * ns16550a_new() - a UART in its reset state.
 * @chr: backend for transmitted and received bytes (not owned).
 * @irq: the interrupt output (copied).
 * @vc: virtual time, for polling input while receive interrupts are on
 *      (not owned; must outlive the UART).
 * Returns the device (free with ns16550a_free()), or NULL if out of memory.
 * Map it with bus_add_mmio(..., NS16550A_WINDOW_SIZE, &ns16550a_ops, s).
 */
Ns16550a *ns16550a_new(Chardev *chr, IrqLine irq, VClock *vc);

/* ns16550a_reset() - the state after the MR pin: registers, FIFOs, irq low. */
void ns16550a_reset(Ns16550a *s);

/* ns16550a_free() - disarm its timer and release it; NULL is ignored. */
void ns16550a_free(Ns16550a *s);

/*
 * Registers are bytes; an access of any width at offset N reaches register
 * N with the value truncated to its low byte, as QEMU's serial_mm does.
 */
extern const DevOps ns16550a_ops;

#endif
