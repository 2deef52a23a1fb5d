/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Misaligned LR traps (unlike plain loads, which QEMU performs): lr.w at
 * 2- and 1-aligned addresses and lr.d at a 4-aligned address (RV64) raise
 * load address misaligned (cause 4) with mtval = the address, and the
 * memory is left unchanged. An aligned lr.w and amoadd.w right after work.
 *
 * Spec: unprivileged v20191213 §8.2 (LR/SC need natural alignment: "an
 * address-misaligned exception or an access-fault exception will be
 * generated"; we expect the misaligned cause, as QEMU raises it), privileged
 * v1.12 §3.1.15 (cause 4), §3.1.16 (mtval = faulting address).
 *
 * Not tested, because QEMU 7.2 deviates from the spec there: a misaligned
 * sc.w without a matching reservation does not trap (QEMU compares the
 * reservation address first and skips the access); a misaligned AMO raises
 * cause 4 instead of 6 (store/AMO address misaligned).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 4 at_lr_w2 m_trap
 *   TRAP exception 4 at_lr_w1 m_trap
 *   TRAP exception 4 at_lr_d m_trap (rv64)
 * expect.trap checked against
 * qemu-system-riscv64 7.2 with tests/firmware/qemu-ref.sh; expect.uart
 * printed by this program.
 */
#include "fw.h"

    .data
    .balign 16
buf:
    .word 0x11111111, 0x22222222, 0x33333333, 0x44444444

    .text
    .globl main
main:
    addi sp, sp, -REGBYTES
    SREG ra, 0(sp)
    la t0, m_trap
    csrw mtvec, t0
    la s1, buf
    addi t2, s1, 2
at_lr_w2:
    lr.w t0, (t2)
    addi t2, s1, 1
at_lr_w1:
    lr.w t0, (t2)
#if __riscv_xlen == 64
    addi t2, s1, 4
at_lr_d:
    lr.d t0, (t2)
#endif
    li t1, 5
    addi t2, s1, 4
    lr.w t0, (t2)               /* aligned: no trap */
    amoadd.w t0, t1, (s1)       /* aligned: no trap */
    PUTS("old=")
    PUTHEX(t0)
    PUTS(" words")
    li s3, 0
1:  PUTC(' ')
    add t0, s1, s3
    lw s2, 0(t0)
    PUTHEX(s2)
    addi s3, s3, 4
    li t0, 16
    blt s3, t0, 1b
    NEWLINE
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret

/* print mcause and mtval - buf, skip the instruction */
    .balign 4
m_trap:
    TRAP_ENTER
    PUTS("mcause=")
    csrr a0, mcause
    call fw_putdec
    PUTS(" mtval=buf+")
    csrr a0, mtval
    sub a0, a0, s1
    call fw_putdec
    NEWLINE
    SKIP_EPC mepc
    TRAP_LEAVE
    mret
