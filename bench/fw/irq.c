/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * irq: IRQS machine timer interrupts (CLINT), one after every ~300
 * instructions of integer work. The main loop arms the timer by writing
 * mtimecmp = 0, a deadline already past, so MTIP rises at once; the handler
 * counts the interrupt, mixes the count into its own checksum and disarms
 * the timer (mtimecmp = all ones).
 *
 * Why not a periodic timer (mtimecmp = mtime + delta): QEMU's mtime follows
 * the host clock, so the number of interrupts, and the work done, would
 * depend on the host's speed. Arming "now" gives the same interrupts at the
 * same points of the program on every emulator, and the same checksum.
 */
#include "bench.h"

#define IRQS (400000UL * BENCH_SCALE)
#define MIE_MTIE (1u << 7)
#define MSTATUS_MIE (1u << 3)

static volatile uint64_t *const mtimecmp = (volatile uint64_t *)CLINT_MTIMECMP;
static volatile uint64_t irq_count;
static uint64_t irq_mix;

__attribute__((interrupt("machine"), aligned(4)))
static void timer_handler(void)
{
    uint64_t cause;

    __asm__ volatile("csrr %0, mcause" : "=r"(cause));
    if (cause != ((1ULL << 63) | 7)) {
        bench_puts("irq: unexpected trap\n");
        bench_exit(3);
    }
    *mtimecmp = ~0ULL;
    irq_count++;
    irq_mix = (irq_mix ^ irq_count) * 0x9e3779b97f4a7c15ULL;
}

int main(void)
{
    uint64_t x = 0x3f84d5b5b5470917ULL, sum = 0;

    *mtimecmp = ~0ULL;
    __asm__ volatile("csrw mtvec, %0" : : "r"(timer_handler));
    __asm__ volatile("csrs mie, %0" : : "r"(MIE_MTIE));
    __asm__ volatile("csrs mstatus, %0" : : "r"(MSTATUS_MIE));

    for (uint64_t n = 0; n < IRQS; n++) {
        for (int k = 0; k < 40; k++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            sum += x >> 33;
        }
        *mtimecmp = 0;      /* interrupt now */
        /* QEMU takes it at the end of a block: wait, so none is merged */
        while (irq_count <= n) {
        }
    }
    __asm__ volatile("csrc mstatus, %0" : : "r"(MSTATUS_MIE));
    bench_result("irq", sum ^ irq_mix ^ irq_count);
    return 0;
}
