/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Registers and memory of a hart for plugins (and later the GDB stub).
 * Order and names follow GDB's RISC-V target description: the 32 GPRs
 * by ABI name ("fp" for x8) and "pc" (org.gnu.gdb.riscv.cpu), the 32 FPRs
 * by ABI name, 64 bits wide (org.gnu.gdb.riscv.fpu), every CSR by name
 * (org.gnu.gdb.riscv.csr), then "priv" (org.gnu.gdb.riscv.virtual); all
 * but the FPRs are XLEN bits wide.
 */
#include "regs.h"

#include <string.h>

#include "cpu.h"
#include "disas.h"
#include "mmu.h"

#define N_GPRS 32
#define REG_PC N_GPRS
#define N_FPRS 32
#define FIRST_FPR (N_GPRS + 1)
#define FIRST_CSR (FIRST_FPR + N_FPRS)
#define FPR_BYTES 8 /* FLEN = 64 (D) on both XLENs */
#define CSR_SPACE 4096

static const char *const gpr_names[N_GPRS] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
    "fp", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
    "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

/* The CSRs this hart has, in number order (built once per XLEN). */
typedef struct CsrList {
    unsigned n;
    uint16_t num[CSR_SPACE];
} CsrList;

static const CsrList *csr_list(RvCpu *cpu)
{
    static CsrList lists[2];
    static bool done[2];
    unsigned k = cpu->xlen == 64;
    uint64_t v;

    if (!done[k]) {
        for (unsigned n = 0; n < CSR_SPACE; n++) {
            if (rv_csr_peek(cpu, n, &v)) {
                lists[k].num[lists[k].n++] = (uint16_t)n;
            }
        }
        done[k] = true;
    }
    return &lists[k];
}

static unsigned rv_n_regs(void *opaque)
{
    return FIRST_CSR + csr_list(opaque)->n + 1;
}

static void rv_reg_info(void *opaque, unsigned i, PluginRegInfo *info)
{
    RvCpu *cpu = opaque;
    const CsrList *csrs = csr_list(cpu);

    info->size = cpu->xlen / 8;
    info->is_readonly = false;
    if (i < N_GPRS) {
        info->name = gpr_names[i];
        info->feature = "org.gnu.gdb.riscv.cpu";
    } else if (i == REG_PC) {
        /* plugins change the PC with qemu_plugin_set_pc() */
        info->name = "pc";
        info->feature = "org.gnu.gdb.riscv.cpu";
        info->is_readonly = true;
    } else if (i - FIRST_FPR < N_FPRS) {
        info->name = rv_fpr_abi_names[i - FIRST_FPR];
        info->feature = "org.gnu.gdb.riscv.fpu";
        info->size = FPR_BYTES;
    } else if (i - FIRST_CSR < csrs->n) {
        unsigned num = csrs->num[i - FIRST_CSR];

        info->name = rv_csr_name(num);
        info->feature = "org.gnu.gdb.riscv.csr";
        info->is_readonly = (num >> 10) == 3;
    } else {
        info->name = "priv";
        info->feature = "org.gnu.gdb.riscv.virtual";
    }
}

static uint64_t reg_value(RvCpu *cpu, unsigned i)
{
    const CsrList *csrs = csr_list(cpu);
    uint64_t v = 0;

    if (i < N_GPRS) {
        return cpu->x[i];
    }
    if (i == REG_PC) {
        return cpu->pc;
    }
    if (i - FIRST_FPR < N_FPRS) {
        return cpu->f[i - FIRST_FPR];
    }
    if (i - FIRST_CSR < csrs->n) {
        rv_csr_peek(cpu, csrs->num[i - FIRST_CSR], &v);
        return v;
    }
    return cpu->priv;
}

static unsigned reg_size(const RvCpu *cpu, unsigned i)
{
    return i - FIRST_FPR < N_FPRS ? FPR_BYTES : cpu->xlen / 8;
}

static unsigned rv_read_reg(void *opaque, unsigned i, uint8_t *buf)
{
    RvCpu *cpu = opaque;
    uint64_t v = reg_value(cpu, i);
    unsigned size = reg_size(cpu, i);

    memcpy(buf, &v, size); /* little-endian host and target */
    return size;
}

static bool rv_write_reg(void *opaque, unsigned i, const uint8_t *buf,
                         size_t len)
{
    RvCpu *cpu = opaque;
    const CsrList *csrs = csr_list(cpu);
    uint64_t mask = cpu->xlen == 32 ? UINT64_C(0xffffffff) : UINT64_MAX;
    uint64_t v = 0;

    if (len != reg_size(cpu, i)) {
        return false;
    }
    memcpy(&v, buf, len);
    if (i - FIRST_FPR < N_FPRS) {
        cpu->f[i - FIRST_FPR] = v; /* as a debugger writes it: FS untouched */
        return true;
    }
    if (i < N_GPRS) {
        if (i) {
            cpu->x[i] = v & mask;
        }
        return true;
    }
    if (i == REG_PC) {
        return false;
    }
    if (i - FIRST_CSR < csrs->n) {
        bool ok = rv_csr_poke(cpu, csrs->num[i - FIRST_CSR], v);

        rv_mmu_update(cpu); /* the rest of the block may run on */
        return ok;
    }
    if (v != RV_PRIV_U && v != RV_PRIV_S && v != RV_PRIV_M) {
        return false;
    }
    cpu->priv = (unsigned)v;
    rv_mmu_update(cpu);
    return true;
}

static uint64_t rv_get_pc(void *opaque)
{
    return ((RvCpu *)opaque)->pc;
}

static void rv_set_pc(void *opaque, uint64_t pc)
{
    RvCpu *cpu = opaque;
    uint64_t mask = cpu->xlen == 32 ? UINT64_C(0xffffffff) : UINT64_MAX;

    cpu->pc = pc & mask & ~UINT64_C(1); /* IALIGN = 16 */
}

/* As a data load would translate now (without side effects). */
static bool rv_translate(void *opaque, uint64_t vaddr, uint64_t *paddr)
{
    return rv_mmu_debug_translate(opaque, vaddr, paddr);
}

static bool rv_read_phys(void *opaque, uint64_t paddr, uint8_t *buf,
                         size_t len)
{
    Bus *bus = &((RvCpu *)opaque)->machine->bus;

    for (size_t i = 0; i < len; i++) {
        uint64_t v;

        if (!bus_read(bus, paddr + i, 1, &v)) {
            return false;
        }
        buf[i] = (uint8_t)v;
    }
    return true;
}

static bool rv_write_phys(void *opaque, uint64_t paddr, const uint8_t *buf,
                          size_t len)
{
    Bus *bus = &((RvCpu *)opaque)->machine->bus;

    for (size_t i = 0; i < len; i++) {
        uint64_t old;

        /* an unchanged byte must not drop decoded code that holds it */
        if (bus_read(bus, paddr + i, 1, &old) && old == buf[i] &&
            bus_host_ptr(bus, paddr + i, 1)) {
            continue;
        }
        if (!bus_write(bus, paddr + i, 1, buf[i])) {
            return false;
        }
    }
    return true;
}

/*
 * The physical address of vaddr and how many of the len bytes from it
 * lie in its page: each page of a virtual range may map elsewhere.
 */
static bool virt_chunk(RvCpu *cpu, uint64_t vaddr, size_t len, uint64_t *pa,
                       size_t *n)
{
    uint64_t in_page = RV_PAGE_SIZE - (vaddr & (RV_PAGE_SIZE - 1));

    *n = len < in_page ? len : (size_t)in_page;
    return rv_mmu_debug_translate(cpu, vaddr, pa);
}

bool rv_read_virt(RvCpu *cpu, uint64_t vaddr, void *buf, size_t len)
{
    uint8_t *p = buf;

    while (len) {
        uint64_t pa;
        size_t n;

        if (!virt_chunk(cpu, vaddr, len, &pa, &n) ||
            !rv_read_phys(cpu, pa, p, n)) {
            return false;
        }
        vaddr += n;
        p += n;
        len -= n;
    }
    return true;
}

bool rv_write_virt(RvCpu *cpu, uint64_t vaddr, const void *buf, size_t len)
{
    const uint8_t *p = buf;

    while (len) {
        uint64_t pa;
        size_t n;

        if (!virt_chunk(cpu, vaddr, len, &pa, &n) ||
            !rv_write_phys(cpu, pa, p, n)) {
            return false;
        }
        vaddr += n;
        p += n;
        len -= n;
    }
    return true;
}

static bool rv_plugin_read_virt(void *opaque, uint64_t vaddr, uint8_t *buf,
                                size_t len)
{
    return rv_read_virt(opaque, vaddr, buf, len);
}

static bool rv_plugin_write_virt(void *opaque, uint64_t vaddr,
                                 const uint8_t *buf, size_t len)
{
    return rv_write_virt(opaque, vaddr, buf, len);
}

static bool rv_phys_is_io(void *opaque, uint64_t paddr, const char **device)
{
    MemRegion *r = bus_find(&((RvCpu *)opaque)->machine->bus, paddr, 1);

    *device = r ? r->name : NULL;
    return r && r->kind == MEM_MMIO;
}

const PluginCpuOps rv_plugin_cpu_ops = {
    .n_regs = rv_n_regs,
    .reg_info = rv_reg_info,
    .read_reg = rv_read_reg,
    .write_reg = rv_write_reg,
    .get_pc = rv_get_pc,
    .set_pc = rv_set_pc,
    .translate = rv_translate,
    .read_phys = rv_read_phys,
    .write_phys = rv_write_phys,
    .read_virt = rv_plugin_read_virt,
    .write_virt = rv_plugin_write_virt,
    .phys_is_io = rv_phys_is_io,
};
