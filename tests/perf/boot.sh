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
exec python3 - "$fs" <<'PY'
import subprocess, sys, time

SBI = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf"
UBOOT = "/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf"
ARGS = ["-M", "virt", "-bios", SBI, "-kernel", UBOOT, "-nographic"]


def time_to_prompt(cmd, limit=60.0):
    """Seconds from start until '=> ' is on the console, or None."""
    start = time.monotonic()
    p = subprocess.Popen(cmd + ARGS, stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    seen = b""
    try:
        while time.monotonic() - start < limit:
            chunk = p.stdout.read1(4096)
            if not chunk:
                return None
            seen = (seen + chunk)[-4096:]
            if b"=> " in seen:
                return time.monotonic() - start
        return None
    finally:
        p.kill()
        p.wait()


def best(cmd):
    times = [time_to_prompt(cmd) for _ in range(3)]
    return None if None in times else min(times)


fs = sys.argv[1]
rows = [("firmscope (default)", [fs]),
        ("firmscope -icount shift=0", [fs, "-icount", "shift=0"]),
        ("qemu", ["qemu-system-riscv64"])]
print("boot to the U-Boot prompt (OpenSBI fw_jump + U-Boot S-mode, best of 3):")
for name, cmd in rows:
    t = best(cmd)
    print("  %-26s %s" % (name, "timeout" if t is None else "%.2f s" % t))
PY
