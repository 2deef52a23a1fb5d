/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Character backends (see chardev.h): the process-wide stdio backend, with
 * raw mode and QEMU-style Ctrl-A escapes on a terminal, and an in-memory
 * buffer backend for tests.
 */
#include "chardev.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define CHARDEV_ESCAPE 0x01      /* Ctrl-A, as in QEMU's -nographic mux */
#define CHARDEV_ESCAPE_QUIT 'x'
#define CHARDEV_ESCAPE_HELP 'h'
#define CHARDEV_RAW_SIZE 256     /* bytes taken from the input fd at once */
#define CHARDEV_READY_SIZE 1024  /* typed-ahead bytes waiting for the guest */

typedef enum ChardevKind {
    CHARDEV_STDIO,
    CHARDEV_BUFFER,
} ChardevKind;

struct Chardev {
    ChardevKind kind;
    int in_fd;
    int out_fd;
    bool is_tty;       /* input is a terminal in raw mode: escapes apply */
    bool in_eof;
    bool escape_seen;  /* the previous input byte was Ctrl-A */
    bool quit;
    uint8_t ready[CHARDEV_READY_SIZE]; /* ring of bytes for the guest */
    size_t ready_head;
    size_t ready_count;
    uint8_t raw[CHARDEV_RAW_SIZE]; /* bytes read but not yet processed */
    size_t raw_pos;
    size_t raw_len;
    /* buffer backend */
    uint8_t *in;
    size_t in_len;
    size_t in_pos;
    char *out;         /* always NUL-terminated */
    size_t out_len;
    size_t out_cap;
};

/* The terminal is process-wide state, so its backend is a singleton. */
static Chardev stdio_chr;
static bool stdio_ready;
static struct termios saved_termios;

static void restore_terminal(void)
{
    tcsetattr(stdio_chr.in_fd, TCSANOW, &saved_termios);
}

/*
 * Raw mode as with QEMU -nographic: no echo, no line editing, and ^C, ^Z
 * and ^\ reach the guest instead of signalling us. Output processing is
 * kept so our own messages on stderr still start at column 0.
 */
static bool enter_raw_mode(int fd)
{
    struct termios t;

    if (!isatty(fd) || tcgetattr(fd, &saved_termios) != 0) {
        return false;
    }
    t = saved_termios;
    t.c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR |
                             IGNCR | ICRNL | IXON);
    t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t.c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
    t.c_cflag |= CS8;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    if (tcsetattr(fd, TCSANOW, &t) != 0) {
        return false;
    }
    atexit(restore_terminal);
    return true;
}

Chardev *chardev_stdio(void)
{
    Chardev *chr = &stdio_chr;

    if (!stdio_ready) {
        memset(chr, 0, sizeof(*chr));
        chr->kind = CHARDEV_STDIO;
        chr->in_fd = STDIN_FILENO;
        chr->out_fd = STDOUT_FILENO;
        chr->is_tty = enter_raw_mode(chr->in_fd);
        stdio_ready = true;
    }
    return chr;
}

Chardev *chardev_new_buffer(const char *input, size_t input_len)
{
    Chardev *chr = calloc(1, sizeof(*chr));

    if (!chr) {
        return NULL;
    }
    chr->kind = CHARDEV_BUFFER;
    chr->in_fd = -1;
    chr->out_fd = -1;
    chr->out_cap = 64;
    chr->out = calloc(1, chr->out_cap);
    chr->in = malloc(input_len ? input_len : 1);
    if (!chr->out || !chr->in) {
        chardev_free(chr);
        return NULL;
    }
    if (input_len) {
        memcpy(chr->in, input, input_len);
    }
    chr->in_len = input_len;
    return chr;
}

const char *chardev_buffer_output(Chardev *chr, size_t *len)
{
    if (chr->kind != CHARDEV_BUFFER) {
        if (len) {
            *len = 0;
        }
        return NULL;
    }
    if (len) {
        *len = chr->out_len;
    }
    return chr->out;
}

void chardev_free(Chardev *chr)
{
    /* The stdio backend lives until exit, when the terminal is restored. */
    if (!chr || chr->kind != CHARDEV_BUFFER) {
        return;
    }
    free(chr->in);
    free(chr->out);
    free(chr);
}

/* Write everything, waiting out a full pipe; a closed output drops bytes. */
static void write_all(int fd, const uint8_t *buf, size_t len)
{
    while (len) {
        ssize_t n = write(fd, buf, len);

        if (n > 0) {
            buf += n;
            len -= (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd p = { fd, POLLOUT, 0 };

            poll(&p, 1, -1);
        } else {
            return;
        }
    }
}

static void buffer_append(Chardev *chr, const uint8_t *buf, size_t len)
{
    if (chr->out_len + len + 1 > chr->out_cap) {
        size_t cap = chr->out_cap;
        char *p;

        while (chr->out_len + len + 1 > cap) {
            cap *= 2;
        }
        p = realloc(chr->out, cap);
        if (!p) {
            return; /* a test backend out of memory loses output */
        }
        chr->out = p;
        chr->out_cap = cap;
    }
    memcpy(chr->out + chr->out_len, buf, len);
    chr->out_len += len;
    chr->out[chr->out_len] = '\0';
}

void chardev_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    switch (chr->kind) {
    case CHARDEV_STDIO:
        /* Straight to the fd, no stdio buffer: interleaves with stderr. */
        write_all(chr->out_fd, buf, len);
        break;
    case CHARDEV_BUFFER:
        buffer_append(chr, buf, len);
        break;
    }
}

static void print_escape_help(void)
{
    static const char help[] =
        "\r\n"
        "C-a h    print this help\r\n"
        "C-a x    exit emulator\r\n"
        "C-a C-a  sends C-a\r\n";

    write_all(STDERR_FILENO, (const uint8_t *)help, sizeof(help) - 1);
}

static void ready_push(Chardev *chr, uint8_t c)
{
    chr->ready[(chr->ready_head + chr->ready_count) % CHARDEV_READY_SIZE] = c;
    chr->ready_count++;
}

/* One input byte, through the Ctrl-A escape filter on a terminal. */
static void process_input_byte(Chardev *chr, uint8_t c)
{
    if (!chr->is_tty) {
        ready_push(chr, c);
        return;
    }
    if (!chr->escape_seen) {
        if (c == CHARDEV_ESCAPE) {
            chr->escape_seen = true;
        } else {
            ready_push(chr, c);
        }
        return;
    }
    chr->escape_seen = false;
    switch (c) {
    case CHARDEV_ESCAPE:
        ready_push(chr, c);
        break;
    case CHARDEV_ESCAPE_QUIT:
        chr->quit = true;
        break;
    case CHARDEV_ESCAPE_HELP:
        print_escape_help();
        break;
    default:
        break; /* unknown escapes are swallowed, as in QEMU */
    }
}

/*
 * Move input that is available now into the ready ring, with escapes
 * processed. Stops once a byte is ready unless `drain` is set: then it
 * takes everything (so Ctrl-A x is seen even while the guest reads
 * nothing), up to a full ring.
 */
static void stdio_fill(Chardev *chr, bool drain)
{
    while (chr->ready_count < CHARDEV_READY_SIZE) {
        struct pollfd p = { chr->in_fd, POLLIN, 0 };
        ssize_t n;
        int ready;

        if (chr->raw_pos < chr->raw_len) {
            process_input_byte(chr, chr->raw[chr->raw_pos++]);
            continue;
        }
        if (chr->in_eof || (chr->ready_count && !drain)) {
            return;
        }
        ready = poll(&p, 1, 0);
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            return;
        }
        if (p.revents & POLLNVAL) {
            chr->in_eof = true;
            return;
        }
        n = read(chr->in_fd, chr->raw, sizeof(chr->raw));
        if (n > 0) {
            chr->raw_pos = 0;
            chr->raw_len = (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return;
        } else {
            /* EOF (or a hung-up terminal): no more input, nothing else. */
            chr->in_eof = true;
            return;
        }
    }
}

bool chardev_can_read(Chardev *chr)
{
    switch (chr->kind) {
    case CHARDEV_STDIO:
        stdio_fill(chr, false);
        return chr->ready_count > 0;
    case CHARDEV_BUFFER:
        return chr->in_pos < chr->in_len;
    }
    return false;
}

int chardev_read(Chardev *chr)
{
    int c;

    if (!chardev_can_read(chr)) {
        return -1;
    }
    switch (chr->kind) {
    case CHARDEV_STDIO:
        c = chr->ready[chr->ready_head];
        chr->ready_head = (chr->ready_head + 1) % CHARDEV_READY_SIZE;
        chr->ready_count--;
        return c;
    case CHARDEV_BUFFER:
        return chr->in[chr->in_pos++];
    }
    return -1;
}

bool chardev_quit_requested(Chardev *chr)
{
    if (chr->kind == CHARDEV_STDIO && chr->is_tty) {
        /* Ctrl-A x counts even if the guest is not reading its input. */
        stdio_fill(chr, true);
    }
    return chr->quit;
}
