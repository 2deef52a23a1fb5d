/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Interrupt priority when several are pending.
 * 1. In M-mode, machine software (msip = 1) and machine timer (mtimecmp = 0)
 *    interrupts are made pending while mstatus.MIE = 0, both enabled in mie.
 *    `csrs mstatus, MIE` takes MSI (3) first; its handler clears only msip
 *    and mret sets MIE = MPIE = 1, so MTI (7) is taken at once, again with
 *    mepc = en.
 * 2. Higher privilege first: supervisor software interrupt delegated to S
 *    (mideleg.SSI, sie.SSIE, sstatus.SIE = 1) and MSI both pending, then
 *    mret to S. At s_entry both are enabled (M-level interrupts are always
 *    enabled below M); MSI traps to M first, its handler clears msip and
 *    returns to s_entry, where SSI (1) traps to S. S then ecalls (9) to M.
 *
 * Spec: privileged v1.12 §3.1.9 ("Multiple simultaneous interrupts destined
 * for M-mode are handled in the following decreasing priority order: MEI,
 * MSI, MTI, SEI, SSI, STI"; interrupts to M are globally enabled when the
 * hart runs below M; "Interrupts for higher-privilege modes must be serviced
 * before interrupts for lower-privilege modes"), §3.1.8 (mideleg), §3.3.2
 * (xRET restores xIE from xPIE; pending interrupts are then taken before the
 * instruction at xepc), §4.1.3 (sip/sie).
 *
 * Not tested: the relative order of S-level interrupts (SSI, STI) taken in M
 * against M-level ones. QEMU 7.2 (without AIA) takes the lowest-numbered
 * pending interrupt first, SSI (1) before MSI (3), STI (5) before MTI (7),
 * which contradicts the order above.
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP interrupt 3 en m_trap
 *   TRAP interrupt 7 en m_trap
 *   TRAP interrupt 3 s_entry m_trap
 *   TRAP interrupt 1 s_entry s_trap
 *   TRAP exception 9 s_ecall m_trap
 * expect.trap checked against qemu-system-riscv64 7.2 with
 * tests/firmware/qemu-ref.sh; expect.uart printed by this program.
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
    csrw mideleg, zero
    csrc mstatus, MSTATUS_MIE

    /* 1 */
    li t0, 1
    li t1, CLINT_MSIP
    sw t0, 0(t1)
    call fw_timer_now
    li t1, MIP_MTIP
1:  csrr t0, mip
    and t0, t0, t1
    beqz t0, 1b
    li t0, MIP_MSIP | MIP_MTIP
    csrs mie, t0
    PUTS("1: pending mip&0x88=")
    csrr a0, mip
    andi a0, a0, 0x88
    call fw_puthex
    NEWLINE
    csrs mstatus, MSTATUS_MIE
en:
    csrc mstatus, MSTATUS_MIE
    PUTS("1: all taken\n")

    /* 2 */
    li t0, MIP_SSIP
    csrw mideleg, t0
    csrs mie, t0                /* sie.SSIE */
    csrs mip, t0                /* sip.SSIP */
    li t0, 1
    li t1, CLINT_MSIP
    sw t0, 0(t1)
    PUTS("2: MSI and SSI pending, to S\n")
    MRET_TO(MSTATUS_MPP_S | MSTATUS_SIE, s_entry)
    mret

s_entry:
    PUTS("2: S running\n")
s_ecall:
    ecall

m_done:
    csrw mie, zero
    csrw mideleg, zero
    PUTS("done\n")
    EXIT(0)

/* M: print the cause, clear that source; an ecall from S ends the test */
    .balign 4
m_trap:
    TRAP_ENTER
    csrr t2, mcause
    bltz t2, 1f
    li t0, CAUSE_SUPERVISOR_ECALL
    bne t2, t0, fw_fail
    PUTS("M: ecall from S\n")
    li t0, MSTATUS_MPP
    csrs mstatus, t0
    la t0, m_done
    csrw mepc, t0
    TRAP_LEAVE
    mret
1:  PUTS("M: interrupt cause=")
    slli t2, t2, 1
    srli t2, t2, 1
    PUTDEC(t2)
    NEWLINE
    li t0, IRQ_M_SOFT
    bne t2, t0, 2f
    li t1, CLINT_MSIP
    sw zero, 0(t1)
    j 9f
2:  li t0, IRQ_M_TIMER
    bne t2, t0, fw_fail
    call fw_timer_off
9:  TRAP_LEAVE
    mret

/* S: the delegated supervisor software interrupt */
    .balign 4
s_trap:
    TRAP_ENTER
    PUTS("S: interrupt cause=")
    csrr t2, scause
    bgez t2, fw_fail
    slli t2, t2, 1
    srli t2, t2, 1
    PUTDEC(t2)
    NEWLINE
    csrc sip, MIP_SSIP
    TRAP_LEAVE
    sret
