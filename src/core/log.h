/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Run-time log categories (-d) and the log destination (-D).
 * The mask is one of the two globals the project allows.
 */
#ifndef FS_LOG_H
#define FS_LOG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "compiler.h"

enum {
    LOG_INT = 1u << 0,          /* every trap: type, cause, from and to PC */
    LOG_GUEST_ERROR = 1u << 1,  /* guest did something the hardware rejects */
    LOG_UNIMP = 1u << 2,        /* guest touched an unmodelled device */
    LOG_PLUGIN = 1u << 3,       /* qemu_plugin_outs() text */
    LOG_EXEC = 1u << 4,         /* every executed block */
    LOG_MMU = 1u << 5,          /* page walks */
    LOG_CPU = 1u << 6,          /* register state before each block */
    LOG_FPU = 1u << 7,          /* with cpu: the FP registers too */
    LOG_NOCHAIN = 1u << 8,      /* every block entered from the run loop */
};

extern uint32_t log_mask;

static inline bool log_enabled(uint32_t category)
{
    return (log_mask & category) != 0;
}

/*
 * log_parse_mask() - parse a comma-separated -d list ("int,guest_errors").
 * Returns 0 and ORs the categories into *mask, or -FS_EINVAL with a
 * message naming the unknown item ("help" lists the categories and
 * returns 1).
 */
int log_parse_mask(const char *list, uint32_t *mask);

/* log_set_file() - send the log to PATH (-D) instead of stderr. */
int log_set_file(const char *path);

/* log_file() - the current log stream (stderr unless -D was given). */
FILE *log_file(void);

/* log_printf() - write to the log unconditionally; callers test the mask. */
void log_printf(const char *fmt, ...) FS_PRINTF(1, 2);

/* log_close() - flush and close a -D file. */
void log_close(void);

#endif
