#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tests/diff/run.sh BUILD_DIR
#
# The differential suite (TAP): each image runs under Debian's QEMU and
# under firmscope, single-stepped with the same -icount, and diff.py
# compares them instruction by instruction (PCs, register state, traps,
# UART output, exit status). The corpus:
#
#   firmware  every tests/firmware case, at -icount shift=0 and shift=3;
#   clients   OpenSBI + U-Boot (S-mode) and U-Boot (M-mode): PCs and traps
#             for the first DIFF_CLIENT_INSNS instructions (default
#             2,000,000), and every trap up to U-Boot's prompt; both get
#             firmscope's device tree (-dtb), since QEMU's own lists
#             devices firmscope does not model;
#   random    tests/diff/gen.py programs, seeds 1..DIFF_SEEDS (default 50)
#             for RV64 and for RV32.
#
# First a self-test: a planted difference must be reported.
# DIFF_ONLY=self|firmware|clients|random runs one part. The last comment line
# gives the totals compared.

set -u

build=${1:?usage: $0 BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
fs=$build/firmscope
seeds=${DIFF_SEEDS:-50}
client_insns=${DIFF_CLIENT_INSNS:-2000000}
only=${DIFF_ONLY:-}
out=$build/diff
mkdir -p "$out"

# shellcheck source=tests/lib.sh
. "$top/tests/lib.sh"
count=0
fails=0
runs=0
insns=0
traps=0

# fail NAME TEXT: not ok, with TEXT's lines as diagnostics
fail() {
    local lines=()
    mapfile -t lines <<< "$2"
    not_ok "$1" "${lines[@]}"
    fails=$((fails + 1))
}

# diff_one NAME -- DIFF.PY ARGS...: one TAP line, with the totals kept
# (diff.py exits 77 when QEMU is missing: a failure, as QEMU is a
# dependency `make deps` installs)
diff_one() {
    local name=$1 result
    shift
    if result=$(python3 "$here/diff.py" --firmscope "$fs" "$@" 2>&1); then
        ok "$name: ${result#diff: }"
        runs=$((runs + 1))
        if [[ $result =~ same\ ([0-9]+)\ instructions ]]; then
            insns=$((insns + BASH_REMATCH[1]))
        fi
        if [[ $result =~ ([0-9]+)\ traps ]]; then
            traps=$((traps + BASH_REMATCH[1]))
        fi
    else
        fail "$name" "$result"
    fi
}

# The runner must see a divergence: firmscope given more RAM than QEMU
# places the device tree elsewhere, so a1 differs from the reset ROM on.
if [ -z "$only" ] || [ "$only" = self ]; then
    wrapper=$out/firmscope-256M
    printf '#!/bin/sh\nexec %q "$@" -m 256M\n' "$(realpath "$fs")" \
        > "$wrapper"
    chmod +x "$wrapper"
    result=$(python3 "$here/diff.py" --firmscope "$wrapper" -- -M virt \
        -bios none -kernel "$build/fw/virt/ecall_m.elf" 2>&1)
    status=$?
    if [ $status -eq 1 ] && [[ $result == *"x11/a1"* ]]; then
        ok "self-test: a planted divergence is reported"
    else
        fail "self-test: a planted divergence is reported" "$result"
    fi
fi

if [ -z "$only" ] || [ "$only" = firmware ]; then
    for dir in "$top"/tests/firmware/*/*/; do
        case=${dir%/}
        case=${case#"$top"/tests/firmware/}
        args=(-M virt)
        if [ -f "$dir/cmdline" ]; then
            read -r -a args < <(tr '\n' ' ' < "$dir/cmdline"; echo)
        fi
        for shift in 0 3; do
            diff_one "firmware $case shift=$shift" --icount "$shift" -- \
                "${args[@]}" -bios none -kernel "$build/fw/$case.elf"
        done
    done
fi

if [ -z "$only" ] || [ "$only" = clients ]; then
    sbi=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf
    uboot_s=/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf
    uboot_m=/usr/lib/u-boot/qemu-riscv64/uboot.elf
    dtb=$out/virt.dtb
    if "$fs" -M "virt,dumpdtb=$dtb" -bios "$sbi" -kernel "$uboot_s" \
            2> "$out/dumpdtb.err"; then
        for boot in opensbi+u-boot u-boot-m-mode; do
            if [ $boot = opensbi+u-boot ]; then
                boot_args=(-bios "$sbi" -kernel "$uboot_s")
            else
                boot_args=(-bios "$uboot_m")
            fi
            # single-stepped QEMU logs some 300 k instructions a second
            diff_one "clients $boot PCs, first $client_insns" \
                --mode pcs --max-insns "$client_insns" \
                --timeout $((client_insns / 50000 + 60)) -- -M virt \
                -dtb "$dtb" "${boot_args[@]}"
            diff_one "clients $boot traps, to the prompt" \
                --mode traps --until "=> " -- -M virt -dtb "$dtb" \
                "${boot_args[@]}"
        done
    else
        fail "clients: cannot dump the device tree" "$(cat "$out/dumpdtb.err")"
    fi
fi

if [ -z "$only" ] || [ "$only" = random ]; then
    for xlen in 64 32; do
        if [ "$xlen" = 64 ]; then
            arch=(-march=rv64imafdc_zicsr_zifencei -mabi=lp64)
        else
            arch=(-march=rv32imafdc_zicsr_zifencei -mabi=ilp32)
        fi
        for ((seed = 1; seed <= seeds; seed++)); do
            src=$out/rv$xlen-$seed.S
            elf=$out/rv$xlen-$seed.elf
            if ! python3 "$here/gen.py" --seed "$seed" --xlen "$xlen" \
                    -o "$src" 2> "$out/gen.err" ||
               ! riscv64-unknown-elf-gcc "${arch[@]}" -mcmodel=medany \
                    -nostdlib -nostartfiles -static -T "$here/link.ld" \
                    -Wl,--no-warn-rwx-segments -o "$elf" "$src" \
                    2> "$out/gen.err"; then
                fail "random rv$xlen seed $seed: cannot build" \
                    "$(cat "$out/gen.err")"
                continue
            fi
            cpu=()
            [ "$xlen" = 32 ] && cpu=(-cpu rv32)
            diff_one "random rv$xlen seed $seed" -- -M virt "${cpu[@]}" \
                -bios none -kernel "$elf"
            [ "${DIFF_KEEP:-}" ] || rm -f "$src" "$elf"
        done
    done
fi

echo "1..$count"
echo "# compared: $runs runs, $insns instructions, $traps traps"
echo "# $((count - fails)) passed, $fails failed"
[ $fails -eq 0 ]
