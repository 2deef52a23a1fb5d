/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Throughput workload for `make perf`: a fixed integer loop (ALU ops,
 * loads and stores to a small buffer, a taken branch) of about 400 M
 * instructions on the virt board. It prints the number of instructions
 * it retired (minstret, deterministic), which tests/perf/run.sh divides
 * by the wall-clock time of the run to report MIPS.
 */
#include "fw.h"

#define ITERATIONS 20000000

    .text
    .globl main
main:
    addi sp, sp, -16
    SREG ra, 0(sp)
    la t0, buffer
    li t1, ITERATIONS
    li t2, 0x9e3779b9
    li t3, 0
1:  add t3, t3, t2
    xor t4, t3, t1
    slli t5, t4, 3
    srli t6, t4, 5
    or t5, t5, t6
    andi t6, t1, 0x3c
    add t6, t6, t0
    lw a1, 0(t6)
    add a1, a1, t5
    sw a1, 0(t6)
    sub t4, t4, a1
    sltu a2, t4, t3
    add t3, t3, a2
    mul a3, t4, t2
    xor t3, t3, a3
    addi t1, t1, -1
    bnez t1, 1b
    csrr s1, minstret
    PUTS("perf loop: ")
    PUTDEC(s1)
    PUTS(" instructions, checksum ")
    PUTHEX(t3)
    NEWLINE
    LREG ra, 0(sp)
    addi sp, sp, 16
    li a0, 0
    ret

    .bss
    .balign 64
buffer:
    .space 64
