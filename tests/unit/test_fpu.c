/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for the F/D soft-float core (src/isa/riscv/fpu.c): every case
 * of tests/isa/riscv/fpu/qemu72.tab, expectations generated once from
 * QEMU 7.2's qemu-riscv64 by gen_qemu_table.py in that directory, must
 * give the same result bits and the same fflags; plus a few hand-checked
 * values from the spec.
 */
#include <stdlib.h>

#include "fpu.h"
#include "test.h"

#define TABLE "tests/isa/riscv/fpu/qemu72.tab"
#define MAX_REPORTS 40

static unsigned n_cases, n_reported;
static unsigned per_op[64];

static uint64_t sx32(uint32_t v)
{
    return (uint64_t)(int64_t)(int32_t)v;
}

/* Run one table op; false if the name is unknown. */
static bool run_op(const char *op, unsigned rm, const uint64_t *in,
                   uint64_t *r, unsigned *fl)
{
    uint32_t a = (uint32_t)in[0], b = (uint32_t)in[1], c = (uint32_t)in[2];
    static const char *const fma_s[4] = { "fmadd.s", "fmsub.s", "fnmsub.s",
                                          "fnmadd.s" };
    static const char *const fma_d[4] = { "fmadd.d", "fmsub.d", "fnmsub.d",
                                          "fnmadd.d" };

    for (unsigned k = 0; k < 4; k++) {
        if (!strcmp(op, fma_s[k])) {
            *r = rv_f32_fma(a, b, c, k, rm, fl);
            return true;
        }
        if (!strcmp(op, fma_d[k])) {
            *r = rv_f64_fma(in[0], in[1], in[2], k, rm, fl);
            return true;
        }
    }
#define OP(name, expr)                                                       \
    if (!strcmp(op, name)) {                                                 \
        *r = (expr);                                                         \
        return true;                                                         \
    }
    OP("fadd.s", rv_f32_add(a, b, rm, fl))
    OP("fsub.s", rv_f32_sub(a, b, rm, fl))
    OP("fmul.s", rv_f32_mul(a, b, rm, fl))
    OP("fdiv.s", rv_f32_div(a, b, rm, fl))
    OP("fsqrt.s", rv_f32_sqrt(a, rm, fl))
    OP("fmin.s", rv_f32_min(a, b, fl))
    OP("fmax.s", rv_f32_max(a, b, fl))
    OP("feq.s", rv_f32_eq(a, b, fl))
    OP("flt.s", rv_f32_lt(a, b, fl))
    OP("fle.s", rv_f32_le(a, b, fl))
    OP("fclass.s", rv_f32_class(a))
    OP("fcvt.w.s", sx32((uint32_t)rv_f32_to_i32(a, rm, fl)))
    OP("fcvt.wu.s", sx32(rv_f32_to_u32(a, rm, fl)))
    OP("fcvt.l.s", (uint64_t)rv_f32_to_i64(a, rm, fl))
    OP("fcvt.lu.s", rv_f32_to_u64(a, rm, fl))
    OP("fcvt.s.w", rv_i32_to_f32((int32_t)a, rm, fl))
    OP("fcvt.s.wu", rv_u32_to_f32(a, rm, fl))
    OP("fcvt.s.l", rv_i64_to_f32((int64_t)in[0], rm, fl))
    OP("fcvt.s.lu", rv_u64_to_f32(in[0], rm, fl))
    OP("fcvt.s.d", rv_f64_to_f32(in[0], rm, fl))
    OP("fcvt.d.s", rv_f32_to_f64(a, fl))
    OP("fadd.d", rv_f64_add(in[0], in[1], rm, fl))
    OP("fsub.d", rv_f64_sub(in[0], in[1], rm, fl))
    OP("fmul.d", rv_f64_mul(in[0], in[1], rm, fl))
    OP("fdiv.d", rv_f64_div(in[0], in[1], rm, fl))
    OP("fsqrt.d", rv_f64_sqrt(in[0], rm, fl))
    OP("fmin.d", rv_f64_min(in[0], in[1], fl))
    OP("fmax.d", rv_f64_max(in[0], in[1], fl))
    OP("feq.d", rv_f64_eq(in[0], in[1], fl))
    OP("flt.d", rv_f64_lt(in[0], in[1], fl))
    OP("fle.d", rv_f64_le(in[0], in[1], fl))
    OP("fclass.d", rv_f64_class(in[0]))
    OP("fcvt.w.d", sx32((uint32_t)rv_f64_to_i32(in[0], rm, fl)))
    OP("fcvt.wu.d", sx32(rv_f64_to_u32(in[0], rm, fl)))
    OP("fcvt.l.d", (uint64_t)rv_f64_to_i64(in[0], rm, fl))
    OP("fcvt.lu.d", rv_f64_to_u64(in[0], rm, fl))
    OP("fcvt.d.w", rv_i32_to_f64((int32_t)a, rm, fl))
    OP("fcvt.d.wu", rv_u32_to_f64(a, rm, fl))
    OP("fcvt.d.l", rv_i64_to_f64((int64_t)in[0], rm, fl))
    OP("fcvt.d.lu", rv_u64_to_f64(in[0], rm, fl))
#undef OP
    return false;
}

static void test_qemu_table(void)
{
    FILE *f = fopen(TABLE, "r");
    char line[256];
    unsigned lineno = 0, ops = 0;
    char seen[64][16];

    if (!f) {
        printf("#   cannot open %s (run from the repository root)\n", TABLE);
        test_failures++;
        return;
    }
    while (fgets(line, sizeof(line), f)) {
        char op[16], *p, *end;
        uint64_t in[3] = { 0, 0, 0 }, want_r, got_r = 0;
        unsigned rm, n_in = 0, want_fl, got_fl = 0, k;

        lineno++;
        if (line[0] == '#' || line[0] == '\n') {
            continue;
        }
        if (sscanf(line, "%15s %u", op, &rm) != 2 ||
            !(p = strchr(line, ' ')) || !(p = strchr(p + 1, ' '))) {
            printf("#   %s:%u: malformed\n", TABLE, lineno);
            test_failures++;
            continue;
        }
        while (*++p != '-') {
            in[n_in++ % 3] = strtoull(p, &end, 16);
            p = end;
        }
        want_r = strtoull(p + 2, &end, 16);
        want_fl = (unsigned)strtoul(end, NULL, 16);
        if (!run_op(op, rm, in, &got_r, &got_fl)) {
            printf("#   %s:%u: unknown op %s\n", TABLE, lineno, op);
            test_failures++;
            continue;
        }
        n_cases++;
        for (k = 0; k < ops && strcmp(seen[k], op); k++) {
        }
        if (k == ops && ops < 64) {
            snprintf(seen[ops++], sizeof(seen[0]), "%s", op);
        }
        if (k < 64) {
            per_op[k]++;
        }
        if (got_r != want_r || got_fl != want_fl) {
            test_failures++;
            if (++n_reported <= MAX_REPORTS) {
                printf("#   %s:%u: %s rm=%u: got %016" PRIx64 " fl %02x, "
                       "qemu %016" PRIx64 " fl %02x\n",
                       TABLE, lineno, op, rm, got_r, got_fl, want_r,
                       want_fl);
            }
        }
    }
    fclose(f);
    printf("# %u cases over %u ops\n", n_cases, ops);
    CHECK(n_cases > 5000);
    CHECK(ops == 48);
}

/* Hand-checked values: the spec's rules, independent of the table. */
static void test_spec_rules(void)
{
    unsigned fl = 0;

    /* canonical NaN, and NV from a signaling input only */
    CHECK_EQ_HEX(rv_f32_add(0x7fa00000, 0x3f800000, RV_RM_RNE, &fl),
                 RV_F32_CANONICAL_NAN);
    CHECK_EQ_HEX(fl, RV_FFLAG_NV);
    fl = 0;
    CHECK_EQ_HEX(rv_f64_mul(0xfff8000000000123, 0, RV_RM_RNE, &fl),
                 RV_F64_CANONICAL_NAN);
    CHECK_EQ_HEX(fl, 0);
    /* RMM: 1 + 2^-24 (a tie) rounds away from zero */
    fl = 0;
    CHECK_EQ_HEX(rv_f32_add(0x3f800000, 0x33800000, RV_RM_RMM, &fl),
                 0x3f800001);
    CHECK_EQ_HEX(fl, RV_FFLAG_NX);
    fl = 0;
    CHECK_EQ_HEX(rv_f32_add(0x3f800000, 0x33800000, RV_RM_RNE, &fl),
                 0x3f800000);
    /*
     * Tininess after rounding: 2^-126 * (1 - 2^-26) rounds up to the
     * smallest normal 2^-126 under RNE (also with an unbounded exponent):
     * inexact, not tiny, no UF. x86 SSE would raise UF here. Under RTZ it
     * stays subnormal: UF.
     */
    fl = 0;
    CHECK_EQ_HEX(rv_f64_to_f32(0x380ffffff8000000, RV_RM_RNE, &fl),
                 0x00800000);
    CHECK_EQ_HEX(fl, RV_FFLAG_NX);
    fl = 0;
    CHECK_EQ_HEX(rv_f64_to_f32(0x380ffffff8000000, RV_RM_RTZ, &fl),
                 0x007fffff);
    CHECK_EQ_HEX(fl, RV_FFLAG_NX | RV_FFLAG_UF);
    /* saturating conversions (§11.7 table) */
    fl = 0;
    CHECK_EQ_HEX(rv_f32_to_i32(0x7fc00000, RV_RM_RNE, &fl), 0x7fffffff);
    CHECK_EQ_HEX(fl, RV_FFLAG_NV);
    fl = 0;
    CHECK_EQ_HEX(rv_f32_to_u32(0xbf000000, RV_RM_RNE, &fl), 0);
    CHECK_EQ_HEX(fl, RV_FFLAG_NX);
    fl = 0;
    CHECK_EQ_HEX(rv_f64_to_u64(0xbff0000000000000, RV_RM_RNE, &fl), 0);
    CHECK_EQ_HEX(fl, RV_FFLAG_NV);
    /* fmin/fmax: -0 < +0; a signaling NaN signals but the number wins */
    fl = 0;
    CHECK_EQ_HEX(rv_f32_min(0x00000000, 0x80000000, &fl), 0x80000000);
    CHECK_EQ_HEX(rv_f32_max(0x80000000, 0x00000000, &fl), 0x00000000);
    CHECK_EQ_HEX(fl, 0);
    CHECK_EQ_HEX(rv_f64_max(0x7ff4000000000000, 0x3ff0000000000000, &fl),
                 0x3ff0000000000000);
    CHECK_EQ_HEX(fl, RV_FFLAG_NV);
    /* NaN boxing */
    CHECK_EQ_HEX(rv_f32_unbox(0xffffffff3f800000), 0x3f800000);
    CHECK_EQ_HEX(rv_f32_unbox(0x000000003f800000), RV_F32_CANONICAL_NAN);
    CHECK_EQ_HEX(rv_f32_box(0x3f800000), 0xffffffff3f800000);
}

TEST_MAIN({ "every qemu72.tab case: result and fflags", test_qemu_table },
          { "spec rules by hand", test_spec_rules })
