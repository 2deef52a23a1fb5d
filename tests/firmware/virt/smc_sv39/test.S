/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Self-modifying code with translation on: S-mode code patches a function
 * it has already run through a second, writable virtual mapping of the
 * function's page, and the next call runs the new instruction. The store
 * goes through the data TLB (an entry with the page's host address), not
 * through the physical address the code was fetched from, so this checks
 * that such a store still drops the decoded code of its page. A load
 * through the alias must read back the stored instruction.
 *
 * M maps, with Sv39: the devices (gigapage at VA 0), RAM one-to-one
 * (gigapage at VA 0x80000000, RWX), and at VA 0x40000000 a 4 KiB page
 * (read/write) over the physical page holding `patched`. S calls
 * `patched` (returns 1), stores a new first instruction through the
 * alias (returns 2), fence.i, calls it again; then stores another one
 * (returns 3) through the alias, whose translation is now in the TLB,
 * without fence.i (as smc/test.S (a): QEMU 7.2 and firmscope see such
 * stores at once), calls it, and ends with ecall.
 *
 * Spec: unprivileged v20191213 §3 (Zifencei), privileged v1.12 §4.3
 * (Sv39, several virtual pages may map one physical page).
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 9 s_ecall m_trap
 * Checked against qemu-system-riscv64 7.2 with tests/firmware/qemu-ref.sh;
 * expect.uart printed by this program.
 */
#include "fw.h"

#define VA_ALIAS 0x40000000


    .text
    .globl main
main:
    PMP_ALLOW_ALL
    la t0, m_trap
    csrw mtvec, t0

    la s1, pt_root
    la s2, pt_l1
    la s3, pt_l0
    SV39_DEVICES_NEXT_RAM
    MKPTE(s3, PTE_V)
    sd t0, 0(s2)
    la t1, patched
    MKPTE(t1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
    sd t0, 0(s3)                /* VA_ALIAS: the page of `patched` */

    SATP_ON(s1, 8 << 60)   /* MODE = Sv39 */
    MRET_TO(MSTATUS_MPP_S, s_code)
    mret

s_code:
    call patched
    li t0, 1
    bne a0, t0, fw_fail
    PUTS("S: before the patch: 1\n")
    la t0, patched
    li t1, 0x80000000
    sub t0, t0, t1              /* offset of `patched` in its page */
    li t1, 0xfff
    and t0, t0, t1
    li t1, VA_ALIAS
    add s0, t0, t1              /* its address through the alias */
    lw t1, insn_li2
    sw t1, 0(s0)
    fence.i
    lw t2, 0(s0)
    bne t1, t2, fw_fail
    PUTS("S: the alias reads the new instruction\n")
    call patched
    li t0, 2
    bne a0, t0, fw_fail
    PUTS("S: after the patch through the alias: 2\n")
    /*
     * Again without fence.i (see smc/test.S (a)), the store a TLB hit:
     * rewriting the same instruction fills the store entry (PUTS's UART
     * stores share its TLB index), and no store comes between.
     */
    lw t1, insn_li2
    sw t1, 0(s0)
    call patched
    li t0, 2
    bne a0, t0, fw_fail
    lw t1, insn_li3
    sw t1, 0(s0)
    call patched
    li t0, 3
    bne a0, t0, fw_fail
    PUTS("S: patched again, no fence.i: 3\n")
s_ecall:
    ecall

    .balign 4
m_trap:
    csrr t0, mcause
    li t1, CAUSE_SUPERVISOR_ECALL
    bne t0, t1, fw_fail
    PUTS("done\n")
    EXIT(0)

    .balign 4
    .option push
    .option norvc
insn_li2:
    li a0, 2
insn_li3:
    li a0, 3
    .option pop

/* alone on its page, so the alias maps nothing else */
    .balign 4096
    .option push
    .option norvc
patched:
    li a0, 1
    ret
    .option pop
    .balign 4096

    .bss
    .balign 4096
pt_root:
    .zero 4096
pt_l1:
    .zero 4096
pt_l0:
    .zero 4096
