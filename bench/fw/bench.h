/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared helpers of the benchmark firmware: UART output (ns16550a at
 * 0x10000000), the result line and the exit through sifive_test, and a
 * deterministic pseudo-random generator, so every kernel's input, and so its
 * checksum, is the same on every emulator.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>

/*
 * Work multiplier (make bench BENCH_SCALE=N, default 4 there). At 1 each
 * image runs about 0.5 s under firmscope.
 */
#ifndef BENCH_SCALE
#define BENCH_SCALE 1
#endif

#define CLINT_MTIMECMP 0x2004000UL      /* hart 0 */

void bench_puts(const char *s);
void bench_puthex(uint64_t v);
/* prints "NAME: checksum 0x...\n": the line run.sh compares */
void bench_result(const char *name, uint64_t checksum);
_Noreturn void bench_exit(int status);

/* xorshift64 (Marsaglia): cheap, deterministic, never returns 0 */
static inline uint64_t bench_rand(uint64_t *state)
{
    uint64_t x = *state;

    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    return x;
}

#endif
