/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Vectored mtvec (MODE = 1): exceptions go to BASE, interrupts to
 * BASE + 4 * cause. An ecall (cause 11) and an illegal instruction (cause 2)
 * enter at vec_table, the machine software interrupt (3) at vec_table+12,
 * the machine timer interrupt (7) at vec_table+28. Each interrupt is made
 * pending while disabled and taken right after the `csrs mstatus, MIE` that
 * enables it (mepc = the next instruction). mtvec reads back BASE | 1.
 *
 * Spec: privileged v1.12 §3.1.7 (mtvec MODE: "Vectored: asynchronous
 * interrupts set pc to BASE+4×cause", exceptions to BASE), §3.1.9, §3.1.15,
 * §3.2.1 (CLINT timer). The table is assembled without compressed
 * instructions so every slot is one 4-byte jump.
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 11 at_ecall vec_table
 *   TRAP exception 2 at_illegal vec_table
 *   TRAP interrupt 3 en_msi vec_table+12
 *   TRAP interrupt 7 en_mti vec_table+28
 * expect.trap checked against qemu-system-riscv64 7.2 with
 * tests/firmware/qemu-ref.sh; expect.uart printed by this program.
 */
#include "fw.h"

    .text
    .globl main
main:
    addi sp, sp, -REGBYTES
    SREG ra, 0(sp)
    la t0, vec_table
    ori t0, t0, 1
    csrw mtvec, t0
    csrr t1, mtvec
    bne t0, t1, fw_fail
    PUTS("mtvec = base|1\n")
at_ecall:
    ecall
at_illegal:
    .word 0xc0001073            /* csrrw x0, cycle, x0 */

    li t0, 1
    li t1, CLINT_MSIP
    sw t0, 0(t1)
    csrs mie, MIP_MSIP
    csrs mstatus, MSTATUS_MIE
en_msi:
    csrc mstatus, MSTATUS_MIE
    call fw_timer_now
    li t1, MIP_MTIP
1:  csrr t0, mip
    and t0, t0, t1
    beqz t0, 1b
    csrs mie, t1
    csrs mstatus, MSTATUS_MIE
en_mti:
    csrc mstatus, MSTATUS_MIE
    PUTS("done\n")
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret

    .balign 256
    .option push
    .option norvc
vec_table:
    j exc_entry                 /* 0: every exception */
    j fw_trap_default           /* 1 */
    j fw_trap_default           /* 2 */
    j msi_entry                 /* 3: machine software */
    j fw_trap_default           /* 4 */
    j fw_trap_default           /* 5 */
    j fw_trap_default           /* 6 */
    j mti_entry                 /* 7: machine timer */
    j fw_trap_default           /* 8 */
    j fw_trap_default           /* 9 */
    j fw_trap_default           /* 10 */
    j fw_trap_default           /* 11 */
    .option pop

exc_entry:
    TRAP_ENTER
    PUTS("exception at base: mcause=")
    csrr a0, mcause
    call fw_putdec
    NEWLINE
    SKIP_EPC mepc
    TRAP_LEAVE
    mret

msi_entry:
    TRAP_ENTER
    li t0, CLINT_MSIP
    sw zero, 0(t0)
    PUTS("msi at base+12: cause=")
    csrr a0, mcause
    slli a0, a0, 1
    srli a0, a0, 1
    call fw_putdec
    NEWLINE
    TRAP_LEAVE
    mret

mti_entry:
    TRAP_ENTER
    call fw_timer_off
    PUTS("mti at base+28: cause=")
    csrr a0, mcause
    slli a0, a0, 1
    srli a0, a0, 1
    call fw_putdec
    NEWLINE
    TRAP_LEAVE
    mret
