/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * matmul: integer matrix product C = A x B of 64x64 32-bit matrices,
 * ROUNDS times, C fed back as the next A. Multiply-accumulate over
 * row-major and column-strided loads.
 */
#include "bench.h"

#define ROUNDS (150UL * BENCH_SCALE)
#define N 64

static uint32_t A[N][N], B[N][N], C[N][N];

int main(void)
{
    uint64_t seed = 0x082efa98ec4e6c89ULL;
    uint64_t sum = 0;

    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            A[i][j] = (uint32_t)bench_rand(&seed) & 0xffff;
            B[i][j] = (uint32_t)bench_rand(&seed) & 0xffff;
        }
    }
    for (uint64_t r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                uint32_t acc = 0;
                for (int k = 0; k < N; k++) {
                    acc += A[i][k] * B[k][j];
                }
                C[i][j] = acc;
            }
        }
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                A[i][j] = C[i][j] ^ (C[i][j] >> 16);
            }
        }
    }
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            sum = sum * 1000003 + C[i][j];
        }
    }
    bench_result("matmul", sum);
    return 0;
}
