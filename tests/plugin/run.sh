#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tests/plugin/run.sh [BUILD_DIR]
#
# The plugin test suite. Run from anywhere after
# `make all plugins firmware`; prints TAP and always exits 0.
#
# Builds its own test plugins (tests/plugin/api_*.c, bad_plugin.c, the
# compat plugins through tests/plugin/compat/build.sh) and firmware
# (tests/plugin/fw/*.S, linked with tests/firmware/common/virt.S) into
# BUILD_DIR/tests/plugin/, then runs:
#
#   discons <board>/<case>  every firmware case under libdiscons.so (abort
#                           on mismatch) and libtraptrace.so: expected exit
#                           status, exact expect.uart, and traptrace's
#                           events (type cause from to) == expect.trap
#   fw doubletrap           interrupt chained with an exception, no
#                           instruction between: discons passes, the
#                           exception's from_pc is the interrupt's to_pc
#   fw interruptedmemory    timer interrupts every ~100 ticks during an
#                           ld/sd loop: discons passes, every event is
#                           timer interrupt from the loop into the handler,
#                           as many as the firmware counted
#   fw smc                  firmware virt/smc under libhotblocks.so: its hot
#                           loop, which patches code on another page on
#                           every turn, is translated once; the patched
#                           function once per patch
#   fw exec log             -d exec on the demo, with libbb.so: one Trace
#                           line per block run, chained ones too
#   api ...                 the API test plugins (see each api_*.c)
#   bad plugin ...          plugins firmscope must refuse: exit status 1,
#                           one line on stderr naming the plugin
#   traps demo              libtraps.so's exact report on the demo
#   semihosting ...         SYS_WRITE0/SYS_EXIT_EXTENDED as a host call;
#                           a breakpoint without -semihosting or from U-mode
#
# Environment: CC (host compiler, default cc), CROSS (default
# riscv64-unknown-elf-), FW_BUILD (default build/fw), PLUGIN_TIMEOUT
# (seconds per run, default 20), KEEP=1 keeps the scratch directory.

set -u
export LC_ALL=C

cd "$(dirname "$0")/../.." || exit 0
# shellcheck source=tests/lib.sh
. tests/lib.sh
build=${1:-build}
fs=$build/firmscope
plugdir=$build/plugins
out=$build/tests/plugin
fw_dir=tests/firmware
fw_build=${FW_BUILD:-build/fw}
demo=$fw_build/demo.elf
limit=${PLUGIN_TIMEOUT:-20}
CC=${CC:-cc}
CROSS=${CROSS:-riscv64-unknown-elf-}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plugin-run.XXXXXX") || exit 0
if [ "${KEEP:-0}" = 1 ]; then
    echo "# scratch files kept in $tmp"
else
    trap 'rm -rf "$tmp"' EXIT
fi

# ---- the plan -----------------------------------------------------------

cases=()
for src in "$fw_dir"/*/*/test.S; do
    [ -f "$src" ] || continue
    c=${src#"$fw_dir"/}
    cases+=("${c%/test.S}")
done
API_TESTS=13
BAD_TESTS=9
planned=$((${#cases[@]} + 4 + API_TESTS + BAD_TESTS + 1 + 3))
count=0
echo "1..$planned"

# add_file_diags FILE PREFIX [MAX]: the first lines of FILE as diagnostics
add_file_diags() {
    local line n=0 max=${3:-5}
    [ -s "$1" ] || return 0
    while IFS= read -r line && [ $n -lt "$max" ]; do
        diags+=("$2$(printf '%s' "$line" | cut -c1-300 | cat -v)")
        n=$((n + 1))
    done < "$1"
}

# ---- building the test plugins and firmware ------------------------------

mkdir -p "$out/fw" "$tmp/build"
GLIB_CFLAGS=$(pkg-config --cflags glib-2.0 2>/dev/null)
GLIB_LIBS=$(pkg-config --libs glib-2.0 2>/dev/null)

# build_plugin NAME SRC [CFLAG...]: $out/libNAME.so, errors in
# $tmp/build/NAME.err
build_plugin() {
    local name=$1 src=$2
    shift 2
    rm -f "$out/lib$name.so"
    # shellcheck disable=SC2086
    "$CC" -std=c11 -D_GNU_SOURCE -O2 -fPIC -shared -Wall -Wextra -Werror \
        $GLIB_CFLAGS -Iinclude "$@" -o "$out/lib$name.so" "$src" $GLIB_LIBS \
        > "$tmp/build/$name.err" 2>&1
}
# build_fw NAME: $out/fw/NAME.elf from tests/plugin/fw/NAME.S
build_fw() {
    local name=$1
    rm -f "$out/fw/$name.elf"
    "${CROSS}gcc" -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany \
        -nostdlib -nostartfiles -static -T "$fw_dir/common/link.ld" \
        -Wl,--no-warn-rwx-segments -Wa,--fatal-warnings \
        -I"$fw_dir/common" -o "$out/fw/$name.elf" \
        "tests/plugin/fw/$name.S" "$fw_dir/common/virt.S" \
        > "$tmp/build/fw-$name.err" 2>&1
}

for p in api_inline api_cond api_mem api_regs api_memrw api_reset \
    api_uninstall api_score api_setpc api_mask api_batch; do
    build_plugin "$p" "tests/plugin/$p.c"
done
# the compat plugin for the older API versions (5-7: compat/build.sh)
for v in 2 3 4; do
    build_plugin "compat_v$v" tests/plugin/compat/compat_test.c \
        -DQEMU_PLUGIN_API_COMPAT=$v
done
build_plugin bad_noinstall tests/plugin/bad_plugin.c -DNO_INSTALL
build_plugin bad_noversion tests/plugin/bad_plugin.c -DNO_VERSION
build_plugin bad_version0 tests/plugin/bad_plugin.c -DBAD_VERSION=0
build_plugin bad_version99 tests/plugin/bad_plugin.c -DBAD_VERSION=99
build_plugin bad_install3 tests/plugin/bad_plugin.c -DINSTALL_RESULT=-3
build_plugin bad_rejectargs tests/plugin/bad_plugin.c -DREJECT_ARGS
printf 'this is a text file, not a shared object\n' > "$out/x.so"
for f in tests/plugin/fw/*.S; do
    build_fw "$(basename "$f" .S)"
done
CC=$CC sh tests/plugin/compat/build.sh "$out/compat" \
    > "$tmp/build/compat.out" 2>&1
echo $? > "$tmp/build/compat.rc"

# need FILE...: diagnostics (with build errors) for each missing FILE, and
# for a missing firmscope
need() {
    local f
    for f in "$@"; do
        if [ ! -f "$f" ]; then
            diags+=("missing $f")
            case $f in
            "$out"/lib*.so)
                f=${f#"$out"/lib}
                add_file_diags "$tmp/build/${f%.so}.err" "build: " ;;
            "$out"/fw/*.elf)
                f=${f#"$out"/fw/}
                add_file_diags "$tmp/build/fw-${f%.elf}.err" "build: " ;;
            esac
        fi
    done
    if [ ! -x "$fs" ]; then
        diags+=("missing $fs (run make)")
    fi
}

# sym ELF NAME: the symbol's address as 0x<hex> (lowercase, no padding)
sym() {
    "${CROSS}nm" "$1" 2>/dev/null | awk -v s="$2" '
        $3 == s { h = tolower($1); sub(/^0+/, "", h); print "0x" h; exit }'
}
# hexadd 0xA N: 0xA + N, normalised
hexadd() {
    printf '0x%x\n' $(($1 + $2))
}

# run DIR ARG...: firmscope ARG... with stdin closed, stdout/stderr/exit
# status in DIR/{stdout,stderr,exit}, log file DIR/log (-D added by the
# caller). Uses RUN_TIMEOUT if set, else $limit.
run() {
    local dir=$1
    shift
    mkdir -p "$dir"
    timeout "${RUN_TIMEOUT:-$limit}" "$fs" "$@" < /dev/null \
        > "$dir/stdout" 2> "$dir/stderr"
    echo $? > "$dir/exit"
    touch "$dir/log"
}

# check_exit DIR WANT: diagnostics unless the exit status is WANT
check_exit() {
    local got
    got=$(cat "$1/exit")
    if [ "$got" = 124 ]; then
        diags+=("timed out after ${RUN_TIMEOUT:-$limit}s")
    elif [ "$got" != "$2" ]; then
        diags+=("exit status $got, expected $2")
    fi
    if [ "$got" != "$2" ]; then
        add_file_diags "$1/stderr" "stderr: " 8
    fi
}

# check_same LABEL EXPECTED ACTUAL: first_diff into diags
check_same() {
    local line
    while IFS= read -r line; do
        diags+=("$line")
    done < <(first_diff "$@")
}

# events LOG: traptrace's lines ("VCPU TYPE FROM_PC TO_PC CAUSE") as
# "TYPE CAUSE FROM TO": cause decimal without the interrupt bit, PCs
# lowercase 0x<hex> without padding
events() {
    awk '
    function hexnorm(h) {
        h = tolower(h)
        sub(/^0x/, "", h)
        sub(/^0+/, "", h)
        return "0x" (h == "" ? "0" : h)
    }
    function causenorm(c,    h, d, v, i) {
        c = tolower(c)
        if (c ~ /^0x/) {
            h = substr(hexnorm(c), 3)
            if ((length(h) == 16 || length(h) == 8) && substr(h, 1, 1) ~ /[89a-f]/) {
                d = index("0123456789abcdef", substr(h, 1, 1)) - 1 - 8
                h = substr("0123456789abcdef", d + 1, 1) substr(h, 2)
            }
            v = 0
            for (i = 1; i <= length(h); i++)
                v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
            return v
        }
        if (c !~ /^[0-9]+$/)
            return c
        if (length(c) >= 10) {
            if (substr(c, 1, 15) == "922337203685477")
                return substr(c, length(c) - 3) - 5808
            if (substr(c, 1, 6) == "214748")
                return substr(c, length(c) - 3) - 3648
        }
        return c + 0
    }
    {
        for (i = 1; i < NF; i++) {
            if ($i == "interrupt" || $i == "exception" || $i == "hostcall") {
                if (i + 3 <= NF) {
                    print $i, causenorm($(i + 3)), hexnorm($(i + 1)), hexnorm($(i + 2))
                } else {
                    print $i, "?", hexnorm($(i + 1)), hexnorm($(i + 2))
                }
                break
            }
        }
    }' "$1"
}

DISCONS=$plugdir/libdiscons.so
TRAPTRACE=$plugdir/libtraptrace.so
TRAPS=$plugdir/libtraps.so

# ---- 1. every firmware case under discons + traptrace --------------------

for c in "${cases[@]}"; do
    name="discons+traptrace $c"
    diags=()
    d=$fw_dir/$c
    o=$tmp/case/$c
    need "$fw_build/$c.elf" "$DISCONS" "$TRAPTRACE" "$d/expect.uart" \
        "$d/expect.trap"
    if [ ${#diags[@]} -ne 0 ]; then
        not_ok "$name" "${diags[@]}"
        continue
    fi
    opts=()
    if [ -f "$d/cmdline" ]; then
        read -r -a opts < <(tr '\n' ' ' < "$d/cmdline"; echo)
    fi
    want=0
    if [ -f "$d/expect.exit" ]; then
        want=$(tr -d ' \n' < "$d/expect.exit")
    fi
    run "$o" "${opts[@]}" -bios none -kernel "$fw_build/$c.elf" -nographic \
        -plugin "$DISCONS" -plugin "$TRAPTRACE" -d plugin -D "$o/log"
    check_exit "$o" "$want"
    check_same uart "$d/expect.uart" "$o/stdout"
    events "$o/log" > "$o/trap"
    check_same traptrace "$d/expect.trap" "$o/trap"
    result "$name"
done

# ---- 2. doubletrap and interruptedmemory ---------------------------------

name="fw doubletrap: discons passes, exception from_pc == interrupt to_pc"
diags=()
elf=$out/fw/doubletrap.elf
o=$tmp/doubletrap
need "$elf" "$DISCONS" "$TRAPTRACE"
if [ ${#diags[@]} -eq 0 ]; then
    run "$o" -M virt -bios none -kernel "$elf" -nographic \
        -plugin "$DISCONS" -plugin "$TRAPTRACE" -d plugin -D "$o/log"
    check_exit "$o" 0
    printf 'doubletrap: start\ndoubletrap: ok\n' > "$o/want.uart"
    check_same uart "$o/want.uart" "$o/stdout"
    events "$o/log" > "$o/trap"
    vt=$(sym "$elf" vec_table)
    {
        echo "interrupt 3 $(sym "$elf" after_en) $(hexadd "$vt" 12)"
        echo "exception 2 $(hexadd "$vt" 12) $vt"
    } > "$o/want.trap"
    check_same traptrace "$o/want.trap" "$o/trap"
    read -r _ _ _ int_to < <(sed -n 1p "$o/trap")
    read -r _ _ exc_from _ < <(sed -n 2p "$o/trap")
    if [ "${int_to:-x}" != "${exc_from:-y}" ]; then
        diags+=("exception from_pc ${exc_from:-none} != interrupt to_pc ${int_to:-none}")
    fi
fi
result "$name"

name="fw interruptedmemory: discons passes, timer interrupts from the loop"
diags=()
elf=$out/fw/interruptedmemory.elf
o=$tmp/interruptedmemory
need "$elf" "$DISCONS" "$TRAPTRACE"
if [ ${#diags[@]} -eq 0 ]; then
    RUN_TIMEOUT=$((limit * 6)) run "$o" -M virt -bios none -kernel "$elf" \
        -nographic -plugin "$DISCONS" -plugin "$TRAPTRACE" -d plugin \
        -D "$o/log"
    RUN_TIMEOUT=$((limit * 6)) check_exit "$o" 0
    ticks=$(sed -n 's/^interruptedmemory: ok ticks=\([0-9]*\)$/\1/p' \
        "$o/stdout")
    if [ -z "$ticks" ] || [ "$(wc -l < "$o/stdout")" -ne 1 ]; then
        diags+=("output is not one 'interruptedmemory: ok ticks=N' line:")
        add_file_diags "$o/stdout" "uart: "
    fi
    events "$o/log" > "$o/trap"
    n=$(wc -l < "$o/trap")
    if [ -n "$ticks" ] && [ "$n" -ne "$ticks" ]; then
        diags+=("traptrace reports $n events, the firmware counted $ticks interrupts")
    fi
    bad=$(awk -v lo="$(sym "$elf" arm_start)" -v hi="$(sym "$elf" arm_end)" \
        -v to="$(sym "$elf" m_trap)" '
        function num(h,    v, i) {
            h = substr(h, 3); v = 0
            for (i = 1; i <= length(h); i++)
                v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
            return v
        }
        !($1 == "interrupt" && $2 == 7 && $4 == to &&
          num($3) > num(lo) && num($3) < num(hi)) { print; exit }' "$o/trap")
    if [ -n "$bad" ]; then
        diags+=("unexpected event (want interrupt 7 from inside the loop to m_trap): $bad")
    fi
fi
result "$name"

# A store drops the decoded code of its own page only: the blocks of the
# hot loop (hot_loop..hot_end) are translated once, though each turn stores
# twice into flip_fn's page (whose block is translated at each patch).
name="fw smc: stores to another page leave the hot loop translated once"
diags=()
elf=$fw_build/virt/smc.elf
o=$tmp/smc
HOTBLOCKS=$plugdir/libhotblocks.so
need "$elf" "$HOTBLOCKS"
if [ ${#diags[@]} -eq 0 ]; then
    run "$o" -M virt -bios none -kernel "$elf" -nographic \
        -plugin "$HOTBLOCKS,limit=1000" -d plugin -D "$o/log"
    check_exit "$o" 0
    check_same uart "$fw_dir/virt/smc/expect.uart" "$o/stdout"
    # "pc, tcount, icount, ecount" lines: hot ones, then flip_fn's
    awk -F', ' -v lo="$(sym "$elf" hot_loop)" -v hi="$(sym "$elf" hot_end)" \
        -v flip="$(sym "$elf" flip_fn)" '
        function num(h,    v, i) {
            h = tolower(substr(h, 3)); v = 0
            for (i = 1; i <= length(h); i++)
                v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
            return v
        }
        /^0x/ && num($1) >= num(lo) && num($1) < num(hi) {
            hot++
            if ($2 != 1) print "hot loop block " $0 ": translated " $2 " times, want 1"
        }
        /^0x/ && num($1) == num(flip) && $2 < 200 {
            print "flip_fn block " $0 ": translated " $2 " times, want >= 200"
        }
        END { if (hot < 2) print "only " hot + 0 " hot loop blocks reported" }
        ' "$o/log" > "$o/bad"
    add_file_diags "$o/bad" "" 8
fi
result "$name"

# Blocks run back to back (chained) without the run loop, except when a
# log wants each one: -d exec must still print a line per block run.
name="fw exec log: -d exec prints every block bb counts (demo)"
diags=()
o=$tmp/execlog
BB=$plugdir/libbb.so
need "$demo" "$BB"
if [ ${#diags[@]} -eq 0 ]; then
    run "$o" -M virt -bios none -kernel "$demo" -nographic \
        -plugin "$BB,inline=on" -d exec,plugin -D "$o/log"
    check_exit "$o" 0
    traces=$(grep -c '^Trace' "$o/log")
    bbs=$(sed -n 's/^Total: bb.s: \([0-9]*\),.*/\1/p' "$o/log")
    if [ -z "$bbs" ] || [ "$traces" != "$bbs" ]; then
        diags+=("$traces Trace lines, bb counts ${bbs:-nothing}")
    fi
fi
result "$name"

# ---- 3. API test plugins --------------------------------------------------

# log_verdict PREFIX: diagnostics unless the log has "PREFIX: PASS" and
# no "PREFIX: FAIL" line (FAIL lines become diagnostics)
log_verdict() {
    local p=$1 line
    if grep -q "^$p: FAIL" "$o/log"; then
        while IFS= read -r line; do
            diags+=("$line")
        done < <(grep "^$p: FAIL" "$o/log" | head -n 8)
    fi
    if ! grep -q "^$p: PASS" "$o/log"; then
        diags+=("no '$p: PASS' in the plugin log")
        if ! grep -q "^$p: FAIL" "$o/log"; then
            add_file_diags "$o/log" "log: " 6
        fi
    fi
}

# inline vs callback counts on the demo
name="api inline/callback/tb-inline instruction counts agree (demo)"
diags=()
o=$tmp/api_inline
need "$out/libapi_inline.so" "$demo"
if [ ${#diags[@]} -eq 0 ]; then
    run "$o" -M virt -bios none -kernel "$demo" -nographic \
        -plugin "$out/libapi_inline.so" -d plugin -D "$o/log"
    check_exit "$o" 0
    check_same uart demo/expect.uart "$o/stdout"
    log_verdict api_inline
    if [ ${#diags[@]} -ne 0 ]; then
        grep '^api_inline: insn' "$o/log" > "$o/info"
        add_file_diags "$o/info" ""
    fi
fi
result "$name"

# inline adds batched per block read as callbacks' counts at every trap
# (exceptions in the middle of blocks: access_fault, pmp_s, vm_sv39...)
name="api inline adds batched per block: counts at every trap and at exit as with callbacks (demo, interruptedmemory, firmware cases)"
diags=()
need "$out/libapi_batch.so" "$demo" "$out/fw/interruptedmemory.elf"
if [ ${#diags[@]} -eq 0 ]; then
    batch_runs=("demo|$demo|-M virt"
        "interruptedmemory|$out/fw/interruptedmemory.elf|-M virt")
    for c in "${cases[@]}"; do
        batch_runs+=("$c|$fw_build/$c.elf|$(cat "$fw_dir/$c/cmdline" \
            2>/dev/null | tr '\n' ' ')")
    done
    for r in "${batch_runs[@]}"; do
        IFS='|' read -r c elf opts <<< "$r"
        o=$tmp/api_batch/$c
        for mode in inline cb; do
            # shellcheck disable=SC2086
            RUN_TIMEOUT=$((limit * 6)) run "$o/$mode" $opts -bios none \
                -kernel "$elf" -nographic \
                -plugin "$out/libapi_batch.so,mode=$mode" -d plugin \
                -D "$o/$mode/log"
        done
        if ! grep -q '^api_batch: exit insns=[1-9]' "$o/cb/log"; then
            diags+=("$c: no exit counts in the log")
            add_file_diags "$o/cb/stderr" "$c: stderr: " 2
        fi
        while IFS= read -r line; do
            diags+=("$c: $line")
        done < <(first_diff "inline vs callbacks" "$o/cb/log" "$o/inline/log")
    done
fi
result "$name"

name="api conditional callbacks (EQ/NE/LT/LE/GT/GE/ALWAYS/NEVER, demo)"
diags=()
o=$tmp/api_cond
need "$out/libapi_cond.so" "$demo"
if [ ${#diags[@]} -eq 0 ]; then
    run "$o" -M virt -bios none -kernel "$demo" -nographic \
        -plugin "$out/libapi_cond.so,k=1000" -d plugin -D "$o/log"
    check_exit "$o" 0
    log_verdict api_cond
    if [ ${#diags[@]} -ne 0 ]; then
        grep '^api_cond: N=' "$o/log" > "$o/info"
        add_file_diags "$o/info" ""
    fi
fi
result "$name"

name="api memory callbacks: meminfo, value, vaddr, hwaddr (memops)"
diags=()
elf=$out/fw/memops.elf
o=$tmp/api_mem
need "$out/libapi_mem.so" "$elf"
if [ ${#diags[@]} -eq 0 ]; then
    run "$o" -M virt -bios none -kernel "$elf" -nographic \
        -plugin "$out/libapi_mem.so,start=$(sym "$elf" mem_start),end=$(sym "$elf" mem_end),data=$(sym "$elf" mdata)" \
        -d plugin -D "$o/log"
    check_exit "$o" 0
    printf '*memops: done\n' > "$o/want.uart"
    check_same uart "$o/want.uart" "$o/stdout"
    log_verdict api_mem
fi
result "$name"

name="api register reads in discon callbacks: pc, mepc, mcause, priv (regs)"
diags=()
elf=$out/fw/regs.elf
o=$tmp/api_regs
need "$out/libapi_regs.so" "$elf"
if [ ${#diags[@]} -eq 0 ]; then
    run "$o" -M virt -bios none -kernel "$elf" -nographic \
        -plugin "$out/libapi_regs.so" -d plugin -D "$o/log"
    check_exit "$o" 0
    printf 'regs: done\n' > "$o/want.uart"
    check_same uart "$o/want.uart" "$o/stdout"
    log_verdict api_regs
    want="api_regs: mcause 0xb 0x2 0x3 0x8 0x8000000000000003"
    got=$(grep '^api_regs: mcause' "$o/log")
    if [ "$got" != "$want" ]; then
        diags+=("expected '$want'" "     got '$got'")
    fi
fi
result "$name"

name="api guest memory read/write by vaddr and hwaddr (memrw)"
diags=()
elf=$out/fw/memrw.elf
o=$tmp/api_memrw
need "$out/libapi_memrw.so" "$elf"
if [ ${#diags[@]} -eq 0 ]; then
    run "$o" -M virt -bios none -kernel "$elf" -nographic \
        -plugin "$out/libapi_memrw.so,vpatch=$(sym "$elf" vpatch_point),hpatch=$(sym "$elf" hpatch_point),vvar=$(sym "$elf" vvar),hvar=$(sym "$elf" hvar),unmapped=0x80000" \
        -d plugin -D "$o/log"
    check_exit "$o" 0
    printf 'memrw: vvar=0x600df00d hvar=0xbadcafe\n' > "$o/want.uart"
    check_same uart "$o/want.uart" "$o/stdout"
    log_verdict api_memrw
fi
result "$name"

name="api qemu_plugin_reset: callbacks stop, reset callback runs (demo)"
diags=()
o=$tmp/api_reset
need "$out/libapi_reset.so" "$demo"
if [ ${#diags[@]} -eq 0 ]; then
    run "$o" -M virt -bios none -kernel "$demo" -nographic \
        -plugin "$out/libapi_reset.so,n=1000" -d plugin -D "$o/log"
    check_exit "$o" 0
    check_same uart demo/expect.uart "$o/stdout"
    log_verdict api_reset
    n=$(grep -c '^api_reset: reset done after' "$o/log")
    if [ "$n" -ne 1 ]; then
        diags+=("'reset done' logged $n times, expected once")
    fi
fi
result "$name"

name="api qemu_plugin_uninstall: its callback runs, nothing after (demo)"
diags=()
o=$tmp/api_uninstall
need "$out/libapi_uninstall.so" "$demo"
if [ ${#diags[@]} -eq 0 ]; then
    run "$o" -M virt -bios none -kernel "$demo" -nographic \
        -plugin "$out/libapi_uninstall.so,n=500" -d plugin -D "$o/log"
    check_exit "$o" 0
    check_same uart demo/expect.uart "$o/stdout"
    while IFS= read -r line; do
        diags+=("$line")
    done < <(grep '^api_uninstall: FAIL' "$o/log" | head -n 5)
    if ! grep -qx 'api_uninstall: uninstall requested at 500' "$o/log"; then
        diags+=("no 'api_uninstall: uninstall requested at 500' in the log")
    fi
    n=$(grep -c '^api_uninstall: uninstalled after [0-9]* callbacks$' "$o/log")
    if [ "$n" -ne 1 ]; then
        diags+=("the uninstall callback reported $n times, expected once")
    fi
fi
result "$name"

name="api scoreboards: new/find/u64 get/set/add/sum, inline into members (demo)"
diags=()
o=$tmp/api_score
need "$out/libapi_score.so" "$demo"
if [ ${#diags[@]} -eq 0 ]; then
    run "$o" -M virt -bios none -kernel "$demo" -nographic \
        -plugin "$out/libapi_score.so" -d plugin -D "$o/log"
    check_exit "$o" 0
    log_verdict api_score
fi
result "$name"

name="api discon type mask: per-type callbacks, mask 0, re-registration (demo)"
diags=()
o=$tmp/api_mask
need "$out/libapi_mask.so" "$demo"
if [ ${#diags[@]} -eq 0 ]; then
    # demo/expect.trap: 6 interrupts, 7 exceptions, no host calls
    run "$o" -M virt -bios none -kernel "$demo" -nographic \
        -plugin "$out/libapi_mask.so,int=6,exc=7,host=0" -d plugin -D "$o/log"
    check_exit "$o" 0
    log_verdict api_mask
fi
result "$name"

name="api compat: v2, v3 and v4 builds of compat_test load together (demo)"
diags=()
o=$tmp/api_compat_old
need "$out/libcompat_v2.so" "$out/libcompat_v3.so" "$out/libcompat_v4.so" \
    "$demo"
if [ ${#diags[@]} -eq 0 ]; then
    run "$o" -M virt -bios none -kernel "$demo" -nographic \
        -plugin "$out/libcompat_v2.so" -plugin "$out/libcompat_v3.so" \
        -plugin "$out/libcompat_v4.so" -d plugin -D "$o/log"
    check_exit "$o" 0
    check_same uart demo/expect.uart "$o/stdout"
    for v in 2 3 4; do
        if ! grep -qx "compat: api version $v" "$o/log"; then
            diags+=("no 'compat: api version $v' in the log (v$v did not load)")
        fi
    done
    totals=$(sed -n 's/^compat: total insns \([0-9]*\)$/\1/p' "$o/log" |
        sort -u | tr '\n' ' ')
    n=$(grep -c '^compat: total insns ' "$o/log")
    if [ "$n" -ne 3 ] || [ "$(echo "$totals" | wc -w)" -ne 1 ] ||
        [ "${totals% }" = 0 ]; then
        diags+=("expected 3 equal nonzero 'compat: total insns' lines, got $n: $totals")
    fi
fi
result "$name"

name="api qemu_plugin_set_pc from an RW_REGS_PC callback skips a branch (setpc)"
diags=()
elf=$out/fw/setpc.elf
o=$tmp/api_setpc
need "$out/libapi_setpc.so" "$elf"
if [ ${#diags[@]} -eq 0 ]; then
    at=$(sym "$elf" set_pc_mark)
    to=$(sym "$elf" set_pc_target)
    run "$o" -M virt -bios none -kernel "$elf" -nographic \
        -plugin "$out/libapi_setpc.so,at=$at,to=$to" -d plugin -D "$o/log"
    check_exit "$o" 0
    printf 'setpc: skipped\n' > "$o/want.uart"
    check_same uart "$o/want.uart" "$o/stdout"
    if ! grep -qx "api_setpc: set_pc $at -> $to" "$o/log"; then
        diags+=("no 'api_setpc: set_pc $at -> $to' in the log")
    fi
    if ! grep -q '^api_setpc: hits=1 ' "$o/log"; then
        diags+=("expected 'api_setpc: hits=1', got '$(grep '^api_setpc: hits' "$o/log")'")
    fi
fi
result "$name"

name="api compat: v5, v6 and v7 builds of compat_test load and report with traps (demo)"
diags=()
o=$tmp/api_compat
need "$out/compat/libcompat_v5.so" "$out/compat/libcompat_v6.so" \
    "$out/compat/libcompat_v7.so" "$TRAPS" "$demo"
if [ "$(cat "$tmp/build/compat.rc")" != 0 ]; then
    diags+=("tests/plugin/compat/build.sh failed:")
    grep -v '^ok' "$tmp/build/compat.out" > "$tmp/build/compat.fail"
    add_file_diags "$tmp/build/compat.fail" "build.sh: " 4
fi
if [ -f "$out/compat/libcompat_v7.so" ] && [ -x "$fs" ] && [ -f "$TRAPS" ]; then
    run "$o" -M virt -bios none -kernel "$demo" -nographic \
        -plugin "$TRAPS" -plugin "$out/compat/libcompat_v5.so" \
        -plugin "$out/compat/libcompat_v6.so" \
        -plugin "$out/compat/libcompat_v7.so" -d plugin -D "$o/log"
    check_exit "$o" 0
    check_same uart demo/expect.uart "$o/stdout"
    for v in 5 6 7; do
        if ! grep -qx "compat: api version $v" "$o/log"; then
            diags+=("no 'compat: api version $v' in the log (v$v did not load)")
        fi
    done
    n=$(grep -cx 'compat: emulator api max 7' "$o/log")
    if [ "$n" -ne 3 ]; then
        diags+=("'compat: emulator api max 7' logged $n times, expected 3")
    fi
    totals=$(sed -n 's/^compat: total insns \([0-9]*\)$/\1/p' "$o/log" |
        sort -u | tr '\n' ' ')
    n=$(grep -c '^compat: total insns ' "$o/log")
    if [ "$n" -ne 3 ] || [ "$(echo "$totals" | wc -w)" -ne 1 ] ||
        [ "${totals% }" = 0 ]; then
        diags+=("expected 3 equal nonzero 'compat: total insns' lines, got $n: $totals")
    fi
    # each plugin's per-vCPU report: the demo's 6 interrupts, 7 exceptions
    n=$(grep -c '^compat: vcpu 0 insns [1-9][0-9]* .* traps 6/7/0$' "$o/log")
    if [ "$n" -lt 3 ]; then
        diags+=("$n 'compat: vcpu 0 ... traps 6/7/0' reports, expected 3 or more:")
        grep '^compat: vcpu ' "$o/log" > "$o/info"
        add_file_diags "$o/info" "log: " 4
    fi
    if grep -q 'compat: .*differs\|compat: .*failed\|compat: bad' "$o/log"; then
        diags+=("$(grep -m1 'compat: .*differs\|compat: .*failed\|compat: bad' "$o/log")")
    fi
    printf '% 4d, % 10d, % 10d, % 10d\n' 0 6 7 0 > "$o/want.row"
    if ! grep -qx 'VCPU, interrupts, exceptions, hostcalls' "$o/log" ||
        ! grep -qxF "$(cat "$o/want.row")" "$o/log"; then
        diags+=("traps' report (header and '$(cat "$o/want.row")') missing from the log")
    fi
fi
result "$name"

# ---- 4. plugins firmscope must refuse -------------------------------------

# bad NAME PLUGIN-ARG PATH [REGEX [WHAT]]: exit status 1, exactly one line
# on stderr, naming PATH (and matching REGEX if given). With ANY_LINES=1
# other stderr lines are allowed (the plugin's own), but exactly one must
# name PATH.
bad() {
    local name=$1 arg=$2 path=$3 re=${4:-} what=${5:-} n line
    diags=()
    o=$tmp/bad/$(echo "$name" | tr -c 'a-zA-Z0-9\n' _)
    if [ ! -x "$fs" ]; then
        diags+=("missing $fs (run make)")
    elif [ ! -e "$path" ] && [ "$name" != "bad plugin: missing file" ]; then
        diags+=("missing $path")
        add_file_diags "$tmp/build/$(basename "$path" .so | sed 's/^lib//').err" "build: "
    else
        run "$o" -plugin "$arg" -M virt -bios none -kernel "$demo" -nographic
        check_exit "$o" 1
        n=$(wc -l < "$o/stderr")
        line=$(grep -F -- "$path" "$o/stderr" | head -n 1)
        if [ "${ANY_LINES:-0}" = 1 ]; then
            if [ "$(grep -cF -- "$path" "$o/stderr")" -ne 1 ]; then
                diags+=("expected exactly one stderr line naming $path")
                add_file_diags "$o/stderr" "stderr: "
            fi
        elif [ "$n" -ne 1 ] || [ -z "$line" ]; then
            diags+=("expected exactly one stderr line naming $path, got $n lines:")
            add_file_diags "$o/stderr" "stderr: "
        fi
        if [ -n "$line" ] && [ -n "$re" ] && ! echo "$line" | grep -Eq -- "$re"; then
            diags+=("the message does not $what: $line")
        fi
        if [ -s "$o/stdout" ]; then
            diags+=("the guest ran: stdout is not empty")
        fi
    fi
    result "$name"
}

bad "bad plugin: missing file" "$out/no-such-plugin.so" "$out/no-such-plugin.so"
bad "bad plugin: not a shared object (text file x.so)" "$out/x.so" "$out/x.so"
bad "bad plugin: no qemu_plugin_install" "$out/libbad_noinstall.so" \
    "$out/libbad_noinstall.so" 'qemu_plugin_install' "name qemu_plugin_install"
bad "bad plugin: no qemu_plugin_version" "$out/libbad_noversion.so" \
    "$out/libbad_noversion.so" 'qemu_plugin_version' "name qemu_plugin_version"
# the supported range: min and max (7) versions, e.g. "2 to 7"
bad "bad plugin: qemu_plugin_version 0" "$out/libbad_version0.so" \
    "$out/libbad_version0.so" '[0-9]+[^0-9]+7([^0-9]|$)' \
    "name the supported range"
bad "bad plugin: qemu_plugin_version 99" "$out/libbad_version99.so" \
    "$out/libbad_version99.so" '99.*[0-9]+[^0-9]+7([^0-9]|$)' \
    "name the version and the supported range"
bad "bad plugin: qemu_plugin_install returns -3" "$out/libbad_install3.so" \
    "$out/libbad_install3.so" '3' "contain the error code 3"
bad "bad plugin: plugin rejecting an argument (bogus=1)" \
    "$out/libbad_rejectargs.so,bogus=1" "$out/libbad_rejectargs.so"
ANY_LINES=1 bad "bad plugin: libdiscons.so rejecting bogus=1" \
    "$DISCONS,bogus=1" "$DISCONS"

# ---- 5. traps on the demo ------------------------------------------------

name="traps demo: exact report (VCPU, interrupts, exceptions, hostcalls)"
diags=()
o=$tmp/traps
need "$TRAPS" "$demo"
if [ ${#diags[@]} -eq 0 ]; then
    run "$o" -M virt -bios none -kernel "$demo" -nographic \
        -plugin "$TRAPS" -d plugin -D "$o/log"
    check_exit "$o" 0
    check_same uart demo/expect.uart "$o/stdout"
    ni=$(grep -c '^interrupt ' demo/expect.trap)
    ne=$(grep -c '^exception ' demo/expect.trap)
    nh=$(grep -c '^hostcall ' demo/expect.trap)
    {
        echo 'VCPU, interrupts, exceptions, hostcalls'
        printf '% 4d, % 10d, % 10d, % 10d\n' 0 "$ni" "$ne" "$nh"
    } > "$o/want.log"
    check_same log "$o/want.log" "$o/log"
fi
result "$name"

# ---- 6. semihosting --------------------------------------------------------

name="semihosting: SYS_WRITE0 to stderr, SYS_EXIT_EXTENDED 7, one hostcall event"
diags=()
elf=$out/fw/semihost.elf
o=$tmp/semihost
need "$elf" "$DISCONS" "$TRAPTRACE"
if [ ${#diags[@]} -eq 0 ]; then
    run "$o" -M virt -bios none -kernel "$elf" -nographic -semihosting \
        -plugin "$DISCONS" -plugin "$TRAPTRACE" -d plugin -D "$o/log"
    check_exit "$o" 7
    printf 'hello\n' > "$o/want.err"
    check_same stderr "$o/want.err" "$o/stderr"
    check_same uart /dev/null "$o/stdout"
    events "$o/log" | cut -d' ' -f1,3,4 > "$o/trap"
    echo "hostcall $(sym "$elf" sh_ebreak) $(sym "$elf" sh_srai)" > "$o/want.trap"
    check_same "traptrace (type from to)" "$o/want.trap" "$o/trap"
fi
result "$name"

name="semihosting: without -semihosting the ebreak is a breakpoint (cause 3)"
diags=()
o=$tmp/semihost_off
need "$elf" "$DISCONS" "$TRAPTRACE"
if [ ${#diags[@]} -eq 0 ]; then
    run "$o" -M virt -bios none -kernel "$elf" -nographic \
        -plugin "$DISCONS" -plugin "$TRAPTRACE" -d plugin -D "$o/log"
    check_exit "$o" 5
    printf 'semihost: breakpoint\n' > "$o/want.uart"
    check_same uart "$o/want.uart" "$o/stdout"
    events "$o/log" > "$o/trap"
    echo "exception 3 $(sym "$elf" sh_ebreak) $(sym "$elf" m_trap)" > "$o/want.trap"
    check_same traptrace "$o/want.trap" "$o/trap"
fi
result "$name"

name="semihosting: the sequence from U-mode is a breakpoint even with -semihosting"
diags=()
elf=$out/fw/semihost_u.elf
o=$tmp/semihost_u
need "$elf" "$DISCONS" "$TRAPTRACE"
if [ ${#diags[@]} -eq 0 ]; then
    run "$o" -M virt -bios none -kernel "$elf" -nographic -semihosting \
        -plugin "$DISCONS" -plugin "$TRAPTRACE" -d plugin -D "$o/log"
    check_exit "$o" 0
    printf 'semihost_u: breakpoint\n' > "$o/want.uart"
    check_same uart "$o/want.uart" "$o/stdout"
    if grep -q hello "$o/stderr"; then
        diags+=("the U-mode SYS_WRITE0 was serviced: 'hello' on stderr")
    fi
    events "$o/log" > "$o/trap"
    echo "exception 3 $(sym "$elf" u_ebreak) $(sym "$elf" m_trap)" > "$o/want.trap"
    check_same traptrace "$o/want.trap" "$o/trap"
fi
result "$name"

while [ "$count" -lt "$planned" ]; do
    not_ok "(internal) test $((count + 1)) was not run" "run.sh miscounted"
done
exit 0
