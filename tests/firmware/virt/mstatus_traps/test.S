/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mstatus.TW, TSR and TVM, and privileged instructions in U-mode, checked
 * through the illegal-instruction traps they cause (all go to M; medeleg = 0,
 * mie = 0 so no wfi can be woken):
 *   S with TW=1:  wfi        -> illegal, mtval 0x10500073
 *   S with TSR=1: sret       -> illegal, mtval 0x10200073
 *   S with TVM=1: csrr satp  -> illegal, mtval 0x18002573
 *                 sfence.vma -> illegal, mtval 0x12000073
 *   S ecall (9): M clears TW/TSR/TVM; now satp reads and sfence.vma work in
 *   S, and sret takes S to U.
 *   U: wfi (S-mode exists, so illegal even with TW=0), sret, sfence.vma ->
 *   illegal; U ecall (8) ends the test.
 *
 * Spec: privileged v1.12 §3.1.6.5 (TVM: satp access and sfence.vma in S are
 * illegal; TW: wfi below M is illegal if it does not complete within a
 * bounded time, which with no interrupt enabled it cannot; TSR: sret in S is
 * illegal), §3.3.3 (WFI in U-mode is illegal when S-mode is implemented,
 * under the same condition), §3.3.2 (xRET below its mode is illegal),
 * §4.2.1 (SFENCE.VMA in U is illegal), §3.1.16 (mtval = instruction bits).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 2 s_wfi m_trap
 *   TRAP exception 2 s_sret m_trap
 *   TRAP exception 2 s_satp m_trap
 *   TRAP exception 2 s_sfence m_trap
 *   TRAP exception 9 s_ecall m_trap
 *   TRAP exception 2 u_wfi m_trap
 *   TRAP exception 2 u_sret m_trap
 *   TRAP exception 2 u_sfence m_trap
 *   TRAP exception 8 u_ecall m_trap
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
    csrw medeleg, zero
    csrw mideleg, zero
    csrw mie, zero
    csrw satp, zero
    MRET_TO(MSTATUS_MPP_S | MSTATUS_TW | MSTATUS_TSR | MSTATUS_TVM, s_code)
    PUTS("M: to S with TW=1 TSR=1 TVM=1\n")
    mret

s_code:
s_wfi:
    wfi
s_sret:
    sret
s_satp:
    csrr a0, satp
s_sfence:
    sfence.vma
s_ecall:
    ecall
    csrr s1, satp
    sfence.vma
    PUTS("S: satp=")
    PUTHEX(s1)
    PUTS(", sfence.vma ok, sret to U\n")
    li t0, MSTATUS_SPP
    csrc sstatus, t0
    la t0, u_code
    csrw sepc, t0
    sret

u_code:
u_wfi:
    wfi
u_sret:
    sret
u_sfence:
    sfence.vma
u_ecall:
    ecall
    j fw_fail

/* illegal: print mtval and skip; ecall from S: clear the traps; from U: end */
    .balign 4
m_trap:
    TRAP_ENTER
    PUTS("M: mcause=")
    csrr a0, mcause
    call fw_putdec
    PUTS(" MPP=")
    csrr a0, mstatus
    srli a0, a0, 11
    andi a0, a0, 3
    call fw_putdec
    csrr t0, mcause
    li t1, CAUSE_ILLEGAL_INSN
    bne t0, t1, 1f
    PUTS(" mtval=")
    csrr a0, mtval
    call fw_puthex
    j 8f
1:  li t1, CAUSE_SUPERVISOR_ECALL
    bne t0, t1, 2f
    li t0, MSTATUS_TW | MSTATUS_TSR | MSTATUS_TVM
    csrc mstatus, t0
    PUTS(" clear TW TSR TVM")
    j 8f
2:  PUTS("\ndone\n")
    EXIT(0)
8:  NEWLINE
    SKIP_EPC mepc
    TRAP_LEAVE
    mret
