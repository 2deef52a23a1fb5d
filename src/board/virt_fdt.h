/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The flattened device tree of the `virt` board, laid out and named as
 * QEMU's, describing only the devices firmscope models.
 */
#ifndef BOARD_VIRT_FDT_H
#define BOARD_VIRT_FDT_H

#include <stddef.h>
#include <stdint.h>

typedef struct VirtFdtConfig {
    unsigned xlen;        /* 32 or 64 */
    uint64_t ram_base, ram_size;
    uint64_t timebase_hz; /* CLINT mtime frequency; must fit 32 bits */
    const char *isa;      /* e.g. "rv64imacsu"; must start "rv<xlen>" */
    const char *bootargs; /* kernel command line, or NULL */
} VirtFdtConfig;

/**
 * virt_fdt_build() - build the device tree blob for a virt machine
 * @cfg: hart and memory parameters; read only during the call
 * @size: receives the blob's size in bytes (its fdt totalsize)
 *
 * The blob is compact (no free space); a guest that edits it in place
 * grows it into the memory that follows, as with QEMU's.
 *
 * Returns: the blob, malloc'd and owned by the caller (free()), or NULL
 * with an FS_EINVAL, FS_ENOMEM or FS_ERANGE message (fs_error()).
 */
void *virt_fdt_build(const VirtFdtConfig *cfg, size_t *size);

#endif
