/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * IEEE 754-2008 binary32/binary64 arithmetic as the RISC-V F and D
 * extensions define it (unprivileged spec ch. 11-12): canonical NaNs,
 * tininess after rounding, RMM, fcvt saturation. Pure functions on bit
 * patterns; see fpu.c for why this is a soft-float core.
 */
#ifndef RV_FPU_H
#define RV_FPU_H

#include <stdbool.h>
#include <stdint.h>

/* Rounding modes: the rm/frm encodings (§11.2). 5 and 6 are reserved. */
enum {
    RV_RM_RNE = 0,
    RV_RM_RTZ = 1,
    RV_RM_RDN = 2,
    RV_RM_RUP = 3,
    RV_RM_RMM = 4,
    RV_RM_DYN = 7, /* instruction field only: use frm */
};

/* fflags bits (§11.2) */
#define RV_FFLAG_NX 0x01u /* inexact */
#define RV_FFLAG_UF 0x02u /* underflow */
#define RV_FFLAG_OF 0x04u /* overflow */
#define RV_FFLAG_DZ 0x08u /* divide by zero */
#define RV_FFLAG_NV 0x10u /* invalid operation */

#define RV_F32_CANONICAL_NAN UINT32_C(0x7fc00000)
#define RV_F64_CANONICAL_NAN UINT64_C(0x7ff8000000000000)

/* The fused multiply-add family: which signs to flip (§11.6). */
enum {
    RV_FMA_MADD = 0,   /*  (a * b) + c */
    RV_FMA_MSUB = 1,   /*  (a * b) - c */
    RV_FMA_NMSUB = 2,  /* -(a * b) + c */
    RV_FMA_NMADD = 3,  /* -(a * b) - c */
};

/*
 * Every function takes operand bit patterns and a valid rounding mode
 * (RV_RM_RNE..RV_RM_RMM, never DYN: the caller resolves frm) where
 * rounding can happen, and ORs the exceptions it raises into *flags.
 * NaN results are always the canonical NaN.
 */
uint32_t rv_f32_add(uint32_t a, uint32_t b, unsigned rm, unsigned *flags);
uint32_t rv_f32_sub(uint32_t a, uint32_t b, unsigned rm, unsigned *flags);
uint32_t rv_f32_mul(uint32_t a, uint32_t b, unsigned rm, unsigned *flags);
uint32_t rv_f32_div(uint32_t a, uint32_t b, unsigned rm, unsigned *flags);
uint32_t rv_f32_sqrt(uint32_t a, unsigned rm, unsigned *flags);
uint32_t rv_f32_fma(uint32_t a, uint32_t b, uint32_t c, unsigned kind,
                    unsigned rm, unsigned *flags);
/* fmin/fmax (§11.6, 2.2 semantics): -0 < +0; one NaN gives the other */
uint32_t rv_f32_min(uint32_t a, uint32_t b, unsigned *flags);
uint32_t rv_f32_max(uint32_t a, uint32_t b, unsigned *flags);
/* feq is quiet (NV only for sNaN); flt/fle signal on any NaN */
bool rv_f32_eq(uint32_t a, uint32_t b, unsigned *flags);
bool rv_f32_lt(uint32_t a, uint32_t b, unsigned *flags);
bool rv_f32_le(uint32_t a, uint32_t b, unsigned *flags);
/* fclass: one-hot mask, bit 0 = -inf ... bit 9 = quiet NaN (§11.9) */
unsigned rv_f32_class(uint32_t a);

/*
 * Float to integer (§11.7): round with rm, then saturate: NaN and
 * too-large positive values give the maximum, too-large negative ones
 * (and -inf) the minimum, raising NV instead of NX. The 32-bit results
 * are returned as int32_t/uint32_t values; the caller sign-extends.
 */
int32_t rv_f32_to_i32(uint32_t a, unsigned rm, unsigned *flags);
uint32_t rv_f32_to_u32(uint32_t a, unsigned rm, unsigned *flags);
int64_t rv_f32_to_i64(uint32_t a, unsigned rm, unsigned *flags);
uint64_t rv_f32_to_u64(uint32_t a, unsigned rm, unsigned *flags);
uint32_t rv_i32_to_f32(int32_t v, unsigned rm, unsigned *flags);
uint32_t rv_u32_to_f32(uint32_t v, unsigned rm, unsigned *flags);
uint32_t rv_i64_to_f32(int64_t v, unsigned rm, unsigned *flags);
uint32_t rv_u64_to_f32(uint64_t v, unsigned rm, unsigned *flags);

uint64_t rv_f64_add(uint64_t a, uint64_t b, unsigned rm, unsigned *flags);
uint64_t rv_f64_sub(uint64_t a, uint64_t b, unsigned rm, unsigned *flags);
uint64_t rv_f64_mul(uint64_t a, uint64_t b, unsigned rm, unsigned *flags);
uint64_t rv_f64_div(uint64_t a, uint64_t b, unsigned rm, unsigned *flags);
uint64_t rv_f64_sqrt(uint64_t a, unsigned rm, unsigned *flags);
uint64_t rv_f64_fma(uint64_t a, uint64_t b, uint64_t c, unsigned kind,
                    unsigned rm, unsigned *flags);
uint64_t rv_f64_min(uint64_t a, uint64_t b, unsigned *flags);
uint64_t rv_f64_max(uint64_t a, uint64_t b, unsigned *flags);
bool rv_f64_eq(uint64_t a, uint64_t b, unsigned *flags);
bool rv_f64_lt(uint64_t a, uint64_t b, unsigned *flags);
bool rv_f64_le(uint64_t a, uint64_t b, unsigned *flags);
unsigned rv_f64_class(uint64_t a);
int32_t rv_f64_to_i32(uint64_t a, unsigned rm, unsigned *flags);
uint32_t rv_f64_to_u32(uint64_t a, unsigned rm, unsigned *flags);
int64_t rv_f64_to_i64(uint64_t a, unsigned rm, unsigned *flags);
uint64_t rv_f64_to_u64(uint64_t a, unsigned rm, unsigned *flags);
uint64_t rv_i32_to_f64(int32_t v, unsigned rm, unsigned *flags);
uint64_t rv_u32_to_f64(uint32_t v, unsigned rm, unsigned *flags);
uint64_t rv_i64_to_f64(int64_t v, unsigned rm, unsigned *flags);
uint64_t rv_u64_to_f64(uint64_t v, unsigned rm, unsigned *flags);

/* fcvt.s.d rounds; fcvt.d.s is exact (NV only for a signaling NaN) */
uint32_t rv_f64_to_f32(uint64_t a, unsigned rm, unsigned *flags);
uint64_t rv_f32_to_f64(uint32_t a, unsigned *flags);

/*
 * rv_f32_unbox() - the single held in a 64-bit f register: its low 32
 * bits if the upper 32 are all ones (NaN-boxed, §12.2), else the
 * canonical NaN. rv_f32_box() - the register value of a single.
 */
static inline uint32_t rv_f32_unbox(uint64_t reg)
{
    return (reg >> 32) == UINT32_MAX ? (uint32_t)reg : RV_F32_CANONICAL_NAN;
}

static inline uint64_t rv_f32_box(uint32_t v)
{
    return UINT64_C(0xffffffff00000000) | v;
}

#endif
