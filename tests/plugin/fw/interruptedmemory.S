/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * interruptedmemory: machine timer interrupts every ~100 mtime ticks
 * (mtimecmp re-armed in the handler) while a tight ld/sd loop runs for
 * ITERS iterations (the firmscope counterpart of QEMU's
 * tests/tcg/riscv64/interruptedmemory.S). At the end the loop's results
 * are checked: counter == ITERS and sum == ITERS * (ITERS + 1) / 2, and
 * at least MIN_TICKS interrupts must have been taken. It prints
 * "interruptedmemory: ok ticks=N" (N = interrupts taken, for comparison
 * with the discontinuity stream) and exits 0.
 *
 * Every interrupt is cause 7 from somewhere between arm_start and
 * arm_end, entering m_trap (direct mode).
 */
#include "fw.h"

#define ITERS     3000000
#define PERIOD    100
#define MIN_TICKS 100

    .text
    .globl main
main:
    addi sp, sp, -REGBYTES
    SREG ra, 0(sp)
    la t0, m_trap
    csrw mtvec, t0
    la s0, cells
    sd zero, 0(s0)
    sd zero, 8(s0)
    la s3, ticks
    sd zero, 0(s3)
    li s1, ITERS
    li t0, MIP_MTIP
    csrs mie, t0
    li a0, PERIOD
    call fw_timer_in
    .globl arm_start
arm_start:
    csrs mstatus, MSTATUS_MIE
1:  ld t0, 0(s0)
    addi t0, t0, 1
    sd t0, 0(s0)
    ld t1, 8(s0)
    add t1, t1, t0
    sd t1, 8(s0)
    addi s1, s1, -1
    bnez s1, 1b
    csrc mstatus, MSTATUS_MIE
    .globl arm_end
arm_end:
    call fw_timer_off
    li t0, MIP_MTIP
    csrc mie, t0
    /* check the loop's results */
    ld t0, 0(s0)
    li t1, ITERS
    bne t0, t1, bad_count
    ld t0, 8(s0)
    li t2, ITERS + 1
    mul t1, t1, t2
    srli t1, t1, 1
    bne t0, t1, bad_sum
    ld s2, 0(s3)
    li t0, MIN_TICKS
    bltu s2, t0, few_ticks
    PUTS("interruptedmemory: ok ticks=")
    PUTDEC(s2)
    NEWLINE
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret
bad_count:
    PUTS("interruptedmemory: wrong counter\n")
    EXIT(1)
bad_sum:
    PUTS("interruptedmemory: wrong sum\n")
    EXIT(1)
few_ticks:
    PUTS("interruptedmemory: too few interrupts: ")
    PUTDEC(s2)
    NEWLINE
    EXIT(1)

    .balign 4
    .globl m_trap
m_trap:
    addi sp, sp, -3*REGBYTES
    SREG t0, 0(sp)
    SREG t1, REGBYTES(sp)
    SREG t2, 2*REGBYTES(sp)
    csrr t0, mcause
    bgez t0, 1f                 /* not an interrupt */
    slli t0, t0, 1
    srli t0, t0, 1
    li t1, IRQ_M_TIMER
    bne t0, t1, 1f
    la t0, ticks
    ld t1, 0(t0)
    addi t1, t1, 1
    sd t1, 0(t0)
    li t0, CLINT_MTIME
    ld t1, 0(t0)
    addi t1, t1, PERIOD
    li t0, CLINT_MTIMECMP
    sd t1, 0(t0)
    LREG t0, 0(sp)
    LREG t1, REGBYTES(sp)
    LREG t2, 2*REGBYTES(sp)
    addi sp, sp, 3*REGBYTES
    mret
1:  j fw_trap_default

    .data
    .balign 16
cells:
    .dword 0, 0
ticks:
    .dword 0
