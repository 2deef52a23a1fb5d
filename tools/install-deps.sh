#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Install the Debian 12 packages firmscope's build and tests need, only
# those missing (idempotent: prints nothing when all are present).
set -euo pipefail

packages=(
    gcc make python3 pkg-config bc    # host build (bc: make perf)
    libglib2.0-dev                    # plugin API (qemu-plugin.h uses glib)
    libfdt-dev device-tree-compiler   # device trees (virt) and their tests
    gcc-riscv64-unknown-elf           # test and demo firmware
    binutils-riscv64-unknown-elf
    picolibc-riscv64-unknown-elf
    qemu-system-misc                  # reference for expected traps
    opensbi u-boot-qemu               # real firmware the tests boot
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
            grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
