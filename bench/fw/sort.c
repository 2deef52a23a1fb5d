/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sort: quicksort (median of three, insertion sort below 16 elements,
 * recursion on the smaller half) of 64 Ki pseudo-random 32-bit keys, ROUNDS
 * times with a fresh array each round. Data-dependent branches, loads and
 * stores, calls. Each sorted array is checked and folded into the checksum.
 */
#include "bench.h"

#define ROUNDS (20UL * BENCH_SCALE)
#define N 65536

static uint32_t a[N];

static void insertion(uint32_t *v, long n)
{
    for (long i = 1; i < n; i++) {
        uint32_t x = v[i];
        long j = i - 1;
        while (j >= 0 && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

static void swap(uint32_t *x, uint32_t *y)
{
    uint32_t t = *x;
    *x = *y;
    *y = t;
}

static void quicksort(uint32_t *v, long n)
{
    while (n > 16) {
        long mid = n / 2, i = 0, j = n - 1;
        uint32_t pivot;

        if (v[mid] < v[0]) swap(&v[mid], &v[0]);
        if (v[n - 1] < v[0]) swap(&v[n - 1], &v[0]);
        if (v[n - 1] < v[mid]) swap(&v[n - 1], &v[mid]);
        pivot = v[mid];
        for (;;) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i >= j) break;
            swap(&v[i], &v[j]);
            i++;
            j--;
        }
        /* v[0..j] <= pivot <= v[j+1..n): recurse on the smaller side */
        if (j + 1 < n - j - 1) {
            quicksort(v, j + 1);
            v += j + 1;
            n -= j + 1;
        } else {
            quicksort(v + j + 1, n - j - 1);
            n = j + 1;
        }
    }
    insertion(v, n);
}

int main(void)
{
    uint64_t seed = 0xa4093822299f31d0ULL;
    uint64_t sum = 0;

    for (uint64_t r = 0; r < ROUNDS; r++) {
        for (long i = 0; i < N; i++) {
            a[i] = (uint32_t)bench_rand(&seed);
        }
        quicksort(a, N);
        for (long i = 0; i < N; i++) {
            if (i && a[i - 1] > a[i]) {
                bench_puts("sort: not sorted\n");
                return 1;
            }
            sum = sum * 31 + a[i];
        }
    }
    bench_result("sort", sum);
    return 0;
}
