/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * api_reset: qemu_plugin_reset. Phase 1 counts instructions with an exec
 * callback; at the N-th (n=, default 1000) it calls qemu_plugin_reset.
 * Reset is asynchronous: phase-1 callbacks may still arrive until the
 * reset callback runs, none after. The reset callback registers phase 2
 * (a new tb_trans counting instructions, and an atexit callback). The
 * atexit callback registered at install is dropped by the reset and must
 * not run. Prints "api_reset: reset done after K callbacks", then at exit
 * "api_reset: PASS ..." or "api_reset: FAIL ..." lines.
 */
#include "api_util.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

static qemu_plugin_id_t self;
static uint64_t n_before = 1000;
static uint64_t phase1, phase1_late, phase2;
static unsigned resets_requested, reset_cbs;
static bool reset_done;

static void phase2_exec(unsigned int vcpu_index, void *udata)
{
    (void)vcpu_index;
    (void)udata;
    phase2++;
}

static void phase2_trans(struct qemu_plugin_tb *tb, void *udata)
{
    (void)udata;
    for (size_t i = 0; i < qemu_plugin_tb_n_insns(tb); i++) {
        qemu_plugin_register_vcpu_insn_exec_cb(qemu_plugin_tb_get_insn(tb, i),
                                               phase2_exec,
                                               QEMU_PLUGIN_CB_NO_REGS, NULL);
    }
}

static void phase2_exit(void *udata)
{
    bool ok = true;

    (void)udata;
    outf("api_reset: phase1=%" PRIu64 " late=%" PRIu64 " phase2=%" PRIu64
         " reset-callbacks=%u\n", phase1, phase1_late, phase2, reset_cbs);
    if (reset_cbs != 1) {
        outf("api_reset: FAIL the reset callback ran %u times\n", reset_cbs);
        ok = false;
    }
    if (phase1_late) {
        outf("api_reset: FAIL %" PRIu64 " phase-1 callbacks after the reset "
             "callback\n", phase1_late);
        ok = false;
    }
    if (phase1 < n_before) {
        outf("api_reset: FAIL reset before %" PRIu64 " callbacks\n",
             n_before);
        ok = false;
    }
    if (phase2 == 0) {
        outf("api_reset: FAIL callbacks registered after the reset never "
             "ran\n");
        ok = false;
    }
    if (ok) {
        outf("api_reset: PASS\n");
    }
}

static void after_reset(void *udata)
{
    (void)udata;
    reset_cbs++;
    reset_done = true;
    outf("api_reset: reset done after %" PRIu64 " callbacks\n", phase1);
    qemu_plugin_register_vcpu_tb_trans_cb(self, phase2_trans, NULL);
    qemu_plugin_register_atexit_cb(self, phase2_exit, NULL);
}

static void phase1_exec(unsigned int vcpu_index, void *udata)
{
    (void)vcpu_index;
    (void)udata;
    if (reset_done) {
        phase1_late++;
        return;
    }
    if (++phase1 == n_before) {
        resets_requested++;
        qemu_plugin_reset(self, after_reset, NULL);
    }
}

static void phase1_trans(struct qemu_plugin_tb *tb, void *udata)
{
    (void)udata;
    for (size_t i = 0; i < qemu_plugin_tb_n_insns(tb); i++) {
        qemu_plugin_register_vcpu_insn_exec_cb(qemu_plugin_tb_get_insn(tb, i),
                                               phase1_exec,
                                               QEMU_PLUGIN_CB_NO_REGS, NULL);
    }
}

static void phase1_exit(void *udata)
{
    (void)udata;
    outf("api_reset: FAIL the atexit callback registered before the reset "
         "ran (reset=%s)\n", reset_done ? "done" : "never done");
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)info;
    for (int i = 0; i < argc; i++) {
        if (!arg_u64(argv[i], "n", &n_before) || n_before == 0) {
            return -1;
        }
    }
    self = id;
    qemu_plugin_register_vcpu_tb_trans_cb(id, phase1_trans, NULL);
    qemu_plugin_register_atexit_cb(id, phase1_exit, NULL);
    return 0;
}
