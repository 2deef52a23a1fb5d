#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Instrumentation overhead on the perf loop (tests/perf/loop.S): wall-clock
# time with no plugin, the traps plugin (discon callbacks only), insn
# counting with an inline op per instruction and with a callback per
# instruction, and a full PC trace (-trace-pc, to a scratch file). Five
# rounds, each running every configuration once; each configuration's
# slowdown is the median over the rounds of its time over the same round's
# no-plugin time (so drift between rounds cancels), printed beside the
# median seconds and its target (issue 6).
set -eu
fs=${1:-build/firmscope}
elf=${2:-build/fw/perf/loop.elf}
plugins=${3:-build/plugins}

trace=$(mktemp "${TMPDIR:-/tmp}/perf-trace.XXXXXX")
trap 'rm -f "$trace"' EXIT

python3 - "$fs" "$elf" "$plugins" "$trace" <<'PY'
import statistics, subprocess, sys, time

fs, elf, plugins, trace = sys.argv[1:5]
ROUNDS = 5
CONFIGS = [
    ("no plugin", None, []),
    ("traps (discon only)", "1.01x", ["-plugin", plugins + "/libtraps.so"]),
    ("insn, inline op per instruction", "1.10x",
     ["-plugin", plugins + "/libinsn.so,inline=on"]),
    ("insn, callback per instruction", "1.60x",
     ["-plugin", plugins + "/libinsn.so,inline=off"]),
    ("PC trace (-trace-pc FILE)", "3.00x", ["-trace-pc", trace]),
]


def seconds(opts):
    cmd = [fs] + opts + ["-M", "virt", "-bios", "none", "-kernel", elf,
                         "-nographic"]
    start = time.monotonic()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return time.monotonic() - start


times = {name: [] for name, _, _ in CONFIGS}
for _ in range(ROUNDS):
    for name, _, opts in CONFIGS:
        times[name].append(seconds(opts))
base = times["no plugin"]
print("%-34s %8s %9s %8s" % ("configuration", "seconds", "slowdown",
                             "target"))
for name, target, _ in CONFIGS:
    slow = statistics.median(t / b for t, b in zip(times[name], base))
    line = "%-34s %8.3f %8.2fx %7s" % (name, statistics.median(times[name]),
                                       slow, target or "")
    print(line.rstrip())
PY
