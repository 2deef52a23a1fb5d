/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * api_setpc: qemu_plugin_set_pc from an instruction callback registered
 * with QEMU_PLUGIN_CB_RW_REGS_PC (tests/plugin/fw/setpc.S). At the
 * instruction at= (an always-taken branch to failure) it moves the PC to
 * to= (the fall-through): the firmware exits 0 only if that happened.
 * Every block's first instruction also gets an RW_REGS_PC callback that
 * does not move the PC (it must be harmless). Prints
 * "api_setpc: set_pc 0xAT -> 0xTO" when it redirects and
 * "api_setpc: hits=N" at exit (N must be 1).
 */
#include "api_util.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

static uint64_t at, to;
static uint64_t hits, passes;

static void redirect(unsigned int vcpu_index, void *udata)
{
    (void)vcpu_index;
    (void)udata;
    hits++;
    outf("api_setpc: set_pc 0x%" PRIx64 " -> 0x%" PRIx64 "\n", at, to);
    qemu_plugin_set_pc(to);
}

static void pass_by(unsigned int vcpu_index, void *udata)
{
    (void)vcpu_index;
    (void)udata;
    passes++;
}

static void tb_trans(struct qemu_plugin_tb *tb, void *udata)
{
    (void)udata;
    for (size_t i = 0; i < qemu_plugin_tb_n_insns(tb); i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);

        if (i == 0) {
            qemu_plugin_register_vcpu_insn_exec_cb(
                insn, pass_by, QEMU_PLUGIN_CB_RW_REGS_PC, NULL);
        }
        if (qemu_plugin_insn_vaddr(insn) == at) {
            qemu_plugin_register_vcpu_insn_exec_cb(
                insn, redirect, QEMU_PLUGIN_CB_RW_REGS_PC, NULL);
        }
    }
}

static void at_exit(void *udata)
{
    (void)udata;
    outf("api_setpc: hits=%" PRIu64 " passes=%" PRIu64 "\n", hits, passes);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)info;
    for (int i = 0; i < argc; i++) {
        if (!arg_u64(argv[i], "at", &at) && !arg_u64(argv[i], "to", &to)) {
            return -1;
        }
    }
    if (!at || !to) {
        return -1;
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans, NULL);
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    return 0;
}
