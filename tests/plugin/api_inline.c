/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * api_inline: count executed instructions three ways and compare at exit:
 *   - an inline QEMU_PLUGIN_INLINE_ADD_U64 of 1 before every instruction,
 *   - an exec callback before every instruction,
 *   - an inline add of the block's instruction count at every block entry.
 * Prints "api_inline: insn-inline=A insn-cb=B tb-inline=C" and then
 * "api_inline: PASS" when A == B == C > 0, else "api_inline: FAIL ...".
 */
#include "api_util.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

typedef struct {
    uint64_t insn_inline;
    uint64_t tb_inline;
} Counts;

static struct qemu_plugin_scoreboard *score;
static qemu_plugin_u64 insn_inline;
static qemu_plugin_u64 tb_inline;
static uint64_t insn_cb; /* single vCPU */

static void insn_exec(unsigned int vcpu_index, void *udata)
{
    (void)vcpu_index;
    (void)udata;
    insn_cb++;
}

static void tb_trans(struct qemu_plugin_tb *tb, void *udata)
{
    size_t n = qemu_plugin_tb_n_insns(tb);

    (void)udata;
    qemu_plugin_register_vcpu_tb_exec_inline_per_vcpu(
        tb, QEMU_PLUGIN_INLINE_ADD_U64, tb_inline, n);
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);

        qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
            insn, QEMU_PLUGIN_INLINE_ADD_U64, insn_inline, 1);
        qemu_plugin_register_vcpu_insn_exec_cb(insn, insn_exec,
                                               QEMU_PLUGIN_CB_NO_REGS, NULL);
    }
}

static void at_exit(void *udata)
{
    uint64_t a = qemu_plugin_u64_sum(insn_inline);
    uint64_t c = qemu_plugin_u64_sum(tb_inline);

    (void)udata;
    outf("api_inline: insn-inline=%" PRIu64 " insn-cb=%" PRIu64
         " tb-inline=%" PRIu64 "\n", a, insn_cb, c);
    if (a == insn_cb && a == c && a > 0) {
        outf("api_inline: PASS\n");
    } else {
        outf("api_inline: FAIL counts differ or are zero\n");
    }
    qemu_plugin_scoreboard_free(score);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)info;
    (void)argv;
    if (argc > 0) {
        return -1;
    }
    score = qemu_plugin_scoreboard_new(sizeof(Counts));
    insn_inline = qemu_plugin_scoreboard_u64_in_struct(score, Counts,
                                                       insn_inline);
    tb_inline = qemu_plugin_scoreboard_u64_in_struct(score, Counts,
                                                     tb_inline);
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans, NULL);
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    return 0;
}
