/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Trap delegation to S-mode. M delegates ecall-from-U (8) and illegal
 * instruction (2) in medeleg and the supervisor software interrupt in
 * mideleg, sets stvec, and mrets to S. Then:
 *   - S sets sie.SSIE, sstatus.SIE and writes sip.SSIP: the interrupt is
 *     taken in S at once (scause = interrupt 1, sepc = s_after_sip, SPP = S);
 *   - S ecalls: cause 9 is not delegated, so it traps to M (mcause 9,
 *     MPP = S);
 *   - S srets to U (SPP = U); U ecalls: delegated, taken in S with
 *     scause = 8, sepc = u_ecall, stval = 0, SPP = U;
 *   - U reads mstatus: illegal instruction, delegated, scause = 2,
 *     stval = the instruction bits (0x30002573, csrr a0, mstatus);
 *   - U executes ebreak: cause 3 is not delegated, so it traps to M
 *     (MPP = U), which ends the test.
 *
 * Spec: privileged v1.12 §3.1.8 (medeleg/mideleg: a delegated trap from S
 * or U is taken in S: scause, sepc, stval, sstatus.SPP/SPIE/SIE are written,
 * pc = stvec; traps are never delegated to a lower mode than the one they
 * occur in), §4.1.1 (sstatus.SPP), §4.1.2 (stvec), §4.1.3 (sip.SSIP written
 * by S when delegated), §4.1.7-4.1.9 (sepc, scause, stval), §3.1.16 and
 * §4.1.9 (stval = instruction bits for illegal instruction, 0 for ecall),
 * §3.7 (PMP: S/U need an entry).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP interrupt 1 s_after_sip s_trap
 *   TRAP exception 9 s_ecall m_trap
 *   TRAP exception 8 u_ecall s_trap
 *   TRAP exception 2 u_illegal s_trap
 *   TRAP exception 3 u_ebreak m_trap
 * expect.trap checked against qemu-system-riscv64 7.2 (qemu-system-riscv32
 * for the RV32 variant) with tests/firmware/qemu-ref.sh; expect.uart printed
 * by this program.
 */
#include "fw.h"

    .text
    .globl main
main:
    PMP_ALLOW_ALL
    la t0, m_trap
    csrw mtvec, t0
    la t0, s_trap
    csrw stvec, t0
    li t0, (1 << CAUSE_USER_ECALL) | (1 << CAUSE_ILLEGAL_INSN)
    csrw medeleg, t0
    li t0, MIP_SSIP
    csrw mideleg, t0
    MRET_TO(MSTATUS_MPP_S, s_code)
    PUTS("M: to S\n")
    mret

s_code:
    PUTS("S: running\n")
    csrs sie, MIP_SSIP
    csrs sstatus, MSTATUS_SIE
    csrs sip, MIP_SSIP
s_after_sip:
    csrc sstatus, MSTATUS_SIE
s_ecall:
    ecall
    li t0, MSTATUS_SPP
    csrc sstatus, t0
    la t0, u_code
    csrw sepc, t0
    PUTS("S: to U\n")
    sret

u_code:
    PUTS("U: running\n")
u_ecall:
    ecall
u_illegal:
    csrr a0, mstatus
    .option push
    .option norvc
u_ebreak:
    ebreak
    .option pop
    j fw_fail

/* S handler: report scause, stval, SPP; clear SSIP or skip the insn */
    .balign 4
s_trap:
    TRAP_ENTER
    PUTS("S: trap ")
    csrr t2, scause
    bltz t2, 1f
    PUTS("exception ")
    PUTDEC(t2)
    PUTS(" stval=")
    csrr a0, stval
    call fw_puthex
    j 2f
1:  PUTS("interrupt ")
    slli t2, t2, 1
    srli t2, t2, 1
    PUTDEC(t2)
    csrc sip, MIP_SSIP
2:  PUTS(" SPP=")
    csrr a0, sstatus
    srli a0, a0, 8
    andi a0, a0, 1
    call fw_putdec
    NEWLINE
    csrr t2, scause
    bltz t2, 3f
    SKIP_EPC sepc
3:  TRAP_LEAVE
    sret

/* M handler: report mcause and MPP; ebreak ends the test */
    .balign 4
m_trap:
    TRAP_ENTER
    PUTS("M: trap exception ")
    csrr a0, mcause
    call fw_putdec
    PUTS(" MPP=")
    csrr a0, mstatus
    srli a0, a0, 11
    andi a0, a0, 3
    call fw_putdec
    NEWLINE
    csrr t0, mcause
    li t1, CAUSE_BREAKPOINT
    beq t0, t1, 1f
    SKIP_EPC mepc
    TRAP_LEAVE
    mret
1:  PUTS("done\n")
    EXIT(0)
