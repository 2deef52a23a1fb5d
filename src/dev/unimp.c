/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unimplemented device: a board maps it where the real machine has a
 * device firmscope does not model yet, so the guest sees the access
 * succeed (reads as zero, writes ignored) as it would on QEMU, and the
 * user can see it with -d unimp.
 */
#include "unimp.h"

#include <inttypes.h>

#include "log.h"

static uint64_t unimp_read(void *opaque, uint64_t offset, unsigned size)
{
    Unimp *s = opaque;

    if (log_enabled(LOG_UNIMP)) {
        log_printf("%s: unimplemented device read of %u bytes at offset "
                   "0x%08" PRIx64 "\n", s->name, size, offset);
    }
    return 0;
}

static void unimp_write(void *opaque, uint64_t offset, uint64_t value,
                        unsigned size)
{
    Unimp *s = opaque;

    if (log_enabled(LOG_UNIMP)) {
        log_printf("%s: unimplemented device write of %u bytes at offset "
                   "0x%08" PRIx64 " value 0x%08" PRIx64 "\n",
                   s->name, size, offset, value);
    }
}

/*
 * Every size is valid (valid_max 0). The QEMU devices it stands for have
 * their own limits, not modelled yet.
 */
const DevOps unimp_ops = {
    .name = "unimp",
    .read = unimp_read,
    .write = unimp_write,
    .min_size = 1,
    .max_size = 8,
};
