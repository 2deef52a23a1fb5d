/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * wfi waking on the machine timer with global interrupts disabled: with
 * mstatus.MIE = 0 and mie.MTIE = 1, mtimecmp = mtime + 2000, wfi stalls until
 * MTIP is pending, then execution simply continues (no trap, MIE = 0). The
 * loop re-checks mip.MTIP because wfi may also return early (it is a hint).
 * Then `csrs mstatus, MIE` takes the interrupt (cause 7), mepc = en.
 * Where and how long the hart waits never shows in the trap list.
 *
 * Spec: privileged v1.12 §3.3.3 (WFI "is also required to resume execution
 * for locally enabled interrupts pending at any privilege level, regardless
 * of the global interrupt enable"; it may be a no-op), §3.2.1 (mtimecmp),
 * §3.1.9, §3.1.14 (mepc = next instruction).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP interrupt 7 en m_trap
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
    csrc mstatus, MSTATUS_MIE
    csrs mie, s2
    li a0, 2000
    call fw_timer_in
    PUTS("waiting\n")
1:  wfi
    csrr t0, mip
    and t0, t0, s2
    beqz t0, 1b
    PUTS("woke with MTIP pending, count=")
    PUTDEC(s1)
    NEWLINE
    csrs mstatus, MSTATUS_MIE
en:
    PUTS("after enable, count=")
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
    NEWLINE
    addi s1, s1, 1
    TRAP_LEAVE
    mret
