/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ldst: load/store-heavy loops over two 256 KiB buffers, ROUNDS times: a
 * 64-bit copy unrolled by four, a 32-bit copy back with a rotating offset
 * and an xor, and a byte pass that sums and stores every byte of one
 * 16 KiB slice. Little computation per access.
 */
#include "bench.h"

#define ROUNDS (400UL * BENCH_SCALE)
#define WORDS 32768     /* 64-bit words per buffer: 256 KiB */

static uint64_t src[WORDS], dst[WORDS];

int main(void)
{
    uint64_t seed = 0x452821e638d01377ULL;
    uint64_t sum = 0;
    uint32_t *s32 = (uint32_t *)src, *d32 = (uint32_t *)dst;

    for (int i = 0; i < WORDS; i++) {
        src[i] = bench_rand(&seed);
    }
    for (uint64_t r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < WORDS; i += 4) {
            uint64_t a = src[i], b = src[i + 1], c = src[i + 2],
                     d = src[i + 3];
            dst[i] = a;
            dst[i + 1] = b;
            dst[i + 2] = c;
            dst[i + 3] = d;
        }
        for (uint32_t i = 0; i < 2 * WORDS; i++) {
            s32[i] = d32[(i + r) & (2 * WORDS - 1)] ^ r;
        }
        uint8_t *b8 = (uint8_t *)src + (r & 15) * 16384;
        for (int i = 0; i < 16384; i++) {
            sum += b8[i];
            b8[i] = (uint8_t)(b8[i] + i);
        }
    }
    for (int i = 0; i < WORDS; i++) {
        sum = sum * 31 + src[i];
    }
    bench_result("ldst", sum);
    return 0;
}
