/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Basic machine CSRs, printing only what the spec fixes for an RV64IMAC (or
 * RV32IMAC) core with S and U, so QEMU's richer default CPU (F, D, H, ...)
 * and firmscope agree:
 *   misa.MXL (2 on RV64, 1 on RV32) and the I, M, A, C, S, U bits;
 *   mhartid = 0; mstatus.MIE and MPRV = 0 after reset; on RV64
 *   mstatus.SXL = UXL = 2 (only 64-bit S/U);
 *   mscratch holds any value; mstatus.MPP is WARL and keeps S and U;
 *   medeleg keeps bits 2, 3 and 8; mideleg keeps the S-level bits (SSI,
 *   STI, SEI);
 *   mie keeps the six standard enables; sstatus is a view of mstatus (SIE
 *   shows through; MIE does not, and writing it through sstatus has no
 *   effect); sie shows only the delegated enables.
 * Then writes to read-only CSRs (mhartid, mvendorid: address bits 11:10 =
 * 11) trap as illegal instructions with mtval = the instruction.
 *
 * Spec: privileged v1.12 §3.1.1 (misa), §3.1.5 (mhartid; one hart must have
 * ID 0), §3.4 (reset: MIE = MPRV = 0), §3.1.6.2 (SXL/UXL), §3.1.6.1 (MPP is
 * WARL over supported modes), §3.1.13 (mscratch), §3.1.8, §3.1.9, §4.1.1
 * (sstatus), §4.1.3 (sie bits of undelegated interrupts read zero), §2.1
 * (read-only CSR address ranges; writing one is illegal).
 * Not tested, because QEMU 7.2 deviates: mepc[0] must read zero (§3.1.14),
 * QEMU keeps bit 0 of a written mepc; medeleg[11] must be read-only zero
 * (§3.1.8), QEMU lets it be set.
 *
 * Expected traps, derived from the spec (resolved by spec-trap.sh):
 *   TRAP exception 2 at_mhartid m_trap
 *   TRAP exception 2 at_mvendorid m_trap
 * expect.trap checked against qemu-system-riscv64 7.2 with
 * tests/firmware/qemu-ref.sh; expect.uart printed by this program.
 */
#include "fw.h"

/* print " X" if misa (in s2) has extension letter X */
.macro MISA_HAS letter
    li t0, 1 << (\letter - 'A')
    and t0, t0, s2
    beqz t0, 96f
    PUTC(' ')
    PUTC(\letter)
96:
.endm

    .text
    .globl main
main:
    addi sp, sp, -REGBYTES
    SREG ra, 0(sp)
    csrr s1, mstatus            /* before anything changes it */

    PUTS("misa.MXL=")
    csrr a0, misa
    srli a0, a0, __riscv_xlen - 2
    call fw_putdec
    PUTS(" has")
    csrr s2, misa
    MISA_HAS 'I'
    MISA_HAS 'M'
    MISA_HAS 'A'
    MISA_HAS 'C'
    MISA_HAS 'S'
    MISA_HAS 'U'
    NEWLINE

    PUTS("mhartid=")
    csrr a0, mhartid
    call fw_putdec
    PUTS(" reset mstatus.MIE|MPRV=")
    li t0, MSTATUS_MIE | (1 << 17)
    and a0, s1, t0
    call fw_puthex
#if __riscv_xlen == 64
    PUTS(" SXL:UXL=")
    srli a0, s1, 32
    andi a0, a0, 0xf
    call fw_puthex
#endif
    NEWLINE

    PUTS("mscratch=")
    li t0, 0x5a5aa5a5
    csrw mscratch, t0
    csrr a0, mscratch
    call fw_puthex
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    PUTS(" MPP<-S:")
    csrr a0, mstatus
    srli a0, a0, 11
    andi a0, a0, 3
    call fw_putdec
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    PUTS(" MPP<-U:")
    csrr a0, mstatus
    srli a0, a0, 11
    andi a0, a0, 3
    call fw_putdec
    NEWLINE

    li t0, -1
    csrw medeleg, t0
    csrr s2, medeleg
    csrw medeleg, zero
    PUTS("medeleg&0x10c=")
    andi a0, s2, 0x10c
    call fw_puthex
    li t0, -1
    csrw mideleg, t0
    csrr s3, mideleg
    csrw mideleg, zero
    andi s3, s3, 0x222
    PUTS(" mideleg&0x222=")
    PUTHEX(s3)
    li t0, -1
    csrw mie, t0
    csrr s3, mie
    csrw mie, zero
    li t1, 0xaaa
    and s3, s3, t1
    PUTS(" mie&0xaaa=")
    PUTHEX(s3)
    NEWLINE

    csrs mstatus, MSTATUS_SIE
    PUTS("sstatus.SIE=")
    csrr a0, sstatus
    andi a0, a0, MSTATUS_SIE
    call fw_puthex
    csrc mstatus, MSTATUS_SIE
    csrs sstatus, MSTATUS_MIE
    PUTS(" sstatus&MIE=")
    csrr a0, sstatus
    andi a0, a0, MSTATUS_MIE
    call fw_puthex
    PUTS(" mstatus.MIE=")
    csrr a0, mstatus
    andi a0, a0, MSTATUS_MIE
    call fw_puthex
    li t0, 0x222
    csrw mideleg, t0
    li t0, 0xaaa
    csrw mie, t0
    PUTS(" sie&0xaaa=")
    csrr a0, sie
    li t1, 0xaaa
    and a0, a0, t1
    call fw_puthex
    csrw mie, zero
    csrw mideleg, zero
    NEWLINE

    la t0, m_trap
    csrw mtvec, t0
at_mhartid:
    csrw mhartid, zero
at_mvendorid:
    csrw mvendorid, zero
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret

    .balign 4
m_trap:
    TRAP_ENTER
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
