/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The `virt` board's device tree, built with libfdt in QEMU 7.2's layout
 * and naming (hw/riscv/virt.c), listing only what firmscope models.
 */
#include "virt_fdt.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "error.h"

/*
 * Devices in the tree, at the addresses of virt_map in virt.c (keep the
 * two in step). Left out until they are modelled: goldfish RTC,
 * virtio-mmio, fw_cfg, flash, PCIe and the platform bus. /chosen has no
 * rng-seed: runs stay reproducible.
 */
#define VIRT_FDT_TEST_BASE 0x100000u
#define VIRT_FDT_TEST_SIZE 0x1000u
#define VIRT_FDT_CLINT_BASE 0x2000000u
#define VIRT_FDT_CLINT_SIZE 0x10000u
#define VIRT_FDT_UART0_BASE 0x10000000u
#define VIRT_FDT_UART0_SIZE 0x100u
#define VIRT_FDT_UART0_CLOCK_HZ 3686400u /* as QEMU's ns16550a node */
#define VIRT_FDT_UART0_IRQ 10u               /* its PLIC source */
#define VIRT_FDT_PLIC_BASE 0xc000000u
#define VIRT_FDT_PLIC_SIZE 0x600000u
#define VIRT_FDT_PLIC_NDEV 95u               /* sources 1..95 */

#define VIRT_FDT_TEST_FINISHER_PASS 0x5555u
#define VIRT_FDT_TEST_FINISHER_RESET 0x7777u

/* Machine-mode interrupt numbers in mip (privileged spec, 3.1.9). */
#define VIRT_FDT_IRQ_M_SOFT 3u
#define VIRT_FDT_IRQ_M_TIMER 7u
#define VIRT_FDT_IRQ_S_EXT 9u
#define VIRT_FDT_IRQ_M_EXT 11u

#define VIRT_FDT_INITIAL_SIZE 4096u
#define VIRT_FDT_MAX_SIZE (1u << 20) /* QEMU's FDT_MAX_SIZE */

enum {
    VIRT_FDT_PHANDLE_CPU0 = 1,
    VIRT_FDT_PHANDLE_CPU0_INTC,
    VIRT_FDT_PHANDLE_TEST,
    VIRT_FDT_PHANDLE_PLIC,
};

/*
 * Sequential-write state: the first libfdt error sticks and later calls
 * do nothing, so the tree reads top to bottom and is checked once.
 */
typedef struct VirtFdtWriter {
    void *fdt;
    int err;
} VirtFdtWriter;

static void virt_fdt_begin(VirtFdtWriter *w, const char *name)
{
    if (w->err == 0) {
        w->err = fdt_begin_node(w->fdt, name);
    }
}

static void virt_fdt_end(VirtFdtWriter *w)
{
    if (w->err == 0) {
        w->err = fdt_end_node(w->fdt);
    }
}

static void virt_fdt_prop(VirtFdtWriter *w, const char *name,
                          const void *val, size_t len)
{
    if (w->err == 0) {
        w->err = fdt_property(w->fdt, name, val, (int)len);
    }
}

static void virt_fdt_str(VirtFdtWriter *w, const char *name, const char *s)
{
    virt_fdt_prop(w, name, s, strlen(s) + 1);
}

static void virt_fdt_u32(VirtFdtWriter *w, const char *name, uint32_t v)
{
    fdt32_t cell = cpu_to_fdt32(v);

    virt_fdt_prop(w, name, &cell, sizeof(cell));
}

static void virt_fdt_empty(VirtFdtWriter *w, const char *name)
{
    virt_fdt_prop(w, name, NULL, 0);
}

/* reg in the two-cell address and size of / and /soc */
static void virt_fdt_reg(VirtFdtWriter *w, uint64_t base, uint64_t size)
{
    fdt64_t reg[2] = { cpu_to_fdt64(base), cpu_to_fdt64(size) };

    virt_fdt_prop(w, "reg", reg, sizeof(reg));
}

static void virt_fdt_cpus(VirtFdtWriter *w, const VirtFdtConfig *cfg)
{
    virt_fdt_begin(w, "cpus");
    virt_fdt_u32(w, "#address-cells", 1);
    virt_fdt_u32(w, "#size-cells", 0);
    virt_fdt_u32(w, "timebase-frequency", (uint32_t)cfg->timebase_hz);

    virt_fdt_begin(w, "cpu@0");
    virt_fdt_u32(w, "phandle", VIRT_FDT_PHANDLE_CPU0);
    virt_fdt_str(w, "device_type", "cpu");
    virt_fdt_u32(w, "reg", 0);
    virt_fdt_str(w, "status", "okay");
    virt_fdt_str(w, "compatible", "riscv");
    virt_fdt_str(w, "riscv,isa", cfg->isa);
    /* the widest satp mode the MMU has, as QEMU 7.2 advertises it */
    virt_fdt_str(w, "mmu-type", cfg->xlen == 32 ? "riscv,sv32"
                                                : "riscv,sv48");
    virt_fdt_begin(w, "interrupt-controller");
    virt_fdt_u32(w, "#interrupt-cells", 1);
    virt_fdt_empty(w, "interrupt-controller");
    virt_fdt_str(w, "compatible", "riscv,cpu-intc");
    virt_fdt_u32(w, "phandle", VIRT_FDT_PHANDLE_CPU0_INTC);
    virt_fdt_end(w);
    virt_fdt_end(w);

    virt_fdt_begin(w, "cpu-map");
    virt_fdt_begin(w, "cluster0");
    virt_fdt_begin(w, "core0");
    virt_fdt_u32(w, "cpu", VIRT_FDT_PHANDLE_CPU0);
    virt_fdt_end(w);
    virt_fdt_end(w);
    virt_fdt_end(w);

    virt_fdt_end(w);
}

static void virt_fdt_soc(VirtFdtWriter *w)
{
    static const char clint_compat[] = "sifive,clint0\0riscv,clint0";
    static const char test_compat[] = "sifive,test1\0sifive,test0\0syscon";
    static const char plic_compat[] = "sifive,plic-1.0.0\0riscv,plic0";
    const fdt32_t plic_irqs[4] = {
        cpu_to_fdt32(VIRT_FDT_PHANDLE_CPU0_INTC),
        cpu_to_fdt32(VIRT_FDT_IRQ_M_EXT),
        cpu_to_fdt32(VIRT_FDT_PHANDLE_CPU0_INTC),
        cpu_to_fdt32(VIRT_FDT_IRQ_S_EXT),
    };
    const fdt32_t clint_irqs[4] = {
        cpu_to_fdt32(VIRT_FDT_PHANDLE_CPU0_INTC),
        cpu_to_fdt32(VIRT_FDT_IRQ_M_SOFT),
        cpu_to_fdt32(VIRT_FDT_PHANDLE_CPU0_INTC),
        cpu_to_fdt32(VIRT_FDT_IRQ_M_TIMER),
    };
    char name[32];

    virt_fdt_begin(w, "soc");
    virt_fdt_u32(w, "#address-cells", 2);
    virt_fdt_u32(w, "#size-cells", 2);
    virt_fdt_str(w, "compatible", "simple-bus");
    virt_fdt_empty(w, "ranges");

    snprintf(name, sizeof(name), "test@%" PRIx32,
             (uint32_t)VIRT_FDT_TEST_BASE);
    virt_fdt_begin(w, name);
    virt_fdt_u32(w, "phandle", VIRT_FDT_PHANDLE_TEST);
    virt_fdt_reg(w, VIRT_FDT_TEST_BASE, VIRT_FDT_TEST_SIZE);
    virt_fdt_prop(w, "compatible", test_compat, sizeof(test_compat));
    virt_fdt_end(w);

    virt_fdt_begin(w, "reboot");
    virt_fdt_u32(w, "value", VIRT_FDT_TEST_FINISHER_RESET);
    virt_fdt_u32(w, "offset", 0);
    virt_fdt_u32(w, "regmap", VIRT_FDT_PHANDLE_TEST);
    virt_fdt_str(w, "compatible", "syscon-reboot");
    virt_fdt_end(w);

    virt_fdt_begin(w, "poweroff");
    virt_fdt_u32(w, "value", VIRT_FDT_TEST_FINISHER_PASS);
    virt_fdt_u32(w, "offset", 0);
    virt_fdt_u32(w, "regmap", VIRT_FDT_PHANDLE_TEST);
    virt_fdt_str(w, "compatible", "syscon-poweroff");
    virt_fdt_end(w);

    snprintf(name, sizeof(name), "clint@%" PRIx32,
             (uint32_t)VIRT_FDT_CLINT_BASE);
    virt_fdt_begin(w, name);
    virt_fdt_prop(w, "interrupts-extended", clint_irqs, sizeof(clint_irqs));
    virt_fdt_reg(w, VIRT_FDT_CLINT_BASE, VIRT_FDT_CLINT_SIZE);
    virt_fdt_prop(w, "compatible", clint_compat, sizeof(clint_compat));
    virt_fdt_end(w);

    /* the PLIC's contexts: hart 0's M, then S external interrupts */
    snprintf(name, sizeof(name), "plic@%" PRIx32,
             (uint32_t)VIRT_FDT_PLIC_BASE);
    virt_fdt_begin(w, name);
    virt_fdt_u32(w, "phandle", VIRT_FDT_PHANDLE_PLIC);
    virt_fdt_u32(w, "riscv,ndev", VIRT_FDT_PLIC_NDEV);
    virt_fdt_reg(w, VIRT_FDT_PLIC_BASE, VIRT_FDT_PLIC_SIZE);
    virt_fdt_prop(w, "interrupts-extended", plic_irqs, sizeof(plic_irqs));
    virt_fdt_empty(w, "interrupt-controller");
    virt_fdt_prop(w, "compatible", plic_compat, sizeof(plic_compat));
    virt_fdt_u32(w, "#address-cells", 0);
    virt_fdt_u32(w, "#interrupt-cells", 1);
    virt_fdt_end(w);

    snprintf(name, sizeof(name), "serial@%" PRIx32,
             (uint32_t)VIRT_FDT_UART0_BASE);
    virt_fdt_begin(w, name);
    virt_fdt_u32(w, "interrupts", VIRT_FDT_UART0_IRQ);
    virt_fdt_u32(w, "interrupt-parent", VIRT_FDT_PHANDLE_PLIC);
    virt_fdt_u32(w, "clock-frequency", VIRT_FDT_UART0_CLOCK_HZ);
    virt_fdt_reg(w, VIRT_FDT_UART0_BASE, VIRT_FDT_UART0_SIZE);
    virt_fdt_str(w, "compatible", "ns16550a");
    virt_fdt_end(w);

    virt_fdt_end(w);
}

/* The whole tree into buf; 0 or a negative libfdt error. */
static int virt_fdt_write(void *buf, size_t bufsize, const VirtFdtConfig *cfg)
{
    VirtFdtWriter w = { buf, 0 };
    char name[32];

    w.err = fdt_create(buf, (int)bufsize);
    if (w.err == 0) {
        w.err = fdt_finish_reservemap(buf);
    }

    virt_fdt_begin(&w, "");
    virt_fdt_u32(&w, "#address-cells", 2);
    virt_fdt_u32(&w, "#size-cells", 2);
    virt_fdt_str(&w, "compatible", "riscv-virtio");
    virt_fdt_str(&w, "model", "riscv-virtio,qemu");

    virt_fdt_begin(&w, "chosen");
    snprintf(name, sizeof(name), "/soc/serial@%" PRIx32,
             (uint32_t)VIRT_FDT_UART0_BASE);
    virt_fdt_str(&w, "stdout-path", name);
    if (cfg->bootargs) {
        virt_fdt_str(&w, "bootargs", cfg->bootargs);
    }
    virt_fdt_end(&w);

    snprintf(name, sizeof(name), "memory@%" PRIx64, cfg->ram_base);
    virt_fdt_begin(&w, name);
    virt_fdt_str(&w, "device_type", "memory");
    virt_fdt_reg(&w, cfg->ram_base, cfg->ram_size);
    virt_fdt_end(&w);

    virt_fdt_cpus(&w, cfg);
    virt_fdt_soc(&w);

    virt_fdt_end(&w);
    if (w.err == 0) {
        w.err = fdt_finish(buf);
    }
    return w.err;
}

static int virt_fdt_check(const VirtFdtConfig *cfg)
{
    char prefix[8];

    if (cfg->xlen != 32 && cfg->xlen != 64) {
        return fs_error(FS_EINVAL, "virt: device tree: xlen %u is not 32 "
                        "or 64", cfg->xlen);
    }
    snprintf(prefix, sizeof(prefix), "rv%u", cfg->xlen);
    if (!cfg->isa || strncmp(cfg->isa, prefix, strlen(prefix))) {
        return fs_error(FS_EINVAL, "virt: device tree: isa \"%s\" does not "
                        "start with %s", cfg->isa ? cfg->isa : "",
                        prefix);
    }
    if (cfg->timebase_hz == 0 || cfg->timebase_hz > UINT32_MAX) {
        return fs_error(FS_EINVAL, "virt: device tree: timebase %" PRIu64
                        " Hz does not fit timebase-frequency",
                        cfg->timebase_hz);
    }
    if (cfg->ram_size == 0 || cfg->ram_base + cfg->ram_size < cfg->ram_base) {
        return fs_error(FS_ERANGE, "virt: device tree: bad memory range "
                        "0x%016" PRIx64 "+0x%016" PRIx64, cfg->ram_base,
                        cfg->ram_size);
    }
    return 0;
}

void *virt_fdt_build(const VirtFdtConfig *cfg, size_t *size)
{
    size_t cap = VIRT_FDT_INITIAL_SIZE;
    void *buf;
    void *small;
    int err;

    if (virt_fdt_check(cfg) < 0) {
        return NULL;
    }
    for (;;) {
        buf = malloc(cap);
        if (!buf) {
            fs_error(FS_ENOMEM, "virt: out of memory");
            return NULL;
        }
        err = virt_fdt_write(buf, cap, cfg);
        if (err != -FDT_ERR_NOSPACE) {
            break;
        }
        free(buf);
        if (cap >= VIRT_FDT_MAX_SIZE) {
            fs_error(FS_ERANGE, "virt: device tree larger than %u bytes "
                     "(bootargs too long?)", VIRT_FDT_MAX_SIZE);
            return NULL;
        }
        cap *= 2;
    }
    if (err != 0) {
        free(buf);
        fs_error(FS_EINVAL, "virt: device tree: %s", fdt_strerror(err));
        return NULL;
    }
    *size = fdt_totalsize(buf);
    small = realloc(buf, *size);
    return small ? small : buf;
}
