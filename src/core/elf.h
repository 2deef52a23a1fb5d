/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V ELF executables: validate a file, copy its PT_LOAD segments onto
 * the bus and look up its symbols. Every input file is treated as hostile.
 */
#ifndef FS_ELF_H
#define FS_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bus.h"

typedef struct ElfSymbol {
    char *name; /* owned by the ElfInfo */
    uint64_t value;
    uint64_t size;
    uint8_t type; /* STT_FUNC, STT_OBJECT, STT_NOTYPE */
} ElfSymbol;

typedef struct ElfInfo {
    unsigned xlen; /* 32 (ELFCLASS32) or 64 (ELFCLASS64) */
    uint64_t entry;
    uint64_t load_low, load_high; /* lowest address loaded, one past the
                                   * highest (physical, from p_paddr) */
    ElfSymbol *syms;              /* sorted by value */
    size_t n_syms;
} ElfInfo;

/*
 * elf_magic() - 1 if the file starts with the ELF magic, 0 if it does
 * not (a raw image), -1 if it cannot be opened. Reads 4 bytes only.
 */
int elf_magic(const char *path);

/*
 * elf_read() - parse and validate @path (ELF header, program headers and,
 * if present, the section headers and symbol table) without loading it.
 * The symbols kept are the named function, object and untyped ones of
 * .symtab that are defined (not SHN_UNDEF), minus RISC-V mapping symbols.
 * Returns 0, or -FS_EIO (cannot read), -FS_EFORMAT (malformed or not a
 * RISC-V executable) or -FS_ENOMEM, with a one-line message
 * "elf: PATH: problem". On failure *info is left empty; on success the
 * caller releases it with elf_info_free().
 */
int elf_read(const char *path, ElfInfo *info);

/*
 * elf_load() - elf_read(), then copy every PT_LOAD segment to its physical
 * address (p_paddr, as QEMU does for -bios/-kernel ELFs): the file bytes,
 * then zeroes up to p_memsz. A segment that is not wholly inside one RAM or
 * ROM region fails with -FS_ERANGE and a message naming the file, the
 * segment index and the address range; segments before it may already
 * have been copied. Same ownership rules as elf_read().
 */
int elf_load(const char *path, Bus *bus, ElfInfo *info);

/*
 * elf_symbol_value() - if a kept symbol called @name exists, store its
 * value in *value and return true; else return false.
 */
bool elf_symbol_value(const ElfInfo *info, const char *name, uint64_t *value);

/*
 * elf_symbol_at() - the symbol whose [value, value + size) holds @addr or,
 * if there is none, the closest symbol of size 0 at or below @addr; NULL
 * if neither exists. The pointer lives as long as @info. Cost is a binary
 * search plus a backward scan over the symbols below @addr, so callers on
 * a hot path should cache the result.
 */
const ElfSymbol *elf_symbol_at(const ElfInfo *info, uint64_t addr);

/* elf_info_free() - release the symbols and leave *info empty. */
void elf_info_free(ElfInfo *info);

#endif
