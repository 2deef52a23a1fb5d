/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pico: an ordinary C program on picolibc's semihosting library
 * (--oslib=semihost --crt0=semihost). printf goes out through
 * SYS_WRITEC; fopen/fwrite/fread/remove become SYS_OPEN, SYS_WRITE,
 * SYS_READ, SYS_FLEN, SYS_CLOSE under the root directory; main's
 * return value 3 leaves through SYS_EXIT_EXTENDED.
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    static const char text[] = "firmscope semihosting\nline 2\n";
    char buf[128];
    FILE *f;
    size_t n;

    printf("pico: argc=%d argv[1]=%s\n", argc, argc > 1 ? argv[1] : "-");
    f = fopen("pico.txt", "w");
    if (!f) {
        printf("pico: fopen w failed\n");
        return 1;
    }
    fputs(text, f);
    fclose(f);
    f = fopen("pico.txt", "r");
    if (!f) {
        printf("pico: fopen r failed\n");
        return 1;
    }
    n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    printf("pico: read %u bytes, %s\n", (unsigned)n,
           strcmp(buf, text) == 0 ? "same" : "DIFFERENT");
    printf("pico: fopen missing: %s\n",
           fopen("no-such-file", "r") ? "opened" : "NULL");
    return 3;
}
