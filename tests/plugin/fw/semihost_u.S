/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * semihost_u: the semihosting sequence (slli x0,x0,0x1f / ebreak /
 * srai x0,x0,7, SYS_WRITE0 "hello\n") run from U-mode. Semihosting is only
 * honoured from M/S-mode, so even with -semihosting this is a breakpoint
 * exception (cause 3, mepc = u_ebreak): the M-mode handler checks that,
 * prints "semihost_u: breakpoint" and exits 0. If the call were serviced,
 * U-mode would go on to an ecall (cause 8) and the handler exits 1.
 */
#include "fw.h"

    .text
    .globl main
main:
    la t0, m_trap
    csrw mtvec, t0
    PMP_ALLOW_ALL
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    la t0, in_user
    csrw mepc, t0
    mret

in_user:
    li a0, 0x04
    la a1, hello
    .option push
    .option norvc
    slli x0, x0, 0x1f
    .globl u_ebreak
u_ebreak:
    ebreak
    srai x0, x0, 7
    .option pop
    ecall

    .balign 4
m_trap:
    csrr t0, mcause
    li t1, CAUSE_BREAKPOINT
    bne t0, t1, 1f
    csrr t0, mepc
    la t1, u_ebreak
    bne t0, t1, 1f
    PUTS("semihost_u: breakpoint\n")
    EXIT(0)
1:  PUTS("semihost_u: serviced from U-mode (or wrong trap)\n")
    EXIT(1)

    .section .rodata
hello:
    .asciz "hello\n"
