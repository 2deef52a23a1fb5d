#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tests/firmware/run.sh [BUILD_DIR]
#
# Run every firmware test case (tests/firmware/<board>/<case>/test.S, built
# by `make firmware` to build/fw/<board>/<case>.elf) and print TAP. Per case:
#
#   firmscope <board>/<case>   BUILD_DIR/firmscope <cmdline> -bios none
#                              -kernel ELF -nographic -d int -D LOG, under
#                              timeout 20: stdout must equal expect.uart byte
#                              for byte, the exit status expect.exit (default
#                              0), and the `int: ` lines of LOG expect.trap.
#   qemu <board>/<case>        the same image under Debian's QEMU through
#                              qemu-ref.sh, compared with the same files
#                              (QEMU missing is a failure, not a skip).
#
# plus one determinism test: DET_CASES run twice each under firmscope with
# -d int must give byte-identical logs and output.
#
# expect.trap lines are "TYPE CAUSE FROM_PC TO_PC" (see qemu-ref.sh); a
# firmscope log line looks like
#   int: hart=0 exception cause=11 from=0x0000000080000010
#        to=0x0000000080000100 tval=0x0 priv=M->M (environment call ...)
# (one line) and becomes "exception 11 0x80000010 0x80000100".
#
# Always exits 0: the TAP lines carry the result. Environment: FW_BUILD
# (default build/fw), FW_TIMEOUT (seconds, default 20), KEEP=1 keeps the
# scratch directory (named in a diagnostic), FIRMSCOPE_ONLY=1 leaves out
# the QEMU half (the sanitizer build re-runs only firmscope's).

set -u
export LC_ALL=C

cd "$(dirname "$0")/../.." || exit 0
# shellcheck source=tests/lib.sh
. tests/lib.sh
build=${1:-build}
fw_dir=tests/firmware
fw_build=${FW_BUILD:-build/fw}
firmscope=$build/firmscope
limit=${FW_TIMEOUT:-20}
DET_CASES=(virt/timer virt/wfi_timer_mie)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fw-run.XXXXXX") || exit 0
if [ "${KEEP:-0}" = 1 ]; then
    echo "# scratch files kept in $tmp"
else
    trap 'rm -rf "$tmp"' EXIT
fi

cases=()
for src in "$fw_dir"/*/*/test.S; do
    [ -f "$src" ] || continue
    c=${src#"$fw_dir"/}
    cases+=("${c%/test.S}")
done

qemu_too=1
[ "${FIRMSCOPE_ONLY:-0}" = 1 ] && qemu_too=0
planned=$(((1 + qemu_too) * ${#cases[@]} + 1))
count=0
echo "1..$planned"

# firmscope -d int log -> expect.trap lines
fs_traps() {
    awk '
    function strip(h) {
        h = tolower(h)
        sub(/^0x0*/, "", h)
        return "0x" (h == "" ? "0" : h)
    }
    /^int: / {
        type = ""; cause = ""; from = ""; to = ""
        for (i = 2; i <= NF; i++) {
            if ($i == "interrupt" || $i == "exception" || $i == "hostcall") {
                type = $i
            } else if ($i ~ /^cause=/) {
                cause = substr($i, 7) + 0
            } else if ($i ~ /^from=/) {
                from = strip(substr($i, 6))
            } else if ($i ~ /^to=/) {
                to = strip(substr($i, 4))
            }
        }
        print type, cause, from, to
    }' "$1"
}

# check NAME CASE_DIR OUT_DIR: compare OUT_DIR/{uart,exit,trap} with the
# case's expect files and print the TAP line
check() {
    local name=$1 dir=$2 out=$3 want got diags=()
    local line
    want=0
    if [ -f "$dir/expect.exit" ]; then
        want=$(tr -d ' \n' < "$dir/expect.exit")
    fi
    got=$(cat "$out/exit" 2>/dev/null || echo "?")
    if [ "$got" = 124 ]; then
        diags+=("timed out after ${limit}s")
    elif [ "$got" != "$want" ]; then
        diags+=("exit status $got, expected $want")
    fi
    while IFS= read -r line; do
        diags+=("$line")
    done < <(first_diff uart "$dir/expect.uart" "$out/uart")
    while IFS= read -r line; do
        diags+=("$line")
    done < <(first_diff trap "$dir/expect.trap" "$out/trap")
    if [ ${#diags[@]} -eq 0 ]; then
        ok "$name"
    else
        if [ -s "$out/stderr" ]; then
            diags+=("stderr: $(head -n 1 "$out/stderr" | cat -v)")
        fi
        not_ok "$name" "${diags[@]}"
    fi
}

# run_firmscope CASE OUT_DIR: run the case's image, fill OUT_DIR
run_firmscope() {
    local c=$1 out=$2 opts=()
    mkdir -p "$out"
    if [ -f "$fw_dir/$c/cmdline" ]; then
        read -r -a opts < <(tr '\n' ' ' < "$fw_dir/$c/cmdline"; echo)
    fi
    timeout "$limit" "$firmscope" "${opts[@]}" -bios none \
        -kernel "$fw_build/$c.elf" -nographic -d int -D "$out/log" \
        < /dev/null > "$out/uart" 2> "$out/stderr"
    echo $? > "$out/exit"
    touch "$out/log"
    fs_traps "$out/log" > "$out/trap"
}

# what stops a case from running at all, or nothing
precondition() {
    local c=$1 tool=$2
    if [ ! -f "$fw_dir/$c/expect.uart" ] || [ ! -f "$fw_dir/$c/expect.trap" ]
    then
        echo "missing expect.uart or expect.trap in $fw_dir/$c"
    elif [ ! -f "$fw_build/$c.elf" ]; then
        echo "missing $fw_build/$c.elf (run make firmware)"
    elif [ "$tool" = firmscope ] && [ ! -x "$firmscope" ]; then
        echo "missing $firmscope (run make)"
    fi
}

for c in "${cases[@]}"; do
    out=$tmp/firmscope/$c
    why=$(precondition "$c" firmscope)
    if [ -n "$why" ]; then
        not_ok "firmscope $c" "$why"
    else
        run_firmscope "$c" "$out"
        check "firmscope $c" "$fw_dir/$c" "$out"
    fi

    [ "$qemu_too" = 1 ] || continue
    out=$tmp/qemu/$c
    why=$(precondition "$c" qemu)
    if [ -n "$why" ]; then
        not_ok "qemu $c" "$why"
    else
        mkdir -p "$out"
        "$fw_dir/qemu-ref.sh" "$fw_dir/$c" "$fw_build/$c.elf" "$out" \
            > /dev/null 2>> "$out/stderr"
        if [ "$(cat "$out/exit" 2>/dev/null)" = 127 ]; then
            not_ok "qemu $c" "QEMU not found: $(head -n 1 "$out/stderr")"
        else
            check "qemu $c" "$fw_dir/$c" "$out"
        fi
    fi
done

# determinism: the same image twice, byte-identical -d int log and output
name="determinism ${DET_CASES[*]}"
diags=()
for c in "${DET_CASES[@]}"; do
    why=$(precondition "$c" firmscope)
    if [ -n "$why" ]; then
        diags+=("$c: $why")
        continue
    fi
    run_firmscope "$c" "$tmp/det1/$c"
    run_firmscope "$c" "$tmp/det2/$c"
    for f in log uart exit; do
        if ! cmp -s "$tmp/det1/$c/$f" "$tmp/det2/$c/$f"; then
            diags+=("$c: $f differs between two runs:")
            while IFS= read -r line; do
                diags+=("$line")
            done < <(first_diff "$c $f" "$tmp/det1/$c/$f" "$tmp/det2/$c/$f")
        fi
    done
done
if [ ${#diags[@]} -eq 0 ]; then
    ok "$name"
else
    not_ok "$name" "${diags[@]}"
fi

while [ "$count" -lt "$planned" ]; do
    not_ok "(internal) test $((count + 1)) was not run" "run.sh miscounted"
done
exit 0
