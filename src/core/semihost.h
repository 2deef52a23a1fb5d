/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Semihosting ("Semihosting for AArch32 and AArch64", which the RISC-V
 * semihosting spec adopts): the operation numbers and their host side.
 * The ISA finds the call sequence and passes the operation and parameter
 * register; fields of parameter blocks are `word_size` bytes.
 */
#ifndef FS_SEMIHOST_H
#define FS_SEMIHOST_H

#include <stdbool.h>
#include <stdint.h>

#include "machine.h"

enum {
    SEMIHOST_SYS_OPEN = 0x01,
    SEMIHOST_SYS_CLOSE = 0x02,
    SEMIHOST_SYS_WRITEC = 0x03,
    SEMIHOST_SYS_WRITE0 = 0x04,
    SEMIHOST_SYS_WRITE = 0x05,
    SEMIHOST_SYS_READ = 0x06,
    SEMIHOST_SYS_READC = 0x07,
    SEMIHOST_SYS_ISERROR = 0x08,
    SEMIHOST_SYS_ISTTY = 0x09,
    SEMIHOST_SYS_SEEK = 0x0a,
    SEMIHOST_SYS_FLEN = 0x0c,
    SEMIHOST_SYS_TMPNAM = 0x0d,
    SEMIHOST_SYS_REMOVE = 0x0e,
    SEMIHOST_SYS_RENAME = 0x0f,
    SEMIHOST_SYS_CLOCK = 0x10,
    SEMIHOST_SYS_TIME = 0x11,
    SEMIHOST_SYS_SYSTEM = 0x12,
    SEMIHOST_SYS_ERRNO = 0x13,
    SEMIHOST_SYS_GET_CMDLINE = 0x15,
    SEMIHOST_SYS_HEAPINFO = 0x16,
    SEMIHOST_SYS_EXIT = 0x18,
    SEMIHOST_SYS_EXIT_EXTENDED = 0x20,
    SEMIHOST_SYS_ELAPSED = 0x30,
    SEMIHOST_SYS_TICKFREQ = 0x31,
};

/* ADP_Stopped_ApplicationExit: the reason code of a normal exit. */
#define SEMIHOST_ADP_STOPPED_APPLICATION_EXIT 0x20026u

/* How the host side reaches guest memory (virtual addresses). */
typedef struct SemihostGuest {
    void *opaque;
    unsigned word_size;     /* 4 on RV32, 8 on RV64 */
    /*
     * SYS_EXIT takes a parameter block (reason, subcode) when true, as
     * on AArch64 and RV64; else the parameter is the reason itself.
     */
    bool exit_has_block;
    bool (*read)(void *opaque, uint64_t vaddr, void *buf, size_t len);
    bool (*write)(void *opaque, uint64_t vaddr, const void *buf, size_t len);
} SemihostGuest;

/*
 * semihost_call() - perform operation `op` with parameter `param` and
 * return the value for the result register. An exit request goes to
 * machine_request_exit(); *exited tells the caller.
 */
uint64_t semihost_call(Machine *m, const SemihostGuest *g, uint64_t op,
                       uint64_t param, bool *exited);

/* semihost_op_name() - "SYS_WRITE0", or "SYS_0x.." for unknown ones. */
const char *semihost_op_name(uint64_t op);

#endif
