/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Common runtime linked into every spike-board firmware test, in the style of
 * riscv-tests: the HTIF mailboxes `tohost` and `fromhost` (section .tohost;
 * the host finds them by symbol name in the ELF), start code and a default
 * trap handler. There is no UART: results go through tohost only, where
 * writing 1 means pass and (n << 1) | 1 means exit with status n.
 *
 * Start: hart 0 sets sp and mtvec = fw_trap_default, calls main and reports
 * main's return value through fw_htif_exit. Not a test itself; it takes no
 * traps of its own.
 */
#include "fw.h"

    .section .tohost, "aw", @progbits
    .balign 64
    .globl tohost
tohost:
    .dword 0
    .size tohost, 8
    .balign 64
    .globl fromhost
fromhost:
    .dword 0
    .size fromhost, 8

    .section .text.init, "ax", @progbits
    .globl _start
_start:
    csrr t0, mhartid
    bnez t0, fw_park
    la sp, __stack_top
    la t0, fw_trap_default
    csrw mtvec, t0
    call main
    j fw_htif_exit

fw_park:
    wfi
    j fw_park

    .text

/* unexpected trap: exit with status FW_EXIT_UNEXPECTED_TRAP */
    .balign 4
    .globl fw_trap_default
fw_trap_default:
    li a0, FW_EXIT_UNEXPECTED_TRAP
    j fw_htif_exit

/* fw_htif_exit(a0 = status): tohost = (status << 1) | 1; never returns */
    .globl fw_htif_exit
fw_htif_exit:
    slli a0, a0, 1
    ori a0, a0, 1
    la t0, tohost
#if __riscv_xlen == 64
    sd a0, 0(t0)
#else
    sw a0, 0(t0)
    sw zero, 4(t0)
#endif
1:  j 1b
