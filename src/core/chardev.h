/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Character backend for serial devices: guest bytes go to an output file
 * (stdout) byte for byte; input comes from an input fd (stdin) without
 * blocking. When stdin is a terminal it is put in raw mode (restored at
 * exit) and Ctrl-A x quits, as with QEMU's -nographic.
 */
#ifndef FS_CHARDEV_H
#define FS_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct Chardev Chardev;

/*
 * chardev_stdio() - the process-wide backend on stdin/stdout.
 * The first call sets up the terminal.
 */
Chardev *chardev_stdio(void);

/*
 * chardev_new_buffer() - a backend for tests: output is appended to a
 * memory buffer (chardev_buffer_output()), input comes from `input`.
 * Free with chardev_free().
 */
Chardev *chardev_new_buffer(const char *input, size_t input_len);
const char *chardev_buffer_output(Chardev *chr, size_t *len);
void chardev_free(Chardev *chr);

/* chardev_write() - send guest bytes to the output, unchanged. */
void chardev_write(Chardev *chr, const uint8_t *buf, size_t len);

/* chardev_read() - next input byte, or -1 if none is available now. */
int chardev_read(Chardev *chr);

/* chardev_can_read() - true if chardev_read() would return a byte. */
bool chardev_can_read(Chardev *chr);

/*
 * chardev_quit_requested() - true once the user typed Ctrl-A x on a
 * terminal.
 */
bool chardev_quit_requested(Chardev *chr);

#endif
