/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Berkeley HTIF tohost/fromhost pair, as spike, riscv-tests, riscv-pk and
 * QEMU's spike board use it: exit codes, console, pk's SYS_write.
 */
#ifndef FS_UCB_HTIF_H
#define FS_UCB_HTIF_H

#include <stdint.h>

#include "bus.h"
#include "chardev.h"
#include "machine.h"

#define HTIF_WINDOW_SIZE 16    /* tohost at +0, fromhost at +8 */
#define HTIF_REG_SIZE 8        /* one register alone */

typedef struct Htif Htif;

/*
 * htif_new() - an HTIF with tohost = fromhost = 0.
 * @m: asked to exit on an exit command (not owned).
 * @bus: guest memory, for pk's syscall blocks (not owned).
 * @chr: console backend (not owned).
 * Returns the device (free with htif_free()), or NULL if out of memory.
 */
Htif *htif_new(Machine *m, Bus *bus, Chardev *chr);

/* htif_free() - release it (unmapping is the bus's business); NULL ignored. */
void htif_free(Htif *s);

/*
 * htif_map() - overlay the registers on the bus given to htif_new(), at the
 * addresses of the ELF's tohost and fromhost symbols: one
 * HTIF_WINDOW_SIZE window of htif_ops when fromhost == tohost + 8, else an
 * HTIF_REG_SIZE window of htif_ops at tohost and one of
 * htif_fromhost_ops at fromhost (riscv-tests puts fromhost 64 bytes
 * after tohost; QEMU instead maps one window spanning both and the gap).
 * fromhost == 0 means the ELF has none: only tohost is mapped.
 * Load the ELF before mapping: RAM under a device window is not writable
 * through bus_load_image().
 * Returns 0, or a negative FS_E* code with a message (overlapping symbols,
 * or the bus refused the window).
 */
int htif_map(Htif *s, uint64_t tohost, uint64_t fromhost);

/*
 * The register windows: htif_ops has tohost at +0 and fromhost at +8;
 * htif_fromhost_ops has fromhost at +0. 64-bit accesses, or 32-bit halves
 * (a tohost command runs when its high half is written, as in QEMU).
 */
extern const DevOps htif_ops;
extern const DevOps htif_fromhost_ops;

#endif
