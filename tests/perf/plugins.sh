#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Plugin overhead on the perf loop (tests/perf/loop.S): wall-clock time
# (best of 3) with no plugin, the traps plugin, insn counting with an
# inline op per instruction and with a callback per instruction, and the
# slowdown of each against no plugin.
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

base=$(best_of_3)
printf '%-34s %8s %9s\n' "configuration" "seconds" "slowdown"
printf '%-34s %8.3f %8.2fx\n' "no plugin" "$base" 1
run() {
    local name=$1 secs
    shift
    secs=$(best_of_3 "$@")
    printf '%-34s %8.3f %8.2fx\n' "$name" "$secs" \
        "$(echo "$secs / $base" | bc -l)"
}
run "traps (discon only)" -plugin "$plugins/libtraps.so"
run "insn, inline op per instruction" -plugin "$plugins/libinsn.so,inline=on"
run "insn, callback per instruction" -plugin "$plugins/libinsn.so,inline=off"
