#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# qemu-ref.sh CASE_DIR ELF [OUT_DIR]
#
# Run a firmware test image under Debian's QEMU (the reference) and print the
# traps it took, one per line in the expect.trap format:
#
#     TYPE CAUSE FROM_PC TO_PC      e.g.  exception 11 0x80000010 0x80000100
#
# TYPE is interrupt or exception, CAUSE decimal without the interrupt bit,
# PCs lowercase hex without zero padding. FROM_PC is mepc/sepc as QEMU logs
# it (epc); TO_PC is the PC of the next instruction QEMU executes (the next
# "Trace" line of -d exec with -singlestep). A trap whose handler never ran
# (QEMU exited first) gets TO_PC "?".
#
# The case's cmdline file supplies the machine options; "-cpu rv32" selects
# qemu-system-riscv32 (and is passed on: QEMU names its RV32 base CPU rv32).
#
# Files written to OUT_DIR (default: a new temporary directory, named on
# stderr):
#     uart      the bytes the guest printed (QEMU's stdout, -nographic)
#     trap      the trap list (as printed)
#     exit      QEMU's exit status (the guest's, through sifive_test or
#               HTIF; 124 when it timed out)
#     qemu.log  QEMU's -d int,exec log
#     stderr    QEMU's stderr
# The script's own exit status is QEMU's (2 for usage errors, 127 when QEMU
# is missing).
#
# Environment: QEMU_RV64 / QEMU_RV32 (binaries), QEMU_REF_TIMEOUT (seconds,
# default 20).

set -u

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: $0 CASE_DIR ELF [OUT_DIR]" >&2
    exit 2
fi
case_dir=$1
elf=$2
if [ $# -eq 3 ]; then
    out=$3
    mkdir -p "$out" || exit 2
else
    out=$(mktemp -d "${TMPDIR:-/tmp}/qemu-ref.XXXXXX") || exit 2
    echo "qemu-ref: output in $out" >&2
fi
if [ ! -f "$elf" ]; then
    echo "qemu-ref: $elf: no such file" >&2
    exit 2
fi

opts=()
if [ -f "$case_dir/cmdline" ]; then
    read -r -a opts < <(tr '\n' ' ' < "$case_dir/cmdline"; echo)
fi
qemu=${QEMU_RV64:-qemu-system-riscv64}
for ((i = 0; i < ${#opts[@]}; i++)); do
    if [ "${opts[$i]}" = -cpu ] && [ "${opts[$((i + 1))]:-}" = rv32 ]; then
        qemu=${QEMU_RV32:-qemu-system-riscv32}
    fi
done
if ! command -v "$qemu" > /dev/null 2>&1; then
    echo "qemu-ref: $qemu not found" >&2
    echo 127 > "$out/exit"
    exit 127
fi

timeout "${QEMU_REF_TIMEOUT:-20}" "$qemu" "${opts[@]}" -bios none \
    -kernel "$elf" -nographic -d int,exec,nochain -singlestep \
    -D "$out/qemu.log" < /dev/null > "$out/uart" 2> "$out/stderr"
status=$?
echo "$status" > "$out/exit"

# riscv_cpu_do_interrupt: hart:0, async:1, cause:0000000000000007,
#     epc:0x0000000080000040, tval:0x0000000000000000, desc=m_timer
# Trace 0: 0x7f... [0000000000000000/0000000080000100/00209003/ff000201]
awk '
function hex2dec(h,    i, v) {
    v = 0
    h = tolower(h)
    for (i = 1; i <= length(h); i++) {
        v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
    }
    return v
}
function strip(h) {
    h = tolower(h)
    sub(/^0+/, "", h)
    return "0x" (h == "" ? "0" : h)
}
function field(name,    s) {
    s = $0
    if (!match(s, name ":(0x)?[0-9a-fA-F]+")) {
        return ""
    }
    s = substr(s, RSTART + length(name) + 1, RLENGTH - length(name) - 1)
    sub(/^0x/, "", s)
    return s
}
/^riscv_cpu_do_interrupt:/ {
    if (pending != "") {
        print pending " ?"
    }
    type = field("async") == "1" ? "interrupt" : "exception"
    pending = type " " hex2dec(field("cause")) " " strip(field("epc"))
    next
}
/^Trace / {
    if (pending != "" && match($0, /\[[0-9a-fA-F]+\/[0-9a-fA-F]+\//)) {
        pc = substr($0, RSTART + 1, RLENGTH - 2)
        sub(/^[0-9a-fA-F]+\//, "", pc)
        print pending " " strip(pc)
        pending = ""
    }
}
END {
    if (pending != "") {
        print pending " ?"
    }
}' "$out/qemu.log" > "$out/trap"
cat "$out/trap"
exit "$status"
