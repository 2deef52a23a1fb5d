#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench/run.sh [FIRMSCOPE [FW_DIR [BENCH_BUILD]]]   (run by `make bench`)
#
# Times firmscope against Debian's qemu-system-riscv64 (QEMU 7.2) on the
# benchmark images (bench/fw), with and without plugins, the firmware test
# suite end to end and the OpenSBI + U-Boot boot; see bench/bench.py for what
# it prints and the environment variables (BENCH_RUNS, BENCH_IMAGES,
# BENCH_TRACE_DIR, BENCH_PARTS). Exit status 1 if any run gave the wrong
# output or exit status.
set -eu
cd "$(dirname "$0")/.."
exec python3 -u bench/bench.py "${1:-build/firmscope}" \
    "${2:-build/bench/x4}" "${3:-build/bench}"
