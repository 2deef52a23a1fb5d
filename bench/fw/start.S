/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Start code for the benchmark firmware (virt board, M-mode, -bios none).
 * The reset ROM jumps here with a0 = hartid. Hart 0 sets up gp, sp and tp,
 * turns the FPU on (mstatus.FS; the fp kernel needs it, the others do not
 * care), zeroes .bss, installs bench_trap_unexpected as the trap vector,
 * calls main and exits through the sifive_test finisher with main's
 * return value. Other harts park.
 */
    .section .text.start, "ax", @progbits
    .globl _start
_start:
    /* gp is set with relaxation off, or it would relax against itself */
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    csrw    mie, zero
    bnez    a0, park
    la      sp, __stack_top
    la      tp, __tls_base
    li      t0, (1 << 13)           /* mstatus.FS = Initial */
    csrw    mstatus, t0
    csrw    fcsr, zero
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  la      t0, bench_trap_unexpected
    csrw    mtvec, t0
    call    main
    call    bench_exit              /* never returns */
park:
    wfi
    j       park
