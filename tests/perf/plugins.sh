#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Instrumentation overhead on the perf loop (tests/perf/loop.S): wall-clock
# time (best of 3) with no plugin, the traps plugin (discon callbacks
# only), insn counting with an inline op per instruction and with a
# callback per instruction, and a full PC trace (-trace-pc, to a scratch
# file); the slowdown of each against no plugin, and its target (issue 6).
set -eu
fs=${1:-build/firmscope}
elf=${2:-build/fw/perf/loop.elf}
plugins=${3:-build/plugins}

best_of_3() {
    local best="" start end secs
    for _ in 1 2 3; do
        start=$(date +%s.%N)
        "$fs" "$@" -M virt -bios none -kernel "$elf" -nographic >/dev/null \
            2>/dev/null
        end=$(date +%s.%N)
        secs=$(echo "$end - $start" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc -l)" -eq 1 ]; then
            best=$secs
        fi
    done
    echo "$best"
}

trace=$(mktemp "${TMPDIR:-/tmp}/perf-trace.XXXXXX")
trap 'rm -f "$trace"' EXIT

base=$(best_of_3)
printf '%-34s %8s %9s %8s\n' "configuration" "seconds" "slowdown" "target"
printf '%-34s %8.3f %8.2fx\n' "no plugin" "$base" 1
# run NAME TARGET OPTION...
run() {
    local name=$1 target=$2 secs
    shift 2
    secs=$(best_of_3 "$@")
    printf '%-34s %8.3f %8.2fx %7s\n' "$name" "$secs" \
        "$(echo "$secs / $base" | bc -l)" "$target"
}
run "traps (discon only)" "1.01x" -plugin "$plugins/libtraps.so"
run "insn, inline op per instruction" "1.10x" \
    -plugin "$plugins/libinsn.so,inline=on"
run "insn, callback per instruction" "1.60x" \
    -plugin "$plugins/libinsn.so,inline=off"
run "PC trace (-trace-pc FILE)" "3.00x" -trace-pc "$trace"
