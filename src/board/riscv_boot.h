/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Booting RISC-V boards the way QEMU does: firmware (-bios) at the start
 * of DRAM, the kernel (-kernel) from its ELF or after the firmware, and
 * a reset ROM that passes a0 = hartid, a1 = device-tree address,
 * a2 = fw_dynamic_info and jumps to the start of DRAM in M-mode.
 */
#ifndef BOARD_RISCV_BOOT_H
#define BOARD_RISCV_BOOT_H

#include "elf.h"
#include "machine.h"
#include "sifive_clint.h"

typedef struct RiscvBoot {
    ElfInfo bios;       /* symbols of the -bios ELF (empty if none/raw) */
    ElfInfo kernel;     /* symbols of the -kernel ELF (empty if none/raw) */
    uint64_t kernel_entry;
    uint64_t fdt_addr;
} RiscvBoot;

/*
 * riscv_boot_load() - load -bios and -kernel images into DRAM at
 * dram_base (ELF at their own addresses, raw images as QEMU places
 * them) and write the reset ROM at rom_base. Returns 0 or -FS_E*.
 */
int riscv_boot_load(Machine *m, RiscvBoot *boot, uint64_t rom_base,
                    uint64_t dram_base);

/*
 * riscv_board_add_hart() - hart 0 of m at reset_pc, with the XLEN of the
 * configuration; virtual time follows its instruction count. Call before
 * creating devices (their timers use the clock). NULL on failure.
 */
struct RvCpu *riscv_board_add_hart(Machine *m, uint64_t reset_pc);

/*
 * riscv_board_add_clint() - a CLINT in the window [base, base+size)
 * (size >= CLINT_WINDOW_SIZE; mapped as clint_map() says) driving hart
 * 0's software and timer interrupts, with mtime at timebase_hz; it is
 * also what the hart's time CSR reads. *clint receives it (the board
 * frees it). 0 or -FS_E*.
 */
int riscv_board_add_clint(Machine *m, const char *name, uint64_t base,
                          uint64_t size, uint64_t timebase_hz,
                          Clint **clint);

/* riscv_boot_free() - release the symbol tables. */
void riscv_boot_free(RiscvBoot *boot);

/*
 * riscv_boot_symbol() - look a symbol up in the kernel, then the bios
 * ELF (HTIF's tohost/fromhost). True and *value if found.
 */
bool riscv_boot_symbol(const RiscvBoot *boot, const char *name,
                       uint64_t *value, uint64_t *size);

/*
 * riscv_boot_symbol_at() - name of the kernel's (else the bios's) symbol
 * containing addr, or NULL. Its opaque is the RiscvBoot.
 */
const char *riscv_boot_symbol_at(void *boot, uint64_t addr);

#endif
