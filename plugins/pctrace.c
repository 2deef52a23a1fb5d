/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pctrace - write the PC trace of firmscope's -trace-pc through the plugin
 * API: the same file format (include/fstrace.h), which `fstrace FILE`
 * prints, from any emulator with QEMU's plugin API.
 *
 * Options:
 *   file=PATH    the trace file (required)
 *   mem=on|off   record each memory access too (default off)
 *
 * vCPU 0 is traced (the format has one PC stream). Each translated block
 * is defined once; an inline store before each of its instructions
 * (index + 1, into a scoreboard) says how many of them began, and the
 * block's record is written when the next block starts (or at a flush,
 * or at exit), once that count is final. So the trace holds exactly the
 * instructions whose exec callbacks ran, including one that raised an
 * exception, as plugins/execlog.c logs them.
 *
 * Example:
 *   firmscope -plugin build/plugins/libpctrace.so,file=demo.fst \
 *       build/fw/demo.elf
 *   build/fstrace demo.fst
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include <fstrace.h>
#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

/* the translating code and vCPU 0 may be different threads */
static GMutex lock;
static FsTrace *trace;
static char *path;
static bool do_mem;
/* per vCPU: how many instructions of the block it runs began */
static qemu_plugin_u64 begun;
/* vCPU 0's block whose record waits for its final count */
static bool pending;
static uint32_t pending_id, pending_n;

/* A block's id and size travel as its entry callback's userdata. */
_Static_assert(sizeof(uintptr_t) >= 8, "userdata holds id << 32 | n");

/* Write the waiting block's record (under lock). */
static void flush_pending(void)
{
    uint64_t n = qemu_plugin_u64_get(begun, 0);

    if (pending && n) {
        fstrace_exec(trace, pending_id, (unsigned)n, pending_n);
    }
    pending = false;
}

static void block_entry(unsigned int vcpu_index, void *userdata)
{
    uintptr_t block = (uintptr_t)userdata;

    if (vcpu_index != 0) {
        return;
    }
    g_mutex_lock(&lock);
    flush_pending();
    pending = true;
    pending_id = (uint32_t)(block >> 32);
    pending_n = (uint32_t)block;
    qemu_plugin_u64_set(begun, 0, 0);
    g_mutex_unlock(&lock);
}

static void mem_access(unsigned int vcpu_index, qemu_plugin_meminfo_t info,
                       uint64_t vaddr, void *userdata)
{
    qemu_plugin_mem_value v = qemu_plugin_mem_get_value(info);
    uint64_t value;

    if (vcpu_index != 0) {
        return;
    }
    switch (v.type) {
    case QEMU_PLUGIN_MEM_VALUE_U8:
        value = v.data.u8;
        break;
    case QEMU_PLUGIN_MEM_VALUE_U16:
        value = v.data.u16;
        break;
    case QEMU_PLUGIN_MEM_VALUE_U32:
        value = v.data.u32;
        break;
    default:
        value = v.data.u64; /* U64; U128 keeps its low half */
        break;
    }
    g_mutex_lock(&lock);
    fstrace_mem(trace, (unsigned)(uintptr_t)userdata,
                qemu_plugin_mem_size_shift(info),
                qemu_plugin_mem_is_store(info), vaddr, value);
    g_mutex_unlock(&lock);
}

static void tb_trans(struct qemu_plugin_tb *tb, void *userdata)
{
    size_t n = qemu_plugin_tb_n_insns(tb);
    uint32_t *long_bits = g_new0(uint32_t, (n + 31) / 32);
    uint32_t block;

    (void)userdata;
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);

        if (qemu_plugin_insn_size(insn) == 4) {
            long_bits[i / 32] |= UINT32_C(1) << (i % 32);
        }
        qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
            insn, QEMU_PLUGIN_INLINE_STORE_U64, begun, i + 1);
        if (do_mem) {
            qemu_plugin_register_vcpu_mem_cb(
                insn, mem_access, QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_MEM_RW,
                (void *)(uintptr_t)i);
        }
    }
    g_mutex_lock(&lock);
    block =
        fstrace_block(trace, qemu_plugin_tb_vaddr(tb), (unsigned)n, long_bits);
    g_mutex_unlock(&lock);
    g_free(long_bits);
    qemu_plugin_register_vcpu_tb_exec_cb(
        tb, block_entry, QEMU_PLUGIN_CB_NO_REGS,
        (void *)((uintptr_t)block << 32 | (uintptr_t)n));
}

/* The translations are gone: none of their ids will be seen again. */
static void flush(void *userdata)
{
    (void)userdata;
    g_mutex_lock(&lock);
    flush_pending();
    fstrace_forget_blocks(trace);
    g_mutex_unlock(&lock);
}

static void plugin_exit(void *userdata)
{
    (void)userdata;
    g_mutex_lock(&lock);
    flush_pending();
    if (fstrace_close(trace) < 0) {
        fprintf(stderr,
                "pctrace: %s: write failed, the trace is "
                "incomplete\n",
                path);
    }
    trace = NULL;
    g_mutex_unlock(&lock);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info, int argc,
                                           char **argv)
{
    unsigned xlen = g_str_has_suffix(info->target_name, "32") ? 32 : 64;

    for (int i = 0; i < argc; i++) {
        g_auto(GStrv) kv = g_strsplit(argv[i], "=", 2);

        if (g_strcmp0(kv[0], "file") == 0 && kv[1] && *kv[1]) {
            g_free(path);
            path = g_strdup(kv[1]);
        } else if (g_strcmp0(kv[0], "mem") == 0 && kv[1] &&
                   qemu_plugin_bool_parse(kv[0], kv[1], &do_mem)) {
            continue;
        } else {
            fprintf(stderr,
                    "pctrace: bad option '%s' (expected file=PATH, "
                    "mem=on|off)\n",
                    argv[i]);
            return -1;
        }
    }
    if (!path) {
        fprintf(stderr, "pctrace: file=PATH is required\n");
        return -1;
    }
    trace = fstrace_open(path, xlen, do_mem);
    if (!trace) {
        fprintf(stderr, "pctrace: %s: %s\n", path, strerror(errno));
        return -1;
    }
    begun = qemu_plugin_scoreboard_u64(
        qemu_plugin_scoreboard_new(sizeof(uint64_t)));
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans, NULL);
    qemu_plugin_register_flush_cb(id, flush, NULL);
    qemu_plugin_register_atexit_cb(id, plugin_exit, NULL);
    return 0;
}
