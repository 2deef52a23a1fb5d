#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Boot time of Debian's OpenSBI + U-Boot (S-mode) to U-Boot's first "=> "
# prompt, on firmscope and on Debian's QEMU, measured in one run with the
# same images and command line (U-Boot's 2 s autoboot countdown included:
# real time on QEMU, virtual time on firmscope: 250 M instructions of
# busy-waiting at the default 8 ns per instruction, 2 G at -icount
# shift=0). Best of 3 each.
set -u
fs=${1:-build/firmscope}
exec python3 - "$(dirname "$0")" "$fs" <<'PY'
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, sys.argv[1])
from uboot_prompt import time_to_prompt  # noqa: E402


def best(cmd):
    times = [time_to_prompt(cmd) for _ in range(3)]
    return None if None in times else min(times)


fs = sys.argv[2]
rows = [("firmscope (default)", [fs]),
        ("firmscope -icount shift=0", [fs, "-icount", "shift=0"]),
        ("qemu", ["qemu-system-riscv64"])]
print("boot to the U-Boot prompt (OpenSBI fw_jump + U-Boot S-mode, best of 3):")
for name, cmd in rows:
    t = best(cmd)
    print("  %-26s %s" % (name, "timeout" if t is None else "%.2f s" % t))
PY
