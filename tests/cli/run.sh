#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Command-line error handling: firmscope given bad files and bad options
# must exit with status 1 after one line on stderr naming what was wrong.
# Usage, from the repository root: tests/cli/run.sh [BUILD_DIR]  (TAP output)

set -u

BUILD_DIR=${1:-build}
FS=$BUILD_DIR/firmscope
CLI=$BUILD_DIR/cli
TIMEOUT=10

if [ ! -x "$FS" ]; then
    echo "Bail out! $FS not found; build it first"
    exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "Bail out! python3 is needed to make the test inputs"
    exit 1
fi
mkdir -p "$CLI" || exit 1

# ---- inputs -------------------------------------------------------------
# Tiny ELF64 RISC-V executables, written field by field. good.elf stores
# 0x5555 to the virt board's test finisher (exit 0) and then spins, so a
# bad option that is wrongly accepted shows up as exit 0, not a hang.
python3 - "$CLI" <<'EOF' || { echo "Bail out! cannot make test inputs"; exit 1; }
import os
import struct
import sys

out = sys.argv[1]

# lui t0,0x100; lui t1,0x5; addi t1,t1,0x555; sw t1,0(t0); j .
CODE = struct.pack('<5I', 0x001002b7, 0x00005337, 0x55530313, 0x0062a023,
                   0x0000006f)


def elf64(paddr, endian='<', ei_class=2, ei_data=1, machine=243):
    code_off = 0x80
    ident = b'\x7fELF' + bytes([ei_class, ei_data, 1, 0]) + bytes(8)
    ehdr = ident + struct.pack(endian + 'HHIQQQIHHHHHH',
                               2, machine, 1,         # ET_EXEC, EV_CURRENT
                               paddr, 64, 0,          # entry, phoff, shoff
                               0, 64, 56, 1, 64, 0, 0)
    phdr = struct.pack(endian + 'IIQQQQQQ',
                       1, 5, code_off,                # PT_LOAD, R+X
                       paddr, paddr, len(CODE), len(CODE), 4)
    image = ehdr + phdr
    return image + bytes(code_off - len(image)) + CODE


def write(name, data):
    with open(os.path.join(out, name), 'wb') as f:
        f.write(data)


good = elf64(0x80000000)
write('good.elf', good)
write('good2.elf', good)
write('empty.elf', b'')
write('truncated.elf', good[:84])                 # inside the program header
write('notes.txt', b'this is a text file, not an ELF executable\n')
write('bigendian.elf', elf64(0x80000000, endian='>', ei_data=2))
write('badclass.elf', elf64(0x80000000, ei_class=7))
write('outside.elf', elf64(0x40000000))           # no board has RAM there
EOF
rm -f "$CLI/nosuch.elf" "$CLI/nosuch-bios.elf"
GOOD=$CLI/good.elf

# ---- harness ------------------------------------------------------------
MODE=count
N=0
FAILED=0

run_fs()
{
    if command -v timeout >/dev/null 2>&1; then
        timeout "$TIMEOUT" "$FS" "$@" </dev/null >"$CLI/out" 2>"$CLI/err"
    else
        "$FS" "$@" </dev/null >"$CLI/out" 2>"$CLI/err"
    fi
}

report()
{
    local name=$1 problem=$2

    if [ -z "$problem" ]; then
        echo "ok $N - $name"
    else
        FAILED=$((FAILED + 1))
        echo "not ok $N - $name"
        echo "# $problem"
        head -n 5 "$CLI/err" | while IFS= read -r line || [ -n "$line" ]; do
            printf '#   stderr: %s\n' "$line"
        done
    fi
}

# bad NAME REGEX ARGS...: exit status 1, exactly one line on stderr that
# matches the extended regex REGEX, and no sanitizer report or crash.
bad()
{
    local name=$1 regex=$2 status lines problem=''
    shift 2

    N=$((N + 1))
    if [ "$MODE" = count ]; then
        return
    fi
    run_fs "$@"
    status=$?
    lines=$(($(wc -l <"$CLI/err")))
    if grep -Eq 'Sanitizer|runtime error|core dumped' "$CLI/err" "$CLI/out"; then
        problem="sanitizer report or crash (exit status $status)"
    elif [ 124 -eq "$status" ]; then
        problem="timed out after ${TIMEOUT}s"
    elif [ 1 -ne "$status" ]; then
        problem="exit status $status, expected 1"
    elif [ 1 -ne "$lines" ]; then
        problem="stderr has $lines newline-terminated lines, expected 1"
    elif [ 1 -ge "$(($(wc -c <"$CLI/err")))" ]; then
        problem="the line on stderr is empty"
    elif ! grep -Eq -e "$regex" "$CLI/err"; then
        problem="stderr does not mention /$regex/"
    fi
    report "$name" "$problem"
}

# A line of $CLI/out that names option OPT as a word of its own.
mentions_option()
{
    grep -Eq -e "(^|[^[:alnum:]_-])$1([^[:alnum:]_-]|\$)" "$CLI/out"
}

# good NAME CHECK ARGS...: exit status 0 and CHECK (a shell function) holds.
good()
{
    local name=$1 check=$2 status problem=''
    shift 2

    N=$((N + 1))
    if [ "$MODE" = count ]; then
        return
    fi
    run_fs "$@"
    status=$?
    if grep -Eq 'Sanitizer|runtime error|core dumped' "$CLI/err" "$CLI/out"; then
        problem="sanitizer report or crash (exit status $status)"
    elif [ 0 -ne "$status" ]; then
        problem="exit status $status, expected 0"
    else
        problem=$($check)
    fi
    report "$name" "$problem"
}

check_version()
{
    if ! head -n 1 "$CLI/out" | grep -q '^firmscope '; then
        echo "first line of stdout does not start with 'firmscope '"
    fi
}

check_help()
{
    local missing='' opt

    for opt in -M -cpu -m -bios -kernel -d -D -icount; do
        if ! mentions_option "$opt"; then
            missing="$missing $opt"
        fi
    done
    if [ -n "$missing" ]; then
        echo "stdout does not mention:$missing"
    fi
}

# ---- cases ----------------------------------------------------------------
cases()
{
    # Files
    bad "missing ELF file" 'nosuch\.elf' "$CLI/nosuch.elf"
    bad "empty file" 'empty\.elf' "$CLI/empty.elf"
    bad "truncated ELF" 'truncated\.elf' "$CLI/truncated.elf"
    bad "text file" 'notes\.txt' "$CLI/notes.txt"
    if [ "$(uname -m)" = riscv64 ]; then
        N=$((N + 1))
        if [ "$MODE" = run ]; then
            echo "ok $N - host ELF (/bin/true) # SKIP host is RISC-V"
        fi
    else
        bad "host ELF (/bin/true)" '/bin/true' /bin/true
    fi
    bad "big-endian ELF" 'bigendian\.elf' "$CLI/bigendian.elf"
    bad "bogus ELF class" 'badclass\.elf' "$CLI/badclass.elf"
    bad "segment outside RAM" 'outside\.elf' "$CLI/outside.elf"
    bad "-bios file missing" 'nosuch-bios\.elf' -bios "$CLI/nosuch-bios.elf"
    bad "-kernel without file" '-kernel' -kernel
    bad "two ELF files" 'good2?\.elf' "$GOOD" "$CLI/good2.elf"

    # Options (with a valid file, so the option is the only problem)
    bad "unknown option" 'frobnicate' -frobnicate "$GOOD"
    bad "unknown board" 'nosuch' -M nosuch "$GOOD"
    bad "unknown cpu" 'rv128' -cpu rv128 "$GOOD"
    bad "-m not a number" 'lots' -m lots "$GOOD"
    bad "-m 0" '-m|[Mm]emory|RAM' -m 0 "$GOOD"
    bad "-m bad suffix" '12Q' -m 12Q "$GOOD"
    bad "-m without value" '-m' "$GOOD" -m
    bad "-d unknown item" 'nosuch' -d nosuch "$GOOD"
    bad "-icount shift out of range" '99' -icount shift=99 "$GOOD"
    bad "-accel other than tcg" 'kvm' -accel kvm "$GOOD"
    bad "-accel unknown option" 'foo=1' -accel tcg,foo=1 "$GOOD"

    # Things that must work
    good "--version" check_version --version
    good "--help" check_help --help
}

cases
echo "1..$N"
MODE=run
N=0
cases
rm -f "$CLI/out" "$CLI/err"
[ 0 -eq "$FAILED" ]
