#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The bundled demo (make demo) under firmscope: its UART output and the
# from_pc of every trap must match what Debian's qemu-system-riscv64 7.2
# produced for the same image (demo/expect.uart, demo/expect.trap, made
# by `make demo-expect`), and its to_pc must be the handler (mtvec).
set -u
build=${1:-build}
fs=$build/firmscope
elf=build/fw/demo.elf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "1..3"
timeout 20 "$fs" -M virt -bios none -kernel "$elf" -nographic -d int \
    -D "$tmp/log" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ]; then
    echo "ok 1 - demo exits with status 0"
else
    echo "not ok 1 - demo exits with status 0"
    echo "# exit status $rc: $(head -c 300 "$tmp/err")"
fi
if cmp -s "$tmp/out" demo/expect.uart; then
    echo "ok 2 - demo UART output matches QEMU's"
else
    echo "not ok 2 - demo UART output matches QEMU's"
    diff <(cat -v demo/expect.uart) <(cat -v "$tmp/out") | head -n 5 | sed 's/^/# /'
fi
grep '^int: ' "$tmp/log" |
    sed -E 's/^int: hart=[0-9]+ ([a-z]+) cause=([0-9]+) from=0x0*([0-9a-f]+).*/\1 \2 0x\3/' \
    >"$tmp/trap"
mtvec=$(sed -n 's/.*mtvec=\(0x[0-9a-f]*\).*/\1/p' demo/expect.uart | tr -d '\r')
bad_to=$(grep '^int: ' "$tmp/log" | grep -vc "to=0x0*${mtvec#0x} " || true)
if cmp -s "$tmp/trap" demo/expect.trap && [ "$bad_to" -eq 0 ]; then
    echo "ok 3 - demo traps match QEMU's and enter mtvec"
else
    echo "not ok 3 - demo traps match QEMU's and enter mtvec"
    echo "# $bad_to traps not entering $mtvec"
    diff demo/expect.trap "$tmp/trap" | head -n 5 | sed 's/^/# /'
fi
