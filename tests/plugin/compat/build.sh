#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# build.sh OUTDIR - build the API-compatibility test plugin for API 5, 6 and
# 7 (libcompat_v5.so, libcompat_v6.so, libcompat_v7.so), check the header
# declares and the plugin uses every function of each version, and check
# that callbacks of the wrong version are rejected.  Exits non-zero on any
# failure.
set -u

if [ $# -ne 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi
OUT=$1
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
CC=${CC:-cc}
GLIB=$(pkg-config --cflags glib-2.0) || {
    echo "build.sh: pkg-config cannot find glib-2.0 (apt-get install libglib2.0-dev pkg-config)" >&2
    exit 1
}
CFLAGS="-Wall -Wextra -Werror -fPIC -shared $GLIB -I$ROOT/include"
mkdir -p "$OUT" || exit 1
fail=0

# name_count COMPAT_FLAG: number of API functions the header declares
name_count()
{
    echo '#include <qemu-plugin.h>' |
        $CC -E -P $1 $GLIB -I"$ROOT/include" -x c - |
        sed -n '/qemu_plugin_id_t;/,$p' | tr '\n' ' ' |
        grep -oE 'qemu_plugin_[a-z0-9_]+ *\(' | grep -v '^qemu_plugin_install' |
        sort -u | wc -l
}

for v in 5 6 7; do
    case $v in
    5) flag=-DQEMU_PLUGIN_API_COMPAT=5 want=63 ;;
    6) flag=-DQEMU_PLUGIN_API_COMPAT=6 want=65 ;;
    7) flag= want=65 ;;
    esac
    so="$OUT/libcompat_v$v.so"
    # shellcheck disable=SC2086
    if ! $CC $CFLAGS $flag "$HERE/compat_test.c" -o "$so"; then
        echo "FAIL: libcompat_v$v.so does not build" >&2
        fail=1
        continue
    fi
    declared=$(name_count "$flag")
    used=$(nm -D --undefined-only "$so" | grep -c ' qemu_plugin_')
    ver=$(nm -D --defined-only "$so" | grep -c ' qemu_plugin_version$')
    if [ "$declared" -ne "$want" ] || [ "$used" -ne "$want" ] || [ "$ver" -ne 1 ]; then
        echo "FAIL: API $v: header declares $declared, plugin uses $used, want $want" >&2
        fail=1
    else
        echo "ok: libcompat_v$v.so (API $v, $want functions declared and used)"
    fi
done

# expect ok|reject API STYLE CHECK: build mismatch.c written in STYLE
# against the header at API
expect()
{
    want=$1 api=$2 style=$3 check=$4
    flag=
    [ "$api" != 7 ] && flag=-DQEMU_PLUGIN_API_COMPAT=$api
    # shellcheck disable=SC2086
    log=$($CC $CFLAGS $flag -DCB_STYLE=$style -D$check=1 \
        "$HERE/mismatch.c" -o "$OUT/mismatch.so" 2>&1)
    rc=$?
    if [ "$want" = ok ] && [ $rc -eq 0 ]; then
        echo "ok: $check API $api style $style builds"
    elif [ "$want" = reject ] && [ $rc -ne 0 ] &&
        echo "$log" | grep -q 'incompatible-pointer-types'; then
        echo "ok: $check API $api style $style rejected (incompatible pointer type)"
    else
        echo "FAIL: $check API $api style $style: expected $want, rc=$rc" >&2
        echo "$log" >&2
        fail=1
    fi
}

expect ok 6 6 CHECK_DISCON
expect reject 6 7 CHECK_DISCON
expect ok 7 7 CHECK_DISCON
expect reject 7 6 CHECK_DISCON
expect ok 5 5 CHECK_DISCON
expect reject 5 7 CHECK_DISCON
expect ok 6 6 CHECK_TB_TRANS
expect reject 6 7 CHECK_TB_TRANS
expect reject 7 6 CHECK_TB_TRANS
expect ok 5 5 CHECK_READ_REGISTER
expect reject 5 6 CHECK_READ_REGISTER
expect ok 6 6 CHECK_READ_REGISTER
expect reject 6 5 CHECK_READ_REGISTER
rm -f "$OUT/mismatch.so"

# Unsupported API numbers must stop the build.
for bad in 1 8; do
    if echo '#include <qemu-plugin.h>' | $CC -fsyntax-only \
        -DQEMU_PLUGIN_API_COMPAT=$bad $GLIB -I"$ROOT/include" -x c - 2>/dev/null; then
        echo "FAIL: QEMU_PLUGIN_API_COMPAT=$bad accepted" >&2
        fail=1
    else
        echo "ok: QEMU_PLUGIN_API_COMPAT=$bad rejected"
    fi
done

exit $fail
