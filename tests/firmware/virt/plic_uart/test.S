/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A UART interrupt routed through the PLIC to the machine external
 * interrupt. The ns16550a raises its THR-empty interrupt as soon as IER
 * enables it (PC16550D datasheet, "Interrupt Identification Register");
 * on virt the UART is PLIC source 10, and PLIC context 0 is hart 0's
 * M-mode external interrupt (SiFive PLIC spec: priority at 4*source,
 * enables at 0x2000, threshold at 0x200000, claim/complete at 0x200004).
 *   1. source 10: priority 1, enabled for context 0, threshold 0; mie.MEIE
 *      set, mstatus.MIE clear; IER.ETBEI = 1 makes mip.MEIP read 1 (no
 *      trap yet); `csrs mstatus, MIE` takes it (cause 11), mepc = en1.
 *   2. The handler claims (10) first (a source's pending bit follows its
 *      level until claimed), turns IER off so the line stays low, then
 *      completes; mip.MEIP then reads 0.
 *
 * Spec: privileged v1.12 §3.1.9 (MEIP reflects the external controller),
 * §3.1.15 (cause 11), §3.1.14 (mepc of an interrupt = next instruction).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP interrupt 11 en1 m_trap
 * expect.trap checked against qemu-system-riscv64 7.2 with
 * tests/firmware/qemu-ref.sh; expect.uart printed by this program.
 */
#include "fw.h"

#define PLIC_BASE       0xc000000
#define PLIC_ENABLE0    0xc002000       /* context 0 enable bits */
#define PLIC_THRESHOLD0 0xc200000
#define PLIC_CLAIM0     0xc200004
#define UART_IRQ        10
#define UART_IER        1
#define UART_IER_ETBEI  2

    .text
    .globl main
main:
    addi sp, sp, -REGBYTES
    SREG ra, 0(sp)
    la t0, m_trap
    csrw mtvec, t0
    li s1, 0
    li t1, PLIC_BASE
    li t0, 1
    sw t0, (4 * UART_IRQ)(t1)
    li t1, PLIC_ENABLE0
    li t0, 1 << UART_IRQ
    sw t0, 0(t1)
    li t1, PLIC_THRESHOLD0
    sw zero, 0(t1)
    li t0, MIP_MEIP
    csrs mie, t0
    PUTS("1: PLIC routes source 10 to M-mode\n")
    li t1, UART_BASE
    li t0, UART_IER_ETBEI
    sb t0, UART_IER(t1)
    csrr s2, mip
    li t0, MIP_MEIP
    and s2, s2, t0
    srli s2, s2, 11
    csrs mstatus, MSTATUS_MIE
en1:
    PUTS("1: mip.MEIP before enabling=")
    PUTDEC(s2)
    PUTS(", back, count=")
    PUTDEC(s1)
    NEWLINE
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret

    .balign 4
m_trap:
    TRAP_ENTER
    li t1, PLIC_CLAIM0
    lw s3, 0(t1)
    li t2, UART_BASE
    sb zero, UART_IER(t2)
    sw s3, 0(t1)
    csrr s4, mip
    li t0, MIP_MEIP
    and s4, s4, t0
    srli s4, s4, 11
    PUTS("mei: cause=")
    csrr a0, mcause
    slli a0, a0, 1
    srli a0, a0, 1
    call fw_putdec
    PUTS(" claimed=")
    PUTDEC(s3)
    PUTS(" mip.MEIP after complete=")
    PUTDEC(s4)
    NEWLINE
    addi s1, s1, 1
    TRAP_LEAVE
    mret
