/* SPDX-License-Identifier: GPL-2.0-or-later */
/* UART output, result line and exit for the benchmark firmware. */
#include "bench.h"

#define UART_THR ((volatile uint8_t *)0x10000000UL)
#define UART_LSR ((volatile uint8_t *)0x10000005UL)
#define UART_LSR_THRE 0x20
#define TEST_FINISHER ((volatile uint32_t *)0x100000UL)

static void bench_putc(char c)
{
    while (!(*UART_LSR & UART_LSR_THRE)) {
    }
    *UART_THR = (uint8_t)c;
}

void bench_puts(const char *s)
{
    while (*s) {
        bench_putc(*s++);
    }
}

void bench_puthex(uint64_t v)
{
    bench_puts("0x");
    for (int shift = 60; shift >= 0; shift -= 4) {
        bench_putc("0123456789abcdef"[(v >> shift) & 0xf]);
    }
}

void bench_result(const char *name, uint64_t checksum)
{
    bench_puts(name);
    bench_puts(": checksum ");
    bench_puthex(checksum);
    bench_puts("\n");
}

_Noreturn void bench_exit(int status)
{
    /* 0x5555 = pass (exit 0), 0x3333 | status << 16 = fail (exit status) */
    *TEST_FINISHER = status ? 0x3333u | (uint32_t)status << 16 : 0x5555u;
    for (;;) {
        __asm__ volatile("wfi");
    }
}

/* any trap a kernel did not ask for: report it and fail */
__attribute__((interrupt("machine"), aligned(4)))
void bench_trap_unexpected(void)
{
    uint64_t cause, epc;

    __asm__ volatile("csrr %0, mcause" : "=r"(cause));
    __asm__ volatile("csrr %0, mepc" : "=r"(epc));
    bench_puts("unexpected trap: mcause ");
    bench_puthex(cause);
    bench_puts(" mepc ");
    bench_puthex(epc);
    bench_puts("\n");
    bench_exit(2);
}
