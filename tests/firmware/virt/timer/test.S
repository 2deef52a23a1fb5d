/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Machine timer interrupt from the CLINT (mtimecmp 0x2004000, mtime
 * 0x200bff8), taken at points the program fixes, never at a time the clock
 * decides:
 *   1. mtimecmp = 0 with mstatus.MIE = 0, mie.MTIE = 1: spin until mip.MTIP
 *      reads 1 (no trap: globally disabled), then `csrs mstatus, MIE`; the
 *      interrupt (cause 7) is taken before the next instruction, so
 *      mepc = en1 (the instruction after the csrs).
 *   2. mtimecmp = mtime + 1000 with MIE = 0: spin on MTIP, enable: same.
 *   3. MIE = 1 but MTIE = 0, mtimecmp = 0: MTIP pending but not taken; then
 *      `csrs mie, MTIE` takes it, mepc = en3.
 * The handler writes mtimecmp = all-ones, which clears MTIP, and mret
 * (MIE = MPIE = 1 again, so each part first clears MIE).
 *
 * Spec: privileged v1.12 §3.2.1 (mtime/mtimecmp: MTIP is set while
 * mtime >= mtimecmp, cleared by writing mtimecmp), §3.1.9 (mip/mie; an
 * interrupt i traps when mip[i] & mie[i] and MIE (in M), checked
 * continuously: "interrupts are taken ... when they become enabled"),
 * §3.1.15 (interrupt bit, cause 7), §3.1.14 (mepc = next instruction for an
 * interrupt), §3.3.2 (mret).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP interrupt 7 en1 m_trap
 *   TRAP interrupt 7 en2 m_trap
 *   TRAP interrupt 7 en3 m_trap
 * expect.trap checked against qemu-system-riscv64 7.2 (qemu-system-riscv32
 * for the RV32 variant) with tests/firmware/qemu-ref.sh; expect.uart printed
 * by this program.
 */
#include "fw.h"

    .text
    .globl main
main:
    addi sp, sp, -REGBYTES
    SREG ra, 0(sp)
    la t0, m_trap
    csrw mtvec, t0
    li s1, 0                    /* interrupts taken */
    li s2, MIP_MTIP

    /* 1: pending first, then enabled in mstatus */
    csrc mstatus, MSTATUS_MIE
    csrs mie, s2
    call fw_timer_now
1:  csrr t0, mip
    and t0, t0, s2
    beqz t0, 1b
    PUTS("1: MTIP pending, MIE=0\n")
    csrs mstatus, MSTATUS_MIE
en1:
    PUTS("1: back, count=")
    PUTDEC(s1)
    NEWLINE

    /* 2: a real timer 1000 ticks ahead, waited for with MIE = 0 */
    csrc mstatus, MSTATUS_MIE
    li a0, 1000
    call fw_timer_in
2:  csrr t0, mip
    and t0, t0, s2
    beqz t0, 2b
    PUTS("2: MTIP pending, MIE=0\n")
    csrs mstatus, MSTATUS_MIE
en2:
    PUTS("2: back, count=")
    PUTDEC(s1)
    NEWLINE

    /* 3: globally enabled, masked in mie */
    csrc mie, s2
    csrs mstatus, MSTATUS_MIE
    call fw_timer_now
3:  csrr t0, mip
    and t0, t0, s2
    beqz t0, 3b
    PUTS("3: MTIP pending, MTIE=0\n")
    csrs mie, s2
en3:
    PUTS("3: back, count=")
    PUTDEC(s1)
    PUTS(" mip.MTIP=")
    csrr a0, mip
    and a0, a0, s2
    srli a0, a0, 7
    call fw_putdec
    NEWLINE
    csrc mie, s2
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret

    .balign 4
m_trap:
    TRAP_ENTER
    PUTS("tick: interrupt=")
    csrr a0, mcause
    srli a0, a0, __riscv_xlen - 1
    call fw_putdec
    PUTS(" cause=")
    csrr a0, mcause
    slli a0, a0, 1
    srli a0, a0, 1
    call fw_putdec
    NEWLINE
    call fw_timer_off
    addi s1, s1, 1
    TRAP_LEAVE
    mret
