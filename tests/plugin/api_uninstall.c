/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * api_uninstall: qemu_plugin_uninstall. An exec callback counts
 * instructions; at the N-th (n=, default 500) it calls
 * qemu_plugin_uninstall once. Callbacks may arrive until the uninstall
 * callback runs, none after it; the atexit callback (registered at
 * install) must never run. Output:
 *   "api_uninstall: uninstall requested at N"
 *   "api_uninstall: uninstalled after K callbacks"   (exactly once)
 *   "api_uninstall: FAIL ..."                        (on any violation)
 */
#include "api_util.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

static qemu_plugin_id_t self;
static uint64_t n_before = 500;
static uint64_t count;
static bool requested, uninstalled, late_reported;

static void after_uninstall(void *udata)
{
    (void)udata;
    if (uninstalled) {
        outf("api_uninstall: FAIL the uninstall callback ran twice\n");
    }
    uninstalled = true;
    outf("api_uninstall: uninstalled after %" PRIu64 " callbacks\n", count);
}

static void insn_exec(unsigned int vcpu_index, void *udata)
{
    (void)vcpu_index;
    (void)udata;
    if (uninstalled) {
        if (!late_reported) {
            outf("api_uninstall: FAIL exec callback after the uninstall "
                 "callback\n");
            late_reported = true;
        }
        return;
    }
    if (++count == n_before && !requested) {
        requested = true;
        outf("api_uninstall: uninstall requested at %" PRIu64 "\n", count);
        qemu_plugin_uninstall(self, after_uninstall, NULL);
    }
}

static void tb_trans(struct qemu_plugin_tb *tb, void *udata)
{
    (void)udata;
    if (uninstalled && !late_reported) {
        outf("api_uninstall: FAIL tb_trans callback after the uninstall "
             "callback\n");
        late_reported = true;
    }
    for (size_t i = 0; i < qemu_plugin_tb_n_insns(tb); i++) {
        qemu_plugin_register_vcpu_insn_exec_cb(qemu_plugin_tb_get_insn(tb, i),
                                               insn_exec,
                                               QEMU_PLUGIN_CB_NO_REGS, NULL);
    }
}

static void discon(unsigned int vcpu_index, enum qemu_plugin_discon_type type,
                   uint64_t from_pc, uint64_t to_pc, void *udata)
{
    (void)vcpu_index;
    (void)type;
    (void)from_pc;
    (void)to_pc;
    (void)udata;
    if (uninstalled && !late_reported) {
        outf("api_uninstall: FAIL discon callback after the uninstall "
             "callback\n");
        late_reported = true;
    }
}

static void at_exit(void *udata)
{
    (void)udata;
    outf("api_uninstall: FAIL atexit callback ran (uninstalled=%d, "
         "count=%" PRIu64 ")\n", uninstalled, count);
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
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans, NULL);
    qemu_plugin_register_vcpu_discon_cb(id, QEMU_PLUGIN_DISCON_ALL, discon,
                                        NULL);
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    return 0;
}
