#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Run every test suite (each prints TAP) and end with the line
# "N passed, N failed". The plain build runs everything; the ASan+UBSan
# build (build-san/) runs the unit, firmware (firmscope side), command-line,
# plugin and trace tests again.
# A suite that crashes, exits non-zero without reporting a failure, or
# reports fewer results than it planned counts as one more failure.
set -u
cd "$(dirname "$0")/.."

passed=0
failed=0
skipped=0
failed_names=()

run_suite() {
    local name=$1
    shift
    local out rc plan n_ok n_not n_skip n_results
    out=$("$@" 2>&1)
    rc=$?
    plan=$(printf '%s\n' "$out" | sed -n 's/^1\.\.\([0-9][0-9]*\).*/\1/p' | head -n 1)
    n_ok=$(printf '%s\n' "$out" | grep -Ec '^ok [0-9]+' || true)
    n_skip=$(printf '%s\n' "$out" | grep -Eic '^ok [0-9]+.*# skip' || true)
    n_not=$(printf '%s\n' "$out" | grep -Ec '^not ok [0-9]+' || true)
    n_results=$((n_ok + n_not))
    passed=$((passed + n_ok - n_skip))
    skipped=$((skipped + n_skip))
    failed=$((failed + n_not))
    printf '%s\n' "$out" | grep -E '^(not ok|#)' | sed "s|^|  [$name] |" | head -n 60
    if [ "$n_not" -gt 0 ]; then
        failed_names+=("$name")
    fi
    if [ -z "$plan" ] || [ "$plan" -ne "$n_results" ] ||
            { [ "$rc" -ne 0 ] && [ "$n_not" -eq 0 ]; }; then
        echo "  [$name] suite broken: exit $rc, plan ${plan:-none}, $n_results results"
        printf '%s\n' "$out" | tail -n 5 | sed "s|^|  [$name] |"
        failed=$((failed + 1))
        failed_names+=("$name (broken)")
    fi
    printf '%-28s %4d ok, %d failed\n' "$name" "$((n_ok - n_skip))" "$n_not"
}

for build in build build-san; do
    tag=""
    [ "$build" = build-san ] && tag="asan:"
    for t in "$build"/tests/unit/test_*; do
        [ -x "$t" ] || continue
        run_suite "${tag}unit/$(basename "$t")" "$t"
    done
    if [ "$build" = build ]; then
        run_suite "firmware" tests/firmware/run.sh "$build"
        run_suite "diff" tests/diff/run.sh "$build"
        run_suite "cli" tests/cli/run.sh "$build"
        run_suite "demo" tests/demo/run.sh "$build"
        run_suite "plugin" tests/plugin/run.sh "$build"
        run_suite "trace" tests/trace/run.sh "$build"
        run_suite "mem" tests/mem/run.sh "$build"
        run_suite "semihost" tests/semihost/run.sh "$build"
        run_suite "clients" tests/clients/run.sh "$build"
        run_suite "dtb" tests/dtb/run.sh "$build"
        run_suite "install" tests/install/run.sh
    else
        FIRMSCOPE_ONLY=1 run_suite "${tag}firmware" tests/firmware/run.sh "$build"
        run_suite "${tag}cli" tests/cli/run.sh "$build"
        run_suite "${tag}plugin" tests/plugin/run.sh "$build"
        run_suite "${tag}trace" tests/trace/run.sh "$build"
    fi
done

if [ ${#failed_names[@]} -gt 0 ]; then
    echo "failing suites: ${failed_names[*]}"
fi
if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
