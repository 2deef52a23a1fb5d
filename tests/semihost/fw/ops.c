/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ops: every semihosting operation ("Semihosting for AArch32 and
 * AArch64" v2.0, as the RISC-V semihosting spec adopts it), one line
 * per check: result, SYS_ERRNO where the spec sets it, and data. The
 * runner compares the lines with ops.expect (less those starting
 * "layout:", which depend on the toolchain's image); lines starting "fs-only"
 * or "varies" are left out of the comparison with QEMU (QEMU 7.2 has
 * no root, runs SYS_SYSTEM, names temp files /tmp/qemu-PID.., blocks
 * in SYS_READC without a chardev and aborts on unknown operations).
 * With "fsonly" among the arguments (-append) those checks run too.
 */
#include <stdio.h>
#include <string.h>

#include "sh.h"

extern char __bss_end[]; /* picolibc.ld */

enum {
    SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04,
    SYS_WRITE = 0x05, SYS_READ = 0x06, SYS_READC = 0x07, SYS_ISERROR = 0x08,
    SYS_ISTTY = 0x09, SYS_SEEK = 0x0a, SYS_FLEN = 0x0c, SYS_TMPNAM = 0x0d,
    SYS_REMOVE = 0x0e, SYS_RENAME = 0x0f, SYS_CLOCK = 0x10, SYS_TIME = 0x11,
    SYS_SYSTEM = 0x12, SYS_ERRNO = 0x13, SYS_GET_CMDLINE = 0x15,
    SYS_HEAPINFO = 0x16, SYS_ELAPSED = 0x30, SYS_TICKFREQ = 0x31,
};

static long err(void)
{
    return sh(SYS_ERRNO, 0);
}

static long op_open(const char *name, long mode)
{
    long b[3] = { (long)name, mode, (long)strlen(name) };

    return sh(SYS_OPEN, (long)b);
}

static long op1(long op, long a0)
{
    long b[1] = { a0 };

    return sh(op, (long)b);
}

static long op_rw(long op, long h, void *buf, long len)
{
    long b[3] = { h, (long)buf, len };

    return sh(op, (long)b);
}

static long op_seek(long h, long pos)
{
    long b[2] = { h, pos };

    return sh(SYS_SEEK, (long)b);
}

static long op_name(long op, const char *name)
{
    long b[2] = { (long)name, (long)strlen(name) };

    return sh(op, (long)b);
}

static long op_rename(const char *from, const char *to)
{
    long b[4] = { (long)from, (long)strlen(from), (long)to,
                  (long)strlen(to) };

    return sh(SYS_RENAME, (long)b);
}

int main(int argc, char **argv)
{
    char buf[256];
    long r, h, h2, e, t[2], t2[2], hi[4], hp;
    int fsonly = 0;

    for (int i = 1; i < argc; i++) {
        fsonly |= strcmp(argv[i], "fsonly") == 0;
    }

    /* SYS_OPEN of the console and the features file */
    h = op_open(":tt", 4);
    h2 = op_open(":tt", 8);
    printf("SYS_OPEN :tt w=%ld a=%ld\n", h, h2);
    r = op_rw(SYS_WRITE, h, "tt-w\n", 5);
    printf("SYS_WRITE :tt w: %ld\n", r);
    r = op_rw(SYS_WRITE, h2, "tt-a\n", 5);
    printf("SYS_WRITE :tt a: %ld\n", r);
    printf("SYS_ISTTY :tt w (redirected): %ld errno %ld\n", op1(SYS_ISTTY, h),
           err());
    printf("SYS_CLOSE :tt: %ld %ld\n", op1(SYS_CLOSE, h), op1(SYS_CLOSE, h2));
    r = op_open(":tt", 12);
    printf("SYS_OPEN mode 12: %ld errno %ld\n", r, err());
    h = op_open(":semihosting-features", 0);
    printf("SYS_OPEN :semihosting-features: %ld\n", h);
    printf("SYS_FLEN features: %ld\n", op1(SYS_FLEN, h));
    memset(buf, 0, 16);
    r = op_rw(SYS_READ, h, buf, 8);
    printf("SYS_READ features: %ld not read, %.4s %02x\n", r, buf,
           (unsigned char)buf[4]);
    printf("SYS_SEEK features 4: %ld\n", op_seek(h, 4));
    r = op_rw(SYS_READ, h, buf, 1);
    printf("SYS_READ features @4: %ld not read, %02x\n", r,
           (unsigned char)buf[0]);
    printf("SYS_SEEK features 6: %ld errno %ld\n", op_seek(h, 6), err());
    printf("SYS_ISTTY features: %ld errno %ld\n", op1(SYS_ISTTY, h), err());
    printf("SYS_CLOSE features: %ld\n", op1(SYS_CLOSE, h));
    r = op_open(":semihosting-features", 4);
    printf("SYS_OPEN features mode 4: %ld errno %ld\n", r, err());

    /* SYS_WRITEC, SYS_WRITE0 (to stderr) */
    r = sh(SYS_WRITEC, (long)"c");
    r = sh(SYS_WRITE0, (long)"-write0\n");
    printf("SYS_WRITEC, SYS_WRITE0: done\n");

    /* files under the root */
    h = op_open("f.txt", 4);
    printf("SYS_OPEN f.txt w: %ld\n", h);
    printf("SYS_WRITE 10: %ld not written\n", op_rw(SYS_WRITE, h,
                                                    "0123456789", 10));
    printf("SYS_ISTTY file: %ld errno %ld\n", op1(SYS_ISTTY, h), err());
    r = op_rw(SYS_READ, h, buf, 4);
    printf("SYS_READ write-only: %ld not read, errno %ld\n", r, err());
    printf("SYS_CLOSE: %ld\n", op1(SYS_CLOSE, h));
    printf("SYS_CLOSE again: %ld errno %ld\n", op1(SYS_CLOSE, h), err());
    h = op_open("f.txt", 0);
    printf("SYS_FLEN f.txt: %ld\n", op1(SYS_FLEN, h));
    printf("SYS_SEEK 3: %ld\n", op_seek(h, 3));
    memset(buf, 0, sizeof(buf));
    r = op_rw(SYS_READ, h, buf, 4);
    printf("SYS_READ 4: %ld not read, '%s'\n", r, buf);
    memset(buf, 0, sizeof(buf));
    r = op_rw(SYS_READ, h, buf, 10);
    printf("SYS_READ 10 at 7: %ld not read, '%s'\n", r, buf);
    r = op_rw(SYS_READ, h, buf, 10);
    printf("SYS_READ at EOF: %ld not read\n", r);
    r = op_rw(SYS_WRITE, h, "x", 1);
    printf("SYS_WRITE read-only: %ld not written, errno %ld\n", r, err());
    op1(SYS_CLOSE, h);
    h = op_open("f.txt", 8);
    op_rw(SYS_WRITE, h, "ab", 2);
    op1(SYS_CLOSE, h);
    h = op_open("f.txt", 2);
    /* QEMU 7.2 opens "a" without O_APPEND: it overwrites, FLEN 10 */
    printf("varies: SYS_OPEN a, r+: FLEN %ld\n", op1(SYS_FLEN, h));
    op1(SYS_CLOSE, h);
    r = op_open("no-such-file", 0);
    printf("SYS_OPEN missing: %ld errno %ld\n", r, err());
    h = op_open("f.txt", 6);
    printf("SYS_OPEN w+: FLEN %ld\n", op1(SYS_FLEN, h));
    op1(SYS_CLOSE, h);

    /* bad handles never reach a host fd */
    printf("bad handle 0: CLOSE %ld errno %ld\n", op1(SYS_CLOSE, 0), err());
    printf("bad handle 2: WRITE %ld errno %ld\n",
           op_rw(SYS_WRITE, 2, "zz", 2), err());
    printf("bad handle 1000: READ %ld errno %ld\n",
           op_rw(SYS_READ, 1000, buf, 3), err());
    printf("bad handle -1: SEEK %ld errno %ld\n", op_seek(-1, 0), err());
    printf("bad handle 77: FLEN %ld errno %ld\n", op1(SYS_FLEN, 77), err());
    printf("bad handle 5: ISTTY %ld errno %ld\n", op1(SYS_ISTTY, 5), err());

    /* SYS_ISERROR */
    printf("SYS_ISERROR -1 0 5: %ld %ld %ld\n", op1(SYS_ISERROR, -1),
           op1(SYS_ISERROR, 0), op1(SYS_ISERROR, 5));

    /* SYS_REMOVE, SYS_RENAME */
    printf("SYS_RENAME f.txt g.txt: %ld\n", op_rename("f.txt", "g.txt"));
    printf("SYS_RENAME missing: %ld errno %ld\n",
           op_rename("f.txt", "h.txt"), err());
    printf("SYS_REMOVE g.txt: %ld\n", op_name(SYS_REMOVE, "g.txt"));
    printf("SYS_REMOVE again: %ld errno %ld\n", op_name(SYS_REMOVE, "g.txt"),
           err());

    /* SYS_TMPNAM */
    r = ({ long b[3] = { (long)buf, 7, sizeof(buf) }; sh(SYS_TMPNAM, (long)b); });
    printf("varies: SYS_TMPNAM 7: %ld '%s'\n", r, buf);
    r = ({ long b[3] = { (long)buf, 7, 4 }; sh(SYS_TMPNAM, (long)b); });
    printf("SYS_TMPNAM small buffer: %ld\n", r);

    /* time */
    r = sh(SYS_CLOCK, 0);
    printf("SYS_CLOCK: %s\n", r >= 0 ? "ok" : "FAILED");
    r = sh(SYS_TIME, 0);
    printf("SYS_TIME: %s\n", r > 1600000000 ? "after 2020" : "FAILED");
    printf("SYS_TICKFREQ: %ld\n", sh(SYS_TICKFREQ, 0));
    t[0] = t[1] = -1;
    r = sh(SYS_ELAPSED, (long)t);
    t2[0] = -1;
    sh(SYS_ELAPSED, (long)t2);
    printf("SYS_ELAPSED: %ld, %s\n", r,
           t[0] >= 0 && t2[0] > t[0] ? "increasing" : "FAILED");
    printf("varies: SYS_ELAPSED ticks %ld\n", t[0]);

    /* SYS_SYSTEM: refused unless enabled */
    r = op_name(SYS_SYSTEM, "exit 3");
    e = err();
    printf("varies: SYS_SYSTEM exit 3: %ld errno %ld\n", r, r < 0 ? e : 0);

    /* SYS_GET_CMDLINE */
    {
        long b[2] = { (long)buf, sizeof(buf) };
        char *words;

        r = sh(SYS_GET_CMDLINE, (long)b);
        e = b[1] == (long)strlen(buf);
        words = strchr(buf, ' ');
        if (fsonly && strstr(buf, " fsonly")) {
            *strstr(buf, " fsonly") = '\0'; /* the same line as QEMU's */
        }
        printf("SYS_GET_CMDLINE: %ld len %s, kernel name then '%s'\n", r,
               e ? "ok" : "WRONG",
               words ? words + 1 : "");
    }
    r = ({ long b[2] = { (long)buf, 4 }; sh(SYS_GET_CMDLINE, (long)b); });
    printf("SYS_GET_CMDLINE small buffer: %ld errno %ld\n", r, err());

    /* SYS_HEAPINFO: the parameter points at a pointer to the block */
    hp = (long)hi;
    r = sh(SYS_HEAPINFO, (long)&hp);
    printf("SYS_HEAPINFO: %ld heap base after .bss: %s, heap limit %lx, "
           "stack %s\n", r, hi[0] >= (long)__bss_end ? "yes" : "NO", hi[1],
           hi[2] == hi[1] && hi[3] == hi[0] ? "limit-base" : "ELSEWHERE");
    printf("layout: SYS_HEAPINFO heap %lx-%lx\n", hi[0], hi[1]);

    /* bad addresses: EFAULT, never a host crash */
    r = sh(SYS_OPEN, 0x10);
    printf("SYS_OPEN block at 0x10: %ld errno %ld\n", r, err());

    if (fsonly) {
        r = sh(0x99, 0);
        printf("fs-only: unknown op 0x99: %ld errno %ld\n", r, err());
        r = sh(SYS_READC, 0);
        printf("fs-only: SYS_READC: %ld '%c'\n", r, (char)r);
        h = op_open(":tt", 0);
        memset(buf, 0, sizeof(buf));
        r = op_rw(SYS_READ, h, buf, 8);
        buf[strcspn(buf, "\n")] = '\0';
        printf("fs-only: SYS_READ :tt 8: %ld not read, '%s' + newline\n", r,
               buf);
        op1(SYS_CLOSE, h);
        r = op_name(SYS_SYSTEM, "x");
        r = ({ long b[2] = { 0x10, 1 }; sh(SYS_REMOVE, (long)b); });
        printf("fs-only: SYS_REMOVE name at 0x10: %ld errno %ld\n", r, err());
        r = op_open("f\0x", 0);
        r = ({ long b[3] = { (long)"ab", 0, 1 }; sh(SYS_OPEN, (long)b); });
        printf("fs-only: SYS_OPEN len not at NUL: %ld errno %ld\n", r, err());
        for (int i = 0; i < 70; i++) {
            r = op_open(":tt", 4);
            if (r < 0) {
                printf("fs-only: handle table full after %d: errno %ld\n",
                       i, err());
                break;
            }
        }
        for (long k = 1; k < 64; k++) {
            op1(SYS_CLOSE, k); /* picolibc's exit opens the features file */
        }
    }
    return 5;
}
