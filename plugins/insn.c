/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * insn - count executed instructions per vCPU.
 *
 * Options and output follow QEMU's tests/tcg/plugins/insn.c:
 *   inline=on|off   count with an inline ADD_U64 per instruction (on) or
 *                   with an exec callback per instruction (off, default)
 *   sizes=on|off    instead of the counts, print how many translated
 *                   instructions had each length (counted at translation,
 *                   as QEMU does)
 *   match=STR       (repeatable) count executions of instructions whose
 *                   disassembly starts with STR; prints a record line when
 *                   a matching instruction is first translated
 *   trace=on|off    with match=, log every matching execution
 *
 * Output (qemu_plugin_outs, at exit):
 *   cpu 0 insns: 70275
 *   total insns: 70275
 * with sizes=on:
 *   len 2 bytes: 549 insns
 *   len 4 bytes: 489 insns
 * with match=ecall (after the counts):
 *   Match: ecall, hits 4
 *     800001b2: ecall (hits 1)
 *     80000528: ecall (hits 1)
 *
 * Example:
 *   firmscope -plugin build/plugins/libinsn.so,inline=on -d plugin \
 *       -M virt -bios none -kernel build/fw/demo.elf
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

/* Per-vCPU statistics of one match= pattern. */
typedef struct MatchCount {
    uint64_t hits;
    uint64_t last_hit;    /* instruction count at the previous hit */
    uint64_t total_delta; /* sum of instruction counts between hits */
} MatchCount;

typedef struct Match {
    char *pattern;
    struct qemu_plugin_scoreboard *counts; /* MatchCount */
} Match;

/* One matching instruction, by address and text. */
typedef struct InsnRecord {
    Match *match;
    uint64_t vaddr;
    char *disas;
    uint64_t hits;
} InsnRecord;

static qemu_plugin_u64 insn_count;
static bool do_inline;
static bool do_sizes;
static bool do_trace;
static GArray *matches;      /* Match */
static GArray *size_counts;  /* uint64_t, indexed by length in bytes */
static GHashTable *records;  /* "vaddr disas" -> InsnRecord */
static GMutex lock;

static InsnRecord *record_for(Match *m, uint64_t vaddr, const char *disas)
{
    char *key = g_strdup_printf("%" PRIx64 " %s", vaddr, disas);
    InsnRecord *rec;

    g_mutex_lock(&lock);
    rec = g_hash_table_lookup(records, key);
    if (rec) {
        g_free(key);
    } else {
        g_autofree char *line = NULL;

        rec = g_new0(InsnRecord, 1);
        rec->match = m;
        rec->vaddr = vaddr;
        rec->disas = g_strdup(disas);
        g_hash_table_insert(records, key, rec);
        line = g_strdup_printf("Created record for: %s\n", key);
        qemu_plugin_outs(line);
    }
    g_mutex_unlock(&lock);
    return rec;
}

static void insn_exec(unsigned int vcpu_index, void *userdata)
{
    (void)userdata;
    qemu_plugin_u64_add(insn_count, vcpu_index, 1);
}

static void match_exec(unsigned int vcpu_index, void *userdata)
{
    InsnRecord *rec = userdata;
    MatchCount *mc = qemu_plugin_scoreboard_find(rec->match->counts,
                                                 vcpu_index);
    uint64_t now = qemu_plugin_u64_get(insn_count, vcpu_index);
    uint64_t delta = now - mc->last_hit;

    rec->hits++;
    mc->hits++;
    mc->total_delta += delta;
    mc->last_hit = now;
    if (do_trace) {
        g_autofree char *line = g_strdup_printf(
            "0x%" PRIx64 ", '%s', %" PRIu64 " hits , cpu %u, %" PRIu64
            " match hits, \xce\x94+%" PRIu64 " since last match, %" PRIu64
            " avg insns/match\n",
            rec->vaddr, rec->disas, rec->hits, vcpu_index, mc->hits, delta,
            mc->total_delta / mc->hits);
        qemu_plugin_outs(line);
    }
}

static void vcpu_tb_trans(struct qemu_plugin_tb *tb, void *userdata)
{
    size_t n = qemu_plugin_tb_n_insns(tb);

    (void)userdata;
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);

        if (do_inline) {
            qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
                insn, QEMU_PLUGIN_INLINE_ADD_U64, insn_count, 1);
        } else {
            qemu_plugin_register_vcpu_insn_exec_cb(
                insn, insn_exec, QEMU_PLUGIN_CB_NO_REGS, NULL);
        }

        if (do_sizes) {
            size_t len = qemu_plugin_insn_size(insn);

            g_mutex_lock(&lock);
            if (len >= size_counts->len) {
                g_array_set_size(size_counts, len + 1);
            }
            g_array_index(size_counts, uint64_t, len)++;
            g_mutex_unlock(&lock);
        }

        if (matches->len) {
            g_autofree char *disas = qemu_plugin_insn_disas(insn);

            for (guint j = 0; disas && j < matches->len; j++) {
                Match *m = &g_array_index(matches, Match, j);

                if (g_str_has_prefix(disas, m->pattern)) {
                    InsnRecord *rec = record_for(
                        m, qemu_plugin_insn_vaddr(insn), disas);
                    qemu_plugin_register_vcpu_insn_exec_cb(
                        insn, match_exec, QEMU_PLUGIN_CB_NO_REGS, rec);
                }
            }
        }
    }
}

static void plugin_exit(void *userdata)
{
    g_autoptr(GString) out = g_string_new(NULL);

    (void)userdata;
    if (do_sizes) {
        for (guint len = 0; len < size_counts->len; len++) {
            uint64_t c = g_array_index(size_counts, uint64_t, len);

            if (c) {
                g_string_append_printf(out, "len %u bytes: %" PRIu64
                                       " insns\n", len, c);
            }
        }
    } else {
        for (int i = 0; i < qemu_plugin_num_vcpus(); i++) {
            g_string_append_printf(out, "cpu %d insns: %" PRIu64 "\n", i,
                                   qemu_plugin_u64_get(insn_count, i));
        }
        g_string_append_printf(out, "total insns: %" PRIu64 "\n",
                               qemu_plugin_u64_sum(insn_count));
    }
    qemu_plugin_outs(out->str);

    for (guint j = 0; j < matches->len; j++) {
        Match *m = &g_array_index(matches, Match, j);
        qemu_plugin_u64 hits =
            qemu_plugin_scoreboard_u64_in_struct(m->counts, MatchCount, hits);
        GHashTableIter it;
        InsnRecord *rec;

        g_string_printf(out, "Match: %s, hits %" PRIu64 "\n", m->pattern,
                        qemu_plugin_u64_sum(hits));
        g_hash_table_iter_init(&it, records);
        while (g_hash_table_iter_next(&it, NULL, (void **)&rec)) {
            if (rec->match == m) {
                g_string_append_printf(out, "  %" PRIx64 ": %s (hits %"
                                       PRIu64 ")\n", rec->vaddr, rec->disas,
                                       rec->hits);
            }
        }
        qemu_plugin_outs(out->str);
    }
}

static bool parse_bool(const char *opt, const char *val, bool *out)
{
    if (!val || !qemu_plugin_bool_parse(opt, val, out)) {
        fprintf(stderr, "insn: bad boolean value in '%s' "
                "(expected on|off)\n", opt);
        return false;
    }
    return true;
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)info;
    matches = g_array_new(false, true, sizeof(Match));
    size_counts = g_array_new(false, true, sizeof(uint64_t));
    records = g_hash_table_new(g_str_hash, g_str_equal);

    for (int i = 0; i < argc; i++) {
        g_auto(GStrv) kv = g_strsplit(argv[i], "=", 2);

        if (g_strcmp0(kv[0], "inline") == 0) {
            if (!parse_bool(argv[i], kv[1], &do_inline)) {
                return -1;
            }
        } else if (g_strcmp0(kv[0], "sizes") == 0) {
            if (!parse_bool(argv[i], kv[1], &do_sizes)) {
                return -1;
            }
        } else if (g_strcmp0(kv[0], "trace") == 0) {
            if (!parse_bool(argv[i], kv[1], &do_trace)) {
                return -1;
            }
        } else if (g_strcmp0(kv[0], "match") == 0 && kv[1] && *kv[1]) {
            Match m = {
                .pattern = g_strdup(kv[1]),
                .counts = qemu_plugin_scoreboard_new(sizeof(MatchCount)),
            };
            g_array_append_val(matches, m);
        } else {
            fprintf(stderr, "insn: unknown option '%s' (expected inline=, "
                    "sizes=, match=, trace=)\n", argv[i]);
            return -1;
        }
    }

    insn_count = qemu_plugin_scoreboard_u64(
        qemu_plugin_scoreboard_new(sizeof(uint64_t)));
    qemu_plugin_register_vcpu_tb_trans_cb(id, vcpu_tb_trans, NULL);
    qemu_plugin_register_atexit_cb(id, plugin_exit, NULL);
    return 0;
}
