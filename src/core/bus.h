/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The physical address space: RAM, ROM and device (MMIO) regions.
 * Devices see offsets inside their own window and sizes they declared;
 * the bus splits wider accesses and widens narrower ones for them.
 * An access that hits no region, or that its device does not accept,
 * fails (the CPU turns that into an access fault for the guest).
 */
#ifndef FS_BUS_H
#define FS_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t DevReadFn(void *opaque, uint64_t offset, unsigned size);
typedef void DevWriteFn(void *opaque, uint64_t offset, uint64_t value,
                        unsigned size);

/*
 * A device's callbacks and access sizes, as QEMU's MemoryRegionOps:
 * min_size/max_size are what it implements (.impl; the bus widens or
 * splits other valid accesses to fit), valid_min/valid_max what the guest
 * may use (.valid): any other size fails and the guest gets an access
 * fault. valid_max 0 means every size is valid, as in QEMU.
 */
typedef struct DevOps {
    const char *name;
    DevReadFn *read;
    DevWriteFn *write;
    unsigned min_size;  /* smallest access the device implements (1,2,4,8) */
    unsigned max_size;  /* largest access the device implements */
    unsigned valid_min; /* smallest access the guest may make */
    unsigned valid_max; /* largest, or 0: every size is valid */
} DevOps;

typedef enum MemKind {
    MEM_RAM,  /* host memory, read/write/execute */
    MEM_ROM,  /* host memory, guest writes are ignored */
    MEM_MMIO, /* device callbacks */
} MemKind;

typedef struct MemRegion {
    const char *name;
    uint64_t base;
    uint64_t size;
    MemKind kind;
    uint8_t *host;      /* RAM/ROM backing */
    const DevOps *ops;  /* MMIO */
    void *opaque;       /* MMIO device state */
} MemRegion;

#define BUS_MAX_REGIONS 32

typedef struct Bus {
    MemRegion regions[BUS_MAX_REGIONS]; /* MMIO overlays first */
    unsigned n_regions;
    /*
     * Pages of RAM/ROM that hold decoded code: one bit per 64-byte chunk.
     * A store into a marked chunk calls code_write_cb so cached decoded
     * blocks can be dropped (self-modifying code).
     */
    void (*code_write_cb)(void *opaque, uint64_t paddr, unsigned size);
    void *code_write_opaque;
    /*
     * After bus_read()/bus_write() fail: the address of the access that
     * failed, or of the piece that failed of a misaligned device access.
     */
    uint64_t fault_addr;
} Bus;

#define BUS_CODE_CHUNK_SHIFT 6

/* bus_init() - an empty address space. */
void bus_init(Bus *bus);

/* bus_free() - release all RAM/ROM backing. */
void bus_free(Bus *bus);

/*
 * bus_add_ram()/bus_add_rom() - map zeroed host memory at [base, base+size).
 * RAM is reserved lazily (untouched pages cost nothing).
 * Returns 0, or a negative FS_E* code with a message if it overlaps an
 * existing RAM/ROM region or cannot be allocated.
 */
int bus_add_ram(Bus *bus, const char *name, uint64_t base, uint64_t size);
int bus_add_rom(Bus *bus, const char *name, uint64_t base, uint64_t size);

/*
 * bus_add_mmio() - map a device. A device window may overlay RAM (HTIF's
 * tohost does): overlays are looked up before RAM.
 */
int bus_add_mmio(Bus *bus, const char *name, uint64_t base, uint64_t size,
                 const DevOps *ops, void *opaque);

/* bus_find() - the region holding [addr, addr+size), or NULL. */
MemRegion *bus_find(Bus *bus, uint64_t addr, uint64_t size);

/*
 * bus_read()/bus_write() - one guest access of 1, 2, 4 or 8 bytes,
 * little-endian. Return true on success, false if the access hits no
 * region (or straddles two) or its device does not accept its size; then
 * bus->fault_addr says which address failed.
 *
 * A misaligned access that starts in a device is done as QEMU 7.2's TCG
 * does it (accel/tcg/cputlb.c load_helper(), store_helper_unaligned()),
 * so devices only ever see aligned accesses: a read becomes the two
 * aligned reads of the same size around it, a write becomes byte writes
 * in address order. Each piece is checked on its own; the first that
 * fails stops the access (earlier bytes of a write stay written).
 */
bool bus_read(Bus *bus, uint64_t addr, unsigned size, uint64_t *value);
bool bus_write(Bus *bus, uint64_t addr, unsigned size, uint64_t value);

/*
 * bus_load_image() - copy bytes into RAM/ROM at addr (ELF loading, the
 * reset ROM). Returns 0, or -FS_ERANGE with a message if any byte falls
 * outside RAM/ROM.
 */
int bus_load_image(Bus *bus, uint64_t addr, const void *data, size_t len);

/*
 * bus_host_ptr() - host pointer to [addr, addr+size) if it lies wholly in
 * one RAM or ROM region with no device overlay, else NULL. Valid until
 * bus_free().
 */
uint8_t *bus_host_ptr(Bus *bus, uint64_t addr, uint64_t size);

#endif
