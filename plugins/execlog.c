/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execlog - log every executed instruction, with its memory accesses and,
 * optionally, the registers it changed.
 *
 * Output follows QEMU's contrib/plugins/execlog.c: one line per executed
 * instruction,
 *   VCPU, 0xPC, 0xOPCODE, "DISASSEMBLY"
 * where OPCODE is the instruction's first (up to) 4 bytes read as a
 * little-endian number; then, for each memory access it made,
 *   , load|store, 0xPADDR, RAM|DEVICE     (system emulation)
 *   , load|store, 0xVADDR                 (no physical address known)
 * with addresses as 0x%08 PRIx64; then, with reg=, each watched register
 * whose value changed,
 *   , NAME -> 0xVALUE
 * A line is complete only when the vCPU starts its next instruction (or at
 * exit), so it is written then.
 *
 * Options:
 *   ifilter=STR  (repeatable) log only instructions whose disassembly
 *                starts with STR
 *   afilter=HEX  (repeatable) log only instructions at address HEX
 *   reg=GLOB     (repeatable) watch registers whose lower-case name
 *                matches GLOB (e.g. reg=a*, reg=sp, reg=mstatus)
 *
 * Example:
 *   firmscope -plugin build/plugins/libexeclog.so,reg=a0 -d plugin \
 *       -D exec.log -M virt -bios none -kernel build/fw/demo.elf
 *   0, 0x1008, 0xf1402573, "csrrs a0,mhartid,zero", a0 -> 0x0000000000000000
 *   0, 0x100c, 0x202b583, "ld a1,32(t0)", load, 0x00001020, RAM
 *   0, 0x80000178, 0xf70023, "sb a5,0(a4)", store, 0x10000000, uart0
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

typedef struct WatchedReg {
    struct qemu_plugin_register *handle;
    const char *name;   /* interned, lower case */
    GByteArray *last;
    GByteArray *cur;
} WatchedReg;

typedef struct Cpu {
    GString *line;      /* the instruction whose line is being built */
    GPtrArray *regs;    /* WatchedReg, or NULL */
} Cpu;

static GPtrArray *ifilters;    /* char * */
static GArray *afilters;       /* uint64_t */
static GPtrArray *reg_globs;   /* GPatternSpec * */
static GArray *cpus;           /* Cpu, indexed by vCPU */
static GRWLock cpus_lock;

static Cpu *get_cpu(unsigned int vcpu)
{
    Cpu *c;

    g_rw_lock_reader_lock(&cpus_lock);
    if (vcpu < cpus->len) {
        c = &g_array_index(cpus, Cpu, vcpu);
        g_rw_lock_reader_unlock(&cpus_lock);
        return c;
    }
    g_rw_lock_reader_unlock(&cpus_lock);

    g_rw_lock_writer_lock(&cpus_lock);
    while (cpus->len <= vcpu) {
        Cpu fresh = { .line = g_string_new(NULL), .regs = NULL };
        g_array_append_val(cpus, fresh);
    }
    c = &g_array_index(cpus, Cpu, vcpu);
    g_rw_lock_writer_unlock(&cpus_lock);
    return c;
}

static bool reg_watched(const char *lower)
{
    for (guint i = 0; reg_globs && i < reg_globs->len; i++) {
        if (g_pattern_spec_match_string(g_ptr_array_index(reg_globs, i),
                                        lower)) {
            return true;
        }
    }
    return false;
}

static void vcpu_init(unsigned int vcpu_index, void *userdata)
{
    Cpu *c = get_cpu(vcpu_index);
    g_autoptr(GArray) descs = qemu_plugin_get_registers();

    (void)userdata;
    c->regs = g_ptr_array_new();
    for (guint i = 0; descs && i < descs->len; i++) {
        qemu_plugin_reg_descriptor *d =
            &g_array_index(descs, qemu_plugin_reg_descriptor, i);
        g_autofree char *lower = g_utf8_strdown(d->name, -1);
        WatchedReg *r;

        if (!reg_watched(lower)) {
            continue;
        }
        r = g_new0(WatchedReg, 1);
        r->handle = d->handle;
        r->name = g_intern_string(lower);
        r->last = g_byte_array_new();
        r->cur = g_byte_array_new();
        if (!qemu_plugin_read_register(r->handle, r->last)) {
            fprintf(stderr, "execlog: cannot read register %s\n", r->name);
        }
        g_ptr_array_add(c->regs, r);
    }
}

/* Append ", name -> 0xVALUE" for every watched register that changed. */
static void append_reg_changes(Cpu *c)
{
    for (guint i = 0; i < c->regs->len; i++) {
        WatchedReg *r = g_ptr_array_index(c->regs, i);
        GByteArray *tmp;

        g_byte_array_set_size(r->cur, 0);
        if (!qemu_plugin_read_register(r->handle, r->cur)) {
            continue;
        }
        if (r->cur->len == r->last->len &&
            !memcmp(r->cur->data, r->last->data, r->cur->len)) {
            continue;
        }
        g_string_append_printf(c->line, ", %s -> 0x", r->name);
        /* RISC-V registers are little-endian: print most significant first */
        for (guint b = r->cur->len; b > 0; b--) {
            g_string_append_printf(c->line, "%02x", r->cur->data[b - 1]);
        }
        tmp = r->last;
        r->last = r->cur;
        r->cur = tmp;
    }
}

static void vcpu_mem(unsigned int vcpu_index, qemu_plugin_meminfo_t info,
                     uint64_t vaddr, void *userdata)
{
    Cpu *c = get_cpu(vcpu_index);
    struct qemu_plugin_hwaddr *hw = qemu_plugin_get_hwaddr(info, vaddr);

    (void)userdata;
    g_string_append(c->line,
                    qemu_plugin_mem_is_store(info) ? ", store" : ", load");
    if (hw) {
        const char *dev = qemu_plugin_hwaddr_device_name(hw);

        g_string_append_printf(c->line, ", 0x%08" PRIx64 ", %s",
                               qemu_plugin_hwaddr_phys_addr(hw),
                               dev ? dev : "RAM");
    } else {
        g_string_append_printf(c->line, ", 0x%08" PRIx64, vaddr);
    }
}

static void flush_line(Cpu *c)
{
    if (c->line->len) {
        if (c->regs && c->regs->len) {
            append_reg_changes(c);
        }
        g_string_append_c(c->line, '\n');
        qemu_plugin_outs(c->line->str);
        g_string_truncate(c->line, 0);
    }
}

static void vcpu_insn_exec(unsigned int vcpu_index, void *userdata)
{
    Cpu *c = get_cpu(vcpu_index);

    /* the previous instruction has finished: its line is complete */
    flush_line(c);
    g_string_printf(c->line, "%u, %s", vcpu_index, (const char *)userdata);
}

static bool insn_selected(const char *disas, uint64_t vaddr)
{
    if (!ifilters && !afilters) {
        return true;
    }
    for (guint i = 0; ifilters && i < ifilters->len; i++) {
        if (g_str_has_prefix(disas, g_ptr_array_index(ifilters, i))) {
            return true;
        }
    }
    for (guint i = 0; afilters && i < afilters->len; i++) {
        if (g_array_index(afilters, uint64_t, i) == vaddr) {
            return true;
        }
    }
    return false;
}

static void vcpu_tb_trans(struct qemu_plugin_tb *tb, void *userdata)
{
    size_t n = qemu_plugin_tb_n_insns(tb);
    enum qemu_plugin_cb_flags flags =
        reg_globs ? QEMU_PLUGIN_CB_R_REGS : QEMU_PLUGIN_CB_NO_REGS;

    (void)userdata;
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        uint64_t vaddr = qemu_plugin_insn_vaddr(insn);
        g_autofree char *disas = qemu_plugin_insn_disas(insn);
        uint8_t bytes[4] = { 0 };
        uint32_t opcode;
        char *text;

        if (!insn_selected(disas ? disas : "", vaddr)) {
            continue;
        }
        qemu_plugin_insn_data(insn, bytes, sizeof(bytes));
        opcode = (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 |
                 (uint32_t)bytes[2] << 16 | (uint32_t)bytes[3] << 24;
        /* lives as long as the block may run: never freed */
        text = g_strdup_printf("0x%" PRIx64 ", 0x%" PRIx32 ", \"%s\"", vaddr,
                               opcode, disas ? disas : "");
        qemu_plugin_register_vcpu_mem_cb(insn, vcpu_mem,
                                         QEMU_PLUGIN_CB_NO_REGS,
                                         QEMU_PLUGIN_MEM_RW, NULL);
        qemu_plugin_register_vcpu_insn_exec_cb(insn, vcpu_insn_exec, flags,
                                               text);
    }
}

static void plugin_exit(void *userdata)
{
    (void)userdata;
    /* registers cannot be read at exit: print the last lines as they are */
    for (guint i = 0; i < cpus->len; i++) {
        Cpu *c = &g_array_index(cpus, Cpu, i);

        if (c->line->len) {
            g_string_append_c(c->line, '\n');
            qemu_plugin_outs(c->line->str);
            g_string_truncate(c->line, 0);
        }
    }
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)info;
    for (int i = 0; i < argc; i++) {
        g_auto(GStrv) kv = g_strsplit(argv[i], "=", 2);

        if (g_strcmp0(kv[0], "ifilter") && g_strcmp0(kv[0], "afilter") &&
            g_strcmp0(kv[0], "reg")) {
            fprintf(stderr, "execlog: unknown option '%s' (expected "
                    "ifilter=, afilter= or reg=)\n", argv[i]);
            return -1;
        }
        if (!kv[1] || !*kv[1]) {
            fprintf(stderr, "execlog: option '%s' needs a value\n", argv[i]);
            return -1;
        }
        if (g_strcmp0(kv[0], "ifilter") == 0) {
            if (!ifilters) {
                ifilters = g_ptr_array_new();
            }
            g_ptr_array_add(ifilters, g_strdup(kv[1]));
        } else if (g_strcmp0(kv[0], "afilter") == 0) {
            char *end = NULL;
            uint64_t a = g_ascii_strtoull(kv[1], &end, 16);

            if (end == kv[1] || *end) {
                fprintf(stderr, "execlog: bad hex address in '%s'\n",
                        argv[i]);
                return -1;
            }
            if (!afilters) {
                afilters = g_array_new(false, false, sizeof(uint64_t));
            }
            g_array_append_val(afilters, a);
        } else {
            g_autofree char *lower = g_utf8_strdown(kv[1], -1);

            if (!reg_globs) {
                reg_globs = g_ptr_array_new();
            }
            g_ptr_array_add(reg_globs, g_pattern_spec_new(lower));
        }
    }

    cpus = g_array_new(false, true, sizeof(Cpu));
    if (reg_globs) {
        qemu_plugin_register_vcpu_init_cb(id, vcpu_init, NULL);
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, vcpu_tb_trans, NULL);
    qemu_plugin_register_atexit_cb(id, plugin_exit, NULL);
    return 0;
}
