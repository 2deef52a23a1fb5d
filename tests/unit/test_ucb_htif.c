/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the Berkeley HTIF: riscv-tests exit codes (64-bit and
 * RV32 halves), console putchar/getchar, pk's SYS_write, window layouts.
 */
#include <stdlib.h>

#include "bus.h"
#include "chardev.h"
#include "dev/ucb_htif.h"
#include "error.h"
#include "machine.h"
#include "test.h"

#define RAM_BASE UINT64_C(0x80000000)
#define TOHOST (RAM_BASE + 0x1000)
#define FROMHOST (TOHOST + 8)
#define CMD(dev, cmd, payload)                                               \
    (((uint64_t)(dev) << 56) | ((uint64_t)(cmd) << 48) | (uint64_t)(payload))

typedef struct Rig {
    Machine m;
    Chardev *chr;
    Htif *s;
} Rig;

static void rig_init(Rig *r, const char *input, uint64_t fromhost)
{
    memset(&r->m, 0, sizeof(r->m));
    bus_init(&r->m.bus);
    CHECK_EQ_HEX(bus_add_ram(&r->m.bus, "ram", RAM_BASE, 0x100000), 0);
    r->chr = chardev_new_buffer(input, strlen(input));
    r->s = htif_new(&r->m, &r->m.bus, r->chr);
    CHECK_EQ_HEX(htif_map(r->s, TOHOST, fromhost), 0);
}

static void rig_free(Rig *r)
{
    htif_free(r->s);
    chardev_free(r->chr);
    bus_free(&r->m.bus);
}

static uint64_t rd(Rig *r, uint64_t addr, unsigned size)
{
    uint64_t v = UINT64_C(0xbad);

    CHECK(bus_read(&r->m.bus, addr, size, &v));
    return v;
}

static void wr(Rig *r, uint64_t addr, unsigned size, uint64_t v)
{
    CHECK(bus_write(&r->m.bus, addr, size, v));
}

static void test_exit_pass(void)
{
    Rig r;

    rig_init(&r, "", FROMHOST);
    wr(&r, TOHOST, 8, 1);
    CHECK(r.m.exit_requested);
    CHECK_EQ_HEX(r.m.exit_code, 0);
    CHECK_EQ_HEX(rd(&r, TOHOST, 8), 0);
    rig_free(&r);
}

static void test_exit_fail_testnum(void)
{
    Rig r;

    rig_init(&r, "", FROMHOST);
    wr(&r, TOHOST, 8, (21 << 1) | 1); /* riscv-tests: test 21 failed */
    CHECK(r.m.exit_requested);
    CHECK_EQ_HEX(r.m.exit_code, 21);
    rig_free(&r);
}

static void test_exit_rv32_halves(void)
{
    Rig r;

    rig_init(&r, "", FROMHOST);
    /* riscv-tests RV32: sw TESTNUM, tohost; sw zero, tohost + 4 */
    wr(&r, TOHOST, 4, (3 << 1) | 1);
    CHECK(!r.m.exit_requested);
    CHECK_EQ_HEX(rd(&r, TOHOST, 4), 7); /* latched until the high half */
    wr(&r, TOHOST + 4, 4, 0);
    CHECK(r.m.exit_requested);
    CHECK_EQ_HEX(r.m.exit_code, 3);
    CHECK_EQ_HEX(rd(&r, TOHOST, 4), 0);
    CHECK_EQ_HEX(rd(&r, TOHOST + 4, 4), 0);
    rig_free(&r);
}

static void test_zero_is_no_command(void)
{
    Rig r;

    rig_init(&r, "", FROMHOST);
    wr(&r, TOHOST, 8, 0);
    CHECK(!r.m.exit_requested);
    CHECK_EQ_HEX(rd(&r, FROMHOST, 8), 0);
    rig_free(&r);
}

static void test_putchar(void)
{
    Rig r;
    size_t len = 0;

    rig_init(&r, "", FROMHOST);
    wr(&r, TOHOST, 8, CMD(1, 1, 'A'));
    CHECK_STR(chardev_buffer_output(r.chr, &len), "A");
    CHECK_EQ_HEX(rd(&r, TOHOST, 8), 0);
    /* QEMU acknowledges with the command echoed and 0x100 | char. */
    CHECK_EQ_HEX(rd(&r, FROMHOST, 8), UINT64_C(0x0101000000000141));
    CHECK_EQ_HEX(rd(&r, FROMHOST, 4), 0x00000141);
    CHECK_EQ_HEX(rd(&r, FROMHOST + 4, 4), 0x01010000);
    wr(&r, FROMHOST, 8, 0); /* the guest consumes the reply */
    wr(&r, TOHOST, 8, CMD(1, 1, 0x1ff)); /* only the low byte is sent */
    chardev_buffer_output(r.chr, &len);
    CHECK_EQ_HEX(len, 2);
    CHECK_EQ_HEX((uint8_t)chardev_buffer_output(r.chr, &len)[1], 0xff);
    CHECK(!r.m.exit_requested);
    rig_free(&r);
}

static void test_getchar(void)
{
    Rig r;

    rig_init(&r, "z", FROMHOST);
    wr(&r, TOHOST, 8, CMD(1, 0, 0));
    CHECK_EQ_HEX(rd(&r, TOHOST, 8), 0);
    CHECK_EQ_HEX(rd(&r, FROMHOST, 8), CMD(1, 0, 0x100 | 'z'));
    wr(&r, FROMHOST, 4, 0);
    wr(&r, FROMHOST + 4, 4, 0);
    CHECK_EQ_HEX(rd(&r, FROMHOST, 8), 0);
    /* No more input: the request stays pending, fromhost stays 0. */
    wr(&r, TOHOST, 8, CMD(1, 0, 0));
    CHECK_EQ_HEX(rd(&r, FROMHOST, 8), 0);
    CHECK_EQ_HEX(rd(&r, FROMHOST, 8), 0);
    rig_free(&r);
}

static void test_getchar_waits_for_free_fromhost(void)
{
    Rig r;

    rig_init(&r, "q", FROMHOST);
    wr(&r, TOHOST, 8, CMD(1, 1, '>'));
    wr(&r, TOHOST, 8, CMD(1, 0, 0));
    /* The putchar reply is still unread: it must not be overwritten. */
    CHECK_EQ_HEX(rd(&r, FROMHOST, 8), CMD(1, 1, 0x100 | '>'));
    wr(&r, FROMHOST, 8, 0);
    CHECK_EQ_HEX(rd(&r, FROMHOST, 8), CMD(1, 0, 0x100 | 'q'));
    rig_free(&r);
}

static void put_block(Rig *r, uint64_t addr, const uint64_t *w, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        wr(r, addr + 8 * i, 8, w[i]);
    }
}

static void test_sys_write(void)
{
    Rig r;
    const char msg[] = "hello\n";
    const uint64_t buf = RAM_BASE + 0x2000;
    const uint64_t blk = RAM_BASE + 0x3000;
    uint64_t words[8] = { 64, 1, buf, 6, 0, 0, 0, 0 };
    size_t len = 0;

    rig_init(&r, "", FROMHOST);
    CHECK_EQ_HEX(bus_load_image(&r.m.bus, buf, msg, 6), 0);
    put_block(&r, blk, words, 8);
    wr(&r, TOHOST, 8, blk);
    CHECK_STR(chardev_buffer_output(r.chr, &len), "hello\n");
    CHECK_EQ_HEX(rd(&r, blk, 8), 6);
    CHECK_EQ_HEX(rd(&r, FROMHOST, 8), 1);
    CHECK_EQ_HEX(rd(&r, TOHOST, 8), 0);
    CHECK(!r.m.exit_requested);

    /* fd 2 works too; a zero-length write returns 0. */
    wr(&r, FROMHOST, 8, 0);
    words[1] = 2;
    words[3] = 2;
    put_block(&r, blk, words, 8);
    wr(&r, TOHOST, 8, blk);
    CHECK_STR(chardev_buffer_output(r.chr, &len), "hello\nhe");
    CHECK_EQ_HEX(rd(&r, blk, 8), 2);
    words[3] = 0;
    put_block(&r, blk, words, 8);
    wr(&r, TOHOST, 8, blk);
    CHECK_EQ_HEX(rd(&r, blk, 8), 0);
    rig_free(&r);
}

static void test_sys_write_errors(void)
{
    Rig r;
    const uint64_t blk = RAM_BASE + 0x3000;
    uint64_t bad_fd[8] = { 64, 3, RAM_BASE, 1, 0, 0, 0, 0 };
    uint64_t bad_buf[8] = { 64, 1, 0x10, 4, 0, 0, 0, 0 };
    uint64_t exit_call[8] = { 93, 0, 0, 0, 0, 0, 0, 0 };
    size_t len = 0;

    rig_init(&r, "", FROMHOST);
    put_block(&r, blk, bad_fd, 8);
    wr(&r, TOHOST, 8, blk);
    CHECK_EQ_HEX(rd(&r, blk, 8), (uint64_t)-9);   /* EBADF */
    CHECK_EQ_HEX(rd(&r, FROMHOST, 8), 1);
    wr(&r, FROMHOST, 8, 0);
    put_block(&r, blk, bad_buf, 8);
    wr(&r, TOHOST, 8, blk);
    CHECK_EQ_HEX(rd(&r, blk, 8), (uint64_t)-14);  /* EFAULT */
    wr(&r, FROMHOST, 8, 0);
    put_block(&r, blk, exit_call, 8);
    wr(&r, TOHOST, 8, blk);
    CHECK_EQ_HEX(rd(&r, blk, 8), (uint64_t)-38);  /* ENOSYS */
    CHECK_EQ_HEX(rd(&r, FROMHOST, 8), 1);
    CHECK(!r.m.exit_requested);
    /* A block outside memory: nothing to read or answer into, no crash. */
    wr(&r, FROMHOST, 8, 0);
    wr(&r, TOHOST, 8, 0x1000);
    CHECK_EQ_HEX(rd(&r, TOHOST, 8), 0);
    CHECK_EQ_HEX(chardev_buffer_output(r.chr, &len) ? len : 99, 0);
    rig_free(&r);
}

static void test_separate_windows(void)
{
    Rig r;
    const uint64_t fromhost = TOHOST + 64; /* riscv-tests' layout */

    rig_init(&r, "", fromhost);
    /* The gap between the two stays RAM. */
    wr(&r, TOHOST + 8, 8, UINT64_C(0x1122334455667788));
    CHECK_EQ_HEX(rd(&r, TOHOST + 8, 8), UINT64_C(0x1122334455667788));
    wr(&r, TOHOST, 8, CMD(1, 1, 'x'));
    CHECK_EQ_HEX(rd(&r, fromhost, 8), CMD(1, 1, 0x100 | 'x'));
    CHECK_EQ_HEX(rd(&r, fromhost + 4, 4), 0x01010000);
    wr(&r, fromhost, 8, 0);
    CHECK_EQ_HEX(rd(&r, fromhost, 8), 0);
    wr(&r, TOHOST, 4, 5);
    wr(&r, TOHOST + 4, 4, 0);
    CHECK(r.m.exit_requested);
    CHECK_EQ_HEX(r.m.exit_code, 2);
    rig_free(&r);
}

static void test_map_errors_and_no_fromhost(void)
{
    Rig r;
    Htif *s2;

    rig_init(&r, "", 0); /* no fromhost symbol: only tohost is mapped */
    wr(&r, TOHOST + 8, 8, 42);
    CHECK_EQ_HEX(rd(&r, TOHOST + 8, 8), 42);
    s2 = htif_new(&r.m, &r.m.bus, r.chr);
    CHECK_EQ_HEX(htif_map(s2, RAM_BASE + 0x5000, RAM_BASE + 0x5004),
                 -FS_EINVAL);
    CHECK(fs_error_msg()[0] != 0);
    htif_free(s2);
    rig_free(&r);
}

static void test_bad_accesses(void)
{
    Rig r;
    Htif *s;

    rig_init(&r, "", FROMHOST);
    s = r.s;
    /* Unknown device and command: nothing happens, tohost is cleared. */
    wr(&r, TOHOST, 8, CMD(2, 0, 1));
    CHECK(!r.m.exit_requested);
    CHECK_EQ_HEX(rd(&r, TOHOST, 8), 0);
    CHECK_EQ_HEX(rd(&r, FROMHOST, 8), 0);
    wr(&r, TOHOST, 8, CMD(0, 1, 1));
    CHECK(!r.m.exit_requested);
    /* Offsets past the registers and misaligned accesses. */
    CHECK_EQ_HEX(htif_ops.read(s, 0x10, 4), 0);
    CHECK_EQ_HEX(htif_ops.read(s, 0x4, 8), 0);
    htif_ops.write(s, 0x4, 1, 8);
    htif_ops.write(s, 0x2, 1, 4);
    CHECK(!r.m.exit_requested);
    CHECK_EQ_HEX(htif_fromhost_ops.read(s, 0x8, 4), 0);
    rig_free(&r);
}

TEST_MAIN({ "exit_pass", test_exit_pass },
          { "exit_fail_testnum", test_exit_fail_testnum },
          { "exit_rv32_halves", test_exit_rv32_halves },
          { "zero_is_no_command", test_zero_is_no_command },
          { "putchar", test_putchar },
          { "getchar", test_getchar },
          { "getchar_waits_for_free_fromhost",
            test_getchar_waits_for_free_fromhost },
          { "sys_write", test_sys_write },
          { "sys_write_errors", test_sys_write_errors },
          { "separate_windows", test_separate_windows },
          { "map_errors_and_no_fromhost", test_map_errors_and_no_fromhost },
          { "bad_accesses", test_bad_accesses })
