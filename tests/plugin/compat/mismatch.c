/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mismatch.c - proves that QEMU_PLUGIN_API_COMPAT changes the prototypes.
 * CB_STYLE picks which API version's callback form this file is written
 * in; the header's version picks the registration prototypes.  build.sh
 * expects a clean build when they agree and an incompatible-pointer-types
 * error when they differ.
 */

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#if CHECK_DISCON
#if CB_STYLE >= 7
static void discon(unsigned int vcpu_index, enum qemu_plugin_discon_type type,
                   uint64_t from_pc, uint64_t to_pc, void *udata)
{
    (void)vcpu_index, (void)type, (void)from_pc, (void)to_pc, (void)udata;
}
#else
static void discon(qemu_plugin_id_t id, unsigned int vcpu_index,
                   enum qemu_plugin_discon_type type, uint64_t from_pc,
                   uint64_t to_pc)
{
    (void)id, (void)vcpu_index, (void)type, (void)from_pc, (void)to_pc;
}
#endif
#endif

#if CHECK_TB_TRANS
#if CB_STYLE >= 7
static void tb_trans(struct qemu_plugin_tb *tb, void *udata)
{
    (void)tb, (void)udata;
}
#else
static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void)id, (void)tb;
}
#endif
#endif

#if CHECK_READ_REGISTER
#if CB_STYLE >= 6
typedef bool (*ReadRegFn)(struct qemu_plugin_register *, GByteArray *);
#else
typedef int (*ReadRegFn)(struct qemu_plugin_register *, GByteArray *);
#endif
ReadRegFn compat_read_register = qemu_plugin_read_register;
#endif

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info, int argc,
                                           char **argv)
{
    (void)info, (void)argc, (void)argv;
#if CHECK_DISCON
#if QEMU_PLUGIN_VERSION >= 7
    qemu_plugin_register_vcpu_discon_cb(id, QEMU_PLUGIN_DISCON_ALL, discon,
                                        NULL);
#else
    qemu_plugin_register_vcpu_discon_cb(id, QEMU_PLUGIN_DISCON_ALL, discon);
#endif
#endif
#if CHECK_TB_TRANS
#if QEMU_PLUGIN_VERSION >= 7
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans, NULL);
#else
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
#endif
#endif
    (void)id;
    return 0;
}
