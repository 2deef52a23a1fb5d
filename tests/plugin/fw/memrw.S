/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * memrw: guest memory written by a plugin (api_memrw.c). Just before
 * vpatch_point runs, the plugin writes 0x600df00d into vvar with
 * qemu_plugin_write_memory_vaddr; just before hpatch_point, 0x0badcafe
 * into hvar with qemu_plugin_write_memory_hwaddr. The program prints what
 * it then reads and exits 0 only if both values arrived.
 */
#include "fw.h"

    .text
    .globl main
main:
    addi sp, sp, -REGBYTES
    SREG ra, 0(sp)
    la s0, vvar
    la s1, hvar
    .globl vpatch_point
vpatch_point:
    ld s2, 0(s0)
    .globl hpatch_point
hpatch_point:
    ld s3, 0(s1)
    PUTS("memrw: vvar=")
    PUTHEX(s2)
    PUTS(" hvar=")
    PUTHEX(s3)
    NEWLINE
    li t0, 0x600df00d
    bne s2, t0, fail
    li t0, 0x0badcafe
    bne s3, t0, fail
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret
fail:
    j fw_fail

    .data
    .balign 16
    .globl vvar
vvar:
    .dword 0x1111
    .globl hvar
hvar:
    .dword 0x2222
