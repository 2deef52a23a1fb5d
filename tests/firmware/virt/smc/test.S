/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Self-modifying code: stores into instructions that have already run
 * (and so are decoded and cached) take effect the next time they run.
 *
 *   (a) a loop on another page is patched between calls, once with
 *       fence.i after the store and once without (the spec requires
 *       fence.i for the hart to see its own code writes; QEMU and
 *       firmscope both see them at once, so both orders are tested);
 *   (b) a hot loop on this page patches a function on another page on
 *       every turn and calls it: each call runs the new instruction. The
 *       plugin suite (tests/plugin/run.sh) runs this image under
 *       libhotblocks.so and checks that the hot loop's own blocks were
 *       decoded once: a store drops only the decoded code of its page;
 *   (c) an instruction crossing a page boundary is patched in its second
 *       half, then in its first: the block holding it is decoded again
 *       after a store to either page.
 *
 * The patching store always ends its block before the patched code runs
 * (a call follows), as QEMU 7.2 does not re-decode the block a store is
 * in (RISC-V has no precise self-modifying code there).
 *
 * Spec: unprivileged v20191213 §3 (Zifencei: fence.i makes stores to
 * instruction memory visible to the hart's fetches).
 *
 * Expected traps: none (expect.trap is empty). Checked against
 * qemu-system-riscv64 7.2 with tests/firmware/qemu-ref.sh; expect.uart
 * printed by this program.
 */
#include "fw.h"

#define HOT_TURNS 100

    .text
    .globl main
main:
    addi sp, sp, -REGBYTES
    SREG ra, 0(sp)

    /* (a) count_loop adds 1 per turn; patched to add 2, then 3 */
    li a0, 0
    li a1, 10
    call count_loop
    li t0, 10
    bne a0, t0, fw_fail
    la t0, count_step
    lw t1, insn_add2
    sw t1, 0(t0)
    fence.i
    li a0, 0
    li a1, 10
    call count_loop
    li t0, 20
    bne a0, t0, fw_fail
    PUTS("loop patched, fence.i: ok\n")
    la t0, count_step
    lw t1, insn_add3
    sw t1, 0(t0)
    li a0, 0
    li a1, 10
    call count_loop
    li t0, 30
    bne a0, t0, fw_fail
    PUTS("loop patched, no fence.i: ok\n")

    /* (b) flip_step alternates between adding 2 and adding 1 */
    li a0, 0
    li s0, HOT_TURNS
    la s1, flip_step
    lw s2, insn_add1
    lw s3, insn_add2
    .globl hot_loop
hot_loop:
    sw s3, 0(s1)
    call flip_fn
    sw s2, 0(s1)
    call flip_fn
    addi s0, s0, -1
    bnez s0, hot_loop
    .globl hot_end
hot_end:
    li t0, 3 * HOT_TURNS
    bne a0, t0, fw_fail
    PUTS("hot loop patching another page: ok\n")

    /* (c) cross_step: addi a0,a0,1; then addi a0,a0,2; then xori a0,a0,2 */
    li a0, 5
    call cross_fn
    li t0, 6
    bne a0, t0, fw_fail
    lw t1, insn_add2
    srli t1, t1, 16
    la t0, cross_step
    sh t1, 2(t0)                /* the half on the second page */
    fence.i
    li a0, 5
    call cross_fn
    li t0, 7
    bne a0, t0, fw_fail
    PUTS("crossing insn patched on its second page: ok\n")
    lw t1, insn_xor2
    la t0, cross_step
    sh t1, 0(t0)                /* the half on the first page */
    fence.i
    li a0, 6
    call cross_fn
    li t0, 4
    bne a0, t0, fw_fail
    PUTS("crossing insn patched on its first page: ok\n")

    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret

    /* the instructions stored by the patches (read as data, never run) */
    .option push
    .option norvc
    .balign 4
insn_add1:
    addi a0, a0, 1
insn_add2:
    addi a0, a0, 2
insn_add3:
    addi a0, a0, 3
insn_xor2:
    xori a0, a0, 2              /* only its low half differs from add2 */

    /* the patched code, on its own page */
    .balign 4096
    .globl count_loop
count_loop:
count_step:
    addi a0, a0, 1
    addi a1, a1, -1
    bnez a1, count_loop
    ret

    .globl flip_fn
flip_fn:
flip_step:
    addi a0, a0, 1
    ret

    /* cross_step starts 2 bytes before the end of a page */
    .balign 4096
    .skip 4096 - 6
    .globl cross_fn
cross_fn:
    addi a0, a0, 0
cross_step:
    addi a0, a0, 1
    ret
    .option pop
