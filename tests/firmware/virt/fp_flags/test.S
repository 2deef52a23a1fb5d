/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * F/D accrued exception flags and mstatus.FS.
 *   1. FS = Off (reset): an FP instruction is illegal (cause 2, mtval =
 *      its bits) (priv v1.12 §3.1.6.6).
 *   2. FS = Initial: each operation sets exactly its flags in fflags
 *      (unpriv "F" chapter, "Floating-Point Control and Status
 *      Register"): 1.0/0.0 -> DZ; sqrt(-1) -> NV and the canonical NaN
 *      0x7fc00000; max*max -> OF|NX; 1.0/3.0 -> NX; min_normal^2 -> UF|NX;
 *      fcvt.w.s of NaN -> NV and 0x7fffffff; fadd.d of a signaling NaN ->
 *      NV and the canonical NaN 0x7ff8000000000000; then FS reads Dirty
 *      and SD is set.
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 2 fp_off m_trap
 * expect.trap checked against qemu-system-riscv64 7.2 with
 * tests/firmware/qemu-ref.sh; expect.uart printed by this program.
 */
#include "fw.h"

#define MSTATUS_FS_INITIAL (1 << 13)
#define MSTATUS_FS_MASK (3 << 13)

/* print "name fflags=0xN" and clear fflags for the next operation */
#define FLAGS(name) \
    csrrw s5, fflags, zero; PUTS(name); PUTS(" fflags="); PUTHEX(s5); NEWLINE

    .text
    .globl main
main:
    addi sp, sp, -REGBYTES
    SREG ra, 0(sp)
    la t0, m_trap
    csrw mtvec, t0
fp_off:
    fadd.s ft0, ft1, ft2
    li t0, MSTATUS_FS_INITIAL
    csrs mstatus, t0
    csrw fcsr, zero

    li t0, 0x3f800000                   /* 1.0f */
    fmv.w.x ft0, t0
    fmv.w.x ft1, zero
    fdiv.s ft2, ft0, ft1
    FLAGS("1.0/0.0")

    li t0, 0xbf800000                   /* -1.0f */
    fmv.w.x ft0, t0
    fsqrt.s ft2, ft0
    FLAGS("sqrt(-1)")
    fmv.x.w s6, ft2
    PUTS("  result=")
    PUTHEX(s6)
    NEWLINE

    li t0, 0x7f7fffff                   /* max float */
    fmv.w.x ft0, t0
    fmul.s ft2, ft0, ft0
    FLAGS("max*max")

    li t0, 0x40400000                   /* 3.0f */
    fmv.w.x ft1, t0
    li t0, 0x3f800000
    fmv.w.x ft0, t0
    fdiv.s ft2, ft0, ft1
    FLAGS("1.0/3.0")

    li t0, 0x00800000                   /* smallest normal float */
    fmv.w.x ft0, t0
    fmul.s ft2, ft0, ft0
    FLAGS("min*min")

    li t0, 0x7fc00000                   /* quiet NaN */
    fmv.w.x ft0, t0
    fcvt.w.s a1, ft0, rtz
    FLAGS("fcvt.w.s(NaN)")
    PUTS("  result=")
    PUTHEX(a1)
    NEWLINE

    li t0, 0x7ff0000000000001           /* signaling NaN, double */
    fmv.d.x ft0, t0
    fmv.d.x ft1, zero
    fadd.d ft2, ft0, ft1
    FLAGS("fadd.d(sNaN)")
    fmv.x.d s6, ft2
    PUTS("  result=")
    PUTHEX(s6)
    NEWLINE

    csrr s6, mstatus
    li t0, MSTATUS_FS_MASK
    and s7, s6, t0
    srli s7, s7, 13
    srli s6, s6, 63
    PUTS("mstatus.FS=")
    PUTDEC(s7)
    PUTS(" SD=")
    PUTDEC(s6)
    NEWLINE
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret

    .balign 4
m_trap:
    TRAP_ENTER
    csrr s6, mcause
    csrr s7, mtval
    PUTS("trap: cause=")
    PUTDEC(s6)
    PUTS(" mtval=")
    PUTHEX(s7)
    NEWLINE
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    TRAP_LEAVE
    mret
