/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Common runtime linked into every virt-board firmware test: start code,
 * the default M-mode trap handler, printing on the ns16550a UART, exit through
 * the sifive_test finisher and CLINT timer helpers. Not a test itself: it
 * takes no traps on its own, so it adds nothing to any expect.trap.
 *
 * Start: hart 0 zeroes .bss, sets sp and mtvec = fw_trap_default (direct
 * mode), then calls main; main's return value is the exit status (0 = pass).
 * Other harts park in wfi. QEMU's reset ROM enters here with a0 = hartid,
 * a1 = FDT address; both are ignored.
 */
#include "fw.h"

    .section .text.init, "ax", @progbits
    .globl _start
_start:
    csrr t0, mhartid
    bnez t0, fw_park
    la sp, __stack_top
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    SREG zero, 0(t0)
    addi t0, t0, REGBYTES
    j 1b
2:  la t0, fw_trap_default
    csrw mtvec, t0
    call main
    j fw_exit

fw_park:
    wfi
    j fw_park

    .text

/*
 * Default trap handler (M-mode, direct): report and stop with exit status
 * FW_EXIT_UNEXPECTED_TRAP. Tests that expect traps install their own.
 */
    .balign 4
    .globl fw_trap_default
fw_trap_default:
    PUTS("unexpected trap: mcause=")
    csrr a0, mcause
    call fw_puthex
    PUTS(" mepc=")
    csrr a0, mepc
    call fw_puthex
    PUTS(" mtval=")
    csrr a0, mtval
    call fw_puthex
    NEWLINE
    EXIT(FW_EXIT_UNEXPECTED_TRAP)

/* fw_putc(a0 = byte): poll LSR.THRE, then write THR */
    .globl fw_putc
fw_putc:
    addi sp, sp, -2*REGBYTES
    SREG t0, 0(sp)
    SREG t1, REGBYTES(sp)
    li t0, UART_BASE
1:  lbu t1, UART_LSR(t0)
    andi t1, t1, UART_LSR_THRE
    beqz t1, 1b
    sb a0, 0(t0)
    LREG t0, 0(sp)
    LREG t1, REGBYTES(sp)
    addi sp, sp, 2*REGBYTES
    ret

/* fw_puts(a0 = NUL-terminated string) */
    .globl fw_puts
fw_puts:
    addi sp, sp, -2*REGBYTES
    SREG ra, 0(sp)
    SREG t0, REGBYTES(sp)
    mv t0, a0
1:  lbu a0, 0(t0)
    beqz a0, 2f
    call fw_putc
    addi t0, t0, 1
    j 1b
2:  LREG ra, 0(sp)
    LREG t0, REGBYTES(sp)
    addi sp, sp, 2*REGBYTES
    ret

/* fw_puthex(a0): "0x" then hex digits without leading zeros ("0x0" for 0) */
    .globl fw_puthex
fw_puthex:
    addi sp, sp, -4*REGBYTES
    SREG ra, 0(sp)
    SREG t0, REGBYTES(sp)
    SREG t1, 2*REGBYTES(sp)
    SREG t2, 3*REGBYTES(sp)
    mv t0, a0
    li a0, '0'
    call fw_putc
    li a0, 'x'
    call fw_putc
    li t1, __riscv_xlen - 4     /* shift of the current nibble */
    li t2, 0                    /* printed a digit yet? */
1:  srl a0, t0, t1
    andi a0, a0, 0xf
    bnez a0, 2f
    bnez t2, 2f
    bnez t1, 4f                 /* skip a leading zero, but not the last */
2:  li t2, 1
    li ra, 10
    bltu a0, ra, 3f
    addi a0, a0, 'a' - '0' - 10
3:  addi a0, a0, '0'
    call fw_putc
4:  addi t1, t1, -4
    bgez t1, 1b
    LREG ra, 0(sp)
    LREG t0, REGBYTES(sp)
    LREG t1, 2*REGBYTES(sp)
    LREG t2, 3*REGBYTES(sp)
    addi sp, sp, 4*REGBYTES
    ret

/* fw_putdec(a0): unsigned decimal */
    .globl fw_putdec
fw_putdec:
    addi sp, sp, -8*REGBYTES
    SREG ra, 0(sp)
    SREG t0, REGBYTES(sp)
    SREG t1, 2*REGBYTES(sp)
    SREG t2, 3*REGBYTES(sp)
    mv t0, a0
    addi t1, sp, 8*REGBYTES     /* digits grow down from the frame top */
    li t2, 10
1:  remu a0, t0, t2
    addi a0, a0, '0'
    addi t1, t1, -1
    sb a0, 0(t1)
    divu t0, t0, t2
    bnez t0, 1b
    addi t2, sp, 8*REGBYTES
2:  lbu a0, 0(t1)
    call fw_putc
    addi t1, t1, 1
    bltu t1, t2, 2b
    LREG ra, 0(sp)
    LREG t0, REGBYTES(sp)
    LREG t1, 2*REGBYTES(sp)
    LREG t2, 3*REGBYTES(sp)
    addi sp, sp, 8*REGBYTES
    ret

/*
 * fw_exit(a0 = status): 0 writes PASS (0x5555) to the finisher, anything
 * else FAIL | status << 16. Never returns.
 */
    .globl fw_exit
fw_exit:
    li t0, TEST_BASE
    bnez a0, 1f
    li t1, TEST_PASS
    j 2f
1:  slli t1, a0, 16
    li t2, TEST_FAIL
    or t1, t1, t2
2:  sw t1, 0(t0)
3:  wfi
    j 3b

/* fw_fail: print "FAIL\n" and exit with FW_EXIT_FAIL */
    .globl fw_fail
fw_fail:
    PUTS("FAIL\n")
    EXIT(FW_EXIT_FAIL)

/* fw_timer_now(): mtimecmp = 0, so MTIP is pending from now on */
    .globl fw_timer_now
fw_timer_now:
    addi sp, sp, -REGBYTES
    SREG t0, 0(sp)
    li t0, CLINT_MTIMECMP
#if __riscv_xlen == 64
    sd zero, 0(t0)
#else
    sw zero, 0(t0)
    sw zero, 4(t0)
#endif
    LREG t0, 0(sp)
    addi sp, sp, REGBYTES
    ret

/* fw_timer_off(): mtimecmp = all-ones, so MTIP clears and stays clear */
    .globl fw_timer_off
fw_timer_off:
    addi sp, sp, -2*REGBYTES
    SREG t0, 0(sp)
    SREG t1, REGBYTES(sp)
    li t0, CLINT_MTIMECMP
    li t1, -1
#if __riscv_xlen == 64
    sd t1, 0(t0)
#else
    sw t1, 0(t0)
    sw t1, 4(t0)
#endif
    LREG t0, 0(sp)
    LREG t1, REGBYTES(sp)
    addi sp, sp, 2*REGBYTES
    ret

/* fw_timer_in(a0 = ticks, below 2^31): mtimecmp = mtime + ticks */
    .globl fw_timer_in
fw_timer_in:
    addi sp, sp, -5*REGBYTES
    SREG t0, 0(sp)
    SREG t1, REGBYTES(sp)
    SREG t2, 2*REGBYTES(sp)
    SREG t3, 3*REGBYTES(sp)
    SREG t4, 4*REGBYTES(sp)
    li t0, CLINT_MTIME
    li t3, CLINT_MTIMECMP
#if __riscv_xlen == 64
    ld t1, 0(t0)
    add t1, t1, a0
    sd t1, 0(t3)
#else
1:  lw t2, 4(t0)                /* consistent read of the 64-bit mtime */
    lw t1, 0(t0)
    lw t4, 4(t0)
    bne t4, t2, 1b
    add t4, t1, a0              /* low word of the sum */
    sltu t1, t4, t1             /* carry into the high word */
    add t2, t2, t1
    li t1, -1
    sw t1, 4(t3)                /* no early match while the halves change */
    sw t4, 0(t3)
    sw t2, 4(t3)
#endif
    LREG t0, 0(sp)
    LREG t1, REGBYTES(sp)
    LREG t2, 2*REGBYTES(sp)
    LREG t3, 3*REGBYTES(sp)
    LREG t4, 4*REGBYTES(sp)
    addi sp, sp, 5*REGBYTES
    ret
