/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mret/sret privilege changes, with the current mode proven by the cause of
 * an ecall (8 from U, 9 from S, 11 from M) and by illegal xRETs:
 *   M --mret (MPP=S)--> S: ecall -> 9 (MPP=1 in the handler)
 *   S --sret (SPP=U)--> U: ecall -> 8 (MPP=0); mret in U -> illegal (2)
 *   M handler --mret (MPP=M)--> M: mstatus.MPP now reads U (0) and MPIE 1;
 *      ecall -> 11
 *   M --sret (SPP=S)--> S (sret is allowed in M): ecall -> 9;
 *      mret in S -> illegal (2), and the handler returns to M to finish.
 * No trap is delegated (medeleg = 0), so all go to M.
 *
 * Spec: privileged v1.12 §3.3.2 (xRET: privilege = xPP, xIE = xPIE,
 * xPIE = 1, xPP = least-privileged supported mode (U); "an xRET instruction
 * can be executed in privilege mode x or higher"; executing it in a lower
 * mode is illegal), §3.1.6.1, §3.1.15 (causes 8, 9, 11, 2), §3.1.16 (mtval
 * = instruction bits: mret = 0x30200073), §3.7 (PMP entry for S/U).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 9 s_ecall m_trap
 *   TRAP exception 8 u_ecall m_trap
 *   TRAP exception 2 u_mret m_trap
 *   TRAP exception 11 m_ecall m_trap
 *   TRAP exception 9 s2_ecall m_trap
 *   TRAP exception 2 s2_mret m_trap
 * expect.trap checked against qemu-system-riscv64 7.2 with
 * tests/firmware/qemu-ref.sh; expect.uart printed by this program.
 */
#include "fw.h"

    .data
    .balign 8
m_resume:                       /* where an illegal mret continues, in M */
    .dword 0

    .text
    .globl main
main:
    PMP_ALLOW_ALL
    la t0, m_trap
    csrw mtvec, t0
    csrw medeleg, zero
    csrw mideleg, zero
    la t0, m_stage
    la t1, m_resume
    SREG t0, 0(t1)
    MRET_TO(MSTATUS_MPP_S, s_stage)
    PUTS("M: mret to S\n")
    mret

s_stage:
s_ecall:
    ecall
    li t0, MSTATUS_SPP
    csrc sstatus, t0
    la t0, u_stage
    csrw sepc, t0
    PUTS("S: sret to U\n")
    sret

u_stage:
u_ecall:
    ecall
u_mret:
    mret
    j fw_fail

m_stage:
    PUTS("M: back in M, mstatus.MPP=")
    csrr a0, mstatus
    srli a0, a0, 11
    andi a0, a0, 3
    call fw_putdec
    PUTS(" MPIE=")
    csrr a0, mstatus
    srli a0, a0, 7
    andi a0, a0, 1
    call fw_putdec
    NEWLINE
m_ecall:
    ecall
    la t0, m_done
    la t1, m_resume
    SREG t0, 0(t1)
    li t0, MSTATUS_SPP
    csrs mstatus, t0
    la t0, s2_stage
    csrw sepc, t0
    PUTS("M: sret to S\n")
    sret

s2_stage:
s2_ecall:
    ecall
s2_mret:
    mret
    j fw_fail

m_done:
    PUTS("M: done\n")
    EXIT(0)

/*
 * Report mcause and MPP. ecall: resume after it, in the same mode. Illegal
 * (an mret below M): print mtval and continue in M at m_resume.
 */
    .balign 4
m_trap:
    TRAP_ENTER
    PUTS("trap mcause=")
    csrr a0, mcause
    call fw_putdec
    PUTS(" MPP=")
    csrr a0, mstatus
    srli a0, a0, 11
    andi a0, a0, 3
    call fw_putdec
    csrr t0, mcause
    li t1, CAUSE_ILLEGAL_INSN
    beq t0, t1, 1f
    NEWLINE
    SKIP_EPC mepc
    TRAP_LEAVE
    mret
1:  PUTS(" mtval=")
    csrr a0, mtval
    call fw_puthex
    NEWLINE
    li t0, MSTATUS_MPP
    csrs mstatus, t0
    la t0, m_resume
    LREG t0, 0(t0)
    csrw mepc, t0
    TRAP_LEAVE
    mret
