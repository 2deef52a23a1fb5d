/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sh(op, param): one RISC-V semihosting call (slli x0,x0,0x1f / ebreak /
 * srai x0,x0,7 with a0 = operation, a1 = parameter), 16-byte aligned so
 * the three instructions never straddle a page.
 */
#ifndef SH_H
#define SH_H

long sh(long op, long param);

__asm__(".text\n"
        ".option push\n"
        ".option norvc\n"
        ".balign 16\n"
        ".globl sh\n"
        "sh:\n"
        "    slli x0, x0, 0x1f\n"
        "    ebreak\n"
        "    srai x0, x0, 7\n"
        "    ret\n"
        ".option pop\n");

#endif
