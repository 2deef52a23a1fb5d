#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tests/dtb/run.sh [BUILD_DIR] - the virt board's device tree options:
#   dump       -M virt,dumpdtb=FILE writes a blob dtc decompiles, with
#              memory sized by -m, the serial port and the PLIC, and runs
#              nothing (status 0, no guest output)
#   pass       -dtb FILE is what the guest gets: a dumped tree whose model
#              was changed with dtc makes U-Boot print the new model
#   reject     -dtb of a file that is not a blob: one line, status 1
# Prints TAP, always exits 0.
set -u
export LC_ALL=C
cd "$(dirname "$0")/../.." || exit 0
build=${1:-build}
fs=$build/firmscope
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

diags=()
"$fs" -M virt,dumpdtb="$tmp/virt.dtb" -m 256M build/fw/demo.elf \
    > "$tmp/dump.out" 2> "$tmp/dump.err"
rc=$?
[ "$rc" -eq 0 ] || diags+=("exit status $rc: $(head -c 200 "$tmp/dump.err")")
[ -s "$tmp/dump.out" ] && diags+=("the guest ran: $(head -c 80 "$tmp/dump.out")")
if dtc -q -I dtb -O dts -o "$tmp/virt.dts" "$tmp/virt.dtb" 2> "$tmp/dtc.err"
then
    for want in 'memory@80000000 {' 'reg = <0x00 0x80000000 0x00 0x10000000>;' \
        'serial@10000000 {' 'plic@c000000 {' 'riscv,isa = "rv64imafdc' \
        'stdout-path = "/soc/serial@10000000";'; do
        grep -qF -- "$want" "$tmp/virt.dts" || diags+=("no '$want' in the tree")
    done
else
    diags+=("dtc cannot decompile it: $(head -c 200 "$tmp/dtc.err")")
fi
report "-M virt,dumpdtb= writes a tree dtc decompiles, runs nothing" \
    "${diags[@]}"

diags=()
if [ -s "$tmp/virt.dts" ] && [ -e "$uboot_m" ]; then
    sed 's/model = "riscv-virtio,qemu";/model = "firmscope,test-model";/' \
        "$tmp/virt.dts" > "$tmp/mine.dts"
    dtc -q -I dts -O dtb -o "$tmp/mine.dtb" "$tmp/mine.dts" ||
        diags+=("dtc cannot compile the edited tree")
    printf '\n\n\nreset\n' | timeout 60 "$fs" -M virt -m 256M \
        -bios "$uboot_m" -dtb "$tmp/mine.dtb" -nographic > "$tmp/pass.out" 2>&1
    grep -aq 'Model: firmscope,test-model' "$tmp/pass.out" ||
        diags+=("U-Boot did not print the model of the -dtb tree")
else
    diags+=("no dumped tree or no $uboot_m")
fi
report "-dtb FILE is the tree the guest gets (U-Boot prints its model)" \
    "${diags[@]}"

diags=()
printf 'not a device tree\n' > "$tmp/bad.dtb"
"$fs" -dtb "$tmp/bad.dtb" build/fw/demo.elf > /dev/null 2> "$tmp/bad.err"
rc=$?
[ "$rc" -eq 1 ] || diags+=("exit status $rc, expected 1")
[ "$(wc -l < "$tmp/bad.err")" -eq 1 ] || diags+=("stderr is not one line")
grep -q 'bad.dtb' "$tmp/bad.err" || diags+=("the message does not name the file")
report "-dtb of a non-blob file: one line, status 1" "${diags[@]}"
