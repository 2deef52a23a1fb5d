#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Generate qemu72.tab, the F/D expectations tests/unit/test_fpu.c checks
# src/isa/riscv/fpu.c against: a deterministic table of (op, rm, inputs)
# is compiled into a static RV64 program (riscv64-unknown-elf-gcc,
# -nostdlib) that runs each case with frm = rm on clean fflags and prints
# the result and fflags; Debian's qemu-riscv64 (QEMU 7.2, package
# qemu-user) runs it. Run once from the repository root; the output is
# committed, so the unit test needs neither tool.
#   tests/isa/riscv/fpu/gen_qemu_table.py [OUT]
import os
import random
import struct
import subprocess
import sys
import tempfile

CC = os.environ.get('CROSS', 'riscv64-unknown-elf-') + 'gcc'
QEMU = os.environ.get('QEMU', 'qemu-riscv64')

# name: (kind, input format(s), output format); s/d = f register of that
# width, w/l = integer register (32/64-bit source), x = integer result
OPS = [
    ('fadd.s', 'ss', 's'), ('fsub.s', 'ss', 's'), ('fmul.s', 'ss', 's'),
    ('fdiv.s', 'ss', 's'), ('fsqrt.s', 's', 's'), ('fmin.s', 'ss', 's'),
    ('fmax.s', 'ss', 's'), ('fmadd.s', 'sss', 's'), ('fmsub.s', 'sss', 's'),
    ('fnmsub.s', 'sss', 's'), ('fnmadd.s', 'sss', 's'),
    ('feq.s', 'ss', 'x'), ('flt.s', 'ss', 'x'), ('fle.s', 'ss', 'x'),
    ('fclass.s', 's', 'x'), ('fcvt.w.s', 's', 'x'), ('fcvt.wu.s', 's', 'x'),
    ('fcvt.l.s', 's', 'x'), ('fcvt.lu.s', 's', 'x'),
    ('fcvt.s.w', 'w', 's'), ('fcvt.s.wu', 'w', 's'), ('fcvt.s.l', 'l', 's'),
    ('fcvt.s.lu', 'l', 's'), ('fcvt.s.d', 'd', 's'), ('fcvt.d.s', 's', 'd'),
    ('fadd.d', 'dd', 'd'), ('fsub.d', 'dd', 'd'), ('fmul.d', 'dd', 'd'),
    ('fdiv.d', 'dd', 'd'), ('fsqrt.d', 'd', 'd'), ('fmin.d', 'dd', 'd'),
    ('fmax.d', 'dd', 'd'), ('fmadd.d', 'ddd', 'd'), ('fmsub.d', 'ddd', 'd'),
    ('fnmsub.d', 'ddd', 'd'), ('fnmadd.d', 'ddd', 'd'),
    ('feq.d', 'dd', 'x'), ('flt.d', 'dd', 'x'), ('fle.d', 'dd', 'x'),
    ('fclass.d', 'd', 'x'), ('fcvt.w.d', 'd', 'x'), ('fcvt.wu.d', 'd', 'x'),
    ('fcvt.l.d', 'd', 'x'), ('fcvt.lu.d', 'd', 'x'),
    ('fcvt.d.w', 'w', 'd'), ('fcvt.d.wu', 'w', 'd'), ('fcvt.d.l', 'l', 'd'),
    ('fcvt.d.lu', 'l', 'd'),
]
# ops whose assembly takes no rounding-mode operand (rounding cannot occur
# or the result is not a rounded value); they still run under every frm
NO_RM = {'fmin.s', 'fmax.s', 'feq.s', 'flt.s', 'fle.s', 'fclass.s',
         'fcvt.d.s', 'fmin.d', 'fmax.d', 'feq.d', 'flt.d', 'fle.d',
         'fclass.d', 'fcvt.d.w', 'fcvt.d.wu'}

S_SPECIAL = [
    0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000,
    0x7fa00000, 0xff800001, 0x7fc00001, 0x00000001, 0x80000001, 0x007fffff,
    0x807fffff, 0x00800000, 0x80800000, 0x00800001, 0x7f7fffff, 0xff7fffff,
    0x7f000000, 0x3f800000, 0xbf800000, 0x3f800001, 0x3f7fffff, 0x40000000,
    0x3f000000, 0x3fc00000, 0x40200000, 0xc0200000, 0x3f400000, 0x3e800000,
    0x4b000000, 0x4b7fffff, 0x4b800001, 0x4effffff, 0x4f000000, 0xcf000000,
    0xcf000001, 0x4f800000, 0x4f7fffff, 0x5effffff, 0x5f000000, 0xdf000000,
    0x5f800000, 0xbf7fffff, 0x00400000, 0x33800000, 0x33ffffff, 0x34000000,
    0x40490fdb, 0x3eaaaaab,
]
D_SPECIAL = [
    0x0000000000000000, 0x8000000000000000, 0x7ff0000000000000,
    0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000000,
    0x7ff4000000000000, 0x7ff0000000000001, 0xfff8000000000001,
    0x0000000000000001, 0x8000000000000001, 0x000fffffffffffff,
    0x800fffffffffffff, 0x0010000000000000, 0x8010000000000000,
    0x0010000000000001, 0x7fefffffffffffff, 0xffefffffffffffff,
    0x7fe0000000000000, 0x3ff0000000000000, 0xbff0000000000000,
    0x3ff0000000000001, 0x3fefffffffffffff, 0x4000000000000000,
    0x3fe0000000000000, 0x3ff8000000000000, 0x4004000000000000,
    0xc004000000000000, 0x3fe8000000000000, 0x4330000000000000,
    0x433fffffffffffff, 0x41dfffffffc00000, 0x41e0000000000000,
    0xc1e0000000000000, 0xc1e0000000200000, 0x41efffffffe00000,
    0x41f0000000000000, 0x43dfffffffffffff, 0x43e0000000000000,
    0xc3e0000000000000, 0x43f0000000000000, 0x0008000000000000,
    0x3ca0000000000000, 0x3cafffffffffffff, 0x400921fb54442d18,
    0x3fd5555555555555, 0x47efffffe0000000, 0x47efffffefffffff,
    0x36a0000000000000, 0x3690000000000001, 0x380fffffffffffff,
    0x380ffffff8000000, 0x380ffffff0000000, 0x36a0000000000001,
]
INT_SPECIAL = [
    0, 1, 2, 3, 0xffffffffffffffff, 0xfffffffffffffffe, 0x7fffffff,
    0x80000000, 0xffffffff80000000, 0xffffffff, 0x1000001, 0x1000003,
    0xfffffffffefffffd, 0x7fffffffffffffff, 0x8000000000000000,
    0x20000000000001, 0x20000000000003, 0xffdfffffffffffff,
    0x7ffffdff, 0x7fffffc0, 0xfffffe80, 0xffffffffffffff80,
]

FMT = {'s': (8, 23), 'd': (11, 52)}


def rand_float(rng, f, near_exp=None):
    ebits, mbits = FMT[f]
    bias = (1 << (ebits - 1)) - 1
    sign = rng.getrandbits(1)
    if near_exp is None:
        e = rng.choice([rng.randrange(0, 1 << ebits),
                        rng.randrange(bias - 4, bias + 5),
                        rng.randrange(0, 3),
                        rng.randrange((1 << ebits) - 3, 1 << ebits)])
    else:
        e = max(0, min((1 << ebits) - 1, near_exp + bias))
    m = rng.choice([rng.getrandbits(mbits), (1 << mbits) - 1 -
                    rng.getrandbits(3), rng.getrandbits(3),
                    rng.getrandbits(mbits) | 1])
    return (sign << (ebits + mbits)) | (e << mbits) | m


def operand(rng, kind, specials_only=False):
    if kind in 'sd':
        sp = S_SPECIAL if kind == 's' else D_SPECIAL
        if specials_only or rng.random() < 0.3:
            return rng.choice(sp)
        return rand_float(rng, kind)
    if rng.random() < 0.4:
        return rng.choice(INT_SPECIAL)
    bits = rng.choice([8, 24, 25, 31, 32, 53, 54, 63, 64])
    v = rng.getrandbits(bits)
    return (-v & 0xffffffffffffffff) if rng.random() < 0.3 else v


def tiny_operands(rng, name, fmt):
    """Operands whose result lands near the smallest normal number."""
    ebits, mbits = FMT[fmt]
    emin = 2 - (1 << (ebits - 1))
    ea = rng.randrange(emin // 2 - 2, -emin // 2 + 2)
    if name.startswith('fdiv'):
        eb = ea - emin + rng.randrange(-2, 2)
    else:
        eb = emin - ea + rng.randrange(-2, 2)
    return [rand_float(rng, fmt, ea), rand_float(rng, fmt, eb),
            rand_float(rng, fmt, emin + rng.randrange(-3, 2))]


def cases():
    rng = random.Random(20240607)
    out = []
    for name, ins, res in OPS:
        rms = [0, 1, 2, 3, 4]
        n_special = 24 if len(ins) > 1 else 30
        n_random = 60 if len(ins) > 1 else 50
        for _ in range(n_special):
            ops = [operand(rng, k, True) for k in ins]
            for rm in rms:
                out.append((name, rm, ops))
        for _ in range(n_random):
            ops = [operand(rng, k) for k in ins]
            out.append((name, rng.choice(rms), ops))
        if name.split('.')[0] in ('fmul', 'fdiv', 'fmadd', 'fmsub',
                                  'fnmsub', 'fnmadd'):
            for _ in range(50):
                ops = tiny_operands(rng, name, ins[0])[:len(ins)]
                out.append((name, rng.choice(rms), ops))
    return out


MOVE_IN = {'s': 'fmv.w.x', 'd': 'fmv.d.x'}
MOVE_OUT = {'s': 'fmv.x.w', 'd': 'fmv.x.d'}


def asm_for(name, ins, res):
    lines = []
    fin = []
    for i, k in enumerate(ins):
        if k in 'sd':
            lines.append('%s ft%d, %%[i%d]' % (MOVE_IN[k], i, i))
            fin.append('ft%d' % i)
        else:
            fin.append('%%[i%d]' % i)
    dst = 'ft3' if res in 'sd' else '%[r]'
    lines.append('%s %s, %s' % (name, dst, ', '.join(fin)))
    if res in 'sd':
        lines.append('%s %%[r], ft3' % MOVE_OUT[res])
    return lines


def c_program(table):
    out = ['typedef unsigned long u64;',
           'struct c { u64 op, rm, a, b, c; };',
           'static const struct c cases[] = {']
    index = {name: i for i, (name, _, _) in enumerate(OPS)}
    for name, rm, ops in table:
        ops = list(ops) + [0] * (3 - len(ops))
        out.append('  {%d, %d, 0x%xul, 0x%xul, 0x%xul},' %
                   (index[name], rm, ops[0], ops[1], ops[2]))
    out += ['};',
            'static u64 results[%d][2];' % len(table),
            'static u64 run(const struct c *t, u64 *fl)',
            '{',
            '    u64 r = 0, f;',
            '    __asm__ volatile("csrw fflags, zero\\n\\tcsrw frm, %0"'
            ' :: "r"(t->rm));',
            '    switch (t->op) {']
    for i, (name, ins, res) in enumerate(OPS):
        body = '\\n\\t'.join(asm_for(name, ins, res))
        out.append('    case %d: __asm__ volatile("%s" : [r]"=&r"(r) : '
                   '[i0]"r"(t->a), [i1]"r"(t->b), [i2]"r"(t->c) : '
                   '"ft0", "ft1", "ft2", "ft3"); break;' % (i, body))
    out += ['    }',
            '    __asm__ volatile("csrr %0, fflags" : "=r"(f));',
            '    *fl = f;',
            '    return r;',
            '}',
            'static long sys(long n, long a, long b, long c)',
            '{',
            '    register long a0 __asm__("a0") = a;',
            '    register long a1 __asm__("a1") = b;',
            '    register long a2 __asm__("a2") = c;',
            '    register long a7 __asm__("a7") = n;',
            '    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), '
            '"r"(a7) : "memory");',
            '    return a0;',
            '}',
            'void _start(void)',
            '{',
            '    unsigned n = sizeof(cases) / sizeof(cases[0]);',
            '    for (unsigned i = 0; i < n; i++) {',
            '        results[i][0] = run(&cases[i], &results[i][1]);',
            '    }',
            '    sys(64, 1, (long)results, sizeof(results));',
            '    sys(93, 0, 0, 0);',
            '}',
            '']
    return '\n'.join(out)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    out_path = argv[1] if len(argv) > 1 else os.path.join(here, 'qemu72.tab')
    table = cases()
    version = subprocess.run([QEMU, '--version'], capture_output=True,
                             text=True, check=True).stdout.splitlines()[0]
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 'fpu_cases.c')
        exe = os.path.join(tmp, 'fpu_cases')
        with open(src, 'w') as f:
            f.write(c_program(table))
        subprocess.run([CC, '-O1', '-march=rv64gc', '-mabi=lp64d',
                        '-nostdlib', '-static', '-ffreestanding', '-o', exe,
                        src], check=True)
        raw = subprocess.run([QEMU, exe], capture_output=True,
                             check=True).stdout
    if len(raw) != 16 * len(table):
        sys.exit('gen_qemu_table: got %d bytes for %d cases'
                 % (len(raw), len(table)))
    widths = {'s': 8, 'd': 16, 'w': 16, 'l': 16, 'x': 16}
    with open(out_path, 'w') as f:
        f.write('# SPDX-License-Identifier: GPL-2.0-or-later\n'
                '# generated by tests/isa/riscv/fpu/gen_qemu_table.py; do '
                'not edit\n'
                '# Expected F/D results from %s (linux-user) running a\n'
                '# static RV64 program: frm = RM, fflags cleared, then the '
                'instruction.\n'
                '# OP RM A [B [C]] -> RESULT FFLAGS (hex). Single results '
                'are the\n'
                '# 32-bit pattern; integer results the 64-bit register '
                '(RV64: 32-bit\n'
                '# results sign-extended).\n' % version)
        kinds = {name: (ins, res) for name, ins, res in OPS}
        for i, (name, rm, ops) in enumerate(table):
            r, fl = struct.unpack_from('<QQ', raw, 16 * i)
            ins, res = kinds[name]
            if res == 's':
                r &= 0xffffffff
            f.write('%s %d %s -> %0*x %02x\n' % (
                name, rm, ' '.join('%0*x' % (widths[k], v)
                                   for k, v in zip(ins, ops)),
                widths[res], r, fl))
    print('%s: %d cases' % (out_path, len(table)))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
