/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * memops: a fixed sequence of loads, stores and an AMO between mem_start
 * and mem_end, for the memory-callback test plugin (api_mem.c), which
 * compares what its callbacks see (size, direction, sign extension,
 * value, vaddr, physical address, I/O or not) with its own table of the
 * same sequence. Keep the two in step.
 *
 * mdata (16-byte aligned, in RAM) initially holds
 *   +0  .dword 0xf0e1d2c3b4a59687
 *   +8  .dword 0 (sb/sw target)
 *   +16 .dword 0 (sd target)
 *   +24 .word 5  (amoadd.w target)
 * The UART takes two stores (I/O): 0x5a into its scratch register
 * (0x10000007) and '*' into THR (0x10000000), so the output starts with
 * '*'.
 */
#include "fw.h"

    .text
    .globl main
main:
    addi sp, sp, -REGBYTES
    SREG ra, 0(sp)
    la s0, mdata
    li s1, UART_BASE
    li t1, 0xa5
    li t2, 0x12345678
    li t3, 0x0123456789abcdef
    li t4, 7
    addi t5, s0, 24
    li t6, 0x5a
    li a2, '*'
    .globl mem_start
mem_start:
    lb t0, 7(s0)                /* 1: 0xf0, signed byte */
    lbu t0, 7(s0)               /* 2: 0xf0, unsigned byte */
    lh t0, 6(s0)                /* 3: 0xf0e1 */
    lhu t0, 6(s0)               /* 4: 0xf0e1 */
    lw t0, 4(s0)                /* 5: 0xf0e1d2c3 */
    lwu t0, 4(s0)               /* 6: 0xf0e1d2c3 */
    ld t0, 0(s0)                /* 7: 0xf0e1d2c3b4a59687 */
    sb t1, 8(s0)                /* 8: 0xa5 */
    sw t2, 12(s0)               /* 9: 0x12345678 */
    sd t3, 16(s0)               /* 10: 0x0123456789abcdef */
    amoadd.w t0, t4, (t5)       /* 11: load 5, store 12 */
    sb t6, 7(s1)                /* 12: UART scratch register, I/O */
    sb a2, 0(s1)                /* 13: UART THR: prints '*', I/O */
    .globl mem_end
mem_end:
    /* the program checks what it can see itself */
    lw t0, 24(s0)
    li t1, 12
    bne t0, t1, fail
    lbu t0, 8(s0)
    li t1, 0xa5
    bne t0, t1, fail
    PUTS("memops: done\n")
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret
fail:
    j fw_fail

    .data
    .balign 16
    .globl mdata
mdata:
    .dword 0xf0e1d2c3b4a59687
    .dword 0
    .dword 0
    .word 5
    .word 0
