/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vm: loads and stores with address translation on. main (M-mode) maps
 * the first 4 GiB one-to-one with Sv39 gigapages (devices at 0-1 GiB
 * read/write, RAM at 2-3 GiB read/write/execute), opens PMP to S-mode
 * and drops to S-mode, where the kernel runs ROUNDS times over a 1 MiB
 * table (256 pages, more than a 256-entry TLB keeps at once with the
 * code and stack pages): a pass of random read-modify-writes, then a
 * sequential copy of one half into the other. Every access goes through
 * the TLB, as in an operating system's kernel or user code.
 */
#include "bench.h"

#define ROUNDS (160UL * BENCH_SCALE)
#define WORDS (1UL << 17)  /* 64-bit words in the table: 1 MiB */

#define PTE_V 0x01UL
#define PTE_R 0x02UL
#define PTE_W 0x04UL
#define PTE_X 0x08UL
#define PTE_A 0x40UL
#define PTE_D 0x80UL
#define SATP_SV39 (8UL << 60)
#define MSTATUS_MPP_S (1UL << 11)
#define MSTATUS_MPP (3UL << 11)

static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t table[WORDS];

static _Noreturn void kernel(void)
{
    uint64_t seed = 0x3c6ef372fe94f82bULL;
    uint64_t sum = 0;

    for (unsigned long i = 0; i < WORDS; i++) {
        table[i] = bench_rand(&seed);
    }
    for (unsigned long r = 0; r < ROUNDS; r++) {
        for (unsigned long i = 0; i < WORDS / 2; i++) {
            uint64_t h = bench_rand(&seed);
            uint64_t *p = &table[h & (WORDS - 1)];

            *p += h;
            sum ^= table[(h >> 20) & (WORDS - 1)];
        }
        for (unsigned long i = 0; i < WORDS / 2; i++) {
            table[(i + WORDS / 2 + r) & (WORDS - 1)] = table[i] ^ r;
        }
    }
    for (unsigned long i = 0; i < WORDS; i++) {
        sum = sum * 31 + table[i];
    }
    bench_result("vm", sum);
    bench_exit(0);
}

int main(void)
{
    uint64_t mstatus;

    /* gigapage leaves: VPN[2] = 0 (devices), 2 (RAM at 0x80000000) */
    root[0] = (0x0UL >> 2) | PTE_V | PTE_R | PTE_W | PTE_A | PTE_D;
    root[2] = (0x80000000UL >> 2) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A |
              PTE_D;
    /* PMP entry 0: NAPOT over all of memory, RWX, for S-mode */
    __asm__ volatile("csrw pmpaddr0, %0" : : "r"(~0UL >> 10));
    __asm__ volatile("csrw pmpcfg0, %0" : : "r"(0x1fUL));
    __asm__ volatile("csrw satp, %0" : : "r"(SATP_SV39 |
                                               ((uint64_t)root >> 12)));
    __asm__ volatile("sfence.vma" : : : "memory");
    __asm__ volatile("csrr %0, mstatus" : "=r"(mstatus));
    mstatus = (mstatus & ~MSTATUS_MPP) | MSTATUS_MPP_S;
    __asm__ volatile("csrw mstatus, %0" : : "r"(mstatus));
    __asm__ volatile("csrw mepc, %0" : : "r"(kernel));
    __asm__ volatile("mret");
    __builtin_unreachable();
}
