#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Seeded random RISC-V program generator for the differential tests.

    gen.py --seed N --xlen 64|32 [--count K] [--known avoid|include]
           [--skip-csr LIST] [--dump] [-o out.S]

writes one self-contained assembly file (harness included) for the virt
board; link it with tests/diff/link.ld:

    riscv64-unknown-elf-gcc -march=rv64imafdc_zicsr_zifencei -mabi=lp64 \\
        -mcmodel=medany -nostdlib -nostartfiles -static \\
        -T tests/diff/link.ld -Wl,--no-warn-rwx-segments -o out.elf out.S
    (RV32: -march=rv32imafdc_zicsr_zifencei -mabi=ilp32)

The program, entered in M-mode at 0x80000000:

  1. points mtvec at a handler that skips the trapping instruction (mepc
     += 2 or 4, from the low bits of the instruction at mepc) and mrets;
  2. loads every FPR and GPR with values that include edge cases, sets
     frm, and leaves mstatus.FS = Dirty (Initial with --known include);
  3. runs a stream of about K instructions built from templates (every
     instruction of RV32/RV64 IMAFDC, Zicsr, Zifencei, fence, ecall,
     ebreak, sfence.vma) mixed with random 32-bit words and 16-bit
     halfwords from opcode classes that cannot transfer control or write
     outside the scratch area;
  4. fences, prints "done" on the UART (with --dump, first the registers
     and some CSRs) and writes 0x5555 (pass) to the sifive_test finisher.

Invariants that make every seed terminate the same way on any correct
emulator:

  * x31 (BASE) holds the middle of a 8 KiB scratch area and is never
    written by the stream: no template or random word has rd = x31.
  * Every store, AMO and SC goes to BASE + offset, or to a register that
    the same group has just set to BASE + offset. Loads through other
    registers use addresses the group sets itself (holes in the virt
    memory map, the reset ROM, the code): they fault or read constant
    bytes, never a device with side effects or changing values.
  * Control transfers only go forward, to the first instruction of a later
    group (or to the end of the stream). The stream is a list of groups; a
    group's instructions (e.g. "addi x8, x31, 16; c.sw x9, 4(x8)") always
    run together because nothing branches into the middle of one.
  * CSR writes only go to CSRs that cannot break the harness (WRITABLE
    below) or to read-only CSR numbers (the write traps). mtvec, mstatus,
    mie/mip/mideleg, misa and PMP are never written, so no interrupt can
    be taken and the hart stays in M-mode.
  * Counters: cycle, time and the hpmcounters are read into registers
    (both emulators count cycle and time alike under -icount; the
    hpmcounters hold what is written); instret only into x0 (below).
  * No wfi, mret, sret, dret or other privileged instruction.

--known avoid (the default) leaves out the places where QEMU 7.2 is known
to deviate from the specification, so that any disagreement left is new:

  rules of tests/diff/KNOWN.md
    amo-cause-codes, sc-misaligned-no-reservation: AMOs and SCs are
        aligned (a misaligned LR, which both treat alike, stays in);
    misaligned-fault-tval: loads to unmapped addresses are aligned;
    fs-dirty-fflags: FS starts Dirty, not Initial;
    csr-set-clear-zero: read-only CSRs get csrrw or rs1 = x0;
    minstret-is-time: instret/minstret are read into x0 only;
    counter-write, mcountinhibit-frozen, hpm-events: mcycle, minstret,
        mcountinhibit and mhpmevent3..31 are not written;
    mepc-bit0, medeleg-writable, warl-bits-kept: the bits QEMU keeps
        (MASKED_CSR) are written as 0;
    hpmcounter-absent: run QEMU with pmu-num=29 (QEMU_CPU below).

--known include puts all of these in. --skip-csr leaves CSR numbers out
entirely, to step over a disagreement while it is being fixed.
"""

import argparse
import os
import random
import struct
import sys

# The QEMU -cpu properties the programs are meant for: the CPU firmscope
# implements (tests/diff/diff.py, which runs them, has the list and why).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from diff import QEMU_CPU_PROPS as QEMU_CPU  # noqa: E402

BASE = 31                   # scratch base register, never written
SCRATCH_HALF = 4096         # BASE points at scratch + 4096
SAVE_OFF = 2032             # trap handler save slots: BASE+2032, BASE+2040

# ---------------------------------------------------------------------------
# Bit helpers and one encoder per instruction format (unprivileged spec,
# "RV32I Base Integer Instruction Set", base instruction formats).
# ---------------------------------------------------------------------------


def bits(v, hi, lo):
    return (v >> lo) & ((1 << (hi - lo + 1)) - 1)


def sext(v, n):
    v &= (1 << n) - 1
    return v - (1 << n) if v >> (n - 1) else v


def enc_r(op, f3, f7, rd, rs1, rs2):
    return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op


def enc_i(op, f3, rd, rs1, imm):
    return (imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op


def enc_s(op, f3, rs1, rs2, imm):
    return (bits(imm, 11, 5) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
            bits(imm, 4, 0) << 7 | op)


def enc_b(f3, rs1, rs2, off):
    return (bits(off, 12, 12) << 31 | bits(off, 10, 5) << 25 | rs2 << 20 |
            rs1 << 15 | f3 << 12 | bits(off, 4, 1) << 8 |
            bits(off, 11, 11) << 7 | 0x63)


def enc_u(op, rd, imm20):
    return (imm20 & 0xfffff) << 12 | rd << 7 | op


def enc_j(rd, off):
    return (bits(off, 20, 20) << 31 | bits(off, 10, 1) << 21 |
            bits(off, 11, 11) << 20 | bits(off, 19, 12) << 12 | rd << 7 |
            0x6f)


def enc_r4(op, fmt, rd, rs1, rs2, rs3, rm):
    return (rs3 << 27 | fmt << 25 | rs2 << 20 | rs1 << 15 | rm << 12 |
            rd << 7 | op)


def enc_amo(f5, aq, rl, f3, rd, rs1, rs2):
    return enc_r(0x2f, f3, f5 << 2 | aq << 1 | rl, rd, rs1, rs2)


# Compressed immediates are scattered; each layout maps an instruction bit
# to the immediate bit it holds (unprivileged spec, "C" chapter, the
# instruction format figures of each instruction).
L_CIW_4SPN = {12: 5, 11: 4, 10: 9, 9: 8, 8: 7, 7: 6, 6: 2, 5: 3}
L_CL_W = {12: 5, 11: 4, 10: 3, 6: 2, 5: 6}              # c.lw/c.sw/c.flw
L_CL_D = {12: 5, 11: 4, 10: 3, 6: 7, 5: 6}              # c.ld/c.sd/c.fld
L_CI = {12: 5, 6: 4, 5: 3, 4: 2, 3: 1, 2: 0}             # c.addi/c.li/shamt
L_CI_16SP = {12: 9, 6: 4, 5: 6, 4: 8, 3: 7, 2: 5}
L_CI_LUI = {12: 17, 6: 16, 5: 15, 4: 14, 3: 13, 2: 12}
L_CI_LWSP = {12: 5, 6: 4, 5: 3, 4: 2, 3: 7, 2: 6}
L_CI_LDSP = {12: 5, 6: 4, 5: 3, 4: 8, 3: 7, 2: 6}
L_CSS_SWSP = {12: 5, 11: 4, 10: 3, 9: 2, 8: 7, 7: 6}
L_CSS_SDSP = {12: 5, 11: 4, 10: 3, 9: 8, 8: 7, 7: 6}
L_CJ = {12: 11, 11: 4, 10: 9, 9: 8, 8: 10, 7: 6, 6: 7, 5: 3, 4: 2, 3: 1,
        2: 5}
L_CB = {12: 8, 11: 4, 10: 3, 6: 7, 5: 6, 4: 2, 3: 1, 2: 5}


def scatter(imm, layout):
    return sum(((imm >> ib) & 1) << sb for sb, ib in layout.items())


def hi_lo(off):
    """Split a PC-relative offset for auipc (hi) + a 12-bit immediate (lo),
    as %pcrel_hi/%pcrel_lo do."""
    hi = (off + 0x800) >> 12
    return hi, off - (hi << 12)


def enc_c(quadrant, f3, fields):
    """A 16-bit instruction: funct3, the quadrant and the other fields,
    already placed."""
    return f3 << 13 | fields | quadrant


def creg(r):
    """x8..x15 (f8..f15) as the 3-bit field of rs1'/rs2'/rd'."""
    assert 8 <= r <= 15
    return r - 8


# ---------------------------------------------------------------------------
# Instruction tables
# ---------------------------------------------------------------------------

OP_LOAD, OP_LOAD_FP, OP_MISC_MEM, OP_IMM, OP_AUIPC, OP_IMM_32 = (
    0x03, 0x07, 0x0f, 0x13, 0x17, 0x1b)
OP_STORE, OP_STORE_FP, OP_AMO, OP_OP, OP_LUI, OP_OP_32 = (
    0x23, 0x27, 0x2f, 0x33, 0x37, 0x3b)
OP_FMADD, OP_FMSUB, OP_FNMSUB, OP_FNMADD, OP_FP = 0x43, 0x47, 0x4b, 0x4f, 0x53
OP_JALR, OP_SYSTEM = 0x67, 0x73

# (name, funct7, funct3, rv64 only)
ALU_RR = [
    ("add", 0x00, 0, 0), ("sub", 0x20, 0, 0), ("sll", 0x00, 1, 0),
    ("slt", 0x00, 2, 0), ("sltu", 0x00, 3, 0), ("xor", 0x00, 4, 0),
    ("srl", 0x00, 5, 0), ("sra", 0x20, 5, 0), ("or", 0x00, 6, 0),
    ("and", 0x00, 7, 0),
    ("mul", 0x01, 0, 0), ("mulh", 0x01, 1, 0), ("mulhsu", 0x01, 2, 0),
    ("mulhu", 0x01, 3, 0), ("div", 0x01, 4, 0), ("divu", 0x01, 5, 0),
    ("rem", 0x01, 6, 0), ("remu", 0x01, 7, 0),
]
# OP-32 (RV64 only)
ALU_RR_W = [
    ("addw", 0x00, 0), ("subw", 0x20, 0), ("sllw", 0x00, 1),
    ("srlw", 0x00, 5), ("sraw", 0x20, 5), ("mulw", 0x01, 0),
    ("divw", 0x01, 4), ("divuw", 0x01, 5), ("remw", 0x01, 6),
    ("remuw", 0x01, 7),
]
# (name, funct3)
ALU_IMM = [("addi", 0), ("slti", 2), ("sltiu", 3), ("xori", 4), ("ori", 6),
           ("andi", 7)]
# (name, funct3, imm[11:5] or imm[11:6] for the 6-bit shamt)
SHIFT_IMM = [("slli", 1, 0x00), ("srli", 5, 0x00), ("srai", 5, 0x20)]
# (name, funct3, bytes, rv64 only)
LOADS = [("lb", 0, 1, 0), ("lh", 1, 2, 0), ("lw", 2, 4, 0), ("ld", 3, 8, 1),
         ("lbu", 4, 1, 0), ("lhu", 5, 2, 0), ("lwu", 6, 4, 1)]
STORES = [("sb", 0, 1, 0), ("sh", 1, 2, 0), ("sw", 2, 4, 0), ("sd", 3, 8, 1)]
BRANCHES = [("beq", 0), ("bne", 1), ("blt", 4), ("bge", 5), ("bltu", 6),
            ("bgeu", 7)]
# AMO funct5 values (unprivileged spec, "A" chapter)
AMOS = [("amoadd", 0x00), ("amoswap", 0x01), ("amoxor", 0x04),
        ("amoor", 0x08), ("amoand", 0x0c), ("amomin", 0x10),
        ("amomax", 0x14), ("amominu", 0x18), ("amomaxu", 0x1c)]

# OP-FP, single precision; the double form is funct7 | 1 (fmt = D).
# (name, funct7, rs2 (None: a register), funct3 ("rm": a rounding mode),
#  register kinds of rd, rs1, rs2, rv64 only)
FP_OPS = [
    ("fadd", 0x00, None, "rm", "fff", 0), ("fsub", 0x04, None, "rm", "fff", 0),
    ("fmul", 0x08, None, "rm", "fff", 0), ("fdiv", 0x0c, None, "rm", "fff", 0),
    ("fsqrt", 0x2c, 0, "rm", "ff", 0),
    ("fsgnj", 0x10, None, 0, "fff", 0), ("fsgnjn", 0x10, None, 1, "fff", 0),
    ("fsgnjx", 0x10, None, 2, "fff", 0),
    ("fmin", 0x14, None, 0, "fff", 0), ("fmax", 0x14, None, 1, "fff", 0),
    ("feq", 0x50, None, 2, "xff", 0), ("flt", 0x50, None, 1, "xff", 0),
    ("fle", 0x50, None, 0, "xff", 0),
    ("fclass", 0x70, 0, 1, "xf", 0),
    ("fcvt.w", 0x60, 0, "rm", "xf", 0), ("fcvt.wu", 0x60, 1, "rm", "xf", 0),
    ("fcvt.l", 0x60, 2, "rm", "xf", 1), ("fcvt.lu", 0x60, 3, "rm", "xf", 1),
    ("fcvt.{}.w", 0x68, 0, "rm", "fx", 0),
    ("fcvt.{}.wu", 0x68, 1, "rm", "fx", 0),
    ("fcvt.{}.l", 0x68, 2, "rm", "fx", 1),
    ("fcvt.{}.lu", 0x68, 3, "rm", "fx", 1),
]
# moves and the S<->D conversions, whole funct7 given:
# (name, funct7, rs2, funct3, kinds, rv64 only)
FP_MISC = [
    ("fmv.x.w", 0x70, 0, 0, "xf", 0), ("fmv.w.x", 0x78, 0, 0, "fx", 0),
    ("fmv.x.d", 0x71, 0, 0, "xf", 1), ("fmv.d.x", 0x79, 0, 0, "fx", 1),
    ("fcvt.s.d", 0x20, 1, "rm", "ff", 0), ("fcvt.d.s", 0x21, 0, "rm", "ff", 0),
]
FMA = [("fmadd", OP_FMADD), ("fmsub", OP_FMSUB), ("fnmsub", OP_FNMSUB),
       ("fnmadd", OP_FNMADD)]
RM_NAMES = ["rne", "rtz", "rdn", "rup", "rmm", "rm5", "rm6", "dyn"]

# CSRs the stream may write (see the module comment).
WRITABLE = [0x001, 0x002, 0x003,                # fflags frm fcsr
            0x105, 0x106, 0x10a,                # stvec scounteren senvcfg
            0x140, 0x141, 0x142, 0x143,         # sscratch sepc scause stval
            0x180,                              # satp (M-mode: no effect)
            0x302, 0x306, 0x30a,                # medeleg mcounteren menvcfg
            0x320,                              # mcountinhibit
            0x340, 0x341, 0x342, 0x343,         # mscratch mepc mcause mtval
            0xb00, 0xb02]                       # mcycle minstret
WRITABLE += list(range(0x323, 0x340))           # mhpmevent3..31
WRITABLE += list(range(0xb03, 0xb20))           # mhpmcounter3..31
WRITABLE_RV32 = [0x31a, 0xb80, 0xb82] + list(range(0xb83, 0xba0))
# mcycle(h), minstret(h), mcountinhibit (KNOWN.md counter-write,
# mcountinhibit-frozen) and mhpmevent3..31 (hpm-events: QEMU 7.2 counts
# events 1 and 2, firmscope none): left out unless --known include
COUNTER_WRITE_RULES = (0xb00, 0xb02, 0xb80, 0xb82, 0x320) + tuple(
    range(0x323, 0x340))
# Bits QEMU 7.2 keeps although the spec makes them read-only zero: written
# as 0 only, unless --known include. KNOWN.md mepc-bit0 (mepc[0], sepc[0]),
# medeleg-writable (medeleg 10, 11, 20..23), warl-bits-kept (menvcfg and
# senvcfg CBIE/CBCFE/CBZE, menvcfg PBMTE/STCE and menvcfgh 31:30,
# mcountinhibit.TM, the upper halves of the 32-bit mcountinhibit,
# mcounteren and scounteren on RV64).
HI32 = 0xffffffff << 32
MASKED_CSR = {
    0x341: 0x1,                                 # mepc
    0x302: 1 << 10 | 1 << 11 | 0xf << 20,       # medeleg
    0x141: 0x1,                                 # sepc
    0x10a: 0xf0,                                # senvcfg
    0x30a: 0xf0 | 3 << 62,                      # menvcfg
    0x31a: 3 << 30,                             # menvcfgh
    0x306: HI32,                                # mcounteren
    0x106: HI32,                                # scounteren
}


def ro_csr(csr):
    """Read-only by number (privileged spec, CSR address convention)."""
    return csr >> 10 == 3


# CSR numbers worth reading: firmscope's table, and some QEMU 7.2 has or
# could have with other options (debug triggers, seed, vector, hypervisor,
# AIA, Sstc, Sscofpmf, ePMP), which must all be illegal with QEMU_CPU.
READ_CSRS = ([0x001, 0x002, 0x003, 0x100, 0x104, 0x105, 0x106, 0x10a,
              0x140, 0x141, 0x142, 0x143, 0x144, 0x180,
              0xf11, 0xf12, 0xf13, 0xf14, 0xf15,
              0x300, 0x301, 0x302, 0x303, 0x304, 0x305, 0x306, 0x310,
              0x30a, 0x31a, 0x3a0, 0x3a1, 0x3a2, 0x3a3, 0x3b0, 0x3bf,
              0x340, 0x341, 0x342, 0x343, 0x344, 0x320, 0x323, 0x33f] +
             [0x7a0, 0x7a1, 0x7a2, 0x7a3, 0x7a4, 0x7a5, 0x7a8, 0x7b0, 0x7b1,
              0x7b2, 0x015, 0x008, 0x009, 0x00a, 0x00f, 0xc20, 0xc21, 0xc22,
              0x600, 0x602, 0x603, 0x604, 0x680, 0x200, 0x280, 0x14d, 0x15d,
              0x24d, 0xda0, 0x350, 0x351, 0x35c, 0xfb0, 0x150, 0xdb0, 0x747,
              0x757, 0x30c, 0x10c, 0x321, 0x5a8, 0x3a4, 0x3ef, 0x3c0, 0x3ff,
              0x004, 0x005, 0x040, 0x044, 0x300 | 0x400, 0x800, 0xcc0])


def is_counter(csr):
    """instret, minstret and their high halves: QEMU 7.2 returns virtual
    time there, not the retired-instruction count (KNOWN.md
    minstret-is-time), so they are read into x0 only: a value derived
    from them would differ too. cycle and time are read into registers:
    both emulators count them alike under -icount."""
    return csr in (0xb02, 0xb82, 0xc02, 0xc82)


def x(r):
    return "x%d" % r


def f(r):
    return "f%d" % r


# ---------------------------------------------------------------------------
# Interesting operand values
# ---------------------------------------------------------------------------

def d2u(v):
    return struct.unpack("<Q", struct.pack("<d", v))[0]


def s2u(v):
    return struct.unpack("<I", struct.pack("<f", v))[0]


# double bit patterns: zeros, infinities, NaNs (quiet, signalling, with
# payloads), subnormals, extremes, and values at the rounding and range
# boundaries of the integer conversions
DOUBLE_EDGES = [
    0x0000000000000000, 0x8000000000000000, 0x7ff0000000000000,
    0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000000,
    0x7ff0000000000001, 0x7ff4000000000000, 0x7ffc00000000dead,
    0x0000000000000001, 0x800fffffffffffff, 0x0010000000000000,
    0x7fefffffffffffff, 0xffefffffffffffff, 0x3ff0000000000000,
    0xbff0000000000000, 0x3fefffffffffffff, 0x0008000000000000,
] + [d2u(v) for v in (
    0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.5, 2147483647.0, 2147483647.5,
    2147483648.0, -2147483648.0, -2147483648.5, -2147483649.0,
    4294967295.0, 4294967295.5, 4294967296.0, -1.0e-310,
    9223372036854774784.0, 9223372036854775808.0, -9223372036854775808.0,
    -9223372036854777856.0, 18446744073709549568.0, 18446744073709551616.0,
    1.0e300, 3.4028234663852886e38, 3.4028235677973366e38, 1.1754943e-38,
    1.401298464324817e-45, 7.006492321624085e-46, 16777217.0, 0.1)]

SINGLE_EDGES = [
    0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000,
    0x7f800001, 0x7fa00000, 0x7fc0beef, 0x00000001, 0x807fffff, 0x00800000,
    0x7f7fffff, 0xff7fffff, 0x3f800000, 0xbf800000, 0x3f7fffff, 0x00400000,
] + [s2u(v) for v in (
    0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.5, 2147483648.0, -2147483648.0,
    -2147483904.0, 2147483520.0, 4294967296.0, 4294967040.0,
    9223372036854775808.0, -9223372036854775808.0, 9223371487098961920.0,
    18446744073709551616.0, 16777216.0, 8388608.5, 0.1)]


def gpr_edges(xlen):
    m = (1 << xlen) - 1
    vals = [0, 1, 2, 31, 32, 63, 64, 0x7ff, 0x800, 0xfff, -1, -2, -2048,
            0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0xfffff800,
            0x55555555, 0xaaaaaaaa, 1 << (xlen - 1), (1 << (xlen - 1)) - 1,
            (1 << (xlen - 1)) + 1]
    if xlen == 64:
        vals += [0xffffffff80000000, 0xffffffff7fffffff, 0x100000000,
                 0x00000000ffffffff, 0x8000000080000000, 0x5555555555555555,
                 0xaaaaaaaaaaaaaaaa, 0x7fffffff00000000, 0xfffffffffffff800]
    return [v & m for v in vals]


# ---------------------------------------------------------------------------
# The stream: groups of instructions
# ---------------------------------------------------------------------------

class Insn:
    """One instruction of the stream. word is its encoding, or None until
    layout when fix(pc, target_pc) computes it (control transfers). raw:
    emit with .4byte (a 48/64-bit-length prefix .insn would refuse)."""

    def __init__(self, size, word, text, fix=None, raw=False):
        self.size, self.word, self.text, self.fix, self.raw = (
            size, word, text, fix, raw)


class Group:
    """Instructions that always run together. A group with skip set ends
    in a control transfer to the start of a later group: skip groups ahead
    at most, and no further than reach bytes from the instruction at index
    ref (the auipc of a pair, else the transfer itself)."""

    def __init__(self, insns, skip=None, reach=0, ref=None):
        self.insns, self.skip, self.reach = insns, skip, reach
        self.ref = len(insns) - 1 if ref is None else ref


class Gen:
    def __init__(self, seed, xlen, count, known, skip_csr=""):
        self.rng = random.Random(seed)
        self.seed, self.xlen, self.count = seed, xlen, count
        self.known = known == "include"
        self.rv64 = xlen == 64
        self.writable = WRITABLE + ([] if self.rv64 else WRITABLE_RV32)
        if not self.known:
            # see COUNTER_WRITE_RULES
            self.writable = [c for c in self.writable
                             if c not in COUNTER_WRITE_RULES]
        self.skip_text = skip_csr
        self.skip_csr = parse_csr_list(skip_csr)

    # ---- small helpers ----------------------------------------------------
    def chance(self, p):
        return self.rng.random() < p

    def pick(self, seq):
        return self.rng.choice(seq)

    def rd(self, zero_ok=True):
        """A destination GPR: anything but BASE (x0 now and then)."""
        if zero_ok and self.chance(0.03):
            return 0
        return self.rng.randrange(1, 31)

    def rs(self):
        """A source GPR: any, BASE and x0 included."""
        return self.rng.randrange(0, 32)

    def fr(self):
        return self.rng.randrange(0, 32)

    def cr(self):
        """A compressed-form register x8..x15 (never BASE)."""
        return self.rng.randrange(8, 16)

    def rm(self):
        """Rounding mode: static ones, dynamic, and now and then the
        reserved 5 and 6 (illegal instruction)."""
        if self.chance(0.04):
            return self.pick([5, 6])
        return self.pick([0, 1, 2, 3, 4, 7, 7])

    def ops(self, kinds, rd, rs1, rs2=None):
        regs = [rd, rs1, rs2]
        return ",".join((x if k == "x" else f)(regs[i])
                        for i, k in enumerate(kinds))

    @staticmethod
    def i32(word, text):
        return Insn(4, word & 0xffffffff, text)

    @staticmethod
    def i16(word, text):
        return Insn(2, word & 0xffff, text)

    def mem_off(self, size, lo=-2048, hi=2047, misalign=0.15):
        """An offset from BASE for a size-byte access: mostly in a small
        window around BASE (so loads see earlier stores), sometimes
        misaligned."""
        if self.chance(0.7):
            off = self.rng.randrange(-64, 64)
        else:
            off = self.rng.randrange(lo, hi - size + 2)
        off -= off % size
        if size > 1 and self.chance(misalign):
            off += self.rng.randrange(1, size)
        return max(lo, min(hi, off))

    def li(self, rd, value):
        """Instructions that set rd to value (XLEN bits), as the assembler's
        li would: addi; lui+addi(w); or a shorter constant shifted left."""
        v = sext(value, self.xlen)
        if -2048 <= v < 2048:
            return [self.i32(enc_i(OP_IMM, 0, rd, 0, v),
                             "addi %s,x0,%d" % (x(rd), v))]
        if -(1 << 31) <= v < (1 << 31):
            hi, lo = hi_lo(v)
            seq = [self.i32(enc_u(OP_LUI, rd, hi),
                            "lui %s,0x%x" % (x(rd), hi & 0xfffff))]
            if lo:
                op = OP_IMM_32 if self.rv64 else OP_IMM
                name = "addiw" if self.rv64 else "addi"
                seq.append(self.i32(enc_i(op, 0, rd, rd, lo),
                                    "%s %s,%s,%d" % (name, x(rd), x(rd), lo)))
            return seq
        lo = sext(v, 12)
        hi = (v - lo) >> 12
        shift = 12
        while hi & 1 == 0:
            hi >>= 1
            shift += 1
        seq = self.li(rd, hi)
        seq.append(self.i32(enc_i(OP_IMM, 1, rd, rd, shift),
                            "slli %s,%s,%d" % (x(rd), x(rd), shift)))
        if lo:
            seq.append(self.i32(enc_i(OP_IMM, 0, rd, rd, lo),
                                "addi %s,%s,%d" % (x(rd), x(rd), lo)))
        return seq

    def addi_base(self, rd, off):
        return self.i32(enc_i(OP_IMM, 0, rd, BASE, off),
                        "addi %s,x31,%d" % (x(rd), off))

    # ---- integer ------------------------------------------------------------
    def t_alu_rr(self):
        if self.rv64 and self.chance(0.3):
            name, f7, f3 = self.pick(ALU_RR_W)
            op = OP_OP_32
        else:
            name, f7, f3, _ = self.pick(ALU_RR)
            op = OP_OP
        rd, a, b = self.rd(), self.rs(), self.rs()
        return [self.i32(enc_r(op, f3, f7, rd, a, b),
                         "%s %s,%s,%s" % (name, x(rd), x(a), x(b)))]

    def t_alu_imm(self):
        rd, a = self.rd(), self.rs()
        r = self.rng.random()
        if r < 0.55:
            name, f3 = self.pick(ALU_IMM)
            imm = self.pick([0, 1, -1, 2047, -2048, 0x7f, -0x80,
                             self.rng.randrange(-2048, 2048)])
            return [self.i32(enc_i(OP_IMM, f3, rd, a, imm),
                             "%s %s,%s,%d" % (name, x(rd), x(a), imm))]
        if r < 0.8:
            name, f3, hi = self.pick(SHIFT_IMM)
            sh = self.rng.randrange(self.xlen)
            # RV64 shifts take a 6-bit shamt: funct6 is imm[11:6]
            imm = (hi << 5) | sh
            return [self.i32(enc_i(OP_IMM, f3, rd, a, imm),
                             "%s %s,%s,%d" % (name, x(rd), x(a), sh))]
        if not self.rv64:
            return self.t_alu_imm()
        if r < 0.9:
            imm = self.rng.randrange(-2048, 2048)
            return [self.i32(enc_i(OP_IMM_32, 0, rd, a, imm),
                             "addiw %s,%s,%d" % (x(rd), x(a), imm))]
        name, f3, hi = self.pick(SHIFT_IMM)
        sh = self.rng.randrange(32)
        return [self.i32(enc_i(OP_IMM_32, f3, rd, a, (hi << 5) | sh),
                         "%sw %s,%s,%d" % (name, x(rd), x(a), sh))]

    def t_upper(self):
        rd = self.rd()
        imm = self.pick([0, 0x80000, 0x7ffff, 0xfffff,
                         self.rng.randrange(1 << 20)])
        if self.chance(0.5):
            return [self.i32(enc_u(OP_LUI, rd, imm),
                             "lui %s,0x%x" % (x(rd), imm))]
        return [self.i32(enc_u(OP_AUIPC, rd, imm),
                         "auipc %s,0x%x" % (x(rd), imm))]

    # ---- memory through BASE ------------------------------------------------
    def t_load(self):
        name, f3, size, r64 = self.pick(LOADS)
        if r64 and not self.rv64:
            return self.t_load()
        rd, off = self.rd(), self.mem_off(size)
        return [self.i32(enc_i(OP_LOAD, f3, rd, BASE, off),
                         "%s %s,%d(x31)" % (name, x(rd), off))]

    def t_store(self):
        name, f3, size, r64 = self.pick(STORES)
        if r64 and not self.rv64:
            return self.t_store()
        src, off = self.rs(), self.mem_off(size)
        return [self.i32(enc_s(OP_STORE, f3, BASE, src, off),
                         "%s %s,%d(x31)" % (name, x(src), off))]

    def t_fp_mem(self):
        size = self.pick([4, 8])
        f3, sfx = (2, "w") if size == 4 else (3, "d")
        r, off = self.fr(), self.mem_off(size)
        if self.chance(0.5):
            return [self.i32(enc_i(OP_LOAD_FP, f3, r, BASE, off),
                             "fl%s %s,%d(x31)" % (sfx, f(r), off))]
        return [self.i32(enc_s(OP_STORE_FP, f3, BASE, r, off),
                         "fs%s %s,%d(x31)" % (sfx, f(r), off))]

    def t_load_other(self):
        """A load through another register: an address set by the group,
        where nothing answers (access fault), the reset ROM, or the code
        itself (auipc)."""
        name, f3, size, r64 = self.pick(LOADS)
        if r64 and not self.rv64:
            return self.t_load_other()
        if self.chance(0.3):
            name, f3 = self.pick([("flw", 2), ("fld", 3)])
            size = 4 if f3 == 2 else 8
            op, dst = OP_LOAD_FP, self.fr()
            dtext = f(dst)
        else:
            op, dst = OP_LOAD, self.rd()
            dtext = x(dst)
        ra = self.rd(zero_ok=False)
        off = self.rng.randrange(-16, 16)
        if self.chance(0.25):
            seq = [self.i32(enc_u(OP_AUIPC, ra, 0), "auipc %s,0x0" % x(ra))]
            off = self.rng.randrange(-64, 64)
        else:
            holes = [0x80000, 0x200000, 0x1000000, 0x8000000, 0x10200000,
                     0x1fff0000, 0x88000000, 0x90000000, 0xf0000000,
                     0xfffff000, 0x1000, 0x1010]
            if self.rv64:
                holes += [0x200000000, 0x8000000000000000,
                          0xfffffffffffff000, 0x0100000000000000,
                          0x0000800000000000, 0xffffffff80000000]
            addr = self.pick(holes) + self.rng.randrange(0, 8)
            if not self.known:
                # QEMU 7.2 reports a misaligned access fault with the
                # address rounded down to the access size in mtval
                # (proposed rule misaligned-fault-tval): keep it aligned
                addr -= (addr + off) % size
            seq = self.li(ra, addr)
        seq.append(self.i32(enc_i(op, f3, dst, ra, off),
                            "%s %s,%d(%s)" % (name, dtext, off, x(ra))))
        return seq

    def t_amo(self):
        """An AMO at BASE + offset, through a register the group sets (or
        BASE itself). Aligned unless --known include (amo-cause-codes)."""
        d = self.rv64 and self.chance(0.5)
        size, f3, sfx = (8, 3, "d") if d else (4, 2, "w")
        name, f5 = self.pick(AMOS)
        aq, rl = self.rng.randrange(2), self.rng.randrange(2)
        rd, src = self.rd(), self.rs()
        seq = []
        if self.chance(0.3):
            addr = BASE
        else:
            addr = self.rd(zero_ok=False)
            off = self.mem_off(size, misalign=0.2 if self.known else 0)
            seq.append(self.addi_base(addr, off))
        seq.append(self.i32(enc_amo(f5, aq, rl, f3, rd, addr, src),
                            "%s.%s%s %s,%s,(%s)" % (
                                name, sfx, self.aqrl(aq, rl), x(rd), x(src),
                                x(addr))))
        return seq

    @staticmethod
    def aqrl(aq, rl):
        return (".aq" if aq else "") + (".rl" if rl else "")

    def t_lrsc(self):
        """LR, a few ALU instructions, SC: at one address (succeeds), or
        SC alone or at another address (fails). SC is always aligned unless
        --known include (sc-misaligned-no-reservation); a misaligned LR
        (load-address-misaligned) is followed by an SC at an aligned
        address."""
        d = self.rv64 and self.chance(0.5)
        size, f3, sfx = (8, 3, "d") if d else (4, 2, "w")
        addr = self.rd(zero_ok=False)
        off = self.mem_off(size, misalign=0)
        seq = []
        moved = False
        if self.chance(0.8):
            lr_off = off
            if self.chance(0.1):
                lr_off = off + self.rng.randrange(1, size)
            seq.append(self.addi_base(addr, lr_off))
            rd = self.pick([r for r in range(31) if r != addr])
            aq, rl = self.rng.randrange(2), self.rng.randrange(2)
            seq.append(self.i32(enc_amo(0x02, aq, rl, f3, rd, addr, 0),
                                "lr.%s%s %s,(%s)" % (
                                    sfx, self.aqrl(aq, rl), x(rd), x(addr))))
            for _ in range(self.rng.randrange(3)):
                ins = self.t_alu_rr()[0]
                if bits(ins.word, 11, 7) != addr:
                    seq.append(ins)
            moved = lr_off != off
        if not seq or moved or self.chance(0.15):
            # SC alone, after a misaligned LR, or next to the LR's word
            if seq and not moved:
                off += self.pick([-size, size, 2 * size])
            if self.known and self.chance(0.2):
                off += self.rng.randrange(1, size)
            seq.append(self.addi_base(addr, off))
        rd, src = self.rd(), self.rs()
        aq, rl = self.rng.randrange(2), self.rng.randrange(2)
        seq.append(self.i32(enc_amo(0x03, aq, rl, f3, rd, addr, src),
                            "sc.%s%s %s,%s,(%s)" % (
                                sfx, self.aqrl(aq, rl), x(rd), x(src),
                                x(addr))))
        return seq

    # ---- floating point -----------------------------------------------------
    def t_fp_op(self):
        name, f7, rs2, f3, kinds, r64 = self.pick(FP_OPS)
        if r64 and not self.rv64:
            return self.t_fp_op()
        dbl = self.chance(0.5)
        f7 |= 1 if dbl else 0
        fmt = "d" if dbl else "s"
        rd = self.rd() if kinds[0] == "x" else self.fr()
        a = self.rs() if kinds[1] == "x" else self.fr()
        b = self.fr() if rs2 is None else rs2
        rm = self.rm() if f3 == "rm" else f3
        if "{}" in name:
            mnem = name.format(fmt)
        else:
            mnem = "%s.%s" % (name, fmt)
        text = "%s %s" % (mnem, self.ops(kinds, rd, a, b))
        if f3 == "rm":
            text += "," + RM_NAMES[rm]
        return [self.i32(enc_r(OP_FP, rm, f7, rd, a, b), text)]

    def t_fp_misc(self):
        name, f7, rs2, f3, kinds, r64 = self.pick(FP_MISC)
        if r64 and not self.rv64:
            return self.t_fp_misc()
        rd = self.rd() if kinds[0] == "x" else self.fr()
        a = self.rs() if kinds[1] == "x" else self.fr()
        rm = self.rm() if f3 == "rm" else f3
        text = "%s %s" % (name, self.ops(kinds, rd, a))
        if f3 == "rm":
            text += "," + RM_NAMES[rm]
        return [self.i32(enc_r(OP_FP, rm, f7, rd, a, rs2), text)]

    def t_fma(self):
        name, op = self.pick(FMA)
        fmt = self.rng.randrange(2)
        rd, a, b, c, rm = self.fr(), self.fr(), self.fr(), self.fr(), self.rm()
        return [self.i32(enc_r4(op, fmt, rd, a, b, c, rm),
                         "%s.%s %s,%s,%s,%s,%s" % (
                             name, "sd"[fmt], f(rd), f(a), f(b), f(c),
                             RM_NAMES[rm]))]

    # ---- CSRs ---------------------------------------------------------------
    def csr_insn(self, f3, rd, src, csr):
        names = {1: "csrrw", 2: "csrrs", 3: "csrrc", 5: "csrrwi",
                 6: "csrrsi", 7: "csrrci"}
        srct = x(src) if f3 < 4 else str(src)
        return self.i32(enc_i(OP_SYSTEM, f3, rd, src, csr),
                        "%s %s,0x%03x,%s" % (names[f3], x(rd), csr, srct))

    def pick_csr(self, choose):
        """choose() until the CSR is not one of --skip-csr."""
        for _ in range(100):
            csr = choose()
            if csr not in self.skip_csr:
                return csr
        return 0x340                                     # mscratch

    def t_csr_read(self):
        """Read any CSR number, without writing it: csrrs/csrrc with x0,
        csrrsi/csrrci with 0. Unknown or inaccessible ones trap."""
        csr = self.pick_csr(lambda: (
            self.pick(READ_CSRS) if self.chance(0.5)
            else self.pick(self.writable) if self.chance(0.4)
            else self.rng.randrange(0x1000)))
        rd = 0 if is_counter(csr) else self.rd()
        f3 = self.pick([2, 3, 6, 7])
        return [self.csr_insn(f3, rd, 0, csr)]

    def t_csr_write(self):
        """Write a CSR from WRITABLE (or a read-only number: traps)."""
        csr = self.pick_csr(lambda: (
            self.rng.randrange(0xc00, 0x1000) if self.chance(0.1)
            else self.pick([0x001, 0x002, 0x003]) if self.chance(0.3)
            else self.pick(self.writable)))
        rd = 0 if is_counter(csr) else self.rd()
        f3 = self.pick([1, 2, 3, 5, 6, 7])
        if ro_csr(csr) and f3 in (2, 3) and not self.known:
            f3 = 1          # csr-set-clear-zero, see random_system
        mask = 0 if self.known else MASKED_CSR.get(csr, 0)
        if f3 >= 5:
            uimm = self.rng.randrange(1, 32)
            if f3 != 7:
                uimm &= ~mask
            return [self.csr_insn(f3, rd, uimm, csr)]
        if mask and f3 != 3:
            # a known value without the masked bits (csrrc cannot set them)
            tmp = self.rd(zero_ok=False)
            val = self.rng.getrandbits(self.xlen) & ~mask
            if self.chance(0.5):
                val &= self.pick([0xffff, 0xfff0, 0xffffffff])
            return self.li(tmp, val) + [self.csr_insn(f3, rd, tmp, csr)]
        return [self.csr_insn(f3, rd, self.rs(), csr)]

    # ---- fences and traps ---------------------------------------------------
    def t_system(self):
        r = self.rng.randrange(7)
        if r == 0:
            pred, succ = self.rng.randrange(1, 16), self.rng.randrange(1, 16)
            return [self.i32(enc_i(OP_MISC_MEM, 0, 0, 0, pred << 4 | succ),
                             "fence %d,%d" % (pred, succ))]
        if r == 1:
            return [self.i32(0x8330000f, "fence.tso")]
        if r == 2:
            return [self.i32(0x0000100f, "fence.i")]
        if r == 3:
            a, b = self.rs(), self.rs()
            return [self.i32(enc_r(OP_SYSTEM, 0, 0x09, 0, a, b),
                             "sfence.vma %s,%s" % (x(a), x(b)))]
        if r == 4:
            return [self.i32(0x00000073, "ecall")]
        if r == 5:
            return [self.i32(0x00100073, "ebreak")]
        return [self.i16(0x9002, "c.ebreak")]

    # ---- control transfers (forward only) -----------------------------------
    def skip(self):
        return self.pick([1, 1, 1, 2, 2, 3, 4, 6])

    def t_branch(self):
        name, f3 = self.pick(BRANCHES)
        a, b = self.rs(), self.rs()
        if self.chance(0.15):
            b = a                               # always or never taken
        ins = Insn(4, None, "%s %s,%s,{T}" % (name, x(a), x(b)),
                   fix=lambda pc, t: enc_b(f3, a, b, t - pc))
        return Group([ins], self.skip(), 4094)

    def t_jal(self):
        rd = self.rd()
        ins = Insn(4, None, "jal %s,{T}" % x(rd),
                   fix=lambda pc, t: enc_j(rd, t - pc))
        return Group([ins], self.skip(), (1 << 20) - 2)

    def t_jalr(self):
        """auipc + jalr to a later group; an odd offset is fine (jalr
        clears bit 0)."""
        tmp, rd = self.rd(zero_ok=False), self.rd()
        odd = self.rng.randrange(2)
        auipc = Insn(4, None, "auipc %s,{T}@hi" % x(tmp),
                     fix=lambda pc, t: enc_u(OP_AUIPC, tmp,
                                             hi_lo(t - pc + odd)[0]))
        jalr = Insn(4, None, "jalr %s,{T}@lo%s(%s)" % (
                        x(rd), "+1" if odd else "", x(tmp)),
                    fix=lambda pc, t: enc_i(OP_JALR, 0, rd, tmp,
                                            hi_lo(t - (pc - 4) + odd)[1]))
        return Group([auipc, jalr], self.skip(), 1 << 30, ref=0)

    def t_c_jump(self):
        """c.j, c.jal (RV32 only), c.beqz, c.bnez."""
        name = self.pick(["c.j", "c.beqz", "c.bnez"] +
                         ([] if self.rv64 else ["c.jal"]))
        if name in ("c.j", "c.jal"):
            f3 = 5 if name == "c.j" else 1
            ins = Insn(2, None, "%s {T}" % name,
                       fix=lambda pc, t: enc_c(1, f3, scatter(t - pc, L_CJ)))
            return Group([ins], self.skip(), 2046)
        f3, a = (6 if name == "c.beqz" else 7), self.cr()
        ins = Insn(2, None, "%s %s,{T}" % (name, x(a)),
                   fix=lambda pc, t: enc_c(1, f3, creg(a) << 7 |
                                           scatter(t - pc, L_CB)))
        return Group([ins], self.skip(), 254)

    def t_c_jr(self):
        """auipc + addi (la) then c.jr / c.jalr / jalr 0 through it."""
        tmp = self.rd(zero_ok=False)
        odd = self.rng.randrange(2)
        auipc = Insn(4, None, "auipc %s,{T}@hi" % x(tmp),
                     fix=lambda pc, t: enc_u(OP_AUIPC, tmp,
                                             hi_lo(t - pc + odd)[0]))
        addi = Insn(4, None, "addi %s,%s,{T}@lo%s" % (
                        x(tmp), x(tmp), "+1" if odd else ""),
                    fix=lambda pc, t: enc_i(OP_IMM, 0, tmp, tmp,
                                            hi_lo(t - (pc - 4) + odd)[1]))
        r = self.rng.randrange(3)
        if r == 0:
            jump = self.i16(enc_c(2, 4, tmp << 7), "c.jr %s" % x(tmp))
        elif r == 1:
            jump = self.i16(enc_c(2, 4, 1 << 12 | tmp << 7),
                            "c.jalr %s" % x(tmp))
        else:
            rd = self.rd()
            jump = self.i32(enc_i(OP_JALR, 0, rd, tmp, 0),
                            "jalr %s,0(%s)" % (x(rd), x(tmp)))
        return Group([auipc, addi, jump], self.skip(), 1 << 30, ref=0)

    # ---- compressed (non-control) -------------------------------------------
    def t_compressed(self):
        rv64 = self.rv64
        forms = ["addi4spn", "lw", "sw", "fld", "fsd", "addi", "li", "lui",
                 "addi16sp", "srli", "srai", "andi", "ca", "slli", "lwsp",
                 "swsp", "fldsp", "fsdsp", "mv", "add", "nop"]
        forms += (["ld", "sd", "addiw", "caw", "ldsp", "sdsp"] if rv64 else
                  ["flw", "fsw", "flwsp", "fswsp"])
        form = self.pick(forms)
        rng = self.rng

        if form == "addi4spn":
            rd = self.cr()
            imm = rng.randrange(1, 256) * 4 if self.chance(0.95) else 0
            return [self.i16(enc_c(0, 0, scatter(imm, L_CIW_4SPN) |
                                   creg(rd) << 2),
                             "c.addi4spn %s,x2,%d%s" % (
                                 x(rd), imm, "" if imm else " (reserved)"))]
        if form in ("lw", "ld", "flw", "fld", "sw", "sd", "fsw", "fsd"):
            # base register set to BASE + off first, data register any
            size = 8 if form in ("ld", "fld", "sd", "fsd") else 4
            layout = L_CL_D if size == 8 else L_CL_W
            f3 = {"fld": 1, "lw": 2, "flw": 3, "ld": 3, "fsd": 5, "sw": 6,
                  "fsw": 7, "sd": 7}[form]
            base, data = self.cr(), self.cr()
            uimm = rng.randrange(0, 32) * size
            off = self.mem_off(size, -512, 512) - uimm
            isfp = form.startswith("f")
            dtext = (f if isfp else x)(data)
            return [self.addi_base(base, off),
                    self.i16(enc_c(0, f3, scatter(uimm, layout) |
                                   creg(base) << 7 | creg(data) << 2),
                             "c.%s %s,%d(%s)" % (form, dtext, uimm, x(base)))]
        if form in ("lwsp", "ldsp", "flwsp", "fldsp", "swsp", "sdsp",
                    "fswsp", "fsdsp"):
            # sp-relative: sp set to BASE + off first
            size = 8 if form in ("ldsp", "fldsp", "sdsp", "fsdsp") else 4
            store = form in ("swsp", "sdsp", "fswsp", "fsdsp")
            f3 = {"fldsp": 1, "lwsp": 2, "flwsp": 3, "ldsp": 3, "fsdsp": 5,
                  "swsp": 6, "fswsp": 7, "sdsp": 7}[form]
            isfp = form.startswith("f")
            uimm = rng.randrange(0, 64) * size
            off = self.mem_off(size, -1024, 1024) - uimm
            data = self.fr() if isfp else (self.rs() if store else self.rd())
            if not isfp and not store and data == 0 and not self.chance(0.3):
                data = self.rd(zero_ok=False)   # rd=x0: reserved, sometimes
            if store:
                layout = L_CSS_SDSP if size == 8 else L_CSS_SWSP
                word = enc_c(2, f3, scatter(uimm, layout) | data << 2)
            else:
                layout = L_CI_LDSP if size == 8 else L_CI_LWSP
                word = enc_c(2, f3, scatter(uimm, layout) | data << 7)
            dtext = (f if isfp else x)(data)
            reserved = " (reserved)" if not (isfp or store or data) else ""
            return [self.addi_base(2, off),
                    self.i16(word, "c.%s %s,%d(x2)%s" % (form, dtext, uimm,
                                                         reserved))]
        if form in ("addi", "addiw", "li", "nop"):
            f3 = {"addi": 0, "nop": 0, "addiw": 1, "li": 2}[form]
            rd = 0 if form == "nop" else self.rd(zero_ok=form != "addiw")
            imm = rng.randrange(-32, 32)
            if form == "nop" and self.chance(0.7):
                imm = 0
            return [self.i16(enc_c(1, f3, scatter(imm, L_CI) | rd << 7),
                             "c.%s %s,%d" % ("addi" if form == "nop" else form,
                                             x(rd), imm))]
        if form == "lui":
            rd = self.pick([r for r in range(1, 31) if r != 2])
            imm = rng.choice([1, 0x1f, 0x20, 0x3f]) if self.chance(0.3) \
                else rng.randrange(1, 64)
            imm20 = sext(imm, 6) & 0xfffff
            return [self.i16(enc_c(1, 3, scatter(imm20 << 12, L_CI_LUI) |
                                   rd << 7),
                             "c.lui %s,0x%x" % (x(rd), imm20))]
        if form == "addi16sp":
            imm = rng.choice([i for i in range(-32, 32) if i]) * 16
            return [self.i16(enc_c(1, 3, scatter(imm, L_CI_16SP) | 2 << 7),
                             "c.addi16sp x2,%d" % imm)]
        if form in ("srli", "srai", "andi"):
            rd = self.cr()
            sel = {"srli": 0, "srai": 1, "andi": 2}[form]
            if form == "andi":
                imm = rng.randrange(-32, 32)
            else:
                imm = rng.randrange(1, 64 if rv64 else 32)
            return [self.i16(enc_c(1, 4, sel << 10 | creg(rd) << 7 |
                                   scatter(imm, L_CI)),
                             "c.%s %s,%d" % (form, x(rd), imm))]
        if form in ("ca", "caw"):
            rd, rs2 = self.cr(), self.cr()
            sel = rng.randrange(4 if form == "ca" else 2)
            name = (["c.sub", "c.xor", "c.or", "c.and"] if form == "ca"
                    else ["c.subw", "c.addw"])[sel]
            w = 1 if form == "caw" else 0
            return [self.i16(enc_c(1, 4, w << 12 | 3 << 10 | creg(rd) << 7 |
                                   sel << 5 | creg(rs2) << 2),
                             "%s %s,%s" % (name, x(rd), x(rs2)))]
        if form == "slli":
            rd = self.rd()
            sh = rng.randrange(1, 64 if rv64 else 32)
            return [self.i16(enc_c(2, 0, scatter(sh, L_CI) | rd << 7),
                             "c.slli %s,%d" % (x(rd), sh))]
        # c.mv / c.add: rs2 != 0
        rd, rs2 = self.rd(), self.rng.randrange(1, 32)
        hi = 1 if form == "add" else 0
        return [self.i16(enc_c(2, 4, hi << 12 | rd << 7 | rs2 << 2),
                         "c.%s %s,%s" % (form, x(rd), x(rs2)))]

    # ---- random encodings ---------------------------------------------------
    # 32-bit major opcodes a random word may take (bits 6:0). Not here:
    # BRANCH, JAL, JALR (control), and SYSTEM funct3 = 0/4, which are built
    # below from ecall/ebreak/sfence.vma only (no xRET, wfi, H loads/stores).
    RANDOM_OPS = [OP_LOAD, OP_LOAD_FP, 0x0b, OP_MISC_MEM, OP_IMM, OP_AUIPC,
                  OP_IMM_32, OP_STORE, OP_STORE_FP, 0x2b, OP_AMO, OP_OP,
                  OP_LUI, OP_OP_32, OP_FMADD, OP_FMSUB, OP_FNMSUB, OP_FNMADD,
                  OP_FP, OP_FP, OP_FP, 0x57, 0x5b, 0x6b, OP_SYSTEM, OP_SYSTEM,
                  0x77, 0x7b, 0x1f, 0x3f, 0x5f, 0x7f]

    OP_NAMES = {OP_LOAD: "LOAD", OP_LOAD_FP: "LOAD-FP", 0x0b: "custom-0",
                OP_MISC_MEM: "MISC-MEM", OP_IMM: "OP-IMM", OP_AUIPC: "AUIPC",
                OP_IMM_32: "OP-IMM-32", OP_STORE: "STORE",
                OP_STORE_FP: "STORE-FP", 0x2b: "custom-1", OP_AMO: "AMO",
                OP_OP: "OP", OP_LUI: "LUI", OP_OP_32: "OP-32",
                OP_FMADD: "MADD", OP_FMSUB: "MSUB", OP_FNMSUB: "NMSUB",
                OP_FNMADD: "NMADD", OP_FP: "OP-FP", 0x57: "OP-V",
                0x5b: "custom-2", 0x6b: "reserved", OP_SYSTEM: "SYSTEM",
                0x77: "OP-VE", 0x7b: "custom-3", 0x1f: "48-bit",
                0x3f: "64-bit", 0x5f: "48-bit", 0x7f: ">=80-bit"}

    def t_random32(self):
        op = self.pick(self.RANDOM_OPS)
        w = self.rng.getrandbits(32) & ~0x7f | op
        note = "random " + self.OP_NAMES[op]
        if op in (OP_LOAD, OP_LOAD_FP):
            # address: BASE + imm, or x0 + imm (0..0x7ff and the top 2 KiB:
            # nothing there on virt)
            w = w & ~(0x1f << 15) | self.pick([BASE, BASE, 0]) << 15
            if bits(w, 19, 15) == 0 and not self.known:
                w &= ~(0xf << 20)       # aligned: misaligned-fault-tval
        elif op in (OP_STORE, OP_STORE_FP, OP_AMO, OP_MISC_MEM):
            # stores, AMOs and cbo.* (not in QEMU 7.2) only at BASE + imm
            w = w & ~(0x1f << 15) | BASE << 15
        elif op == OP_SYSTEM:
            w, note = self.random_system(w)
        if bits(w, 11, 7) == BASE and op not in (OP_STORE, OP_STORE_FP):
            w &= ~(0x1f << 7)                   # never write BASE: rd = x0
        if bits(w, 1, 0) == 3 and bits(w, 4, 2) == 7:
            # a 48/64-bit length prefix: illegal, 4 bytes skipped; .insn
            # would refuse it
            return [Insn(4, w, note + " prefix", raw=True)]
        return [self.i32(w, note)]

    def random_system(self, w):
        f3 = bits(w, 14, 12)
        if f3 in (0, 4):
            # reserved bits set in ecall/ebreak/sfence.vma: rd, rs1, rs2
            kind = self.rng.randrange(3)
            rd = self.pick([0, 0, self.rd()])
            rs1 = self.pick([0, self.rs()])
            if kind == 2:
                w = enc_r(OP_SYSTEM, 0, 0x09, rd, rs1, self.rs())
                return w, "random SYSTEM (sfence.vma)"
            rs1 = self.pick([0, 0, self.rs()])
            w = enc_i(OP_SYSTEM, 0, rd, rs1, kind)
            return w, "random SYSTEM (ecall/ebreak)"
        csr = bits(w, 31, 20)
        src = bits(w, 19, 15)
        if self.chance(0.3):
            src = 0                              # a pure read
        writes = f3 in (1, 5) or src != 0
        if writes and (self.chance(0.85) or csr >> 10 != 3):
            # a CSR from WRITABLE, or a read-only number (traps)
            ok = [c for c in self.writable
                  if self.known or c not in MASKED_CSR]
            csr = self.pick_csr(lambda: self.pick(ok))
        elif csr in self.skip_csr:
            csr = self.pick_csr(lambda: self.rng.randrange(0x1000))
        if ro_csr(csr) and f3 in (2, 3) and src and not self.known:
            # QEMU 7.2 decides whether csrrs/csrrc write by the value of
            # rs1, not by rs1 != x0, so a read-only CSR with rs1 holding 0
            # does not trap there (proposed rule csr-set-clear-zero)
            f3 = 1
        w = enc_i(OP_SYSTEM, f3, bits(w, 11, 7), src, csr)
        if is_counter(csr):
            w &= ~(0x1f << 7)                    # rd = x0
        return w, "random SYSTEM (csr)"

    # Compressed: (quadrant, funct3) classes a random halfword may take.
    # Not here: c.j, c.jal, c.beqz, c.bnez (control); loads and stores
    # (their base x8..x15 or sp is not BASE); c.jr/c.jalr are filtered.
    def t_random16(self):
        cls = [(0, 0), (0, 4), (1, 0), (1, 2), (1, 3), (1, 4), (1, 4),
               (2, 0), (2, 4), (2, 4)]
        if self.rv64:
            cls.append((1, 1))                   # c.addiw (c.jal on RV32)
        if self.chance(0.02):
            return [self.i16(0x0000, "c.unimp (all zeros: illegal)")]
        q, f3 = self.pick(cls)
        h = enc_c(q, f3, self.rng.getrandbits(13) << 2 & 0x1ffc)
        if self.chance(0.15):
            h &= ~(0x1f << 7)                    # rd = x0: HINTs, reserved
        if self.chance(0.1):
            h &= ~(0x1f << 2)                    # imm/rs2 low bits 0
        rd = bits(h, 11, 7)
        if q != 0 and not (q == 1 and f3 == 4) and rd == BASE:
            h &= ~(0x1f << 7)                    # never write BASE
        if q == 2 and f3 == 4 and bits(h, 6, 2) == 0 and bits(h, 11, 7):
            h &= ~(0x1f << 7)                    # c.jr/c.jalr: reserved/ebreak
        return [self.i16(h, "random c.q%d.%d" % (q, f3))]

    # ---- the stream ---------------------------------------------------------
    TEMPLATES = [
        ("t_alu_rr", 10), ("t_alu_imm", 8), ("t_upper", 2),
        ("t_load", 6), ("t_store", 5), ("t_fp_mem", 3), ("t_load_other", 1),
        ("t_amo", 3), ("t_lrsc", 2),
        ("t_fp_op", 10), ("t_fp_misc", 3), ("t_fma", 3),
        ("t_compressed", 12),
        ("t_csr_read", 3), ("t_csr_write", 4),
        ("t_system", 2),
        ("t_branch", 4), ("t_jal", 1), ("t_jalr", 1), ("t_c_jump", 2),
        ("t_c_jr", 0.5),
        ("t_random32", 7), ("t_random16", 4),
    ]

    def stream(self):
        names = [n for n, _ in self.TEMPLATES]
        weights = [w for _, w in self.TEMPLATES]
        groups, n = [], 0
        while n < self.count:
            g = getattr(self, self.rng.choices(names, weights)[0])()
            if not isinstance(g, Group):
                g = Group(g)
            groups.append(g)
            n += len(g.insns)
        return groups

    def layout(self, groups):
        """Addresses relative to the stream start; resolve each transfer
        to the furthest group start within skip groups and its reach."""
        starts, pc = [], 0
        for g in groups:
            starts.append(pc)
            pc += sum(i.size for i in g.insns)
        starts.append(pc)                       # the end of the stream
        targets = {}
        for gi, g in enumerate(groups):
            if g.skip is None:
                continue
            offs = [starts[gi]]
            for ins in g.insns:
                offs.append(offs[-1] + ins.size)
            ref = offs[g.ref]
            t = min(gi + g.skip, len(groups))
            while starts[t] - ref > g.reach:
                t -= 1
            assert t > gi
            targets[gi] = t
            for ins, pc in zip(g.insns, offs):
                if ins.fix:
                    ins.word = ins.fix(pc, starts[t])
        return targets

    # ---- output -------------------------------------------------------------
    def render(self, dump):
        """The whole .S file: header, prologue, stream, epilogue, handler,
        data."""
        groups = self.stream()
        targets = self.layout(groups)
        out = []
        emit = out.append
        self.render_header(emit, groups, dump)
        self.render_prologue(emit)
        emit("    .balign 4")
        emit("stream:")
        for gi, g in enumerate(groups):
            t = targets.get(gi)
            tname = ("g%d" % t if t is not None and t < len(groups)
                     else "stream_end")
            emit("g%d:" % gi)
            for ins in g.insns:
                text = ins.text.replace("{T}", tname)
                if ins.raw:
                    emit("    .4byte 0x%08x         # %s" % (ins.word, text))
                else:
                    emit("    .insn %d, 0x%0*x    # %s" % (
                        ins.size, ins.size * 2, ins.word, text))
        emit("stream_end:")
        self.render_epilogue(emit, dump)
        self.render_data(emit)
        return "\n".join(out) + "\n"

    def render_header(self, emit, groups, dump):
        ninsns = sum(len(g.insns) for g in groups)
        emit("/*")
        skip = " --skip-csr " + self.skip_text if self.skip_text else ""
        emit(" * Generated by tests/diff/gen.py --seed %d --xlen %d "
             "--count %d --known %s%s%s" % (
                 self.seed, self.xlen, self.count,
                 "include" if self.known else "avoid", skip,
                 " --dump" if dump else ""))
        emit(" * seed %d, RV%d: %d groups, %d instructions in the stream."
             % (self.seed, self.xlen, len(groups), ninsns))
        emit(" * Do not edit: regenerate. Link with tests/diff/link.ld; run")
        emit(" * on -M virt -bios none -kernel (QEMU: -cpu rv%d,%s)."
             % (self.xlen, QEMU_CPU))
        emit(" */")
        emit("")

    def render_prologue(self, emit):
        """mtvec, FPRs, fcsr, mstatus.FS, BASE and the GPRs."""
        rng = self.rng
        emit("    .option norelax")
        emit("    .section .text.init, \"ax\", @progbits")
        emit("    .globl _start")
        emit("_start:")
        emit("    la t0, trap_handler          /* direct mode */")
        emit("    csrw mtvec, t0")
        emit("    li t0, 0x6000                /* mstatus.FS = Dirty */")
        emit("    csrs mstatus, t0")
        emit("    la t0, fpr_init")
        for r in range(32):
            emit("    fld f%d, %d(t0)" % (r, 8 * r))
        emit("    li t0, %d                     /* frm, fflags clear */"
             % (rng.randrange(5) << 5))
        emit("    csrw fcsr, t0")
        if self.known:
            # QEMU 7.2 leaves FS alone when an instruction changes only
            # fflags (proposed rule fs-dirty-fflags): start Dirty unless
            # --known include
            emit("    li t0, 0x4000                /* FS = Initial */")
            emit("    csrc mstatus, t0")
        emit("    la x31, scratch + %d         /* BASE */" % SCRATCH_HALF)
        edges = gpr_edges(self.xlen)
        for r in range(1, 31):
            if self.chance(0.6):
                v = self.pick(edges)
            elif self.chance(0.5):
                v = rng.randrange(-64, 64) & ((1 << self.xlen) - 1)
            else:
                v = rng.getrandbits(self.xlen)
            emit("    li x%d, 0x%x" % (r, v))
        emit("")

    def render_epilogue(self, emit, dump):
        """The end of the stream (fence, "done", the finisher), puts and
        the trap handler."""
        R = "sd" if self.rv64 else "sw"
        L = "ld" if self.rv64 else "lw"
        emit("    fence")
        if dump:
            self.render_dump(emit, R, L, self.xlen // 8)
        emit("    la a0, msg_done")
        emit("    call puts")
        emit("    li t0, 0x100000               /* sifive_test: pass */")
        emit("    li t1, 0x5555")
        emit("    sw t1, 0(t0)")
        emit("1:  j 1b")
        emit("")
        emit("/* puts(a0): poll LSR.THRE, write THR; clobbers a0, t0, t1 */")
        emit("puts:")
        emit("    li t0, 0x10000000")
        emit("1:  lbu t1, 0(a0)")
        emit("    beqz t1, 3f")
        emit("2:  lbu t1, 5(t0)")
        emit("    andi t1, t1, 0x20")
        emit("    beqz t1, 2b")
        emit("    lbu t1, 0(a0)")
        emit("    sb t1, 0(t0)")
        emit("    addi a0, a0, 1")
        emit("    j 1b")
        emit("3:  ret")
        emit("")
        emit("/*")
        emit(" * M-mode trap handler: skip the trapping instruction (2 or 4")
        emit(" * bytes, from the low bits of the halfword at mepc) and mret.")
        emit(" * t0/t1 are saved at BASE+%d; the trap itself sets MPP = M,"
             % SAVE_OFF)
        emit(" * MPIE = MIE = 0, and mstatus.FS is left alone.")
        emit(" */")
        emit("    .balign 4")
        emit("trap_handler:")
        emit("    %s t0, %d(x31)" % (R, SAVE_OFF))
        emit("    %s t1, %d(x31)" % (R, SAVE_OFF + 8))
        emit("    csrr t0, mepc")
        emit("    lhu t1, 0(t0)")
        emit("    andi t1, t1, 3")
        emit("    addi t0, t0, 2")
        emit("    addi t1, t1, -3")
        emit("    bnez t1, 1f")
        emit("    addi t0, t0, 2")
        emit("1:  csrw mepc, t0")
        emit("    %s t0, %d(x31)" % (L, SAVE_OFF))
        emit("    %s t1, %d(x31)" % (L, SAVE_OFF + 8))
        emit("    mret")
        emit("")

    def render_data(self, emit):
        """The FPR initial values and the scratch area."""
        emit("    .section .rodata")
        emit("msg_done: .asciz \"done\\n\"")
        emit("")
        emit("    .data")
        emit("    .balign 8")
        emit("fpr_init:")
        for r in range(32):
            emit("    .8byte 0x%016x" % self.fp_value())
        emit("    .balign 4096")
        emit("scratch:                      /* %d bytes, BASE in the middle */"
             % (2 * SCRATCH_HALF))
        for _ in range(2 * SCRATCH_HALF // 8):
            emit("    .8byte 0x%016x" % self.mem_value())
        emit("")

    def fp_value(self):
        """An FPR value: a double edge case, a NaN-boxed single edge case,
        a single that is not NaN-boxed, or random bits."""
        r = self.rng.random()
        if r < 0.35:
            return self.pick(DOUBLE_EDGES)
        if r < 0.7:
            return 0xffffffff00000000 | self.pick(SINGLE_EDGES)
        if r < 0.8:
            hi = self.pick([0, 0xfffffffe, 0x7fffffff,
                            self.rng.getrandbits(32)])
            return hi << 32 | self.pick(SINGLE_EDGES)
        if r < 0.9:
            return 0xffffffff00000000 | self.rng.getrandbits(32)
        return self.rng.getrandbits(64)

    def mem_value(self):
        r = self.rng.random()
        if r < 0.3:
            return self.fp_value()
        if r < 0.5:
            return self.pick(gpr_edges(64))
        return self.rng.getrandbits(64)

    def render_dump(self, emit, R, L, rb):
        """Store x1..x30, f0..f31 and some CSRs below BASE and print them
        as name=hex lines (to compare final states without a trace). On
        RV32 an FPR prints as two words, low first."""
        csrs = ["fcsr", "mstatus", "mepc", "mcause", "mtval", "mscratch",
                "medeleg", "mcounteren", "mcountinhibit", "menvcfg", "stvec",
                "scounteren", "senvcfg", "sscratch", "sepc", "scause",
                "stval", "satp", "mip", "mhpmevent3", "mhpmevent17",
                "mhpmevent31"] + ([] if self.rv64 else ["menvcfgh"])
        numbers = {"mhpmevent3": 0x323, "mhpmevent17": 0x331,
                   "mhpmevent31": 0x33f}
        csrs = [c for c in csrs if numbers.get(c) not in self.skip_csr]
        names = ["x%d" % r for r in range(1, 31)]
        for r in range(32):
            names += ["f%d" % r] if self.rv64 else ["f%d.lo" % r, "f%d.hi" % r]
        names += csrs
        emit("    /* --dump: the final state, one name=value line each */")
        emit("    addi x31, x31, -2048")
        for r in range(1, 31):
            emit("    %s x%d, %d(x31)" % (R, r, rb * (r - 1)))
        for r in range(32):
            emit("    fsd f%d, %d(x31)" % (r, rb * 30 + 8 * r))
        for i, c in enumerate(csrs):
            emit("    csrr t0, %s" % c)
            emit("    %s t0, %d(x31)" % (R, rb * 30 + 256 + rb * i))
        emit("    la s0, dump_names")
        emit("    mv s1, x31")
        emit("    li s2, %d" % len(names))
        emit("4:  mv a0, s0")
        emit("    call puts                    /* a0 = the name's NUL */")
        emit("    addi s0, a0, 1")
        emit("    %s a0, 0(s1)" % L)
        emit("    li s3, %d                   /* hex digits, high first */"
             % (self.xlen - 4))
        emit("    la s4, hexbuf")
        emit("5:  srl t2, a0, s3")
        emit("    andi t2, t2, 15")
        emit("    addi t2, t2, 48")
        emit("    li t3, 58")
        emit("    blt t2, t3, 7f")
        emit("    addi t2, t2, 39              /* a-f */")
        emit("7:  sb t2, 0(s4)")
        emit("    addi s4, s4, 1")
        emit("    addi s3, s3, -4")
        emit("    bgez s3, 5b")
        emit("    li t2, 10")
        emit("    sb t2, 0(s4)")
        emit("    sb zero, 1(s4)")
        emit("    la a0, hexbuf")
        emit("    call puts")
        emit("    addi s1, s1, %d" % rb)
        emit("    addi s2, s2, -1")
        emit("    bnez s2, 4b")
        emit("    .pushsection .rodata")
        emit("dump_names:")
        for nm in names:
            emit("    .asciz \"%s=\"" % nm)
        emit("    .popsection")
        emit("    .pushsection .bss")
        emit("hexbuf: .space 24")
        emit("    .popsection")


def parse_csr_list(text):
    """"0xf12,0x323-0x33f" -> the set of CSR numbers."""
    out = set()
    for part in filter(None, text.split(",")):
        lo, _, hi = part.partition("-")
        out.update(range(int(lo, 0), int(hi or lo, 0) + 1))
    return out


def main():
    ap = argparse.ArgumentParser(
        description="Generate a random RISC-V test program (see the source "
                    "for what it does and does not contain).")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--xlen", type=int, choices=(32, 64), required=True)
    ap.add_argument("--count", type=int, default=2000,
                    help="instructions in the random stream (default 2000)")
    ap.add_argument("--known", choices=("avoid", "include"), default="avoid",
                    help="leave out (default) or include the QEMU 7.2 "
                         "deviations of tests/diff/KNOWN.md and the ones "
                         "listed at the top of this file")
    ap.add_argument("--dump", action="store_true",
                    help="print the final registers and some CSRs on the UART")
    ap.add_argument("--skip-csr", default="",
                    help="CSR numbers never to access, e.g. 0xf12,0x323-0x33f "
                         "(to step over a disagreement while it is fixed)")
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()
    try:
        parse_csr_list(args.skip_csr)
    except ValueError:
        ap.error("--skip-csr: a list of numbers and ranges, e.g. 0x323-0x33f")
    text = Gen(args.seed, args.xlen, args.count, args.known,
               args.skip_csr).render(args.dump)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w") as fp:
            fp.write(text)


if __name__ == "__main__":
    main()
