/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What RISC-V boards share: loading images and the reset ROM, following
 * QEMU's hw/riscv/boot.c conventions so that one image boots the same way
 * on QEMU and on firmscope, and wiring hart 0 and its CLINT.
 */
#include "riscv_boot.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "error.h"

#define MiB (UINT64_C(1) << 20)
#define GiB (UINT64_C(1) << 30)

/* fw_dynamic_info (OpenSBI's dynamic firmware handoff), version 2. */
#define FW_DYNAMIC_INFO_MAGIC 0x4942534fu /* "OSBI" */
#define FW_DYNAMIC_INFO_VERSION 2u
#define FW_DYNAMIC_INFO_NEXT_MODE_S 1u

/* A raw binary image copied to `addr`; *end is one past its last byte. */
static int load_raw(Machine *m, const char *opt, const char *path,
                    uint64_t addr, uint64_t *end)
{
    FILE *f = fopen(path, "rb");
    uint8_t *data;
    long len;
    int ret;

    if (!f) {
        return fs_error(FS_EIO, "%s: cannot open '%s'", opt, path);
    }
    if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
        0 != fseek(f, 0, SEEK_SET)) {
        fclose(f);
        return fs_error(FS_EIO, "%s: cannot read '%s'", opt, path);
    }
    if (len == 0) {
        fclose(f);
        return fs_error(FS_EFORMAT, "%s: '%s' is empty", opt, path);
    }
    data = malloc((size_t)len);
    if (!data || fread(data, (size_t)len, 1, f) != 1) {
        free(data);
        fclose(f);
        return fs_error(FS_EIO, "%s: cannot read '%s'", opt, path);
    }
    fclose(f);
    ret = bus_load_image(&m->bus, addr, data, (size_t)len);
    free(data);
    if (ret < 0) {
        return fs_error(FS_ERANGE, "%s: '%s' (%ld bytes at 0x%llx) does not "
                        "fit in RAM", opt, path, len,
                        (unsigned long long)addr);
    }
    *end = addr + (uint64_t)len;
    return 0;
}

static int load_elf_image(Machine *m, const char *opt, const char *path,
                          ElfInfo *info)
{
    int ret = elf_load(path, &m->bus, info);

    if (ret < 0) {
        return ret;
    }
    if (info->xlen != m->cfg.xlen) {
        return fs_error(FS_EINVAL, "%s: '%s' is a %u-bit ELF but the CPU "
                        "is rv%u", opt, path, info->xlen, m->cfg.xlen);
    }
    return 0;
}

/* Write one XLEN-wide little-endian word into a ROM image. */
static void put_word(uint8_t *p, unsigned xlen, uint64_t v)
{
    for (unsigned i = 0; i < xlen / 8; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

static void put_u32(uint8_t *p, uint32_t v)
{
    put_word(p, 32, v);
}

/*
 * The reset ROM, instruction for instruction the one QEMU's virt and
 * spike boards use, so PC traces match:
 *   0x00 auipc t0, 0          0x04 addi a2, t0, 40  (fw_dynamic_info)
 *   0x08 csrr a0, mhartid     0x0c ld/lw a1, 32(t0) (fdt address)
 *   0x10 ld/lw t0, 24(t0)     0x14 jr t0            (start address)
 *   0x18 start address (8 bytes)  0x20 fdt address (8 bytes)
 *   0x28 fw_dynamic_info: magic, version, next_addr, next_mode,
 *        options, boot_hart (XLEN-wide each)
 */
static int write_reset_rom(Machine *m, uint64_t rom_base,
                           uint64_t start_addr, uint64_t kernel_entry,
                           uint64_t fdt_addr)
{
    unsigned xlen = m->cfg.xlen;
    uint8_t rom[0x28 + 6 * 8];
    uint8_t *info = rom + 0x28;

    memset(rom, 0, sizeof(rom));
    put_u32(rom + 0x00, 0x00000297);
    put_u32(rom + 0x04, 0x02828613);
    put_u32(rom + 0x08, 0xf1402573);
    put_u32(rom + 0x0c, xlen == 64 ? 0x0202b583 : 0x0202a583);
    put_u32(rom + 0x10, xlen == 64 ? 0x0182b283 : 0x0182a283);
    put_u32(rom + 0x14, 0x00028067);
    put_word(rom + 0x18, 64, start_addr);
    put_word(rom + 0x20, 64, fdt_addr);
    put_word(info + 0 * (xlen / 8), xlen, FW_DYNAMIC_INFO_MAGIC);
    put_word(info + 1 * (xlen / 8), xlen, FW_DYNAMIC_INFO_VERSION);
    put_word(info + 2 * (xlen / 8), xlen, kernel_entry);
    put_word(info + 3 * (xlen / 8), xlen, FW_DYNAMIC_INFO_NEXT_MODE_S);
    put_word(info + 4 * (xlen / 8), xlen, 0);
    put_word(info + 5 * (xlen / 8), xlen, 0);
    return bus_load_image(&m->bus, rom_base, rom,
                          0x28 + 6 * (size_t)(xlen / 8));
}

/*
 * Where QEMU puts the device tree: the top of DRAM below 3 GiB, aligned
 * down to 2 MiB.
 */
static uint64_t fdt_address(uint64_t dram_base, uint64_t ram_size)
{
    uint64_t end = dram_base + ram_size;
    uint64_t top = dram_base < 3 * GiB && end > 3 * GiB ? 3 * GiB : end;
    uint64_t addr = (top - 1) & ~(2 * MiB - 1);

    return addr < dram_base ? dram_base : addr;
}

int riscv_boot_load(Machine *m, RiscvBoot *boot, uint64_t rom_base,
                    uint64_t dram_base)
{
    const MachineConfig *cfg = &m->cfg;
    uint64_t firmware_end = dram_base;
    int ret;

    memset(boot, 0, sizeof(*boot));
    if (cfg->bios && strcmp(cfg->bios, "none") != 0) {
        if (elf_magic(cfg->bios) == 1) {
            ret = load_elf_image(m, "-bios", cfg->bios, &boot->bios);
            firmware_end = boot->bios.load_high;
        } else {
            ret = load_raw(m, "-bios", cfg->bios, dram_base, &firmware_end);
        }
        if (ret < 0) {
            return ret;
        }
    }
    if (cfg->kernel) {
        if (elf_magic(cfg->kernel) == 1) {
            ret = load_elf_image(m, "-kernel", cfg->kernel, &boot->kernel);
            boot->kernel_entry = boot->kernel.entry;
        } else {
            /* after the firmware: 2 MiB aligned on RV64, 4 MiB on RV32 */
            uint64_t align = cfg->xlen == 64 ? 2 * MiB : 4 * MiB;
            uint64_t end;

            boot->kernel_entry = (firmware_end + align - 1) & ~(align - 1);
            ret = load_raw(m, "-kernel", cfg->kernel, boot->kernel_entry,
                           &end);
        }
        if (ret < 0) {
            return ret;
        }
    }
    boot->fdt_addr = fdt_address(dram_base, cfg->ram_size);
    m->symbol_at = riscv_boot_symbol_at;
    m->symbol_opaque = boot;
    return write_reset_rom(m, rom_base, dram_base, boot->kernel_entry,
                           boot->fdt_addr);
}

void riscv_boot_free(RiscvBoot *boot)
{
    elf_info_free(&boot->bios);
    elf_info_free(&boot->kernel);
}

static bool find_symbol(const ElfInfo *info, const char *name,
                        uint64_t *value, uint64_t *size)
{
    for (size_t i = 0; i < info->n_syms; i++) {
        if (strcmp(info->syms[i].name, name) == 0) {
            *value = info->syms[i].value;
            *size = info->syms[i].size;
            return true;
        }
    }
    return false;
}

bool riscv_boot_symbol(const RiscvBoot *boot, const char *name,
                       uint64_t *value, uint64_t *size)
{
    return find_symbol(&boot->kernel, name, value, size) ||
           find_symbol(&boot->bios, name, value, size);
}

const char *riscv_boot_symbol_at(void *opaque, uint64_t addr)
{
    RiscvBoot *boot = opaque;
    const ElfSymbol *sym = elf_symbol_at(&boot->kernel, addr);

    if (!sym) {
        sym = elf_symbol_at(&boot->bios, addr);
    }
    return sym ? sym->name : NULL;
}

RvCpu *riscv_board_add_hart(Machine *m, uint64_t reset_pc)
{
    RvCpu *cpu = rv_cpu_new(m, m->cfg.xlen, 0, reset_pc);

    if (!cpu) {
        return NULL;
    }
    m->cpus[m->n_cpus++] = cpu;
    vclock_init(&m->clock, &cpu->icount, m->cfg.icount_shift);
    return cpu;
}

static uint64_t clint_read_time(void *opaque)
{
    return clint_mtime(opaque);
}

int riscv_board_add_clint(Machine *m, const char *name, uint64_t base,
                          uint64_t size, uint64_t timebase_hz, Clint **clint)
{
    RvCpu *cpu = m->cpus[0];
    IrqLine msip = irq_line(rv_cpu_irq_handler, cpu, RV_IRQ_MSI);
    IrqLine mtip = irq_line(rv_cpu_irq_handler, cpu, RV_IRQ_MTI);

    *clint = clint_new(1, &m->clock, timebase_hz, &msip, &mtip);
    if (!*clint) {
        return fs_error(FS_ENOMEM, "%s: out of memory", name);
    }
    assert(size >= CLINT_WINDOW_SIZE);
    cpu->read_time = clint_read_time;
    cpu->read_time_opaque = *clint;
    return clint_map(*clint, &m->bus, name, base);
}
