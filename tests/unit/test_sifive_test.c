/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the SiFive test finisher: pass, fail with a code, reset,
 * and values or offsets that must be ignored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bus.h"
#include "dev/sifive_test.h"
#include "log.h"
#include "machine.h"
#include "test.h"

static Machine *machine_zeroed(void)
{
    return calloc(1, sizeof(Machine));
}

/* One 32-bit write at `offset` to a fresh finisher; returns its machine. */
static Machine *finish(uint64_t offset, uint64_t value)
{
    Machine *m = machine_zeroed();
    SifiveTest *s = sifive_test_new(m);

    sifive_test_ops.write(s, offset, value, 4);
    sifive_test_free(s);
    return m;
}

static void test_pass(void)
{
    Machine *m = finish(0, 0x5555);

    CHECK(m->exit_requested);
    CHECK_EQ_HEX(m->exit_code, 0);
    free(m);
    /* The code field is ignored on a pass. */
    m = finish(0, 0x00075555);
    CHECK(m->exit_requested);
    CHECK_EQ_HEX(m->exit_code, 0);
    free(m);
}

static void test_fail_codes(void)
{
    Machine *m = finish(0, 0x3333 | (3u << 16));

    CHECK(m->exit_requested);
    CHECK_EQ_HEX(m->exit_code, 3);
    free(m);
    m = finish(0, 0x3333 | (0xffffu << 16));
    CHECK(m->exit_requested);
    CHECK_EQ_HEX(m->exit_code, 0xffff);
    free(m);
    m = finish(0, 0x3333);
    CHECK(m->exit_requested);
    CHECK_EQ_HEX(m->exit_code, 0);
    free(m);
}

static void test_reset_exits_zero(void)
{
    Machine *m = finish(0, 0x7777);

    CHECK(m->exit_requested);
    CHECK_EQ_HEX(m->exit_code, 0);
    free(m);
}

static void test_ignored_writes_are_logged(void)
{
    char path[] = "/tmp/test_sifive_test_XXXXXX";
    int fd = mkstemp(path);
    Machine *m;
    FILE *f;
    char line[256] = "";

    CHECK(fd >= 0);
    close(fd);
    CHECK_EQ_HEX(log_set_file(path), 0);
    log_mask = LOG_GUEST_ERROR;
    m = finish(0, 0x1234);
    CHECK(!m->exit_requested);
    free(m);
    m = finish(4, 0x5555); /* only offset 0 is the finisher */
    CHECK(!m->exit_requested);
    free(m);
    m = finish(0, 0x5554);
    CHECK(!m->exit_requested);
    free(m);
    log_close();
    log_mask = 0;
    f = fopen(path, "r");
    CHECK(f != NULL);
    if (f) {
        CHECK(fgets(line, sizeof(line), f) != NULL);
        CHECK_STR(line, "sifive_test: unknown finisher value 0x00001234 "
                        "ignored\n");
        CHECK(fgets(line, sizeof(line), f) != NULL);
        CHECK_STR(line, "sifive_test: write to reserved offset 0x00000004 "
                        "ignored\n");
        fclose(f);
    }
    unlink(path);
}

static void test_reads_zero(void)
{
    Machine *m = machine_zeroed();
    SifiveTest *s = sifive_test_new(m);

    sifive_test_ops.write(s, 0, 0x1234, 4);
    CHECK_EQ_HEX(sifive_test_ops.read(s, 0, 4), 0);
    CHECK_EQ_HEX(sifive_test_ops.read(s, 0xffc, 4), 0);
    CHECK(!m->exit_requested);
    sifive_test_free(s);
    free(m);
}

static void test_through_bus(void)
{
    Machine *m = machine_zeroed();
    SifiveTest *s = sifive_test_new(m);
    Bus bus;
    uint64_t v = 1;

    bus_init(&bus);
    CHECK_EQ_HEX(bus_add_mmio(&bus, "test", 0x100000, SIFIVE_TEST_WINDOW_SIZE,
                              &sifive_test_ops, s), 0);
    CHECK(bus_read(&bus, 0x100000, 4, &v));
    CHECK_EQ_HEX(v, 0);
    /* A 16-bit write at offset 2 lands in the code field: not a status. */
    CHECK(bus_write(&bus, 0x100002, 2, 0x5555));
    CHECK(!m->exit_requested);
    /*
     * QEMU's .valid is 2..4 bytes: byte and 64-bit accesses fail (the
     * guest gets an access fault) and do not reach the finisher.
     */
    CHECK(!bus_write(&bus, 0x100000, 8, UINT64_C(0x0000000000023333)));
    CHECK_EQ_HEX(bus.fault_addr, 0x100000);
    CHECK(!bus_write(&bus, 0x100000, 1, 0x55));
    CHECK(!bus_read(&bus, 0x100000, 1, &v));
    CHECK(!bus_read(&bus, 0x100000, 8, &v));
    CHECK(!m->exit_requested);
    CHECK(bus_read(&bus, 0x100000, 2, &v));
    CHECK_EQ_HEX(v, 0);
    CHECK(bus_write(&bus, 0x100000, 4, UINT64_C(0x00023333)));
    CHECK(m->exit_requested);
    CHECK_EQ_HEX(m->exit_code, 2);
    bus_free(&bus);
    sifive_test_free(s);
    free(m);

    /* A 16-bit write of 0x5555 at offset 0 passes, as in QEMU. */
    m = machine_zeroed();
    s = sifive_test_new(m);
    bus_init(&bus);
    CHECK_EQ_HEX(bus_add_mmio(&bus, "test", 0x100000, SIFIVE_TEST_WINDOW_SIZE,
                              &sifive_test_ops, s), 0);
    CHECK(bus_write(&bus, 0x100000, 2, 0x5555));
    CHECK(m->exit_requested);
    CHECK_EQ_HEX(m->exit_code, 0);
    bus_free(&bus);
    sifive_test_free(s);
    free(m);
}

TEST_MAIN({ "pass", test_pass },
          { "fail_codes", test_fail_codes },
          { "reset_exits_zero", test_reset_exits_zero },
          { "ignored_writes_are_logged", test_ignored_writes_are_logged },
          { "reads_zero", test_reads_zero },
          { "through_bus", test_through_bus })
