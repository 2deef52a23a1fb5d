#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tests/mem/run.sh [BUILD_DIR]
#
# Host memory: guest RAM is reserved, not touched, until the guest uses it;
# and running guest code allocates nothing per instruction or per event.
# The image is bench/fw/irq.c at BENCH_SCALE=1 (400,000 timer interrupts,
# about 120 M instructions). Run after `make all plugins` and
# `make BENCH_SCALE=1 build/bench/x1/irq.elf build/tests/mem/libmalloc_count.so`;
# prints TAP and always exits 0.
#
#   rss -m SIZE    the peak RSS of the run with SIZE of guest RAM stays
#                  under a bound far below SIZE (128M, 1G and 4G)
#   allocations    the heap allocations of whole runs, counted by
#                  libmalloc_count.so (LD_PRELOAD): with no plugin, with
#                  traps + insn (a callback per instruction) + mem (a
#                  callback per access), and with -trace-pc: each far
#                  fewer than the 400,000 interrupts the run takes, whose
#                  number and the instruction count the plugins print
#
# Environment: BENCH_IRQ (the image), KEEP=1 keeps the scratch directory.

set -u
export LC_ALL=C

cd "$(dirname "$0")/../.." || exit 0
# shellcheck source=tests/lib.sh
. tests/lib.sh
build=${1:-build}
fs=$build/firmscope
elf=${BENCH_IRQ:-build/bench/x1/irq.elf}
counter=$build/tests/mem/libmalloc_count.so
irqs=400000
rss_limit_kib=$((64 * 1024))
alloc_limit=20000

tmp=$(mktemp -d)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$tmp"' EXIT
count=0
echo "1..6"

missing=()
for f in "$fs" "$elf" "$counter" "$build/plugins/libtraps.so" \
         "$build/plugins/libinsn.so" "$build/plugins/libmem.so"; do
    [ -e "$f" ] || missing+=("missing $f")
done

# peak_rss_kib OUT_DIR ARGS...: run firmscope, print its peak RSS in KiB;
# its exit status goes to OUT_DIR/rc
peak_rss_kib() {
    local o=$1
    shift
    mkdir -p "$o"
    python3 - "$o" "$fs" "$@" <<'PY'
import resource, subprocess, sys
o = sys.argv[1]
with open(o + "/stdout", "wb") as out, open(o + "/stderr", "wb") as err:
    r = subprocess.run(sys.argv[2:], stdout=out, stderr=err)
open(o + "/rc", "w").write("%d\n" % r.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
}

for size in 128M 1G 4G; do
    name="rss -m $size: peak RSS under $((rss_limit_kib / 1024)) MiB"
    diags=("${missing[@]}")
    if [ ${#diags[@]} -eq 0 ]; then
        o=$tmp/rss_$size
        kib=$(peak_rss_kib "$o" -M virt -m "$size" -bios none -kernel "$elf" \
              -nographic)
        if [ "$(cat "$o/rc")" != 0 ]; then
            diags+=("exit status $(cat "$o/rc"): $(head -c 300 "$o/stderr")")
        elif ! grep -q '^irq: checksum ' "$o/stdout"; then
            diags+=("no checksum line: $(head -c 300 "$o/stdout")")
        elif [ "$kib" -ge "$rss_limit_kib" ]; then
            diags+=("peak RSS $kib KiB")
        else
            echo "# -m $size: peak RSS $kib KiB"
        fi
    fi
    result "$name"
done

# allocations NAME OUT_DIR ARGS...: one run under libmalloc_count.so
allocations() {
    local name=$1 o=$2 n
    shift 2
    diags=("${missing[@]}")
    if [ ${#diags[@]} -eq 0 ]; then
        mkdir -p "$o"
        MALLOC_COUNT_FILE=$o/count LD_PRELOAD=$counter "$fs" -M virt \
            -bios none -kernel "$elf" -nographic "$@" \
            > "$o/stdout" 2> "$o/stderr"
        echo "$?" > "$o/rc"
        n=$(cat "$o/count" 2>/dev/null)
        if [ "$(cat "$o/rc")" != 0 ]; then
            diags+=("exit status $(cat "$o/rc"): $(head -c 300 "$o/stderr")")
        elif [ -z "$n" ]; then
            diags+=("libmalloc_count.so wrote no count")
        elif [ "$n" -ge "$alloc_limit" ]; then
            diags+=("$n allocations (limit $alloc_limit)")
        else
            echo "# $name: $n allocations"
        fi
    fi
}

name="allocations: no plugin"
allocations "$name" "$tmp/alloc_plain"
result "$name"

name="allocations: traps + insn (callback per instruction) + mem plugins"
o=$tmp/alloc_plugins
allocations "$name" "$o" -plugin "$build/plugins/libtraps.so" \
    -plugin "$build/plugins/libinsn.so,inline=off" \
    -plugin "$build/plugins/libmem.so,callback=on" -d plugin -D "$o/log"
if [ ${#diags[@]} -eq 0 ]; then
    # the run did what it is counted against
    ints=$(awk -F', *' '$1 ~ /^ *0$/ { print $2 }' "$o/log")
    insns=$(sed -n 's/^total insns: //p' "$o/log")
    if [ "${ints:-0}" -lt "$irqs" ]; then
        diags+=("traps counted '${ints:-}' interrupts, expected >= $irqs")
    fi
    if [ "${insns:-0}" -lt 100000000 ]; then
        diags+=("insn counted '${insns:-}' instructions, expected >= 100 M")
    fi
fi
result "$name"

name="allocations: -trace-pc mem=on"
allocations "$name" "$tmp/alloc_trace" -trace-pc "$tmp/trace.bin,mem=on"
result "$name"
