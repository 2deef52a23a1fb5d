/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for device accesses on the bus: the sizes a device accepts
 * (DevOps valid_min/valid_max, QEMU's MemoryRegionOps .valid), widening
 * and splitting of valid accesses to the sizes it implements (.impl),
 * misaligned accesses done as QEMU 7.2's TCG does them, the failing
 * address, and the guest-error log line.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bus.h"
#include "log.h"
#include "test.h"

#define FAKE_SIZE 0x100
#define MAX_CALLS 16

typedef struct Call {
    bool is_write;
    uint64_t off;
    uint64_t value;
    unsigned size;
} Call;

/* A device that is plain little-endian storage and records each call. */
typedef struct Fake {
    uint8_t regs[FAKE_SIZE + 8];
    Call calls[MAX_CALLS];
    unsigned n_calls;
} Fake;

static void record(Fake *f, bool is_write, uint64_t off, uint64_t value,
                   unsigned size)
{
    if (f->n_calls < MAX_CALLS) {
        f->calls[f->n_calls] = (Call){ is_write, off, value, size };
    }
    f->n_calls++;
}

static uint64_t fake_read(void *opaque, uint64_t off, unsigned size)
{
    Fake *f = opaque;
    uint64_t v = 0;

    memcpy(&v, f->regs + off, size);
    record(f, false, off, v, size);
    return v;
}

static void fake_write(void *opaque, uint64_t off, uint64_t value,
                       unsigned size)
{
    Fake *f = opaque;

    memcpy(f->regs + off, &value, size);
    record(f, true, off, value, size);
}

/* every size valid (valid_max 0), each implemented as it is */
static const DevOps any_ops = {
    .name = "any", .read = fake_read, .write = fake_write,
    .min_size = 1, .max_size = 8,
};

/* 32-bit only, as QEMU's PLIC */
static const DevOps w32_ops = {
    .name = "w32", .read = fake_read, .write = fake_write,
    .min_size = 4, .max_size = 4, .valid_min = 4, .valid_max = 4,
};

/* 16- and 32-bit accesses, 32-bit implementation (widened) */
static const DevOps w16_32_ops = {
    .name = "w16_32", .read = fake_read, .write = fake_write,
    .min_size = 4, .max_size = 4, .valid_min = 2, .valid_max = 4,
};

/* 32- and 64-bit accesses, 32-bit implementation (split) */
static const DevOps w32_64_ops = {
    .name = "w32_64", .read = fake_read, .write = fake_write,
    .min_size = 4, .max_size = 4, .valid_min = 4, .valid_max = 8,
};

#define BASE UINT64_C(0x10000000)

typedef struct Rig {
    Bus bus;
    Fake f;
} Rig;

static void rig_init(Rig *r, const DevOps *ops)
{
    memset(r, 0, sizeof(*r));
    bus_init(&r->bus);
    CHECK_EQ_HEX(bus_add_mmio(&r->bus, ops->name, BASE, FAKE_SIZE, ops,
                              &r->f), 0);
    for (unsigned i = 0; i < FAKE_SIZE; i++) {
        r->f.regs[i] = (uint8_t)(0x10 + i);
    }
}

#define CHECK_CALL(r, i, w, o, s)                                            \
    do {                                                                     \
        CHECK((r)->f.calls[i].is_write == (w));                              \
        CHECK_EQ_HEX((r)->f.calls[i].off, (o));                              \
        CHECK_EQ_HEX((r)->f.calls[i].size, (s));                             \
    } while (0)

static void test_all_sizes_valid_by_default(void)
{
    static const unsigned sizes[] = { 1, 2, 4, 8 };
    Rig r;
    uint64_t v = 0;

    rig_init(&r, &any_ops);
    for (unsigned i = 0; i < 4; i++) {
        r.f.n_calls = 0;
        CHECK(bus_read(&r.bus, BASE + 8, sizes[i], &v));
        CHECK(bus_write(&r.bus, BASE + 8, sizes[i], v));
        CHECK_EQ_HEX(r.f.n_calls, 2);
        CHECK_CALL(&r, 0, false, 8, sizes[i]);
        CHECK_CALL(&r, 1, true, 8, sizes[i]);
    }
    bus_free(&r.bus);
}

static void test_invalid_sizes_fail(void)
{
    static const unsigned bad[] = { 1, 2, 8 };
    Rig r;
    uint64_t v = 0x77;

    rig_init(&r, &w32_ops);
    for (unsigned i = 0; i < 3; i++) {
        r.bus.fault_addr = 0;
        CHECK(!bus_read(&r.bus, BASE + 8, bad[i], &v));
        CHECK_EQ_HEX(r.bus.fault_addr, BASE + 8);
        r.bus.fault_addr = 0;
        CHECK(!bus_write(&r.bus, BASE + 8, bad[i], 0));
        CHECK_EQ_HEX(r.bus.fault_addr, BASE + 8);
    }
    /* nothing reached the device, nothing was read */
    CHECK_EQ_HEX(r.f.n_calls, 0);
    CHECK_EQ_HEX(v, 0x77);
    CHECK_EQ_HEX(r.f.regs[8], 0x18);
    CHECK(bus_read(&r.bus, BASE + 8, 4, &v));
    CHECK_EQ_HEX(v, 0x1b1a1918);
    bus_free(&r.bus);

    rig_init(&r, &w16_32_ops);
    CHECK(!bus_read(&r.bus, BASE + 8, 1, &v));
    CHECK(!bus_read(&r.bus, BASE + 8, 8, &v));
    CHECK(bus_read(&r.bus, BASE + 8, 2, &v));
    CHECK(bus_read(&r.bus, BASE + 8, 4, &v));
    bus_free(&r.bus);
}

/* Valid accesses are still fitted to the implemented sizes. */
static void test_valid_accesses_widened_and_split(void)
{
    Rig r;
    uint64_t v = 0;

    rig_init(&r, &w16_32_ops);
    CHECK(bus_read(&r.bus, BASE + 6, 2, &v));
    CHECK_EQ_HEX(v, 0x1716);
    CHECK_EQ_HEX(r.f.n_calls, 1);
    CHECK_CALL(&r, 0, false, 4, 4);
    CHECK(bus_write(&r.bus, BASE + 6, 2, 0xbeef));
    CHECK_EQ_HEX(r.f.n_calls, 2);
    CHECK_CALL(&r, 1, true, 4, 4);
    CHECK_EQ_HEX(r.f.calls[1].value, UINT64_C(0xbeef0000));
    bus_free(&r.bus);

    rig_init(&r, &w32_64_ops);
    CHECK(bus_read(&r.bus, BASE + 8, 8, &v));
    CHECK_EQ_HEX(v, UINT64_C(0x1f1e1d1c1b1a1918));
    CHECK_EQ_HEX(r.f.n_calls, 2);
    CHECK_CALL(&r, 0, false, 8, 4);
    CHECK_CALL(&r, 1, false, 12, 4);
    CHECK(bus_write(&r.bus, BASE + 8, 8, UINT64_C(0x1122334455667788)));
    CHECK_EQ_HEX(r.f.n_calls, 4);
    CHECK_CALL(&r, 2, true, 8, 4);
    CHECK_CALL(&r, 3, true, 12, 4);
    CHECK_EQ_HEX(r.f.calls[3].value & 0xffffffff, 0x11223344);
    bus_free(&r.bus);
}

/*
 * A misaligned read in a device is the two aligned reads of its size
 * around it (QEMU 7.2 load_helper), each checked on its own.
 */
static void test_misaligned_read(void)
{
    Rig r;
    uint64_t v = 0x77;

    rig_init(&r, &w32_ops);
    CHECK(bus_read(&r.bus, BASE + 6, 4, &v));
    CHECK_EQ_HEX(v, 0x09080706 + UINT64_C(0x10101010));
    CHECK_EQ_HEX(r.f.n_calls, 2);
    CHECK_CALL(&r, 0, false, 4, 4);
    CHECK_CALL(&r, 1, false, 8, 4);
    /* its pieces are 16-bit: invalid here; the first piece's address */
    r.f.n_calls = 0;
    v = 0x77;
    CHECK(!bus_read(&r.bus, BASE + 5, 2, &v));
    CHECK_EQ_HEX(r.bus.fault_addr, BASE + 4);
    CHECK_EQ_HEX(r.f.n_calls, 0);
    CHECK_EQ_HEX(v, 0x77);
    /* the second piece is past the device: its address */
    CHECK(!bus_read(&r.bus, BASE + FAKE_SIZE - 2, 4, &v));
    CHECK_EQ_HEX(r.bus.fault_addr, BASE + FAKE_SIZE);
    bus_free(&r.bus);

    rig_init(&r, &any_ops);
    CHECK(bus_read(&r.bus, BASE + 3, 8, &v));
    CHECK_EQ_HEX(v, UINT64_C(0x1a19181716151413));
    CHECK_EQ_HEX(r.f.n_calls, 2);
    CHECK_CALL(&r, 0, false, 0, 8);
    CHECK_CALL(&r, 1, false, 8, 8);
    CHECK(bus_read(&r.bus, BASE + 1, 2, &v));
    CHECK_EQ_HEX(v, 0x1211);
    CHECK_CALL(&r, 2, false, 0, 2);
    CHECK_CALL(&r, 3, false, 2, 2);
    bus_free(&r.bus);
}

/*
 * A misaligned write in a device is byte writes in address order (QEMU
 * 7.2 store_helper_unaligned); the first that fails stops it, and the
 * bytes before it stay written.
 */
static void test_misaligned_write(void)
{
    Rig r;

    rig_init(&r, &any_ops);
    CHECK(bus_write(&r.bus, BASE + 1, 4, 0xa4a3a2a1));
    CHECK_EQ_HEX(r.f.n_calls, 4);
    for (unsigned i = 0; i < 4; i++) {
        CHECK_CALL(&r, i, true, 1 + i, 1);
        CHECK_EQ_HEX(r.f.calls[i].value, 0xa1 + i);
    }
    /* past the end of the device: two bytes land, then it fails */
    r.f.n_calls = 0;
    CHECK(!bus_write(&r.bus, BASE + FAKE_SIZE - 2, 4, 0xb4b3b2b1));
    CHECK_EQ_HEX(r.bus.fault_addr, BASE + FAKE_SIZE);
    CHECK_EQ_HEX(r.f.n_calls, 2);
    CHECK_EQ_HEX(r.f.regs[FAKE_SIZE - 2], 0xb1);
    CHECK_EQ_HEX(r.f.regs[FAKE_SIZE - 1], 0xb2);
    bus_free(&r.bus);

    /* bytes are invalid on a 32-bit device: fails at the first byte */
    rig_init(&r, &w32_ops);
    CHECK(!bus_write(&r.bus, BASE + 6, 4, 0));
    CHECK_EQ_HEX(r.bus.fault_addr, BASE + 6);
    CHECK_EQ_HEX(r.f.n_calls, 0);
    CHECK_EQ_HEX(r.f.regs[6], 0x16);
    bus_free(&r.bus);
}

/* Memory is not a device: misaligned accesses there are plain. */
static void test_memory_unaffected(void)
{
    Bus bus;
    uint64_t v = 0;

    bus_init(&bus);
    CHECK_EQ_HEX(bus_add_ram(&bus, "ram", 0x80000000, 0x1000), 0);
    CHECK_EQ_HEX(bus_add_rom(&bus, "rom", 0x1000, 0x1000), 0);
    CHECK(bus_write(&bus, 0x80000003, 8, UINT64_C(0x0807060504030201)));
    CHECK(bus_read(&bus, 0x80000005, 2, &v));
    CHECK_EQ_HEX(v, 0x0403);
    CHECK(bus_read(&bus, 0x80000001, 1, &v));
    CHECK(bus_write(&bus, 0x1001, 4, 1)); /* ignored, not refused */
    CHECK(bus_read(&bus, 0x1003, 8, &v));
    CHECK_EQ_HEX(v, 0);
    /* an access straddling the end of memory fails, at its address */
    CHECK(!bus_read(&bus, 0x80000ffe, 4, &v));
    CHECK_EQ_HEX(bus.fault_addr, 0x80000ffe);
    bus_free(&bus);
}

static void test_invalid_access_logged(void)
{
    Rig r;
    char path[] = "/tmp/test_bus_XXXXXX";
    int fd = mkstemp(path);
    FILE *f;
    char line[256] = "";
    uint64_t v;

    CHECK(fd >= 0);
    close(fd);
    rig_init(&r, &w32_64_ops);
    CHECK_EQ_HEX(log_set_file(path), 0);
    log_mask = LOG_GUEST_ERROR;
    CHECK(!bus_read(&r.bus, BASE + 0x10, 1, &v));
    CHECK(!bus_write(&r.bus, BASE + 0x12, 2, 0));
    log_close();
    log_mask = 0;
    f = fopen(path, "r");
    CHECK(f != NULL);
    if (f) {
        CHECK(fgets(line, sizeof(line), f) != NULL);
        CHECK_STR(line, "w32_64: invalid 1-byte read at offset 0x00000010 "
                        "(valid sizes 4 to 8)\n");
        CHECK(fgets(line, sizeof(line), f) != NULL);
        CHECK_STR(line, "w32_64: invalid 2-byte write at offset 0x00000012 "
                        "(valid sizes 4 to 8)\n");
        fclose(f);
    }
    unlink(path);
    bus_free(&r.bus);
}

TEST_MAIN({ "all_sizes_valid_by_default", test_all_sizes_valid_by_default },
          { "invalid_sizes_fail", test_invalid_sizes_fail },
          { "valid_accesses_widened_and_split",
            test_valid_accesses_widened_and_split },
          { "misaligned_read", test_misaligned_read },
          { "misaligned_write", test_misaligned_write },
          { "memory_unaffected", test_memory_unaffected },
          { "invalid_access_logged", test_invalid_access_logged })
