/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Log categories and destination. */
#include "log.h"

#include <stdarg.h>
#include <string.h>

#include "error.h"

uint32_t log_mask;
static FILE *log_stream;

static const struct {
    const char *name;
    uint32_t bit;
    const char *help;
} log_items[] = {
    { "int", LOG_INT, "every interrupt, exception and host call" },
    { "guest_errors", LOG_GUEST_ERROR, "guest accesses the hardware rejects" },
    { "unimp", LOG_UNIMP, "accesses to unimplemented devices" },
    { "plugin", LOG_PLUGIN, "output of plugins (qemu_plugin_outs)" },
    { "exec", LOG_EXEC, "every executed block (its PC), as QEMU's Trace "
      "lines" },
    { "cpu", LOG_CPU, "the PC, trap CSRs and GPRs before every block" },
    { "fpu", LOG_FPU, "with cpu: the FP registers too" },
    { "nochain", LOG_NOCHAIN, "do not chain blocks (with exec: one line "
      "per block run)" },
    { "mmu", LOG_MMU, "page table walks" },
};

int log_parse_mask(const char *list, uint32_t *mask)
{
    const char *p = list;

    while (*p) {
        size_t n = strcspn(p, ",");
        bool found = false;

        if (n == 4 && strncmp(p, "help", 4) == 0) {
            for (size_t i = 0; i < FS_ARRAY_SIZE(log_items); i++) {
                printf("%-14s %s\n", log_items[i].name, log_items[i].help);
            }
            return 1;
        }
        for (size_t i = 0; i < FS_ARRAY_SIZE(log_items); i++) {
            if (strlen(log_items[i].name) == n &&
                0 == strncmp(p, log_items[i].name, n)) {
                *mask |= log_items[i].bit;
                found = true;
            }
        }
        if (!found) {
            return fs_error(FS_EINVAL,
                            "-d: unknown log item '%.*s' (try -d help)",
                            (int)n, p);
        }
        p += n;
        if (*p == ',') {
            p++;
        }
    }
    return 0;
}

int log_set_file(const char *path)
{
    FILE *f = fopen(path, "w");

    if (!f) {
        return fs_error(FS_EIO, "-D: cannot open '%s' for writing", path);
    }
    log_close();
    log_stream = f;
    return 0;
}

FILE *log_file(void)
{
    return log_stream ? log_stream : stderr;
}

void log_printf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(log_file(), fmt, ap);
    va_end(ap);
}

void log_close(void)
{
    if (log_stream) {
        fclose(log_stream);
        log_stream = NULL;
    }
}
