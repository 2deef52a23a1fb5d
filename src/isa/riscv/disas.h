/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V disassembler for plugins (qemu_plugin_insn_disas) and logs:
 * renders one decoded record (rv_decode()) as text.
 */
#ifndef RV_DISAS_H
#define RV_DISAS_H

#include <stddef.h>
#include <stdint.h>

#include "riscv_decode.h"

/*
 * rv_disas() - text of one decoded instruction at pc, e.g. "addi a0,a0,1",
 * "lw a1,8(sp)", "beq a0,zero,0x80000010", "csrrs a0,mstatus,zero",
 * "amoadd.w.aqrl a0,a1,(a2)", "illegal 0x0000".
 *
 * The text follows GNU objdump -M no-aliases: the spec mnemonic, one space,
 * operands separated by "," with ABI register names (zero ra sp gp tp t0-t2
 * s0 s1 a0-a7 s2-s11 t3-t6); I-type immediates and load/store offsets in
 * signed decimal, shift amounts and lui/auipc's 20-bit field in hex;
 * branch and jal targets as absolute addresses (pc + offset, wrapped to
 * xlen bits); CSRs by rv_csr_name(), or as "0x%x" when it has none;
 * "fence pred,succ" with objdump's iorw letters ("unknown" for an empty
 * set) and "fence.tso" for fm=TSO with rw,rw.
 *
 * Compressed instructions decode to their 32-bit op, so they print as the
 * expanded 32-bit instruction: c.addi a0,1 is "addi a0,a0,1", c.mv a0,a1
 * is "add a0,zero,a1", c.j is "jal zero,<target>". d->len still tells a
 * caller that the instruction was 2 bytes.
 *
 * RV_OP_ILLEGAL prints "illegal 0x" followed by d->raw in hex, 4 digits for
 * a 16-bit encoding and 8 for a 32-bit one: "illegal 0x0000",
 * "illegal 0xffffffff".
 *
 * F/D: f registers by ABI name (ft0-ft11 fs0-fs11 fa0-fa7), the rounding
 * mode as a last operand as objdump prints it (",rne" ",rtz" ",rdn" ",rup"
 * ",rmm", nothing for dyn, ",unknown" for the reserved 5 and 6); the exact
 * widenings fcvt.d.s, fcvt.d.w and fcvt.d.wu never show one.
 *
 * Reserved fields the spec says to ignore print as if they were zero:
 * fence's rd, rs1 and a reserved fm (shown as the plain fence with the same
 * pred/succ), and fence.i's imm, rs1 and rd.
 *
 * @d: the decoded record; @pc: its address; @xlen: 32 or 64.
 * Writes at most len bytes to buf (always NUL-terminated when len > 0;
 * buf may be NULL when len is 0) and returns the length of the full text,
 * as snprintf does: the text was truncated if the result is >= len.
 */
size_t rv_disas(const RvDecoded *d, uint64_t pc, unsigned xlen, char *buf,
                size_t len);

/* The ABI names of x0..x31 ("zero", "ra", ...) and f0..f31 ("ft0", ...). */
extern const char *const rv_gpr_abi_names[32];
extern const char *const rv_fpr_abi_names[32];

#endif
