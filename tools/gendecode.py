#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Generate the RISC-V instruction decoder (riscv_decode.h/.c) from a decode
# spec written in a subset of QEMU's decodetree grammar plus ?rv32/?rv64 tags.
# Usage: gendecode.py SPEC OUT_H OUT_C
"""Clean-room decodetree-style generator; Python 3 standard library only."""

import os
import re
import sys

# RvDecoded members a spec may assign, with the value range each can hold.
MEMBERS = {
    'rd': (0, 31), 'rs1': (0, 31), 'rs2': (0, 31), 'rs3': (0, 31),
    'rm': (0, 7), 'aq': (0, 1), 'rl': (0, 1), 'csr': (0, 4095),
    'imm': (-(1 << 31), (1 << 31) - 1),
}
MEMBER_TYPES = {'csr': 'uint16_t', 'imm': 'int32_t'}
XLENS = (32, 64)
# Bits the decode switch dispatches on, as (pos, len) from the most
# significant part of the key down: opcode for 32-bit, funct3:quadrant for
# 16-bit encodings.
DISPATCH = {32: ((0, 7),), 16: ((13, 3), (0, 2))}

IDENT = r'[a-z_][a-z0-9_]*'
NAME_RE = re.compile(r'^[a-z][a-z0-9_.]*$')
INLINE_FIELD_RE = re.compile(r'^(' + IDENT + r'):(s?)(\d+)$')
SEGMENT_RE = re.compile(r'^(\d+):(s?)(\d+)$')
SHL_RE = re.compile(r'^shl_(\d+)$')


class SpecError(Exception):
    """An error located at a spec line."""

    def __init__(self, line, msg):
        super().__init__(msg)
        self.line = line
        self.msg = msg


class Field:
    """A bit field: segments MSB first, optional signedness and transform."""

    def __init__(self, name, segs, func, line, inline=False):
        self.name = name
        self.segs = segs          # [(pos, len)], MSB first
        self.signed = False
        self.func = func
        self.line = line
        self.inline = inline

    @property
    def width(self):
        return sum(n for _, n in self.segs)

    def bitmask(self):
        m = 0
        for pos, n in self.segs:
            m |= ((1 << n) - 1) << pos
        return m

    def value_range(self):
        w = self.width
        if self.signed:
            lo, hi = -(1 << (w - 1)), (1 << (w - 1)) - 1
        else:
            lo, hi = 0, (1 << w) - 1
        if self.func is None:
            return lo, hi
        m = SHL_RE.match(self.func)
        if m:
            return lo << int(m.group(1)), hi << int(m.group(1))
        if 'rvc_reg' == self.func:
            return lo + 8, hi + 8
        raise SpecError(self.line, 'unknown !function=%s (known: shl_N, '
                        'rvc_reg)' % self.func)

    def c_body(self):
        """C expression (int32_t) computing the field from `insn`."""
        parts = []
        shift = self.width
        for pos, n in self.segs:
            shift -= n
            part = 'rv_bits(insn, %d, %d)' % (pos, n)
            if shift:
                part = '(%s << %d)' % (part, shift)
            parts.append(part)
        raw = ' | '.join(parts)
        if 60 < len(raw):
            raw = (' |\n' + ' ' * 12).join(parts)
        if self.signed:
            expr = 'rv_sext(%s, %d)' % (raw, self.width)
        else:
            expr = '(int32_t)(%s)' % raw
        if self.func is not None:
            expr = '%s(%s)' % (self.func, expr)
        return expr

    def c_expr(self):
        """C expression for a use of the field in rv_decode()."""
        if self.inline:
            return self.c_body()
        return 'field_%s(insn)' % self.name


class Bits:
    """Bit columns of a pattern or format."""

    def __init__(self, width=0, fixmask=0, fixbits=0, dots=0, dashes=0):
        self.width = width
        self.fixmask = fixmask
        self.fixbits = fixbits
        self.dots = dots
        self.dashes = dashes


class Format:
    def __init__(self, name, line):
        self.name = name
        self.line = line
        self.bits = Bits()
        self.argset = None
        self.format = None       # never set: formats do not nest
        self.assigns = {}        # member -> Field or int


class Pattern:
    def __init__(self, name, line, comment):
        self.name = name
        self.line = line
        self.comment = comment
        self.bits = Bits()
        self.argset = None
        self.format = None
        self.assigns = {}
        self.xlens = set(XLENS)
        self.group = None        # index of its { } group, or None

    @property
    def width(self):
        return self.bits.width

    @property
    def mask(self):
        return self.bits.fixmask

    @property
    def match(self):
        return self.bits.fixbits

    def xlen_text(self):
        if len(self.xlens) == len(XLENS):
            return ''
        return ' ?rv%d' % min(self.xlens)


class Spec:
    def __init__(self):
        self.fields = {}
        self.argsets = {}
        self.formats = {}
        self.patterns = []
        self.ops = []            # op names in order of first appearance

    def err(self, line, msg):
        raise SpecError(line, msg)

    # ---- parsing --------------------------------------------------------
    def parse(self, text):
        group = None
        ngroups = 0
        for lineno, raw in enumerate(text.split('\n'), 1):
            code, _, comment = raw.partition('#')
            toks = code.split()
            if not toks:
                continue
            head = toks[0]
            if '{' == head:
                if 1 != len(toks):
                    self.err(lineno, "'{' must be alone on its line")
                if group is not None:
                    self.err(lineno, 'nested groups are not supported')
                group = (ngroups, lineno)
                ngroups += 1
            elif '}' == head:
                if 1 != len(toks):
                    self.err(lineno, "'}' must be alone on its line")
                if group is None:
                    self.err(lineno, "'}' without '{'")
                group = None
            elif head.startswith('%'):
                self.parse_field(lineno, head[1:], toks[1:])
            elif head.startswith('&'):
                self.parse_argset(lineno, head[1:], toks[1:])
            elif head.startswith('@'):
                self.parse_format(lineno, head[1:], toks[1:])
            elif NAME_RE.match(head):
                p = Pattern(head, lineno, comment.strip())
                self.parse_body(lineno, p, toks[1:], is_pattern=True)
                p.group = None if group is None else group[0]
                self.finish_pattern(p)
                self.patterns.append(p)
            else:
                self.err(lineno, "unexpected '%s'" % head)
        if group is not None:
            self.err(group[1], "'{' is never closed")

    def check_ident(self, line, kind, name):
        if not re.match('^' + IDENT + '$', name):
            self.err(line, "bad %s name '%s'" % (kind, name))

    def parse_field(self, line, name, toks):
        self.check_ident(line, 'field', name)
        if name in self.fields:
            self.err(line, "field %%%s already defined at line %d"
                     % (name, self.fields[name].line))
        segs = []
        func = None
        signed = False
        for t in toks:
            m = SEGMENT_RE.match(t)
            if m:
                pos, s, n = int(m.group(1)), m.group(2), int(m.group(3))
                if 0 == n or 32 < pos + n:
                    self.err(line, "segment '%s' is outside 32 bits" % t)
                if s and segs:
                    self.err(line, 'only the first (most significant) '
                             'segment may be signed')
                signed = signed or bool(s)
                segs.append((pos, n))
            elif t.startswith('!function='):
                if func is not None:
                    self.err(line, 'two !function= on one field')
                func = t[len('!function='):]
            else:
                self.err(line, "bad field segment '%s' (want pos:len, "
                         "pos:slen or !function=NAME)" % t)
        if not segs:
            self.err(line, 'field %%%s has no segments' % name)
        f = Field(name, segs, func, line)
        f.signed = signed
        seen = 0
        for pos, n in segs:
            m = ((1 << n) - 1) << pos
            if seen & m:
                self.err(line, 'field %%%s uses a bit twice' % name)
            seen |= m
        f.value_range()
        self.fields[name] = f

    def parse_argset(self, line, name, toks):
        self.check_ident(line, 'argument set', name)
        if name in self.argsets:
            self.err(line, "argument set &%s already defined" % name)
        for t in toks:
            if t not in MEMBERS:
                self.err(line, "'%s' is not an RvDecoded member (one of %s)"
                         % (t, ' '.join(MEMBERS)))
        if len(set(toks)) != len(toks):
            self.err(line, 'argument set &%s repeats a member' % name)
        self.argsets[name] = frozenset(toks)

    def parse_format(self, line, name, toks):
        self.check_ident(line, 'format', name)
        if name in self.formats:
            self.err(line, 'format @%s already defined' % name)
        f = Format(name, line)
        self.parse_body(line, f, toks, is_pattern=False)
        self.formats[name] = f

    def assign(self, line, obj, member, value):
        if member not in MEMBERS:
            self.err(line, "'%s' is not an RvDecoded member" % member)
        if member in obj.assigns:
            self.err(line, "'%s' is assigned twice" % member)
        obj.assigns[member] = value

    def parse_body(self, line, obj, toks, is_pattern):
        cols = []                # per column, MSB first: char or Field
        inline = []
        for t in toks:
            m = INLINE_FIELD_RE.match(t)
            if re.match(r'^[01.\-]+$', t):
                cols.extend(t)
            elif m and '=' not in t:
                fld = Field(m.group(1), [], None, line, inline=True)
                fld.signed = bool(m.group(2))
                n = int(m.group(3))
                if 0 == n:
                    self.err(line, "inline field '%s' has no bits" % t)
                inline.append((fld, len(cols), n))
                cols.extend([fld] * n)
            elif t.startswith('&'):
                if obj.argset is not None:
                    self.err(line, 'two argument sets')
                if t[1:] not in self.argsets:
                    self.err(line, "unknown argument set '%s'" % t)
                obj.argset = (t[1:], self.argsets[t[1:]])
            elif t.startswith('@'):
                if not is_pattern:
                    self.err(line, 'a format cannot use another format')
                if t[1:] not in self.formats:
                    self.err(line, "unknown format '%s'" % t)
                if obj.format is not None:
                    self.err(line, 'two formats')
                obj.format = self.formats[t[1:]]
            elif t.startswith('%'):
                if t[1:] not in self.fields:
                    self.err(line, "unknown field '%s'" % t)
                self.assign(line, obj, t[1:], self.fields[t[1:]])
            elif '=' in t:
                member, _, val = t.partition('=')
                if val.startswith('%'):
                    if val[1:] not in self.fields:
                        self.err(line, "unknown field '%s'" % val)
                    self.assign(line, obj, member, self.fields[val[1:]])
                else:
                    try:
                        num = int(val, 0)
                    except ValueError:
                        self.err(line, "bad constant in '%s'" % t)
                    self.assign(line, obj, member, num)
            elif t in ('?rv32', '?rv64'):
                if not is_pattern:
                    self.err(line, 'XLEN tags belong on patterns, not formats')
                if len(obj.xlens) != len(XLENS):
                    self.err(line, 'two XLEN tags')
                obj.xlens = {int(t[3:])}
            else:
                self.err(line, "unexpected token '%s'" % t)
        width = len(cols)
        if is_pattern and width not in (16, 32):
            self.err(line, 'pattern has %d bit columns; want 16 or 32' % width)
        if not is_pattern and width not in (0, 16, 32):
            self.err(line, 'format has %d bit columns; want 0, 16 or 32'
                     % width)
        b = Bits(width)
        for i, c in enumerate(cols):
            bit = 1 << (width - 1 - i)
            if '0' == c or '1' == c:
                b.fixmask |= bit
                b.fixbits |= bit if '1' == c else 0
            elif '-' == c:
                b.dashes |= bit
            else:
                b.dots |= bit
        obj.bits = b
        for fld, start, n in inline:
            fld.segs = [(width - start - n, n)]
            fld.value_range()
            self.assign(line, obj, fld.name, fld)

    def finish_pattern(self, p):
        """Merge the format into the pattern and validate the result."""
        line = p.line
        fmt = p.format
        if fmt is not None:
            fb = fmt.bits
            if fb.width and fb.width != p.width:
                self.err(line, 'pattern is %d bits but @%s is %d bits'
                         % (p.width, fmt.name, fb.width))
            clash = fb.fixmask & p.bits.fixmask & (fb.fixbits ^ p.bits.fixbits)
            if clash:
                self.err(line, 'fixed bits disagree with @%s' % fmt.name)
            p.bits.fixmask |= fb.fixmask
            p.bits.fixbits |= fb.fixbits
            p.bits.dots &= ~fb.fixmask
            p.bits.dashes &= ~fb.fixmask
            for member, val in fmt.assigns.items():
                if member in p.assigns:
                    self.err(line, "'%s' is assigned by both the pattern and "
                             '@%s' % (member, fmt.name))
                p.assigns[member] = val
            if p.argset is None:
                p.argset = fmt.argset
            elif fmt.argset is not None and fmt.argset != p.argset:
                self.err(line, 'argument set differs from @%s' % fmt.name)
        if 'illegal' == p.name and p.assigns:
            self.err(line, "an 'illegal' pattern extracts no fields")
        if p.argset is not None:
            have = set(p.assigns)
            want = set(p.argset[1])
            if have != want:
                missing = ' '.join(sorted(want - have))
                extra = ' '.join(sorted(have - want))
                self.err(line, '&%s mismatch:%s%s' % (
                    p.argset[0], ' unassigned: ' + missing if missing else '',
                    ' not in set: ' + extra if extra else ''))
        covered = 0
        for member, val in p.assigns.items():
            lo, hi = MEMBERS[member]
            if isinstance(val, Field):
                if val.bitmask() >> p.width:
                    self.err(line, "field '%s' reaches past bit %d"
                             % (val.name, p.width - 1))
                covered |= val.bitmask()
                vlo, vhi = val.value_range()
                what = "field '%s'" % val.name
            else:
                vlo = vhi = val
                what = 'constant %d' % val
            if vlo < lo or vhi > hi:
                self.err(line, '%s (range %d..%d) does not fit %s (%d..%d)'
                         % (what, vlo, vhi, member, lo, hi))
        for i in range(p.width):
            bit = 1 << i
            if p.bits.dots & bit and not covered & bit:
                self.err(line, "bit %d is '.' but no field extracts it; "
                         "write '-' for an ignored bit" % i)
            if p.bits.dashes & bit and covered & bit:
                self.err(line, "bit %d is '-' but a field extracts it; "
                         "write '.'" % i)
        low2 = p.match & 3
        if 3 != p.mask & 3:
            self.err(line, 'bits 1:0 (the length encoding) must be fixed')
        if (32 == p.width) != (3 == low2):
            self.err(line, '%d-bit pattern with bits 1:0 = %d%d' % (
                p.width, low2 >> 1, low2 & 1))
        if 'illegal' != p.name and p.name not in self.ops:
            self.ops.append(p.name)

    # ---- overlap checks ---------------------------------------------------
    @staticmethod
    def overlap(a, b):
        return (a.width == b.width and a.xlens & b.xlens and
                0 == (a.match ^ b.match) & a.mask & b.mask)

    @staticmethod
    def shadows(a, b):
        """True when every insn b matches is matched earlier by a."""
        return (a.width == b.width and b.xlens <= a.xlens and
                a.mask & b.mask == a.mask and
                b.match & a.mask == a.match)

    def check(self):
        errors = []
        pats = self.patterns
        groups = {}
        for p in pats:
            if p.group is not None:
                groups.setdefault(p.group, []).append(p)
        for i, a in enumerate(pats):
            for b in pats[i + 1:]:
                if not self.overlap(a, b):
                    continue
                if a.group is not None and a.group == b.group:
                    continue
                errors.append(SpecError(
                    b.line, "'%s' overlaps '%s' (line %d) outside a { } group"
                    % (b.name, a.name, a.line)))
        for members in groups.values():
            pairs = [(a, b) for i, a in enumerate(members)
                     for b in members[i + 1:] if self.overlap(a, b)]
            if not pairs:
                errors.append(SpecError(
                    members[0].line, 'no members of this { } group overlap; '
                    'the group is not needed'))
                continue
            for m in members:
                if not any(m in pair for pair in pairs):
                    errors.append(SpecError(
                        m.line, "'%s' overlaps no other member of its group; "
                        'move it out' % m.name))
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    if self.shadows(a, b):
                        errors.append(SpecError(
                            b.line, "'%s' can never match: '%s' (line %d) "
                            'matches first' % (b.name, a.name, a.line)))
        return errors


# ---- code generation ------------------------------------------------------
def op_enum(name):
    return 'RV_OP_' + name.upper().replace('.', '_')


def dispatch_keys(p):
    """Every switch key a pattern can appear under."""
    keys = [0]
    for pos, n in DISPATCH[p.width]:
        nxt = []
        for k in keys:
            for v in range(1 << n):
                m = ((1 << n) - 1) << pos
                if (p.mask & m) and ((v << pos) ^ p.match) & p.mask & m:
                    continue
                nxt.append((k << n) | v)
        keys = nxt
    return keys


def dispatch_expr(width):
    parts = []
    shift = sum(n for _, n in DISPATCH[width])
    for pos, n in DISPATCH[width]:
        shift -= n
        part = '((insn >> %d) & 0x%x)' % (pos, (1 << n) - 1) if pos else \
            '(insn & 0x%x)' % ((1 << n) - 1)
        if shift:
            part = '(%s << %d)' % (part, shift)
        parts.append(part)
    return ' | '.join(parts)


def gen_header(spec, banner):
    out = [banner,
           '/* SPDX-License-Identifier: GPL-2.0-or-later */',
           '#ifndef RISCV_DECODE_H',
           '#define RISCV_DECODE_H',
           '',
           '#include <stdint.h>',
           '',
           'typedef enum RvOp {',
           '    RV_OP_ILLEGAL = 0,']
    for name in spec.ops:
        out.append('    %s, /* %s */' % (op_enum(name), name))
    out += ['    RV_OP__COUNT',
            '} RvOp;',
            '',
            '/*',
            ' * RV_OPS(X): X(NAME, XLENS) for every op but ILLEGAL, NAME as in',
            ' * RV_OP_NAME, XLENS ANY, RV32 or RV64: where it decodes (for',
            ' * tables indexed by op, such as a dispatch table).',
            ' */',
            '#define RV_OPS(X) \\']
    for name in spec.ops:
        xlens = set()
        for p in spec.patterns:
            if p.name == name:
                xlens |= p.xlens
        tag = 'ANY' if len(xlens) == len(XLENS) else 'RV%d' % min(xlens)
        out.append('    X(%s, %s) \\' % (op_enum(name)[len('RV_OP_'):], tag))
    out += ['',
            '',
            'typedef struct RvDecoded {',
            '    uint16_t op;      /* RvOp */',
            '    uint8_t len;      /* instruction length in bytes: 2 or 4 */',
            '    uint8_t rd, rs1, rs2, rs3;',
            '    uint8_t rm;       /* funct3 rounding-mode field */',
            '    uint8_t aq, rl;   /* A extension ordering bits */',
            '    uint16_t csr;     /* Zicsr: insn[31:20] */',
            '    int32_t imm;      /* sign-extended, already scaled */',
            '    uint32_t raw;     /* the instruction bits (mtval) */',
            '} RvDecoded;',
            '',
            '/*',
            ' * rv_decode() - decode one instruction; `insn` holds at least '
            'the low 16 bits',
            ' * (the upper 16 are ignored for compressed encodings). `xlen` '
            'is 32 or 64.',
            ' * Fills *d (all fields; unused ones zero) and returns d->op.',
            ' */',
            'RvOp rv_decode(uint32_t insn, unsigned xlen, RvDecoded *d);',
            '',
            '/* spec mnemonic of each op ("addi", "fence.i", "lr.w", '
            '"amoswap.d") */',
            'extern const char *const rv_op_names[RV_OP__COUNT];',
            '',
            '#endif',
            '']
    return '\n'.join(out)


def gen_pattern(p, indent):
    ind = ' ' * indent
    cond = '0x%08x == (insn & 0x%08x)' % (p.match, p.mask)
    if len(p.xlens) != len(XLENS):
        cond = '%d == xlen && %s' % (min(p.xlens), cond)
    note = '%s, line %d%s' % (p.name, p.line,
                               ': ' + p.comment if p.comment else '')
    out = ['%sif (%s) {' % (ind, cond),
           '%s    /* %s */' % (ind, note.replace('*/', '* /'))]
    if 'illegal' == p.name:
        out.append('%s    return RV_OP_ILLEGAL;' % ind)
    else:
        out.append('%s    d->op = %s;' % (ind, op_enum(p.name)))
        for member in MEMBERS:
            if member not in p.assigns:
                continue
            val = p.assigns[member]
            ctype = MEMBER_TYPES.get(member, 'uint8_t')
            cast = '' if 'int32_t' == ctype else '(%s)' % ctype
            if isinstance(val, Field):
                expr = cast + val.c_expr()
            elif 0 == val:
                continue        # rv_decode() zeroes *d first
            else:
                expr = '%d' % val
            out.append('%s    d->%s = %s;' % (ind, member, expr))
        out.append('%s    return %s;' % (ind, op_enum(p.name)))
    out.append('%s}' % ind)
    return out


def gen_switch(spec, width):
    cases = {}
    for p in spec.patterns:
        if p.width != width:
            continue
        for k in dispatch_keys(p):
            cases.setdefault(k, []).append(p)
    out = ['        switch (%s) {' % dispatch_expr(width)]
    for k in sorted(cases):
        out.append('        case 0x%02x:' % k)
        for p in cases[k]:
            out += gen_pattern(p, 12)
        out.append('            break;')
    out += ['        default:',
            '            break;',
            '        }']
    return out


def gen_source(spec, banner):
    out = [banner,
           '/* SPDX-License-Identifier: GPL-2.0-or-later */',
           '#include <assert.h>',
           '#include <string.h>',
           '',
           '#include "riscv_decode.h"',
           '',
           'const char *const rv_op_names[RV_OP__COUNT] = {',
           '    [RV_OP_ILLEGAL] = "illegal",']
    for name in spec.ops:
        out.append('    [%s] = "%s",' % (op_enum(name), name))
    out += ['};',
            '',
            'static inline uint32_t rv_bits(uint32_t insn, unsigned pos, '
            'unsigned len)',
            '{',
            '    return (insn >> pos) & ((UINT32_C(1) << len) - 1);',
            '}',
            '',
            '/* two\'s complement value of the low `width` bits of v (< 32) */',
            'static inline int32_t rv_sext(uint32_t v, unsigned width)',
            '{',
            '    uint32_t sign = UINT32_C(1) << (width - 1);',
            '',
            '    return (int32_t)(v ^ sign) - (int32_t)sign;',
            '}',
            '']
    funcs = set()
    for p in spec.patterns:
        for val in p.assigns.values():
            if isinstance(val, Field) and val.func is not None:
                funcs.add(val.func)
    for fn in sorted(funcs):
        m = SHL_RE.match(fn)
        if m:
            body = 'v * (1 << %s)' % m.group(1)
            what = 'scale by 2^%s' % m.group(1)
        else:
            body = 'v + 8'
            what = "compressed 3-bit register number: x8..x15"
        out += ['/* %s */' % what,
                'static inline int32_t %s(int32_t v)' % fn,
                '{',
                '    return %s;' % body,
                '}',
                '']
    used = {}
    for p in spec.patterns:
        for val in p.assigns.values():
            if isinstance(val, Field) and not val.inline:
                used[val.name] = val
    for name in sorted(used, key=lambda n: used[n].line):
        fld = used[name]
        out += ['/* %%%s, line %d */' % (name, fld.line),
                'static inline int32_t field_%s(uint32_t insn)' % name,
                '{',
                '    return %s;' % fld.c_body(),
                '}',
                '']
    out += ['RvOp rv_decode(uint32_t insn, unsigned xlen, RvDecoded *d)',
            '{',
            '    assert(32 == xlen || 64 == xlen);',
            '    memset(d, 0, sizeof(*d));',
            '    if (3 != (insn & 3)) {',
            '        insn &= 0xffff;',
            '        d->raw = insn;',
            '        d->len = 2;']
    out += gen_switch(spec, 16)
    out += ['    } else {',
            '        d->raw = insn;',
            '        d->len = 4;']
    out += gen_switch(spec, 32)
    out += ['    }',
            '    return RV_OP_ILLEGAL;',
            '}',
            '']
    return '\n'.join(out)


def banner_path(path):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    rel = os.path.relpath(os.path.abspath(path), root)
    return path if rel.startswith('..') else rel


def write_file(path, text):
    tmp = path + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv):
    if 4 != len(argv):
        sys.stderr.write('usage: gendecode.py SPEC OUT_H OUT_C\n')
        return 2
    spec_path, out_h, out_c = argv[1:]
    try:
        with open(spec_path, encoding='utf-8') as f:
            text = f.read()
    except OSError as e:
        sys.stderr.write('gendecode: %s\n' % e)
        return 1
    spec = Spec()
    try:
        spec.parse(text)
        errors = spec.check()
    except SpecError as e:
        errors = [e]
    if errors:
        for e in sorted(errors, key=lambda e: e.line):
            sys.stderr.write('%s:%d: %s\n' % (spec_path, e.line, e.msg))
        return 1
    banner = ('/* generated by tools/gendecode.py from %s; do not edit */'
              % banner_path(spec_path))
    write_file(out_h, gen_header(spec, banner))
    write_file(out_c, gen_source(spec, banner))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
