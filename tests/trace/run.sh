#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tests/trace/run.sh [BUILD_DIR]
#
# The PC trace: firmscope -trace-pc, the pctrace plugin, and the fstrace
# converter (include/fstrace.h). Run after `make all plugins firmware`;
# prints TAP and always exits 0.
#
#   pcs CASE      for the demo (timer interrupts and exceptions) and every
#                 firmware case (traps of every kind, timer and device
#                 interrupts, RV32, virtual memory), the PCs of -trace-pc,
#                 of the pctrace plugin, and of -trace-pc in a run that
#                 also loads execlog, each converted by fstrace, are
#                 exactly the PCs execlog logs
#   mem CASE      with mem=on: -trace-pc and pctrace give the same text;
#                 each instruction's accesses (load/store) are execlog's,
#                 and for the demo (no address translation) their
#                 addresses too; and the PCs do not change
#   fstrace ...   truncated or corrupt files: exit status 1 and one
#                 line on stderr saying what is wrong
#   -trace-pc ... option errors: exit status 1, one line
#
# Environment: FW_BUILD (default build/fw), TRACE_TIMEOUT (seconds per
# run, default 30), KEEP=1 keeps the scratch directory.

set -u
export LC_ALL=C

cd "$(dirname "$0")/../.." || exit 0
# shellcheck source=tests/lib.sh
. tests/lib.sh
build=${1:-build}
fs=$build/firmscope
conv=$build/fstrace
execlog=$build/plugins/libexeclog.so
pctrace=$build/plugins/libpctrace.so
fw_dir=tests/firmware
fw_build=${FW_BUILD:-build/fw}
limit=${TRACE_TIMEOUT:-30}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/trace-run.XXXXXX") || exit 0
if [ "${KEEP:-0}" = 1 ]; then
    echo "# scratch files kept in $tmp"
else
    trap 'rm -rf "$tmp"' EXIT
fi

# the cases: NAME ELF OPTIONS...
names=(demo)
elfs=("$fw_build/demo.elf")
optss=("-M virt")
for src in "$fw_dir"/*/*/test.S; do
    [ -f "$src" ] || continue
    c=${src#"$fw_dir"/}
    c=${c%/test.S}
    names+=("$c")
    elfs+=("$fw_build/$c.elf")
    if [ -f "$fw_dir/$c/cmdline" ]; then
        optss+=("$(tr '\n' ' ' < "$fw_dir/$c/cmdline")")
    else
        optss+=("")
    fi
done
mem_cases=(demo virt/access_fault virt/misaligned_ldst virt/timer_rv32
    virt/vm_sv39 virt/deleg_s)
CONV_TESTS=7
OPT_TESTS=3
planned=$((${#names[@]} + ${#mem_cases[@]} + CONV_TESTS + OPT_TESTS))
count=0
echo "1..$planned"

check_same() {
    local line
    while IFS= read -r line; do
        diags+=("$line")
    done < <(first_diff "$@")
}
# need FILE...: a diagnostic for each missing one
need() {
    local f
    for f in "$@"; do
        [ -e "$f" ] || diags+=("missing $f (run make all plugins firmware)")
    done
}

# run OUT ELF OPTIONS ARG...: firmscope with stdin closed; stderr to OUT.err
run() {
    local out=$1 elf=$2 opts=$3
    shift 3
    # shellcheck disable=SC2086
    timeout "$limit" "$fs" $opts -bios none -kernel "$elf" -nographic "$@" \
        < /dev/null > /dev/null 2> "$out.err"
    echo $? > "$out.exit"
}

# convert FST TXT: fstrace's text, or diagnostics
convert() {
    if ! "$conv" "$1" > "$2" 2> "$2.err"; then
        diags+=("fstrace $(basename "$1") failed: $(head -c 300 "$2.err")")
    fi
}

# The normal form both sides are compared in: a line per PC (0x<hex>,
# no leading zeros), then with WITH_MEM=kind a line "  load|store" per
# access, or with WITH_MEM=addr "  load|store 0x<hex>".
norm_fstrace() {
    awk -v mem="${WITH_MEM:-}" '
    function hex(h) { h = tolower(h); sub(/^0x/, "", h); sub(/^0+/, "", h)
                      return "0x" (h == "" ? "0" : h) }
    /^0x/ { print hex($1); next }
    mem == "kind" { print "  " $1; next }
    mem == "addr" { print "  " $1 " " hex($3) }' "$1"
}
norm_execlog() {
    awk -v mem="${WITH_MEM:-}" '
    function hex(h) { h = tolower(h); sub(/^0x/, "", h); sub(/^0+/, "", h)
                      return "0x" (h == "" ? "0" : h) }
    /^[0-9]+, 0x/ {
        split($0, f, ", ")
        print hex(f[2])
        if (mem == "") next
        rest = $0
        sub(/^[^"]*"[^"]*"/, "", rest)
        while (match(rest, /, (load|store), 0x[0-9a-fA-F]+/)) {
            n = split(substr(rest, RSTART + 2, RLENGTH - 2), a, ", ")
            print "  " a[1] (mem == "addr" ? " " hex(a[2]) : "")
            rest = substr(rest, RSTART + RLENGTH)
        }
    }' "$1"
}

# ---- 1. PCs: -trace-pc, pctrace, -trace-pc with execlog == execlog ---------

for i in "${!names[@]}"; do
    c=${names[$i]}
    elf=${elfs[$i]}
    opts=${optss[$i]}
    o=$tmp/pcs/$c
    mkdir -p "$o"
    diags=()
    need "$fs" "$conv" "$execlog" "$pctrace" "$elf"
    if [ ${#diags[@]} -eq 0 ]; then
        # execlog keeps its strings for good: no leak reports on ASan builds
        ASAN_OPTIONS=detect_leaks=0 run "$o/log" "$elf" "$opts" \
            -plugin "$execlog" -d plugin -D "$o/execlog"
        run "$o/native" "$elf" "$opts" -trace-pc "$o/native.fst"
        run "$o/plugin" "$elf" "$opts" \
            -plugin "$pctrace,file=$o/plugin.fst"
        ASAN_OPTIONS=detect_leaks=0 run "$o/both" "$elf" "$opts" \
            -trace-pc "$o/both.fst" -plugin "$execlog" -d plugin \
            -D "$o/both.execlog"
        norm_execlog "$o/execlog" > "$o/want"
        if [ ! -s "$o/want" ]; then
            diags+=("execlog logged nothing: $(head -c 200 "$o/log.err")")
        fi
        want_exit=$(cat "$o/log.exit")
        for v in native plugin both; do
            got_exit=$(cat "$o/$v.exit")
            if [ "$got_exit" != "$want_exit" ]; then
                diags+=("$v: exit status $got_exit, execlog's run $want_exit")
            fi
            convert "$o/$v.fst" "$o/$v.txt"
            norm_fstrace "$o/$v.txt" > "$o/$v.got"
            check_same "$v" "$o/want" "$o/$v.got"
        done
        check_same "execlog beside -trace-pc" "$o/execlog" "$o/both.execlog"
    fi
    result "pcs $c: -trace-pc, pctrace and -trace-pc+execlog == execlog"
done

# ---- 2. memory accesses ------------------------------------------------

for c in "${mem_cases[@]}"; do
    o=$tmp/mem/$c
    mkdir -p "$o"
    diags=()
    elf=""
    opts=""
    for i in "${!names[@]}"; do
        if [ "${names[$i]}" = "$c" ]; then
            elf=${elfs[$i]}
            opts=${optss[$i]}
        fi
    done
    need "$fs" "$conv" "$execlog" "$pctrace" "$elf" "$tmp/pcs/$c/execlog"
    if [ ${#diags[@]} -eq 0 ]; then
        run "$o/native" "$elf" "$opts" -trace-pc "$o/native.fst,mem=on"
        run "$o/plugin" "$elf" "$opts" \
            -plugin "$pctrace,file=$o/plugin.fst,mem=on"
        convert "$o/native.fst" "$o/native.txt"
        convert "$o/plugin.fst" "$o/plugin.txt"
        check_same "pctrace vs -trace-pc" "$o/native.txt" "$o/plugin.txt"
        how=kind
        [ "$c" = demo ] && how=addr
        WITH_MEM=$how norm_execlog "$tmp/pcs/$c/execlog" > "$o/want"
        WITH_MEM=$how norm_fstrace "$o/native.txt" > "$o/got"
        check_same "accesses ($how)" "$o/want" "$o/got"
        if ! grep -q '^  store' "$o/native.txt"; then
            diags+=("no store recorded")
        fi
        norm_fstrace "$o/native.txt" > "$o/pcs"
        check_same "PCs with mem=on" "$tmp/pcs/$c/want" "$o/pcs"
    fi
    result "mem $c: accesses follow their instructions, as execlog's"
done

# ---- 3. the converter refuses broken files -------------------------------

good=$tmp/pcs/demo/native.fst
# conv_fails NAME FILE REGEX: exit 1 and one stderr line matching REGEX
conv_fails() {
    local name=$1 f=$2 re=$3
    diags=()
    need "$conv" "$good"
    if [ ${#diags[@]} -eq 0 ]; then
        "$conv" "$f" > /dev/null 2> "$f.err"
        rc=$?
        [ "$rc" = 1 ] || diags+=("exit status $rc, expected 1")
        if [ "$(wc -l < "$f.err")" -ne 1 ] || ! grep -Eq -- "$re" "$f.err"; then
            diags+=("stderr is not one line matching '$re':")
            diags+=("$(head -c 300 "$f.err")")
        fi
    fi
    result "fstrace $name"
}
size=$(wc -c < "$good" 2>/dev/null || echo 0)
head -c $((size - 5)) "$good" > "$tmp/cut.fst" 2>/dev/null
conv_fails "truncated inside a record: says so" "$tmp/cut.fst" \
    'truncated: .* cut short'
head -c $((size - 12)) "$good" > "$tmp/noend.fst" 2>/dev/null
conv_fails "truncated at a record boundary (no END): says so" \
    "$tmp/noend.fst" 'truncated: no END record'
head -c 10 "$good" > "$tmp/header.fst" 2>/dev/null
conv_fails "truncated header" "$tmp/header.fst" 'truncated: the header'
{ printf 'NOTTRACE'; tail -c +9 "$good"; } > "$tmp/magic.fst" 2>/dev/null
conv_fails "bad magic: not a trace" "$tmp/magic.fst" 'not a firmscope PC trace'
# the first record (a BLOCK) turned into an unknown type 7
{ head -c 19 "$good"; printf '\x70'; tail -c +21 "$good"; } \
    > "$tmp/type.fst" 2>/dev/null
conv_fails "unknown record type: corrupt" "$tmp/type.fst" \
    'corrupt record at byte 16: unknown type 7'
# the first record's block id changed: its EXEC refers to nothing defined
{ head -c 16 "$good"; printf '\x05'; tail -c +18 "$good"; } \
    > "$tmp/id.fst" 2>/dev/null
conv_fails "undefined block: corrupt" "$tmp/id.fst" \
    'block [0-9]+ is not defined'
{ cat "$good"; printf 'x'; } > "$tmp/extra.fst" 2>/dev/null
conv_fails "data after the END record: corrupt" "$tmp/extra.fst" \
    'data after the END record'

# ---- 4. -trace-pc option errors -------------------------------------------

# opt_fails NAME REGEX ARG...: exit 1, one stderr line matching REGEX
opt_fails() {
    local name=$1 re=$2
    shift 2
    diags=()
    need "$fs" "$fw_build/demo.elf"
    if [ ${#diags[@]} -eq 0 ]; then
        "$fs" "$fw_build/demo.elf" "$@" < /dev/null > "$tmp/opt.out" \
            2> "$tmp/opt.err"
        rc=$?
        [ "$rc" = 1 ] || diags+=("exit status $rc, expected 1")
        if [ "$(wc -l < "$tmp/opt.err")" -ne 1 ] ||
            ! grep -Eq -- "$re" "$tmp/opt.err"; then
            diags+=("stderr is not one line matching '$re':")
            diags+=("$(head -c 300 "$tmp/opt.err")")
        fi
        [ -s "$tmp/opt.out" ] && diags+=("the guest ran")
    fi
    result "-trace-pc $name"
}
opt_fails "into a missing directory" \
    '^firmscope: -trace-pc: .*/no/such/dir/t.fst: No such file' \
    -trace-pc "$tmp/no/such/dir/t.fst"
opt_fails "mem=maybe" \
    "^firmscope: -trace-pc: 'mem=maybe' is not mem=on or mem=off" \
    -trace-pc "$tmp/t.fst,mem=maybe"
opt_fails "without a value" '^firmscope: -trace-pc: option needs a value' \
    -trace-pc

while [ "$count" -lt "$planned" ]; do
    not_ok "(internal) test $((count + 1)) was not run" "run.sh miscounted"
done
exit 0
