/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The public plugin API (include/qemu-plugin.h): thin functions over
 * core.c. The executable exports these symbols, so plugins built against
 * QEMU's header load unchanged. One function serves every API version a
 * plugin may be built for: where signatures differ only by a trailing
 * userdata argument, it is ignored for plugins older than API 7; the
 * few whose return type differs live in api_abi.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "qemu-plugin.h"

static Plugin *caller(qemu_plugin_id_t id)
{
    return plugin_by_id(id);
}

/* userdata exists in the caller's API only from version 7 on */
static void *udata(const Plugin *p, void *userdata)
{
    return p->version >= PLUGIN_VERSION_USERDATA ? userdata : NULL;
}

static void register_event(qemu_plugin_id_t id, PluginEvent ev,
                           PluginFn fn, void *userdata)
{
    Plugin *p = caller(id);

    if (p) {
        plugin_register_event(p, ev, fn, udata(p, userdata));
    }
}

void qemu_plugin_uninstall(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb,
                           void *userdata)
{
    Plugin *p = caller(id);

    if (p) {
        plugin_request_uninstall(p, false, (PluginFn)cb, udata(p, userdata));
    }
}

void qemu_plugin_reset(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb,
                       void *userdata)
{
    Plugin *p = caller(id);

    if (p) {
        plugin_request_uninstall(p, true, (PluginFn)cb, udata(p, userdata));
    }
}

void qemu_plugin_register_vcpu_init_cb(qemu_plugin_id_t id,
                                       qemu_plugin_vcpu_udata_cb_t cb,
                                       void *userdata)
{
    register_event(id, PLUGIN_EV_VCPU_INIT, (PluginFn)cb, userdata);
}

void qemu_plugin_register_vcpu_exit_cb(qemu_plugin_id_t id,
                                       qemu_plugin_vcpu_udata_cb_t cb,
                                       void *userdata)
{
    register_event(id, PLUGIN_EV_VCPU_EXIT, (PluginFn)cb, userdata);
}

void qemu_plugin_register_vcpu_idle_cb(qemu_plugin_id_t id,
                                       qemu_plugin_vcpu_udata_cb_t cb,
                                       void *userdata)
{
    register_event(id, PLUGIN_EV_VCPU_IDLE, (PluginFn)cb, userdata);
}

void qemu_plugin_register_vcpu_resume_cb(qemu_plugin_id_t id,
                                         qemu_plugin_vcpu_udata_cb_t cb,
                                         void *userdata)
{
    register_event(id, PLUGIN_EV_VCPU_RESUME, (PluginFn)cb, userdata);
}

void qemu_plugin_register_vcpu_discon_cb(qemu_plugin_id_t id,
                                         enum qemu_plugin_discon_type type,
                                         qemu_plugin_vcpu_discon_cb_t cb,
                                         void *userdata)
{
    unsigned mask = (unsigned)type;

    /* each bit of the mask registers the same function; others ignored */
    if (mask & QEMU_PLUGIN_DISCON_INTERRUPT) {
        register_event(id, PLUGIN_EV_DISCON_INTERRUPT, (PluginFn)cb, userdata);
    }
    if (mask & QEMU_PLUGIN_DISCON_EXCEPTION) {
        register_event(id, PLUGIN_EV_DISCON_EXCEPTION, (PluginFn)cb, userdata);
    }
    if (mask & QEMU_PLUGIN_DISCON_HOSTCALL) {
        register_event(id, PLUGIN_EV_DISCON_HOSTCALL, (PluginFn)cb, userdata);
    }
}

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
                                           qemu_plugin_vcpu_tb_trans_cb_t cb,
                                           void *userdata)
{
    register_event(id, PLUGIN_EV_TB_TRANS, (PluginFn)cb, userdata);
}

void qemu_plugin_register_flush_cb(qemu_plugin_id_t id,
                                   qemu_plugin_udata_cb_t cb, void *userdata)
{
    register_event(id, PLUGIN_EV_FLUSH, (PluginFn)cb, userdata);
}

void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
                                    qemu_plugin_udata_cb_t cb, void *userdata)
{
    Plugin *p = caller(id);

    /* atexit callbacks had userdata in every API version */
    if (p) {
        plugin_register_event(p, PLUGIN_EV_ATEXIT, (PluginFn)cb, userdata);
    }
}

/* Syscall callbacks: accepted and kept, never called (no user mode). */
void qemu_plugin_register_vcpu_syscall_cb(qemu_plugin_id_t id,
                                          qemu_plugin_vcpu_syscall_cb_t cb,
                                          void *userdata)
{
    register_event(id, PLUGIN_EV_SYSCALL, (PluginFn)cb, userdata);
}

void qemu_plugin_register_vcpu_syscall_filter_cb(
    qemu_plugin_id_t id, qemu_plugin_vcpu_syscall_filter_cb_t cb,
    void *userdata)
{
    register_event(id, PLUGIN_EV_SYSCALL_FILTER, (PluginFn)cb, userdata);
}

void qemu_plugin_register_vcpu_syscall_ret_cb(
    qemu_plugin_id_t id, qemu_plugin_vcpu_syscall_ret_cb_t cb, void *userdata)
{
    register_event(id, PLUGIN_EV_SYSCALL_RET, (PluginFn)cb, userdata);
}

void qemu_plugin_vcpu_for_each(qemu_plugin_id_t id,
                               qemu_plugin_vcpu_udata_cb_t cb, void *userdata)
{
    Plugin *p = caller(id);

    if (!p || !cb) {
        return;
    }
    for (unsigned i = 0; i < plugin_state.n_vcpus; i++) {
        if (!plugin_state.vcpus[i].initialized) {
            continue;
        }
        if (p->version >= PLUGIN_VERSION_USERDATA) {
            cb(i, userdata);
        } else {
            /* API 2-6: qemu_plugin_vcpu_simple_cb_t(id, vcpu_index) */
            ((void (*)(qemu_plugin_id_t, unsigned))(PluginFn)cb)(p->id, i);
        }
    }
}

int qemu_plugin_num_vcpus(void)
{
    return (int)plugin_state.n_vcpus;
}

/* ---- instrumentation, from the tb_trans callback ------------------- */

static void push_exec(PluginCbVec *v, unsigned kind, PluginFn fn,
                      int flags, unsigned cond, qemu_plugin_u64 entry,
                      uint64_t imm, void *userdata)
{
    PluginCb cb;

    memset(&cb, 0, sizeof(cb));
    cb.kind = (uint8_t)kind;
    cb.flags = (uint8_t)flags;
    cb.cond = (uint8_t)cond;
    cb.fn = fn;
    cb.userdata = userdata;
    cb.score = entry.score;
    cb.offset = entry.offset;
    cb.imm = imm;
    cb.plugin = plugin_caller->plugin;
    plugin_cbvec_push(v, &cb);
}

static unsigned inline_kind(enum qemu_plugin_op op)
{
    return op == QEMU_PLUGIN_INLINE_STORE_U64 ? PLUGIN_OP_STORE
                                              : PLUGIN_OP_ADD;
}

static const qemu_plugin_u64 no_entry;

void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb,
                                          qemu_plugin_vcpu_udata_cb_t cb,
                                          enum qemu_plugin_cb_flags flags,
                                          void *userdata)
{
    if (tb && cb) {
        push_exec(&tb->exec, PLUGIN_OP_CALL, (PluginFn)cb, flags, 0,
                  no_entry, 0, userdata);
    }
}

void qemu_plugin_register_vcpu_tb_exec_cond_cb(
    struct qemu_plugin_tb *tb, qemu_plugin_vcpu_udata_cb_t cb,
    enum qemu_plugin_cb_flags flags, enum qemu_plugin_cond cond,
    qemu_plugin_u64 entry, uint64_t imm, void *userdata)
{
    if (!tb || !cb || cond == QEMU_PLUGIN_COND_NEVER) {
        return;
    }
    if (cond == QEMU_PLUGIN_COND_ALWAYS || !entry.score) {
        qemu_plugin_register_vcpu_tb_exec_cb(tb, cb, flags, userdata);
        return;
    }
    push_exec(&tb->exec, PLUGIN_OP_COND, (PluginFn)cb, flags, cond, entry,
              imm, userdata);
}

void qemu_plugin_register_vcpu_tb_exec_inline_per_vcpu(
    struct qemu_plugin_tb *tb, enum qemu_plugin_op op, qemu_plugin_u64 entry,
    uint64_t imm)
{
    if (tb && entry.score) {
        push_exec(&tb->exec, inline_kind(op), NULL, 0, 0, entry, imm, NULL);
    }
}

void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn,
                                            qemu_plugin_vcpu_udata_cb_t cb,
                                            enum qemu_plugin_cb_flags flags,
                                            void *userdata)
{
    if (insn && cb) {
        push_exec(&insn->exec, PLUGIN_OP_CALL, (PluginFn)cb, flags, 0,
                  no_entry, 0, userdata);
    }
}

void qemu_plugin_register_vcpu_insn_exec_cond_cb(
    struct qemu_plugin_insn *insn, qemu_plugin_vcpu_udata_cb_t cb,
    enum qemu_plugin_cb_flags flags, enum qemu_plugin_cond cond,
    qemu_plugin_u64 entry, uint64_t imm, void *userdata)
{
    if (!insn || !cb || cond == QEMU_PLUGIN_COND_NEVER) {
        return;
    }
    if (cond == QEMU_PLUGIN_COND_ALWAYS || !entry.score) {
        qemu_plugin_register_vcpu_insn_exec_cb(insn, cb, flags, userdata);
        return;
    }
    push_exec(&insn->exec, PLUGIN_OP_COND, (PluginFn)cb, flags, cond, entry,
              imm, userdata);
}

void qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
    struct qemu_plugin_insn *insn, enum qemu_plugin_op op,
    qemu_plugin_u64 entry, uint64_t imm)
{
    if (insn && entry.score) {
        push_exec(&insn->exec, inline_kind(op), NULL, 0, 0, entry, imm, NULL);
    }
}

void qemu_plugin_register_vcpu_mem_cb(struct qemu_plugin_insn *insn,
                                      qemu_plugin_vcpu_mem_cb_t cb,
                                      enum qemu_plugin_cb_flags flags,
                                      enum qemu_plugin_mem_rw rw,
                                      void *userdata)
{
    if (insn && cb) {
        push_exec(&insn->mem, PLUGIN_OP_CALL, (PluginFn)cb, flags, 0,
                  no_entry, 0, userdata);
        insn->mem.cbs[insn->mem.n - 1].rw = (uint8_t)rw;
    }
}

void qemu_plugin_register_vcpu_mem_inline_per_vcpu(
    struct qemu_plugin_insn *insn, enum qemu_plugin_mem_rw rw,
    enum qemu_plugin_op op, qemu_plugin_u64 entry, uint64_t imm)
{
    if (insn && entry.score) {
        push_exec(&insn->mem, inline_kind(op), NULL, 0, 0, entry, imm, NULL);
        insn->mem.cbs[insn->mem.n - 1].rw = (uint8_t)rw;
    }
}

/* ---- translation-time queries -------------------------------------- */

size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb)
{
    return tb ? tb->n_insns : 0;
}

uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb)
{
    return tb ? tb->vaddr : 0;
}

struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb,
                                                 size_t idx)
{
    return tb && idx < tb->n_insns ? &tb->insns[idx] : NULL;
}

size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn)
{
    return insn ? insn->desc.size : 0;
}

uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn)
{
    return insn ? insn->desc.vaddr : 0;
}

void *qemu_plugin_insn_haddr(const struct qemu_plugin_insn *insn)
{
    return insn ? insn->desc.haddr : NULL;
}

char *qemu_plugin_insn_disas(const struct qemu_plugin_insn *insn)
{
    const struct qemu_plugin_tb *tb = plugin_state.translating;
    char buf[128];

    if (!insn || !tb || !tb->disas) {
        return g_strdup("");
    }
    tb->disas(insn->desc.decoded, insn->desc.vaddr, buf, sizeof(buf));
    return g_strdup(buf);
}

const char *qemu_plugin_insn_symbol(const struct qemu_plugin_insn *insn)
{
    const PluginTarget *t = plugin_state.target;

    if (!insn || !t || !t->symbol_at) {
        return NULL;
    }
    return t->symbol_at(t->symbol_opaque, insn->desc.vaddr);
}

/* ---- memory accesses, inside memory callbacks ------------------------ */

unsigned int qemu_plugin_mem_size_shift(qemu_plugin_meminfo_t info)
{
    return info & PLUGIN_MEMINFO_SIZE_SHIFT_MASK;
}

bool qemu_plugin_mem_is_sign_extended(qemu_plugin_meminfo_t info)
{
    return (info & PLUGIN_MEMINFO_SIGN_EXTENDED) != 0;
}

bool qemu_plugin_mem_is_big_endian(qemu_plugin_meminfo_t info)
{
    (void)info;
    return false; /* RISC-V data accesses are little-endian */
}

bool qemu_plugin_mem_is_store(qemu_plugin_meminfo_t info)
{
    return (info & PLUGIN_MEMINFO_STORE) != 0;
}

qemu_plugin_mem_value qemu_plugin_mem_get_value(qemu_plugin_meminfo_t info)
{
    qemu_plugin_mem_value v;
    uint64_t raw = plugin_state.mem_value;

    memset(&v, 0, sizeof(v));
    switch (qemu_plugin_mem_size_shift(info)) {
    case 0:
        v.type = QEMU_PLUGIN_MEM_VALUE_U8;
        v.data.u8 = (uint8_t)raw;
        break;
    case 1:
        v.type = QEMU_PLUGIN_MEM_VALUE_U16;
        v.data.u16 = (uint16_t)raw;
        break;
    case 2:
        v.type = QEMU_PLUGIN_MEM_VALUE_U32;
        v.data.u32 = (uint32_t)raw;
        break;
    default:
        v.type = QEMU_PLUGIN_MEM_VALUE_U64;
        v.data.u64 = raw;
        break;
    }
    return v;
}

struct qemu_plugin_hwaddr {
    uint64_t paddr;
    bool is_io;
    const char *device;
};

struct qemu_plugin_hwaddr *qemu_plugin_get_hwaddr(qemu_plugin_meminfo_t info,
                                                  uint64_t vaddr)
{
    static struct qemu_plugin_hwaddr hw;
    PluginVcpu *v = plugin_current_vcpu();

    (void)info;
    if (!v || !v->ops->translate(v->cpu, vaddr, &hw.paddr)) {
        return NULL;
    }
    hw.is_io = v->ops->phys_is_io(v->cpu, hw.paddr, &hw.device);
    return &hw;
}

bool qemu_plugin_hwaddr_is_io(const struct qemu_plugin_hwaddr *haddr)
{
    return haddr && haddr->is_io;
}

uint64_t qemu_plugin_hwaddr_phys_addr(const struct qemu_plugin_hwaddr *haddr)
{
    return haddr ? haddr->paddr : 0;
}

const char *qemu_plugin_hwaddr_device_name(const struct qemu_plugin_hwaddr *h)
{
    if (!h) {
        return NULL;
    }
    /* QEMU names RAM "RAM" and a device by its memory region */
    return h->is_io && h->device ? h->device : "RAM";
}

/* ---- registers and PC -------------------------------------------------- */

/* Registers are the same on every hart: any initialised vCPU describes. */
static PluginVcpu *reg_vcpu(void)
{
    PluginVcpu *v = plugin_current_vcpu();

    if (v) {
        return v;
    }
    for (unsigned i = 0; i < plugin_state.n_vcpus; i++) {
        if (plugin_state.vcpus[i].initialized) {
            return &plugin_state.vcpus[i];
        }
    }
    return NULL;
}

/* qemu_plugin_reg_descriptor before API 6 had no is_readonly member. */
typedef struct RegDescriptorV5 {
    struct qemu_plugin_register *handle;
    const char *name;
    const char *feature;
} RegDescriptorV5;

GArray *qemu_plugin_get_registers(void)
{
    const Plugin *p = plugin_caller->plugin;
    bool old_layout = p && p->version < 6;
    PluginVcpu *v = reg_vcpu();
    GArray *a = g_array_new(FALSE, TRUE, old_layout
                                             ? sizeof(RegDescriptorV5)
                                             : sizeof(qemu_plugin_reg_descriptor));
    unsigned n = v ? v->ops->n_regs(v->cpu) : 0;

    for (unsigned i = 0; i < n; i++) {
        PluginRegInfo info;
        struct qemu_plugin_register *handle =
            (struct qemu_plugin_register *)(uintptr_t)(i + 1);

        v->ops->reg_info(v->cpu, i, &info);
        if (old_layout) {
            RegDescriptorV5 d = { handle, info.name, info.feature };

            g_array_append_val(a, d);
        } else {
            qemu_plugin_reg_descriptor d;

            memset(&d, 0, sizeof(d));
            d.handle = handle;
            d.name = info.name;
            d.feature = info.feature;
            d.is_readonly = info.is_readonly;
            g_array_append_val(a, d);
        }
    }
    return a;
}

void qemu_plugin_set_pc(uint64_t vaddr)
{
    PluginVcpu *v = plugin_current_vcpu();

    if (!v || plugin_caller->flags != PLUGIN_FLAGS_RW_REGS_PC ||
        !plugin_state.set_pc_jmp) {
        /* a plugin bug: the caller cannot continue (the call is noreturn) */
        fprintf(stderr, "firmscope: plugin called qemu_plugin_set_pc() "
                "outside a QEMU_PLUGIN_CB_RW_REGS_PC callback\n");
        abort();
    }
    v->ops->set_pc(v->cpu, vaddr);
    longjmp(*plugin_state.set_pc_jmp, 1);
}

/* ---- guest memory ------------------------------------------------------- */

bool qemu_plugin_read_memory_vaddr(uint64_t addr, GByteArray *data,
                                   size_t len)
{
    PluginVcpu *v = reg_vcpu();

    if (!data || !v) {
        return false;
    }
    g_byte_array_set_size(data, (guint)len);
    return v->ops->read_virt(v->cpu, addr, data->data, len);
}

bool qemu_plugin_write_memory_vaddr(uint64_t addr, GByteArray *data)
{
    PluginVcpu *v = reg_vcpu();

    return data && v && v->ops->write_virt(v->cpu, addr, data->data,
                                             data->len);
}

enum qemu_plugin_hwaddr_operation_result
qemu_plugin_read_memory_hwaddr(uint64_t addr, GByteArray *data, size_t len)
{
    PluginVcpu *v = reg_vcpu();

    if (!data || !v) {
        return QEMU_PLUGIN_HWADDR_OPERATION_ERROR;
    }
    g_byte_array_set_size(data, (guint)len);
    return v->ops->read_phys(v->cpu, addr, data->data, len)
               ? QEMU_PLUGIN_HWADDR_OPERATION_OK
               : QEMU_PLUGIN_HWADDR_OPERATION_INVALID_ADDRESS;
}

enum qemu_plugin_hwaddr_operation_result
qemu_plugin_write_memory_hwaddr(uint64_t addr, GByteArray *data)
{
    PluginVcpu *v = reg_vcpu();

    if (!data || !v) {
        return QEMU_PLUGIN_HWADDR_OPERATION_ERROR;
    }
    return v->ops->write_phys(v->cpu, addr, data->data, data->len)
               ? QEMU_PLUGIN_HWADDR_OPERATION_OK
               : QEMU_PLUGIN_HWADDR_OPERATION_INVALID_ADDRESS;
}

bool qemu_plugin_translate_vaddr(uint64_t vaddr, uint64_t *hwaddr)
{
    PluginVcpu *v = reg_vcpu();

    return hwaddr && v && v->ops->translate(v->cpu, vaddr, hwaddr);
}

/* ---- scoreboards ------------------------------------------------------- */

struct qemu_plugin_scoreboard *qemu_plugin_scoreboard_new(size_t element_size)
{
    return plugin_scoreboard_new(element_size);
}

void qemu_plugin_scoreboard_free(struct qemu_plugin_scoreboard *score)
{
    if (score) {
        plugin_scoreboard_free(score);
    }
}

void *qemu_plugin_scoreboard_find(struct qemu_plugin_scoreboard *score,
                                  unsigned int vcpu_index)
{
    return score ? plugin_scoreboard_find(score, vcpu_index) : NULL;
}

/* The vCPU's u64 of entry, or NULL (no scoreboard, index out of range) */
static uint64_t *u64_ptr(qemu_plugin_u64 entry, unsigned vcpu)
{
    uint8_t *e = entry.score ? plugin_scoreboard_find(entry.score, vcpu)
                             : NULL;

    return e ? (uint64_t *)(e + entry.offset) : NULL;
}

void qemu_plugin_u64_add(qemu_plugin_u64 entry, unsigned int vcpu_index,
                         uint64_t added)
{
    uint64_t *p = u64_ptr(entry, vcpu_index);

    if (p) {
        *p += added;
    }
}

uint64_t qemu_plugin_u64_get(qemu_plugin_u64 entry, unsigned int vcpu_index)
{
    uint64_t *p = u64_ptr(entry, vcpu_index);

    return p ? *p : 0;
}

void qemu_plugin_u64_set(qemu_plugin_u64 entry, unsigned int vcpu_index,
                         uint64_t val)
{
    uint64_t *p = u64_ptr(entry, vcpu_index);

    if (p) {
        *p = val;
    }
}

uint64_t qemu_plugin_u64_sum(qemu_plugin_u64 entry)
{
    uint64_t sum = 0;

    for (unsigned i = 0; i < plugin_state.n_vcpus; i++) {
        uint64_t *p = u64_ptr(entry, i);

        sum += p ? *p : 0;
    }
    return sum;
}

/* ---- time, output, options, process information ------------------------ */

const void *qemu_plugin_request_time_control(void)
{
    static const char handle;
    static bool granted;

    if (granted) {
        return NULL; /* only the first requester controls time */
    }
    granted = true;
    return &handle;
}

void qemu_plugin_update_ns(const void *handle, int64_t time)
{
    const PluginTarget *t = plugin_state.target;

    if (handle && t && t->advance_time_to && time > 0) {
        t->advance_time_to(t->time_opaque, (uint64_t)time);
    }
}

void qemu_plugin_outs(const char *string)
{
    plugin_outs(string);
}

bool qemu_plugin_bool_parse(const char *name, const char *val, bool *ret)
{
    static const char *const yes[] = { "on", "yes", "true", "y" };
    static const char *const no[] = { "off", "no", "false", "n" };

    if (!name || !val || !ret) {
        return false;
    }
    for (size_t i = 0; i < 4; i++) {
        if (strcmp(val, yes[i]) == 0) {
            *ret = true;
            return true;
        }
        if (strcmp(val, no[i]) == 0) {
            *ret = false;
            return true;
        }
    }
    return false;
}

/* User-mode notions: none in system emulation, as QEMU answers there. */
const char *qemu_plugin_path_to_binary(void)
{
    return NULL;
}

uint64_t qemu_plugin_start_code(void)
{
    return 0;
}

uint64_t qemu_plugin_end_code(void)
{
    return 0;
}

uint64_t qemu_plugin_entry_code(void)
{
    return 0;
}
