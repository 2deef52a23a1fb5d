/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -d exec and -d cpu[,fpu]: what runs and the state it runs in, printed
 * as QEMU 7.2 prints them for a RISC-V hart without the H extension, so
 * that the differential tests (tests/diff) read both logs with one
 * parser and compare them line for line.
 */
#include <inttypes.h>

#include "block.h"
#include "cpu.h"
#include "disas.h"
#include "log.h"

/* The CSRs of QEMU's dump, in its order (mstatush on RV32 only). */
static const uint16_t dumped_csrs[] = {
    0xf14, /* mhartid */
    0x300, /* mstatus */
    0x310, /* mstatush */
    0x344, /* mip */
    0x304, /* mie */
    0x303, /* mideleg */
    0x302, /* medeleg */
    0x305, /* mtvec */
    0x105, /* stvec */
    0x341, /* mepc */
    0x141, /* sepc */
    0x342, /* mcause */
    0x142, /* scause */
    0x343, /* mtval */
    0x143, /* stval */
    0x340, /* mscratch */
    0x140, /* sscratch */
    0x180, /* satp */
};

static void log_state(RvCpu *cpu)
{
    int w = cpu->xlen / 4; /* hex digits of an XLEN-wide value */
    char name[16];

    log_printf(" %-8s %0*" PRIx64 "\n", "pc", w, cpu->pc);
    for (unsigned i = 0; i < FS_ARRAY_SIZE(dumped_csrs); i++) {
        uint64_t v;

        if (rv_csr_peek(cpu, dumped_csrs[i], &v)) {
            log_printf(" %-8s %0*" PRIx64 "\n", rv_csr_name(dumped_csrs[i]),
                       w, v);
        }
    }
    for (unsigned i = 0; i < 32; i++) {
        snprintf(name, sizeof(name), "x%u/%s", i, rv_gpr_abi_names[i]);
        log_printf(" %-8s %0*" PRIx64 "%s", name, w, cpu->x[i],
                   (i & 3) == 3 ? "\n" : "");
    }
    if (log_enabled(LOG_FPU)) {
        for (unsigned i = 0; i < 32; i++) {
            snprintf(name, sizeof(name), "f%u/%s", i, rv_fpr_abi_names[i]);
            log_printf(" %-8s %016" PRIx64 "%s", name, cpu->f[i],
                       (i & 3) == 3 ? "\n" : "");
        }
    }
}

void rv_log_block(RvCpu *cpu, const RvBlock *blk)
{
    if (log_enabled(LOG_EXEC)) {
        Machine *m = cpu->machine;
        const char *sym = m->symbol_at ? m->symbol_at(m->symbol_opaque,
                                                      blk->pc)
                                       : NULL;
        int w = cpu->xlen / 4;

        /* QEMU: host code, cs_base/pc/flags/cflags, symbol */
        log_printf("Trace %u: %p [%0*" PRIx64 "/%0*" PRIx64 "/%08x/%08x] "
                   "%s\n",
                   cpu->hartid, (const void *)blk, w, (uint64_t)0, w, blk->pc,
                   cpu->priv, blk->n_insns, sym ? sym : "");
    }
    if (log_enabled(LOG_CPU)) {
        log_state(cpu);
    }
}
