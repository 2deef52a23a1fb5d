/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Misaligned loads and stores to RAM complete without a trap, as on QEMU:
 * lh/lhu/lw/ld at odd offsets and sh/sw/sd at odd offsets, with the values
 * (little-endian, sign- or zero-extended) printed and checked.
 *
 * Spec: unprivileged v20191213 §2.6 (misaligned accesses may be performed
 * by the execution environment or raise address-misaligned / access-fault
 * exceptions; the EEI decides). Our EEI is QEMU's: ordinary misaligned
 * accesses to main memory are performed, invisibly. Privileged v1.12 §3.6.3.
 *
 * Expected traps: none (expect.trap is empty); any trap goes to the default
 * handler, which prints it and exits 2. Checked against qemu-system-riscv64
 * 7.2 with tests/firmware/qemu-ref.sh; expect.uart printed by this program.
 */
#include "fw.h"

    .data
    .balign 16
buf:
    .byte 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87
    .byte 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f
    .byte 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97

    .text
    .globl main
main:
    addi sp, sp, -REGBYTES
    SREG ra, 0(sp)
    la s1, buf
    PUTS("lh  +1 ")
    lh s2, 1(s1)
    PUTHEX(s2)
    NEWLINE
    PUTS("lhu +3 ")
    lhu s2, 3(s1)
    PUTHEX(s2)
    NEWLINE
    PUTS("lw  +1 ")
    lw s2, 1(s1)
    PUTHEX(s2)
    NEWLINE
    PUTS("lw  +6 ")
    lw s2, 6(s1)
    PUTHEX(s2)
    NEWLINE
#if __riscv_xlen == 64
    PUTS("lwu +3 ")
    lwu s2, 3(s1)
    PUTHEX(s2)
    NEWLINE
    PUTS("ld  +5 ")
    ld s2, 5(s1)
    PUTHEX(s2)
    NEWLINE
#endif
#if __riscv_xlen == 64
    li t0, 0x0123456789abcdef
    sd t0, 3(s1)
#endif
    li t0, 0x1234
    sh t0, 9(s1)
    li t0, 0x5678abcd
    sw t0, 13(s1)
    PUTS("bytes")
    li s3, 0
1:  PUTC(' ')
    add t0, s1, s3
    lbu s2, 0(t0)
    PUTHEX(s2)
    addi s3, s3, 1
    li t0, 24
    blt s3, t0, 1b
    NEWLINE
    LREG ra, 0(sp)
    addi sp, sp, REGBYTES
    li a0, 0
    ret
