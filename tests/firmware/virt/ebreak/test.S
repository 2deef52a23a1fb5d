/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ebreak and c.ebreak in M-mode: each raises a breakpoint exception,
 * mcause = 3, mepc = the address of the (2- or 4-byte) ebreak itself; the
 * handler resumes after the instruction using its length.
 *
 * Spec: privileged v1.12 §3.3.1 (EBREAK), §3.1.15 (cause 3), §3.1.16:
 * mtval for a breakpoint is either 0 or the faulting address (both allowed;
 * QEMU 7.2 writes 0, newer QEMU writes the PC), so the test only checks that
 * it is one of the two and never prints it. Unprivileged v20191213 §16.5
 * (C.EBREAK expands to ebreak).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 3 at_ebreak m_trap
 *   TRAP exception 3 at_cebreak m_trap
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
    la s5, at_ebreak
    .option push
    .option norvc
at_ebreak:
    ebreak
    .option pop
    la s5, at_cebreak
at_cebreak:
    c.ebreak
    PUTS("done\n")
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret

/* print cause and instruction length, check mepc (expected in s5), mtval */
    .balign 4
m_trap:
    TRAP_ENTER
    PUTS("breakpoint mcause=")
    csrr a0, mcause
    call fw_putdec
    csrr t0, mepc
    bne t0, s5, fw_fail
    csrr t1, mtval
    beqz t1, 1f
    bne t1, t0, fw_fail
1:  PUTS(" mepc ok, mtval ok, length=")
    lhu a0, 0(t0)
    andi a0, a0, 3
    li t1, 3
    li t2, 2
    bne a0, t1, 2f
    li t2, 4
2:  PUTDEC(t2)
    NEWLINE
    SKIP_EPC mepc
    TRAP_LEAVE
    mret
