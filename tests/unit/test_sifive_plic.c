/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the SiFive PLIC at QEMU virt's layout: priorities,
 * pending, per-context enables and thresholds, claim/complete, and the
 * M- and S-mode context lines.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "bus.h"
#include "dev/sifive_plic.h"
#include "log.h"
#include "test.h"

#define PRIORITY(src) (0x000000u + 4u * (src))
#define PENDING(word) (0x001000u + 4u * (word))
#define ENABLE(ctx, word) (0x002000u + 0x80u * (ctx) + 4u * (word))
#define THRESHOLD(ctx) (0x200000u + 0x1000u * (ctx))
#define CLAIM(ctx) (0x200004u + 0x1000u * (ctx))

#define NHARTS 2
#define NCTX (2 * NHARTS)
#define NSRC PLIC_NUM_SOURCES_VIRT
#define CTX_M(h) (2u * (h))
#define CTX_S(h) (2u * (h) + 1u)

typedef struct Lines {
    bool level[NCTX];
    unsigned calls[NCTX];
} Lines;

static void record(void *opaque, unsigned n, bool level)
{
    Lines *l = opaque;

    l->level[n] = level;
    l->calls[n]++;
}

typedef struct Rig {
    Lines out;
    Plic *s;
} Rig;

static void rig_init(Rig *r)
{
    IrqLine out[NCTX];

    memset(r, 0, sizeof(*r));
    for (unsigned i = 0; i < NCTX; i++) {
        out[i] = irq_line(record, &r->out, i);
    }
    r->s = plic_new(NHARTS, NSRC, out);
}

static uint64_t rd(Rig *r, uint64_t off)
{
    return plic_ops.read(r->s, off, 4);
}

static void wr(Rig *r, uint64_t off, uint64_t val)
{
    plic_ops.write(r->s, off, val, 4);
}

/* Enable `src` on context ctx (read-modify-write of its enable word). */
static void enable(Rig *r, unsigned ctx, unsigned src)
{
    uint64_t off = ENABLE(ctx, src / 32);

    wr(r, off, rd(r, off) | (1u << (src % 32)));
}

static void test_reset_state(void)
{
    Rig r;

    rig_init(&r);
    CHECK(r.s != NULL);
    for (unsigned c = 0; c < NCTX; c++) {
        CHECK(!r.out.level[c]);
        CHECK_EQ_HEX(r.out.calls[c], 1); /* reset drives every line */
        CHECK_EQ_HEX(rd(&r, THRESHOLD(c)), 0);
        CHECK_EQ_HEX(rd(&r, CLAIM(c)), 0);
        for (unsigned w = 0; w < 3; w++) {
            CHECK_EQ_HEX(rd(&r, ENABLE(c, w)), 0);
        }
    }
    for (unsigned src = 1; src < NSRC; src++) {
        CHECK_EQ_HEX(rd(&r, PRIORITY(src)), 0);
    }
    for (unsigned w = 0; w < 3; w++) {
        CHECK_EQ_HEX(rd(&r, PENDING(w)), 0);
    }
    plic_free(r.s);
}

static void test_priority_warl(void)
{
    Rig r;

    rig_init(&r);
    wr(&r, PRIORITY(1), 5);
    CHECK_EQ_HEX(rd(&r, PRIORITY(1)), 5);
    wr(&r, PRIORITY(95), 7);
    CHECK_EQ_HEX(rd(&r, PRIORITY(95)), 7);
    /* 3-bit WARL field: upper bits are dropped, as in QEMU virt. */
    wr(&r, PRIORITY(10), 0xffffffff);
    CHECK_EQ_HEX(rd(&r, PRIORITY(10)), 7);
    wr(&r, PRIORITY(10), 9);
    CHECK_EQ_HEX(rd(&r, PRIORITY(10)), 1);
    CHECK_EQ_HEX(rd(&r, PRIORITY(2)), 0);
    plic_free(r.s);
}

static void test_pending_follows_level(void)
{
    Rig r;

    rig_init(&r);
    plic_set_irq(r.s, 1, true);
    plic_set_irq(r.s, 33, true);
    plic_set_irq(r.s, 95, true);
    CHECK_EQ_HEX(rd(&r, PENDING(0)), 0x00000002);
    CHECK_EQ_HEX(rd(&r, PENDING(1)), 0x00000002);
    CHECK_EQ_HEX(rd(&r, PENDING(2)), 0x80000000);
    /* Pending is read-only: writes change nothing. */
    wr(&r, PENDING(0), 0);
    wr(&r, PENDING(1), 0xffffffff);
    CHECK_EQ_HEX(rd(&r, PENDING(0)), 0x00000002);
    CHECK_EQ_HEX(rd(&r, PENDING(1)), 0x00000002);
    /* Level-triggered: a dropped level is no longer pending. */
    plic_set_irq(r.s, 33, false);
    CHECK_EQ_HEX(rd(&r, PENDING(1)), 0);
    /* Nothing enabled: no line rises. */
    for (unsigned c = 0; c < NCTX; c++) {
        CHECK(!r.out.level[c]);
    }
    plic_free(r.s);
}

static void test_irq_line_handler(void)
{
    Rig r;
    IrqLine uart;

    rig_init(&r);
    uart = irq_line(plic_irq_handler, r.s, 10); /* virt: UART0 is 10 */
    wr(&r, PRIORITY(10), 1);
    enable(&r, CTX_M(0), 10);
    irq_set(&uart, true);
    CHECK_EQ_HEX(rd(&r, PENDING(0)), 1u << 10);
    CHECK(r.out.level[CTX_M(0)]);
    irq_set(&uart, false);
    CHECK_EQ_HEX(rd(&r, PENDING(0)), 0);
    CHECK(!r.out.level[CTX_M(0)]);
    plic_free(r.s);
}

static void test_enables_per_context(void)
{
    Rig r;

    rig_init(&r);
    wr(&r, ENABLE(CTX_M(0), 0), 0x00000010);
    wr(&r, ENABLE(CTX_S(0), 0), 0x00000020);
    wr(&r, ENABLE(CTX_M(1), 1), 0x12345678);
    wr(&r, ENABLE(CTX_S(1), 2), 0xffffffff);
    CHECK_EQ_HEX(rd(&r, ENABLE(CTX_M(0), 0)), 0x00000010);
    CHECK_EQ_HEX(rd(&r, ENABLE(CTX_S(0), 0)), 0x00000020);
    CHECK_EQ_HEX(rd(&r, ENABLE(CTX_M(1), 1)), 0x12345678);
    CHECK_EQ_HEX(rd(&r, ENABLE(CTX_S(1), 2)), 0xffffffff);
    CHECK_EQ_HEX(rd(&r, ENABLE(CTX_M(0), 1)), 0);
    CHECK_EQ_HEX(rd(&r, ENABLE(CTX_S(1), 0)), 0);

    wr(&r, PRIORITY(4), 1);
    wr(&r, PRIORITY(5), 1);
    plic_set_irq(r.s, 4, true);
    CHECK(r.out.level[CTX_M(0)]);
    CHECK(!r.out.level[CTX_S(0)]);
    CHECK(!r.out.level[CTX_M(1)]);
    CHECK(!r.out.level[CTX_S(1)]);
    plic_set_irq(r.s, 5, true);
    CHECK(r.out.level[CTX_S(0)]);
    CHECK_EQ_HEX(rd(&r, CLAIM(CTX_S(0))), 5);
    CHECK_EQ_HEX(rd(&r, CLAIM(CTX_M(0))), 4);
    CHECK(!r.out.level[CTX_M(0)]);
    CHECK(!r.out.level[CTX_S(0)]);
    /* Disabling masks the line without touching pending. */
    wr(&r, CLAIM(CTX_M(0)), 4);
    CHECK(r.out.level[CTX_M(0)]);
    wr(&r, ENABLE(CTX_M(0), 0), 0);
    CHECK(!r.out.level[CTX_M(0)]);
    CHECK_EQ_HEX(rd(&r, PENDING(0)), 1u << 4);
    plic_free(r.s);
}

static void test_threshold_masks(void)
{
    Rig r;

    rig_init(&r);
    wr(&r, PRIORITY(7), 3);
    enable(&r, CTX_M(0), 7);
    plic_set_irq(r.s, 7, true);
    CHECK(r.out.level[CTX_M(0)]);
    /* Only priority strictly above the threshold gets through. */
    wr(&r, THRESHOLD(CTX_M(0)), 3);
    CHECK_EQ_HEX(rd(&r, THRESHOLD(CTX_M(0))), 3);
    CHECK(!r.out.level[CTX_M(0)]);
    CHECK_EQ_HEX(rd(&r, CLAIM(CTX_M(0))), 0);
    CHECK_EQ_HEX(rd(&r, PENDING(0)), 1u << 7); /* a failed claim keeps it */
    wr(&r, THRESHOLD(CTX_M(0)), 2);
    CHECK(r.out.level[CTX_M(0)]);
    /* Raising the priority over the threshold also unmasks. */
    wr(&r, THRESHOLD(CTX_M(0)), 7);
    CHECK(!r.out.level[CTX_M(0)]);
    wr(&r, THRESHOLD(CTX_M(0)), 3);
    wr(&r, PRIORITY(7), 4);
    CHECK(r.out.level[CTX_M(0)]);
    /* Threshold above 7 is not legal: ignored, as in QEMU. */
    wr(&r, THRESHOLD(CTX_M(0)), 8);
    CHECK_EQ_HEX(rd(&r, THRESHOLD(CTX_M(0))), 3);
    /* Priority 0 means never interrupt, even with threshold 0. */
    wr(&r, THRESHOLD(CTX_M(0)), 0);
    wr(&r, PRIORITY(7), 0);
    CHECK(!r.out.level[CTX_M(0)]);
    CHECK_EQ_HEX(rd(&r, CLAIM(CTX_M(0))), 0);
    plic_free(r.s);
}

static void test_claim_order_and_ties(void)
{
    Rig r;

    rig_init(&r);
    wr(&r, PRIORITY(5), 2);
    wr(&r, PRIORITY(40), 5);
    wr(&r, PRIORITY(10), 5);
    wr(&r, PRIORITY(70), 1);
    wr(&r, ENABLE(CTX_M(0), 0), 0xffffffff);
    wr(&r, ENABLE(CTX_M(0), 1), 0xffffffff);
    wr(&r, ENABLE(CTX_M(0), 2), 0xffffffff);
    plic_set_irq(r.s, 70, true);
    plic_set_irq(r.s, 40, true);
    plic_set_irq(r.s, 5, true);
    plic_set_irq(r.s, 10, true);
    /* Highest priority first; equal priorities go lowest id first. */
    CHECK_EQ_HEX(rd(&r, CLAIM(CTX_M(0))), 10);
    CHECK_EQ_HEX(rd(&r, CLAIM(CTX_M(0))), 40);
    CHECK_EQ_HEX(rd(&r, CLAIM(CTX_M(0))), 5);
    CHECK(r.out.level[CTX_M(0)]);
    CHECK_EQ_HEX(rd(&r, CLAIM(CTX_M(0))), 70);
    CHECK(!r.out.level[CTX_M(0)]);
    CHECK_EQ_HEX(rd(&r, CLAIM(CTX_M(0))), 0);
    /* Claimed sources leave pending while in service. */
    CHECK_EQ_HEX(rd(&r, PENDING(0)), 0);
    CHECK_EQ_HEX(rd(&r, PENDING(1)), 0);
    CHECK_EQ_HEX(rd(&r, PENDING(2)), 0);
    plic_free(r.s);
}

static void test_complete_reraises_level(void)
{
    Rig r;

    rig_init(&r);
    wr(&r, PRIORITY(3), 1);
    enable(&r, CTX_S(1), 3);
    plic_set_irq(r.s, 3, true);
    CHECK(r.out.level[CTX_S(1)]);
    CHECK_EQ_HEX(rd(&r, CLAIM(CTX_S(1))), 3);
    CHECK(!r.out.level[CTX_S(1)]);
    /* In service: the gateway forwards no new request. */
    plic_set_irq(r.s, 3, true);
    CHECK_EQ_HEX(rd(&r, PENDING(0)), 0);
    CHECK(!r.out.level[CTX_S(1)]);
    /* Completing with the level still high makes it pending again. */
    wr(&r, CLAIM(CTX_S(1)), 3);
    CHECK_EQ_HEX(rd(&r, PENDING(0)), 1u << 3);
    CHECK(r.out.level[CTX_S(1)]);
    CHECK_EQ_HEX(rd(&r, CLAIM(CTX_S(1))), 3);
    /* The device drops its level before completion: nothing new. */
    plic_set_irq(r.s, 3, false);
    wr(&r, CLAIM(CTX_S(1)), 3);
    CHECK_EQ_HEX(rd(&r, PENDING(0)), 0);
    CHECK(!r.out.level[CTX_S(1)]);
    CHECK_EQ_HEX(rd(&r, CLAIM(CTX_S(1))), 0);
    /* Completing a source that is not in service changes nothing. */
    plic_set_irq(r.s, 3, true);
    wr(&r, CLAIM(CTX_S(1)), 3);
    CHECK_EQ_HEX(rd(&r, PENDING(0)), 1u << 3);
    CHECK(r.out.level[CTX_S(1)]);
    plic_free(r.s);
}

static void test_context_lines(void)
{
    Rig r;

    rig_init(&r);
    wr(&r, PRIORITY(1), 1);
    wr(&r, PRIORITY(2), 1);
    enable(&r, CTX_M(0), 1);
    enable(&r, CTX_S(0), 1);
    enable(&r, CTX_M(1), 2);
    enable(&r, CTX_S(1), 2);
    plic_set_irq(r.s, 1, true);
    CHECK(r.out.level[CTX_M(0)] && r.out.level[CTX_S(0)]);
    CHECK(!r.out.level[CTX_M(1)] && !r.out.level[CTX_S(1)]);
    /* Only changes are driven. */
    CHECK_EQ_HEX(r.out.calls[CTX_M(0)], 2);
    CHECK_EQ_HEX(r.out.calls[CTX_M(1)], 1);
    plic_set_irq(r.s, 2, true);
    CHECK(r.out.level[CTX_M(1)] && r.out.level[CTX_S(1)]);
    /* A claim in one context takes the source from every context. */
    CHECK_EQ_HEX(rd(&r, CLAIM(CTX_S(0))), 1);
    CHECK(!r.out.level[CTX_M(0)] && !r.out.level[CTX_S(0)]);
    CHECK_EQ_HEX(rd(&r, CLAIM(CTX_M(0))), 0);
    /* The S-mode threshold masks only the S-mode line. */
    wr(&r, THRESHOLD(CTX_S(1)), 1);
    CHECK(r.out.level[CTX_M(1)] && !r.out.level[CTX_S(1)]);
    wr(&r, CLAIM(CTX_S(0)), 1);
    CHECK(r.out.level[CTX_M(0)] && r.out.level[CTX_S(0)]);
    plic_set_irq(r.s, 1, false);
    plic_set_irq(r.s, 2, false);
    for (unsigned c = 0; c < NCTX; c++) {
        CHECK(!r.out.level[c]);
    }
    plic_free(r.s);
}

static void test_source_zero(void)
{
    Rig r;

    rig_init(&r);
    /* Source 0 does not exist: priority 0 is reserved and reads 0. */
    wr(&r, PRIORITY(0), 7);
    CHECK_EQ_HEX(rd(&r, PRIORITY(0)), 0);
    wr(&r, ENABLE(CTX_M(0), 0), 0xffffffff);
    CHECK_EQ_HEX(rd(&r, ENABLE(CTX_M(0), 0)), 0xfffffffe);
    plic_set_irq(r.s, 0, true);
    CHECK_EQ_HEX(rd(&r, PENDING(0)), 0);
    CHECK(!r.out.level[CTX_M(0)]);
    CHECK_EQ_HEX(rd(&r, CLAIM(CTX_M(0))), 0); /* 0: nothing to claim */
    wr(&r, CLAIM(CTX_M(0)), 0);               /* completing 0: ignored */
    CHECK(!r.out.level[CTX_M(0)]);
    /* Sources past the last one are ignored too. */
    plic_set_irq(r.s, NSRC, true);
    CHECK_EQ_HEX(rd(&r, PENDING(3)), 0);
    plic_free(r.s);
}

static void test_reserved_offsets(void)
{
    static const uint32_t reserved[] = {
        PRIORITY(NSRC),        /* past source 95 */
        0x000ffc,              /* last priority slot of 1024 */
        PENDING(3),            /* past 96 pending bits */
        0x001ffc,
        ENABLE(CTX_M(0), 3),   /* past 96 enable bits */
        ENABLE(NCTX, 0),       /* context 4 does not exist */
        0x1ffffc,
        0x200008,              /* after claim/complete of context 0 */
        0x200ffc,
        THRESHOLD(NCTX),
        CLAIM(NCTX),
        0x5ffffc,
        0x000006,              /* misaligned */
    };
    Rig r;
    char path[] = "/tmp/test_sifive_plic_XXXXXX";
    int fd = mkstemp(path);
    FILE *f;
    char line[256] = "";
    unsigned n_lines;

    CHECK(fd >= 0);
    close(fd);
    rig_init(&r);
    CHECK_EQ_HEX(log_set_file(path), 0);
    log_mask = LOG_GUEST_ERROR;
    for (unsigned i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++) {
        wr(&r, reserved[i], 0xffffffff);
        CHECK_EQ_HEX(rd(&r, reserved[i]), 0);
    }
    log_close();
    log_mask = 0;
    /* Nothing else changed. */
    CHECK_EQ_HEX(rd(&r, PRIORITY(NSRC - 1)), 0);
    CHECK_EQ_HEX(rd(&r, ENABLE(NCTX - 1, 2)), 0);
    CHECK_EQ_HEX(rd(&r, THRESHOLD(NCTX - 1)), 0);
    f = fopen(path, "r");
    CHECK(f != NULL);
    if (f) {
        CHECK(fgets(line, sizeof(line), f) != NULL);
        CHECK_STR(line, "plic: write to reserved offset 0x00000180 "
                        "ignored\n");
        CHECK(fgets(line, sizeof(line), f) != NULL);
        CHECK_STR(line, "plic: read from reserved offset 0x00000180\n");
        /* One line per access: every offset in the list is reserved. */
        n_lines = 2;
        while (fgets(line, sizeof(line), f)) {
            CHECK(strncmp(line, "plic: ", 6) == 0);
            n_lines++;
        }
        CHECK_EQ_HEX(n_lines, 2 * sizeof(reserved) / sizeof(reserved[0]));
        fclose(f);
    }
    unlink(path);
    plic_free(r.s);
}

static void test_reset_clears(void)
{
    Rig r;

    rig_init(&r);
    wr(&r, PRIORITY(9), 6);
    enable(&r, CTX_M(0), 9);
    enable(&r, CTX_S(0), 9);
    wr(&r, THRESHOLD(CTX_S(0)), 2);
    plic_set_irq(r.s, 9, true);
    CHECK_EQ_HEX(rd(&r, CLAIM(CTX_M(0))), 9);
    plic_reset(r.s);
    CHECK_EQ_HEX(rd(&r, PRIORITY(9)), 0);
    CHECK_EQ_HEX(rd(&r, ENABLE(CTX_M(0), 0)), 0);
    CHECK_EQ_HEX(rd(&r, THRESHOLD(CTX_S(0))), 0);
    /* The input is a wire still high: pending again, nothing claimed. */
    CHECK_EQ_HEX(rd(&r, PENDING(0)), 1u << 9);
    CHECK(!r.out.level[CTX_M(0)]);
    wr(&r, PRIORITY(9), 1);
    enable(&r, CTX_M(0), 9);
    CHECK(r.out.level[CTX_M(0)]);
    CHECK_EQ_HEX(rd(&r, CLAIM(CTX_M(0))), 9);
    plic_free(r.s);
    plic_free(NULL);
}

TEST_MAIN({ "reset_state", test_reset_state },
          { "priority_warl", test_priority_warl },
          { "pending_follows_level", test_pending_follows_level },
          { "irq_line_handler", test_irq_line_handler },
          { "enables_per_context", test_enables_per_context },
          { "threshold_masks", test_threshold_masks },
          { "claim_order_and_ties", test_claim_order_and_ties },
          { "complete_reraises_level", test_complete_reraises_level },
          { "context_lines", test_context_lines },
          { "source_zero", test_source_zero },
          { "reserved_offsets", test_reserved_offsets },
          { "reset_clears", test_reset_clears })
