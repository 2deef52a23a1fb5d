/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hotblocks - the most executed blocks.
 *
 * Blocks are keyed by (start address, number of instructions), as in QEMU's
 * contrib/plugins/hotblocks.c: a plugin cannot see block identity, and the
 * instruction count tells apart blocks that start at the same address but
 * end differently.  For each key the plugin keeps how many times it was
 * translated and a per-vCPU execution count.
 *
 * Options:
 *   inline=on|off  count executions with an inline ADD_U64 (on) or an exec
 *                  callback (off, default)
 *   limit=N        how many blocks to list (default 20)
 *
 * Output (qemu_plugin_outs, at exit), hottest first, ties by address:
 *   collected 258 entries in the hash table
 *   pc, tcount, icount, ecount
 *   0x000000008000014e, 1, 2, 2310
 *   0x0000000080000154, 1, 4, 2310
 * (tcount = translations, icount = instructions in the block, ecount =
 * executions summed over vCPUs).
 *
 * Example:
 *   firmscope -plugin build/plugins/libhotblocks.so,inline=on -d plugin \
 *       -M virt -bios none -kernel build/fw/demo.elf
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

typedef struct BlockCount {
    uint64_t start_addr;
    size_t insns;
    unsigned trans_count;
    struct qemu_plugin_scoreboard *exec_count; /* uint64_t per vCPU */
    uint64_t total; /* filled in at exit for sorting */
} BlockCount;

static bool do_inline;
static uint64_t limit = 20;
static GHashTable *blocks; /* BlockCount -> itself */
static GMutex lock;

static guint block_hash(gconstpointer v)
{
    const BlockCount *b = v;

    return g_int64_hash(&b->start_addr) ^ (guint)b->insns;
}

static gboolean block_equal(gconstpointer v1, gconstpointer v2)
{
    const BlockCount *a = v1, *b = v2;

    return a->start_addr == b->start_addr && a->insns == b->insns;
}

static gint by_count_desc(gconstpointer v1, gconstpointer v2)
{
    const BlockCount *a = v1, *b = v2;

    if (a->total != b->total) {
        return a->total > b->total ? -1 : 1;
    }
    if (a->start_addr != b->start_addr) {
        return a->start_addr < b->start_addr ? -1 : 1;
    }
    return a->insns < b->insns ? -1 : a->insns > b->insns;
}

static void vcpu_tb_exec(unsigned int vcpu_index, void *userdata)
{
    BlockCount *b = userdata;

    qemu_plugin_u64_add(qemu_plugin_scoreboard_u64(b->exec_count),
                        vcpu_index, 1);
}

static void vcpu_tb_trans(struct qemu_plugin_tb *tb, void *userdata)
{
    BlockCount key = {
        .start_addr = qemu_plugin_tb_vaddr(tb),
        .insns = qemu_plugin_tb_n_insns(tb),
    };
    BlockCount *b;

    (void)userdata;
    g_mutex_lock(&lock);
    b = g_hash_table_lookup(blocks, &key);
    if (b) {
        b->trans_count++;
    } else {
        b = g_new0(BlockCount, 1);
        *b = key;
        b->trans_count = 1;
        b->exec_count = qemu_plugin_scoreboard_new(sizeof(uint64_t));
        g_hash_table_add(blocks, b);
    }
    g_mutex_unlock(&lock);

    if (do_inline) {
        qemu_plugin_register_vcpu_tb_exec_inline_per_vcpu(
            tb, QEMU_PLUGIN_INLINE_ADD_U64,
            qemu_plugin_scoreboard_u64(b->exec_count), 1);
    } else {
        qemu_plugin_register_vcpu_tb_exec_cb(tb, vcpu_tb_exec,
                                             QEMU_PLUGIN_CB_NO_REGS, b);
    }
}

static void plugin_exit(void *userdata)
{
    g_autoptr(GString) out = g_string_new(NULL);
    GList *list, *it;
    uint64_t i = 0;

    (void)userdata;
    g_string_printf(out, "collected %u entries in the hash table\n",
                    g_hash_table_size(blocks));
    list = g_hash_table_get_values(blocks);
    for (it = list; it; it = it->next) {
        BlockCount *b = it->data;

        b->total = qemu_plugin_u64_sum(
            qemu_plugin_scoreboard_u64(b->exec_count));
    }
    list = g_list_sort(list, by_count_desc);
    if (list) {
        g_string_append(out, "pc, tcount, icount, ecount\n");
    }
    for (it = list; it && i < limit; it = it->next, i++) {
        const BlockCount *b = it->data;

        g_string_append_printf(out, "0x%016" PRIx64 ", %u, %zu, %" PRIu64
                               "\n", b->start_addr, b->trans_count,
                               b->insns, b->total);
    }
    g_list_free(list);
    qemu_plugin_outs(out->str);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)info;
    for (int i = 0; i < argc; i++) {
        g_auto(GStrv) kv = g_strsplit(argv[i], "=", 2);

        if (g_strcmp0(kv[0], "inline") == 0) {
            if (!kv[1] || !qemu_plugin_bool_parse(kv[0], kv[1], &do_inline)) {
                fprintf(stderr, "hotblocks: bad boolean value in '%s' "
                        "(expected on|off)\n", argv[i]);
                return -1;
            }
        } else if (g_strcmp0(kv[0], "limit") == 0) {
            char *end = NULL;

            if (!kv[1] || !g_ascii_isdigit(kv[1][0])) {
                end = kv[1];
            } else {
                limit = g_ascii_strtoull(kv[1], &end, 10);
            }
            if (!end || end == kv[1] || *end) {
                fprintf(stderr, "hotblocks: bad number in '%s'\n", argv[i]);
                return -1;
            }
        } else {
            fprintf(stderr, "hotblocks: unknown option '%s' (expected "
                    "inline=on|off or limit=N)\n", argv[i]);
            return -1;
        }
    }

    blocks = g_hash_table_new(block_hash, block_equal);
    qemu_plugin_register_vcpu_tb_trans_cb(id, vcpu_tb_trans, NULL);
    qemu_plugin_register_atexit_cb(id, plugin_exit, NULL);
    return 0;
}
