/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A machine: one address space, virtual time, the CPUs and the devices a
 * board created. The board fills it in; the run loop drives it.
 */
#ifndef FS_MACHINE_H
#define FS_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

#include "bus.h"
#include "chardev.h"
#include "vclock.h"

typedef struct RvCpu RvCpu;
typedef struct ElfInfo ElfInfo;

#define MACHINE_MAX_CPUS 8

typedef struct MachineConfig {
    const char *board;      /* "virt", "spike"; NULL: chosen from the ELF */
    unsigned xlen;          /* 32 or 64; 0: from the ELF, else 64 */
    uint64_t ram_size;      /* bytes */
    const char *bios;       /* file, "none", or NULL (= none) */
    const char *kernel;     /* ELF or NULL */
    unsigned icount_shift;  /* ns per instruction = 2^shift */
    unsigned n_cpus;        /* -smp */
    bool semihosting;       /* -semihosting */
    const char *dtb;        /* -dtb: device tree blob to pass instead */
    const char *dumpdtb;    /* -machine dumpdtb=FILE: write it, stop */
    const char *semihosting_root; /* root=DIR: guest paths stay under it;
                                   * NULL = the current directory */
    bool semihosting_system;  /* system=on: SYS_SYSTEM runs commands */
    const char *append;     /* -append: SYS_GET_CMDLINE after the kernel */
    bool one_insn_per_block; /* -singlestep: blocks of one instruction */
} MachineConfig;

typedef struct Machine {
    MachineConfig cfg;
    Bus bus;
    VClock clock;
    Chardev *serial;
    RvCpu *cpus[MACHINE_MAX_CPUS];
    unsigned n_cpus;
    bool exit_requested;
    bool init_only;         /* the configuration asked for no run (dumpdtb) */
    int exit_code;
    /* the loaded images' symbol containing addr, or NULL (board's) */
    const char *(*symbol_at)(void *opaque, uint64_t addr);
    void *symbol_opaque;
    void *board_state;      /* owned by the board, freed by its free hook */
    void (*board_free)(void *board_state);
} Machine;

/*
 * machine_catch_signals() - turn SIGINT, SIGTERM and SIGHUP into a clean
 * stop (logs flushed, plugin atexit callbacks run), as QEMU does.
 * machine_host_signal() - the signal received, or 0; the run loop polls it.
 */
void machine_catch_signals(void);
int machine_host_signal(void);

/*
 * machine_request_exit() - the guest asked to stop (test finisher, HTIF,
 * semihosting): the run loop returns after the current instruction and
 * firmscope exits with `code`.
 */
void machine_request_exit(Machine *m, int code);

#endif
