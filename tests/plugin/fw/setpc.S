/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * setpc: the branch at set_pc_mark is always taken (a0 = 1) and leads to
 * failure. The set_pc test plugin (api_setpc.c) calls qemu_plugin_set_pc
 * (set_pc_target) from an instruction callback on set_pc_mark, skipping
 * the branch; only then does the program print "setpc: skipped" and exit 0.
 */
#include "fw.h"

    .text
    .globl main
main:
    addi sp, sp, -REGBYTES
    SREG ra, 0(sp)
    li a0, 1
    .option push
    .option norvc
    .globl set_pc_mark
set_pc_mark:
    bnez a0, not_skipped
    .globl set_pc_target
set_pc_target:
    .option pop
    PUTS("setpc: skipped\n")
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret
not_skipped:
    PUTS("setpc: not skipped\n")
    EXIT(1)
