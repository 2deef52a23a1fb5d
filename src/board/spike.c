/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The `spike` board with QEMU's memory map (QEMU 7.2 hw/riscv/spike.c):
 * reset ROM, CLINT and DRAM, with the console and exit through the
 * Berkeley HTIF at the ELF's `tohost`/`fromhost` symbols, so riscv-tests
 * style images run and their exit code is the test result.
 */
#include <stdlib.h>

#include "board.h"
#include "cpu.h"
#include "error.h"
#include "riscv_boot.h"
#include "sifive_clint.h"
#include "ucb_htif.h"

#define SPIKE_TIMEBASE_HZ 10000000u

typedef enum SpikeKind {
    SPIKE_ROM,
    SPIKE_RAM,
    SPIKE_CLINT_DEV,
    SPIKE_HTIF_DEV,
} SpikeKind;

enum {
    SPIKE_MROM,
    SPIKE_HTIF,
    SPIKE_CLINT,
    SPIKE_DRAM,
    SPIKE_N_RANGES,
};

typedef struct SpikeRange {
    const char *name;
    uint64_t base; /* HTIF: used only when the ELF has no tohost symbol */
    uint64_t size; /* 0 for DRAM: -m decides */
    SpikeKind kind;
} SpikeRange;

static const SpikeRange spike_map[SPIKE_N_RANGES] = {
    [SPIKE_MROM] = { "riscv.spike.mrom", 0x1000, 0xf000, SPIKE_ROM },
    [SPIKE_HTIF] = { "htif", 0x1000000, 0x1000, SPIKE_HTIF_DEV },
    [SPIKE_CLINT] = { "clint", 0x2000000, 0x10000, SPIKE_CLINT_DEV },
    [SPIKE_DRAM] = { "riscv.spike.ram", 0x80000000, 0, SPIKE_RAM },
};

typedef struct SpikeState {
    RiscvBoot boot;
    Clint *clint;
    Htif *htif;
} SpikeState;

static void spike_free(void *opaque)
{
    SpikeState *s = opaque;

    clint_free(s->clint);
    htif_free(s->htif);
    riscv_boot_free(&s->boot);
    free(s);
}

/*
 * HTIF goes where the images' symbols say (after loading, since RAM
 * under a device window cannot be loaded), else at the fixed address.
 */
static int spike_map_htif(Machine *m, SpikeState *s, const SpikeRange *r)
{
    uint64_t tohost, fromhost = 0, size;

    s->htif = htif_new(m, &m->bus, m->serial);
    if (!s->htif) {
        return fs_error(FS_ENOMEM, "spike: out of memory");
    }
    if (riscv_boot_symbol(&s->boot, "tohost", &tohost, &size)) {
        riscv_boot_symbol(&s->boot, "fromhost", &fromhost, &size);
        return htif_map(s->htif, tohost, fromhost);
    }
    return htif_map(s->htif, r->base, r->base + 8);
}

static int spike_map_range(Machine *m, SpikeState *s, unsigned i)
{
    const SpikeRange *r = &spike_map[i];

    switch (r->kind) {
    case SPIKE_ROM:
        return bus_add_rom(&m->bus, r->name, r->base, r->size);
    case SPIKE_RAM:
        return bus_add_ram(&m->bus, r->name, r->base, m->cfg.ram_size);
    case SPIKE_CLINT_DEV:
        return riscv_board_add_clint(m, r->name, r->base, r->size,
                                     SPIKE_TIMEBASE_HZ, &s->clint);
    case SPIKE_HTIF_DEV:
        return 0; /* mapped by spike_init() once the images are loaded */
    }
    return 0;
}

static int spike_init(Machine *m)
{
    SpikeState *s = calloc(1, sizeof(*s));
    RvCpu *cpu;
    int ret;

    if (!s) {
        return fs_error(FS_ENOMEM, "spike: out of memory");
    }
    if (m->cfg.dtb || m->cfg.dumpdtb) {
        free(s);
        return fs_error(FS_EINVAL, "-M spike: this board has no device tree "
                        "yet (-dtb, dumpdtb= are for virt)");
    }
    m->board_state = s;
    m->board_free = spike_free;
    cpu = riscv_board_add_hart(m, spike_map[SPIKE_MROM].base);
    if (!cpu) {
        return -FS_ENOMEM;
    }
    for (unsigned i = 0; i < SPIKE_N_RANGES; i++) {
        ret = spike_map_range(m, s, i);
        if (ret < 0) {
            return ret;
        }
    }
    ret = riscv_boot_load(m, &s->boot, spike_map[SPIKE_MROM].base,
                          spike_map[SPIKE_DRAM].base);
    if (ret < 0) {
        return ret;
    }
    ret = spike_map_htif(m, s, &spike_map[SPIKE_HTIF]);
    if (ret < 0) {
        return ret;
    }
    return rv_cpu_map_memory(cpu);
}

const BoardDesc board_spike = {
    .name = "spike",
    .description = "RISC-V Spike board (HTIF console and exit)",
    .init = spike_init,
};
