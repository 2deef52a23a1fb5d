/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bb - count executed blocks and instructions per vCPU.
 *
 * Options and output follow QEMU's tests/tcg/plugins/bb.c:
 *   inline=on|off  count with inline ADD_U64 ops at block entry (on) or
 *                  with one exec callback per block (off, default)
 *   idle=on|off    also print the vCPU's running totals each time it goes
 *                  idle (WFI), prefixed "Idling " (default off)
 *
 * Output (qemu_plugin_outs, at exit): one line per vCPU that ran a block,
 * then the totals:
 *   CPU0: bb's: 29043, insns: 72717
 *   Total: bb's: 29043, insns: 72717
 * As in QEMU, a block's instructions are all counted when it is entered,
 * even if it is left early (a trap, or firmscope leaving a block after a
 * device write), so "insns" can exceed the insn plugin's count.
 *
 * Example:
 *   firmscope -plugin build/plugins/libbb.so,inline=on -d plugin \
 *       -M virt -bios none -kernel build/fw/demo.elf
 */
#include <inttypes.h>
#include <stdio.h>

#include <glib.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

typedef struct CpuCount {
    uint64_t bb_count;
    uint64_t insn_count;
} CpuCount;

static struct qemu_plugin_scoreboard *counts;
static qemu_plugin_u64 bb_entry;
static qemu_plugin_u64 insn_entry;
static bool do_inline;
static bool idle_report;

static void append_cpu_line(GString *out, unsigned int vcpu)
{
    const CpuCount *c = qemu_plugin_scoreboard_find(counts, vcpu);

    if (c->bb_count) {
        g_string_append_printf(out, "CPU%u: bb's: %" PRIu64 ", insns: %"
                               PRIu64 "\n", vcpu, c->bb_count,
                               c->insn_count);
    }
}

static void vcpu_tb_exec(unsigned int vcpu_index, void *userdata)
{
    CpuCount *c = qemu_plugin_scoreboard_find(counts, vcpu_index);

    c->bb_count++;
    c->insn_count += (uintptr_t)userdata;
}

static void vcpu_tb_trans(struct qemu_plugin_tb *tb, void *userdata)
{
    size_t n = qemu_plugin_tb_n_insns(tb);

    (void)userdata;
    if (do_inline) {
        qemu_plugin_register_vcpu_tb_exec_inline_per_vcpu(
            tb, QEMU_PLUGIN_INLINE_ADD_U64, bb_entry, 1);
        qemu_plugin_register_vcpu_tb_exec_inline_per_vcpu(
            tb, QEMU_PLUGIN_INLINE_ADD_U64, insn_entry, n);
    } else {
        qemu_plugin_register_vcpu_tb_exec_cb(tb, vcpu_tb_exec,
                                             QEMU_PLUGIN_CB_NO_REGS,
                                             (void *)(uintptr_t)n);
    }
}

static void vcpu_idle(unsigned int vcpu_index, void *userdata)
{
    g_autoptr(GString) out = g_string_new(NULL);

    (void)userdata;
    append_cpu_line(out, vcpu_index);
    if (out->len) {
        g_string_prepend(out, "Idling ");
        qemu_plugin_outs(out->str);
    }
}

static void plugin_exit(void *userdata)
{
    g_autoptr(GString) out = g_string_new(NULL);

    (void)userdata;
    for (int i = 0; i < qemu_plugin_num_vcpus(); i++) {
        append_cpu_line(out, i);
    }
    g_string_append_printf(out, "Total: bb's: %" PRIu64 ", insns: %" PRIu64
                           "\n", qemu_plugin_u64_sum(bb_entry),
                           qemu_plugin_u64_sum(insn_entry));
    qemu_plugin_outs(out->str);
    qemu_plugin_scoreboard_free(counts);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)info;
    for (int i = 0; i < argc; i++) {
        g_auto(GStrv) kv = g_strsplit(argv[i], "=", 2);
        bool *target = NULL;

        if (g_strcmp0(kv[0], "inline") == 0) {
            target = &do_inline;
        } else if (g_strcmp0(kv[0], "idle") == 0) {
            target = &idle_report;
        } else {
            fprintf(stderr, "bb: unknown option '%s' (expected inline=on|off "
                    "or idle=on|off)\n", argv[i]);
            return -1;
        }
        if (!kv[1] || !qemu_plugin_bool_parse(kv[0], kv[1], target)) {
            fprintf(stderr, "bb: bad boolean value in '%s' "
                    "(expected on|off)\n", argv[i]);
            return -1;
        }
    }

    counts = qemu_plugin_scoreboard_new(sizeof(CpuCount));
    bb_entry = qemu_plugin_scoreboard_u64_in_struct(counts, CpuCount,
                                                    bb_count);
    insn_entry = qemu_plugin_scoreboard_u64_in_struct(counts, CpuCount,
                                                      insn_count);
    if (idle_report) {
        qemu_plugin_register_vcpu_idle_cb(id, vcpu_idle, NULL);
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, vcpu_tb_trans, NULL);
    qemu_plugin_register_atexit_cb(id, plugin_exit, NULL);
    return 0;
}
