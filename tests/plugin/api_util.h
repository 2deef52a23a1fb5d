/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers shared by the API test plugins (tests/plugin/api_*.c): formatted
 * output through qemu_plugin_outs and "key=value" argument parsing.
 */
#ifndef TESTS_PLUGIN_API_UTIL_H
#define TESTS_PLUGIN_API_UTIL_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <qemu-plugin.h>

/* printf to the plugin log (-d plugin) */
static inline void G_GNUC_PRINTF(1, 2) outf(const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    qemu_plugin_outs(s);
    g_free(s);
}

/*
 * arg_u64() - if arg is "key=NUMBER" (0x... hex or decimal), store the
 * number in *val and return true.
 */
static inline bool arg_u64(const char *arg, const char *key, uint64_t *val)
{
    size_t n = strlen(key);
    char *end;

    if (strncmp(arg, key, n) != 0 || arg[n] != '=') {
        return false;
    }
    *val = g_ascii_strtoull(arg + n + 1, &end, 0);
    return end != arg + n + 1 && *end == '\0';
}

/* le_value() - the first (up to) 8 bytes of buf as a little-endian number */
static inline uint64_t le_value(const GByteArray *buf)
{
    uint64_t v = 0;

    for (guint i = 0; i < buf->len && i < 8; i++) {
        v |= (uint64_t)buf->data[i] << (8 * i);
    }
    return v;
}

#endif
