/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Berkeley HTIF (riscv-isa-sim fesvr; QEMU hw/char/riscv_htif.c): the
 * guest writes a command to tohost, we clear tohost and answer in
 * fromhost. tohost = device << 56 | command << 48 | 48-bit payload.
 */
#include "ucb_htif.h"

#include <assert.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>

#include "error.h"
#include "log.h"

/* Offsets inside htif_ops's window. */
typedef enum HtifReg {
    HTIF_TOHOST = 0x0,
    HTIF_TOHOST_HI = 0x4,
    HTIF_FROMHOST = 0x8,
    HTIF_FROMHOST_HI = 0xc,
} HtifReg;

#define HTIF_DEV_SHIFT 56
#define HTIF_DEV_MASK (UINT64_C(0xff) << HTIF_DEV_SHIFT)
#define HTIF_CMD_SHIFT 48
#define HTIF_CMD_MASK (UINT64_C(0xff) << HTIF_CMD_SHIFT)
#define HTIF_PAYLOAD_SHIFT 0
#define HTIF_PAYLOAD_MASK UINT64_C(0x0000ffffffffffff)
#define HTIF_LO_MASK UINT64_C(0xffffffff)

enum {
    HTIF_DEV_SYSTEM = 0,
    HTIF_DEV_CONSOLE = 1,
};

enum {
    HTIF_SYSTEM_CMD_SYSCALL = 0, /* payload bit 0: exit, else a syscall */
    HTIF_CONSOLE_CMD_GETC = 0,
    HTIF_CONSOLE_CMD_PUTC = 1,
};

#define HTIF_EXIT_FLAG UINT64_C(1)         /* payload = code << 1 | 1 */
#define HTIF_CONSOLE_CHAR_VALID 0x100u     /* console replies: 0x100 | char */
#define HTIF_SYSCALL_DONE UINT64_C(1)      /* fromhost after a syscall */

/* riscv-pk's syscall block: which, then arguments; result in word 0. */
#define HTIF_SYSCALL_WORDS 8
#define HTIF_SYS_WRITE 64
/* Linux/newlib errno values, as the guest sees them. */
#define HTIF_EBADF 9
#define HTIF_EFAULT 14
#define HTIF_ENOSYS 38
/* Longest write done at once (a short write; the guest's libc retries). */
#define HTIF_WRITE_MAX (UINT64_C(1) << 20)

struct Htif {
    Machine *m;
    Bus *bus;
    Chardev *chr;
    uint64_t tohost;
    uint64_t fromhost;
    bool tohost_lo_valid; /* a 32-bit low half waits for its high half */
    bool getc_pending;    /* a console read waits for a character */
};

static uint64_t htif_encode(unsigned dev, unsigned cmd, uint64_t payload)
{
    return ((uint64_t)dev << HTIF_DEV_SHIFT) |
           ((uint64_t)cmd << HTIF_CMD_SHIFT) | (payload & HTIF_PAYLOAD_MASK);
}

/* Answer a pending console read once a character is there and fromhost free. */
static void htif_console_poll(Htif *s)
{
    int c;

    if (!s->getc_pending || s->fromhost != 0 || !chardev_can_read(s->chr)) {
        return;
    }
    c = chardev_read(s->chr);
    s->getc_pending = false;
    s->fromhost = htif_encode(HTIF_DEV_CONSOLE, HTIF_CONSOLE_CMD_GETC,
                              HTIF_CONSOLE_CHAR_VALID | (unsigned)c);
}

static int64_t htif_sys_write(Htif *s, uint64_t fd, uint64_t buf,
                              uint64_t len)
{
    uint8_t chunk[256];
    size_t n = 0;
    uint64_t done = 0;

    if (fd != 1 && fd != 2) {
        return -HTIF_EBADF;
    }
    if (len > HTIF_WRITE_MAX) {
        len = HTIF_WRITE_MAX;
    }
    for (; done < len; done++) {
        uint64_t b;

        if (!bus_read(s->bus, buf + done, 1, &b)) {
            if (log_enabled(LOG_GUEST_ERROR)) {
                log_printf("htif: SYS_write buffer byte at 0x%08" PRIx64
                           " is not in memory\n", buf + done);
            }
            break;
        }
        chunk[n++] = (uint8_t)b;
        if (n == sizeof(chunk)) {
            chardev_write(s->chr, chunk, n);
            n = 0;
        }
    }
    chardev_write(s->chr, chunk, n);
    if (done == 0 && len != 0) {
        return -HTIF_EFAULT;
    }
    return (int64_t)done;
}

/* riscv-pk's frontend syscall: a block of HTIF_SYSCALL_WORDS at addr. */
static void htif_syscall(Htif *s, uint64_t addr)
{
    uint64_t blk[HTIF_SYSCALL_WORDS];
    int64_t ret;

    for (unsigned i = 0; i < HTIF_SYSCALL_WORDS; i++) {
        if (!bus_read(s->bus, addr + 8 * i, 8, &blk[i])) {
            if (log_enabled(LOG_GUEST_ERROR)) {
                log_printf("htif: syscall block at 0x%08" PRIx64
                           " is not in memory\n", addr);
            }
            return;
        }
    }
    switch (blk[0]) {
    case HTIF_SYS_WRITE:
        ret = htif_sys_write(s, blk[1], blk[2], blk[3]);
        break;
    default:
        if (log_enabled(LOG_UNIMP)) {
            log_printf("htif: syscall %" PRIu64 " not supported\n", blk[0]);
        }
        ret = -HTIF_ENOSYS;
        break;
    }
    bus_write(s->bus, addr, 8, (uint64_t)ret);
}

static void htif_command(Htif *s, uint64_t val)
{
    unsigned dev = (unsigned)((val & HTIF_DEV_MASK) >> HTIF_DEV_SHIFT);
    unsigned cmd = (unsigned)((val & HTIF_CMD_MASK) >> HTIF_CMD_SHIFT);
    uint64_t payload = (val & HTIF_PAYLOAD_MASK) >> HTIF_PAYLOAD_SHIFT;
    uint8_t ch;

    /* Clearing tohost tells the guest the command was taken. */
    s->tohost = 0;
    s->tohost_lo_valid = false;
    if (val == 0) {
        return; /* spike only acts on a non-zero tohost */
    }
    if (dev == HTIF_DEV_SYSTEM && cmd == HTIF_SYSTEM_CMD_SYSCALL) {
        if (payload & HTIF_EXIT_FLAG) {
            /* riscv-tests: 1 is a pass, (n << 1) | 1 fails test n. */
            machine_request_exit(s->m, (int)((payload >> 1) & INT_MAX));
            return;
        }
        htif_syscall(s, payload);
        s->fromhost = HTIF_SYSCALL_DONE;
        return;
    }
    if (dev == HTIF_DEV_CONSOLE && cmd == HTIF_CONSOLE_CMD_PUTC) {
        ch = (uint8_t)payload;
        chardev_write(s->chr, &ch, 1);
        /* QEMU's acknowledgement: the command echoed with 0x100 | char. */
        s->fromhost = htif_encode(dev, cmd, HTIF_CONSOLE_CHAR_VALID | ch);
        return;
    }
    if (dev == HTIF_DEV_CONSOLE && cmd == HTIF_CONSOLE_CMD_GETC) {
        /* Answered now or when a character arrives (fromhost is polled). */
        s->getc_pending = true;
        htif_console_poll(s);
        return;
    }
    if (log_enabled(LOG_UNIMP)) {
        log_printf("htif: device %u command %u not supported "
                   "(tohost 0x%016" PRIx64 ")\n", dev, cmd, val);
    }
}

static uint64_t htif_read(void *opaque, uint64_t offset, unsigned size)
{
    Htif *s = opaque;
    uint64_t val;

    if ((offset & (size - 1)) != 0 || size < 4) {
        offset = UINT64_MAX; /* misaligned or narrow: reserved */
    }
    switch (offset) {
    case HTIF_TOHOST:
        val = s->tohost;
        break;
    case HTIF_TOHOST_HI:
        val = s->tohost >> 32;
        break;
    case HTIF_FROMHOST:
        htif_console_poll(s);
        val = s->fromhost;
        break;
    case HTIF_FROMHOST_HI:
        htif_console_poll(s);
        val = s->fromhost >> 32;
        break;
    default:
        if (log_enabled(LOG_GUEST_ERROR)) {
            log_printf("htif: bad %u-byte read at offset 0x%08" PRIx64 "\n",
                       size, offset);
        }
        return 0;
    }
    return size == 8 ? val : val & HTIF_LO_MASK;
}

static void htif_write(void *opaque, uint64_t offset, uint64_t value,
                       unsigned size)
{
    Htif *s = opaque;
    uint64_t lo = value & HTIF_LO_MASK;

    if ((offset & (size - 1)) != 0 || size < 4) {
        offset = UINT64_MAX;
    }
    switch (offset) {
    case HTIF_TOHOST:
        if (size == 8) {
            htif_command(s, value);
        } else if (s->tohost == 0) {
            /* As in QEMU: the low half is kept only if tohost was free. */
            s->tohost = lo;
            s->tohost_lo_valid = true;
        } else {
            s->tohost_lo_valid = false;
        }
        break;
    case HTIF_TOHOST_HI:
        if (s->tohost_lo_valid) {
            htif_command(s, (s->tohost & HTIF_LO_MASK) | (lo << 32));
        }
        break;
    case HTIF_FROMHOST:
        s->fromhost = size == 8 ? value : (s->fromhost & ~HTIF_LO_MASK) | lo;
        break;
    case HTIF_FROMHOST_HI:
        s->fromhost = (s->fromhost & HTIF_LO_MASK) | (lo << 32);
        break;
    default:
        if (log_enabled(LOG_GUEST_ERROR)) {
            log_printf("htif: bad %u-byte write at offset 0x%08" PRIx64
                       " ignored\n", size, offset);
        }
        break;
    }
}

static uint64_t htif_fromhost_read(void *opaque, uint64_t offset,
                                   unsigned size)
{
    return htif_read(opaque, offset + HTIF_FROMHOST, size);
}

static void htif_fromhost_write(void *opaque, uint64_t offset, uint64_t value,
                                unsigned size)
{
    htif_write(opaque, offset + HTIF_FROMHOST, value, size);
}

/*
 * QEMU 7.2 htif_mm_ops sets neither .valid (every size is valid) nor
 * .impl; the sizes we implement are our own.
 */
const DevOps htif_ops = {
    .name = "htif",
    .read = htif_read,
    .write = htif_write,
    .min_size = 4,
    .max_size = 8,
};

const DevOps htif_fromhost_ops = {
    .name = "htif.fromhost",
    .read = htif_fromhost_read,
    .write = htif_fromhost_write,
    .min_size = 4,
    .max_size = 8,
};

Htif *htif_new(Machine *m, Bus *bus, Chardev *chr)
{
    Htif *s;

    assert(m && bus && chr);
    s = calloc(1, sizeof(*s));
    if (!s) {
        return NULL;
    }
    s->m = m;
    s->bus = bus;
    s->chr = chr;
    return s;
}

void htif_free(Htif *s)
{
    free(s);
}

int htif_map(Htif *s, uint64_t tohost, uint64_t fromhost)
{
    int ret;

    if (fromhost != 0 && tohost + HTIF_REG_SIZE == fromhost) {
        return bus_add_mmio(s->bus, "htif", tohost, HTIF_WINDOW_SIZE,
                            &htif_ops, s);
    }
    if (fromhost != 0 && fromhost < tohost + HTIF_REG_SIZE &&
        tohost < fromhost + HTIF_REG_SIZE) {
        return fs_error(FS_EINVAL, "htif: tohost at 0x%08" PRIx64
                        " and fromhost at 0x%08" PRIx64 " overlap",
                        tohost, fromhost);
    }
    ret = bus_add_mmio(s->bus, "htif.tohost", tohost, HTIF_REG_SIZE,
                       &htif_ops, s);
    if (ret < 0 || fromhost == 0) {
        return ret;
    }
    return bus_add_mmio(s->bus, "htif.fromhost", fromhost, HTIF_REG_SIZE,
                        &htif_fromhost_ops, s);
}
