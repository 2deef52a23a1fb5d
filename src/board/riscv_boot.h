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
