/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * spike board, riscv-tests style, a failing test: checks 1 and 2 pass,
 * check 3 is wrong on purpose, so the test writes (3 << 1) | 1 = 7 to the
 * HTIF `tohost` word and the emulator must exit with status 3.
 *   test 1: shifts and logic;
 *   test 2: an ebreak traps with mcause = 3, resumed after it;
 *   test 3: 2 + 2 == 5 (fails).
 *
 * Spec: privileged v1.12 §3.3.1 (EBREAK), §3.1.15 (cause 3). HTIF:
 * riscv-tests/Spike convention ((code << 1) | 1 = exit with status code),
 * as QEMU's spike machine implements it.
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 3 at_ebreak m_trap
 * Expected exit 3, empty UART. Checked against qemu-system-riscv64 7.2
 * (-M spike) with tests/firmware/qemu-ref.sh.
 */
#include "fw.h"

#define TESTNUM gp

    .text
    .globl main
main:
    la t0, m_trap
    csrw mtvec, t0

    li TESTNUM, 1
    li t0, 0xf0
    slli t0, t0, 4
    ori t0, t0, 0xf
    li t1, 0xf0f
    bne t0, t1, fail

    li TESTNUM, 2
    li s1, 0
    .option push
    .option norvc
at_ebreak:
    ebreak
    .option pop
    li t1, CAUSE_BREAKPOINT
    bne s1, t1, fail

    li TESTNUM, 3
    li t0, 2
    addi t0, t0, 2
    li t1, 5
    bne t0, t1, fail

pass:
    li t0, 1
    la t1, tohost
    SREG t0, 0(t1)
1:  j 1b

fail:
    slli t0, TESTNUM, 1
    ori t0, t0, 1
    la t1, tohost
    SREG t0, 0(t1)
1:  j 1b

    .balign 4
m_trap:
    csrr s1, mcause
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret
