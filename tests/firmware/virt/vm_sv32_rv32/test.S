/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sv32 on RV32 in S-mode, page faults taken in M (not delegated). M maps
 * 4 MiB megapages for the devices and RAM (S-only) and, through a second
 * level, VA 0x40000000 -> a read-only data page, 0x40001000 invalid.
 * S loads through the read-only page (A set by the walk), stores to it
 * (store page fault: no W), loads from the invalid page (load page
 * fault), then ecalls to end the test.
 *
 * Spec: privileged v1.12 §4.1.11 (satp MODE = 1: Sv32), §4.3 (Sv32 PTE
 * and walk: 10-bit VPNs, 4 MiB megapages), §3.1.15/§3.1.16 (mcause,
 * mtval = the faulting virtual address).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 15 s_store m_trap
 *   TRAP exception 13 s_inv_load m_trap
 *   TRAP exception 9 s_ecall m_trap
 * expect.trap checked against qemu-system-riscv32 7.2 with
 * tests/firmware/qemu-ref.sh; expect.uart printed by this program.
 */
#include "fw.h"

#define VA_BASE 0x40000000

    .text
    .globl main
main:
    PMP_ALLOW_ALL
    la t0, m_trap
    csrw mtvec, t0
    la s1, pt_root
    la s3, pt_l0
    li t1, 0
    MKPTE(t1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
    sw t0, 0(s1)                    /* VA 0: the test finisher */
    li t1, 0x10000000
    MKPTE(t1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
    sw t0, (0x40 * 4)(s1)           /* VA 0x10000000: UART */
    li t1, 0x80000000
    MKPTE(t1, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
    li t2, 0x200 * 4
    add t2, t2, s1
    sw t0, 0(t2)                    /* VA 0x80000000: RAM */
    MKPTE(s3, PTE_V)
    sw t0, (0x100 * 4)(s1)          /* VA 0x40000000: second level */
    la t1, data_page
    MKPTE(t1, PTE_V | PTE_R)
    sw t0, 0(s3)
    sw zero, 4(s3)
    SATP_ON(s1, 0x80000000)   /* MODE = Sv32 */
    MRET_TO(MSTATUS_MPP_S, s_code)
    PUTS("M: to S with Sv32\n")
    mret

    .option norvc
s_code:
    li s0, VA_BASE
    lw s4, 0(s0)
    PUTS("S: load ")
    PUTHEX(s4)
    PUTS(" A/D=")
    lw a0, 0(s3)
    andi a0, a0, PTE_A | PTE_D
    call fw_puthex
    NEWLINE
s_store:
    sw zero, 0(s0)
    li s0, VA_BASE + 0x1000
s_inv_load:
    lw s4, 0(s0)
s_ecall:
    ecall
    .option rvc

    .balign 4
m_trap:
    TRAP_ENTER
    PUTS("M: trap ")
    csrr a0, mcause
    call fw_putdec
    PUTS(" mtval=")
    csrr a0, mtval
    call fw_puthex
    NEWLINE
    csrr t0, mcause
    li t1, CAUSE_SUPERVISOR_ECALL
    beq t0, t1, 1f
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    TRAP_LEAVE
    mret
1:  PUTS("done\n")
    EXIT(0)

    .data
    .balign 4096
data_page:
    .word 0x3333
    .balign 4096

    .bss
    .balign 4096
pt_root:
    .zero 4096
pt_l0:
    .zero 4096
