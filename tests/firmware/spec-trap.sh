#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# spec-trap.sh CASE_DIR ELF
#
# Print the trap list a case's source predicts, in the expect.trap format,
# by resolving the symbolic lines of its header comment against the ELF:
#
#     TRAP exception 11 at_ecall m_trap        (from_pc, to_pc as SYM[+N])
#     TRAP exception 4 at_lr_d m_trap (rv64)   (only for an RV64 ELF)
#
# Each test writes these lines from its reading of the privileged spec, so
# expect.trap is derived from the spec first; QEMU (qemu-ref.sh) and
# firmscope are then compared with it. An RV32 variant whose test.S only
# includes another case's test.S inherits that file's TRAP lines.
#
# Environment: CROSS (default riscv64-unknown-elf-).

set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 CASE_DIR ELF" >&2
    exit 2
fi
src=$1/test.S
elf=$2
nm=${CROSS:-riscv64-unknown-elf-}nm

lines=$(grep -E '^ \*[[:space:]]+TRAP ' "$src")
if [ -z "$lines" ]; then
    inc=$(sed -n 's/^#include "\(\.\.\/[^"]*\)"/\1/p' "$src" | head -n 1)
    if [ -n "$inc" ]; then
        lines=$(grep -E '^ \*[[:space:]]+TRAP ' "$1/$inc")
    fi
fi

# ELF class byte: 1 = 32-bit, 2 = 64-bit
class=$(od -An -tu1 -j4 -N1 "$elf" | tr -d ' ')
xlen=rv32
[ "$class" = 2 ] && xlen=rv64

"$nm" "$elf" | awk -v lines="$lines" -v xlen="$xlen" '
function hex2dec(h,    i, v) {
    v = 0
    h = tolower(h)
    for (i = 1; i <= length(h); i++) {
        v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
    }
    return v
}
function dec2hex(v,    h) {
    h = ""
    do {
        h = substr("0123456789abcdef", v % 16 + 1, 1) h
        v = int(v / 16)
    } while (v > 0)
    return "0x" h
}
function resolve(s,    name, off, p) {
    off = 0
    p = index(s, "+")
    if (p > 0) {
        off = substr(s, p + 1) + 0
        s = substr(s, 1, p - 1)
    }
    if (!(s in addr)) {
        printf "spec-trap: unknown symbol %s\n", s > "/dev/stderr"
        bad = 1
        return "?"
    }
    return dec2hex(addr[s] + off)
}
{ addr[$3] = hex2dec($1) }
END {
    n = split(lines, l, "\n")
    for (i = 1; i <= n; i++) {
        split(l[i], f, " ")
        if (f[2] != "TRAP" || (f[7] != "" && f[7] != "(" xlen ")")) {
            continue
        }
        print f[3], f[4], resolve(f[5]), resolve(f[6])
    }
    exit bad
}'
