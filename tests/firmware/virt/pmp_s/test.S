/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PMP checks (§3.7). Entry 0: NAPOT over one 4 KiB data page, R only;
 * entry 1: NAPOT over RAM (2 GiB at 0x80000000), RWX; entry 2: NAPOT over
 * the UART page, RW. From S (no translation):
 *   - a load from the data page is allowed, a store raises a store access
 *     fault (entry 0 matches first, W = 0);
 *   - a load from 0x0 (outside every entry) raises a load access fault:
 *     no match denies S-mode.
 * Then in M: the data page store is allowed (entry 0 is not locked), and
 * after setting L on entry 0 the same store raises a store access fault
 * in M.
 *
 * Spec: privileged v1.12 §3.7.1 (NAPOT address matching, priority
 * by lowest index, no match: M allowed, S/U denied; L applies the entry
 * to M-mode), §3.1.16 (mtval = the faulting address).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 7 s_store m_trap
 *   TRAP exception 5 s_load0 m_trap
 *   TRAP exception 9 s_ecall m_trap
 *   TRAP exception 7 m_locked_store m_trap
 * expect.trap checked against qemu-system-riscv64 7.2 with
 * tests/firmware/qemu-ref.sh; expect.uart printed by this program.
 */
#include "fw.h"

    .text
    .globl main
main:
    la t0, m_trap
    csrw mtvec, t0
    la t0, data_page
    srli t0, t0, 2
    ori t0, t0, 0x1ff       /* NAPOT, 4 KiB: 9 trailing ones */
    csrw pmpaddr0, t0
    li t0, 0x2fffffff       /* NAPOT 2 GiB at 0x80000000: RAM */
    csrw pmpaddr1, t0
    li t0, (UART_BASE >> 2) | 0x1ff
    csrw pmpaddr2, t0
    li t0, 0x1b1f19         /* 2: NAPOT RW; 1: NAPOT RWX; 0: NAPOT R */
    csrw pmpcfg0, t0
    MRET_TO(MSTATUS_MPP_S, s_code)
    PUTS("M: to S\n")
    mret

    .option norvc
s_code:
    la s0, data_page
    ld s4, 0(s0)
    PUTS("S: load ")
    PUTHEX(s4)
    NEWLINE
s_store:
    sd zero, 0(s0)
    li s1, 0
s_load0:
    ld s4, 0(s1)
s_ecall:
    ecall
    la s0, data_page
    li t0, 0x5555
    sd t0, 0(s0)
    PUTS("M: store ok\n")
    li t0, 0x80
    csrs pmpcfg0, t0        /* lock entry 0 */
m_locked_store:
    sd zero, 0(s0)
    ld s4, 0(s0)
    PUTS("M: data ")
    PUTHEX(s4)
    NEWLINE
    EXIT(0)
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
    bne t0, t1, 1f
    /* return to M after the ecall */
    li t0, MSTATUS_MPP
    csrs mstatus, t0
1:  csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    TRAP_LEAVE
    mret

    .data
    .balign 4096
data_page:
    .dword 0x4444
    .balign 4096
