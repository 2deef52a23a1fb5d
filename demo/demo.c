/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * firmscope demo: bare-metal RV64 firmware for the `virt` board. It tells a
 * story on the UART while taking an M-mode ecall, an illegal instruction, an
 * ebreak, U-mode ecalls and a privileged CSR read, 5 CLINT timer interrupts and
 * an msip software interrupt, prints a table of traps by cause and powers off
 * via sifive_test. Interrupts hit fixed instructions, so no run ever differs.
 */

#include <stdint.h>
#include <stdio.h>

/* ---- virt board memory map ---------------------------------------------- */
#define UART_BASE       0x10000000UL    /* ns16550a */
#define UART_THR        0               /* transmit holding register */
#define UART_LSR        5               /* line status register */
#define UART_LSR_THRE   0x20            /* THR empty */

#define CLINT_MSIP(h)       (0x2000000UL + 4 * (h))
#define CLINT_MTIMECMP(h)   (0x2004000UL + 8 * (h))
#define CLINT_MTIME         0x200bff8UL
#define TIMEBASE_HZ         10000000UL

#define TEST_FINISHER   0x100000UL      /* sifive_test */
#define FINISHER_PASS   0x5555U
#define FINISHER_FAIL   0x3333U         /* exit code in bits 31:16 */

/* ---- CSR bits ----------------------------------------------------------- */
#define MSTATUS_MPIE    (1UL << 7)
#define MSTATUS_MPP     (3UL << 11)
#define MIP_MSIP        (1UL << 3)
#define MIP_MTIP        (1UL << 7)
#define MCAUSE_INT      (1UL << 63)

#define EXC_ILLEGAL     2
#define EXC_BREAKPOINT  3
#define EXC_ECALL_U     8
#define EXC_ECALL_M     11
#define IRQ_M_SOFT      3
#define IRQ_M_TIMER     7

#define PMP_R           0x01UL
#define PMP_W           0x02UL
#define PMP_X           0x04UL
#define PMP_NAPOT       0x18UL

/* ---- demo parameters ---------------------------------------------------- */
#define TIMER_TICKS     5
#define TIMER_PERIOD    (TIMEBASE_HZ / 1000)    /* 1 ms */

/* system calls understood by the trap handler (number in a7) */
#define SYS_ADD         1   /* a0 = a0 + a1 */
#define SYS_PUTS        2   /* print the string at a0 */
#define SYS_EXIT        3   /* leave U-mode, back to enter_user's caller */

#define CSR_READ(csr, var) \
    __asm__ volatile("csrr %0, " #csr : "=r"(var))
#define CSR_WRITE(csr, val) \
    __asm__ volatile("csrw " #csr ", %0" : : "r"(val) : "memory")
#define CSR_SET(csr, bits) \
    __asm__ volatile("csrs " #csr ", %0" : : "r"(bits) : "memory")
#define CSR_CLEAR(csr, bits) \
    __asm__ volatile("csrc " #csr ", %0" : : "r"(bits) : "memory")

/* register save area built by trap_vector in start.S */
struct trap_frame {
    uint64_t x[32];     /* x[0] unused, x[2] = interrupted sp */
    uint64_t mepc;
    uint64_t pad;
};
_Static_assert(sizeof(struct trap_frame) == 34 * 8, "frame layout");

/* provided by start.S */
extern void trap_vector(void);
extern void enter_user(void (*fn)(void), void *user_sp);
extern void user_return(void);

void trap_handler(struct trap_frame *f);
void demo_exit(int code) __attribute__((noreturn));
int main(void);

static uint8_t trap_stack[8192] __attribute__((aligned(16)));
static uint8_t user_stack[4096] __attribute__((aligned(16)));

static unsigned int exc_count[16];
static unsigned int irq_count[16];
static unsigned int trap_seq;
static volatile unsigned int timer_ticks;
static volatile unsigned int soft_irqs;

/* ---- MMIO --------------------------------------------------------------- */
static inline void mmio_write8(uintptr_t addr, uint8_t v)
{
    *(volatile uint8_t *)addr = v;
}

static inline uint8_t mmio_read8(uintptr_t addr)
{
    return *(volatile uint8_t *)addr;
}

static inline void mmio_write32(uintptr_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}

static inline void mmio_write64(uintptr_t addr, uint64_t v)
{
    *(volatile uint64_t *)addr = v;
}

static inline uint64_t mmio_read64(uintptr_t addr)
{
    return *(volatile uint64_t *)addr;
}

/* ---- picolibc stdout on the UART ---------------------------------------- */
static void uart_putc_raw(char c)
{
    while ((mmio_read8(UART_BASE + UART_LSR) & UART_LSR_THRE) == 0) {
        /* wait for room in the transmitter */
    }
    mmio_write8(UART_BASE + UART_THR, (uint8_t)c);
}

static int uart_put(char c, FILE *file)
{
    (void)file;
    if (c == '\n') {
        uart_putc_raw('\r');    /* -nographic puts the terminal in raw mode */
    }
    uart_putc_raw(c);
    return (unsigned char)c;
}

/* picolibc's tinystdio takes stdout/stderr from the application */
static FILE uart_file =
    FDEV_SETUP_STREAM(uart_put, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdout = &uart_file;
FILE *const stderr = &uart_file;

/* ---- helpers ------------------------------------------------------------ */
void demo_exit(int code)
{
    uint32_t v = FINISHER_PASS;

    if (code != 0) {
        v = ((uint32_t)code << 16) | FINISHER_FAIL;
    }
    mmio_write32(TEST_FINISHER, v);
    for (;;) {
        __asm__ volatile("wfi");
    }
}

/* length of the instruction at pc: 2 (compressed) or 4 bytes */
static unsigned int insn_len(uint64_t pc)
{
    uint16_t low = *(const volatile uint16_t *)(uintptr_t)pc;

    return (low & 3) == 3 ? 4 : 2;
}

static long do_ecall(long nr, long a0, long a1)
{
    register long r_a0 __asm__("a0") = a0;
    register long r_a1 __asm__("a1") = a1;
    register long r_a7 __asm__("a7") = nr;

    __asm__ volatile("ecall" : "+r"(r_a0) : "r"(r_a1), "r"(r_a7) : "memory");
    return r_a0;
}

/*
 * Wait until an interrupt enabled in mie is pending, then take it at a
 * fixed point. wfi wakes up on mip & mie even while mstatus.MIE = 0, so
 * the interrupt stays pending until MIE is opened for exactly one
 * instruction: it is always taken with mepc at the csrci below, however
 * long the wait was.
 */
static void __attribute__((noinline)) take_interrupt(uint64_t mip_bit)
{
    uint64_t pending;

    for (;;) {
        CSR_READ(mip, pending);
        if (pending & mip_bit) {
            break;
        }
        __asm__ volatile("wfi");
    }
    __asm__ volatile("csrsi mstatus, 8\n\t"     /* MIE = 1 */
                     "csrci mstatus, 8"         /* interrupt taken here */
                     : : : "memory");
}

static const char *exc_name(unsigned int code)
{
    static const char *const names[16] = {
        "instruction address misaligned", "instruction access fault",
        "illegal instruction", "breakpoint", "load address misaligned",
        "load access fault", "store address misaligned",
        "store access fault", "environment call from U-mode",
        "environment call from S-mode", "reserved",
        "environment call from M-mode", "instruction page fault",
        "load page fault", "reserved", "store page fault",
    };

    return code < 16 ? names[code] : "unknown";
}

static const char *irq_name(unsigned int code)
{
    switch (code) {
    case 1:
        return "supervisor software";
    case 3:
        return "machine software";
    case 5:
        return "supervisor timer";
    case 7:
        return "machine timer";
    case 9:
        return "supervisor external";
    case 11:
        return "machine external";
    default:
        return "unknown";
    }
}

/* ---- trap handler (called from trap_vector) ----------------------------- */
static void handle_interrupt(unsigned int code, struct trap_frame *f)
{
    printf("    trap #%u: interrupt %u (%s), mepc=0x%lx\n", trap_seq, code,
           irq_name(code), (unsigned long)f->mepc);
    switch (code) {
    case IRQ_M_TIMER:
        /*
         * One-shot: disarming clears mip.MTIP before the mret, so the
         * interrupt can never be taken twice, however late the handler
         * ran. main() arms the next tick.
         */
        mmio_write64(CLINT_MTIMECMP(0), UINT64_MAX);
        timer_ticks++;
        break;
    case IRQ_M_SOFT:
        mmio_write32(CLINT_MSIP(0), 0);
        soft_irqs++;
        break;
    default:
        printf("    unexpected interrupt, giving up\n");
        demo_exit(2);
    }
}

static void handle_exception(unsigned int code, struct trap_frame *f)
{
    uint64_t mtval;

    CSR_READ(mtval, mtval);
    printf("    trap #%u: exception %u (%s), mepc=0x%lx\n", trap_seq, code,
           exc_name(code), (unsigned long)f->mepc);
    switch (code) {
    case EXC_ILLEGAL:
        printf("    mtval=0x%lx (the instruction), skipping %u bytes\n",
               (unsigned long)mtval, insn_len(f->mepc));
        f->mepc += insn_len(f->mepc);
        break;
    case EXC_BREAKPOINT:
        printf("    skipping the %u-byte ebreak\n", insn_len(f->mepc));
        f->mepc += insn_len(f->mepc);
        break;
    case EXC_ECALL_M:
    case EXC_ECALL_U:
        f->mepc += 4;   /* ecall has no compressed form */
        switch (f->x[17]) {
        case SYS_ADD:
            printf("    syscall add(%lu, %lu)\n", (unsigned long)f->x[10],
                   (unsigned long)f->x[11]);
            f->x[10] += f->x[11];
            break;
        case SYS_PUTS:
            printf("    syscall puts: \"%s\"\n",
                   (const char *)(uintptr_t)f->x[10]);
            break;
        case SYS_EXIT:
            if (code != EXC_ECALL_U) {
                printf("    syscall exit is only for U-mode\n");
                demo_exit(3);
            }
            printf("    syscall exit: mret back to M-mode\n");
            /* mret to user_return in M-mode, interrupts still off */
            f->mepc = (uintptr_t)user_return;
            CSR_CLEAR(mstatus, MSTATUS_MPIE);
            CSR_SET(mstatus, MSTATUS_MPP);
            break;
        default:
            printf("    unknown syscall %lu\n", (unsigned long)f->x[17]);
            demo_exit(4);
        }
        break;
    default:
        printf("    unexpected exception, giving up\n");
        demo_exit(5);
    }
}

void trap_handler(struct trap_frame *f)
{
    uint64_t mcause;
    unsigned int code;

    CSR_READ(mcause, mcause);
    code = (unsigned int)(mcause & ~MCAUSE_INT);
    trap_seq++;
    if (code >= 16) {
        printf("    trap #%u: mcause=0x%lx out of range\n", trap_seq,
               (unsigned long)mcause);
        demo_exit(6);
    }
    if (mcause & MCAUSE_INT) {
        irq_count[code]++;
        handle_interrupt(code, f);
    } else {
        exc_count[code]++;
        handle_exception(code, f);
    }
}

/* ---- U-mode code -------------------------------------------------------- */
static void user_main(void)
{
    do_ecall(SYS_PUTS, (long)(uintptr_t)"hello from U-mode", 0);
    /* mstatus is an M-mode CSR: reading it from U-mode is illegal */
    __asm__ volatile("csrr t0, mstatus" : : : "t0");
    do_ecall(SYS_PUTS, (long)(uintptr_t)"still running after the CSR read", 0);
    do_ecall(SYS_EXIT, 0, 0);
    for (;;) {
        /* not reached */
    }
}

/* ---- the story ---------------------------------------------------------- */
static void print_summary(void)
{
    unsigned int code;
    unsigned int total = 0;

    printf("  %-10s %5s  %-30s %5s\n", "type", "cause", "name", "count");
    printf("  %-10s %5s  %-30s %5s\n", "----------", "-----",
           "------------------------------", "-----");
    for (code = 0; code < 16; code++) {
        if (exc_count[code] != 0) {
            printf("  %-10s %5u  %-30s %5u\n", "exception", code,
                   exc_name(code), exc_count[code]);
            total += exc_count[code];
        }
    }
    for (code = 0; code < 16; code++) {
        if (irq_count[code] != 0) {
            printf("  %-10s %5u  %-30s %5u\n", "interrupt", code,
                   irq_name(code), irq_count[code]);
            total += irq_count[code];
        }
    }
    printf("  %-10s %5s  %-30s %5u\n", "total", "", "", total);
}

int main(void)
{
    uint64_t v;
    long sum;
    unsigned int tick;

    printf("\nfirmscope demo: traps and interrupts on an RV64 virt board\n");
    CSR_READ(mhartid, v);
    printf("hart %lu, running in M-mode\n", (unsigned long)v);

    printf("\n[1] install the M-mode trap handler (direct mode)\n");
    CSR_WRITE(mscratch, (uintptr_t)(trap_stack + sizeof(trap_stack)));
    CSR_WRITE(mtvec, (uintptr_t)trap_vector);
    CSR_READ(mtvec, v);
    printf("    mtvec=0x%lx\n", (unsigned long)v);

    printf("\n[2] ecall from M-mode: add(40, 2)\n");
    sum = do_ecall(SYS_ADD, 40, 2);
    printf("    ecall returned %ld\n", sum);

    printf("\n[3] execute an illegal instruction\n");
    /* UNIMP: csrrw x0, cycle, x0 writes a read-only CSR */
    __asm__ volatile(".4byte 0xc0001073");
    printf("    continued after the illegal instruction\n");

    printf("\n[4] ebreak\n");
    __asm__ volatile("ebreak");
    printf("    continued after the ebreak\n");

    printf("\n[5] drop to U-mode with mret\n");
    /* one PMP region over the whole address space lets U-mode run */
    CSR_WRITE(pmpaddr0, ~0UL);
    CSR_WRITE(pmpcfg0, PMP_NAPOT | PMP_R | PMP_W | PMP_X);
    enter_user(user_main, user_stack + sizeof(user_stack));
    printf("    back in M-mode\n");

    printf("\n[6] %u one-shot machine timer interrupts, %lu us each\n",
           TIMER_TICKS, TIMER_PERIOD / (TIMEBASE_HZ / 1000000));
    mmio_write64(CLINT_MTIMECMP(0), UINT64_MAX);
    CSR_WRITE(mie, MIP_MTIP);
    for (tick = 1; tick <= TIMER_TICKS; tick++) {
        uint64_t now = mmio_read64(CLINT_MTIME);

        mmio_write64(CLINT_MTIMECMP(0), now + TIMER_PERIOD);
        take_interrupt(MIP_MTIP);
        printf("    tick %u/%u\n", timer_ticks, TIMER_TICKS);
    }

    printf("\n[7] machine software interrupt through msip\n");
    CSR_WRITE(mie, MIP_MSIP);   /* timer interrupts off again */
    mmio_write32(CLINT_MSIP(0), 1);
    take_interrupt(MIP_MSIP);
    CSR_WRITE(mie, 0);
    printf("    software interrupts taken: %u\n", soft_irqs);

    printf("\n[8] traps taken, by cause\n");
    print_summary();

    printf("\nall done, powering off through the sifive_test finisher\n");
    return 0;
}
