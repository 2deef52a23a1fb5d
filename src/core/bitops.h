/* SPDX-License-Identifier: GPL-2.0-or-later */
/* High halves of 64x64-bit products, for the M extension's mulh*. */
#ifndef FS_BITOPS_H
#define FS_BITOPS_H

#include <stdint.h>

static inline uint64_t mulu64_hi(uint64_t a, uint64_t b)
{
    uint64_t a_lo = (uint32_t)a, a_hi = a >> 32;
    uint64_t b_lo = (uint32_t)b, b_hi = b >> 32;
    uint64_t lo_lo = a_lo * b_lo;
    uint64_t hi_lo = a_hi * b_lo;
    uint64_t lo_hi = a_lo * b_hi;
    uint64_t hi_hi = a_hi * b_hi;
    uint64_t cross = (lo_lo >> 32) + (uint32_t)hi_lo + lo_hi;

    return hi_hi + (hi_lo >> 32) + (cross >> 32);
}

/* signed x signed: correct the unsigned product for negative operands */
static inline int64_t muls64_hi(int64_t a, int64_t b)
{
    uint64_t hi = mulu64_hi((uint64_t)a, (uint64_t)b);

    if (a < 0) {
        hi -= (uint64_t)b;
    }
    if (b < 0) {
        hi -= (uint64_t)a;
    }
    return (int64_t)hi;
}

/* signed x unsigned */
static inline int64_t mulsu64_hi(int64_t a, uint64_t b)
{
    uint64_t hi = mulu64_hi((uint64_t)a, b);

    if (a < 0) {
        hi -= b;
    }
    return (int64_t)hi;
}

#endif
