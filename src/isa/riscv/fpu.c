/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A small soft-float core for the F and D extensions: IEEE 754-2008
 * binary32/binary64 with the choices RISC-V makes (unprivileged spec
 * ch. 11-12). Why our own soft float instead of the host's SSE unit:
 *  - x86 has no round-to-nearest-ties-to-max-magnitude (RMM);
 *  - x86 detects tininess before rounding, RISC-V after rounding, so
 *    the UF flag differs for results that round up to the smallest
 *    normal; fixing that up needs the exact result anyway;
 *  - NaN results would need canonicalising after every operation, and
 *    rounding/flags through <fenv.h> depend on compiler flags
 *    (-frounding-math, constant folding, FMA contraction) and the host
 *    (x87 on i386, no FMA before Haswell);
 *  - results must be the same on every host, like the rest of the
 *    emulator (virtual time, reproducible traces).
 * This is the approach Spike (Berkeley SoftFloat) and QEMU (fpu/softfloat)
 * take. One generic path serves both formats: operands are unpacked to
 * a sign, an exponent and a 63-bit significand (bit 62 = the leading
 * one), computed exactly or with a sticky bit, and rounded once in
 * round_pack(), which does RMM, tininess after rounding and the
 * overflow results per rounding mode. tests/unit/test_fpu.c checks it
 * against a table generated once from QEMU 7.2 (tests/isa/riscv/fpu/).
 */
#include "fpu.h"

#include <stddef.h>

typedef struct FpFmt {
    unsigned ebits, mbits; /* exponent and fraction field widths */
} FpFmt;

static const FpFmt fmt32 = { 8, 23 };
static const FpFmt fmt64 = { 11, 52 };

typedef enum FpClass {
    FP_ZERO,
    FP_FINITE, /* normal or subnormal, normalised into sig */
    FP_INF,
    FP_QNAN,
    FP_SNAN,
} FpClass;

/* value = sig * 2^(exp - 62); sig has bit 62 set when FP_FINITE */
typedef struct Unpacked {
    FpClass cls;
    bool sign;
    int32_t exp;
    uint64_t sig;
} Unpacked;

typedef struct U128 {
    uint64_t hi, lo;
} U128;

#define SIG_TOP (UINT64_C(1) << 62)

static int32_t fmt_bias(const FpFmt *f)
{
    return (INT32_C(1) << (f->ebits - 1)) - 1;
}

static uint64_t fmt_emask(const FpFmt *f)
{
    return (UINT64_C(1) << f->ebits) - 1;
}

static uint64_t fmt_sign(const FpFmt *f, bool sign)
{
    return (uint64_t)sign << (f->ebits + f->mbits);
}

static uint64_t fmt_inf(const FpFmt *f, bool sign)
{
    return fmt_sign(f, sign) | fmt_emask(f) << f->mbits;
}

static uint64_t fmt_nan(const FpFmt *f)
{
    return fmt_emask(f) << f->mbits | UINT64_C(1) << (f->mbits - 1);
}

static Unpacked unpack(const FpFmt *f, uint64_t bits)
{
    Unpacked u;
    uint64_t frac = bits & ((UINT64_C(1) << f->mbits) - 1);
    uint64_t e = (bits >> f->mbits) & fmt_emask(f);

    u.sign = (bits >> (f->ebits + f->mbits)) & 1;
    u.exp = 0;
    u.sig = 0;
    if (e == fmt_emask(f)) {
        if (!frac) {
            u.cls = FP_INF;
        } else {
            u.cls = frac >> (f->mbits - 1) ? FP_QNAN : FP_SNAN;
        }
        return u;
    }
    if (e == 0) {
        if (!frac) {
            u.cls = FP_ZERO;
            return u;
        }
        u.cls = FP_FINITE;
        u.sig = frac << (62 - f->mbits);
        u.exp = 1 - fmt_bias(f);
        while (!(u.sig & SIG_TOP)) {
            u.sig <<= 1;
            u.exp--;
        }
        return u;
    }
    u.cls = FP_FINITE;
    u.sig = (frac | UINT64_C(1) << f->mbits) << (62 - f->mbits);
    u.exp = (int32_t)e - fmt_bias(f);
    return u;
}

static bool is_nan(const Unpacked *u)
{
    return u->cls == FP_QNAN || u->cls == FP_SNAN;
}

/* v >> n, with any bit shifted out ORed into bit 0 ("sticky") */
static uint64_t shr_jam(uint64_t v, uint32_t n)
{
    if (n == 0) {
        return v;
    }
    if (n >= 64) {
        return v != 0;
    }
    return (v >> n) | ((v << (64 - n)) != 0);
}

/* Does rounding away the low rb bits of sig increment the rest? */
static bool round_incr(uint64_t sig, unsigned rb, bool sign, unsigned rm)
{
    uint64_t half = UINT64_C(1) << (rb - 1);
    uint64_t rest = sig & ((half << 1) - 1);

    switch (rm) {
    case RV_RM_RNE:
        return rest > half || (rest == half && ((sig >> rb) & 1));
    case RV_RM_RMM:
        return rest >= half;
    case RV_RM_RDN:
        return sign && rest;
    case RV_RM_RUP:
        return !sign && rest;
    default: /* RTZ */
        return false;
    }
}

/*
 * Round sign * sig * 2^(exp - 62) (sig != 0 unless the value is zero) to
 * the format, raising NX/UF/OF. Underflow: tiny after rounding (the value
 * rounded to p bits with an unbounded exponent is below 2^emin) and
 * inexact, as RISC-V specifies (§11.2: "tininess is detected after
 * rounding").
 */
static uint64_t round_pack(const FpFmt *f, bool sign, int32_t exp,
                           uint64_t sig, unsigned rm, unsigned *flags)
{
    int32_t bias = fmt_bias(f), emin = 1 - bias;
    unsigned p = f->mbits + 1, rb = 63 - p;
    uint64_t s = fmt_sign(f, sign), m, rest;
    bool tiny = false;

    if (!sig) {
        return s;
    }
    if (sig >> 63) {
        sig = shr_jam(sig, 1);
        exp++;
    }
    while (!(sig & SIG_TOP)) {
        sig <<= 1;
        exp--;
    }
    if (exp < emin) {
        tiny = exp < emin - 1 || !(round_incr(sig, rb, sign, rm) &&
                                   ((sig >> rb) + 1) >> p);
        sig = shr_jam(sig, (uint32_t)(emin - exp));
        exp = emin;
    }
    rest = sig & ((UINT64_C(1) << rb) - 1);
    m = (sig >> rb) + round_incr(sig, rb, sign, rm);
    if (rest) {
        *flags |= RV_FFLAG_NX | (tiny ? RV_FFLAG_UF : 0);
    }
    /* m includes the leading one: adding it bumps the biased exponent */
    if ((uint64_t)(exp + bias - 1) + (m >> f->mbits) >= fmt_emask(f)) {
        bool to_inf = rm == RV_RM_RNE || rm == RV_RM_RMM ||
                      (rm == RV_RM_RDN && sign) || (rm == RV_RM_RUP && !sign);

        *flags |= RV_FFLAG_OF | RV_FFLAG_NX;
        return to_inf ? fmt_inf(f, sign) : fmt_inf(f, sign) - 1;
    }
    return s | (((uint64_t)(exp + bias - 1) << f->mbits) + m);
}

static uint64_t repack(const FpFmt *f, const Unpacked *u, unsigned rm,
                       unsigned *flags)
{
    return round_pack(f, u->sign, u->exp, u->sig, rm, flags);
}

/* a NaN operand: the canonical NaN, NV if any operand is signaling */
static uint64_t nan_result(const FpFmt *f, const Unpacked *a,
                           const Unpacked *b, const Unpacked *c,
                           unsigned *flags)
{
    if (a->cls == FP_SNAN || (b && b->cls == FP_SNAN) ||
        (c && c->cls == FP_SNAN)) {
        *flags |= RV_FFLAG_NV;
    }
    return fmt_nan(f);
}

static uint64_t invalid(const FpFmt *f, unsigned *flags)
{
    *flags |= RV_FFLAG_NV;
    return fmt_nan(f);
}

/* x + y exactly zero: +0, or -0 when rounding down (IEEE 754 §6.3) */
static bool zero_sum_sign(bool sx, bool sy, unsigned rm)
{
    return sx == sy ? sx : rm == RV_RM_RDN;
}

static uint64_t fp_add(const FpFmt *f, uint64_t a, uint64_t b, bool negb,
                       unsigned rm, unsigned *flags)
{
    Unpacked x = unpack(f, a), y = unpack(f, b), t;
    uint64_t ys, sum;

    y.sign ^= negb;
    if (is_nan(&x) || is_nan(&y)) {
        return nan_result(f, &x, &y, NULL, flags);
    }
    if (x.cls == FP_INF) {
        if (y.cls == FP_INF && x.sign != y.sign) {
            return invalid(f, flags);
        }
        return fmt_inf(f, x.sign);
    }
    if (y.cls == FP_INF) {
        return fmt_inf(f, y.sign);
    }
    if (x.cls == FP_ZERO && y.cls == FP_ZERO) {
        return fmt_sign(f, zero_sum_sign(x.sign, y.sign, rm));
    }
    if (x.cls == FP_ZERO) {
        return repack(f, &y, rm, flags);
    }
    if (y.cls == FP_ZERO) {
        return repack(f, &x, rm, flags);
    }
    if (x.exp < y.exp || (x.exp == y.exp && x.sig < y.sig)) {
        t = x;
        x = y;
        y = t;
    }
    ys = shr_jam(y.sig, (uint32_t)(x.exp - y.exp));
    if (x.sign == y.sign) {
        sum = x.sig + ys;
    } else {
        sum = x.sig - ys;
        if (!sum) {
            return fmt_sign(f, rm == RV_RM_RDN);
        }
    }
    return round_pack(f, x.sign, x.exp, sum, rm, flags);
}

static U128 mul64(uint64_t a, uint64_t b)
{
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    U128 r;

    r.lo = (mid << 32) | (uint32_t)ll;
    r.hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    return r;
}

static uint64_t fp_mul(const FpFmt *f, uint64_t a, uint64_t b, unsigned rm,
                       unsigned *flags)
{
    Unpacked x = unpack(f, a), y = unpack(f, b);
    bool sign = x.sign ^ y.sign;
    U128 p;

    if (is_nan(&x) || is_nan(&y)) {
        return nan_result(f, &x, &y, NULL, flags);
    }
    if (x.cls == FP_INF || y.cls == FP_INF) {
        if (x.cls == FP_ZERO || y.cls == FP_ZERO) {
            return invalid(f, flags);
        }
        return fmt_inf(f, sign);
    }
    if (x.cls == FP_ZERO || y.cls == FP_ZERO) {
        return fmt_sign(f, sign);
    }
    /* [2^124, 2^126) -> [2^62, 2^64), value = sig * 2^(ex + ey - 62) */
    p = mul64(x.sig, y.sig);
    return round_pack(f, sign, x.exp + y.exp,
                      (p.hi << 2) | (p.lo >> 62) |
                          ((p.lo & (SIG_TOP - 1)) != 0),
                      rm, flags);
}

static uint64_t fp_div(const FpFmt *f, uint64_t a, uint64_t b, unsigned rm,
                       unsigned *flags)
{
    Unpacked x = unpack(f, a), y = unpack(f, b);
    bool sign = x.sign ^ y.sign;
    uint64_t rem, q = 0;
    int32_t exp = x.exp - y.exp;

    if (is_nan(&x) || is_nan(&y)) {
        return nan_result(f, &x, &y, NULL, flags);
    }
    if (x.cls == FP_INF) {
        return y.cls == FP_INF ? invalid(f, flags) : fmt_inf(f, sign);
    }
    if (y.cls == FP_INF) {
        return fmt_sign(f, sign);
    }
    if (y.cls == FP_ZERO) {
        if (x.cls == FP_ZERO) {
            return invalid(f, flags);
        }
        *flags |= RV_FFLAG_DZ;
        return fmt_inf(f, sign);
    }
    if (x.cls == FP_ZERO) {
        return fmt_sign(f, sign);
    }
    rem = x.sig;
    if (rem < y.sig) {
        rem <<= 1;
        exp--;
    }
    /* 63 quotient bits, the first one set: q = quotient * 2^62 */
    for (unsigned i = 0; i < 63; i++) {
        q <<= 1;
        if (rem >= y.sig) {
            rem -= y.sig;
            q |= 1;
        }
        rem <<= 1;
    }
    return round_pack(f, sign, exp, q | (rem != 0), rm, flags);
}

static uint64_t fp_sqrt(const FpFmt *f, uint64_t a, unsigned rm,
                        unsigned *flags)
{
    Unpacked x = unpack(f, a);
    uint64_t q = 0, r = 0;
    unsigned shift;
    int32_t e;

    if (is_nan(&x)) {
        return nan_result(f, &x, NULL, NULL, flags);
    }
    if (x.cls == FP_ZERO) {
        return a; /* sqrt(-0) = -0 */
    }
    if (x.sign) {
        return invalid(f, flags);
    }
    if (x.cls == FP_INF) {
        return a;
    }
    /*
     * Radicand R = sig << shift in [2^118, 2^120) with an even exponent
     * left over; 60 root bits by the digit-by-digit method, remainder
     * as the sticky bit.
     */
    e = x.exp;
    shift = 56;
    if (e & 1) {
        shift = 57;
        e -= 1;
    }
    e /= 2;
    for (int i = 59; i >= 0; i--) {
        uint64_t pair = 0, t;

        for (unsigned k = 0; k < 2; k++) {
            unsigned b = 2 * (unsigned)i + 1 - k;

            pair <<= 1;
            if (b >= shift && b - shift < 63) {
                pair |= (x.sig >> (b - shift)) & 1;
            }
        }
        r = (r << 2) | pair;
        t = (q << 2) | 1;
        if (r >= t) {
            r -= t;
            q = (q << 1) | 1;
        } else {
            q <<= 1;
        }
    }
    return round_pack(f, false, e, (q << 3) | (r != 0), rm, flags);
}

static U128 u128_shr_jam(U128 v, uint32_t n)
{
    U128 r;

    if (n == 0) {
        return v;
    }
    if (n >= 128) {
        r.hi = 0;
        r.lo = (v.hi | v.lo) != 0;
        return r;
    }
    if (n >= 64) {
        r.hi = 0;
        r.lo = shr_jam(v.hi, n - 64) | (v.lo != 0);
        return r;
    }
    r.hi = v.hi >> n;
    r.lo = (v.hi << (64 - n)) | shr_jam(v.lo, n);
    return r;
}

static bool u128_lt(U128 a, U128 b)
{
    return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo);
}

static U128 u128_add(U128 a, U128 b)
{
    U128 r = { a.hi + b.hi, a.lo + b.lo };

    r.hi += r.lo < a.lo;
    return r;
}

static U128 u128_sub(U128 a, U128 b)
{
    U128 r = { a.hi - b.hi, a.lo - b.lo };

    r.hi -= a.lo < b.lo;
    return r;
}

static uint64_t fp_fma(const FpFmt *f, uint64_t a, uint64_t b, uint64_t c,
                       unsigned kind, unsigned rm, unsigned *flags)
{
    Unpacked x = unpack(f, a), y = unpack(f, b), z = unpack(f, c);
    bool ps = x.sign ^ y.sign ^ (kind == RV_FMA_NMSUB || kind == RV_FMA_NMADD);
    bool sign;
    U128 pr, zr, r;
    int32_t e, k;
    uint64_t sig;

    z.sign ^= kind == RV_FMA_MSUB || kind == RV_FMA_NMADD;
    /* inf * 0 is invalid even when the addend is a quiet NaN (§11.6) */
    if ((x.cls == FP_INF && y.cls == FP_ZERO) ||
        (x.cls == FP_ZERO && y.cls == FP_INF)) {
        return invalid(f, flags);
    }
    if (is_nan(&x) || is_nan(&y) || is_nan(&z)) {
        return nan_result(f, &x, &y, &z, flags);
    }
    if (x.cls == FP_INF || y.cls == FP_INF) {
        if (z.cls == FP_INF && z.sign != ps) {
            return invalid(f, flags);
        }
        return fmt_inf(f, ps);
    }
    if (z.cls == FP_INF) {
        return fmt_inf(f, z.sign);
    }
    if (x.cls == FP_ZERO || y.cls == FP_ZERO) {
        if (z.cls == FP_ZERO) {
            return fmt_sign(f, zero_sum_sign(ps, z.sign, rm));
        }
        return repack(f, &z, rm, flags);
    }
    /* both as 128-bit values with the unit 2^(e - 124) */
    pr = mul64(x.sig, y.sig);
    e = x.exp + y.exp;
    sign = ps;
    if (z.cls == FP_ZERO) {
        r = pr;
    } else {
        zr.hi = z.sig >> 2;
        zr.lo = z.sig << 62;
        if (e >= z.exp) {
            zr = u128_shr_jam(zr, (uint32_t)(e - z.exp));
        } else {
            pr = u128_shr_jam(pr, (uint32_t)(z.exp - e));
            e = z.exp;
        }
        if (ps == z.sign) {
            r = u128_add(pr, zr);
        } else if (u128_lt(pr, zr)) {
            r = u128_sub(zr, pr);
            sign = z.sign;
        } else {
            r = u128_sub(pr, zr);
        }
        if (!r.hi && !r.lo) {
            return fmt_sign(f, rm == RV_RM_RDN);
        }
    }
    /* k: index of the leading one of r */
    k = r.hi ? 64 : 0;
    for (uint64_t w = r.hi ? r.hi : r.lo; w >>= 1;) {
        k++;
    }
    if (k > 62) {
        r = u128_shr_jam(r, (uint32_t)(k - 62));
        sig = r.lo;
    } else {
        sig = r.lo << (62 - k);
    }
    return round_pack(f, sign, e - 124 + k, sig, rm, flags);
}

/* Is a < b in the order fmin/fmax use (-0 < +0)? Neither is a NaN. */
static bool lt_signed_zero(const FpFmt *f, uint64_t a, uint64_t b)
{
    bool sa = (a >> (f->ebits + f->mbits)) & 1;
    bool sb = (b >> (f->ebits + f->mbits)) & 1;

    if (sa != sb) {
        return sa;
    }
    return sa ? a > b : a < b;
}

static uint64_t fp_minmax(const FpFmt *f, uint64_t a, uint64_t b,
                          bool is_max, unsigned *flags)
{
    Unpacked x = unpack(f, a), y = unpack(f, b);

    if (x.cls == FP_SNAN || y.cls == FP_SNAN) {
        *flags |= RV_FFLAG_NV;
    }
    if (is_nan(&x) && is_nan(&y)) {
        return fmt_nan(f);
    }
    if (is_nan(&x)) {
        return b;
    }
    if (is_nan(&y)) {
        return a;
    }
    return lt_signed_zero(f, a, b) != is_max ? a : b;
}

/* compare: 0 eq, 1 lt, 2 le */
static bool fp_compare(const FpFmt *f, uint64_t a, uint64_t b, unsigned how,
                       unsigned *flags)
{
    Unpacked x = unpack(f, a), y = unpack(f, b);

    if (is_nan(&x) || is_nan(&y)) {
        if (how != 0 || x.cls == FP_SNAN || y.cls == FP_SNAN) {
            *flags |= RV_FFLAG_NV;
        }
        return false;
    }
    if (x.cls == FP_ZERO && y.cls == FP_ZERO) {
        return how != 1;
    }
    switch (how) {
    case 0:
        return a == b;
    case 1:
        return lt_signed_zero(f, a, b);
    default:
        return a == b || lt_signed_zero(f, a, b);
    }
}

static unsigned fp_class(const FpFmt *f, uint64_t a)
{
    Unpacked x = unpack(f, a);
    bool sub = x.cls == FP_FINITE && !((a >> f->mbits) & fmt_emask(f));

    switch (x.cls) {
    case FP_SNAN:
        return 1u << 8;
    case FP_QNAN:
        return 1u << 9;
    case FP_INF:
        return x.sign ? 1u << 0 : 1u << 7;
    case FP_ZERO:
        return x.sign ? 1u << 3 : 1u << 4;
    default:
        if (x.sign) {
            return sub ? 1u << 2 : 1u << 1;
        }
        return sub ? 1u << 5 : 1u << 6;
    }
}

/*
 * Float to integer of `bits` (32/64) bits, signed or not; the result as
 * a 64-bit two's complement value. Saturation per the table in §11.7.
 */
static uint64_t fp_to_int(const FpFmt *f, uint64_t a, bool is_signed,
                          unsigned bits, unsigned rm, unsigned *flags)
{
    Unpacked x = unpack(f, a);
    uint64_t max = is_signed ? (UINT64_C(1) << (bits - 1)) - 1
                             : UINT64_MAX >> (64 - bits);
    uint64_t min = is_signed ? (uint64_t)0 - (UINT64_C(1) << (bits - 1)) : 0;
    uint64_t mag, frac, half = UINT64_C(1) << 63;
    bool inc, carry = false;

    if (is_nan(&x)) {
        *flags |= RV_FFLAG_NV;
        return max;
    }
    if (x.cls == FP_ZERO) {
        return 0;
    }
    if (x.cls == FP_INF || x.exp > 63) {
        *flags |= RV_FFLAG_NV;
        return x.sign ? min : max;
    }
    if (x.exp == 63) {
        mag = x.sig << 1;
        frac = 0;
    } else if (x.exp >= 0) {
        mag = x.sig >> (62 - x.exp);
        frac = x.exp == 62 ? 0 : x.sig << (x.exp + 2);
    } else {
        mag = 0;
        frac = x.exp == -1 ? x.sig << 1 : 1;
    }
    switch (rm) {
    case RV_RM_RNE:
        inc = frac > half || (frac == half && (mag & 1));
        break;
    case RV_RM_RMM:
        inc = frac >= half;
        break;
    case RV_RM_RDN:
        inc = x.sign && frac;
        break;
    case RV_RM_RUP:
        inc = !x.sign && frac;
        break;
    default:
        inc = false;
        break;
    }
    if (inc) {
        mag++;
        carry = mag == 0;
    }
    if (!x.sign) {
        if (carry || mag > max) {
            *flags |= RV_FFLAG_NV;
            return max;
        }
    } else if (carry || mag > (is_signed ? (uint64_t)0 - min : 0)) {
        *flags |= RV_FFLAG_NV;
        return min;
    }
    if (frac) {
        *flags |= RV_FFLAG_NX;
    }
    return x.sign ? (uint64_t)0 - mag : mag;
}

static uint64_t int_to_fp(const FpFmt *f, bool sign, uint64_t mag,
                          unsigned rm, unsigned *flags)
{
    return round_pack(f, sign, 62, mag, rm, flags);
}

/* between formats: NaN -> canonical NaN, everything else rounded */
static uint64_t fp_convert(const FpFmt *to, const FpFmt *from, uint64_t a,
                           unsigned rm, unsigned *flags)
{
    Unpacked x = unpack(from, a);

    switch (x.cls) {
    case FP_QNAN:
    case FP_SNAN:
        return nan_result(to, &x, NULL, NULL, flags);
    case FP_INF:
        return fmt_inf(to, x.sign);
    case FP_ZERO:
        return fmt_sign(to, x.sign);
    default:
        return repack(to, &x, rm, flags);
    }
}

/* ---- the public per-format functions ---------------------------------- */

uint32_t rv_f32_add(uint32_t a, uint32_t b, unsigned rm, unsigned *flags)
{
    return (uint32_t)fp_add(&fmt32, a, b, false, rm, flags);
}

uint32_t rv_f32_sub(uint32_t a, uint32_t b, unsigned rm, unsigned *flags)
{
    return (uint32_t)fp_add(&fmt32, a, b, true, rm, flags);
}

uint32_t rv_f32_mul(uint32_t a, uint32_t b, unsigned rm, unsigned *flags)
{
    return (uint32_t)fp_mul(&fmt32, a, b, rm, flags);
}

uint32_t rv_f32_div(uint32_t a, uint32_t b, unsigned rm, unsigned *flags)
{
    return (uint32_t)fp_div(&fmt32, a, b, rm, flags);
}

uint32_t rv_f32_sqrt(uint32_t a, unsigned rm, unsigned *flags)
{
    return (uint32_t)fp_sqrt(&fmt32, a, rm, flags);
}

uint32_t rv_f32_fma(uint32_t a, uint32_t b, uint32_t c, unsigned kind,
                    unsigned rm, unsigned *flags)
{
    return (uint32_t)fp_fma(&fmt32, a, b, c, kind, rm, flags);
}

uint32_t rv_f32_min(uint32_t a, uint32_t b, unsigned *flags)
{
    return (uint32_t)fp_minmax(&fmt32, a, b, false, flags);
}

uint32_t rv_f32_max(uint32_t a, uint32_t b, unsigned *flags)
{
    return (uint32_t)fp_minmax(&fmt32, a, b, true, flags);
}

bool rv_f32_eq(uint32_t a, uint32_t b, unsigned *flags)
{
    return fp_compare(&fmt32, a, b, 0, flags);
}

bool rv_f32_lt(uint32_t a, uint32_t b, unsigned *flags)
{
    return fp_compare(&fmt32, a, b, 1, flags);
}

bool rv_f32_le(uint32_t a, uint32_t b, unsigned *flags)
{
    return fp_compare(&fmt32, a, b, 2, flags);
}

unsigned rv_f32_class(uint32_t a)
{
    return fp_class(&fmt32, a);
}

int32_t rv_f32_to_i32(uint32_t a, unsigned rm, unsigned *flags)
{
    return (int32_t)(uint32_t)fp_to_int(&fmt32, a, true, 32, rm, flags);
}

uint32_t rv_f32_to_u32(uint32_t a, unsigned rm, unsigned *flags)
{
    return (uint32_t)fp_to_int(&fmt32, a, false, 32, rm, flags);
}

int64_t rv_f32_to_i64(uint32_t a, unsigned rm, unsigned *flags)
{
    return (int64_t)fp_to_int(&fmt32, a, true, 64, rm, flags);
}

uint64_t rv_f32_to_u64(uint32_t a, unsigned rm, unsigned *flags)
{
    return fp_to_int(&fmt32, a, false, 64, rm, flags);
}

uint32_t rv_i32_to_f32(int32_t v, unsigned rm, unsigned *flags)
{
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)(int64_t)v : (uint64_t)v;

    return (uint32_t)int_to_fp(&fmt32, v < 0, mag, rm, flags);
}

uint32_t rv_u32_to_f32(uint32_t v, unsigned rm, unsigned *flags)
{
    return (uint32_t)int_to_fp(&fmt32, false, v, rm, flags);
}

uint32_t rv_i64_to_f32(int64_t v, unsigned rm, unsigned *flags)
{
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

    return (uint32_t)int_to_fp(&fmt32, v < 0, mag, rm, flags);
}

uint32_t rv_u64_to_f32(uint64_t v, unsigned rm, unsigned *flags)
{
    return (uint32_t)int_to_fp(&fmt32, false, v, rm, flags);
}

uint64_t rv_f64_add(uint64_t a, uint64_t b, unsigned rm, unsigned *flags)
{
    return fp_add(&fmt64, a, b, false, rm, flags);
}

uint64_t rv_f64_sub(uint64_t a, uint64_t b, unsigned rm, unsigned *flags)
{
    return fp_add(&fmt64, a, b, true, rm, flags);
}

uint64_t rv_f64_mul(uint64_t a, uint64_t b, unsigned rm, unsigned *flags)
{
    return fp_mul(&fmt64, a, b, rm, flags);
}

uint64_t rv_f64_div(uint64_t a, uint64_t b, unsigned rm, unsigned *flags)
{
    return fp_div(&fmt64, a, b, rm, flags);
}

uint64_t rv_f64_sqrt(uint64_t a, unsigned rm, unsigned *flags)
{
    return fp_sqrt(&fmt64, a, rm, flags);
}

uint64_t rv_f64_fma(uint64_t a, uint64_t b, uint64_t c, unsigned kind,
                    unsigned rm, unsigned *flags)
{
    return fp_fma(&fmt64, a, b, c, kind, rm, flags);
}

uint64_t rv_f64_min(uint64_t a, uint64_t b, unsigned *flags)
{
    return fp_minmax(&fmt64, a, b, false, flags);
}

uint64_t rv_f64_max(uint64_t a, uint64_t b, unsigned *flags)
{
    return fp_minmax(&fmt64, a, b, true, flags);
}

bool rv_f64_eq(uint64_t a, uint64_t b, unsigned *flags)
{
    return fp_compare(&fmt64, a, b, 0, flags);
}

bool rv_f64_lt(uint64_t a, uint64_t b, unsigned *flags)
{
    return fp_compare(&fmt64, a, b, 1, flags);
}

bool rv_f64_le(uint64_t a, uint64_t b, unsigned *flags)
{
    return fp_compare(&fmt64, a, b, 2, flags);
}

unsigned rv_f64_class(uint64_t a)
{
    return fp_class(&fmt64, a);
}

int32_t rv_f64_to_i32(uint64_t a, unsigned rm, unsigned *flags)
{
    return (int32_t)(uint32_t)fp_to_int(&fmt64, a, true, 32, rm, flags);
}

uint32_t rv_f64_to_u32(uint64_t a, unsigned rm, unsigned *flags)
{
    return (uint32_t)fp_to_int(&fmt64, a, false, 32, rm, flags);
}

int64_t rv_f64_to_i64(uint64_t a, unsigned rm, unsigned *flags)
{
    return (int64_t)fp_to_int(&fmt64, a, true, 64, rm, flags);
}

uint64_t rv_f64_to_u64(uint64_t a, unsigned rm, unsigned *flags)
{
    return fp_to_int(&fmt64, a, false, 64, rm, flags);
}

uint64_t rv_i32_to_f64(int32_t v, unsigned rm, unsigned *flags)
{
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)(int64_t)v : (uint64_t)v;

    return int_to_fp(&fmt64, v < 0, mag, rm, flags);
}

uint64_t rv_u32_to_f64(uint32_t v, unsigned rm, unsigned *flags)
{
    return int_to_fp(&fmt64, false, v, rm, flags);
}

uint64_t rv_i64_to_f64(int64_t v, unsigned rm, unsigned *flags)
{
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

    return int_to_fp(&fmt64, v < 0, mag, rm, flags);
}

uint64_t rv_u64_to_f64(uint64_t v, unsigned rm, unsigned *flags)
{
    return int_to_fp(&fmt64, false, v, rm, flags);
}

uint32_t rv_f64_to_f32(uint64_t a, unsigned rm, unsigned *flags)
{
    return (uint32_t)fp_convert(&fmt32, &fmt64, a, rm, flags);
}

uint64_t rv_f32_to_f64(uint32_t a, unsigned *flags)
{
    return fp_convert(&fmt64, &fmt32, a, RV_RM_RNE, flags);
}
