#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Differential run of one image under Debian's QEMU and under firmscope.

    diff.py [options] -- MACHINE-OPTIONS...

MACHINE-OPTIONS are what both emulators get (e.g. -M virt -bios none
-kernel x.elf; "-cpu rv32" picks qemu-system-riscv32). Both run
single-stepped (QEMU: -singlestep, firmscope: the same option) with
deterministic virtual time (QEMU: -icount shift=N,align=off,sleep=off,
firmscope: -icount shift=N), and log through pipes that this script reads
in lockstep, so no log is ever stored:

  --mode state   (default) every instruction: its PC and the whole register
                 state before it (-d exec,cpu,fpu), and every trap (-d int:
                 interrupt or exception, cause, epc, tval; the handler's PC
                 is the next instruction's);
  --mode pcs     every instruction's PC and every trap, no register state.
  --mode traps   every trap only, not single-stepped (fast enough for a
                 whole boot): exceptions by cause, epc and tval, interrupts
                 by cause (QEMU takes them at block boundaries, firmscope
                 at the instruction where they arrive). --until TEXT stops
                 each emulator once its UART output holds TEXT (e.g. a
                 prompt) and compares the output up to there.

The first divergence is reported with both sides' records, the registers
that differ and the previous few PCs (disassembled by objdump when the
image is an ELF), and the exit status is 1. The UART output and the exit
status of both emulators are compared too. Exit status 0: no divergence;
2: usage error; 77: QEMU is not installed.

QEMU's exec log names blocks that were entered but did not run (rewound
for an I/O access in icount mode, or stopped by a pending exit request);
those "Trace" lines are dropped.

Rules for where QEMU 7.2 differs (tests/diff/KNOWN.md); each result line
names the ones it used:
  minstret-is-time, medeleg-writable, interrupt-bits-without-h
                    a CSR read of instret/minstret, medeleg, mideleg or
                    mie leaves the register it wrote out of the
                    comparison (for medeleg/mideleg/mie, only if the values
                    differ in the bits QEMU keeps) until both sides hold
                    the same value in it again; the CSR's own dump line is
                    compared without those bits.
  clint-timer-late  QEMU's CLINT raises MTIP up to 99 ns after mtime
                    reaches mtimecmp. Where only mip.MTIP differs, and
                    firmscope's is the one set, MTIP is left out until
                    QEMU's rises too; if the paths part meanwhile, the rest
                    of the run is compared by its traps only: exceptions
                    by cause, epc and tval, interrupts by cause, each with
                    the handler's PC, and their number.
"""

import argparse
import itertools
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

# The extensions firmscope implements: QEMU 7.2's rv64/rv32 CPUs enable more
# by default, and these properties turn them off, so that an encoding is
# legal on one emulator exactly when it is on the other (debug=false: no
# trigger CSRs). pmu-num=29: every hpmcounter exists (KNOWN.md:
# hpmcounter-absent). marchid/mimpid: QEMU puts its version there,
# firmscope 0 (both allowed).
QEMU_CPU_PROPS = ("h=false,sstc=false,pmu-num=29,debug=false,marchid=0,"
                  "mimpid=0,zba=false,zbb=false,"
                  "zbc=false,zbs=false,Zihintpause=false,Zfh=false,"
                  "Zfhmin=false,svinval=false,svnapot=false,svpbmt=false")

TRACE_RE = re.compile(r"^Trace \d+: \S+ \[[0-9a-f]+/([0-9a-f]+)/")
QEMU_INT_RE = re.compile(
    r"^riscv_cpu_do_interrupt: hart:\d+, async:(\d), cause:([0-9a-f]+), "
    r"epc:0x([0-9a-f]+), tval:0x([0-9a-f]+)")
FS_INT_RE = re.compile(
    r"^int: hart=\d+ (interrupt|exception) cause=(\d+) from=0x([0-9a-f]+) "
    r"to=0x[0-9a-f]+ tval=0x([0-9a-f]+)")
# QEMU's exec log: a "Trace" line followed by one of these did not run
# (rewound for I/O in icount mode, or stopped before its first instruction
# by a pending exit request); the instruction's real run is logged after.
NOT_RUN = ("cpu_io_recompile: rewound execution of TB",
           "Stopped execution of TB chain before")


class Insn:
    """One executed instruction: its PC and the state lines before it."""
    __slots__ = ("pc", "state")

    def __init__(self, pc):
        self.pc = pc
        self.state = []

    def __eq__(self, other):
        return (isinstance(other, Insn) and self.pc == other.pc and
                self.state == other.state)

    def describe(self):
        return "pc 0x%x" % self.pc


class Trap:
    """One trap entry as -d int logs it."""
    __slots__ = ("interrupt", "cause", "epc", "tval")

    def __init__(self, interrupt, cause, epc, tval):
        self.interrupt = interrupt
        self.cause = cause
        self.epc = epc
        self.tval = tval

    def __eq__(self, other):
        return (isinstance(other, Trap) and
                (self.interrupt, self.cause, self.epc, self.tval) ==
                (other.interrupt, other.cause, other.epc, other.tval))

    def describe(self):
        return "%s cause %d epc 0x%x tval 0x%x" % (
            "interrupt" if self.interrupt else "exception", self.cause,
            self.epc, self.tval)


def records(stream, xlen):
    """The Insn and Trap records of one log, in order."""
    cause_mask = (1 << (xlen - 1)) - 1
    pending = None
    for line in stream:
        if line.startswith(" "):
            if pending is not None:
                pending.state.append(line.rstrip())
            continue
        if line.startswith("Trace "):
            if pending is not None:
                yield pending
            m = TRACE_RE.match(line)
            pending = Insn(int(m.group(1), 16)) if m else None
            continue
        if line.startswith(NOT_RUN):
            pending = None
            continue
        m = QEMU_INT_RE.match(line)
        if m:
            if pending is not None:
                yield pending
                pending = None
            yield Trap(m.group(1) == "1", int(m.group(2), 16) & cause_mask,
                       int(m.group(3), 16), int(m.group(4), 16))
            continue
        m = FS_INT_RE.match(line)
        if m:
            if pending is not None:
                yield pending
                pending = None
            yield Trap(m.group(1) == "interrupt", int(m.group(2)),
                       int(m.group(3), 16), int(m.group(4), 16))
        # anything else (firmscope's semihosting "hostcall" lines, which
        # QEMU does not log) is not part of the comparison
    if pending is not None:
        yield pending


class Disassembler:
    """PC -> objdump's text for the images, when they are ELFs."""

    def __init__(self, elfs):
        self.lines = {}
        objdump = shutil.which("riscv64-unknown-elf-objdump")
        for elf in elfs:
            if not objdump:
                return
            try:
                out = subprocess.run([objdump, "-d", "-M", "no-aliases",
                                      elf], capture_output=True, text=True,
                                     check=False).stdout
            except OSError:
                continue
            for line in out.splitlines():
                m = re.match(r"^\s*([0-9a-f]+):\s+(.*)$", line)
                if m:
                    self.lines[int(m.group(1), 16)] = m.group(2).strip()

    def at(self, pc):
        return self.lines.get(pc, "?")


def state_diff(a, b):
    """Register fields that differ between two state dumps."""
    fa, fb = fields(a), fields(b)
    keys = [k for k in fa if fa.get(k) != fb.get(k)]
    keys += [k for k in fb if k not in fa]
    show = lambda v: "-" if v is None else "%x" % v
    return ["%-9s qemu %-18s firmscope %s" % (k, show(fa.get(k)),
                                              show(fb.get(k))) for k in keys]


def images(margs):
    """The files given with -bios and -kernel."""
    return [v for v in (option_value(margs, "-bios"),
                        option_value(margs, "-kernel")) if v and v != "none"]


def option_value(args, name):
    for i, a in enumerate(args[:-1]):
        if a == name:
            return args[i + 1]
    return None


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--firmscope", default="build/firmscope")
    ap.add_argument("--mode", choices=("state", "pcs", "traps"),
                    default="state")
    ap.add_argument("--until", metavar="TEXT",
                    help="stop each side once its UART output holds TEXT")
    ap.add_argument("--icount", type=int, default=3,
                    help="icount shift on both sides (default 3)")
    ap.add_argument("--max-insns", type=int, default=0,
                    help="stop comparing after this many instructions")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--context", type=int, default=8,
                    help="previous PCs shown at a divergence")
    ap.add_argument("machine", nargs=argparse.REMAINDER)
    opt = ap.parse_args()
    margs = opt.machine[1:] if opt.machine[:1] == ["--"] else opt.machine
    if not margs:
        ap.error("no machine options (after --)")
    if opt.until and opt.mode != "traps":
        ap.error("--until needs --mode traps (single-stepped runs stop at "
                 "different instructions)")

    cpu = option_value(margs, "-cpu") or "rv64"
    xlen = 32 if cpu.startswith("rv32") else 64
    qemu = shutil.which("qemu-system-riscv%d" % xlen)
    if not qemu:
        print("diff: qemu-system-riscv%d not found" % xlen, file=sys.stderr)
        return 77
    qargs = list(margs)
    if "-cpu" in qargs:
        i = qargs.index("-cpu")
        qargs[i + 1] = cpu + "," + QEMU_CPU_PROPS
    else:
        qargs += ["-cpu", "rv64," + QEMU_CPU_PROPS]
    items = {"state": "int,exec,nochain,cpu,fpu", "pcs": "int,exec,nochain",
             "traps": "int"}[opt.mode]
    step = [] if opt.mode == "traps" else ["-singlestep"]

    tmp = tempfile.mkdtemp(prefix="fsdiff.")
    procs = []
    try:
        # each log goes through a pipe: the emulator writes /dev/fd/N, and
        # its end closing (even before it ever logged) is the reader's EOF
        pipes = [os.pipe(), os.pipe()]
        cmds = [
            [qemu] + qargs + ["-nographic", "-d", items] + step + [
                "-icount", "shift=%d,align=off,sleep=off" % opt.icount,
                "-D", "/dev/fd/%d" % pipes[0][1]],
            [opt.firmscope] + margs + ["-nographic", "-d", items] + step + [
                "-icount", "shift=%d" % opt.icount,
                "-D", "/dev/fd/%d" % pipes[1][1]],
        ]
        outs = [open(os.path.join(tmp, n), "w+b") for n in ("q.out", "f.out")]
        errs = [open(os.path.join(tmp, n), "w+b") for n in ("q.err", "f.err")]
        for cmd, out, err, (_, w) in zip(cmds, outs, errs, pipes):
            procs.append(subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                          stdout=out, stderr=err,
                                          pass_fds=(w,)))
            os.close(w)
        timed_out = threading.Event()
        timer = threading.Timer(opt.timeout, lambda: (
            timed_out.set(), [p.kill() for p in procs]))
        timer.start()
        if opt.until:
            for p, out in zip(procs, outs):
                threading.Thread(target=stop_at_text,
                                 args=(p, out.name, opt.until.encode()),
                                 daemon=True).start()
        logs = [os.fdopen(r, "r", errors="replace") for r, _ in pipes]
        kind, *result = compare(opt, margs, xlen, logs)
        if opt.until and kind == "ended":
            result.append(opt.until.encode())
        if kind == "final":
            for p in procs:
                p.kill()
        statuses = [p.wait() for p in procs]
        timer.cancel()
        if timed_out.is_set():
            status, text = 1, ("diff: TIMEOUT: killed both after %g s "
                               "(--timeout)" % opt.timeout)
        elif kind == "final":
            status, text = result
        else:
            status, text = compare_ends(statuses, outs, *result)
        if status != 0:
            for side, err in (("qemu", errs[0]), ("firmscope", errs[1])):
                err.seek(0)
                tail = err.read().decode(errors="replace").strip()[-500:]
                if tail:
                    text += "\n%s stderr: %s" % (side, tail)
        print(text, file=sys.stdout if status == 0 else sys.stderr)
        return status
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
        shutil.rmtree(tmp, ignore_errors=True)


def stop_at_text(proc, path, text):
    """Stop proc once the file it writes its UART output to holds text
    (SIGTERM: both emulators then flush their logs)."""
    while proc.poll() is None:
        with open(path, "rb") as f:
            if text in f.read():
                proc.terminate()
                return
        time.sleep(0.05)


def fields(state):
    """name -> value of a state dump ("mstatus", "x10/a0", "f0/ft0"...)."""
    out = {}
    for line in state:
        toks = line.split()
        for i in range(0, len(toks) - 1, 2):
            out[toks[i]] = int(toks[i + 1], 16)
    return out


MIP_MTIP = 1 << 7
GPR_NAME = re.compile(r"^x(\d+)/")


class Image:
    """The instruction words of the images' loadable segments (ELFs)."""

    def __init__(self, paths):
        self.segments = []
        for path in paths:
            self.load(path)

    def load(self, path):
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            return
        if data[:4] != b"\x7fELF" or data[5] != 1:
            return
        is64 = data[4] == 2
        if is64:
            phoff, = struct.unpack_from("<Q", data, 0x20)
            phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
        else:
            phoff, = struct.unpack_from("<I", data, 0x1c)
            phentsize, phnum = struct.unpack_from("<HH", data, 0x2a)
        for i in range(phnum):
            off = phoff + i * phentsize
            if is64:
                ptype, _, poff, _, paddr, filesz = struct.unpack_from(
                    "<IIQQQQ", data, off)
            else:
                ptype, poff, _, paddr, filesz = struct.unpack_from(
                    "<IIIII", data, off)
            if ptype == 1:  # PT_LOAD
                self.segments.append((paddr, data[poff:poff + filesz]))

    def word(self, pc):
        for base, blob in self.segments:
            if base <= pc and pc + 4 <= base + len(blob):
                return struct.unpack_from("<I", blob, pc - base)[0]
        return None


# Rules for CSR reads whose value QEMU 7.2 gets wrong (tests/diff/KNOWN.md):
# rule name -> (CSR numbers, the bits that may differ; None: any). The
# register such a read wrote is left out of the comparison until both
# sides hold the same value in it again; the CSR's own line in the dump is
# compared without those bits (CSR_FIELD_MASKS).
MEDELEG_QEMU_EXTRA = (1 << 10) | (1 << 11) | (0xf << 20)
INT_QEMU_EXTRA = (1 << 2) | (1 << 6) | (1 << 10) | (1 << 13)
CSR_READ_RULES = {
    "minstret-is-time": ((0xc02, 0xb02, 0xc82, 0xb82), None),
    "medeleg-writable": ((0x302,), MEDELEG_QEMU_EXTRA),
    "interrupt-bits-without-h": ((0x303, 0x304), INT_QEMU_EXTRA),
}
CSR_FIELD_MASKS = {
    "medeleg": ("medeleg-writable", ~MEDELEG_QEMU_EXTRA),
    "mideleg": ("interrupt-bits-without-h", ~INT_QEMU_EXTRA),
    "mie": ("interrupt-bits-without-h", ~INT_QEMU_EXTRA),
}


def csr_read(word):
    """(csr, rd) if word is a CSR instruction writing a register."""
    if word is None or word & 0x7f != 0x73 or (word >> 12) & 7 in (0, 4):
        return None
    rd, csr = (word >> 7) & 31, word >> 20
    return (csr, rd) if rd else None


def csr_read_rule(word, mask_mtip):
    """(rule, rd, bits) if word reads a CSR a rule names; while rule
    clint-timer-late is in force, that includes mip (bit MTIP)."""
    read = csr_read(word)
    if read is None:
        return None
    csr, rd = read
    if mask_mtip and csr == 0x344:
        return "clint-timer-late", rd, MIP_MTIP
    for name, (csrs, bits) in CSR_READ_RULES.items():
        if csr in csrs:
            return name, rd, bits
    return None


class Comparison:
    """The lockstep comparison and the rules it applies (see the top)."""

    def __init__(self, image, traps_only, shift):
        self.image = image
        self.traps_only = traps_only
        # clint-timer-late: QEMU is at most 99 ns late, so its MTIP must
        # rise within this many instructions of firmscope's
        self.mtip_window = -(-100 // (1 << shift)) + 1
        self.mtip_left = 0
        self.reason = None      # why a record was refused, if not obvious
        self.mask_mtip = False  # rule clint-timer-late is in force
        self.masked = {}        # GPR field -> rule leaving it out for now
        self.prev_pc = None
        self.rules_used = set()

    def differing(self, q, f):
        """Fields of two same-PC states that differ, after the rules."""
        fq, ff = fields(q.state), fields(f.state)
        out = []
        # QEMU's dump leaves out a CSR its debugger read refuses (satp
        # under mstatus.TVM); any other field one side lacks is a difference
        for key in (fq.keys() ^ ff.keys()) - {"satp"}:
            out.append((key, fq.get(key), ff.get(key)))
        for key in fq.keys() & ff.keys():
            vq, vf = fq[key], ff[key]
            rule, mask = CSR_FIELD_MASKS.get(key, (None, 0))
            if rule and vq != vf and (vq ^ vf) & mask == 0:
                self.rules_used.add(rule)
                continue
            if key == "mip" and self.mask_mtip:
                vq, vf = vq & ~MIP_MTIP, vf & ~MIP_MTIP
            if key in self.masked:
                if vq == vf:
                    del self.masked[key]
                continue
            if vq != vf:
                out.append((key, vq, vf))
        return out

    def same(self, q, f):
        """Do records q (QEMU) and f (firmscope) agree, rules applied?"""
        if (self.traps_only and isinstance(q, Trap) and
                isinstance(f, Trap) and q.interrupt and f.interrupt):
            return q.cause == f.cause  # not single-stepped: see --mode
        if not isinstance(q, Insn) or not isinstance(f, Insn):
            return q == f
        if q.pc != f.pc:
            return False
        if q.state != f.state or self.masked or self.mask_mtip:
            diff = self.differing(q, f)
            if diff and not self.excuse(q, f, diff):
                return False
        if self.mask_mtip:
            if fields(q.state).get("mip", 0) & MIP_MTIP:
                self.mask_mtip = False  # QEMU's MTIP has caught up
            else:
                self.mtip_left -= 1
                if self.mtip_left < 0:
                    self.reason = ("rule clint-timer-late: QEMU's MTIP did "
                                   "not rise within %d instructions of "
                                   "firmscope's" % self.mtip_window)
                    return False
        self.prev_pc = q.pc
        return True

    def excuse(self, q, f, diff):
        """Does a rule explain this state difference? (It then applies.)"""
        # clint-timer-late: only MTIP differs, and firmscope's is the one up
        if (len(diff) == 1 and diff[0][0] == "mip" and
                diff[0][1] ^ diff[0][2] == MIP_MTIP and
                diff[0][2] & MIP_MTIP):
            self.mask_mtip = True
            self.mtip_left = self.mtip_window
            self.rules_used.add("clint-timer-late")
            return True
        # a CSR read the rules name wrote the only differing register
        rule = csr_read_rule(self.image.word(self.prev_pc)
                             if self.prev_pc is not None else None,
                             self.mask_mtip)
        if rule and len(diff) == 1:
            name, rd, bits = rule
            key, vq, vf = diff[0]
            m = GPR_NAME.match(key)
            if m and int(m.group(1)) == rd and (bits is None or
                                                (vq ^ vf) & ~bits == 0):
                self.masked[key] = name
                self.rules_used.add(name)
                return True
        return False

    def paths_parted(self, q, f):
        """While rule clint-timer-late is in force (MTIP, or a register read
        from mip, still left out): have the two runs gone different ways
        (other PCs, or firmscope took the timer interrupt QEMU has not
        raised yet)? Other differences are divergences."""
        in_force = (self.mask_mtip or
                    "clint-timer-late" in self.masked.values())
        if not in_force or self.reason:
            return False
        if isinstance(q, Insn) and isinstance(f, Insn):
            return q.pc != f.pc
        return (isinstance(q, Insn) and isinstance(f, Trap) and
                f.interrupt and f.cause == 7)


def compare(opt, margs, xlen, logs):
    """Lockstep comparison: ("final", status, text) when it is decided
    before the logs end (a divergence, --max-insns), else ("ended",
    instructions, traps, note) for compare_ends()."""
    qrec, frec = records(logs[0], xlen), records(logs[1], xlen)
    cmp = Comparison(Image(images(margs)), opt.mode == "traps", opt.icount)
    recent = []
    n_insns = n_traps = 0
    while True:
        q = next(qrec, None)
        f = next(frec, None)
        if q is None and f is None:
            break
        if not cmp.same(q, f):
            if cmp.paths_parted(q, f):
                # QEMU's late timer made the paths part: from here on only
                # what is defined is compared (tests/diff/KNOWN.md)
                return compare_traps(n_insns, n_traps,
                                     list_rest(itertools.chain([q], qrec)),
                                     list_rest(itertools.chain([f], frec)))
            return ("final", 1, divergence(margs, q, f, recent, n_insns,
                                           cmp.reason))
        if isinstance(q, Insn):
            n_insns += 1
            recent.append(q.pc)
            del recent[:-opt.context]
            if opt.max_insns and n_insns >= opt.max_insns:
                return ("final", 0, "diff: same %d instructions and %d "
                        "traps (stopped at --max-insns)%s" %
                        (n_insns, n_traps, rules_note(cmp.rules_used)))
        else:
            n_traps += 1
    return ("ended", n_insns, n_traps, rules_note(cmp.rules_used))


def rules_note(rules):
    return " (rules: %s)" % ", ".join(sorted(rules)) if rules else ""


def list_rest(recs):
    """The traps of the rest of a log, each with its handler's PC."""
    out = []
    trap = None
    for r in recs:
        if isinstance(r, Trap):
            if trap is not None:
                out.append((trap, None))
            trap = r
        elif trap is not None:
            out.append((trap, r.pc))
            trap = None
    if trap is not None:
        out.append((trap, None))
    return out


def compare_traps(n_insns, n_traps, qtraps, ftraps):
    """After rule clint-timer-late: exceptions by cause, epc and tval,
    interrupts by cause; each by the handler's PC; and their number."""
    def defined(entry):
        trap, to_pc = entry
        if trap.interrupt:
            return ("interrupt", trap.cause, to_pc)
        return ("exception", trap.cause, trap.epc, trap.tval, to_pc)
    qd = [defined(t) for t in qtraps]
    fd = [defined(t) for t in ftraps]
    for i in range(max(len(qd), len(fd))):
        a = qd[i] if i < len(qd) else None
        b = fd[i] if i < len(fd) else None
        if a != b:
            return ("final", 1, "diff: DIVERGENCE in trap %d after the "
                    "timer rule (clint-timer-late) at instruction %d:\n"
                    "qemu:      %s\nfirmscope: %s" %
                    (n_traps + i, n_insns, a, b))
    return ("ended", n_insns, n_traps + len(qd),
            " (traps only after instruction %d: clint-timer-late)" % n_insns)


def divergence(margs, q, f, recent, n_insns, reason):
    dis = Disassembler(images(margs))
    lines = ["diff: DIVERGENCE after %d identical instructions" % n_insns]
    if reason:
        lines.append(reason)
    lines.append("previous PCs:")
    lines += ["  0x%x  %s" % (pc, dis.at(pc)) for pc in recent]
    lines.append("qemu:      " + (q.describe() if q else "(log ended)"))
    lines.append("firmscope: " + (f.describe() if f else "(log ended)"))
    for r in (q, f):
        if isinstance(r, Insn):
            lines.append("  0x%x  %s" % (r.pc, dis.at(r.pc)))
            break
    if isinstance(q, Insn) and isinstance(f, Insn) and q.pc == f.pc:
        lines.append("registers before it that differ:")
        lines += ["  " + d for d in state_diff(q.state, f.state)]
    for side, r in (("qemu", q), ("firmscope", f)):
        if isinstance(r, Insn) and r.state:
            lines.append("%s state before 0x%x:" % (side, r.pc))
            lines += ["  " + line.strip() for line in r.state]
    return "\n".join(lines)


def compare_ends(statuses, outs, n_insns, n_traps, note, until=None):
    """Once both logs agreed to their end: exit status and UART output
    (up to the end of `until`, when each side was stopped there)."""
    for f in outs:
        f.seek(0)
    uart = [out.read() for out in outs]
    if until is not None:
        if not all(until in u for u in uart):
            return (1, "diff: DIVERGENCE: %r not reached: qemu %s, "
                    "firmscope %s" % (until, until in uart[0],
                                      until in uart[1]))
        uart = [u[:u.index(until) + len(until)] for u in uart]
        note += " (stopped at %r)" % until.decode()
        return (0 if uart[0] == uart[1] else 1,
                "diff: same %d traps%s" % (n_traps, note)
                if uart[0] == uart[1] else
                "diff: DIVERGENCE in UART output before %r" % until)
    if statuses[0] != statuses[1]:
        return (1, "diff: DIVERGENCE in exit status: qemu %d, firmscope %d" %
                (statuses[0], statuses[1]))
    if n_insns == 0 and n_traps == 0:
        return (1, "diff: nothing ran on either side (exit status %d)" %
                statuses[0])
    if uart[0] != uart[1]:
        return (1, "diff: DIVERGENCE in UART output:\nqemu:      %r\n"
                "firmscope: %r" % (uart[0][-200:], uart[1][-200:]))
    return (0, "diff: same %d instructions, %d traps, exit status %d%s" %
            (n_insns, n_traps, statuses[0], note))


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
