/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RV32 build of virt/illegal: the same program (see ../illegal/test.S for
 * what it tests, the spec sections and how its traps were derived),
 * assembled with -march=rv32imac_zicsr_zifencei -mabi=ilp32 and run with
 * -cpu rv32. The expected traps are the TRAP lines of ../illegal/test.S
 * resolved against this ELF by spec-trap.sh; expect.trap checked against
 * qemu-system-riscv32 7.2 with tests/firmware/qemu-ref.sh; expect.uart
 * printed by this program.
 */
#include "../illegal/test.S"
