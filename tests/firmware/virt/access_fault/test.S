/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Access faults on an address nothing answers (UNMAPPED_ADDR, a hole in the
 * virt memory map): a load (cause 5), a store (cause 7), and a jump into
 * the hole: the jalr itself
 * completes, then the fetch at the target faults (cause 1) with
 * mepc = mtval = the target, so the trap's from_pc is the jump target.
 *
 * Spec: privileged v1.12 §3.1.15 (causes 1, 5, 7; AMOs report the store/AMO
 * cause), §3.1.16 (mtval = faulting address), §3.6 (physical memory
 * attributes: an access to a region with no device or memory is an access
 * fault); unprivileged v20191213 §2.5 (jalr writes rd before the target's
 * fetch can fault: the exception is reported on the target instruction).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 5 at_load m_trap
 *   TRAP exception 7 at_store m_trap
 *   TRAP exception 1 unmapped m_trap
 * (`unmapped` is an absolute symbol = UNMAPPED_ADDR.) An AMO on the hole
 * is left out: the spec says store/AMO access fault (7), QEMU 7.2 raises a
 * load access fault (5). expect.trap checked against
 * qemu-system-riscv64 7.2 (qemu-system-riscv32 for the RV32 variant) with
 * tests/firmware/qemu-ref.sh; expect.uart printed by this program.
 */
#include "fw.h"

    .globl unmapped
    .set unmapped, UNMAPPED_ADDR

    .text
    .globl main
main:
    addi sp, sp, -REGBYTES
    SREG ra, 0(sp)
    la t0, m_trap
    csrw mtvec, t0
    li s1, UNMAPPED_ADDR
at_load:
    lw t0, 0(s1)
at_store:
    sw t0, 0(s1)
    PUTS("jump\n")
at_jump:
    jalr ra, 0(s1)
    PUTS("returned\n")
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret

/*
 * Print mcause and mtval; resume after a faulting load/store, or at ra (the
 * jalr's link) after a fetch fault.
 */
    .balign 4
m_trap:
    TRAP_ENTER
    PUTS("mcause=")
    csrr a0, mcause
    call fw_putdec
    PUTS(" mtval=")
    csrr a0, mtval
    call fw_puthex
    PUTS(" mepc=")
    csrr a0, mepc
    call fw_puthex
    NEWLINE
    csrr t0, mcause
    li t1, CAUSE_FETCH_ACCESS
    bne t0, t1, 1f
    LREG t0, 0(sp)              /* ra saved by TRAP_ENTER */
    csrw mepc, t0
    j 2f
1:  SKIP_EPC mepc
2:  TRAP_LEAVE
    mret
