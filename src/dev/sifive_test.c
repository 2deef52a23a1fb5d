/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SiFive test finisher (QEMU virt's "sifive,test1" at 0x100000): one
 * write-only register whose low 16 bits say pass, fail or reset.
 */
#include "sifive_test.h"

#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>

#include "log.h"

typedef enum SifiveTestReg {
    SIFIVE_TEST_FINISHER = 0x0,
} SifiveTestReg;

#define SIFIVE_TEST_STATUS_SHIFT 0
#define SIFIVE_TEST_STATUS_MASK 0x0000ffffu
#define SIFIVE_TEST_CODE_SHIFT 16
#define SIFIVE_TEST_CODE_MASK 0xffff0000u

/* Status values (QEMU include/hw/misc/sifive_test.h). */
enum {
    SIFIVE_TEST_FAIL = 0x3333,
    SIFIVE_TEST_PASS = 0x5555,
    SIFIVE_TEST_RESET = 0x7777,
};

struct SifiveTest {
    Machine *m;
};

static uint64_t sifive_test_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)opaque;
    (void)offset;
    (void)size;
    return 0;
}

static void sifive_test_write(void *opaque, uint64_t offset, uint64_t value,
                              unsigned size)
{
    SifiveTest *s = opaque;
    uint32_t status = ((uint32_t)value & SIFIVE_TEST_STATUS_MASK) >>
                      SIFIVE_TEST_STATUS_SHIFT;
    uint32_t code = ((uint32_t)value & SIFIVE_TEST_CODE_MASK) >>
                    SIFIVE_TEST_CODE_SHIFT;

    (void)size;
    switch (offset) {
    case SIFIVE_TEST_FINISHER:
        switch (status) {
        case SIFIVE_TEST_FAIL:
            machine_request_exit(s->m, (int)code);
            return;
        case SIFIVE_TEST_PASS:
            machine_request_exit(s->m, 0);
            return;
        case SIFIVE_TEST_RESET:
            /* We have no reboot: like QEMU with -no-reboot, stop cleanly. */
            machine_request_exit(s->m, 0);
            return;
        default:
            break;
        }
        if (log_enabled(LOG_GUEST_ERROR)) {
            log_printf("sifive_test: unknown finisher value 0x%08" PRIx32
                       " ignored\n", (uint32_t)value);
        }
        break;
    default:
        if (log_enabled(LOG_GUEST_ERROR)) {
            log_printf("sifive_test: write to reserved offset 0x%08" PRIx64
                       " ignored\n", offset);
        }
        break;
    }
}

/* QEMU 7.2 sifive_test_ops: .valid 2..4, no .impl (1..4). */
const DevOps sifive_test_ops = {
    .name = "sifive_test",
    .read = sifive_test_read,
    .write = sifive_test_write,
    .min_size = 4,
    .max_size = 4,
    .valid_min = 2,
    .valid_max = 4,
};

SifiveTest *sifive_test_new(Machine *m)
{
    SifiveTest *s;

    assert(m);
    s = calloc(1, sizeof(*s));
    if (s) {
        s->m = m;
    }
    return s;
}

void sifive_test_free(SifiveTest *s)
{
    free(s);
}
