/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Illegal instructions in M-mode: mcause = 2, mepc = the instruction,
 * mtval = the instruction bits (16 bits for a compressed one, zero-extended).
 *   at_load7:  0x00007003  LOAD with funct3 = 7 (reserved encoding)
 *   at_unimp:  0xc0001073  csrrw x0, cycle, x0 (write to a read-only CSR)
 *   at_c_rsv:  0x0004      c.addi4spn with nzuimm = 0 (reserved)
 *   at_zero:   0x0000      the all-zeros half-word, defined illegal
 *   at_fadd:   0x00007053  fadd.s with mstatus.FS = Off (or no F at all)
 *
 * Spec: privileged v1.12 §3.1.15 (cause 2), §3.1.16 (mtval holds the
 * faulting instruction bits, the shortest of the instruction, ILEN or MXLEN
 * bits, when it is written non-zero; QEMU and firmscope write it),
 * §2.1 (CSR addresses 0xC00-0xCFF are read-only: writing is illegal),
 * §3.1.6.6 (FS = Off makes FP instructions illegal); unprivileged v20191213
 * §16.5 (reserved c.addi4spn, illegal all-zeros instruction), §2.6/§24
 * (LOAD funct3 = 7 is reserved).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 2 at_load7 m_trap
 *   TRAP exception 2 at_unimp m_trap
 *   TRAP exception 2 at_c_rsv m_trap
 *   TRAP exception 2 at_zero m_trap
 *   TRAP exception 2 at_fadd m_trap
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
    li t0, 0x6000               /* mstatus.FS = Off */
    csrc mstatus, t0
    la s5, at_load7
at_load7:
    .word 0x00007003
    la s5, at_unimp
at_unimp:
    .word 0xc0001073
    la s5, at_c_rsv
at_c_rsv:
    .half 0x0004
    la s5, at_zero
at_zero:
    .half 0x0000
    la s5, at_fadd
at_fadd:
    .word 0x00007053
    PUTS("done\n")
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret

/* print mcause and mtval, check mepc (expected in s5), skip the insn */
    .balign 4
m_trap:
    TRAP_ENTER
    csrr t0, mepc
    bne t0, s5, fw_fail
    PUTS("mcause=")
    csrr a0, mcause
    call fw_putdec
    PUTS(" mtval=")
    csrr a0, mtval
    call fw_puthex
    NEWLINE
    SKIP_EPC mepc
    TRAP_LEAVE
    mret
