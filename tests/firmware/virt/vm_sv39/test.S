/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sv39 in S-mode with load/store/instruction page faults delegated to S
 * (medeleg bits 12, 13, 15). M builds a three-level table: gigapages for
 * the devices (VA 0, S-only) and for RAM (VA 0x80000000, S-only RWX), a
 * misaligned gigapage at VA 0xc0000000, and 4 KiB pages at VA 0x40000000
 * through a two-level path. S then checks:
 *   - A/D: a load sets A in a clean PTE, a store then sets D;
 *   - a U page from S: load page fault with SUM = 0, allowed with SUM = 1;
 *   - an execute-only page: load page fault with MXR = 0, allowed with 1;
 *   - an invalid PTE: store page fault; jumping there: instruction page
 *     fault with stval = the target address;
 *   - a misaligned gigapage: load page fault;
 *   - a PTE rewritten to point at another page, then sfence.vma with the
 *     address: the load sees the new page;
 * then srets to U code on a U page at VA 0x40004000, whose load from an S
 * page faults (delegated), and whose ecall ends the test in M.
 *
 * Spec: privileged v1.12 §4.1.11 (satp), §4.3.1 (PTE format, R/W/X
 * encodings, U bit and SUM, A/D), §4.3.2 (the walk: V=0 and misaligned
 * superpages raise page faults, MXR, stval = the faulting virtual
 * address), §4.2.1 (sfence.vma), §3.1.8 (medeleg), §3.1.6.3 (SUM, MXR).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 13 s_sum_fault s_trap
 *   TRAP exception 13 s_mxr_fault s_trap
 *   TRAP exception 15 s_inv_store s_trap
 *   TRAP exception 12 VA_INVALID s_trap
 *   TRAP exception 13 s_misaligned s_trap
 *   TRAP exception 13 VA_U_LOAD s_trap
 *   TRAP exception 8 VA_U_ECALL m_trap
 * expect.trap checked against qemu-system-riscv64 7.2 with
 * tests/firmware/qemu-ref.sh; expect.uart printed by this program.
 */
#include "fw.h"

#define SSTATUS_SUM 0x40000
#define SSTATUS_MXR 0x80000
#define VA_BASE 0x40000000

    .globl VA_INVALID, VA_U_CODE, VA_U_LOAD, VA_U_ECALL
    .equ VA_INVALID, VA_BASE + 0x3000
    .equ VA_U_CODE, VA_BASE + 0x4000
    .equ VA_U_LOAD, VA_BASE + 0x4000 + (u_load - u_code)
    .equ VA_U_ECALL, VA_BASE + 0x4000 + (u_ecall - u_code)


    .text
    .globl main
main:
    PMP_ALLOW_ALL
    la t0, m_trap
    csrw mtvec, t0
    la t0, s_trap
    csrw stvec, t0
    li t0, (1 << 12) | (1 << 13) | (1 << 15)
    csrw medeleg, t0

    la s1, pt_root
    la s2, pt_l1
    la s3, pt_l0
    SV39_DEVICES_NEXT_RAM
    li t1, 0x80001000
    MKPTE(t1, PTE_V | PTE_R | PTE_A | PTE_D)
    sd t0, 24(s1)               /* VA 0xc0000000: misaligned gigapage */
    MKPTE(s3, PTE_V)
    sd t0, 0(s2)
    la t1, data_page
    MKPTE(t1, PTE_V | PTE_R | PTE_W)
    sd t0, 0(s3)                /* +0x0000: clean (A = D = 0) */
    MKPTE(t1, PTE_V | PTE_R | PTE_U | PTE_A)
    sd t0, 8(s3)                /* +0x1000: U page */
    MKPTE(t1, PTE_V | PTE_X | PTE_A)
    sd t0, 16(s3)               /* +0x2000: execute-only */
    sd zero, 24(s3)             /* +0x3000: invalid */
    la t1, u_code
    MKPTE(t1, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A)
    sd t0, 32(s3)               /* +0x4000: U code */
    la t1, data_page
    MKPTE(t1, PTE_V | PTE_R | PTE_A)
    sd t0, 40(s3)               /* +0x5000: remapped later */

    SATP_ON(s1, 8 << 60)   /* MODE = Sv39 */
    MRET_TO(MSTATUS_MPP_S, s_code)
    PUTS("M: to S with Sv39\n")
    mret

    .option norvc
s_code:
    PUTS("S: running\n")
    li s0, VA_BASE
    ld t0, 0(s0)
    PUTS("S: AD after load=")
    ld a0, 0(s3)
    andi a0, a0, PTE_A | PTE_D
    call fw_puthex
    sd t0, 0(s0)
    PUTS(" after store=")
    ld a0, 0(s3)
    andi a0, a0, PTE_A | PTE_D
    call fw_puthex
    NEWLINE

    li s0, VA_BASE + 0x1000
s_sum_fault:
    ld t0, 0(s0)
    li t0, SSTATUS_SUM
    csrs sstatus, t0
    ld s4, 0(s0)
    csrc sstatus, t0
    PUTS("S: SUM=1 load ")
    PUTHEX(s4)
    NEWLINE

    li s0, VA_BASE + 0x2000
s_mxr_fault:
    ld t0, 0(s0)
    li t0, SSTATUS_MXR
    csrs sstatus, t0
    ld s4, 0(s0)
    csrc sstatus, t0
    PUTS("S: MXR=1 load ")
    PUTHEX(s4)
    NEWLINE

    li s0, VA_INVALID
s_inv_store:
    sd zero, 0(s0)
    jalr ra, 0(s0)
    PUTS("S: back from fetch fault\n")

    li s0, 0xc0000000
s_misaligned:
    ld t0, 0(s0)

    li s0, VA_BASE + 0x5000
    ld s4, 0(s0)
    PUTS("S: before remap ")
    PUTHEX(s4)
    NEWLINE
    la t1, data_page2
    MKPTE(t1, PTE_V | PTE_R | PTE_A)
    sd t0, 40(s3)
    sfence.vma s0
    ld s4, 0(s0)
    PUTS("S: after sfence ")
    PUTHEX(s4)
    NEWLINE

    li t0, MSTATUS_SPP
    csrc sstatus, t0
    li t0, VA_U_CODE
    csrw sepc, t0
    PUTS("S: to U\n")
    sret

/* S handler: report scause and stval; resume after the instruction, or
 * at the saved ra for an instruction page fault */
    .balign 4
s_trap:
    TRAP_ENTER
    PUTS("S: trap ")
    csrr a0, scause
    call fw_putdec
    PUTS(" stval=")
    csrr a0, stval
    call fw_puthex
    NEWLINE
    csrr t0, scause
    li t1, 12
    bne t0, t1, 1f
    LREG t0, 0(sp)
    csrw sepc, t0
    j 2f
1:  csrr t0, sepc
    addi t0, t0, 4
    csrw sepc, t0
2:  TRAP_LEAVE
    sret

    .balign 4
m_trap:
    TRAP_ENTER
    PUTS("M: trap ")
    csrr a0, mcause
    call fw_putdec
    PUTS(" mepc=")
    csrr a0, mepc
    call fw_puthex
    NEWLINE
    csrr t0, mcause
    li t1, CAUSE_USER_ECALL
    bne t0, t1, 1f
    PUTS("done\n")
    EXIT(0)
1:  EXIT(2)

/* U code, run at VA_U_CODE: a load from an S page, then ecall */
    .balign 4096
u_code:
    li t0, VA_BASE
u_load:
    ld t0, 0(t0)
u_ecall:
    ecall
    .option rvc

    .data
    .balign 4096
data_page:
    .dword 0x1111
    .balign 4096
data_page2:
    .dword 0x2222
    .balign 4096

    .bss
    .balign 4096
pt_root:
    .zero 4096
pt_l1:
    .zero 4096
pt_l0:
    .zero 4096
