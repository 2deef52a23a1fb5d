/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SiFive test finisher as on QEMU's virt board (QEMU hw/misc/sifive_test):
 * a write at offset 0 ends the run with a pass/fail code.
 */
#ifndef FS_SIFIVE_TEST_H
#define FS_SIFIVE_TEST_H

#include "bus.h"
#include "machine.h"

#define SIFIVE_TEST_WINDOW_SIZE 0x1000

typedef struct SifiveTest SifiveTest;

/*
 * sifive_test_new() - a finisher that asks `m` to exit (not owned).
 * Returns the device (free with sifive_test_free()), or NULL if out of
 * memory. Map it with bus_add_mmio(..., SIFIVE_TEST_WINDOW_SIZE,
 * &sifive_test_ops, s).
 */
SifiveTest *sifive_test_new(Machine *m);

/* sifive_test_free() - release it; NULL is ignored. */
void sifive_test_free(SifiveTest *s);

/*
 * A 32-bit write at offset 0: 0x5555 exits with 0, 0x3333 | code << 16
 * exits with code, 0x7777 (reset) exits with 0 as QEMU does under
 * -no-reboot; other values and offsets are logged (guest_errors) and
 * ignored. Reads return 0. 16- and 32-bit accesses (QEMU's .valid; the
 * bus widens 16-bit ones): the bus fails byte and 64-bit ones.
 */
extern const DevOps sifive_test_ops;

#endif
