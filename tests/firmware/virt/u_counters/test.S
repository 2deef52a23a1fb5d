/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * U-mode access to CSRs. U reads mstatus (an M-mode CSR): illegal
 * instruction, mtval = 0x30002573. U reads cycle, time and instret
 * (0xc0002573, 0xc0102573, 0xc0202573) with the counter-enable registers:
 *   mcounteren = 0, scounteren = 0: all three illegal;
 *   mcounteren = 0, scounteren = 7: still illegal (M's gate closed);
 *   mcounteren = 7, scounteren = 0: still illegal (S is implemented, so U
 *                                   also needs scounteren);
 *   mcounteren = 7, scounteren = 7: all three readable, no trap.
 * Between steps U ecalls (cause 8) and the M handler moves to the next
 * setting. Counter values are never printed.
 *
 * Spec: privileged v1.12 §3.1.11 (mcounteren: "When the CY, TM, IR, or HPMn
 * bit in the mcounteren register is clear, attempts to read the cycle, time,
 * instret, or hpmcountern register while executing in S-mode or U-mode will
 * cause an illegal instruction exception"), §4.1.5 (scounteren gates U-mode
 * the same way), §2.1 (CSR privilege in address bits 9:8: 0x300 needs M),
 * §3.1.16 (mtval = instruction bits); unprivileged v20191213 §10.1.
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 2 u_mstatus m_trap
 *   TRAP exception 2 u_cycle m_trap
 *   TRAP exception 2 u_time m_trap
 *   TRAP exception 2 u_instret m_trap
 *   TRAP exception 8 u_ecall m_trap
 *   TRAP exception 2 u_cycle m_trap
 *   TRAP exception 2 u_time m_trap
 *   TRAP exception 2 u_instret m_trap
 *   TRAP exception 8 u_ecall m_trap
 *   TRAP exception 2 u_cycle m_trap
 *   TRAP exception 2 u_time m_trap
 *   TRAP exception 2 u_instret m_trap
 *   TRAP exception 8 u_ecall m_trap
 *   TRAP exception 8 u_ecall m_trap
 * expect.trap checked against qemu-system-riscv64 7.2 with
 * tests/firmware/qemu-ref.sh; expect.uart printed by this program.
 */
#include "fw.h"

    .data
    .balign 4
step:
    .word 0

    .text
    .globl main
main:
    PMP_ALLOW_ALL
    la t0, m_trap
    csrw mtvec, t0
    csrw medeleg, zero
    csrw mcounteren, zero
    csrw scounteren, zero
    li t0, MSTATUS_MPP          /* MPP = U */
    csrc mstatus, t0
    la t0, u_code
    csrw mepc, t0
    PUTS("M: to U, mcounteren=0 scounteren=0\n")
    mret

u_code:
u_mstatus:
    csrr a0, mstatus
u_loop:
    li s1, 3                    /* counter reads that do not trap */
u_cycle:
    rdcycle a0
u_time:
    rdtime a0
u_instret:
    rdinstret a0
    PUTS("U: trap-free reads=")
    PUTDEC(s1)
    NEWLINE
u_ecall:
    ecall
    j u_loop

/*
 * Illegal: print mtval, skip the instruction and decrement s1, which U
 * sets to 3 before its three counter reads. ecall: next
 * mcounteren/scounteren setting, or the end.
 */
    .balign 4
m_trap:
    TRAP_ENTER
    csrr t0, mcause
    li t1, CAUSE_ILLEGAL_INSN
    bne t0, t1, 1f
    PUTS("M: illegal mtval=")
    csrr a0, mtval
    call fw_puthex
    NEWLINE
    SKIP_EPC mepc
    TRAP_LEAVE
    addi s1, s1, -1
    mret
1:  li t1, CAUSE_USER_ECALL
    bne t0, t1, fw_fail
    SKIP_EPC mepc
    la t0, step
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)
    li t2, 1
    bne t1, t2, 2f
    li t0, 7
    csrw scounteren, t0
    PUTS("M: mcounteren=0 scounteren=7\n")
    j 9f
2:  li t2, 2
    bne t1, t2, 3f
    li t0, 7
    csrw mcounteren, t0
    csrw scounteren, zero
    PUTS("M: mcounteren=7 scounteren=0\n")
    j 9f
3:  li t2, 3
    bne t1, t2, 4f
    li t0, 7
    csrw scounteren, t0
    PUTS("M: mcounteren=7 scounteren=7\n")
    j 9f
4:  PUTS("M: done\n")
    EXIT(0)
9:  TRAP_LEAVE
    mret
