/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * api_batch: inline adds in blocks that run no plugin code, which
 * firmscope does once per block (README, "What instrumentation costs"),
 * must read as QEMU's adds before each instruction wherever a plugin can
 * look: in discontinuity callbacks (an exception or interrupt in the
 * middle of a block) and at exit. Three counts:
 *   insns   +1 before every instruction
 *   weight  +2 before every instruction, +1 more before compressed ones
 *   blocks  +n_insns at every block entry
 * mode=inline keeps them with inline adds only (blocks firmscope batches);
 * mode=cb with exec callbacks (blocks it runs instruction by instruction).
 * Both log "api_batch: TYPE from=0x.. to=0x.. insns=.. weight=..
 * blocks=.." at every discontinuity and the same "api_batch: exit ..."
 * line at exit, so the two runs' logs must be equal.
 */
#include <inttypes.h>

#include "api_util.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

typedef struct Counts {
    uint64_t insns;
    uint64_t weight;
    uint64_t blocks;
} Counts;

static struct qemu_plugin_scoreboard *score;
static qemu_plugin_u64 insns, weight, blocks;
static bool use_cb;

static void add_insn(unsigned int vcpu_index, void *userdata)
{
    qemu_plugin_u64_add(insns, vcpu_index, 1);
    qemu_plugin_u64_add(weight, vcpu_index, (uintptr_t)userdata);
}

static void add_block(unsigned int vcpu_index, void *userdata)
{
    qemu_plugin_u64_add(blocks, vcpu_index, (uintptr_t)userdata);
}

static void tb_trans(struct qemu_plugin_tb *tb, void *userdata)
{
    size_t n = qemu_plugin_tb_n_insns(tb);

    (void)userdata;
    if (use_cb) {
        qemu_plugin_register_vcpu_tb_exec_cb(
            tb, add_block, QEMU_PLUGIN_CB_NO_REGS, (void *)(uintptr_t)n);
    } else {
        qemu_plugin_register_vcpu_tb_exec_inline_per_vcpu(
            tb, QEMU_PLUGIN_INLINE_ADD_U64, blocks, n);
    }
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        uint64_t w = qemu_plugin_insn_size(insn) == 2 ? 3 : 2;

        if (use_cb) {
            qemu_plugin_register_vcpu_insn_exec_cb(
                insn, add_insn, QEMU_PLUGIN_CB_NO_REGS, (void *)(uintptr_t)w);
        } else {
            qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
                insn, QEMU_PLUGIN_INLINE_ADD_U64, insns, 1);
            qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
                insn, QEMU_PLUGIN_INLINE_ADD_U64, weight, w);
        }
    }
}

static void report(const char *what, unsigned int vcpu)
{
    outf("api_batch: %s insns=%" PRIu64 " weight=%" PRIu64 " blocks=%" PRIu64
         "\n",
         what, qemu_plugin_u64_get(insns, vcpu),
         qemu_plugin_u64_get(weight, vcpu), qemu_plugin_u64_get(blocks, vcpu));
}

static void discon(unsigned int vcpu_index, enum qemu_plugin_discon_type type,
                   uint64_t from_pc, uint64_t to_pc, void *userdata)
{
    char what[96];

    (void)userdata;
    snprintf(what, sizeof(what), "%s from=0x%" PRIx64 " to=0x%" PRIx64,
             type == QEMU_PLUGIN_DISCON_INTERRUPT   ? "interrupt"
             : type == QEMU_PLUGIN_DISCON_EXCEPTION ? "exception"
                                                    : "hostcall",
             from_pc, to_pc);
    report(what, vcpu_index);
}

static void at_exit(void *userdata)
{
    (void)userdata;
    report("exit", 0);
    qemu_plugin_scoreboard_free(score);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info, int argc,
                                           char **argv)
{
    (void)info;
    if (argc != 1 || (strcmp(argv[0], "mode=inline") != 0 &&
                      strcmp(argv[0], "mode=cb") != 0)) {
        return -1;
    }
    use_cb = strcmp(argv[0], "mode=cb") == 0;
    score = qemu_plugin_scoreboard_new(sizeof(Counts));
    insns = qemu_plugin_scoreboard_u64_in_struct(score, Counts, insns);
    weight = qemu_plugin_scoreboard_u64_in_struct(score, Counts, weight);
    blocks = qemu_plugin_scoreboard_u64_in_struct(score, Counts, blocks);
    qemu_plugin_register_vcpu_discon_cb(id, QEMU_PLUGIN_DISCON_ALL, discon,
                                        NULL);
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans, NULL);
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    return 0;
}
