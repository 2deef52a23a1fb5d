/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * doubletrap: an interrupt immediately followed by an exception, with no
 * instruction retired in between (the firmscope counterpart of QEMU's
 * tests/tcg/riscv64/doubletrap.S).
 *
 * mtvec is vectored (MODE = 1). The machine software interrupt is made
 * pending through the CLINT (msip = 1) with mie.MSIE set, then enabled with
 * `csrs mstatus, MIE`: the interrupt (cause 3) is taken before `after_en`
 * and enters vec_table+12, which holds an all-zero word, an illegal
 * instruction. That raises exception 2 (mepc = vec_table+12), entering
 * vec_table+0. The exception handler checks mcause == 2 and mepc ==
 * vec_table+12, clears msip and passes through the finisher.
 *
 * Expected discontinuities (resolved against the ELF by tests/plugin/run.sh):
 *   interrupt 3  after_en        -> vec_table+12
 *   exception 2  vec_table+12    -> vec_table
 * so the exception's from_pc equals the interrupt's to_pc.
 */
#include "fw.h"

    .text
    .globl main
main:
    la t0, vec_table
    ori t0, t0, 1
    csrw mtvec, t0
    PUTS("doubletrap: start\n")
    li t0, MIP_MSIP
    csrs mie, t0
    li t1, CLINT_MSIP
    li t2, 1
    sw t2, 0(t1)
    csrs mstatus, MSTATUS_MIE
    .globl after_en
after_en:
    /* never reached: the interrupt is taken before this instruction */
    PUTS("doubletrap: interrupt not taken\n")
    EXIT(1)

    .balign 256
    .option push
    .option norvc
    .globl vec_table
vec_table:
    j exc_entry                 /* 0: every exception */
    .word 0                     /* 1 */
    .word 0                     /* 2 */
    .globl msi_slot
msi_slot:
    .word 0                     /* 3: machine software: illegal */
    .word 0                     /* 4 */
    .word 0                     /* 5 */
    .word 0                     /* 6 */
    .word 0                     /* 7 */
    .option pop

exc_entry:
    csrr t0, mcause
    li t1, CAUSE_ILLEGAL_INSN
    bne t0, t1, bad_cause
    csrr t0, mepc
    la t1, msi_slot
    bne t0, t1, bad_epc
    li t1, CLINT_MSIP
    sw zero, 0(t1)
    PUTS("doubletrap: ok\n")
    li t0, TEST_BASE
    li t1, TEST_PASS
    sw t1, 0(t0)
1:  wfi
    j 1b
bad_cause:
    PUTS("doubletrap: mcause != 2\n")
    EXIT(1)
bad_epc:
    PUTS("doubletrap: mepc != vec_table+12\n")
    EXIT(1)
