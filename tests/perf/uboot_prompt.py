# SPDX-License-Identifier: GPL-2.0-or-later
"""Boot Debian's OpenSBI (fw_jump) + U-Boot (S-mode) on the virt board and
time it to U-Boot's first "=> " prompt. Shared by tests/perf/boot.sh
(make perf) and bench/bench.py (make bench)."""
import subprocess
import time

SBI = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf"
UBOOT = "/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf"
ARGS = ["-M", "virt", "-bios", SBI, "-kernel", UBOOT, "-nographic"]


def time_to_prompt(cmd, limit=60.0):
    """Seconds from starting cmd (an emulator and its own options, ARGS
    appended) until '=> ' is on the console, or None (exit or timeout)."""
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
