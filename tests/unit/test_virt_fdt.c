/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the virt device tree: node paths and property values
 * read back with libfdt for rv64 and rv32, bad configurations, and a
 * round trip through dtc.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libfdt.h>

#include "error.h"
#include "test.h"
#include "virt_fdt.h"

static const VirtFdtConfig cfg64 = {
    64, 0x80000000u, 128u << 20, 10000000u, "rv64imacsu",
    "console=ttyS0 earlycon",
};

static const VirtFdtConfig cfg32 = {
    32, 0x80000000u, 64u << 20, 10000000u, "rv32imacsu", NULL,
};

static const char *const nodes[] = {
    "/chosen",
    "/cpus",
    "/cpus/cpu@0",
    "/cpus/cpu@0/interrupt-controller",
    "/cpus/cpu-map/cluster0/core0",
    "/soc",
    "/soc/test@100000",
    "/soc/reboot",
    "/soc/poweroff",
    "/soc/clint@2000000",
    "/soc/serial@10000000",
};

/* Property `name` of the node at `path`, or NULL (*len < 0). */
static const void *prop(const void *fdt, const char *path, const char *name,
                        int *len)
{
    int node = fdt_path_offset(fdt, path);

    *len = -1;
    if (node < 0) {
        printf("#   no node %s: %s\n", path, fdt_strerror(node));
        return NULL;
    }
    return fdt_getprop(fdt, node, name, len);
}

static uint64_t prop_u32(const void *fdt, const char *path,
                         const char *name)
{
    int len;
    const fdt32_t *p = prop(fdt, path, name, &len);

    return p && len == 4 ? fdt32_to_cpu(*p) : 0xdeadbeefdeadull;
}

static const char *prop_str(const void *fdt, const char *path,
                            const char *name)
{
    int len;
    const char *p = prop(fdt, path, name, &len);

    return p && len > 0 && p[len - 1] == '\0' ? p : NULL;
}

/* True if the property is exactly the bytes of `val` (NULs included). */
static int prop_is(const void *fdt, const char *path, const char *name,
                   const void *val, size_t size)
{
    int len;
    const void *p = prop(fdt, path, name, &len);

    return p && len == (int)size && memcmp(p, val, size) == 0;
}

/*
 * reg of two-cell address and size: checks base and size. Properties
 * are only 4-byte aligned, hence fdt64_ld().
 */
static void check_reg(const void *fdt, const char *path, uint64_t base,
                      uint64_t size)
{
    int len;
    const fdt64_t *p = prop(fdt, path, "reg", &len);

    CHECK(p && len == 16);
    if (p && len == 16) {
        CHECK_EQ_HEX(fdt64_ld(&p[0]), base);
        CHECK_EQ_HEX(fdt64_ld(&p[1]), size);
    }
}

/* Path of the node with phandle `ph`, or "" */
static const char *phandle_path(const void *fdt, uint32_t ph, char *buf,
                                int len)
{
    int node = fdt_node_offset_by_phandle(fdt, ph);

    if (node < 0 || fdt_get_path(fdt, node, buf, len) < 0) {
        return "";
    }
    return buf;
}

static void check_tree(const VirtFdtConfig *cfg)
{
    static const char clint[] = "sifive,clint0\0riscv,clint0";
    static const char test[] = "sifive,test1\0sifive,test0\0syscon";
    char mem[32], path[64];
    size_t size = 0;
    void *fdt;
    int len;
    const fdt32_t *irqs;

    fs_error_clear();
    fdt = virt_fdt_build(cfg, &size);
    CHECK(fdt != NULL);
    if (!fdt) {
        printf("#   %s\n", fs_error_msg());
        return;
    }
    CHECK_EQ_HEX(fdt_check_header(fdt), 0);
    CHECK_EQ_HEX(fdt_totalsize(fdt), size);
    for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
        CHECK(fdt_path_offset(fdt, nodes[i]) >= 0);
    }
    snprintf(mem, sizeof(mem), "/memory@%" PRIx64, cfg->ram_base);

    CHECK_EQ_HEX(prop_u32(fdt, "/", "#address-cells"), 2);
    CHECK_EQ_HEX(prop_u32(fdt, "/", "#size-cells"), 2);
    CHECK_STR(prop_str(fdt, "/", "compatible"), "riscv-virtio");
    CHECK_STR(prop_str(fdt, "/", "model"), "riscv-virtio,qemu");
    CHECK_EQ_HEX(prop_u32(fdt, "/soc", "#address-cells"), 2);
    CHECK_EQ_HEX(prop_u32(fdt, "/soc", "#size-cells"), 2);
    CHECK_STR(prop_str(fdt, "/soc", "compatible"), "simple-bus");

    CHECK_STR(prop_str(fdt, "/chosen", "stdout-path"),
              "/soc/serial@10000000");
    if (cfg->bootargs) {
        CHECK_STR(prop_str(fdt, "/chosen", "bootargs"), cfg->bootargs);
    } else {
        CHECK(!prop(fdt, "/chosen", "bootargs", &len));
    }

    CHECK_STR(prop_str(fdt, mem, "device_type"), "memory");
    check_reg(fdt, mem, cfg->ram_base, cfg->ram_size);

    CHECK_EQ_HEX(prop_u32(fdt, "/cpus", "timebase-frequency"),
                 cfg->timebase_hz);
    CHECK_STR(prop_str(fdt, "/cpus/cpu@0", "riscv,isa"), cfg->isa);
    CHECK_STR(prop_str(fdt, "/cpus/cpu@0", "device_type"), "cpu");
    CHECK_STR(prop_str(fdt, "/cpus/cpu@0", "compatible"), "riscv");
    /* QEMU 7.2's: the widest satp mode (Sv32 on RV32, Sv48 on RV64) */
    CHECK_STR(prop_str(fdt, "/cpus/cpu@0", "mmu-type"),
              cfg->xlen == 32 ? "riscv,sv32" : "riscv,sv48");
    CHECK_EQ_HEX(prop_u32(fdt, "/cpus/cpu@0", "reg"), 0);
    CHECK_EQ_HEX(prop_u32(fdt, "/cpus/cpu@0/interrupt-controller",
                          "#interrupt-cells"), 1);
    CHECK(prop_is(fdt, "/cpus/cpu@0/interrupt-controller",
                  "interrupt-controller", "", 0));
    CHECK_STR(prop_str(fdt, "/cpus/cpu@0/interrupt-controller",
                       "compatible"), "riscv,cpu-intc");
    CHECK_STR(phandle_path(fdt, (uint32_t)prop_u32(fdt,
                           "/cpus/cpu-map/cluster0/core0", "cpu"),
                           path, sizeof(path)), "/cpus/cpu@0");

    CHECK(prop_is(fdt, "/soc/clint@2000000", "compatible", clint,
                  sizeof(clint)));
    check_reg(fdt, "/soc/clint@2000000", 0x2000000, 0x10000);
    irqs = prop(fdt, "/soc/clint@2000000", "interrupts-extended", &len);
    CHECK(irqs && len == 16);
    if (irqs && len == 16) {
        CHECK_STR(phandle_path(fdt, fdt32_to_cpu(irqs[0]), path,
                               sizeof(path)),
                  "/cpus/cpu@0/interrupt-controller");
        CHECK_EQ_HEX(fdt32_to_cpu(irqs[1]), 3);
        CHECK_EQ_HEX(fdt32_to_cpu(irqs[2]), fdt32_to_cpu(irqs[0]));
        CHECK_EQ_HEX(fdt32_to_cpu(irqs[3]), 7);
    }

    CHECK(prop_is(fdt, "/soc/test@100000", "compatible", test,
                  sizeof(test)));
    check_reg(fdt, "/soc/test@100000", 0x100000, 0x1000);
    CHECK_STR(prop_str(fdt, "/soc/reboot", "compatible"), "syscon-reboot");
    CHECK_EQ_HEX(prop_u32(fdt, "/soc/reboot", "value"), 0x7777);
    CHECK_EQ_HEX(prop_u32(fdt, "/soc/reboot", "offset"), 0);
    CHECK_STR(phandle_path(fdt, (uint32_t)prop_u32(fdt, "/soc/reboot",
                           "regmap"), path, sizeof(path)),
              "/soc/test@100000");
    CHECK_STR(prop_str(fdt, "/soc/poweroff", "compatible"),
              "syscon-poweroff");
    CHECK_EQ_HEX(prop_u32(fdt, "/soc/poweroff", "value"), 0x5555);
    CHECK_STR(phandle_path(fdt, (uint32_t)prop_u32(fdt, "/soc/poweroff",
                           "regmap"), path, sizeof(path)),
              "/soc/test@100000");

    CHECK_STR(prop_str(fdt, "/soc/serial@10000000", "compatible"),
              "ns16550a");
    check_reg(fdt, "/soc/serial@10000000", 0x10000000, 0x100);
    CHECK_EQ_HEX(prop_u32(fdt, "/soc/serial@10000000", "clock-frequency"),
                 3686400);

    /* the PLIC, QEMU 7.2's virt node: M then S external interrupts */
    {
        static const char plic[] = "sifive,plic-1.0.0\0riscv,plic0";

        CHECK(prop_is(fdt, "/soc/plic@c000000", "compatible", plic,
                      sizeof(plic)));
        check_reg(fdt, "/soc/plic@c000000", 0xc000000, 0x600000);
        CHECK_EQ_HEX(prop_u32(fdt, "/soc/plic@c000000", "riscv,ndev"), 95);
        CHECK_EQ_HEX(prop_u32(fdt, "/soc/plic@c000000", "#interrupt-cells"),
                     1);
        CHECK(prop_is(fdt, "/soc/plic@c000000", "interrupt-controller", "",
                      0));
        irqs = prop(fdt, "/soc/plic@c000000", "interrupts-extended", &len);
        CHECK(irqs && len == 16);
        if (irqs && len == 16) {
            CHECK_STR(phandle_path(fdt, fdt32_to_cpu(irqs[0]), path,
                                   sizeof(path)),
                      "/cpus/cpu@0/interrupt-controller");
            CHECK_EQ_HEX(fdt32_to_cpu(irqs[1]), 11);
            CHECK_EQ_HEX(fdt32_to_cpu(irqs[2]), fdt32_to_cpu(irqs[0]));
            CHECK_EQ_HEX(fdt32_to_cpu(irqs[3]), 9);
        }
        /* the UART interrupts through it, on source 10 */
        CHECK_EQ_HEX(prop_u32(fdt, "/soc/serial@10000000", "interrupts"), 10);
        CHECK_STR(phandle_path(fdt, (uint32_t)prop_u32(fdt,
                               "/soc/serial@10000000", "interrupt-parent"),
                               path, sizeof(path)),
                  "/soc/plic@c000000");
    }

    /* not modelled yet, so absent */
    CHECK(fdt_path_offset(fdt, "/soc/virtio_mmio@10001000") < 0);
    free(fdt);
}

static void test_rv64(void)
{
    check_tree(&cfg64);
}

static void test_rv32(void)
{
    check_tree(&cfg32);
}

/* Build from cfg64 with one field changed by `bad`; expect failure. */
static void check_rejected(VirtFdtConfig bad)
{
    size_t size = 0;
    void *fdt;

    fs_error_clear();
    fdt = virt_fdt_build(&bad, &size);
    CHECK(fdt == NULL);
    CHECK(strncmp(fs_error_msg(), "virt: ", 6) == 0);
    free(fdt);
}

static void test_bad_config(void)
{
    VirtFdtConfig c = cfg64;

    c.xlen = 48;
    check_rejected(c);
    c = cfg64;
    c.isa = NULL;
    check_rejected(c);
    c = cfg64;
    c.isa = "rv32imac";
    check_rejected(c);
    c = cfg64;
    c.timebase_hz = 0x100000000ull;
    check_rejected(c);
    c = cfg64;
    c.ram_size = 0;
    check_rejected(c);
    c = cfg64;
    c.ram_base = UINT64_MAX;
    check_rejected(c);
}

/* A command line longer than the first buffer makes the blob grow. */
static void test_long_bootargs(void)
{
    VirtFdtConfig c = cfg64;
    size_t size = 0;
    char *args = malloc(20000);
    void *fdt;

    CHECK(args != NULL);
    if (!args) {
        return;
    }
    memset(args, 'x', 19999);
    args[19999] = '\0';
    c.bootargs = args;
    fdt = virt_fdt_build(&c, &size);
    CHECK(fdt != NULL);
    CHECK(size > 20000);
    if (fdt) {
        CHECK_STR(prop_str(fdt, "/chosen", "bootargs"), args);
    }
    free(fdt);
    free(args);
}

/*
 * dtc must read the blob back and show the serial and memory nodes.
 * -q: it warns, as for QEMU 7.2's tree, about /soc/reboot and
 * /soc/poweroff lacking reg under a simple-bus and about the cpu intc
 * lacking #address-cells; those are layout facts we keep.
 */
static void check_dtc(const VirtFdtConfig *cfg)
{
    char path[] = "/tmp/test_virt_fdt_XXXXXX";
    char cmd[128], mem[32];
    static char out[65536];
    size_t size = 0, n = 0, got;
    void *fdt;
    FILE *f;
    int fd;

    if (system("command -v dtc >/dev/null 2>&1") != 0) {
        printf("#   dtc not found: install device-tree-compiler\n");
        CHECK(!"dtc available");
        return;
    }
    fdt = virt_fdt_build(cfg, &size);
    CHECK(fdt != NULL);
    if (!fdt) {
        return;
    }
    fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0) {
        free(fdt);
        return;
    }
    CHECK(write(fd, fdt, size) == (ssize_t)size);
    close(fd);
    free(fdt);

    snprintf(cmd, sizeof(cmd), "dtc -q -I dtb -O dts %s", path);
    f = popen(cmd, "r");
    CHECK(f != NULL);
    if (f) {
        while (n < sizeof(out) - 1 &&
               (got = fread(out + n, 1, sizeof(out) - 1 - n, f)) > 0) {
            n += got;
        }
        out[n] = '\0';
        CHECK(pclose(f) == 0);
        snprintf(mem, sizeof(mem), "memory@%" PRIx64 " {", cfg->ram_base);
        CHECK(strstr(out, "serial@10000000 {") != NULL);
        CHECK(strstr(out, mem) != NULL);
        CHECK(strstr(out, "stdout-path = \"/soc/serial@10000000\";"));
    }
    unlink(path);
}

static void test_dtc_rv64(void)
{
    check_dtc(&cfg64);
}

static void test_dtc_rv32(void)
{
    check_dtc(&cfg32);
}

TEST_MAIN({ "rv64", test_rv64 }, { "rv32", test_rv32 },
          { "bad_config", test_bad_config },
          { "long_bootargs", test_long_bootargs },
          { "dtc_rv64", test_dtc_rv64 }, { "dtc_rv32", test_dtc_rv32 })
