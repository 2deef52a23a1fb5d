/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * compat_test.c - a plugin that calls every function of the plugin API
 * version it is built for (QEMU_PLUGIN_API_COMPAT 5, 6, or none for 7;
 * 2 to 4 build too), with callbacks of that version's signatures.
 * Built by build.sh.
 */

#include <stdio.h>
#include <string.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

typedef struct {
    uint64_t insns;
    uint64_t blocks;
    uint64_t loads;
    uint64_t last_pc;
    uint64_t armed;
    uint64_t traps[3];
} VcpuCounts;

static qemu_plugin_id_t self;
static struct qemu_plugin_scoreboard *counts;
static qemu_plugin_u64 insn_count;
static qemu_plugin_u64 block_count;
static qemu_plugin_u64 load_count;
static qemu_plugin_u64 last_pc;
static qemu_plugin_u64 armed;
#if QEMU_PLUGIN_VERSION >= 3
static const void *time_handle;
static int64_t virtual_ns;
#endif
static struct qemu_plugin_register *pc_reg;
static struct qemu_plugin_register *rw_reg;
static bool do_reset;
static bool do_uninstall;
static bool do_redirect;
static uint64_t redirect_to;

static void report(const char *what, uint64_t value)
{
    char line[96];

    snprintf(line, sizeof(line), "compat: %s %" PRIu64 "\n", what, value);
    qemu_plugin_outs(line);
}

/* Reading memory and registers from an execution callback (R_REGS). */
static void insn_exec(unsigned int vcpu_index, void *udata)
{
    uint64_t vaddr = (uint64_t)(uintptr_t)udata;
    GByteArray *buf = g_byte_array_new();

    if (pc_reg && qemu_plugin_read_register(pc_reg, buf) > 0) {
        report("pc bytes", buf->len);
    }
    g_byte_array_set_size(buf, 0);
#if QEMU_PLUGIN_VERSION >= 4
    if (qemu_plugin_read_memory_vaddr(vaddr, buf, 2)) {
        report("insn halfword", buf->data[0]);
    }
#endif
#if QEMU_PLUGIN_VERSION >= 5
    {
        uint64_t paddr;

        if (qemu_plugin_translate_vaddr(vaddr, &paddr)) {
            g_byte_array_set_size(buf, 0);
            if (QEMU_PLUGIN_HWADDR_OPERATION_OK ==
                qemu_plugin_read_memory_hwaddr(paddr, buf, 2)) {
                report("phys", paddr);
            }
        }
    }
#endif
    g_byte_array_free(buf, TRUE);
    qemu_plugin_u64_set(last_pc, vcpu_index, vaddr);
}

/* Writing registers and memory (RW_REGS), optionally moving the PC. */
static void insn_patch(unsigned int vcpu_index, void *udata)
{
    GByteArray *buf = g_byte_array_new();

    (void)udata;
    (void)vcpu_index;
    if (rw_reg && qemu_plugin_read_register(rw_reg, buf) > 0) {
#if QEMU_PLUGIN_VERSION >= 6
        if (!qemu_plugin_write_register(rw_reg, buf)) {
            report("write_register failed on vcpu", vcpu_index);
        }
#elif QEMU_PLUGIN_VERSION >= 5
        if (qemu_plugin_write_register(rw_reg, buf) <= 0) {
            report("write_register failed on vcpu", vcpu_index);
        }
#endif
    }
#if QEMU_PLUGIN_VERSION >= 5
    {
        uint64_t pc = qemu_plugin_u64_get(last_pc, vcpu_index);
        uint64_t paddr;

        g_byte_array_set_size(buf, 0);
        if (qemu_plugin_read_memory_vaddr(pc, buf, 4) &&
            qemu_plugin_write_memory_vaddr(pc, buf) &&
            qemu_plugin_translate_vaddr(pc, &paddr) &&
            QEMU_PLUGIN_HWADDR_OPERATION_OK !=
                qemu_plugin_write_memory_hwaddr(paddr, buf)) {
            report("write_memory_hwaddr failed at", paddr);
        }
    }
#endif
    g_byte_array_free(buf, TRUE);
#if QEMU_PLUGIN_VERSION >= 6
    if (do_redirect) {
        qemu_plugin_set_pc(redirect_to);
    }
#endif
}

#if QEMU_PLUGIN_VERSION >= 3
/* Conditional callback: runs when the per-vCPU "armed" field equals 1. */
static void armed_hit(unsigned int vcpu_index, void *udata)
{
    (void)udata;
    qemu_plugin_u64_set(armed, vcpu_index, 0);
    report("armed block on vcpu", vcpu_index);
}
#endif

static void block_exec(unsigned int vcpu_index, void *udata)
{
    VcpuCounts *c = qemu_plugin_scoreboard_find(counts, vcpu_index);

    (void)udata;
    if (0 == c->blocks % 100000) {
        qemu_plugin_u64_set(armed, vcpu_index, 1);
    }
}

static void mem_access(unsigned int vcpu_index, qemu_plugin_meminfo_t info,
                       uint64_t vaddr, void *udata)
{
    struct qemu_plugin_hwaddr *hw = qemu_plugin_get_hwaddr(info, vaddr);
    unsigned int shift = qemu_plugin_mem_size_shift(info);
    bool sext = qemu_plugin_mem_is_sign_extended(info);
    bool be = qemu_plugin_mem_is_big_endian(info);
    bool store = qemu_plugin_mem_is_store(info);

    (void)udata;
    (void)sext;
    (void)be;
    if (!store) {
        qemu_plugin_u64_add(load_count, vcpu_index, 1);
    }
#if QEMU_PLUGIN_VERSION >= 3
    {
        qemu_plugin_mem_value v = qemu_plugin_mem_get_value(info);

        if (QEMU_PLUGIN_MEM_VALUE_U128 == v.type) {
            report("u128 high", v.data.u128.high);
        }
    }
#endif
    if (hw && qemu_plugin_hwaddr_is_io(hw)) {
        char line[128];

        snprintf(line, sizeof(line), "compat: io %s 0x%" PRIx64 " size %u\n",
                 qemu_plugin_hwaddr_device_name(hw),
                 qemu_plugin_hwaddr_phys_addr(hw), 1u << shift);
        qemu_plugin_outs(line);
    }
}

static void instrument(struct qemu_plugin_tb *tb)
{
    size_t n = qemu_plugin_tb_n_insns(tb);
    uint64_t start = qemu_plugin_tb_vaddr(tb);

    qemu_plugin_register_vcpu_tb_exec_inline_per_vcpu(
        tb, QEMU_PLUGIN_INLINE_ADD_U64, block_count, 1);
    qemu_plugin_register_vcpu_tb_exec_cb(tb, block_exec,
                                         QEMU_PLUGIN_CB_NO_REGS, NULL);
#if QEMU_PLUGIN_VERSION >= 3
    qemu_plugin_register_vcpu_tb_exec_cond_cb(tb, armed_hit,
                                              QEMU_PLUGIN_CB_NO_REGS,
                                              QEMU_PLUGIN_COND_EQ, armed, 1,
                                              NULL);
#endif
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        uint64_t vaddr = qemu_plugin_insn_vaddr(insn);
        void *haddr = qemu_plugin_insn_haddr(insn);
        char *disas = qemu_plugin_insn_disas(insn);
        const char *sym = qemu_plugin_insn_symbol(insn);
        uint8_t bytes[16];
        size_t len;

#if QEMU_PLUGIN_VERSION >= 3
        len = qemu_plugin_insn_data(insn, bytes, sizeof(bytes));
#else
        len = qemu_plugin_insn_size(insn);
        memcpy(bytes, qemu_plugin_insn_data(insn),
               len < sizeof(bytes) ? len : sizeof(bytes));
#endif
        if (len != qemu_plugin_insn_size(insn)) {
            report("short insn data at", vaddr);
        }
        if (sym && vaddr == start) {
            qemu_plugin_outs(sym);
            qemu_plugin_outs("\n");
        }
        (void)haddr;
        g_free(disas);

        qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
            insn, QEMU_PLUGIN_INLINE_ADD_U64, insn_count, 1);
#if QEMU_PLUGIN_VERSION >= 3
        qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
            insn, QEMU_PLUGIN_INLINE_STORE_U64, last_pc, vaddr);
        qemu_plugin_register_vcpu_insn_exec_cond_cb(
            insn, insn_exec, QEMU_PLUGIN_CB_R_REGS, QEMU_PLUGIN_COND_NE,
            armed, 0, (void *)(uintptr_t)vaddr);
#endif
        qemu_plugin_register_vcpu_insn_exec_cb(insn, insn_exec,
                                               QEMU_PLUGIN_CB_R_REGS,
                                               (void *)(uintptr_t)vaddr);
        if (0 == i) {
#if QEMU_PLUGIN_VERSION >= 6
            qemu_plugin_register_vcpu_insn_exec_cb(
                insn, insn_patch, QEMU_PLUGIN_CB_RW_REGS_PC, NULL);
#else
            qemu_plugin_register_vcpu_insn_exec_cb(
                insn, insn_patch, QEMU_PLUGIN_CB_RW_REGS, NULL);
#endif
        }
        qemu_plugin_register_vcpu_mem_cb(insn, mem_access,
                                         QEMU_PLUGIN_CB_NO_REGS,
                                         QEMU_PLUGIN_MEM_RW, NULL);
        qemu_plugin_register_vcpu_mem_inline_per_vcpu(
            insn, QEMU_PLUGIN_MEM_R, QEMU_PLUGIN_INLINE_ADD_U64, load_count,
            0);
    }
}

/*
 * Callbacks whose signature depends on the API version.  Each takes the
 * form its version prescribes and forwards to a version-neutral body.
 */

static void on_reset_done(void)
{
    report("reset done, blocks", qemu_plugin_u64_sum(block_count));
}

static void on_uninstalled(void)
{
    fputs("compat: uninstalled\n", stderr);
}

static void vcpu_setup(unsigned int vcpu_index)
{
    GArray *regs = qemu_plugin_get_registers();

    for (guint i = 0; i < regs->len; i++) {
        qemu_plugin_reg_descriptor *d =
            &g_array_index(regs, qemu_plugin_reg_descriptor, i);

        if (0 == strcmp(d->name, "pc")) {
            pc_reg = d->handle;
        }
#if QEMU_PLUGIN_VERSION >= 6
        if (!rw_reg && !d->is_readonly && 0 == strcmp(d->name, "a0")) {
            rw_reg = d->handle;
        }
#else
        if (!rw_reg && 0 == strcmp(d->name, "a0")) {
            rw_reg = d->handle;
        }
#endif
        (void)d->feature;
    }
    g_array_free(regs, TRUE);
    qemu_plugin_u64_set(armed, vcpu_index, 0);
}

static void vcpu_idle_body(unsigned int vcpu_index)
{
    (void)vcpu_index;
#if QEMU_PLUGIN_VERSION >= 3
    if (time_handle) {
        virtual_ns += 1000;
        qemu_plugin_update_ns(time_handle, virtual_ns);
    }
#endif
}

static void vcpu_resume_body(unsigned int vcpu_index)
{
    GByteArray *buf = g_byte_array_new();

    if (pc_reg && qemu_plugin_read_register(pc_reg, buf) > 0) {
        report("resumed vcpu", vcpu_index);
    }
    g_byte_array_free(buf, TRUE);
}

static void vcpu_report(unsigned int vcpu_index)
{
    VcpuCounts *c = qemu_plugin_scoreboard_find(counts, vcpu_index);
    char line[160];

    snprintf(line, sizeof(line),
             "compat: vcpu %u insns %" PRIu64 " blocks %" PRIu64
             " loads %" PRIu64 " traps %" PRIu64 "/%" PRIu64 "/%" PRIu64
             "\n",
             vcpu_index, c->insns, qemu_plugin_u64_get(block_count,
                                                       vcpu_index),
             c->loads, c->traps[0], c->traps[1], c->traps[2]);
    qemu_plugin_outs(line);
}

#if QEMU_PLUGIN_VERSION >= 5
static void discon_body(unsigned int vcpu_index, int type, uint64_t from_pc,
                        uint64_t to_pc)
{
    VcpuCounts *c = qemu_plugin_scoreboard_find(counts, vcpu_index);
    GByteArray *buf = g_byte_array_new();

    (void)from_pc;
    switch (type) {
    case QEMU_PLUGIN_DISCON_INTERRUPT:
        c->traps[0]++;
        break;
    case QEMU_PLUGIN_DISCON_EXCEPTION:
        c->traps[1]++;
        break;
    case QEMU_PLUGIN_DISCON_HOSTCALL:
        c->traps[2]++;
        break;
    default:
        break;
    }
    /* Registers already hold the handler's state. */
    if (pc_reg && qemu_plugin_read_register(pc_reg, buf) > 0 &&
        8 == buf->len) {
        uint64_t pc;

        memcpy(&pc, buf->data, sizeof(pc));
        if (pc != to_pc) {
            report("discon to_pc differs from pc register", to_pc);
        }
    }
    g_byte_array_free(buf, TRUE);
}
#endif

static void at_exit_body(void)
{
    for (int i = 0; i < qemu_plugin_num_vcpus(); i++) {
        vcpu_report((unsigned int)i);
    }
    report("total insns", qemu_plugin_u64_sum(insn_count));
    qemu_plugin_scoreboard_free(counts);
}

#if QEMU_PLUGIN_VERSION >= 7
static void reset_done(void *udata)
{
    (void)udata;
    on_reset_done();
}

static void uninstalled(void *udata)
{
    (void)udata;
    on_uninstalled();
}

static void vcpu_init(unsigned int vcpu_index, void *udata)
{
    (void)udata;
    vcpu_setup(vcpu_index);
}

static void vcpu_exit(unsigned int vcpu_index, void *udata)
{
    (void)udata;
    vcpu_report(vcpu_index);
}

static void vcpu_idle(unsigned int vcpu_index, void *udata)
{
    (void)udata;
    vcpu_idle_body(vcpu_index);
}

static void vcpu_resume(unsigned int vcpu_index, void *udata)
{
    (void)udata;
    vcpu_resume_body(vcpu_index);
}

static void vcpu_each(unsigned int vcpu_index, void *udata)
{
    (void)udata;
    vcpu_report(vcpu_index);
}

static void discon(unsigned int vcpu_index, enum qemu_plugin_discon_type type,
                   uint64_t from_pc, uint64_t to_pc, void *udata)
{
    (void)udata;
    discon_body(vcpu_index, type, from_pc, to_pc);
}

static void tb_trans(struct qemu_plugin_tb *tb, void *udata)
{
    (void)udata;
    instrument(tb);
}

static void flushed(void *udata)
{
    (void)udata;
    report("flush, blocks so far", qemu_plugin_u64_sum(block_count));
    if (do_uninstall) {
        qemu_plugin_uninstall(self, uninstalled, NULL);
    } else if (do_reset) {
        do_reset = false;
        qemu_plugin_reset(self, reset_done, NULL);
    }
}

static void at_exit(void *udata)
{
    (void)udata;
    at_exit_body();
}

static void syscall_entry(unsigned int vcpu_index, int64_t num, uint64_t a1,
                          uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
                          uint64_t a6, uint64_t a7, uint64_t a8, void *udata)
{
    (void)a2, (void)a3, (void)a4, (void)a5, (void)a6, (void)a7, (void)a8;
    (void)udata;
    report("syscall on vcpu", vcpu_index);
    report("syscall", (uint64_t)num + a1);
}

static bool syscall_filter(unsigned int vcpu_index, int64_t num, uint64_t a1,
                           uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
                           uint64_t a6, uint64_t a7, uint64_t a8,
                           int64_t *sysret, void *udata)
{
    (void)vcpu_index, (void)a2, (void)a3, (void)a4, (void)a5, (void)a6;
    (void)a7, (void)a8, (void)udata;
    if (4096 == num) {
        *sysret = (int64_t)a1;
        return true;
    }
    return false;
}

static void syscall_ret(unsigned int vcpu_index, int64_t num, int64_t ret,
                        void *udata)
{
    (void)vcpu_index, (void)udata;
    report("syscall ret", (uint64_t)(num + ret));
}
#else
static void reset_done(qemu_plugin_id_t id)
{
    (void)id;
    on_reset_done();
}

static void uninstalled(qemu_plugin_id_t id)
{
    (void)id;
    on_uninstalled();
}

static void vcpu_init(qemu_plugin_id_t id, unsigned int vcpu_index)
{
    (void)id;
    vcpu_setup(vcpu_index);
}

static void vcpu_exit(qemu_plugin_id_t id, unsigned int vcpu_index)
{
    (void)id;
    vcpu_report(vcpu_index);
}

static void vcpu_idle(qemu_plugin_id_t id, unsigned int vcpu_index)
{
    (void)id;
    vcpu_idle_body(vcpu_index);
}

static void vcpu_resume(qemu_plugin_id_t id, unsigned int vcpu_index)
{
    (void)id;
    vcpu_resume_body(vcpu_index);
}

static void vcpu_each(qemu_plugin_id_t id, unsigned int vcpu_index)
{
    (void)id;
    vcpu_report(vcpu_index);
}

#if QEMU_PLUGIN_VERSION >= 5
static void discon(qemu_plugin_id_t id, unsigned int vcpu_index,
                   enum qemu_plugin_discon_type type, uint64_t from_pc,
                   uint64_t to_pc)
{
    (void)id;
    discon_body(vcpu_index, type, from_pc, to_pc);
}
#endif

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void)id;
    instrument(tb);
}

static void flushed(qemu_plugin_id_t id)
{
    report("flush, blocks so far", qemu_plugin_u64_sum(block_count));
    if (do_uninstall) {
        qemu_plugin_uninstall(id, uninstalled);
    } else if (do_reset) {
        do_reset = false;
        qemu_plugin_reset(id, reset_done);
    }
}

static void at_exit(qemu_plugin_id_t id, void *udata)
{
    (void)id, (void)udata;
    at_exit_body();
}

static void syscall_entry(qemu_plugin_id_t id, unsigned int vcpu_index,
                          int64_t num, uint64_t a1, uint64_t a2, uint64_t a3,
                          uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7,
                          uint64_t a8)
{
    (void)id, (void)a2, (void)a3, (void)a4, (void)a5, (void)a6, (void)a7;
    (void)a8;
    report("syscall on vcpu", vcpu_index);
    report("syscall", (uint64_t)num + a1);
}

#if QEMU_PLUGIN_VERSION >= 6
static bool syscall_filter(qemu_plugin_id_t id, unsigned int vcpu_index,
                           int64_t num, uint64_t a1, uint64_t a2, uint64_t a3,
                           uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7,
                           uint64_t a8, uint64_t *sysret)
{
    (void)id, (void)vcpu_index, (void)a2, (void)a3, (void)a4, (void)a5;
    (void)a6, (void)a7, (void)a8;
    if (4096 == num) {
        *sysret = a1;
        return true;
    }
    return false;
}
#endif

static void syscall_ret(qemu_plugin_id_t id, unsigned int vcpu_index,
                        int64_t num, int64_t ret)
{
    (void)id, (void)vcpu_index;
    report("syscall ret", (uint64_t)(num + ret));
}
#endif /* QEMU_PLUGIN_VERSION >= 7 */

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info, int argc,
                                           char **argv)
{
    bool want_time = false;

#if QEMU_PLUGIN_VERSION < 3
    (void)want_time;
#endif
    const char *binary;

    self = id;
    for (int i = 0; i < argc; i++) {
        char **kv = g_strsplit(argv[i], "=", 2);
        bool ok = kv[0] && kv[1];

        if (ok && 0 == strcmp(kv[0], "time")) {
            ok = qemu_plugin_bool_parse(kv[0], kv[1], &want_time);
        } else if (ok && 0 == strcmp(kv[0], "reset")) {
            ok = qemu_plugin_bool_parse(kv[0], kv[1], &do_reset);
        } else if (ok && 0 == strcmp(kv[0], "uninstall")) {
            ok = qemu_plugin_bool_parse(kv[0], kv[1], &do_uninstall);
        } else if (ok && 0 == strcmp(kv[0], "redirect")) {
            redirect_to = g_ascii_strtoull(kv[1], NULL, 0);
            do_redirect = true;
        } else {
            ok = false;
        }
        g_strfreev(kv);
        if (!ok) {
            fprintf(stderr, "compat: bad argument %s\n", argv[i]);
            return -1;
        }
    }

    report("api version", QEMU_PLUGIN_VERSION);
    report("emulator api max", (uint64_t)info->version.cur);
    if (info->system_emulation) {
        report("smp vcpus", (uint64_t)info->system.smp_vcpus);
        report("max vcpus", (uint64_t)info->system.max_vcpus);
    }
    binary = qemu_plugin_path_to_binary();
    if (binary) {
        qemu_plugin_outs(binary);
        g_free((char *)binary);
    }
    report("code start", qemu_plugin_start_code());
    report("code end", qemu_plugin_end_code());
    report("entry", qemu_plugin_entry_code());

    counts = qemu_plugin_scoreboard_new(sizeof(VcpuCounts));
    insn_count = qemu_plugin_scoreboard_u64_in_struct(counts, VcpuCounts,
                                                      insns);
    block_count = qemu_plugin_scoreboard_u64_in_struct(counts, VcpuCounts,
                                                       blocks);
    load_count = qemu_plugin_scoreboard_u64_in_struct(counts, VcpuCounts,
                                                      loads);
    last_pc = qemu_plugin_scoreboard_u64_in_struct(counts, VcpuCounts,
                                                   last_pc);
    armed = qemu_plugin_scoreboard_u64_in_struct(counts, VcpuCounts, armed);
    (void)qemu_plugin_scoreboard_u64(counts);

#if QEMU_PLUGIN_VERSION >= 3
    if (want_time) {
        time_handle = qemu_plugin_request_time_control();
    }
#endif

#if QEMU_PLUGIN_VERSION >= 7
    qemu_plugin_register_vcpu_init_cb(id, vcpu_init, NULL);
    qemu_plugin_register_vcpu_exit_cb(id, vcpu_exit, NULL);
    qemu_plugin_register_vcpu_idle_cb(id, vcpu_idle, NULL);
    qemu_plugin_register_vcpu_resume_cb(id, vcpu_resume, NULL);
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans, NULL);
    qemu_plugin_register_vcpu_discon_cb(id, QEMU_PLUGIN_DISCON_ALL, discon,
                                        NULL);
    qemu_plugin_register_flush_cb(id, flushed, NULL);
    qemu_plugin_register_vcpu_syscall_cb(id, syscall_entry, NULL);
    qemu_plugin_register_vcpu_syscall_filter_cb(id, syscall_filter, NULL);
    qemu_plugin_register_vcpu_syscall_ret_cb(id, syscall_ret, NULL);
    qemu_plugin_vcpu_for_each(id, vcpu_each, NULL);
#else
    qemu_plugin_register_vcpu_init_cb(id, vcpu_init);
    qemu_plugin_register_vcpu_exit_cb(id, vcpu_exit);
    qemu_plugin_register_vcpu_idle_cb(id, vcpu_idle);
    qemu_plugin_register_vcpu_resume_cb(id, vcpu_resume);
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
#if QEMU_PLUGIN_VERSION >= 5
    qemu_plugin_register_vcpu_discon_cb(id, QEMU_PLUGIN_DISCON_ALL, discon);
#endif
    qemu_plugin_register_flush_cb(id, flushed);
    qemu_plugin_register_vcpu_syscall_cb(id, syscall_entry);
#if QEMU_PLUGIN_VERSION >= 6
    qemu_plugin_register_vcpu_syscall_filter_cb(id, syscall_filter);
#endif
    qemu_plugin_register_vcpu_syscall_ret_cb(id, syscall_ret);
    qemu_plugin_vcpu_for_each(id, vcpu_each);
#endif
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);

    return 0;
}
