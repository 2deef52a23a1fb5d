/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The host side of semihosting. Console output (SYS_WRITEC, SYS_WRITE0,
 * SYS_WRITE to the ":tt" handle) goes to stderr, as QEMU 7.2 sends it,
 * so the UART transcript on stdout stays clean. This file implements
 * the console and exit operations; the others return -1 with errno
 * ENOSYS to the guest and are logged under -d guest_errors.
 */
#include "semihost.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

/* The handle SYS_OPEN(":tt") returns; 0 is never a valid handle. */
#define SEMIHOST_CONSOLE_HANDLE 1
#define SEMIHOST_WRITE0_MAX 65536

static int semihost_errno;

const char *semihost_op_name(uint64_t op)
{
    static char buf[24];

    switch (op) {
    case SEMIHOST_SYS_OPEN: return "SYS_OPEN";
    case SEMIHOST_SYS_CLOSE: return "SYS_CLOSE";
    case SEMIHOST_SYS_WRITEC: return "SYS_WRITEC";
    case SEMIHOST_SYS_WRITE0: return "SYS_WRITE0";
    case SEMIHOST_SYS_WRITE: return "SYS_WRITE";
    case SEMIHOST_SYS_READ: return "SYS_READ";
    case SEMIHOST_SYS_READC: return "SYS_READC";
    case SEMIHOST_SYS_ISERROR: return "SYS_ISERROR";
    case SEMIHOST_SYS_ISTTY: return "SYS_ISTTY";
    case SEMIHOST_SYS_SEEK: return "SYS_SEEK";
    case SEMIHOST_SYS_FLEN: return "SYS_FLEN";
    case SEMIHOST_SYS_TMPNAM: return "SYS_TMPNAM";
    case SEMIHOST_SYS_REMOVE: return "SYS_REMOVE";
    case SEMIHOST_SYS_RENAME: return "SYS_RENAME";
    case SEMIHOST_SYS_CLOCK: return "SYS_CLOCK";
    case SEMIHOST_SYS_TIME: return "SYS_TIME";
    case SEMIHOST_SYS_SYSTEM: return "SYS_SYSTEM";
    case SEMIHOST_SYS_ERRNO: return "SYS_ERRNO";
    case SEMIHOST_SYS_GET_CMDLINE: return "SYS_GET_CMDLINE";
    case SEMIHOST_SYS_HEAPINFO: return "SYS_HEAPINFO";
    case SEMIHOST_SYS_EXIT: return "SYS_EXIT";
    case SEMIHOST_SYS_EXIT_EXTENDED: return "SYS_EXIT_EXTENDED";
    case SEMIHOST_SYS_ELAPSED: return "SYS_ELAPSED";
    case SEMIHOST_SYS_TICKFREQ: return "SYS_TICKFREQ";
    default:
        snprintf(buf, sizeof(buf), "SYS_0x%02" PRIx64, op);
        return buf;
    }
}

/* Parameter block field i (word_size bytes, little-endian). */
static bool arg(const SemihostGuest *g, uint64_t block, unsigned i,
                uint64_t *v)
{
    *v = 0;
    return g->read(g->opaque, block + (uint64_t)i * g->word_size, v,
                   g->word_size);
}

static void console_out(const void *buf, size_t len)
{
    fflush(stderr);
    while (len > 0) {
        ssize_t n = write(2, buf, len);

        if (n <= 0) {
            return;
        }
        buf = (const uint8_t *)buf + n;
        len -= (size_t)n;
    }
}

static uint64_t fail(int err)
{
    semihost_errno = err;
    return UINT64_MAX; /* -1 in the guest's register */
}

static uint64_t sys_open(const SemihostGuest *g, uint64_t block)
{
    uint64_t name, mode, len;
    char path[4];

    if (!arg(g, block, 0, &name) || !arg(g, block, 1, &mode) ||
        !arg(g, block, 2, &len)) {
        return fail(EFAULT);
    }
    /* ":tt" is the console: read for modes 0-3, write for 4-11 */
    if (len == 3 && g->read(g->opaque, name, path, 3) &&
        0 == memcmp(path, ":tt", 3)) {
        return SEMIHOST_CONSOLE_HANDLE;
    }
    return fail(ENOSYS);
}

static uint64_t sys_write(const SemihostGuest *g, uint64_t block)
{
    uint64_t handle, buf, len;
    uint8_t chunk[256];
    uint64_t done = 0;

    if (!arg(g, block, 0, &handle) || !arg(g, block, 1, &buf) ||
        !arg(g, block, 2, &len)) {
        return fail(EFAULT);
    }
    if (handle != SEMIHOST_CONSOLE_HANDLE) {
        semihost_errno = EBADF;
        return len; /* nothing written */
    }
    while (done < len) {
        size_t n = len - done < sizeof(chunk) ? (size_t)(len - done)
                                              : sizeof(chunk);

        if (!g->read(g->opaque, buf + done, chunk, n)) {
            semihost_errno = EFAULT;
            break;
        }
        console_out(chunk, n);
        done += n;
    }
    return len - done; /* bytes not written */
}

static uint64_t sys_write0(const SemihostGuest *g, uint64_t addr)
{
    char c;

    for (unsigned i = 0; i < SEMIHOST_WRITE0_MAX; i++) {
        if (!g->read(g->opaque, addr + i, &c, 1) || c == '\0') {
            break;
        }
        console_out(&c, 1);
    }
    return 0;
}

/* Exit status from SYS_EXIT / SYS_EXIT_EXTENDED, as QEMU computes it. */
static int exit_status(const SemihostGuest *g, uint64_t op, uint64_t param)
{
    uint64_t reason = param, subcode = 0;

    if (op == SEMIHOST_SYS_EXIT_EXTENDED || g->exit_has_block) {
        if (!arg(g, param, 0, &reason) || !arg(g, param, 1, &subcode)) {
            return 1;
        }
        return reason == SEMIHOST_ADP_STOPPED_APPLICATION_EXIT ? (int)subcode
                                                               : 1;
    }
    return reason == SEMIHOST_ADP_STOPPED_APPLICATION_EXIT ? 0 : 1;
}

uint64_t semihost_call(Machine *m, const SemihostGuest *g, uint64_t op,
                       uint64_t param, bool *exited)
{
    uint8_t c;

    *exited = false;
    switch (op) {
    case SEMIHOST_SYS_OPEN:
        return sys_open(g, param);
    case SEMIHOST_SYS_CLOSE:
        return 0;
    case SEMIHOST_SYS_WRITEC:
        if (!g->read(g->opaque, param, &c, 1)) {
            return fail(EFAULT);
        }
        console_out(&c, 1);
        return 0;
    case SEMIHOST_SYS_WRITE0:
        return sys_write0(g, param);
    case SEMIHOST_SYS_WRITE:
        return sys_write(g, param);
    case SEMIHOST_SYS_ISTTY:
        return 1;
    case SEMIHOST_SYS_ERRNO:
        return (uint64_t)semihost_errno;
    case SEMIHOST_SYS_EXIT:
    case SEMIHOST_SYS_EXIT_EXTENDED:
        machine_request_exit(m, exit_status(g, op, param));
        *exited = true;
        return 0;
    default:
        if (log_enabled(LOG_GUEST_ERROR)) {
            log_printf("semihosting: unsupported operation %s\n",
                       semihost_op_name(op));
        }
        return fail(ENOSYS);
    }
}
