/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * regs: traps whose trap CSRs the register test plugin (api_regs.c) reads
 * inside its discon callback: ecall from M (mcause 11), an illegal
 * instruction (2), ebreak (3), ecall from U (8, priv M after the trap) and
 * a machine software interrupt (mcause 1<<63 | 3). The handler (direct
 * mode) skips the trapping instruction, or clears msip for the interrupt.
 */
#include "fw.h"

    .text
    .globl main
main:
    addi sp, sp, -REGBYTES
    SREG ra, 0(sp)
    la t0, m_trap
    csrw mtvec, t0
    PMP_ALLOW_ALL
    ecall
    .word 0xc0001073            /* csrrw x0, cycle, x0: illegal */
    ebreak
    /* to U-mode and back through an ecall */
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    la t0, in_user
    csrw mepc, t0
    mret
in_user:
    ecall
back_in_m:
    li t0, MIP_MSIP
    csrs mie, t0
    li t1, CLINT_MSIP
    li t2, 1
    sw t2, 0(t1)
    csrs mstatus, MSTATUS_MIE
    csrc mstatus, MSTATUS_MIE
    PUTS("regs: done\n")
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret

    .balign 4
m_trap:
    csrr t0, mcause
    bltz t0, irq
    li t1, CAUSE_USER_ECALL
    beq t0, t1, from_user
    SKIP_EPC mepc
    mret
from_user:
    /* back to M-mode at back_in_m */
    li t0, MSTATUS_MPP
    csrs mstatus, t0
    la t0, back_in_m
    csrw mepc, t0
    mret
irq:
    li t0, CLINT_MSIP
    sw zero, 0(t0)
    mret
