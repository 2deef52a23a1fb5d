/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * semihost: RISC-V semihosting from M-mode. SYS_WRITE0 (0x04) prints
 * "hello\n", then SYS_EXIT_EXTENDED (0x20) with ADP_Stopped_ApplicationExit
 * (0x20026) and subcode 7 ends the run with exit status 7. Each call is
 * the sequence slli x0,x0,0x1f / ebreak / srai x0,x0,7 with a0 = operation
 * and a1 = parameter (RISC-V semihosting spec; ARM semihosting ops).
 *
 * Without -semihosting the first ebreak is an ordinary breakpoint
 * (cause 3): the handler checks mcause and mepc == sh_ebreak, prints
 * "semihost: breakpoint" and exits with status 5.
 */
#include "fw.h"

#define SYS_WRITE0        0x04
#define SYS_EXIT_EXTENDED 0x20
#define ADP_Stopped_ApplicationExit 0x20026

    .text
    .globl main
main:
    la t0, m_trap
    csrw mtvec, t0
    li a0, SYS_WRITE0
    la a1, hello
    .option push
    .option norvc
    slli x0, x0, 0x1f
    .globl sh_ebreak
sh_ebreak:
    ebreak
    .globl sh_srai
sh_srai:
    srai x0, x0, 7
    li a0, SYS_EXIT_EXTENDED
    la a1, exit_block
    slli x0, x0, 0x1f
    .globl sh_exit_ebreak
sh_exit_ebreak:
    ebreak
    srai x0, x0, 7
    .option pop
    PUTS("semihost: still running after exit\n")
    EXIT(1)

    .balign 4
m_trap:
    csrr t0, mcause
    li t1, CAUSE_BREAKPOINT
    bne t0, t1, 1f
    csrr t0, mepc
    la t1, sh_ebreak
    bne t0, t1, 1f
    PUTS("semihost: breakpoint\n")
    EXIT(5)
1:  j fw_trap_default

    .section .rodata
hello:
    .asciz "hello\n"
    .balign 8
exit_block:
    .dword ADP_Stopped_ApplicationExit
    .dword 7
