#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Report guest MIPS of the perf loop: instructions retired (printed by
# the firmware itself) over the wall-clock seconds of the best of 3 runs.
set -eu
fs=${1:-build/firmscope}
elf=${2:-build/fw/perf/loop.elf}
best=""
for _ in 1 2 3; do
    start=$(date +%s.%N)
    out=$("$fs" -M virt -bios none -kernel "$elf" -nographic)
    end=$(date +%s.%N)
    secs=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc -l)" -eq 1 ]; then
        best=$secs
    fi
done
insns=$(printf '%s\n' "$out" | sed -n 's/^perf loop: \([0-9]*\) instructions.*/\1/p')
printf '%s\n' "$out"
printf 'perf loop: %s instructions in %.3f s = %.1f MIPS (best of 3)\n' \
    "$insns" "$best" "$(echo "$insns / $best / 1000000" | bc -l)"
