/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * api_mask - the discon type mask filters (PLUGIN-API.md 1.6): one
 * callback per type, registered with that type's bit only; a mask of 0
 * registers nothing; registering again for a type replaces the earlier
 * function. Each callback must see only its own single-bit type, and the
 * counts must equal int=N,exc=N,host=N given by the test.
 * Prints "api_mask: PASS ..." or "api_mask: FAIL ..." at exit.
 */
#include <inttypes.h>

#include "api_util.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

enum { KIND_INT, KIND_EXC, KIND_HOST, KIND_REPLACED, KIND_NONE, N_KINDS };

static const unsigned kind_type[N_KINDS] = {
    QEMU_PLUGIN_DISCON_INTERRUPT, QEMU_PLUGIN_DISCON_EXCEPTION,
    QEMU_PLUGIN_DISCON_HOSTCALL, QEMU_PLUGIN_DISCON_INTERRUPT, 0,
};
static uint64_t seen[N_KINDS];
static uint64_t wrong_type;
static uint64_t want[3];

static void on_discon(unsigned int vcpu, enum qemu_plugin_discon_type type,
                      uint64_t from, uint64_t to, void *userdata)
{
    unsigned kind = (unsigned)(uintptr_t)userdata;

    (void)vcpu;
    (void)from;
    (void)to;
    seen[kind]++;
    if ((unsigned)type != kind_type[kind]) {
        wrong_type++;
    }
}

static void at_exit(void *userdata)
{
    bool ok = wrong_type == 0 && seen[KIND_REPLACED] == 0 &&
              seen[KIND_NONE] == 0 && seen[KIND_INT] == want[0] &&
              seen[KIND_EXC] == want[1] && seen[KIND_HOST] == want[2];

    (void)userdata;
    outf("api_mask: %s int=%" PRIu64 " exc=%" PRIu64 " host=%" PRIu64
         " replaced=%" PRIu64 " none=%" PRIu64 " wrong_type=%" PRIu64 "\n",
         ok ? "PASS" : "FAIL", seen[KIND_INT], seen[KIND_EXC],
         seen[KIND_HOST], seen[KIND_REPLACED], seen[KIND_NONE], wrong_type);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)info;
    for (int i = 0; i < argc; i++) {
        if (!arg_u64(argv[i], "int", &want[0]) &&
            !arg_u64(argv[i], "exc", &want[1]) &&
            !arg_u64(argv[i], "host", &want[2])) {
            fprintf(stderr, "api_mask: unknown argument %s\n", argv[i]);
            return -1;
        }
    }
    /* replaced below by the KIND_INT registration for the same type */
    qemu_plugin_register_vcpu_discon_cb(id, QEMU_PLUGIN_DISCON_INTERRUPT,
                                        on_discon,
                                        (void *)(uintptr_t)KIND_REPLACED);
    qemu_plugin_register_vcpu_discon_cb(id, 0, on_discon,
                                        (void *)(uintptr_t)KIND_NONE);
    qemu_plugin_register_vcpu_discon_cb(id, QEMU_PLUGIN_DISCON_INTERRUPT,
                                        on_discon,
                                        (void *)(uintptr_t)KIND_INT);
    qemu_plugin_register_vcpu_discon_cb(id, QEMU_PLUGIN_DISCON_EXCEPTION,
                                        on_discon,
                                        (void *)(uintptr_t)KIND_EXC);
    qemu_plugin_register_vcpu_discon_cb(id, QEMU_PLUGIN_DISCON_HOSTCALL,
                                        on_discon,
                                        (void *)(uintptr_t)KIND_HOST);
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    return 0;
}
