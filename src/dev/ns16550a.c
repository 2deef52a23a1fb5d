/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * NS16550A UART (PC16550D datasheet, section 8 "Registers"; interrupt
 * priorities from its interrupt control table), with QEMU's reset values
 * and quirks.
 */
#include "ns16550a.h"

#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>

#include "log.h"

/* Register offsets (PC16550D register summary); LCR.DLAB selects DLL/DLM. */
typedef enum Ns16550aReg {
    UART_RBR = 0, /* read, DLAB = 0 */
    UART_THR = 0, /* write, DLAB = 0 */
    UART_DLL = 0, /* DLAB = 1 */
    UART_IER = 1, /* DLAB = 0 */
    UART_DLM = 1, /* DLAB = 1 */
    UART_IIR = 2, /* read */
    UART_FCR = 2, /* write */
    UART_LCR = 3,
    UART_MCR = 4,
    UART_LSR = 5,
    UART_MSR = 6,
    UART_SCR = 7,
} Ns16550aReg;

/* IER: interrupt enable */
#define UART_IER_ERBFI (1u << 0) /* received data available */
#define UART_IER_ETBEI (1u << 1) /* THR empty */
#define UART_IER_ELSI (1u << 2)  /* receiver line status */
#define UART_IER_EDSSI (1u << 3) /* modem status */
#define UART_IER_WRITABLE 0x0fu

/* IIR: bit 0 clear when an interrupt is pending, its ID in bits 3:1 */
#define UART_IIR_NONE 0x01u
#define UART_IIR_RLS 0x06u
#define UART_IIR_RDA 0x04u
#define UART_IIR_CTI 0x0cu
#define UART_IIR_THRE 0x02u
#define UART_IIR_MS 0x00u
#define UART_IIR_ID_MASK 0x0eu
#define UART_IIR_FIFOS_SHIFT 6
#define UART_IIR_FIFOS_MASK 0xc0u /* both set when FCR.FIFO_EN */

/* FCR: FIFO control */
#define UART_FCR_FIFO_EN (1u << 0)
#define UART_FCR_RX_RESET (1u << 1)
#define UART_FCR_TX_RESET (1u << 2)
#define UART_FCR_DMA_MODE (1u << 3)
#define UART_FCR_RTL_SHIFT 6 /* receiver trigger level: 1, 4, 8, 14 */
#define UART_FCR_RTL_MASK 0xc0u
#define UART_FCR_STICKY \
    (UART_FCR_FIFO_EN | UART_FCR_DMA_MODE | UART_FCR_RTL_MASK)

/* LCR: line control */
#define UART_LCR_DLAB (1u << 7)

/* MCR: modem control */
#define UART_MCR_DTR (1u << 0)
#define UART_MCR_RTS (1u << 1)
#define UART_MCR_OUT1 (1u << 2)
#define UART_MCR_OUT2 (1u << 3)
#define UART_MCR_LOOP (1u << 4)
#define UART_MCR_WRITABLE 0x1fu

/* LSR: line status */
#define UART_LSR_DR (1u << 0)
#define UART_LSR_OE (1u << 1)
#define UART_LSR_PE (1u << 2)
#define UART_LSR_FE (1u << 3)
#define UART_LSR_BI (1u << 4)
#define UART_LSR_THRE (1u << 5)
#define UART_LSR_TEMT (1u << 6)
#define UART_LSR_ERRORS (UART_LSR_OE | UART_LSR_PE | UART_LSR_FE | UART_LSR_BI)

/* MSR: deltas in bits 3:0, line states in bits 7:4 */
#define UART_MSR_DCTS (1u << 0)
#define UART_MSR_DDSR (1u << 1)
#define UART_MSR_TERI (1u << 2)
#define UART_MSR_DDCD (1u << 3)
#define UART_MSR_CTS (1u << 4)
#define UART_MSR_DSR (1u << 5)
#define UART_MSR_RI (1u << 6)
#define UART_MSR_DCD (1u << 7)
#define UART_MSR_DELTA_MASK 0x0fu
#define UART_MSR_LINES_SHIFT 4
#define UART_MSR_LINES_MASK 0xf0u

#define UART_FIFO_SIZE 16
#define UART_RESET_DIVISOR 0x000c /* QEMU's reset value: 9600 baud */

/*
 * Input is polled from the backend every UART_RX_POLL_NS of virtual time
 * while receive interrupts are enabled (about one character time at
 * 115200 baud). A poll period with data in the FIFO and no character in or
 * out raises the character timeout interrupt (datasheet: four character
 * times).
 */
#define UART_RX_POLL_NS 100000u

struct Ns16550a {
    Chardev *chr;
    IrqLine irq;
    VClock *vc;
    Timer rx_timer;
    uint8_t ier;
    uint8_t fcr;     /* the FCR bits that stick: UART_FCR_STICKY */
    uint8_t lcr;
    uint8_t mcr;
    uint8_t msr;
    uint8_t scr;
    uint16_t divisor;
    uint8_t rx_fifo[UART_FIFO_SIZE]; /* holds 1 byte (RBR) with FIFOs off */
    unsigned rx_head;
    unsigned rx_count;
    bool overrun;          /* LSR.OE */
    bool thr_ipending;     /* THRE interrupt, cleared by IIR read/THR write */
    bool timeout_ipending; /* character timeout interrupt */
    bool rx_activity;      /* a character went in or out this poll period */
    bool irq_level;
};

static const unsigned uart_trigger_levels[4] = { 1, 4, 8, 14 };

static bool uart_fifo_enabled(const Ns16550a *s)
{
    return (s->fcr & UART_FCR_FIFO_EN) != 0;
}

static bool uart_loopback(const Ns16550a *s)
{
    return (s->mcr & UART_MCR_LOOP) != 0;
}

static uint8_t uart_lsr(Ns16550a *s)
{
    /* Transmission is instantaneous: THR and the shifter are always empty. */
    uint8_t lsr = UART_LSR_THRE | UART_LSR_TEMT;

    /*
     * Host input counts as received without being taken yet: a polling
     * guest gets it from RBR, and a FIFO reset in the guest's driver
     * init cannot throw away what the user typed ahead.
     */
    if (s->rx_count || (!uart_loopback(s) && chardev_can_read(s->chr))) {
        lsr |= UART_LSR_DR;
    }
    if (s->overrun) {
        lsr |= UART_LSR_OE;
    }
    return lsr;
}

/* The highest-priority pending interrupt, as an IIR ID. */
static uint8_t uart_pending_iir(const Ns16550a *s)
{
    unsigned itl = uart_trigger_levels[(s->fcr & UART_FCR_RTL_MASK) >>
                                       UART_FCR_RTL_SHIFT];

    /* overrun is the only line status error this model raises */
    if ((s->ier & UART_IER_ELSI) && s->overrun) {
        return UART_IIR_RLS;
    }
    /* ERBFI also masks the timeout, as on real parts (and in QEMU). */
    if ((s->ier & UART_IER_ERBFI) && s->timeout_ipending) {
        return UART_IIR_CTI;
    }
    if ((s->ier & UART_IER_ERBFI) && s->rx_count &&
        (!uart_fifo_enabled(s) || s->rx_count >= itl)) {
        return UART_IIR_RDA;
    }
    if ((s->ier & UART_IER_ETBEI) && s->thr_ipending) {
        return UART_IIR_THRE;
    }
    if ((s->ier & UART_IER_EDSSI) && (s->msr & UART_MSR_DELTA_MASK)) {
        return UART_IIR_MS;
    }
    return UART_IIR_NONE;
}

static void uart_update_irq(Ns16550a *s)
{
    bool level = uart_pending_iir(s) != UART_IIR_NONE;

    if (level != s->irq_level) {
        s->irq_level = level;
        irq_set(&s->irq, level);
    }
}

static void uart_rx_clear(Ns16550a *s)
{
    s->rx_head = 0;
    s->rx_count = 0;
    s->timeout_ipending = false;
}

/* A character arriving at the receiver (from outside or looped back). */
static void uart_rx_push(Ns16550a *s, uint8_t c)
{
    if (!uart_fifo_enabled(s)) {
        /* 16450 mode: the new character overwrites RBR. */
        if (s->rx_count) {
            s->overrun = true;
        }
        s->rx_fifo[0] = c;
        s->rx_head = 0;
        s->rx_count = 1;
    } else if (s->rx_count == UART_FIFO_SIZE) {
        /* A full FIFO keeps its contents; the shifter's byte is lost. */
        s->overrun = true;
    } else {
        s->rx_fifo[(s->rx_head + s->rx_count) % UART_FIFO_SIZE] = c;
        s->rx_count++;
    }
    s->rx_activity = true;
}

/* Take what the backend has, as far as there is room (no overruns). */
static void uart_rx_poll_max(Ns16550a *s, unsigned max)
{
    unsigned room = uart_fifo_enabled(s) ? UART_FIFO_SIZE : 1;

    if (room > max) {
        room = max;
    }
    if (uart_loopback(s)) {
        return; /* loopback: the receiver hears only the transmitter */
    }
    while (s->rx_count < room && chardev_can_read(s->chr)) {
        uart_rx_push(s, (uint8_t)chardev_read(s->chr));
    }
}

static void uart_rx_poll(Ns16550a *s)
{
    uart_rx_poll_max(s, UART_FIFO_SIZE);
}

static void uart_rx_timer_arm(Ns16550a *s)
{
    if (s->ier & UART_IER_ERBFI) {
        timer_mod(s->vc, &s->rx_timer, vclock_now_ns(s->vc) + UART_RX_POLL_NS);
    } else {
        timer_del(s->vc, &s->rx_timer);
    }
}

static void uart_rx_timer_cb(void *opaque)
{
    Ns16550a *s = opaque;

    uart_rx_poll(s);
    if (!s->rx_activity && uart_fifo_enabled(s) && s->rx_count) {
        s->timeout_ipending = true;
    }
    s->rx_activity = false;
    uart_update_irq(s);
    uart_rx_timer_arm(s);
}

/* The modem input lines: wired to the MCR outputs in loopback. */
static void uart_update_msr(Ns16550a *s)
{
    uint8_t lines;
    uint8_t old = s->msr & UART_MSR_LINES_MASK;
    uint8_t changed;

    if (uart_loopback(s)) {
        lines = 0;
        lines |= (s->mcr & UART_MCR_RTS) ? UART_MSR_CTS : 0;
        lines |= (s->mcr & UART_MCR_DTR) ? UART_MSR_DSR : 0;
        lines |= (s->mcr & UART_MCR_OUT1) ? UART_MSR_RI : 0;
        lines |= (s->mcr & UART_MCR_OUT2) ? UART_MSR_DCD : 0;
    } else {
        /* A stdio or buffer backend: carrier, data set ready, clear to send. */
        lines = UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS;
    }
    changed = (uint8_t)((old ^ lines) >> UART_MSR_LINES_SHIFT);
    /* TERI flags only the trailing edge of RI. */
    if ((lines & UART_MSR_RI) || !(old & UART_MSR_RI)) {
        changed &= (uint8_t)~UART_MSR_TERI;
    }
    s->msr = (uint8_t)(lines | (s->msr & UART_MSR_DELTA_MASK) | changed);
}

static void uart_transmit(Ns16550a *s, uint8_t c)
{
    /* Writing THR clears THRE and its interrupt until the byte is sent. */
    s->thr_ipending = false;
    uart_update_irq(s);
    if (uart_loopback(s)) {
        uart_rx_push(s, c);
    } else {
        chardev_write(s->chr, &c, 1);
    }
    s->thr_ipending = true;
    uart_update_irq(s);
}

static void uart_write_fcr(Ns16550a *s, uint8_t val)
{
    if ((val ^ s->fcr) & UART_FCR_FIFO_EN) {
        /* Changing FIFO_EN clears both FIFOs (FCR bit 0). */
        val |= UART_FCR_RX_RESET | UART_FCR_TX_RESET;
    } else if (!(val & UART_FCR_FIFO_EN)) {
        return; /* the other bits are written only with FIFO_EN set */
    }
    if (val & UART_FCR_RX_RESET) {
        uart_rx_clear(s);
    }
    /* TX_RESET has nothing to do: the transmit FIFO is always empty. */
    s->fcr = (val & UART_FCR_FIFO_EN) ? (val & UART_FCR_STICKY) : 0;
}

static uint64_t ns16550a_read(void *opaque, uint64_t offset, unsigned size)
{
    Ns16550a *s = opaque;
    uint8_t ret = 0;
    uint8_t iir;

    (void)size;
    switch (offset) {
    case UART_RBR:
        if (s->lcr & UART_LCR_DLAB) {
            ret = (uint8_t)s->divisor;
            break;
        }
        /* a polling guest takes host input one byte per read */
        if (!s->rx_count) {
            uart_rx_poll_max(s, 1);
        }
        if (s->rx_count) {
            ret = s->rx_fifo[s->rx_head];
            s->rx_head = (s->rx_head + 1) % UART_FIFO_SIZE;
            s->rx_count--;
            s->rx_activity = true;
        }
        s->timeout_ipending = false;
        /* interrupt-driven reception keeps the FIFO fed */
        if (s->ier & UART_IER_ERBFI) {
            uart_rx_poll(s);
        }
        uart_update_irq(s);
        break;
    case UART_IER:
        ret = (s->lcr & UART_LCR_DLAB) ? (uint8_t)(s->divisor >> 8) : s->ier;
        break;
    case UART_IIR:
        iir = uart_pending_iir(s);
        ret = iir;
        if (uart_fifo_enabled(s)) {
            ret |= UART_IIR_FIFOS_MASK;
        }
        /* Reading IIR while it reports THRE clears that interrupt. */
        if (iir == UART_IIR_THRE) {
            s->thr_ipending = false;
            uart_update_irq(s);
        }
        break;
    case UART_LCR:
        ret = s->lcr;
        break;
    case UART_MCR:
        ret = s->mcr;
        break;
    case UART_LSR:
        ret = uart_lsr(s);
        /* LSR bits 1-4 clear when LSR is read. */
        s->overrun = false;
        uart_update_irq(s);
        break;
    case UART_MSR:
        ret = s->msr;
        s->msr &= UART_MSR_LINES_MASK;
        uart_update_irq(s);
        break;
    case UART_SCR:
        ret = s->scr;
        break;
    default:
        if (log_enabled(LOG_GUEST_ERROR)) {
            log_printf("ns16550a: read from reserved offset 0x%08" PRIx64
                       "\n", offset);
        }
        break;
    }
    return ret;
}

static void ns16550a_write(void *opaque, uint64_t offset, uint64_t value,
                           unsigned size)
{
    Ns16550a *s = opaque;
    uint8_t val = (uint8_t)value;
    uint8_t changed;

    (void)size;
    switch (offset) {
    case UART_THR:
        if (s->lcr & UART_LCR_DLAB) {
            s->divisor = (uint16_t)((s->divisor & 0xff00u) | val);
        } else {
            uart_transmit(s, val);
        }
        break;
    case UART_IER:
        if (s->lcr & UART_LCR_DLAB) {
            s->divisor = (uint16_t)((s->divisor & 0x00ffu) | (val << 8));
            break;
        }
        changed = (s->ier ^ val) & UART_IER_WRITABLE;
        s->ier = val & UART_IER_WRITABLE;
        /*
         * Enabling ETBEI while THR is empty raises THRE even if an IIR read
         * had cleared it (not in the datasheet; QEMU and Windows rely on it).
         */
        if (changed & UART_IER_ETBEI) {
            s->thr_ipending = (s->ier & UART_IER_ETBEI) != 0;
        }
        if (s->ier & UART_IER_ERBFI) {
            uart_rx_poll(s);
        }
        uart_rx_timer_arm(s);
        uart_update_irq(s);
        break;
    case UART_FCR:
        uart_write_fcr(s, val);
        uart_update_irq(s);
        break;
    case UART_LCR:
        s->lcr = val;
        break;
    case UART_MCR:
        s->mcr = val & UART_MCR_WRITABLE;
        uart_update_msr(s);
        /* a polling guest takes host input from RBR, one byte at a time */
        if (s->ier & UART_IER_ERBFI) {
            uart_rx_poll(s);
        }
        uart_update_irq(s);
        break;
    case UART_LSR:
    case UART_MSR:
        /* Read-only here (LSR writes are a factory test mode). */
        if (log_enabled(LOG_GUEST_ERROR)) {
            log_printf("ns16550a: write 0x%02x to read-only offset 0x%08"
                       PRIx64 " ignored\n", val, offset);
        }
        break;
    case UART_SCR:
        s->scr = val;
        break;
    default:
        if (log_enabled(LOG_GUEST_ERROR)) {
            log_printf("ns16550a: write to reserved offset 0x%08" PRIx64
                       " ignored\n", offset);
        }
        break;
    }
}

/* QEMU 7.2 serial_mm_ops: .valid.max_access_size 8, .impl 1..8. */
const DevOps ns16550a_ops = {
    .name = "ns16550a",
    .read = ns16550a_read,
    .write = ns16550a_write,
    .min_size = 1,
    .max_size = 8,
    .valid_min = 1,
    .valid_max = 8,
};

void ns16550a_reset(Ns16550a *s)
{
    timer_del(s->vc, &s->rx_timer);
    s->ier = 0;
    s->fcr = 0;
    s->lcr = 0;
    s->mcr = UART_MCR_OUT2; /* QEMU's reset value, for PC compatibility */
    s->scr = 0;
    s->divisor = UART_RESET_DIVISOR;
    s->msr = 0;
    uart_update_msr(s);
    s->msr &= UART_MSR_LINES_MASK;
    uart_rx_clear(s);
    s->overrun = false;
    s->thr_ipending = false;
    s->rx_activity = false;
    s->irq_level = false;
    irq_set(&s->irq, false);
}

Ns16550a *ns16550a_new(Chardev *chr, IrqLine irq, VClock *vc)
{
    Ns16550a *s = calloc(1, sizeof(*s));

    assert(chr && vc);
    if (!s) {
        return NULL;
    }
    s->chr = chr;
    s->irq = irq;
    s->vc = vc;
    timer_init(&s->rx_timer, uart_rx_timer_cb, s);
    ns16550a_reset(s);
    return s;
}

void ns16550a_free(Ns16550a *s)
{
    if (!s) {
        return;
    }
    timer_del(s->vc, &s->rx_timer);
    free(s);
}
