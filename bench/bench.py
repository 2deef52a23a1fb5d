# SPDX-License-Identifier: GPL-2.0-or-later
"""make bench: firmscope against Debian's qemu-system-riscv64 (QEMU 7.2).

Usage: python3 bench/bench.py FIRMSCOPE FW_DIR BENCH_BUILD
  FW_DIR       the benchmark images (bench/fw/*.c built to FW_DIR/*.elf)
  BENCH_BUILD  holds fs/lib*.so (bench plugins for firmscope) and
               qemu/lib*.so (the same sources built for QEMU 7.2)

Three parts:
 1. each image x plugin configuration, firmscope and QEMU alternating,
    BENCH_RUNS times (default 5); median seconds, guest MIPS, the ratio of
    firmscope's throughput to QEMU's, each configuration's slowdown against
    no plugin on each side, geometric means over the images, and the
    issue's targets;
 2. the firmware test suite (tests/firmware/<board>/<case>, built to
    build/fw/) end to end: every case once per pass, total wall time,
    BENCH_RUNS passes alternating, median;
 3. OpenSBI + U-Boot to U-Boot's first prompt (as tests/perf/boot.sh).

Every image prints one "NAME: checksum 0x..." line; each run's output must
equal firmscope's first plain run, and its exit status be 0, or the row is
flagged and the script exits 1. Guest instruction counts come from the
icount plugin (inline) on firmscope; QEMU's count is printed beside it.

Environment: BENCH_RUNS (default 5), BENCH_IMAGES (space-separated subset),
BENCH_TRACE_DIR (write PC traces there; default /dev/null: a full trace of
one run is GBs, the emulators' cost is the callback and the write calls),
BENCH_PARTS (any of "images suite boot", default all), QEMU_RV64,
QEMU_RV32. `make bench BENCH_SCALE=N` builds images doing N times the work
into build/bench/xN and passes that FW_DIR.
"""
import glob
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# the U-Boot boot timer, shared with make perf (tests/perf/boot.sh)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests", "perf"))
from uboot_prompt import time_to_prompt  # noqa: E402

FS, FW_DIR, BUILD = sys.argv[1:4]
# Others rebuild build/ while we run: time private copies of firmscope and
# of the one shared plugin, so every run uses the same binaries.
SNAP = tempfile.mkdtemp(prefix="firmscope-bench.")
FS_NAME = FS
FS = shutil.copy2(FS, os.path.join(SNAP, "firmscope"))
TRAPS_PLUGIN = shutil.copy2("build/plugins/libtraps.so",
                            os.path.join(SNAP, "libtraps.so"))
RUNS = max(1, int(os.environ.get("BENCH_RUNS", "5")))
QEMU64 = os.environ.get("QEMU_RV64", "qemu-system-riscv64")
QEMU32 = os.environ.get("QEMU_RV32", "qemu-system-riscv32")
IMAGES = os.environ.get(
    "BENCH_IMAGES", "crc32 sha256 sort matmul interp ldst vm fp irq").split()
PARTS = os.environ.get("BENCH_PARTS", "images suite boot").split()
TRACE_DIR = os.environ.get("BENCH_TRACE_DIR", "")
RUN_TIMEOUT = 300

# firmscope's own binary PC trace (-trace-pc FILE, include/fstrace.h),
# when this build has it; else the same trace plugin as on QEMU
FS_TRACE_PC = b"-trace-pc" in subprocess.run(
    [FS, "--help"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT).stdout
if FS_TRACE_PC:
    FS_TRACE = ["-trace-pc", "{out}"]
    FS_TRACE_NOTE = "its own -trace-pc FILE (binary, one record per block " \
        "run)"
else:
    FS_TRACE = ["-plugin", BUILD + "/fs/libpcdump.so,out={out}"]
    FS_TRACE_NOTE = "the same plugin (no built-in PC trace in this build)"

# configuration -> (firmscope's extra options, QEMU's); "{out}" is the
# PC trace file
CONFIGS = [
    ("none", [], []),
    ("inline", ["-plugin", BUILD + "/fs/libicount.so,inline=on"],
     ["-plugin", BUILD + "/qemu/libicount.so,inline=on"]),
    ("callback", ["-plugin", BUILD + "/fs/libicount.so,inline=off"],
     ["-plugin", BUILD + "/qemu/libicount.so,inline=off"]),
    ("traps", ["-plugin", TRAPS_PLUGIN],
     ["-plugin", BUILD + "/qemu/libempty.so"]),
    ("pctrace", FS_TRACE,
     ["-plugin", BUILD + "/qemu/libpcdump.so,out={out}"]),
]
CONFIG_NOTES = """\
configurations (the same plugin source on both sides unless said):
  none      no plugin
  inline    bench/plugins/icount.c, inline=on: an inline add per instruction
  callback  bench/plugins/icount.c, inline=off: a callback per instruction
  traps     firmscope: plugins/traps.c (discontinuity callbacks only);
            QEMU 7.2 has no trap callbacks: bench/plugins/empty.c, a plugin
            that registers no per-block or per-instruction event (the cost
            of having a plugin loaded)
  pctrace   a full PC trace, written to %s. QEMU: bench/plugins/
            pcdump.c, a callback per instruction appending its PC (8 bytes)
            to a 1 MiB buffer written out with write(2).
            firmscope: %s"""

problems = []


def flag(msg):
    problems.append(msg)
    print("  !! " + msg, flush=True)


def timed(cmd, stdin=subprocess.DEVNULL, timeout=RUN_TIMEOUT):
    """Run cmd; return (seconds, exit status, stdout, stderr)."""
    start = time.perf_counter()
    try:
        p = subprocess.run(cmd, stdin=stdin, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
        status, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        status, out, err = 124, e.stdout or b"", e.stderr or b""
    return time.perf_counter() - start, status, out, err


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    if not xs:
        return float("nan")
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def count_from(err, pattern):
    m = re.search(pattern, err.decode(errors="replace"))
    return int(m.group(1)) if m else None


# ---- 1. the images --------------------------------------------------------

def run_image(name):
    elf = os.path.join(FW_DIR, name + ".elf")
    base = ["-M", "virt", "-cpu", "rv64", "-bios", "none", "-kernel", elf,
            "-nographic", "-d", "plugin"]
    times = {(c[0], side): [] for c in CONFIGS for side in ("fs", "qemu")}
    counts = {}
    expected = None
    for run in range(RUNS):
        for cfg, fs_opts, qemu_opts in CONFIGS:
            # alternate which emulator goes first, so drift hits both
            order = [("fs", [FS] + fs_opts), ("qemu", [QEMU64] + qemu_opts)]
            if run % 2:
                order.reverse()
            for side, cmd in order:
                out = os.devnull
                if TRACE_DIR:
                    out = os.path.join(TRACE_DIR, "bench-%s-%d.pctrace"
                                       % (side, os.getpid()))
                cmd = [a.replace("{out}", out) for a in cmd] + base
                secs, status, stdout, stderr = timed(cmd)
                if out != os.devnull and os.path.exists(out):
                    os.unlink(out)
                if expected is None:
                    expected = stdout
                    if not re.fullmatch(rb"%s: checksum 0x[0-9a-f]{16}\n"
                                        % name.encode(), stdout):
                        flag("%s: unexpected output %r" % (name, stdout))
                if status != 0 or stdout != expected:
                    flag("%s %s on %s: exit %d, output %r (expected %r)%s"
                         % (name, cfg, side, status, stdout, expected,
                            "; stderr: " + stderr.decode(errors="replace")
                            .strip()[:200] if stderr.strip() else ""))
                times[(cfg, side)].append(secs)
                if run == 0:
                    if cfg in ("inline", "callback"):
                        counts[(cfg, side)] = count_from(
                            stderr, r"icount: (\d+) instructions")
                    elif cfg == "pctrace":
                        counts[(cfg, side)] = count_from(
                            stderr, r"pcdump: (\d+) PCs")
                    elif cfg == "traps" and side == "fs":
                        counts[(cfg, side)] = count_from(
                            stderr, r"\n\s*0,\s*(\d+),")
                    # a plugin's exit line shows it was loaded and ran
                    native = cfg == "pctrace" and side == "fs" and \
                        FS_TRACE_PC
                    if cfg != "none" and not native and not re.search(
                            rb"icount: |pcdump: |VCPU, interrupts|empty: ",
                            stderr):
                        flag("%s %s on %s: no output from the plugin"
                             % (name, cfg, side))
    return expected, times, counts


def paired_slowdown(times, cfg, side):
    """The median over runs of cfg's time / no plugin's time in the same
    run (one sweep over the configurations, seconds apart): the host's
    drift between runs, a few percent on a shared VM, mostly cancels in
    each pair, which a ratio of two medians does not ensure."""
    return statistics.median(
        t / t0 for t, t0 in zip(times[(cfg, side)], times[("none", side)]))


def image_part():
    rows = {}
    print("benchmark images, %d runs each, firmscope and QEMU alternating; "
          "median seconds" % RUNS)
    print(CONFIG_NOTES % (TRACE_DIR or "/dev/null", FS_TRACE_NOTE))
    print()
    hdr = "%-7s %-9s %8s %8s %8s %8s %8s %8s %8s" % (
        "image", "config", "fs s", "qemu s", "fs MIPS", "qemu MIPS",
        "fs/qemu", "fs slow", "qemu slow")
    print(hdr)
    print("-" * len(hdr))
    for name in IMAGES:
        out, times, counts = run_image(name)
        insns = counts.get(("inline", "fs"))
        if not insns:
            flag("%s: no instruction count from the icount plugin" % name)
        med = {k: statistics.median(v) for k, v in times.items()}
        for cfg, _, _ in CONFIGS:
            fs_s, q_s = med[(cfg, "fs")], med[(cfg, "qemu")]
            fs_slow = paired_slowdown(times, cfg, "fs")
            q_slow = paired_slowdown(times, cfg, "qemu")
            fs_mips = insns / fs_s / 1e6 if insns else float("nan")
            q_mips = insns / q_s / 1e6 if insns else float("nan")
            rows[(name, cfg)] = (fs_s, q_s, fs_mips, q_mips, q_s / fs_s,
                                 fs_slow, q_slow)
            print("%-7s %-9s %8.3f %8.3f %8.1f %8.1f %7.2fx %7.2fx %7.2fx"
                  % ((name, cfg) + rows[(name, cfg)]), flush=True)
        note = "        %s, %s instructions (QEMU counted %s)" % (
            out.decode(errors="replace").strip(), insns,
            counts.get(("inline", "qemu")))
        if name == "irq":
            note += "; traps plugin: %s interrupts" % counts.get(
                ("traps", "fs"))
        print(note, flush=True)
        q_insns = counts.get(("inline", "qemu"))
        if insns and q_insns and abs(q_insns - insns) > insns / 100:
            flag("%s: instruction counts differ by more than 1%%" % name)
        for side in ("qemu",) if FS_TRACE_PC else ("fs", "qemu"):
            if counts.get(("pctrace", side)) != counts.get(("inline", side)):
                flag("%s: %s traced %s PCs, counted %s instructions" % (
                    name, side, counts.get(("pctrace", side)),
                    counts.get(("inline", side))))

    print("-" * len(hdr))
    geo = {}
    for cfg, _, _ in CONFIGS:
        cols = list(zip(*[rows[(n, cfg)] for n in IMAGES]))
        geo[cfg] = [geomean(c) for c in cols]
        print("%-7s %-9s %8.3f %8.3f %8.1f %8.1f %7.2fx %7.2fx %7.2fx"
              % (("geomean", cfg) + tuple(geo[cfg])))
    print("(fs/qemu: firmscope's throughput over QEMU's, above 1 = firmscope "
          "faster; slow: time against the same emulator with no plugin, the "
          "median of the runs' ratios)")
    return rows, geo


# ---- 2. the firmware test suite ---------------------------------------------

def suite_part():
    cases = []
    for src in sorted(glob.glob("tests/firmware/*/*/test.S")):
        case_dir = os.path.dirname(src)
        case = os.path.relpath(case_dir, "tests/firmware")
        elf = "build/fw/%s.elf" % case
        opts = []
        if os.path.exists(case_dir + "/cmdline"):
            opts = open(case_dir + "/cmdline").read().split()
        want = 0
        if os.path.exists(case_dir + "/expect.exit"):
            want = int(open(case_dir + "/expect.exit").read().strip())
        qemu = QEMU64
        for i, o in enumerate(opts[:-1]):
            if o == "-cpu" and opts[i + 1] == "rv32":
                qemu = QEMU32
        if not os.path.exists(elf):
            flag("suite: %s missing (make firmware)" % elf)
            continue
        tail = opts + ["-bios", "none", "-kernel", elf, "-nographic"]
        cases.append((case, want, [FS] + tail, [qemu] + tail))

    def one_pass(side):
        start = time.perf_counter()
        for case, want, fs_cmd, q_cmd in cases:
            _, status, _, _ = timed(fs_cmd if side == "fs" else q_cmd,
                                    timeout=20)
            if status != want:
                flag("suite: %s on %s exited %d, expected %d"
                     % (case, side, status, want))
        return time.perf_counter() - start

    totals = {"fs": [], "qemu": []}
    for run in range(RUNS):
        for side in (("fs", "qemu") if run % 2 == 0 else ("qemu", "fs")):
            totals[side].append(one_pass(side))
    fs_t = statistics.median(totals["fs"])
    q_t = statistics.median(totals["qemu"])

    # start-up and shut-down alone: an image that exits at once
    nop = {"fs": [], "qemu": []}
    nop_args = ["-M", "virt", "-cpu", "rv64", "-bios", "none", "-kernel",
                os.path.join(FW_DIR, "nop.elf"), "-nographic"]
    for run in range(RUNS):
        for side, exe in (("fs", FS), ("qemu", QEMU64)):
            secs, status, _, _ = timed([exe] + nop_args)
            if status != 0:
                flag("nop on %s exited %d" % (side, status))
            nop[side].append(secs)
    print()
    print("firmware test suite end to end: %d cases (tests/firmware, each "
          "run once per pass with its cmdline, no logging), median of %d "
          "passes" % (len(cases), RUNS))
    print("  firmscope %7.3f s   QEMU %7.3f s   firmscope %.1fx faster"
          % (fs_t, q_t, q_t / fs_t))
    print("  start-up + exit alone (nop.elf): firmscope %.1f ms, QEMU %.1f ms"
          % (1000 * statistics.median(nop["fs"]),
             1000 * statistics.median(nop["qemu"])))
    return q_t / fs_t


# ---- 3. OpenSBI + U-Boot to the prompt ----------------------------------------

def boot_part():
    t = {"fs": [], "qemu": []}
    for run in range(RUNS):
        for side in (("fs", "qemu") if run % 2 == 0 else ("qemu", "fs")):
            secs = time_to_prompt([FS if side == "fs" else QEMU64])
            if secs is None:
                flag("boot on %s: no prompt within 60 s" % side)
            else:
                t[side].append(secs)
    fs_t = statistics.median(t["fs"]) if t["fs"] else float("nan")
    q_t = statistics.median(t["qemu"]) if t["qemu"] else float("nan")
    print()
    print("OpenSBI fw_jump + U-Boot S-mode to the first '=> ' prompt, median "
          "of %d (U-Boot's 2 s autoboot countdown included: real time on "
          "QEMU, virtual time on firmscope)" % RUNS)
    print("  firmscope %6.2f s   QEMU %6.2f s   firmscope %.1fx faster"
          % (fs_t, q_t, q_t / fs_t))


# ---- targets (issue 6) ----------------------------------------------------------

def targets(rows, geo, suite_ratio):
    print()
    print("targets (issue 6):")

    def line(what, value, ok, qemu=""):
        print("  %-46s %-18s %s%s" % (what, value, "met" if ok else "MISSED",
                                      qemu))

    if geo:
        line("no plugin: geomean throughput >= 0.3x QEMU",
             "%.2fx" % geo["none"][4], geo["none"][4] >= 0.3)
        line("inline counter: <= 1.10x no plugin", "%.2fx" % geo["inline"][5],
             geo["inline"][5] <= 1.10,
             "   (QEMU here: %.2fx)" % geo["inline"][6])
        line("callback counter: <= 1.6x no plugin",
             "%.2fx" % geo["callback"][5], geo["callback"][5] <= 1.6,
             "   (QEMU here: %.2fx)" % geo["callback"][6])
        line("traps plugin: <= 1.01x no plugin", "%.3fx" % geo["traps"][5],
             geo["traps"][5] <= 1.01)
        if ("irq", "traps") in rows:
            s = rows[("irq", "traps")][5]
            line("traps plugin on irq: <= 1.01x no plugin", "%.3fx" % s,
                 s <= 1.01)
        line("full PC trace: <= 3x no plugin", "%.2fx" % geo["pctrace"][5],
             geo["pctrace"][5] <= 3.0,
             "   (QEMU here: %.2fx)" % geo["pctrace"][6])
    if suite_ratio is not None:
        line("firmware test suite: >= 10x faster than QEMU",
             "%.1fx" % suite_ratio, suite_ratio >= 10)


def main():
    start = time.perf_counter()
    print("firmscope: %s; QEMU: %s" % (FS_NAME, subprocess.run(
        [QEMU64, "--version"], stdout=subprocess.PIPE).stdout.decode()
        .splitlines()[0]))
    rows, geo, suite_ratio = {}, {}, None
    if "images" in PARTS and IMAGES:
        rows, geo = image_part()
    if "suite" in PARTS:
        suite_ratio = suite_part()
    if "boot" in PARTS:
        boot_part()
    targets(rows, geo, suite_ratio)
    print()
    print("make bench took %.0f s" % (time.perf_counter() - start))
    if problems:
        print("%d problem(s):" % len(problems))
        for p in problems:
            print("  " + p)
        sys.exit(1)


try:
    main()
finally:
    shutil.rmtree(SNAP, ignore_errors=True)
