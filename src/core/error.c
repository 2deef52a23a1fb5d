/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Host and configuration error messages (see error.h). */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

static char error_msg[512];

int fs_error(int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(error_msg, sizeof(error_msg), fmt, ap);
    va_end(ap);
    return -code;
}

const char *fs_error_msg(void)
{
    return error_msg;
}

void fs_error_clear(void)
{
    error_msg[0] = '\0';
}
