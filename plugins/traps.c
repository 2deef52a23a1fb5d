/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * traps - count the traps each vCPU takes, by kind.
 *
 * One discontinuity callback, registered for QEMU_PLUGIN_DISCON_ALL,
 * counts interrupts, exceptions and host calls (semihosting) per vCPU in
 * a scoreboard.  Same behaviour and output as QEMU's
 * contrib/plugins/traps.c.
 *
 * Options: none (any argument is an error).
 *
 * Output (qemu_plugin_outs, at exit): a header line, then one row per
 * vCPU 0 .. qemu_plugin_num_vcpus()-1:
 *
 *   $ firmscope -plugin build/plugins/libtraps.so -d plugin \
 *         -M virt -bios none -kernel build/fw/demo.elf
 *   VCPU, interrupts, exceptions, hostcalls
 *      0,          6,          7,          0
 */
#include <inttypes.h>
#include <stdio.h>

#include <glib.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

typedef struct TrapCounts {
    uint64_t interrupts;
    uint64_t exceptions;
    uint64_t hostcalls;
} TrapCounts;

static struct qemu_plugin_scoreboard *counts;

static void vcpu_discon(unsigned int vcpu_index,
                        enum qemu_plugin_discon_type type, uint64_t from_pc,
                        uint64_t to_pc, void *userdata)
{
    TrapCounts *c = qemu_plugin_scoreboard_find(counts, vcpu_index);

    (void)from_pc;
    (void)to_pc;
    (void)userdata;
    switch (type) {
    case QEMU_PLUGIN_DISCON_INTERRUPT:
        c->interrupts++;
        break;
    case QEMU_PLUGIN_DISCON_EXCEPTION:
        c->exceptions++;
        break;
    case QEMU_PLUGIN_DISCON_HOSTCALL:
        c->hostcalls++;
        break;
    default:
        /* each event carries exactly one single-bit type */
        g_assert_not_reached();
    }
}

static void plugin_exit(void *userdata)
{
    g_autoptr(GString) report = g_string_new("VCPU, interrupts, exceptions, "
                                             "hostcalls\n");
    int n = qemu_plugin_num_vcpus();

    (void)userdata;
    for (int i = 0; i < n; i++) {
        TrapCounts *c = qemu_plugin_scoreboard_find(counts, i);

        g_string_append_printf(report,
                               "% 4d, % 10" PRId64 ", % 10" PRId64
                               ", % 10" PRId64 "\n",
                               i, (int64_t)c->interrupts,
                               (int64_t)c->exceptions,
                               (int64_t)c->hostcalls);
    }
    qemu_plugin_outs(report->str);
    qemu_plugin_scoreboard_free(counts);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    if (argc > 0) {
        fprintf(stderr, "traps: takes no options (got '%s')\n", argv[0]);
        return -1;
    }
    if (!info->system_emulation) {
        qemu_plugin_outs("Note: interrupts are only reported in system "
                         "emulation mode.\n");
    }

    counts = qemu_plugin_scoreboard_new(sizeof(TrapCounts));
    qemu_plugin_register_vcpu_discon_cb(id, QEMU_PLUGIN_DISCON_ALL,
                                        vcpu_discon, NULL);
    qemu_plugin_register_atexit_cb(id, plugin_exit, NULL);
    return 0;
}
