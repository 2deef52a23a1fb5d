/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * api_cond: conditional callbacks. Before every instruction an inline op
 * adds 1 to a scoreboard counter; after it (registration order), one
 * conditional exec callback per condition compares the counter with K
 * (argument k=, default 1000) and counts its own firings. With N executed
 * instructions the n-th instruction sees counter == n, so at exit:
 *   NEVER 0, ALWAYS N, EQ 1, NE N-1, LT K-1, LE K, GT N-K, GE N-K+1.
 * A block-level conditional callback (EQ on a block counter, imm 1) must
 * fire exactly once. Prints "api_cond: N=... " with every count, then
 * "api_cond: PASS" or "api_cond: FAIL <cond> expected E got G".
 */
#include "api_util.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

typedef struct {
    uint64_t insns;
    uint64_t blocks;
} Counts;

static const char *const cond_names[] = {
    "NEVER", "ALWAYS", "EQ", "NE", "LT", "LE", "GT", "GE",
};
#define N_CONDS 8

static struct qemu_plugin_scoreboard *score;
static qemu_plugin_u64 insns;
static qemu_plugin_u64 blocks;
static uint64_t k = 1000;
static uint64_t fired[N_CONDS]; /* single vCPU */
static uint64_t tb_fired;

static void cond_hit(unsigned int vcpu_index, void *udata)
{
    (void)vcpu_index;
    fired[(uintptr_t)udata]++;
}

static void tb_hit(unsigned int vcpu_index, void *udata)
{
    (void)vcpu_index;
    (void)udata;
    tb_fired++;
}

static void tb_trans(struct qemu_plugin_tb *tb, void *udata)
{
    size_t n = qemu_plugin_tb_n_insns(tb);

    (void)udata;
    qemu_plugin_register_vcpu_tb_exec_inline_per_vcpu(
        tb, QEMU_PLUGIN_INLINE_ADD_U64, blocks, 1);
    qemu_plugin_register_vcpu_tb_exec_cond_cb(tb, tb_hit,
                                              QEMU_PLUGIN_CB_NO_REGS,
                                              QEMU_PLUGIN_COND_EQ, blocks, 1,
                                              NULL);
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);

        qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
            insn, QEMU_PLUGIN_INLINE_ADD_U64, insns, 1);
        for (uintptr_t c = 0; c < N_CONDS; c++) {
            qemu_plugin_register_vcpu_insn_exec_cond_cb(
                insn, cond_hit, QEMU_PLUGIN_CB_NO_REGS,
                (enum qemu_plugin_cond)c, insns, k, (void *)c);
        }
    }
}

static void at_exit(void *udata)
{
    uint64_t n = qemu_plugin_u64_sum(insns);
    uint64_t want[N_CONDS];
    bool ok = n > k;

    (void)udata;
    want[QEMU_PLUGIN_COND_NEVER] = 0;
    want[QEMU_PLUGIN_COND_ALWAYS] = n;
    want[QEMU_PLUGIN_COND_EQ] = 1;
    want[QEMU_PLUGIN_COND_NE] = n - 1;
    want[QEMU_PLUGIN_COND_LT] = k - 1;
    want[QEMU_PLUGIN_COND_LE] = k;
    want[QEMU_PLUGIN_COND_GT] = n - k;
    want[QEMU_PLUGIN_COND_GE] = n - k + 1;
    outf("api_cond: N=%" PRIu64 " K=%" PRIu64, n, k);
    for (int c = 0; c < N_CONDS; c++) {
        outf(" %s=%" PRIu64, cond_names[c], fired[c]);
    }
    outf(" TB-EQ-1=%" PRIu64 "\n", tb_fired);
    if (!ok) {
        outf("api_cond: FAIL only %" PRIu64 " instructions, need more than "
             "K\n", n);
        return;
    }
    for (int c = 0; c < N_CONDS; c++) {
        if (fired[c] != want[c]) {
            outf("api_cond: FAIL %s expected %" PRIu64 " got %" PRIu64 "\n",
                 cond_names[c], want[c], fired[c]);
            ok = false;
        }
    }
    if (tb_fired != 1) {
        outf("api_cond: FAIL block EQ 1 expected 1 got %" PRIu64 "\n",
             tb_fired);
        ok = false;
    }
    if (ok) {
        outf("api_cond: PASS\n");
    }
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)info;
    for (int i = 0; i < argc; i++) {
        if (!arg_u64(argv[i], "k", &k) || k < 2) {
            return -1;
        }
    }
    score = qemu_plugin_scoreboard_new(sizeof(Counts));
    insns = qemu_plugin_scoreboard_u64_in_struct(score, Counts, insns);
    blocks = qemu_plugin_scoreboard_u64_in_struct(score, Counts, blocks);
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans, NULL);
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    return 0;
}
