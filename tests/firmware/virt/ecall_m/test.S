/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ecall from M-mode: the trap is taken in M with mcause = 11 (environment
 * call from M-mode), mepc = the ecall, mtval = 0, mstatus.MPP = M and
 * MPIE = the old MIE (0), MIE = 0; mret with mepc + 4 resumes after it.
 *
 * Spec: privileged v1.12 §3.3.1 (ECALL), §3.1.15 (mcause, table 3.6),
 * §3.1.16 (mtval is zero for ecall: "for other traps, mtval is set to zero"),
 * §3.1.6.1 (MPP/MPIE on trap entry), §3.1.7 (direct mtvec: every trap goes
 * to BASE).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 11 at_ecall m_trap
 * expect.trap checked against qemu-system-riscv64 7.2 with
 * tests/firmware/qemu-ref.sh; expect.uart printed by this program.
 */
#include "fw.h"

    .text
    .globl main
main:
    addi sp, sp, -REGBYTES
    SREG ra, 0(sp)
    la t0, m_trap
    csrw mtvec, t0
    PUTS("ecall from M\n")
at_ecall:
    ecall
    PUTS("mcause=")
    PUTDEC(s1)
    PUTS(" mtval=")
    PUTHEX(s3)
    PUTS(" mpp=")
    srli a0, s4, 11
    andi a0, a0, 3
    call fw_putdec
    PUTS(" mpie=")
    srli a0, s4, 7
    andi a0, a0, 1
    call fw_putdec
    NEWLINE
    la t0, at_ecall
    bne s2, t0, fw_fail         /* mepc = the ecall */
    PUTS("mepc ok\n")
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret

    .balign 4
m_trap:
    csrr s1, mcause
    csrr s2, mepc
    csrr s3, mtval
    csrr s4, mstatus
    addi t0, s2, 4
    csrw mepc, t0
    mret
