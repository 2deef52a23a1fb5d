/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mem - count (and optionally print) guest memory accesses.
 *
 * Options and output follow QEMU's tests/tcg/plugins/mem.c:
 *   inline=on|off          count accesses with an inline ADD_U64
 *   callback=on|off        count accesses with a memory callback (not with
 *                          inline=on)
 *   haddr=on|off           with callback=on, count accesses to devices
 *                          separately ("io accesses")
 *   track=r|w|rw           which accesses to instrument (default rw);
 *                          rw=r|w|rw is accepted as a synonym
 *   print-accesses=on|off  print one CSV line per access
 *   region-summary=on|off  mirror every 16 KiB region written, check reads
 *                          return what was written, and summarise per region
 * As in QEMU, nothing is counted unless inline= or callback= is on.
 *
 * Output (qemu_plugin_outs, at exit):
 *   mem accesses: 9427
 *   io accesses: 4761                          (haddr=on)
 *   Region Base, Reads, Writes, Seen all       (region-summary=on)
 *   0x0000000080000000, 120, 64, false
 * With print-accesses=on, a header at start, then per access:
 *   insn_vaddr,insn_symbol,mem_vaddr,mem_hwaddr,access_size,access_type,mem_value
 *   0x80000010,_start,0x80001000,0x80001000,32,store,0x00000001
 *
 * Example:
 *   firmscope -plugin build/plugins/libmem.so,callback=on,haddr=on \
 *       -d plugin -M virt -bios none -kernel build/fw/demo.elf
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define REGION_SIZE (4096 * 4)

typedef struct CpuCount {
    uint64_t mem_count;
    uint64_t io_count;
} CpuCount;

typedef struct InsnInfo {
    uint64_t vaddr;
    const char *sym;
} InsnInfo;

typedef struct RegionInfo {
    uint64_t base;
    uint64_t reads;
    uint64_t writes;
    uint8_t *data;
    bool seen_all; /* every read returned what we saw written */
} RegionInfo;

static struct qemu_plugin_scoreboard *counts;
static qemu_plugin_u64 mem_count;
static qemu_plugin_u64 io_count;
static bool do_inline, do_callback, do_haddr, do_print, do_regions;
static enum qemu_plugin_mem_rw rw = QEMU_PLUGIN_MEM_RW;
static GHashTable *regions; /* &base -> RegionInfo */
static GMutex lock;

static gint by_base(gconstpointer v1, gconstpointer v2)
{
    const RegionInfo *a = v1, *b = v2;

    return a->base < b->base ? -1 : a->base > b->base;
}

static void region_access(uint64_t vaddr, qemu_plugin_meminfo_t info)
{
    qemu_plugin_mem_value v = qemu_plugin_mem_get_value(info);
    bool is_store = qemu_plugin_mem_is_store(info);
    bool be = qemu_plugin_mem_is_big_endian(info);
    uint64_t base = vaddr & ~(uint64_t)(REGION_SIZE - 1);
    uint64_t off = vaddr & (REGION_SIZE - 1);
    uint8_t bytes[8];
    unsigned size;
    RegionInfo *ri;

    /* the value in guest memory order */
    switch (v.type) {
    case QEMU_PLUGIN_MEM_VALUE_U8:
        bytes[0] = v.data.u8;
        size = 1;
        break;
    case QEMU_PLUGIN_MEM_VALUE_U16: {
        uint16_t x = be ? GUINT16_TO_BE(v.data.u16) : GUINT16_TO_LE(v.data.u16);
        memcpy(bytes, &x, 2);
        size = 2;
        break;
    }
    case QEMU_PLUGIN_MEM_VALUE_U32: {
        uint32_t x = be ? GUINT32_TO_BE(v.data.u32) : GUINT32_TO_LE(v.data.u32);
        memcpy(bytes, &x, 4);
        size = 4;
        break;
    }
    case QEMU_PLUGIN_MEM_VALUE_U64: {
        uint64_t x = be ? GUINT64_TO_BE(v.data.u64) : GUINT64_TO_LE(v.data.u64);
        memcpy(bytes, &x, 8);
        size = 8;
        break;
    }
    default:
        return; /* 128-bit accesses are not mirrored */
    }
    if (off + size > REGION_SIZE) {
        return; /* straddles two regions: not mirrored */
    }

    g_mutex_lock(&lock);
    ri = g_hash_table_lookup(regions, &base);
    if (!ri) {
        ri = g_new0(RegionInfo, 1);
        ri->base = base;
        ri->data = g_malloc0(REGION_SIZE);
        ri->seen_all = true;
        g_hash_table_insert(regions, &ri->base, ri);
    }
    if (is_store) {
        ri->writes++;
        memcpy(ri->data + off, bytes, size);
    } else {
        ri->reads++;
        if (ri->seen_all && memcmp(ri->data + off, bytes, size)) {
            g_autofree char *msg = g_strdup_printf(
                "Warning: 0x%016" PRIx64 ":%" PRIu64
                " read an un-instrumented value\n", base, off);
            qemu_plugin_outs(msg);
            ri->seen_all = false;
        }
    }
    g_mutex_unlock(&lock);
}

static void vcpu_mem(unsigned int vcpu_index, qemu_plugin_meminfo_t info,
                     uint64_t vaddr, void *userdata)
{
    (void)userdata;
    if (do_haddr &&
        qemu_plugin_hwaddr_is_io(qemu_plugin_get_hwaddr(info, vaddr))) {
        qemu_plugin_u64_add(io_count, vcpu_index, 1);
    } else {
        qemu_plugin_u64_add(mem_count, vcpu_index, 1);
    }
    if (do_regions) {
        region_access(vaddr, info);
    }
}

static void print_access(unsigned int vcpu_index, qemu_plugin_meminfo_t info,
                         uint64_t vaddr, void *userdata)
{
    const InsnInfo *ii = userdata;
    qemu_plugin_mem_value v = qemu_plugin_mem_get_value(info);
    struct qemu_plugin_hwaddr *hw = qemu_plugin_get_hwaddr(info, vaddr);
    uint64_t paddr = hw ? qemu_plugin_hwaddr_phys_addr(hw) : vaddr;
    g_autoptr(GString) out = g_string_new(NULL);

    (void)vcpu_index;
    g_string_printf(out, "0x%" PRIx64 ",%s,0x%" PRIx64 ",0x%" PRIx64
                    ",%u,%s,", ii->vaddr, ii->sym, vaddr, paddr,
                    8u << qemu_plugin_mem_size_shift(info),
                    qemu_plugin_mem_is_store(info) ? "store" : "load");
    switch (v.type) {
    case QEMU_PLUGIN_MEM_VALUE_U8:
        g_string_append_printf(out, "0x%02" PRIx8 "\n", v.data.u8);
        break;
    case QEMU_PLUGIN_MEM_VALUE_U16:
        g_string_append_printf(out, "0x%04" PRIx16 "\n", v.data.u16);
        break;
    case QEMU_PLUGIN_MEM_VALUE_U32:
        g_string_append_printf(out, "0x%08" PRIx32 "\n", v.data.u32);
        break;
    case QEMU_PLUGIN_MEM_VALUE_U64:
        g_string_append_printf(out, "0x%016" PRIx64 "\n", v.data.u64);
        break;
    case QEMU_PLUGIN_MEM_VALUE_U128:
        g_string_append_printf(out, "0x%016" PRIx64 "%016" PRIx64 "\n",
                               v.data.u128.high, v.data.u128.low);
        break;
    default:
        g_string_append(out, "?\n");
        break;
    }
    qemu_plugin_outs(out->str);
}

static void vcpu_tb_trans(struct qemu_plugin_tb *tb, void *userdata)
{
    size_t n = qemu_plugin_tb_n_insns(tb);

    (void)userdata;
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);

        if (do_inline) {
            qemu_plugin_register_vcpu_mem_inline_per_vcpu(
                insn, rw, QEMU_PLUGIN_INLINE_ADD_U64, mem_count, 1);
        }
        if (do_callback || do_regions) {
            qemu_plugin_register_vcpu_mem_cb(insn, vcpu_mem,
                                             QEMU_PLUGIN_CB_NO_REGS, rw,
                                             NULL);
        }
        if (do_print) {
            /* kept for the rest of the run: blocks may be re-executed */
            InsnInfo *ii = g_new(InsnInfo, 1);
            const char *sym = qemu_plugin_insn_symbol(insn);

            ii->vaddr = qemu_plugin_insn_vaddr(insn);
            ii->sym = sym ? sym : "";
            qemu_plugin_register_vcpu_mem_cb(insn, print_access,
                                             QEMU_PLUGIN_CB_NO_REGS, rw, ii);
        }
    }
}

static void plugin_exit(void *userdata)
{
    g_autoptr(GString) out = g_string_new(NULL);

    (void)userdata;
    if (do_inline || do_callback) {
        g_string_append_printf(out, "mem accesses: %" PRIu64 "\n",
                               qemu_plugin_u64_sum(mem_count));
    }
    if (do_haddr) {
        g_string_append_printf(out, "io accesses: %" PRIu64 "\n",
                               qemu_plugin_u64_sum(io_count));
    }
    if (out->len) {
        qemu_plugin_outs(out->str);
    }

    if (do_regions) {
        GList *list = g_list_sort(g_hash_table_get_values(regions), by_base);

        g_string_printf(out, "Region Base, Reads, Writes, Seen all\n");
        for (GList *it = list; it; it = it->next) {
            const RegionInfo *ri = it->data;

            g_string_append_printf(out, "0x%016" PRIx64 ", %" PRIu64 ", %"
                                   PRIu64 ", %s\n", ri->base, ri->reads,
                                   ri->writes,
                                   ri->seen_all ? "true" : "false");
        }
        g_list_free(list);
        qemu_plugin_outs(out->str);
    }
    qemu_plugin_scoreboard_free(counts);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    static const struct {
        const char *key;
        bool *val;
    } bools[] = {
        { "inline", &do_inline },
        { "callback", &do_callback },
        { "haddr", &do_haddr },
        { "print-accesses", &do_print },
        { "region-summary", &do_regions },
    };

    (void)info;
    for (int i = 0; i < argc; i++) {
        g_auto(GStrv) kv = g_strsplit(argv[i], "=", 2);
        bool known = false;

        for (size_t b = 0; b < G_N_ELEMENTS(bools); b++) {
            if (g_strcmp0(kv[0], bools[b].key) == 0) {
                known = true;
                if (!kv[1] ||
                    !qemu_plugin_bool_parse(kv[0], kv[1], bools[b].val)) {
                    fprintf(stderr, "mem: bad boolean value in '%s' "
                            "(expected on|off)\n", argv[i]);
                    return -1;
                }
            }
        }
        if (known) {
            continue;
        }
        if (g_strcmp0(kv[0], "track") == 0 || g_strcmp0(kv[0], "rw") == 0) {
            if (g_strcmp0(kv[1], "r") == 0) {
                rw = QEMU_PLUGIN_MEM_R;
            } else if (g_strcmp0(kv[1], "w") == 0) {
                rw = QEMU_PLUGIN_MEM_W;
            } else if (g_strcmp0(kv[1], "rw") == 0) {
                rw = QEMU_PLUGIN_MEM_RW;
            } else {
                fprintf(stderr, "mem: bad value in '%s' (expected r, w or "
                        "rw)\n", argv[i]);
                return -1;
            }
        } else {
            fprintf(stderr, "mem: unknown option '%s' (expected inline=, "
                    "callback=, haddr=, track=, print-accesses=, "
                    "region-summary=)\n", argv[i]);
            return -1;
        }
    }
    if (do_inline && do_callback) {
        fprintf(stderr, "mem: inline=on and callback=on cannot be used "
                "together\n");
        return -1;
    }

    if (do_print) {
        qemu_plugin_outs("insn_vaddr,insn_symbol,mem_vaddr,mem_hwaddr,"
                         "access_size,access_type,mem_value\n");
    }
    if (do_regions) {
        regions = g_hash_table_new(g_int64_hash, g_int64_equal);
    }
    counts = qemu_plugin_scoreboard_new(sizeof(CpuCount));
    mem_count = qemu_plugin_scoreboard_u64_in_struct(counts, CpuCount,
                                                     mem_count);
    io_count = qemu_plugin_scoreboard_u64_in_struct(counts, CpuCount,
                                                    io_count);
    qemu_plugin_register_vcpu_tb_trans_cb(id, vcpu_tb_trans, NULL);
    qemu_plugin_register_atexit_cb(id, plugin_exit, NULL);
    return 0;
}
