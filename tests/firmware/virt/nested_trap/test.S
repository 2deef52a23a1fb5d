/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Nested traps in M-mode. main executes ecall; the handler saves mepc,
 * mstatus and mcause on the stack, then itself executes an illegal
 * instruction (a trap inside the trap handler, with MIE = 0: exceptions are
 * never masked); that nested handler executes ebreak (a third level). Each level saves mepc and
 * mstatus first, and restores them before its mret; the test shows that the
 * nested trap overwrote mepc and mcause and that the restore brings the
 * outer handler back to main, just after the ecall.
 *
 * Spec: privileged v1.12 §3.1.6.1 (a trap from M to M pushes MIE/MPP
 * again, so handlers that may trap must save mepc/mstatus), §3.1.14 (mepc),
 * §3.1.15 (causes 11, 2, 3), §3.3.1, §3.3.2 (mret).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 11 at_ecall m_trap
 *   TRAP exception 2 at_illegal m_trap
 *   TRAP exception 3 at_ebreak m_trap
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
    li s1, 0                    /* nesting depth */
at_ecall:
    ecall
    PUTS("main: back, depth=")
    PUTDEC(s1)
    NEWLINE
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret

/*
 * Reentrant handler: frame = TRAP_ENTER registers + saved mepc, mstatus,
 * mcause.
 * ecall -> nest an illegal instruction; illegal -> nest an ebreak.
 */
    .balign 4
m_trap:
    TRAP_ENTER
    addi sp, sp, -3*REGBYTES
    csrr t0, mepc
    SREG t0, 0(sp)
    csrr t0, mstatus
    SREG t0, REGBYTES(sp)
    csrr s2, mcause
    SREG s2, 2*REGBYTES(sp)
    PUTS("enter cause=")
    PUTDEC(s2)
    PUTS(" depth=")
    PUTDEC(s1)
    NEWLINE
    addi s1, s1, 1
    li t0, CAUSE_MACHINE_ECALL
    bne s2, t0, 1f
at_illegal:
    .word 0xc0001073            /* csrrw x0, cycle, x0 */
    csrr t0, mepc               /* the nested trap moved mepc */
    la t1, at_illegal + 4
    bne t0, t1, fw_fail
    PUTS("mepc was overwritten by the nested trap\n")
    j 3f
1:  li t0, CAUSE_ILLEGAL_INSN
    bne s2, t0, 3f
    .option push
    .option norvc
at_ebreak:
    ebreak
    .option pop
3:  addi s1, s1, -1
    PUTS("leave cause=")
    LREG a0, 2*REGBYTES(sp)
    call fw_putdec
    PUTS(" depth=")
    PUTDEC(s1)
    PUTS(" (mcause now ")
    csrr a0, mcause
    call fw_putdec
    PUTS(")\n")
    LREG t0, REGBYTES(sp)
    csrw mstatus, t0
    LREG t0, 0(sp)
    csrw mepc, t0
    SKIP_EPC mepc
    addi sp, sp, 3*REGBYTES
    TRAP_LEAVE
    mret
