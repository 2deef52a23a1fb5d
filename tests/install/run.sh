#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# `make install` into a scratch prefix: the installed pkg-config file
# must give the flags that build a plugin (here our traps plugin) against
# the installed header, and the installed firmscope must load it.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
echo "1..2"
if make --no-print-directory install PREFIX="$prefix" >"$tmp/make.log" 2>&1 &&
        [ -x "$prefix/bin/firmscope" ] &&
        [ -f "$prefix/include/firmscope/qemu-plugin.h" ] &&
        [ -f "$prefix/lib/firmscope/plugins/libtraps.so" ]; then
    echo "ok 1 - make install PREFIX=... installs firmscope, header, plugins"
else
    echo "not ok 1 - make install PREFIX=... installs firmscope, header, plugins"
    tail -n 5 "$tmp/make.log" | sed 's/^/# /'
fi
cflags=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags \
         firmscope-plugin 2>"$tmp/pc.err")
libs=$(pkg-config --libs glib-2.0)
# shellcheck disable=SC2086
if cc -shared -fPIC -Wall -Werror $cflags -o "$tmp/libmine.so" \
        plugins/traps.c $libs 2>"$tmp/cc.err" &&
        "$prefix/bin/firmscope" -plugin "$tmp/libmine.so" -d plugin \
        -D "$tmp/log" build/fw/demo.elf >/dev/null 2>&1 &&
        grep -q "^VCPU, interrupts, exceptions, hostcalls" "$tmp/log"; then
    echo "ok 2 - pkg-config --cflags firmscope-plugin builds a loadable plugin"
else
    echo "not ok 2 - pkg-config --cflags firmscope-plugin builds a loadable plugin"
    cat "$tmp/pc.err" "$tmp/cc.err" | head -n 5 | sed 's/^/# /'
fi
