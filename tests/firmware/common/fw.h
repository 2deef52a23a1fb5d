/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared definitions for the bare-metal firmware tests (assembly only):
 * XLEN-neutral load/store names, CSR bit values (RISC-V privileged spec
 * v1.12, chapter 3 and 4), the virt board's device addresses (QEMU's memory
 * map) and a few macros for printing through the routines in virt.S.
 *
 * Register conventions of the routines in virt.S (fw_putc, fw_puts,
 * fw_puthex, fw_putdec, fw_timer_*, fw_exit): argument in a0; every register
 * other than a0 and ra is preserved, so the macros below clobber only a0 and
 * ra. They use the stack (sp) and work in any privilege mode once
 * PMP_ALLOW_ALL has run (the CLINT ones only in M-mode).
 */
#ifndef FW_H
#define FW_H

#if __riscv_xlen == 64
#define LREG ld
#define SREG sd
#define REGBYTES 8
#else
#define LREG lw
#define SREG sw
#define REGBYTES 4
#endif

/* virt board (QEMU hw/riscv/virt.c memory map) */
#define UART_BASE       0x10000000      /* ns16550a: THR +0, LSR +5 */
#define UART_LSR        5
#define UART_LSR_THRE   0x20
#define TEST_BASE       0x100000        /* sifive_test finisher */
#define TEST_PASS       0x5555
#define TEST_FAIL       0x3333          /* | code << 16 */
#define CLINT_MSIP      0x2000000       /* hart 0 */
#define CLINT_MTIMECMP  0x2004000       /* hart 0 */
#define CLINT_MTIME     0x200bff8
/* an address no device or memory answers on the virt board (a hole between
 * the reset ROM and the test finisher): accesses raise access faults */
#define UNMAPPED_ADDR   0x80000

/* mstatus (priv §3.1.6) */
#define MSTATUS_SIE     0x2
#define MSTATUS_MIE     0x8
#define MSTATUS_SPIE    0x20
#define MSTATUS_MPIE    0x80
#define MSTATUS_SPP     0x100
#define MSTATUS_MPP     0x1800
#define MSTATUS_MPP_S   0x800
#define MSTATUS_MPP_M   0x1800
#define MSTATUS_TVM     0x100000
#define MSTATUS_TW      0x200000
#define MSTATUS_TSR     0x400000

/* page-table entry bits (priv §4.3.1, §4.4.1) */
#define PTE_V           0x01
#define PTE_R           0x02
#define PTE_W           0x04
#define PTE_X           0x08
#define PTE_U           0x10
#define PTE_A           0x40
#define PTE_D           0x80

/* mip/mie bits (priv §3.1.9) */
#define MIP_SSIP        0x2
#define MIP_MSIP        0x8
#define MIP_STIP        0x20
#define MIP_MTIP        0x80
#define MIP_SEIP        0x200
#define MIP_MEIP        0x800

/* mcause exception codes (priv §3.1.15, table 3.6) */
#define CAUSE_MISALIGNED_FETCH  0
#define CAUSE_FETCH_ACCESS      1
#define CAUSE_ILLEGAL_INSN      2
#define CAUSE_BREAKPOINT        3
#define CAUSE_MISALIGNED_LOAD   4
#define CAUSE_LOAD_ACCESS       5
#define CAUSE_MISALIGNED_STORE  6
#define CAUSE_STORE_ACCESS      7
#define CAUSE_USER_ECALL        8
#define CAUSE_SUPERVISOR_ECALL  9
#define CAUSE_MACHINE_ECALL     11

/* interrupt codes */
#define IRQ_S_SOFT      1
#define IRQ_M_SOFT      3
#define IRQ_S_TIMER     5
#define IRQ_M_TIMER     7

/* exit codes used by the common layer */
#define FW_EXIT_FAIL            1   /* fw_fail: a check did not hold */
#define FW_EXIT_UNEXPECTED_TRAP 2   /* fw_trap_default */

#ifdef __ASSEMBLER__

/* print a string literal, e.g. PUTS("ok\n"); clobbers a0, ra */
#define PUTS(s) \
    .pushsection .rodata; 98: .asciz s; .popsection; \
    la a0, 98b; call fw_puts

/* print one character given as a number (10 = newline); clobbers a0, ra */
#define PUTC(c) li a0, c; call fw_putc
#define NEWLINE PUTC(10)

/* print register r as 0x<hex, no leading zeros>; clobbers a0, ra */
#define PUTHEX(r) mv a0, r; call fw_puthex

/* print register r as unsigned decimal; clobbers a0, ra */
#define PUTDEC(r) mv a0, r; call fw_putdec

/* t0 = the PTE for the physical address in register r, flags f */
#define MKPTE(r, f) srli t0, r, 12; slli t0, t0, 10; ori t0, t0, f

/*
 * The Sv39 tables every S-mode paging case starts from, in memory at s1
 * (root) and s2: VA 0 maps the devices (a read/write gigapage), VA
 * 0x40000000 goes through the next-level table at s2 (filled by the
 * case), VA 0x80000000 maps RAM one-to-one (a RWX gigapage). Clobbers
 * t0, t1.
 */
#define SV39_DEVICES_NEXT_RAM \
    li t1, 0; MKPTE(t1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D); \
    sd t0, 0(s1); \
    MKPTE(s2, PTE_V); sd t0, 8(s1); \
    li t1, 0x80000000; \
    MKPTE(t1, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D); sd t0, 16(s1)

/*
 * Translation on: satp = MODE mode (its bits in place) | the root table's
 * PPN (its address in register r), then sfence.vma; clobbers t0, t1.
 */
#define SATP_ON(r, mode) \
    srli t0, r, 12; li t1, mode; or t0, t0, t1; csrw satp, t0; sfence.vma

/*
 * Prepare an mret into `label` with mstatus.MPP cleared, then the
 * mstatus bits `bits` (an MPP value and others) set; clobbers t0.
 */
#define MRET_TO(bits, label) \
    li t0, MSTATUS_MPP; csrc mstatus, t0; li t0, bits; csrs mstatus, t0; \
    la t0, label; csrw mepc, t0

/* leave through the test finisher with exit status code */
#define EXIT(code) li a0, code; j fw_exit

/*
 * Save / restore the caller-saved integer registers (ra, t0-t6, a0-a7) on
 * the current stack, for trap handlers that call the print routines.
 */
#define TRAP_FRAME (16 * REGBYTES)
.macro TRAP_ENTER
    addi sp, sp, -TRAP_FRAME
    SREG ra, 0*REGBYTES(sp)
    SREG t0, 1*REGBYTES(sp)
    SREG t1, 2*REGBYTES(sp)
    SREG t2, 3*REGBYTES(sp)
    SREG a0, 4*REGBYTES(sp)
    SREG a1, 5*REGBYTES(sp)
    SREG a2, 6*REGBYTES(sp)
    SREG a3, 7*REGBYTES(sp)
    SREG a4, 8*REGBYTES(sp)
    SREG a5, 9*REGBYTES(sp)
    SREG a6, 10*REGBYTES(sp)
    SREG a7, 11*REGBYTES(sp)
    SREG t3, 12*REGBYTES(sp)
    SREG t4, 13*REGBYTES(sp)
    SREG t5, 14*REGBYTES(sp)
    SREG t6, 15*REGBYTES(sp)
.endm
.macro TRAP_LEAVE
    LREG ra, 0*REGBYTES(sp)
    LREG t0, 1*REGBYTES(sp)
    LREG t1, 2*REGBYTES(sp)
    LREG t2, 3*REGBYTES(sp)
    LREG a0, 4*REGBYTES(sp)
    LREG a1, 5*REGBYTES(sp)
    LREG a2, 6*REGBYTES(sp)
    LREG a3, 7*REGBYTES(sp)
    LREG a4, 8*REGBYTES(sp)
    LREG a5, 9*REGBYTES(sp)
    LREG a6, 10*REGBYTES(sp)
    LREG a7, 11*REGBYTES(sp)
    LREG t3, 12*REGBYTES(sp)
    LREG t4, 13*REGBYTES(sp)
    LREG t5, 14*REGBYTES(sp)
    LREG t6, 15*REGBYTES(sp)
    addi sp, sp, TRAP_FRAME
.endm

/*
 * Let S and U mode reach all of memory: one NAPOT PMP entry covering the
 * whole address space with RWX (priv §3.7). Without it, an implementation
 * with PMP denies every S/U access. Clobbers t0.
 */
.macro PMP_ALLOW_ALL
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f             /* A=NAPOT, X, W, R */
    csrw pmpcfg0, t0
.endm

/*
 * Advance mepc/sepc (csr) past the 2- or 4-byte instruction it points at,
 * reading the instruction's low half-word (priv §3.1.14). Clobbers t0, t1.
 */
.macro SKIP_EPC csr
    csrr t0, \csr
    lhu t1, 0(t0)
    andi t1, t1, 3
    addi t0, t0, 2
    addi t1, t1, -3
    bnez t1, 97f
    addi t0, t0, 2
97: csrw \csr, t0
.endm

#endif /* __ASSEMBLER__ */
#endif /* FW_H */
