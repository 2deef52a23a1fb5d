/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the NS16550A UART: every register, the divisor latch,
 * FIFOs, loopback, modem status and each interrupt source (PC16550D).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bus.h"
#include "chardev.h"
#include "dev/ns16550a.h"
#include "log.h"
#include "test.h"
#include "vclock.h"

enum {
    RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2,
    LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7,
};

typedef struct Rig {
    uint64_t icount;
    VClock vc;
    Chardev *chr;
    Ns16550a *s;
    bool level;
    unsigned raises;
    unsigned lowers;
} Rig;

static void record(void *opaque, unsigned n, bool level)
{
    Rig *r = opaque;

    (void)n;
    if (level && !r->level) {
        r->raises++;
    }
    if (!level && r->level) {
        r->lowers++;
    }
    r->level = level;
}

static void rig_init(Rig *r, const char *input, size_t len)
{
    memset(r, 0, sizeof(*r));
    vclock_init(&r->vc, &r->icount, 0);
    r->chr = chardev_new_buffer(input, len);
    r->s = ns16550a_new(r->chr, irq_line(record, r, 0), &r->vc);
}

static void rig_free(Rig *r)
{
    ns16550a_free(r->s);
    chardev_free(r->chr);
}

static uint64_t rd(Rig *r, uint64_t off)
{
    return ns16550a_ops.read(r->s, off, 1);
}

static void wr(Rig *r, uint64_t off, uint64_t val)
{
    ns16550a_ops.write(r->s, off, val, 1);
}

static const char *output(Rig *r)
{
    return chardev_buffer_output(r->chr, NULL);
}

static void run_to(Rig *r, uint64_t icount)
{
    r->icount = icount;
    if (r->icount >= r->vc.deadline_icount) {
        vclock_run_timers(&r->vc);
    }
}

static void test_reset_values(void)
{
    Rig r;

    rig_init(&r, "", 0);
    CHECK_EQ_HEX(rd(&r, IER), 0x00);
    CHECK_EQ_HEX(rd(&r, IIR), 0x01); /* no interrupt pending */
    CHECK_EQ_HEX(rd(&r, LCR), 0x00);
    CHECK_EQ_HEX(rd(&r, MCR), 0x08); /* QEMU sets OUT2 */
    CHECK_EQ_HEX(rd(&r, LSR), 0x60); /* THRE | TEMT */
    CHECK_EQ_HEX(rd(&r, MSR), 0xb0); /* DCD | DSR | CTS */
    CHECK_EQ_HEX(rd(&r, SCR), 0x00);
    CHECK(!r.level);
    wr(&r, LCR, 0x80);
    CHECK_EQ_HEX(rd(&r, DLL), 0x0c); /* QEMU: 9600 baud */
    CHECK_EQ_HEX(rd(&r, DLM), 0x00);
    rig_free(&r);
}

static void test_divisor_latch(void)
{
    Rig r;

    rig_init(&r, "", 0);
    wr(&r, LCR, 0x83); /* DLAB, 8N1 */
    CHECK_EQ_HEX(rd(&r, LCR), 0x83);
    wr(&r, DLL, 0x01);
    wr(&r, DLM, 0x02);
    CHECK_EQ_HEX(rd(&r, DLL), 0x01);
    CHECK_EQ_HEX(rd(&r, DLM), 0x02);
    /* With DLAB set, offsets 0 and 1 do not reach THR and IER. */
    CHECK_EQ_HEX(strlen(output(&r)), 0);
    wr(&r, LCR, 0x03);
    CHECK_EQ_HEX(rd(&r, IER), 0x00);
    CHECK(!r.level);
    wr(&r, IER, 0x05);
    wr(&r, THR, 'k');
    CHECK_STR(output(&r), "k");
    wr(&r, LCR, 0x83);
    CHECK_EQ_HEX(rd(&r, DLL), 0x01);
    CHECK_EQ_HEX(rd(&r, DLM), 0x02);
    wr(&r, LCR, 0x03);
    CHECK_EQ_HEX(rd(&r, IER), 0x05);
    rig_free(&r);
}

static void test_transmit(void)
{
    Rig r;
    size_t len = 0;

    rig_init(&r, "", 0);
    wr(&r, THR, 'h');
    wr(&r, THR, 'i');
    wr(&r, THR, 0x00); /* binary-safe */
    wr(&r, THR, 0xff);
    chardev_buffer_output(r.chr, &len);
    CHECK_EQ_HEX(len, 4);
    CHECK(memcmp(output(&r), "hi\0\xff", 4) == 0);
    CHECK_EQ_HEX(rd(&r, LSR), 0x60);
    CHECK(!r.level); /* ETBEI off: no interrupt */
    rig_free(&r);
}

static void test_thre_interrupt(void)
{
    Rig r;

    rig_init(&r, "", 0);
    wr(&r, IER, 0x02);
    CHECK(r.level);
    CHECK_EQ_HEX(rd(&r, IIR), 0x02);
    /* Reading IIR while it reports THRE clears that interrupt. */
    CHECK(!r.level);
    CHECK_EQ_HEX(rd(&r, IIR), 0x01);
    /* Writing THR re-arms it once the byte has gone. */
    wr(&r, THR, 'a');
    CHECK(r.level);
    CHECK_EQ_HEX(r.raises, 2);
    /* While pending, a THR write drops the line then raises it again. */
    wr(&r, THR, 'b');
    CHECK(r.level);
    CHECK_EQ_HEX(r.lowers, 2);
    CHECK_EQ_HEX(r.raises, 3);
    CHECK_EQ_HEX(rd(&r, IIR), 0x02);
    CHECK(!r.level);
    wr(&r, THR, 'c');
    CHECK(r.level);
    wr(&r, IER, 0x00);
    CHECK(!r.level);
    CHECK_EQ_HEX(rd(&r, IIR), 0x01);
    /* Re-enabling ETBEI with THR empty raises it again. */
    wr(&r, IER, 0x02);
    CHECK(r.level);
    CHECK_STR(output(&r), "abc");
    rig_free(&r);
}

static void test_ier_mask(void)
{
    Rig r;

    rig_init(&r, "", 0);
    wr(&r, IER, 0xf0);
    CHECK_EQ_HEX(rd(&r, IER), 0x00);
    wr(&r, IER, 0xff);
    CHECK_EQ_HEX(rd(&r, IER), 0x0f);
    rig_free(&r);
}

static void test_receive_polled(void)
{
    Rig r;

    rig_init(&r, "xy", 2);
    /* No interrupts: the guest polls LSR, which pulls from the backend. */
    CHECK_EQ_HEX(rd(&r, LSR), 0x61);
    CHECK(!r.level);
    CHECK_EQ_HEX(rd(&r, RBR), 'x');
    CHECK_EQ_HEX(rd(&r, LSR), 0x61);
    CHECK_EQ_HEX(rd(&r, RBR), 'y');
    CHECK_EQ_HEX(rd(&r, LSR), 0x60);
    CHECK_EQ_HEX(rd(&r, RBR), 0); /* empty */
    CHECK_EQ_HEX(rd(&r, LSR), 0x60);
    rig_free(&r);
}

static void test_rx_data_interrupt(void)
{
    Rig r;

    rig_init(&r, "ABC", 3);
    wr(&r, IER, 0x01);
    CHECK(r.level);
    CHECK_EQ_HEX(rd(&r, IIR), 0x04);
    CHECK_EQ_HEX(rd(&r, RBR), 'A');
    CHECK(r.level); /* B arrives next */
    /* RX data outranks THRE. */
    wr(&r, IER, 0x03);
    CHECK_EQ_HEX(rd(&r, IIR), 0x04);
    CHECK_EQ_HEX(rd(&r, RBR), 'B');
    CHECK_EQ_HEX(rd(&r, RBR), 'C');
    CHECK_EQ_HEX(rd(&r, IIR), 0x02);
    CHECK(!r.level);
    CHECK_EQ_HEX(rd(&r, IIR), 0x01);
    rig_free(&r);
}

static void test_rx_poll_timer(void)
{
    Rig r;

    rig_init(&r, "", 0);
    CHECK_EQ_HEX(r.vc.deadline_icount, VCLOCK_NEVER);
    r.icount = 5;
    wr(&r, IER, 0x01);
    CHECK_EQ_HEX(r.vc.deadline_icount, 5 + 100000);
    run_to(&r, 5 + 100000);
    CHECK_EQ_HEX(r.vc.deadline_icount, 5 + 200000); /* periodic */
    wr(&r, IER, 0x02);
    CHECK_EQ_HEX(r.vc.deadline_icount, VCLOCK_NEVER);
    rig_free(&r);
}

static void test_fifo_trigger_and_timeout(void)
{
    Rig r;

    rig_init(&r, "ab", 2);
    wr(&r, FCR, 0x41); /* FIFOs on, trigger level 4 */
    CHECK_EQ_HEX(rd(&r, IIR), 0xc1);
    wr(&r, IER, 0x01); /* pulls "ab": below the trigger level */
    CHECK(!r.level);
    CHECK_EQ_HEX(rd(&r, IIR), 0xc1);
    /* First poll period saw the bytes arrive; the second was idle. */
    run_to(&r, 100000);
    CHECK(!r.level);
    run_to(&r, 199999);
    CHECK(!r.level);
    run_to(&r, 200000);
    CHECK(r.level);
    CHECK_EQ_HEX(rd(&r, IIR), 0xcc); /* character timeout */
    CHECK_EQ_HEX(rd(&r, RBR), 'a');
    CHECK(!r.level);
    CHECK_EQ_HEX(rd(&r, LSR), 0x61);
    CHECK_EQ_HEX(rd(&r, RBR), 'b');
    CHECK_EQ_HEX(rd(&r, LSR), 0x60);
    rig_free(&r);

    rig_init(&r, "12345", 5);
    wr(&r, FCR, 0x41);
    wr(&r, IER, 0x01);
    CHECK(r.level);
    CHECK_EQ_HEX(rd(&r, IIR), 0xc4); /* 5 >= 4: data available */
    CHECK_EQ_HEX(rd(&r, RBR), '1');
    CHECK_EQ_HEX(rd(&r, RBR), '2');
    CHECK(!r.level); /* 3 left, below 4 */
    rig_free(&r);
}

static void test_fifo_depth_and_order(void)
{
    Rig r;
    const char in[] = "0123456789abcdefghij"; /* 20 bytes */
    char got[21] = "";

    rig_init(&r, in, 20);
    wr(&r, FCR, 0xc7); /* on, clear both, trigger 14 */
    wr(&r, IER, 0x01);
    CHECK(r.level); /* 16 pulled >= 14 */
    for (unsigned i = 0; i < 20; i++) {
        CHECK_EQ_HEX(rd(&r, LSR) & 0x01, 1);
        got[i] = (char)rd(&r, RBR);
    }
    CHECK_STR(got, in);
    CHECK_EQ_HEX(rd(&r, LSR), 0x60);
    CHECK(!r.level);
    rig_free(&r);
}

static void test_fcr(void)
{
    Rig r;

    rig_init(&r, "", 0);
    wr(&r, MCR, 0x10); /* loopback: no input from the backend */
    wr(&r, FCR, 0x01);
    CHECK_EQ_HEX(rd(&r, IIR) & 0xc0, 0xc0);
    wr(&r, THR, 'q');
    wr(&r, THR, 'r');
    CHECK_EQ_HEX(rd(&r, LSR), 0x61);
    wr(&r, FCR, 0x03); /* clear the receive FIFO */
    CHECK_EQ_HEX(rd(&r, LSR), 0x60);
    wr(&r, THR, 's');
    CHECK_EQ_HEX(rd(&r, LSR), 0x61);
    /* Turning the FIFOs off clears them too. */
    wr(&r, FCR, 0x00);
    CHECK_EQ_HEX(rd(&r, LSR), 0x60);
    CHECK_EQ_HEX(rd(&r, IIR), 0x01);
    /* With FIFO_EN clear, the other bits are not written. */
    wr(&r, THR, 't');
    wr(&r, FCR, 0x02);
    CHECK_EQ_HEX(rd(&r, LSR), 0x61);
    CHECK_EQ_HEX(rd(&r, RBR), 't');
    rig_free(&r);
}

static void test_loopback(void)
{
    Rig r;

    rig_init(&r, "k", 1);
    wr(&r, MCR, 0x10);
    CHECK_EQ_HEX(rd(&r, MCR), 0x10);
    /* The receiver hears only the transmitter, the backend nothing. */
    CHECK_EQ_HEX(rd(&r, LSR), 0x60);
    wr(&r, THR, 'z');
    CHECK_EQ_HEX(strlen(output(&r)), 0);
    CHECK_EQ_HEX(rd(&r, LSR), 0x61);
    CHECK_EQ_HEX(rd(&r, RBR), 'z');
    /* 16450 mode: a second byte overwrites RBR and sets OE. */
    wr(&r, THR, '1');
    wr(&r, THR, '2');
    CHECK_EQ_HEX(rd(&r, LSR), 0x63);
    CHECK_EQ_HEX(rd(&r, LSR), 0x61); /* OE cleared by the read */
    CHECK_EQ_HEX(rd(&r, RBR), '2');
    /* Leaving loopback reconnects the backend. */
    wr(&r, MCR, 0x00);
    CHECK_EQ_HEX(rd(&r, LSR), 0x61);
    CHECK_EQ_HEX(rd(&r, RBR), 'k');
    CHECK_EQ_HEX(rd(&r, MCR), 0x00);
    wr(&r, MCR, 0xff);
    CHECK_EQ_HEX(rd(&r, MCR), 0x1f);
    rig_free(&r);
}

static void test_line_status_interrupt(void)
{
    Rig r;

    rig_init(&r, "", 0);
    wr(&r, MCR, 0x10);
    wr(&r, IER, 0x05); /* RX data and line status */
    wr(&r, THR, '1');
    CHECK_EQ_HEX(rd(&r, IIR), 0x04);
    wr(&r, THR, '2'); /* overrun */
    CHECK(r.level);
    CHECK_EQ_HEX(rd(&r, IIR), 0x06); /* line status outranks data */
    CHECK_EQ_HEX(rd(&r, LSR), 0x63);
    CHECK_EQ_HEX(rd(&r, IIR), 0x04);
    CHECK_EQ_HEX(rd(&r, RBR), '2');
    CHECK(!r.level);
    /* FIFO mode: a full FIFO keeps its bytes and drops the 17th. */
    wr(&r, FCR, 0x01);
    for (unsigned i = 0; i < 17; i++) {
        wr(&r, THR, 'a' + i);
    }
    CHECK_EQ_HEX(rd(&r, LSR), 0x63);
    for (unsigned i = 0; i < 16; i++) {
        CHECK_EQ_HEX(rd(&r, RBR), 'a' + i);
    }
    CHECK_EQ_HEX(rd(&r, LSR), 0x60);
    rig_free(&r);
}

static void test_modem_status(void)
{
    Rig r;

    rig_init(&r, "", 0);
    /* Into loopback with every output low: DCD, DSR, CTS fall. */
    wr(&r, MCR, 0x10);
    CHECK_EQ_HEX(rd(&r, MSR), 0x0b);
    CHECK_EQ_HEX(rd(&r, MSR), 0x00); /* deltas clear on read */
    /* Linux's probe: loopback with OUT2 | RTS reads back DCD | CTS. */
    wr(&r, MCR, 0x1a);
    CHECK_EQ_HEX(rd(&r, MSR) & 0xf0, 0x90);
    wr(&r, MCR, 0x10);
    CHECK_EQ_HEX(rd(&r, MSR), 0x09);
    wr(&r, MCR, 0x11); /* DTR -> DSR */
    CHECK_EQ_HEX(rd(&r, MSR), 0x22);
    /* RI: only the trailing edge sets TERI. */
    wr(&r, MCR, 0x14);
    CHECK_EQ_HEX(rd(&r, MSR), 0x42); /* DSR fell too */
    wr(&r, MCR, 0x10);
    CHECK_EQ_HEX(rd(&r, MSR), 0x04);
    /* Modem status interrupt, the lowest priority. */
    wr(&r, IER, 0x08);
    CHECK(!r.level);
    wr(&r, MCR, 0x12);
    CHECK(r.level);
    CHECK_EQ_HEX(rd(&r, IIR), 0x00);
    CHECK_EQ_HEX(rd(&r, MSR), 0x11);
    CHECK(!r.level);
    CHECK_EQ_HEX(rd(&r, IIR), 0x01);
    rig_free(&r);
}

static void test_lcr_scr(void)
{
    Rig r;

    rig_init(&r, "", 0);
    wr(&r, LCR, 0x1b);
    CHECK_EQ_HEX(rd(&r, LCR), 0x1b);
    wr(&r, SCR, 0x5a);
    CHECK_EQ_HEX(rd(&r, SCR), 0x5a);
    wr(&r, SCR, 0xa5);
    CHECK_EQ_HEX(rd(&r, SCR), 0xa5);
    /* LSR and MSR are read-only. */
    wr(&r, LSR, 0x00);
    CHECK_EQ_HEX(rd(&r, LSR), 0x60);
    wr(&r, MSR, 0x00);
    CHECK_EQ_HEX(rd(&r, MSR), 0xb0);
    rig_free(&r);
}

static void test_reserved_offsets_logged(void)
{
    Rig r;
    char path[] = "/tmp/test_ns16550a_XXXXXX";
    int fd = mkstemp(path);
    FILE *f;
    char line[256] = "";

    CHECK(fd >= 0);
    close(fd);
    rig_init(&r, "", 0);
    CHECK_EQ_HEX(log_set_file(path), 0);
    log_mask = LOG_GUEST_ERROR;
    CHECK_EQ_HEX(rd(&r, 0x08), 0);
    wr(&r, 0xff, 0x41);
    CHECK_EQ_HEX(strlen(output(&r)), 0);
    log_close();
    log_mask = 0;
    f = fopen(path, "r");
    CHECK(f != NULL);
    if (f) {
        CHECK(fgets(line, sizeof(line), f) != NULL);
        CHECK_STR(line, "ns16550a: read from reserved offset 0x00000008\n");
        CHECK(fgets(line, sizeof(line), f) != NULL);
        CHECK_STR(line,
                  "ns16550a: write to reserved offset 0x000000ff ignored\n");
        fclose(f);
    }
    unlink(path);
    rig_free(&r);
}

static void test_through_bus(void)
{
    Rig r;
    Bus bus;
    uint64_t v = 0;
    const uint64_t base = 0x10000000;

    rig_init(&r, "", 0);
    bus_init(&bus);
    CHECK_EQ_HEX(bus_add_mmio(&bus, "uart", base, NS16550A_WINDOW_SIZE,
                              &ns16550a_ops, r.s), 0);
    /* A word store at THR sends its low byte only, as in QEMU. */
    CHECK(bus_write(&bus, base + THR, 4, 0x41424344));
    CHECK_STR(output(&r), "D");
    CHECK(bus_read(&bus, base + IER, 1, &v));
    CHECK_EQ_HEX(v, 0);
    CHECK(bus_read(&bus, base + LSR, 1, &v));
    CHECK_EQ_HEX(v, 0x60);
    /* Every size is valid; a wide access reaches one register. */
    CHECK(bus_read(&bus, base + MCR, 4, &v));
    CHECK_EQ_HEX(v, 0x08);
    CHECK(bus_write(&bus, base + SCR, 1, 0x5a));
    CHECK(bus_read(&bus, base + RBR, 8, &v));
    CHECK_EQ_HEX(v, 0);
    /*
     * Misaligned, as QEMU 7.2 does it: a 16-bit read at LCR is the reads
     * of IIR and MCR (0x08) at 2 and 4; a 16-bit write there is byte
     * writes to LCR and MCR.
     */
    CHECK(bus_read(&bus, base + LCR, 2, &v));
    CHECK_EQ_HEX(v, 0x0800);
    CHECK(bus_write(&bus, base + LCR, 2, 0x0b03));
    CHECK(bus_read(&bus, base + LCR, 1, &v));
    CHECK_EQ_HEX(v, 0x03);
    CHECK(bus_read(&bus, base + MCR, 1, &v));
    CHECK_EQ_HEX(v, 0x0b);
    CHECK(bus_read(&bus, base + 0xf8, 8, &v));
    CHECK_EQ_HEX(v, 0);
    CHECK(!bus_read(&bus, base + 0x100, 1, &v));
    bus_free(&bus);
    rig_free(&r);
}

static void test_reset(void)
{
    Rig r;

    rig_init(&r, "abc", 3);
    wr(&r, LCR, 0x83);
    wr(&r, DLL, 0x01);
    wr(&r, LCR, 0x03);
    wr(&r, FCR, 0x01);
    wr(&r, IER, 0x0f);
    wr(&r, MCR, 0x1f);
    wr(&r, SCR, 0x12);
    wr(&r, THR, 'x');
    CHECK(r.level);
    ns16550a_reset(r.s);
    CHECK(!r.level);
    CHECK_EQ_HEX(r.vc.deadline_icount, VCLOCK_NEVER);
    CHECK_EQ_HEX(rd(&r, IER), 0x00);
    CHECK_EQ_HEX(rd(&r, IIR), 0x01);
    CHECK_EQ_HEX(rd(&r, MCR), 0x08);
    CHECK_EQ_HEX(rd(&r, MSR), 0xb0);
    CHECK_EQ_HEX(rd(&r, SCR), 0x00);
    CHECK_EQ_HEX(rd(&r, LCR), 0x00);
    wr(&r, LCR, 0x80);
    CHECK_EQ_HEX(rd(&r, DLL), 0x0c);
    rig_free(&r);
}

TEST_MAIN({ "reset_values", test_reset_values },
          { "divisor_latch", test_divisor_latch },
          { "transmit", test_transmit },
          { "thre_interrupt", test_thre_interrupt },
          { "ier_mask", test_ier_mask },
          { "receive_polled", test_receive_polled },
          { "rx_data_interrupt", test_rx_data_interrupt },
          { "rx_poll_timer", test_rx_poll_timer },
          { "fifo_trigger_and_timeout", test_fifo_trigger_and_timeout },
          { "fifo_depth_and_order", test_fifo_depth_and_order },
          { "fcr", test_fcr },
          { "loopback", test_loopback },
          { "line_status_interrupt", test_line_status_interrupt },
          { "modem_status", test_modem_status },
          { "lcr_scr", test_lcr_scr },
          { "reserved_offsets_logged", test_reserved_offsets_logged },
          { "through_bus", test_through_bus },
          { "reset", test_reset })
