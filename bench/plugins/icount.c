/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * icount - count executed instructions, for `make bench`.
 *
 *   inline=on   an inline add before every instruction (default)
 *   inline=off  a callback before every instruction that adds one
 *
 * Prints "icount: N instructions" at exit (-d plugin). Builds for QEMU 7.2
 * (API 1, bench/qemu72/qemu-plugin.h: inline ops on a plain pointer) and
 * for firmscope (include/qemu-plugin.h, API 2: inline ops on a scoreboard).
 * The benchmarks run one hart, so the callback bumps a plain variable on
 * both sides: the same work per call, whichever emulator calls it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

static bool use_inline = true;
static uint64_t cb_count;
#if QEMU_PLUGIN_VERSION == 1
static uint64_t inline_count;
#else
static qemu_plugin_u64 inline_count;
#endif

static void insn_exec(unsigned int vcpu_index, void *userdata)
{
    (void)vcpu_index;
    (void)userdata;
    cb_count++;
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    size_t n = qemu_plugin_tb_n_insns(tb);

    (void)id;
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);

        if (!use_inline) {
            qemu_plugin_register_vcpu_insn_exec_cb(
                insn, insn_exec, QEMU_PLUGIN_CB_NO_REGS, NULL);
        } else {
#if QEMU_PLUGIN_VERSION == 1
            qemu_plugin_register_vcpu_insn_exec_inline(
                insn, QEMU_PLUGIN_INLINE_ADD_U64, &inline_count, 1);
#else
            qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
                insn, QEMU_PLUGIN_INLINE_ADD_U64, inline_count, 1);
#endif
        }
    }
}

static void at_exit(qemu_plugin_id_t id, void *userdata)
{
    char line[80];
    uint64_t total = cb_count;

    (void)id;
    (void)userdata;
#if QEMU_PLUGIN_VERSION == 1
    total += inline_count;
#else
    total += qemu_plugin_u64_sum(inline_count);
#endif
    snprintf(line, sizeof(line), "icount: %" PRIu64 " instructions\n", total);
    qemu_plugin_outs(line);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)info;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "inline=on") == 0) {
            use_inline = true;
        } else if (strcmp(argv[i], "inline=off") == 0) {
            use_inline = false;
        } else {
            fprintf(stderr, "icount: unknown option '%s' "
                    "(expected inline=on|off)\n", argv[i]);
            return -1;
        }
    }
#if QEMU_PLUGIN_VERSION != 1
    inline_count = qemu_plugin_scoreboard_u64(
        qemu_plugin_scoreboard_new(sizeof(uint64_t)));
#endif
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    return 0;
}
