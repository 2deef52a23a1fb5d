/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the character backends: the memory buffer, and the stdio
 * backend in a child process on a pseudo-terminal (raw mode, Ctrl-A
 * escapes, restore at exit) and on a pipe (bytes unchanged, EOF).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "chardev.h"
#include "test.h"

static void test_buffer_output(void)
{
    Chardev *chr = chardev_new_buffer("", 0);
    size_t len = 99;
    const char *out;

    CHECK(chr != NULL);
    CHECK_STR(chardev_buffer_output(chr, &len), "");
    CHECK_EQ_HEX(len, 0);
    chardev_write(chr, (const uint8_t *)"ab", 2);
    chardev_write(chr, (const uint8_t *)"\0\xff\n", 3);
    out = chardev_buffer_output(chr, &len);
    CHECK_EQ_HEX(len, 5);
    CHECK(memcmp(out, "ab\0\xff\n", 5) == 0);
    /* Growth past the first allocation keeps every byte. */
    for (unsigned i = 0; i < 1000; i++) {
        uint8_t c = (uint8_t)i;

        chardev_write(chr, &c, 1);
    }
    out = chardev_buffer_output(chr, &len);
    CHECK_EQ_HEX(len, 1005);
    CHECK_EQ_HEX((uint8_t)out[5 + 999], (uint8_t)999);
    CHECK(!chardev_quit_requested(chr));
    chardev_free(chr);
}

static void test_buffer_input(void)
{
    Chardev *chr = chardev_new_buffer("x\001\0y", 4);

    CHECK(chardev_can_read(chr));
    CHECK_EQ_HEX(chardev_read(chr), 'x');
    /* No escape processing: Ctrl-A and NUL pass through. */
    CHECK_EQ_HEX(chardev_read(chr), 0x01);
    CHECK_EQ_HEX(chardev_read(chr), 0x00);
    CHECK(chardev_can_read(chr));
    CHECK_EQ_HEX(chardev_read(chr), 'y');
    CHECK(!chardev_can_read(chr));
    CHECK_EQ_HEX(chardev_read(chr), (uint64_t)-1);
    CHECK(!chardev_quit_requested(chr));
    chardev_free(chr);
}

static uint64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Read from fd until EOF or `max` bytes, waiting at most 5 s. */
static size_t read_until_eof(int fd, char *buf, size_t max)
{
    size_t n = 0;
    uint64_t start = now_ms();

    while (n < max && now_ms() - start < 5000) {
        struct pollfd p = { fd, POLLIN, 0 };
        ssize_t got;

        if (poll(&p, 1, 100) <= 0) {
            continue;
        }
        got = read(fd, buf + n, max - n);
        if (got <= 0) {
            break;
        }
        n += (size_t)got;
    }
    return n;
}

/*
 * The child: stdin is the terminal (or pipe), stdout a pipe to the parent.
 * It prints "R" or "r" (raw mode or not), then every byte it receives,
 * then "Q" once Ctrl-A x was seen or "E" on giving up after 3 s.
 */
static void child_echo(size_t want, bool expect_quit)
{
    Chardev *chr = chardev_stdio();
    struct termios t;
    size_t got = 0;
    uint64_t start = now_ms();
    bool is_raw = tcgetattr(0, &t) == 0 && !(t.c_lflag & ECHO) &&
                  !(t.c_lflag & ICANON) && !(t.c_lflag & ISIG) &&
                  !(t.c_iflag & ICRNL);

    CHECK(chardev_stdio() == chr); /* a singleton */
    chardev_write(chr, (const uint8_t *)(is_raw ? "R" : "r"), 1);
    while (now_ms() - start < 3000) {
        int c = chardev_read(chr);

        if (c >= 0) {
            uint8_t b = (uint8_t)c;

            chardev_write(chr, &b, 1);
            got++;
        }
        if (got >= want && (!expect_quit || chardev_quit_requested(chr))) {
            break;
        }
        if (c < 0) {
            usleep(1000);
        }
    }
    chardev_write(chr, (const uint8_t *)(chardev_quit_requested(chr) ? "Q"
                                                                    : "E"),
                  1);
    exit(0); /* atexit restores the terminal */
}

static void test_stdio_tty(void)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    int out[2];
    int slave;
    pid_t pid;
    char buf[64];
    size_t n;
    int status = 0;
    struct termios t;
    /* Ctrl-A Ctrl-A sends one Ctrl-A; ^C is data; Ctrl-A x quits. */
    static const char typed[] = "a\001\001b\003\r\001x";

    if (master < 0 || grantpt(master) || unlockpt(master)) {
        printf("# no pseudo-terminal: skipped\n");
        return;
    }
    slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    CHECK(slave >= 0);
    CHECK(pipe(out) == 0);
    fflush(stdout);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        dup2(slave, 0);
        dup2(out[1], 1);
        close(out[0]);
        close(master);
        child_echo(5, true);
    }
    close(out[1]);
    n = read_until_eof(out[0], buf, 1); /* "R": raw mode is on */
    CHECK_EQ_HEX(n, 1);
    CHECK_EQ_HEX(buf[0], 'R');
    CHECK_EQ_HEX(write(master, typed, sizeof(typed) - 1),
                 sizeof(typed) - 1);
    n = read_until_eof(out[0], buf, sizeof(buf));
    CHECK_EQ_HEX(n, 6);
    CHECK(memcmp(buf, "a\001b\003\rQ", 6) == 0);
    close(out[0]);
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* No echo reached the terminal. */
    {
        struct pollfd p = { master, POLLIN, 0 };

        CHECK(poll(&p, 1, 0) == 0);
    }
    /* Canonical mode, echo and signals are back after exit. */
    CHECK(tcgetattr(slave, &t) == 0);
    CHECK(t.c_lflag & ECHO);
    CHECK(t.c_lflag & ICANON);
    CHECK(t.c_lflag & ISIG);
    close(slave);
    close(master);
}

static void test_stdio_pipe(void)
{
    int in[2];
    int out[2];
    pid_t pid;
    char buf[64];
    size_t n;
    int status = 0;
    /* Not a terminal: bytes are passed unchanged, Ctrl-A x included. */
    static const char sent[] = "xy\001x\0";

    CHECK(pipe(in) == 0);
    CHECK(pipe(out) == 0);
    CHECK_EQ_HEX(write(in[1], sent, sizeof(sent) - 1), sizeof(sent) - 1);
    close(in[1]); /* then EOF */
    fflush(stdout);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(out[0]);
        child_echo(5, false);
    }
    close(in[0]);
    close(out[1]);
    n = read_until_eof(out[0], buf, sizeof(buf));
    CHECK_EQ_HEX(n, 7);
    CHECK(memcmp(buf, "rxy\001x\0E", 7) == 0);
    close(out[0]);
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST_MAIN({ "buffer_output", test_buffer_output },
          { "buffer_input", test_buffer_input },
          { "stdio_tty", test_stdio_tty },
          { "stdio_pipe", test_stdio_pipe })
