/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * escape: tries to reach host files outside the semihosting root with
 * "..", an absolute path and symbolic links that the test runner made
 * inside the root (sym -> ../outside.txt, link -> .., abs ->
 * /etc/passwd). Every attempt must fail with -1; a line per attempt
 * shows the result and SYS_ERRNO. Two ordinary names inside the root
 * show that confinement leaves them alone.
 */
#include <stdio.h>
#include <string.h>

#include "sh.h"

enum { SYS_OPEN = 1, SYS_CLOSE = 2, SYS_WRITE = 5, SYS_REMOVE = 0x0e,
       SYS_RENAME = 0x0f, SYS_ERRNO = 0x13 };

static long sh_open(const char *name, long mode)
{
    long b[3] = { (long)name, mode, (long)strlen(name) };

    return sh(SYS_OPEN, (long)b);
}

static void try_open(const char *name, long mode)
{
    long h = sh_open(name, mode);
    long e = sh(SYS_ERRNO, 0);

    if (h > 0) {
        long b[3] = { h, (long)"PWNED\n", 6 };

        sh(SYS_WRITE, (long)b);
        sh(SYS_CLOSE, (long)&h);
        printf("open %-22s mode %2ld: OPENED\n", name, mode);
    } else {
        printf("open %-22s mode %2ld: %ld errno %ld\n", name, mode, h, e);
    }
}

static void try_remove(const char *name)
{
    long b[2] = { (long)name, (long)strlen(name) };
    long r = sh(SYS_REMOVE, (long)b);

    printf("remove %-20s: %ld errno %ld\n", name, r, sh(SYS_ERRNO, 0));
}

static void try_rename(const char *from, const char *to)
{
    long b[4] = { (long)from, (long)strlen(from), (long)to,
                  (long)strlen(to) };
    long r = sh(SYS_RENAME, (long)b);

    printf("rename %s -> %s: %ld errno %ld\n", from, to, r,
           sh(SYS_ERRNO, 0));
}

int main(void)
{
    long h;

    try_open("../x", 4);
    try_open("../outside.txt", 0);
    try_open("../outside.txt", 4);
    try_open("/etc/passwd", 0);
    try_open("/tmp/fs-sh-escape", 4);
    try_open("a/../../x", 4);
    try_open("./../x", 8);
    try_open("sym", 0);
    try_open("sym", 4);
    try_open("sym", 8);
    try_open("link/outside.txt", 0);
    try_open("link/outside.txt", 6);
    try_open("link/new.txt", 4);
    try_open("abs", 0);
    try_remove("../outside.txt");
    try_remove("link/outside.txt");
    try_remove("/tmp/fs-sh-escape");
    try_rename("inside.txt", "../moved.txt");
    try_rename("inside.txt", "link/moved.txt");
    try_rename("../outside.txt", "got.txt");
    try_rename("link/outside.txt", "got.txt");
    /* inside the root: allowed */
    h = sh_open("inside.txt", 0);
    printf("open inside.txt: %s\n", h > 0 ? "ok" : "FAILED");
    sh(SYS_CLOSE, (long)&h);
    h = sh_open("sub/./deep.txt", 4);
    printf("open sub/./deep.txt: %s\n", h > 0 ? "ok" : "FAILED");
    sh(SYS_CLOSE, (long)&h);
    return 0;
}
