/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RV32 build of virt/mmio_valid: the same program (see ../mmio_valid/test.S
 * for what it tests, QEMU's sources it follows and how its traps were
 * derived), assembled for RV32 and run with -cpu rv32, with Sv32 for its
 * S-mode part. The expected traps are the TRAP lines of
 * ../mmio_valid/test.S resolved against this ELF by spec-trap.sh;
 * expect.trap checked against qemu-system-riscv32 7.2 with
 * tests/firmware/qemu-ref.sh; expect.uart printed by this program.
 */
#include "../mmio_valid/test.S"
