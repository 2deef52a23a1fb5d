#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tests/clients/run.sh [BUILD_DIR] - real firmware from Debian's packages
# (opensbi, u-boot-qemu) on the virt board, booted as on QEMU:
#
#   smode      OpenSBI fw_jump + U-Boot S-mode to the "=>" prompt; U-Boot
#              commands on stdin (version, bdinfo, sleep 1; reset) work and
#              reset ends the run with status 0; the discons plugin (abort
#              on any mismatch) runs clean across the whole boot
#   traps      the trap counts per cause of that boot (-d int) equal
#              QEMU's on the same images, QEMU's CPU set to match ours
#              (same extensions, HPM counters present as firmscope's are)
#   mmode      U-Boot M-mode (-bios) boots to its prompt; reset ends it
#
# The first bytes of stdin are consumed on the way (OpenSBI's UART init
# reads one, U-Boot's autoboot another), hence the leading newlines;
# "sleep 1; reset" is one line because U-Boot's sleep eats typed input.
# Prints TAP, always exits 0.
set -u
export LC_ALL=C
cd "$(dirname "$0")/../.." || exit 0
build=${1:-build}
fs=$build/firmscope
sbi=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf
uboot_s=/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf
uboot_m=/usr/lib/u-boot/qemu-riscv64/uboot.elf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
echo "1..3"

report() {
    local name=$1
    shift
    n=$((n + 1))
    if [ $# -eq 0 ]; then
        echo "ok $n - $name"
    else
        echo "not ok $n - $name"
        printf '#   %s\n' "$@"
    fi
}

# histogram "TYPE CAUSE" lines -> "count TYPE CAUSE", sorted
histogram() {
    sort | uniq -c | sed 's/^ *//'
}

# ---- smode ---------------------------------------------------------------------
diags=()
for f in "$fs" "$sbi" "$uboot_s" "$build/plugins/libdiscons.so"; do
    [ -e "$f" ] || diags+=("missing $f")
done
if [ ${#diags[@]} -eq 0 ]; then
    printf '\n\n\nversion\nbdinfo\nsleep 1; reset\n' |
        timeout 120 "$fs" -M virt -bios "$sbi" -kernel "$uboot_s" -nographic \
            -plugin "$build/plugins/libdiscons.so" -d int,plugin \
            -D "$tmp/smode.log" > "$tmp/smode.out" 2> "$tmp/smode.err"
    rc=$?
    tr -d '\r' < "$tmp/smode.out" > "$tmp/smode.txt"
    [ "$rc" -eq 0 ] || diags+=("exit status $rc, expected 0 (reset)")
    for want in "OpenSBI v1.1" "Boot HART Priv Version    : v1.12" \
        "U-Boot 2023.01" "=> version" "=> bdinfo" "DRAM bank   = 0x0000000000000000" \
        "-> size     = 0x0000000008000000" "=> sleep 1; reset" "resetting ..."; do
        grep -qF -- "$want" "$tmp/smode.txt" || diags+=("no '$want' on the console")
    done
    grep -q '^discons: .* 0 mismatches$' "$tmp/smode.log" ||
        diags+=("discons: $(grep '^discons' "$tmp/smode.log" || echo 'no summary')")
    [ -s "$tmp/smode.err" ] && diags+=("stderr: $(head -c 200 "$tmp/smode.err")")
fi
report "OpenSBI + U-Boot S-mode: prompt, commands, reset, discons clean" \
    "${diags[@]}"

# ---- traps: same counts per cause as QEMU -----------------------------------------
diags=()
if [ -s "$tmp/smode.log" ]; then
    grep '^int: ' "$tmp/smode.log" |
        sed -E 's/^int: hart=[0-9]+ ([a-z]+) cause=([0-9]+) .*/\1 \2/' |
        histogram > "$tmp/fs.hist"
    # QEMU with our CPU: our extensions (from OpenSBI's report), no H,
    # Sstc, bit-manipulation or Zihintpause, all 29 HPM counters present
    isa=$(sed -n 's/^Boot HART Base ISA *: *//p' "$tmp/smode.txt")
    fd=f=false,d=false
    case "$isa" in *f*d*) fd=f=true,d=true ;; esac
    cpu="rv64,h=false,sstc=false,pmu-num=29,zba=false,zbb=false,zbc=false"
    cpu="$cpu,zbs=false,Zihintpause=false,$fd"
    (sleep 20) | timeout 8 qemu-system-riscv64 -M virt -cpu "$cpu" \
        -bios "$sbi" -kernel "$uboot_s" -nographic -d int -D "$tmp/q.log" \
        > "$tmp/q.out" 2>&1
    grep -q '=> ' "$tmp/q.out" || diags+=("QEMU did not reach the prompt")
    grep 'riscv_cpu_do_interrupt' "$tmp/q.log" |
        sed -E 's/.*async:([01]), cause:0*([0-9a-f]+),.*/\1 \2/' |
        while read -r async cause; do
            [ "$async" = 1 ] && t=interrupt || t=exception
            echo "$t $((16#$cause))"
        done | histogram > "$tmp/q.hist"
    if ! cmp -s "$tmp/fs.hist" "$tmp/q.hist"; then
        diags+=("firmscope: $(tr '\n' ';' < "$tmp/fs.hist")")
        diags+=("QEMU:      $(tr '\n' ';' < "$tmp/q.hist")")
    fi
    echo "# trap counts (count type cause): $(tr '\n' ';' < "$tmp/fs.hist")"
else
    diags+=("no -d int log from the boot above")
fi
report "OpenSBI + U-Boot boot: trap counts per cause equal QEMU's" "${diags[@]}"

# ---- mmode ---------------------------------------------------------------------
diags=()
[ -e "$uboot_m" ] || diags+=("missing $uboot_m")
if [ ${#diags[@]} -eq 0 ]; then
    printf '\n\n\nversion\nreset\n' |
        timeout 120 "$fs" -M virt -bios "$uboot_m" -nographic \
            > "$tmp/mmode.out" 2> "$tmp/mmode.err"
    rc=$?
    tr -d '\r' < "$tmp/mmode.out" > "$tmp/mmode.txt"
    [ "$rc" -eq 0 ] || diags+=("exit status $rc, expected 0 (reset)")
    for want in "U-Boot 2023.01" "=> version" "resetting ..."; do
        grep -qF -- "$want" "$tmp/mmode.txt" || diags+=("no '$want' on the console")
    done
fi
report "U-Boot M-mode (-bios): prompt, version, reset" "${diags[@]}"
