/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * wfi waking on the machine timer with global interrupts enabled: with
 * mstatus.MIE = 1 and mie.MTIE = 1, mtimecmp = mtime + 500000 (50 ms at
 * QEMU's 10 MHz), then wfi. The interrupt becomes pending while the hart is
 * stalled, so the trap is taken with mepc = the instruction after the wfi
 * (after_wfi).
 *
 * Determinism: this relies on the timer not expiring during the few
 * instructions between arming it and the wfi (50 ms of margin on QEMU; under
 * firmscope's virtual time, a fixed instruction count). wfi_timer covers the
 * same wake-up without any such window.
 *
 * Spec: privileged v1.12 §3.3.3 (WFI: "If an enabled interrupt is present or
 * later becomes present while the hart is stalled, the interrupt trap will be
 * taken on the following instruction, i.e., execution resumes in the trap
 * handler and mepc = pc + 4"), §3.2.1, §3.1.9.
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP interrupt 7 after_wfi m_trap
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
    li s1, 0
    li s2, MIP_MTIP
    csrs mie, s2
    PUTS("waiting\n")
    li a0, 500000               /* arm (the reset mtimecmp is unknown) ... */
    call fw_timer_in
    csrs mstatus, MSTATUS_MIE   /* ... before enabling */
    .option push
    .option norvc
at_wfi:
    wfi
after_wfi:
    nop
    .option pop
    csrc mstatus, MSTATUS_MIE
    PUTS("after wfi, count=")
    PUTDEC(s1)
    NEWLINE
    csrc mie, s2
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret

    .balign 4
m_trap:
    TRAP_ENTER
    call fw_timer_off
    PUTS("tick: cause=")
    csrr a0, mcause
    slli a0, a0, 1
    srli a0, a0, 1
    call fw_putdec
    la t0, after_wfi
    csrr t1, mepc
    bne t0, t1, fw_fail
    PUTS(" mepc=wfi+4\n")
    addi s1, s1, 1
    TRAP_LEAVE
    mret
