/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host and configuration errors: negative FS_E* codes plus one message
 * line kept per thread of control, printed once by main().
 */
#ifndef FS_ERROR_H
#define FS_ERROR_H

#include "compiler.h"

enum {
    FS_OK = 0,
    FS_EINVAL = 1, /* bad option or value */
    FS_EIO = 2,    /* file could not be read or written */
    FS_EFORMAT = 3, /* file is not in the expected format */
    FS_ENOMEM = 4,
    FS_ERANGE = 5, /* address or size outside what the board provides */
};

/*
 * fs_error() - record the message for the current failure and return
 * -code, so callers write `return fs_error(FS_EINVAL, "...")`.
 * The message follows the project format: "component: message".
 */
int fs_error(int code, const char *fmt, ...) FS_PRINTF(2, 3);

/* fs_error_msg() - the last recorded message, or "" if none. */
const char *fs_error_msg(void);

/* fs_error_clear() - forget the last message. */
void fs_error_clear(void);

#endif
