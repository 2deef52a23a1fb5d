/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The physical address space (see bus.h). */
#include "bus.h"

#include <assert.h>
#include <inttypes.h>
#include <string.h>
#include <sys/mman.h>

#include "compiler.h"
#include "error.h"
#include "log.h"

void bus_init(Bus *bus)
{
    memset(bus, 0, sizeof(*bus));
}

void bus_free(Bus *bus)
{
    for (unsigned i = 0; i < bus->n_regions; i++) {
        MemRegion *r = &bus->regions[i];

        if (r->host) {
            munmap(r->host, r->size);
        }
    }
    bus->n_regions = 0;
}

static bool ranges_overlap(uint64_t a, uint64_t an, uint64_t b, uint64_t bn)
{
    return a < b + bn && b < a + an;
}

static int add_region(Bus *bus, const MemRegion *r)
{
    if (r->size == 0 || r->base + r->size - 1 < r->base) {
        return fs_error(FS_ERANGE, "bus: region %s has a bad size", r->name);
    }
    if (bus->n_regions == BUS_MAX_REGIONS) {
        return fs_error(FS_ENOMEM, "bus: too many regions");
    }
    for (unsigned i = 0; i < bus->n_regions; i++) {
        const MemRegion *o = &bus->regions[i];

        /* Only a device may overlay memory; nothing else may overlap. */
        if (ranges_overlap(r->base, r->size, o->base, o->size) &&
            (r->kind != MEM_MMIO) == (o->kind != MEM_MMIO)) {
            return fs_error(FS_ERANGE, "bus: region %s overlaps %s",
                            r->name, o->name);
        }
    }
    if (r->kind == MEM_MMIO) {
        /* Overlays are looked up first: keep devices before memory. */
        memmove(&bus->regions[1], &bus->regions[0],
                bus->n_regions * sizeof(MemRegion));
        bus->regions[0] = *r;
    } else {
        bus->regions[bus->n_regions] = *r;
    }
    bus->n_regions++;
    return 0;
}

static int add_memory(Bus *bus, const char *name, uint64_t base,
                      uint64_t size, MemKind kind)
{
    MemRegion r = { name, base, size, kind, NULL, NULL, NULL };
    int ret;

    /* An anonymous mapping costs nothing until the guest touches a page. */
    r.host = mmap(NULL, size, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (r.host == MAP_FAILED) {
        return fs_error(FS_ENOMEM, "bus: cannot reserve %llu bytes for %s",
                        (unsigned long long)size, name);
    }
    ret = add_region(bus, &r);
    if (ret < 0) {
        munmap(r.host, size);
    }
    return ret;
}

int bus_add_ram(Bus *bus, const char *name, uint64_t base, uint64_t size)
{
    return add_memory(bus, name, base, size, MEM_RAM);
}

int bus_add_rom(Bus *bus, const char *name, uint64_t base, uint64_t size)
{
    return add_memory(bus, name, base, size, MEM_ROM);
}

int bus_add_mmio(Bus *bus, const char *name, uint64_t base, uint64_t size,
                 const DevOps *ops, void *opaque)
{
    MemRegion r = { name, base, size, MEM_MMIO, NULL, ops, opaque };

    assert(ops && ops->read && ops->write);
    assert(ops->min_size >= 1 && ops->min_size <= ops->max_size &&
           ops->max_size <= 8);
    assert(ops->valid_max == 0 ||
           (ops->valid_min >= 1 && ops->valid_min <= ops->valid_max &&
            ops->valid_max <= 8));
    return add_region(bus, &r);
}

MemRegion *bus_find(Bus *bus, uint64_t addr, uint64_t size)
{
    for (unsigned i = 0; i < bus->n_regions; i++) {
        MemRegion *r = &bus->regions[i];

        if (addr - r->base < r->size) {
            return size <= r->size - (addr - r->base) ? r : NULL;
        }
    }
    return NULL;
}

uint8_t *bus_host_ptr(Bus *bus, uint64_t addr, uint64_t size)
{
    MemRegion *r = bus_find(bus, addr, size);

    return r && r->host ? r->host + (addr - r->base) : NULL;
}

static uint64_t load_le(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;

    memcpy(&v, p, size); /* hosts are little-endian (checked in main) */
    return v;
}

static void store_le(uint8_t *p, unsigned size, uint64_t v)
{
    memcpy(p, &v, size);
}

/*
 * Whether a device accepts a `size`-byte access at `off` (QEMU 7.2
 * softmmu/memory.c memory_region_access_valid(): outside .valid's sizes
 * the access fails; a .valid.max_access_size of 0 accepts them all).
 * Its check of .valid.unaligned has nothing to do here: bus_read() and
 * bus_write() never pass a device a misaligned access.
 */
static bool dev_access_valid(const MemRegion *r, uint64_t off, unsigned size,
                             bool is_write)
{
    const DevOps *ops = r->ops;

    if (ops->valid_max == 0 ||
        (size >= ops->valid_min && size <= ops->valid_max)) {
        return true;
    }
    if (log_enabled(LOG_GUEST_ERROR)) {
        log_printf("%s: invalid %u-byte %s at offset 0x%08" PRIx64
                   " (valid sizes %u to %u)\n", ops->name, size,
                   is_write ? "write" : "read", off, ops->valid_min,
                   ops->valid_max);
    }
    return false;
}

/*
 * A device access of `size` bytes at `off`, adjusted to the sizes the
 * device implements: narrower accesses are widened to an aligned
 * min_size access, wider ones split into max_size pieces.
 */
static uint64_t dev_read(const MemRegion *r, uint64_t off, unsigned size)
{
    const DevOps *ops = r->ops;
    uint64_t v = 0;

    if (size < ops->min_size) {
        uint64_t base = off & ~(uint64_t)(ops->min_size - 1);
        unsigned shift = (unsigned)(off - base) * 8;

        v = ops->read(r->opaque, base, ops->min_size) >> shift;
        return size < 8 ? v & ((UINT64_C(1) << (size * 8)) - 1) : v;
    }
    if (size > ops->max_size) {
        for (unsigned i = 0; i < size; i += ops->max_size) {
            v |= ops->read(r->opaque, off + i, ops->max_size) << (i * 8);
        }
        return v;
    }
    return ops->read(r->opaque, off, size);
}

static void dev_write(const MemRegion *r, uint64_t off, unsigned size,
                      uint64_t v)
{
    const DevOps *ops = r->ops;

    if (size < ops->min_size) {
        uint64_t base = off & ~(uint64_t)(ops->min_size - 1);
        unsigned shift = (unsigned)(off - base) * 8;

        ops->write(r->opaque, base, v << shift, ops->min_size);
        return;
    }
    if (size > ops->max_size) {
        for (unsigned i = 0; i < size; i += ops->max_size) {
            ops->write(r->opaque, off + i, v >> (i * 8), ops->max_size);
        }
        return;
    }
    ops->write(r->opaque, off, v, size);
}

static bool bus_fail(Bus *bus, uint64_t addr)
{
    bus->fault_addr = addr;
    return false;
}

/* Whether [addr, addr+size) starts in a device and is misaligned. */
static bool is_misaligned_mmio(const MemRegion *r, uint64_t addr,
                               unsigned size)
{
    return r && r->kind == MEM_MMIO && (addr & (size - 1)) != 0;
}

/* A misaligned device read: the two aligned reads around it (bus.h). */
static bool read_misaligned(Bus *bus, uint64_t addr, unsigned size,
                            uint64_t *value)
{
    uint64_t lo_addr = addr & ~(uint64_t)(size - 1);
    unsigned shift = (unsigned)(addr - lo_addr) * 8;
    uint64_t lo, hi;

    if (!bus_read(bus, lo_addr, size, &lo) ||
        !bus_read(bus, lo_addr + size, size, &hi)) {
        return false;
    }
    *value = (lo >> shift) | (hi << (size * 8 - shift));
    if (size < 8) {
        *value &= (UINT64_C(1) << (size * 8)) - 1;
    }
    return true;
}

bool bus_read(Bus *bus, uint64_t addr, unsigned size, uint64_t *value)
{
    MemRegion *r = bus_find(bus, addr, 1);
    uint64_t off;

    if (is_misaligned_mmio(r, addr, size)) {
        return read_misaligned(bus, addr, size, value);
    }
    off = r ? addr - r->base : 0;
    if (!r || size > r->size - off) {
        return bus_fail(bus, addr);
    }
    if (r->host) {
        *value = load_le(r->host + off, size);
        return true;
    }
    if (!dev_access_valid(r, off, size, false)) {
        return bus_fail(bus, addr);
    }
    *value = dev_read(r, off, size);
    return true;
}

bool bus_write(Bus *bus, uint64_t addr, unsigned size, uint64_t value)
{
    MemRegion *r = bus_find(bus, addr, 1);
    uint64_t off;

    if (is_misaligned_mmio(r, addr, size)) {
        /* byte writes in address order (bus.h) */
        for (unsigned i = 0; i < size; i++) {
            if (!bus_write(bus, addr + i, 1, (value >> (i * 8)) & 0xff)) {
                return false;
            }
        }
        return true;
    }
    off = r ? addr - r->base : 0;
    if (!r || size > r->size - off) {
        return bus_fail(bus, addr);
    }
    switch (r->kind) {
    case MEM_RAM:
        store_le(r->host + off, size, value);
        if (bus->code_write_cb) {
            bus->code_write_cb(bus->code_write_opaque, addr, size);
        }
        break;
    case MEM_ROM:
        break; /* writes to ROM are ignored, as on the hardware */
    case MEM_MMIO:
        if (!dev_access_valid(r, off, size, true)) {
            return bus_fail(bus, addr);
        }
        dev_write(r, off, size, value);
        break;
    }
    return true;
}

int bus_load_image(Bus *bus, uint64_t addr, const void *data, size_t len)
{
    uint8_t *p;

    if (len == 0) {
        return 0;
    }
    p = bus_host_ptr(bus, addr, len);
    if (!p) {
        return fs_error(FS_ERANGE,
                        "bus: 0x%llx..0x%llx is not inside RAM or ROM",
                        (unsigned long long)addr,
                        (unsigned long long)(addr + len - 1));
    }
    memcpy(p, data, len);
    if (bus->code_write_cb) {
        bus->code_write_cb(bus->code_write_opaque, addr, (unsigned)len);
    }
    return 0;
}
