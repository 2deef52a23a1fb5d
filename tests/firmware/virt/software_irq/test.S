/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Machine software interrupt through the CLINT msip register (0x2000000,
 * hart 0): writing 1 sets mip.MSIP, writing 0 clears it.
 *   1. msip = 1 with mstatus.MIE = 0, mie.MSIE = 0: mip.MSIP reads 1, no
 *      trap; mie.MSIE = 1, still none; `csrs mstatus, MIE` takes it
 *      (cause 3), mepc = en1.
 *   2. MIE = 1, MSIE = 0, msip = 1: no trap; `csrs mie, MSIE` takes it,
 *      mepc = en2.
 * The handler writes msip = 0 and checks that mip.MSIP reads 0.
 *
 * Spec: privileged v1.12 §3.1.9 (MSIP is read-only in mip, written through
 * a memory-mapped register; interrupts trap as soon as pending and enabled),
 * §3.1.15 (cause 3), §3.1.14 (mepc of an interrupt = next instruction).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP interrupt 3 en1 m_trap
 *   TRAP interrupt 3 en2 m_trap
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
    li s2, CLINT_MSIP

    li t0, 1
    sw t0, 0(s2)
    PUTS("1: mip.MSIP=")
    csrr a0, mip
    andi a0, a0, MIP_MSIP
    srli a0, a0, 3
    call fw_putdec
    NEWLINE
    csrs mie, MIP_MSIP
    PUTS("1: MSIE=1, MIE=0\n")
    csrs mstatus, MSTATUS_MIE
en1:
    PUTS("1: back, count=")
    PUTDEC(s1)
    NEWLINE

    csrc mie, MIP_MSIP
    li t0, 1
    sw t0, 0(s2)
    PUTS("2: MSIP set, MSIE=0, MIE=1\n")
    csrs mie, MIP_MSIP
en2:
    PUTS("2: back, count=")
    PUTDEC(s1)
    NEWLINE
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret

    .balign 4
m_trap:
    TRAP_ENTER
    sw zero, 0(s2)
    PUTS("msi: cause=")
    csrr a0, mcause
    slli a0, a0, 1
    srli a0, a0, 1
    call fw_putdec
    PUTS(" mip.MSIP after clear=")
    csrr a0, mip
    andi a0, a0, MIP_MSIP
    srli a0, a0, 3
    call fw_putdec
    NEWLINE
    addi s1, s1, 1
    TRAP_LEAVE
    mret
