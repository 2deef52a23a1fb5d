/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Device (MMIO) accesses of a size a device does not accept fault, as on
 * QEMU 7.2, whose memory_region_access_valid() (softmmu/memory.c) refuses
 * a size outside the region's MemoryRegionOps .valid; the RISC-V target
 * then raises a load (5) or store/AMO (7) access fault with mtval = the
 * address (target/riscv/cpu_helper.c riscv_cpu_do_transaction_failed).
 * The .valid sizes: CLINT mtimecmp/mtime 4..8 and msip 4..4
 * (hw/intc/riscv_aclint.c, two regions: 0x2000000 msip, 0x2004000
 * mtimer; 0x200c000..0x200ffff is unmapped), PLIC 4..4
 * (hw/intc/sifive_plic.c), test finisher 2..4 (hw/misc/sifive_test.c),
 * UART 1..8 (serial_mm_ops). QEMU 7.2's TCG never hands a device a
 * misaligned access (accel/tcg/cputlb.c): a load becomes the two aligned
 * loads of its size around it, a store becomes byte stores; each piece is
 * checked, and mtval is the address of the piece that failed. (When that
 * piece starts before the access, QEMU's mtval lies outside it and
 * firmscope gives the access's address, as the spec asks: not tested
 * here; see tests/diff/KNOWN.md, misaligned-fault-tval.)
 *
 * In M-mode, translation off:
 *   lb/lh of mtime fault; lw (and ld) of mtime complete. ld/sd of msip
 *   (RV64) and sb to msip fault; lw of msip completes. A misaligned lw at
 *   mtimecmp+2 completes (two aligned lw: bits 16..47 of mtimecmp); a
 *   misaligned sw there faults at its first byte and leaves mtimecmp as
 *   it was. lb (and ld) of the PLIC fault; lw completes, and so does a
 *   misaligned lw at +6 (two lw). Byte accesses to the UART complete, as
 *   do a misaligned lhu and sh at +3 (pieces: lh at +2 and +4; bytes) and
 *   (RV64) ld at +0 (one access: RBR). sb (and sd) to the finisher
 *   fault; lh completes, lb faults. The unmapped CLINT range faults, and
 *   so does a misaligned load of mtime whose second piece falls in it
 *   (mtval = 0x200c000).
 * Then in S-mode with Sv39 (RV64) / Sv32 (RV32), the devices seen at VA
 * 0x40000000 + PA: an lb of mtime, an sb to msip, and a misaligned lw of
 * mtime+6 whose second piece is unmapped fault with mtval = the virtual
 * address (of that piece); an lw of mtime completes.
 *
 * Spec: privileged v1.12 §3.6 (physical memory attributes: access widths
 * a region does not support raise access faults), §3.1.15 (causes 5, 7),
 * §3.1.16 (mtval); unprivileged v20191213 §2.6 (misaligned accesses are
 * the EEI's; QEMU's is described above).
 *
 * Expected traps, derived from QEMU 7.2's sources as above (resolved by
 * spec-trap.sh):
 *   TRAP exception 5 at_lb_mtime m_trap
 *   TRAP exception 5 at_lh_mtime m_trap
 *   TRAP exception 5 at_ld_msip m_trap (rv64)
 *   TRAP exception 7 at_sd_msip m_trap (rv64)
 *   TRAP exception 7 at_sb_msip m_trap
 *   TRAP exception 7 at_mis_sw_mtimecmp m_trap
 *   TRAP exception 5 at_lb_plic m_trap
 *   TRAP exception 5 at_ld_plic m_trap (rv64)
 *   TRAP exception 7 at_sb_test m_trap
 *   TRAP exception 7 at_sd_test m_trap (rv64)
 *   TRAP exception 5 at_lb_test m_trap
 *   TRAP exception 5 at_lw_hole m_trap
 *   TRAP exception 5 at_mis_mtime m_trap
 *   TRAP exception 5 s_lb_mtime m_trap
 *   TRAP exception 7 s_sb_msip m_trap
 *   TRAP exception 5 s_mis_lw_mtime m_trap
 * expect.trap checked against qemu-system-riscv64 7.2 (qemu-system-riscv32
 * for the RV32 variant) with tests/firmware/qemu-ref.sh; expect.uart
 * printed by this program.
 */
#include "fw.h"

#define PLIC_BASE       0xc000000
#define CLINT_HOLE      0x200c000       /* after mtime: nothing mapped */
#define UART_SCR        7
#define VA_DEV          0x40000000      /* S-mode sees PA p at VA_DEV + p */
#define PTE_RWXAD       (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)

/* a load into t1 labelled `name`; prints "name=value" if it completes */
#define LOAD(name, op, mem) \
    li t1, 0x77; name: op t1, mem; PUTS(#name "="); PUTHEX(t1); NEWLINE

    .text
    .globl main
main:
    la t0, m_trap
    csrw mtvec, t0
    li s1, CLINT_MSIP
    li s2, CLINT_MTIMECMP
    li s3, CLINT_MTIME
    li s4, PLIC_BASE
    li s5, UART_BASE
    li s6, TEST_BASE
    li s7, CLINT_HOLE
    /* mtimecmp = 0x0123456712345678 (mstatus.MIE is off: no interrupt) */
    li t0, 0x12345678
    sw t0, 0(s2)
    li t0, 0x01234567
    sw t0, 4(s2)

    /* CLINT mtimer: 4 and 8 bytes */
    LOAD(at_lb_mtime, lb, 0(s3))
    LOAD(at_lh_mtime, lh, 0(s3))
    lw t1, 0(s3)
#if __riscv_xlen == 64
    ld t1, 0(s3)
#endif
    /* CLINT msip: 4 bytes only */
#if __riscv_xlen == 64
    LOAD(at_ld_msip, ld, 0(s1))
at_sd_msip:
    sd zero, 0(s1)
#endif
at_sb_msip:
    sb zero, 0(s1)
    LOAD(at_lw_msip, lw, 0(s1))
    /* misaligned: aligned load pieces, byte store pieces */
    LOAD(at_mis_lw_mtimecmp, lw, 2(s2))
at_mis_sw_mtimecmp:
    sw zero, 2(s2)
    LOAD(at_lw_mtimecmp_lo, lw, 0(s2))
    LOAD(at_lw_mtimecmp_hi, lw, 4(s2))

    /* PLIC: 4 bytes only */
    LOAD(at_lb_plic, lb, 4(s4))
#if __riscv_xlen == 64
    LOAD(at_ld_plic, ld, 8(s4))
#endif
    LOAD(at_lw_plic, lw, 4(s4))
    LOAD(at_mis_lw_plic, lw, 6(s4))

    /* UART: every size */
    li t0, 0x5a
    sb t0, UART_SCR(s5)
    LOAD(at_lbu_scr, lbu, UART_SCR(s5))
    LOAD(at_lbu_lsr, lbu, UART_LSR(s5))
    LOAD(at_mis_lhu_uart, lhu, 3(s5))
    li t0, 0x0800               /* LCR = 0, MCR = OUT2: as they are */
    sh t0, 3(s5)
#if __riscv_xlen == 64
    LOAD(at_ld_uart, ld, 0(s5))
#endif

    /* test finisher: 2 and 4 bytes */
at_sb_test:
    sb zero, 0(s6)
#if __riscv_xlen == 64
at_sd_test:
    sd zero, 0(s6)
#endif
    LOAD(at_lh_test, lh, 0(s6))
    LOAD(at_lb_test, lb, 0(s6))

    /* the unmapped end of the CLINT range */
    LOAD(at_lw_hole, lw, 0(s7))
#if __riscv_xlen == 64
    LOAD(at_mis_mtime, ld, 4(s3))   /* pieces at mtime, 0x200c000 */
#else
    LOAD(at_mis_mtime, lw, 6(s3))   /* pieces at mtime+4, 0x200c000 */
#endif

    /* S-mode with translation: devices at VA_DEV + PA */
    PUTS("S-mode\n")
    la s0, pt_root
#if __riscv_xlen == 64
    /* Sv39 gigapages: 0 and 2 map themselves, 1 (VA_DEV) maps PA 0 */
    li t0, PTE_RWXAD
    SREG t0, 0(s0)
    SREG t0, 8(s0)
    li t0, (0x80000000 >> 2) | PTE_RWXAD
    SREG t0, 16(s0)
    SATP_ON(s0, 8 << 60)
#else
    /* Sv32 megapages: each maps itself but VA_DEV + p, which maps p */
    li t2, 0
1:  mv t0, t2
    li t1, VA_DEV >> 22
    bltu t2, t1, 2f
    addi t1, t1, 64             /* 64 megapages: PA 0..0xfffffff */
    bgeu t2, t1, 2f
    addi t0, t2, -(VA_DEV >> 22)
2:  slli t0, t0, 20
    ori t0, t0, PTE_RWXAD
    slli t1, t2, 2
    add t1, t1, s0
    sw t0, 0(t1)
    addi t2, t2, 1
    li t1, 1024
    bltu t2, t1, 1b
    SATP_ON(s0, 1 << 31)
#endif
    PMP_ALLOW_ALL
    li s1, VA_DEV + CLINT_MSIP
    li s3, VA_DEV + CLINT_MTIME
    MRET_TO(MSTATUS_MPP_S, s_mode)
    mret

s_mode:
    LOAD(s_lb_mtime, lb, 0(s3))
s_sb_msip:
    sb zero, 0(s1)
    LOAD(s_mis_lw_mtime, lw, 6(s3))  /* pieces at mtime+4, the hole */
    lw t1, 0(s3)
    PUTS("done\n")
    EXIT(0)

/* Print mcause and mtval, then resume after the faulting instruction. */
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

    .bss
    .balign 4096
pt_root:
    .zero 4096
