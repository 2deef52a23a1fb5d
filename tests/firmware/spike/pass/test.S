/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * spike board, riscv-tests style: numbered checks, the number of the current
 * one in gp (TESTNUM); pass writes 1 to the HTIF `tohost` word, a failing
 * check n writes (n << 1) | 1. This one passes: exit status 0, no output.
 *   test 1: arithmetic (addi/sub/mul);
 *   test 2: an ecall from M traps with mcause = 11 and mepc = the ecall,
 *           and the handler resumes after it;
 *   test 3: mscratch holds a value.
 * The HTIF mailboxes and the start code are in common/spike.S.
 *
 * Spec: privileged v1.12 §3.3.1, §3.1.15 (cause 11), §3.1.14, §3.1.13.
 * HTIF: riscv-tests/Spike convention (tohost written with (code << 1) | 1,
 * 1 = pass), as QEMU's spike machine implements it (hw/char/riscv_htif.c).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 11 at_ecall m_trap
 * Expected exit 0, empty UART. Checked against qemu-system-riscv64 7.2
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
    li t0, 40
    addi t0, t0, 2
    li t1, 6
    mul t0, t0, t1
    li t1, 252
    bne t0, t1, fail

    li TESTNUM, 2
    li s1, 0
at_ecall:
    ecall
    li t1, CAUSE_MACHINE_ECALL
    bne s1, t1, fail
    la t1, at_ecall
    bne s2, t1, fail

    li TESTNUM, 3
    li t0, 0x1234
    csrw mscratch, t0
    csrr t1, mscratch
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
    csrr s2, mepc
    addi t0, s2, 4
    csrw mepc, t0
    mret
