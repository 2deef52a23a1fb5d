/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The API functions whose return type changed between versions, so one
 * exported symbol must answer each caller in its own ABI:
 *   qemu_plugin_insn_data      API 2: const void *(insn)
 *                              API 3+: size_t (insn, dest, len)
 *   qemu_plugin_read_register  API 2-5: int (bytes read, -1 on failure)
 *   qemu_plugin_write_register API 6+: bool
 * The calling plugin's version is known while its callback runs. Both
 * answers travel in the same return register, so these are defined
 * with the widest type here, in a file that deliberately does not
 * include qemu-plugin.h (whose prototypes are the API 7 ones).
 */
#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "core.h"

uintptr_t qemu_plugin_insn_data(const struct qemu_plugin_insn *insn,
                                void *dest, size_t len);
int qemu_plugin_read_register(void *handle, GByteArray *buf);
int qemu_plugin_write_register(void *handle, GByteArray *buf);

static bool caller_is_older_than(int version)
{
    return plugin_caller->plugin && plugin_caller->plugin->version < version;
}

uintptr_t qemu_plugin_insn_data(const struct qemu_plugin_insn *insn,
                                void *dest, size_t len)
{
    if (!insn) {
        return 0;
    }
    if (caller_is_older_than(3)) {
        return (uintptr_t)insn->desc.data; /* API 2: a pointer to the bytes */
    }
    if (!dest || !insn->desc.data) {
        return 0;
    }
    if (len > insn->desc.size) {
        len = insn->desc.size;
    }
    memcpy(dest, insn->desc.data, len);
    return len;
}

/* Register i of the calling vCPU, if the callback may touch registers. */
static PluginVcpu *reg_access(void *handle, bool write, unsigned *index)
{
    PluginVcpu *v = plugin_current_vcpu();
    uintptr_t h = (uintptr_t)handle;
    int need = write ? PLUGIN_FLAGS_RW_REGS : PLUGIN_FLAGS_R_REGS;

    if (!v || h == 0 || plugin_caller->flags < need ||
        h > v->ops->n_regs(v->cpu)) {
        return NULL;
    }
    *index = (unsigned)(h - 1);
    return v;
}

int qemu_plugin_read_register(void *handle, GByteArray *buf)
{
    bool old_abi = caller_is_older_than(6);
    unsigned i;
    PluginVcpu *v = reg_access(handle, false, &i);
    uint8_t bytes[16];
    unsigned size;

    if (!v || !buf) {
        return old_abi ? -1 : 0;
    }
    size = v->ops->read_reg(v->cpu, i, bytes);
    g_byte_array_append(buf, bytes, size);
    return old_abi ? (int)size : 1;
}

int qemu_plugin_write_register(void *handle, GByteArray *buf)
{
    bool old_abi = caller_is_older_than(6);
    unsigned i;
    PluginVcpu *v = reg_access(handle, true, &i);
    PluginRegInfo info;

    if (!v || !buf) {
        return old_abi ? -1 : 0;
    }
    v->ops->reg_info(v->cpu, i, &info);
    if (info.is_readonly || buf->len != info.size ||
        !v->ops->write_reg(v->cpu, i, buf->data, buf->len)) {
        return old_abi ? -1 : 0;
    }
    return old_abi ? (int)info.size : 1;
}
