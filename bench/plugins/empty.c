/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * empty - a plugin that instruments nothing, for `make bench`.
 *
 * QEMU 7.2 has no discontinuity (trap) callbacks, so the "traps" column of
 * `make bench` loads this plugin on QEMU: the cost of having a plugin
 * loaded that asks for no per-instruction or per-block events, which is
 * what the traps plugin asks for on firmscope. Prints "empty: loaded" at
 * exit (-d plugin), so the bench can see it was loaded. No options.
 */
#include <stdio.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

static void at_exit(qemu_plugin_id_t id, void *userdata)
{
    (void)id;
    (void)userdata;
    qemu_plugin_outs("empty: loaded\n");
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)info;
    if (argc > 0) {
        fprintf(stderr, "empty: takes no options (got '%s')\n", argv[0]);
        return -1;
    }
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    return 0;
}
