/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The `virt` board with QEMU's memory map (QEMU docs: "'virt' Generic
 * Virtual Platform"; addresses as in QEMU 7.2's hw/riscv/virt.c).
 * Ranges we do not model yet are `unimp` (reads 0, writes ignored), so
 * the guest sees what it sees on QEMU: an access, not a fault.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>

#include "board.h"
#include "cpu.h"
#include "error.h"
#include "ns16550a.h"
#include "riscv_boot.h"
#include "sifive_clint.h"
#include "sifive_plic.h"
#include "sifive_test.h"
#include "unimp.h"
#include "virt_fdt.h"

#define VIRT_TIMEBASE_HZ 10000000u /* CLINT mtime: 10 MHz, as QEMU */
#define VIRT_PLIC_SOURCES 96       /* sources 1..95, as QEMU 7.2's virt */
#define VIRT_UART0_IRQ 10          /* UART0's PLIC source */

typedef enum VirtKind {
    VIRT_ROM,
    VIRT_RAM,
    VIRT_TEST_DEV,
    VIRT_CLINT_DEV,
    VIRT_UART_DEV,
    VIRT_PLIC_DEV,
    VIRT_UNIMP_DEV,
} VirtKind;

enum {
    VIRT_MROM,
    VIRT_TEST,
    VIRT_RTC,
    VIRT_CLINT,
    VIRT_PCIE_PIO,
    VIRT_PLIC,
    VIRT_UART0,
    VIRT_VIRTIO,
    VIRT_FW_CFG,
    VIRT_FLASH,
    VIRT_PCIE_ECAM,
    VIRT_PCIE_MMIO,
    VIRT_DRAM,
    VIRT_N_RANGES,
};

typedef struct VirtRange {
    const char *name;
    uint64_t base;
    uint64_t size; /* 0 for DRAM: -m decides */
    VirtKind kind;
} VirtRange;

static const VirtRange virt_map[VIRT_N_RANGES] = {
    [VIRT_MROM] = { "virt.mrom", 0x1000, 0xf000, VIRT_ROM },
    [VIRT_TEST] = { "sifive_test", 0x100000, 0x1000, VIRT_TEST_DEV },
    [VIRT_RTC] = { "goldfish_rtc", 0x101000, 0x1000, VIRT_UNIMP_DEV },
    [VIRT_CLINT] = { "clint", 0x2000000, 0x10000, VIRT_CLINT_DEV },
    [VIRT_PCIE_PIO] = { "pcie-pio", 0x3000000, 0x10000, VIRT_UNIMP_DEV },
    [VIRT_PLIC] = { "plic", 0xc000000, 0x600000, VIRT_PLIC_DEV },
    [VIRT_UART0] = { "uart0", 0x10000000, 0x100, VIRT_UART_DEV },
    [VIRT_VIRTIO] = { "virtio-mmio", 0x10001000, 0x8000, VIRT_UNIMP_DEV },
    [VIRT_FW_CFG] = { "fw_cfg", 0x10100000, 0x18, VIRT_UNIMP_DEV },
    [VIRT_FLASH] = { "virt.flash", 0x20000000, 0x4000000, VIRT_UNIMP_DEV },
    [VIRT_PCIE_ECAM] = { "pcie-ecam", 0x30000000, 0x10000000,
                         VIRT_UNIMP_DEV },
    [VIRT_PCIE_MMIO] = { "pcie-mmio", 0x40000000, 0x40000000,
                         VIRT_UNIMP_DEV },
    [VIRT_DRAM] = { "virt.ram", 0x80000000, 0, VIRT_RAM },
};

typedef struct VirtState {
    RiscvBoot boot;
    Ns16550a *uart;
    Clint *clint;
    Plic *plic;
    SifiveTest *test;
    Unimp unimp[VIRT_N_RANGES];
} VirtState;

static void virt_free(void *opaque)
{
    VirtState *s = opaque;

    ns16550a_free(s->uart);
    plic_free(s->plic);
    clint_free(s->clint);
    sifive_test_free(s->test);
    riscv_boot_free(&s->boot);
    free(s);
}

static int virt_map_range(Machine *m, VirtState *s, unsigned i)
{
    const VirtRange *r = &virt_map[i];

    switch (r->kind) {
    case VIRT_ROM:
        return bus_add_rom(&m->bus, r->name, r->base, r->size);
    case VIRT_RAM:
        return bus_add_ram(&m->bus, r->name, r->base, m->cfg.ram_size);
    case VIRT_TEST_DEV:
        s->test = sifive_test_new(m);
        if (!s->test) {
            return fs_error(FS_ENOMEM, "virt: out of memory");
        }
        return bus_add_mmio(&m->bus, r->name, r->base, r->size,
                            &sifive_test_ops, s->test);
    case VIRT_CLINT_DEV:
        return riscv_board_add_clint(m, r->name, r->base, r->size,
                                     VIRT_TIMEBASE_HZ, &s->clint);
    case VIRT_PLIC_DEV: {
        /* context 0: hart 0's M-mode, context 1: its S-mode */
        RvCpu *cpu = m->cpus[0];
        IrqLine contexts[2] = {
            irq_line(rv_cpu_irq_handler, cpu, RV_IRQ_MEI),
            irq_line(rv_cpu_irq_handler, cpu, RV_IRQ_SEI),
        };

        s->plic = plic_new(1, VIRT_PLIC_SOURCES, contexts);
        if (!s->plic) {
            return fs_error(FS_ENOMEM, "virt: out of memory");
        }
        return bus_add_mmio(&m->bus, r->name, r->base, r->size, &plic_ops,
                            s->plic);
    }
    case VIRT_UART_DEV:
        /* the table maps the PLIC first: the UART interrupts through it */
        s->uart = ns16550a_new(m->serial,
                               irq_line(plic_irq_handler, s->plic,
                                        VIRT_UART0_IRQ),
                               &m->clock);
        if (!s->uart) {
            return fs_error(FS_ENOMEM, "virt: out of memory");
        }
        return bus_add_mmio(&m->bus, r->name, r->base, r->size,
                            &ns16550a_ops, s->uart);
    case VIRT_UNIMP_DEV:
        s->unimp[i].name = r->name;
        return bus_add_mmio(&m->bus, r->name, r->base, r->size, &unimp_ops,
                            &s->unimp[i]);
    }
    return 0;
}

/* -dtb FILE: a device tree blob of the user's, checked with libfdt. */
static void *virt_read_dtb(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    long len = -1;

    if (f && fseek(f, 0, SEEK_END) == 0) {
        len = ftell(f);
    }
    if (!f || len <= 0 || len > (1L << 20) || fseek(f, 0, SEEK_SET) != 0 ||
        !(buf = malloc((size_t)len)) ||
        fread(buf, (size_t)len, 1, f) != 1) {
        if (f) {
            fclose(f);
        }
        free(buf);
        fs_error(FS_EIO, "-dtb: cannot read '%s'", path);
        return NULL;
    }
    fclose(f);
    if (fdt_check_header(buf) != 0 || fdt_totalsize(buf) > (size_t)len) {
        free(buf);
        fs_error(FS_EFORMAT, "-dtb: '%s' is not a device tree blob", path);
        return NULL;
    }
    *size = fdt_totalsize(buf);
    return buf;
}

/* -machine dumpdtb=FILE: write the blob and run nothing, as QEMU does. */
static int virt_dump_dtb(Machine *m, const void *fdt, size_t size)
{
    FILE *f = fopen(m->cfg.dumpdtb, "wb");
    bool ok = f && fwrite(fdt, size, 1, f) == 1;

    if (f && fclose(f) != 0) {
        ok = false;
    }
    if (!ok) {
        return fs_error(FS_EIO, "-machine dumpdtb: cannot write '%s'",
                        m->cfg.dumpdtb);
    }
    m->init_only = true;
    return 0;
}

/*
 * What QEMU 7.2's virt board does to every device tree it passes, its
 * own or a -dtb one: /chosen gets a 32-byte rng-seed, then the blob is
 * packed. The same steps give the same layout, so firmware walking the
 * tree takes the same path on both. The seed is fixed here (runs are
 * repeatable); QEMU draws it at random unless given -seed.
 */
static void *virt_fdt_seal(void *fdt, size_t *size)
{
    int room = (int)*size + 4096;
    void *out = malloc((size_t)room);
    uint8_t seed[32];
    uint64_t x = 0;
    int node, err;

    for (unsigned i = 0; i < sizeof(seed); i++) {
        /* splitmix64's increment and finaliser: well-spread fixed bytes */
        uint64_t z = (x += UINT64_C(0x9e3779b97f4a7c15));

        z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
        seed[i] = (uint8_t)(z ^ (z >> 31));
    }
    err = out ? fdt_open_into(fdt, out, room) : -FDT_ERR_NOSPACE;
    node = err ? err : fdt_path_offset(out, "/chosen");
    if (node == -FDT_ERR_NOTFOUND) {
        node = fdt_add_subnode(out, 0, "chosen");
    }
    err = node < 0 ? node : fdt_setprop(out, node, "rng-seed", seed,
                                        sizeof(seed));
    err = err ? err : fdt_pack(out);
    free(fdt);
    if (err) {
        free(out);
        fs_error(FS_EFORMAT, "virt: device tree: %s", fdt_strerror(err));
        return NULL;
    }
    *size = fdt_totalsize(out);
    return out;
}

/* The device tree, where the reset ROM's a1 points, as QEMU does. */
static int virt_load_fdt(Machine *m, uint64_t fdt_addr)
{
    VirtFdtConfig fc;
    size_t size;
    void *fdt;
    int ret, err;

    if (m->cfg.dtb) {
        fdt = virt_read_dtb(m->cfg.dtb, &size);
        err = -FS_EIO;
    } else {
        fc.xlen = m->cfg.xlen;
        fc.ram_base = virt_map[VIRT_DRAM].base;
        fc.ram_size = m->cfg.ram_size;
        fc.timebase_hz = VIRT_TIMEBASE_HZ;
        /* QEMU's riscv,isa form: single letters, then _-separated ones */
        fc.isa = m->cfg.xlen == 32 ? "rv32imafdc_zicsr_zifencei"
                                   : "rv64imafdc_zicsr_zifencei";
        fc.bootargs = NULL;
        fdt = virt_fdt_build(&fc, &size);
        err = -FS_EINVAL;
    }
    fdt = fdt ? virt_fdt_seal(fdt, &size) : NULL;
    if (!fdt) {
        return err;
    }
    ret = m->cfg.dumpdtb ? virt_dump_dtb(m, fdt, size)
                         : bus_load_image(&m->bus, fdt_addr, fdt, size);
    free(fdt);
    return ret;
}

static int virt_init(Machine *m)
{
    VirtState *s = calloc(1, sizeof(*s));
    RvCpu *cpu;
    int ret;

    if (!s) {
        return fs_error(FS_ENOMEM, "virt: out of memory");
    }
    m->board_state = s;
    m->board_free = virt_free;
    cpu = riscv_board_add_hart(m, virt_map[VIRT_MROM].base);
    if (!cpu) {
        return -FS_ENOMEM;
    }
    for (unsigned i = 0; i < VIRT_N_RANGES; i++) {
        ret = virt_map_range(m, s, i);
        if (ret < 0) {
            return ret;
        }
    }
    ret = riscv_boot_load(m, &s->boot, virt_map[VIRT_MROM].base,
                          virt_map[VIRT_DRAM].base);
    if (ret < 0) {
        return ret;
    }
    ret = virt_load_fdt(m, s->boot.fdt_addr);
    if (ret < 0) {
        return ret;
    }
    return rv_cpu_map_memory(cpu);
}

const BoardDesc board_virt = {
    .name = "virt",
    .description = "RISC-V VirtIO board (QEMU's memory map)",
    .init = virt_init,
};
