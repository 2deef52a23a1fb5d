/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * discons - check the PCs reported by discontinuity callbacks.
 *
 * Every instruction is instrumented with three inline stores (its address,
 * the address after it, and whether it is not the last of its block) and
 * one exec callback.  Each discon event is then checked twice:
 *
 *   to_pc    the next instruction that executes on that vCPU must be at
 *            to_pc ("Discon target PC mismatch");
 *   from_pc  ("Discon source PC mismatch"), the first rule that applies:
 *            (a) an exception whose from_pc is the last instruction whose
 *                exec callback ran is fine (the faulting instruction);
 *            (b) if the previous event's to_pc is still pending (a chain
 *                of events with no instruction between, e.g. a double
 *                trap), from_pc must equal that to_pc;
 *            (c) if the last instruction was not the last of its block,
 *                from_pc must be the address just after it (interrupts);
 *            otherwise nothing is checked.
 * Two addresses are equal if they are, or if qemu_plugin_translate_vaddr()
 * maps both to the same physical address.  This is the checker QEMU
 * describes as tests/tcg/plugins/discons.c, written from its description.
 *
 * Options:
 *   abort=on|off      on a mismatch, write the report to stderr and abort()
 *                     (default on); off: report with qemu_plugin_outs and
 *                     carry on
 *   trace-all=on|off  log "Exec insn at 0x... on VCPU n" for every
 *                     instruction (default off)
 *
 * Output: a mismatch report of five lines, e.g.
 *   Discon target PC mismatch on VCPU 0
 *   Expected:      0x80000104
 *   Encountered:   0x80000100
 *   Executed Last: 0x80000100
 *   Event type:    interrupt
 * and at exit (qemu_plugin_outs) one summary line, a firmscope addition:
 *   discons: 6 events, 12 checked, 0 mismatches
 *
 * Example:
 *   firmscope -plugin build/plugins/libdiscons.so,abort=off -d plugin \
 *       -M virt -bios none -kernel build/fw/demo.elf
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

typedef struct CpuState {
    /* written by inline stores before each instruction */
    uint64_t last_pc;
    uint64_t from_pc;
    uint64_t has_from;
    /* the pending to_pc of the last event */
    uint64_t next_pc;
    uint64_t has_next;
    uint64_t next_type;
    /* statistics for the exit summary */
    uint64_t events;
    uint64_t checked;
    uint64_t mismatches;
} CpuState;

static struct qemu_plugin_scoreboard *states;
static qemu_plugin_u64 last_pc_entry;
static qemu_plugin_u64 from_pc_entry;
static qemu_plugin_u64 has_from_entry;

static bool abort_on_mismatch = true;
static bool trace_all;

static bool addr_eq(uint64_t a, uint64_t b)
{
    uint64_t pa, pb;

    if (a == b) {
        return true;
    }
    /* the same code may be reached through different virtual mappings */
    return qemu_plugin_translate_vaddr(a, &pa) &&
           qemu_plugin_translate_vaddr(b, &pb) && pa == pb;
}

static const char *type_name(uint64_t type)
{
    switch (type) {
    case QEMU_PLUGIN_DISCON_INTERRUPT:
        return "interrupt";
    case QEMU_PLUGIN_DISCON_EXCEPTION:
        return "exception";
    case QEMU_PLUGIN_DISCON_HOSTCALL:
        return "hostcall";
    default:
        return "unknown";
    }
}

/* Compare one PC; report when they differ. */
static void check_pc(CpuState *s, const char *which, unsigned int vcpu,
                     uint64_t type, uint64_t last, uint64_t expected,
                     uint64_t encountered)
{
    g_autofree char *report = NULL;

    s->checked++;
    if (addr_eq(expected, encountered)) {
        return;
    }
    s->mismatches++;
    report = g_strdup_printf("Discon %s PC mismatch on VCPU %u\n"
                             "Expected:      0x%" PRIx64 "\n"
                             "Encountered:   0x%" PRIx64 "\n"
                             "Executed Last: 0x%" PRIx64 "\n"
                             "Event type:    %s\n",
                             which, vcpu, expected, encountered, last,
                             type_name(type));
    if (abort_on_mismatch) {
        /* the log may not be flushed on abort: go straight to stderr */
        fputs(report, stderr);
        fflush(stderr);
        abort();
    }
    qemu_plugin_outs(report);
}

static void vcpu_discon(unsigned int vcpu_index,
                        enum qemu_plugin_discon_type type, uint64_t from_pc,
                        uint64_t to_pc, void *userdata)
{
    CpuState *s = qemu_plugin_scoreboard_find(states, vcpu_index);

    (void)userdata;
    s->events++;
    if (type == QEMU_PLUGIN_DISCON_EXCEPTION &&
        addr_eq(s->last_pc, from_pc)) {
        /* the faulting instruction's exec callback already ran: fine */
        s->checked++;
    } else if (s->has_next) {
        /* a chain: this event interrupted the previous one's target */
        check_pc(s, "source", vcpu_index, type, s->last_pc, s->next_pc,
                 from_pc);
    } else if (s->has_from) {
        check_pc(s, "source", vcpu_index, type, s->last_pc, s->from_pc,
                 from_pc);
    }

    s->has_from = 0;
    s->next_pc = to_pc;
    s->next_type = (uint64_t)type;
    s->has_next = 1;
}

static void insn_exec(unsigned int vcpu_index, void *userdata)
{
    CpuState *s = qemu_plugin_scoreboard_find(states, vcpu_index);
    uint64_t pc = (uint64_t)(uintptr_t)userdata;

    if (s->has_next) {
        check_pc(s, "target", vcpu_index, s->next_type, s->last_pc,
                 s->next_pc, pc);
        s->has_next = 0;
    }
    if (trace_all) {
        g_autofree char *line =
            g_strdup_printf("Exec insn at 0x%" PRIx64 " on VCPU %u\n", pc,
                            vcpu_index);
        qemu_plugin_outs(line);
    }
}

static void vcpu_tb_trans(struct qemu_plugin_tb *tb, void *userdata)
{
    size_t n = qemu_plugin_tb_n_insns(tb);

    (void)userdata;
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        uint64_t pc = qemu_plugin_insn_vaddr(insn);
        uint64_t after = pc + qemu_plugin_insn_size(insn);

        qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
            insn, QEMU_PLUGIN_INLINE_STORE_U64, last_pc_entry, pc);
        qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
            insn, QEMU_PLUGIN_INLINE_STORE_U64, from_pc_entry, after);
        /* after a block's last instruction control may go anywhere */
        qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
            insn, QEMU_PLUGIN_INLINE_STORE_U64, has_from_entry,
            i + 1 < n ? 1 : 0);
        /*
         * The callback gets its own address rather than reading last_pc,
         * so it does not depend on inline ops running before calls.
         */
        qemu_plugin_register_vcpu_insn_exec_cb(insn, insn_exec,
                                               QEMU_PLUGIN_CB_NO_REGS,
                                               (void *)(uintptr_t)pc);
    }
}

static void plugin_exit(void *userdata)
{
    qemu_plugin_u64 events =
        qemu_plugin_scoreboard_u64_in_struct(states, CpuState, events);
    qemu_plugin_u64 checked =
        qemu_plugin_scoreboard_u64_in_struct(states, CpuState, checked);
    qemu_plugin_u64 mismatches =
        qemu_plugin_scoreboard_u64_in_struct(states, CpuState, mismatches);
    g_autofree char *line = NULL;

    (void)userdata;
    line = g_strdup_printf("discons: %" PRIu64 " events, %" PRIu64
                           " checked, %" PRIu64 " mismatches\n",
                           qemu_plugin_u64_sum(events),
                           qemu_plugin_u64_sum(checked),
                           qemu_plugin_u64_sum(mismatches));
    qemu_plugin_outs(line);
    qemu_plugin_scoreboard_free(states);
}

static bool parse_bool_opt(const char *opt, const char *key, bool *out,
                           bool *matched)
{
    g_auto(GStrv) kv = g_strsplit(opt, "=", 2);

    if (g_strcmp0(kv[0], key) != 0) {
        return true;
    }
    *matched = true;
    if (!kv[1] || !qemu_plugin_bool_parse(kv[0], kv[1], out)) {
        fprintf(stderr, "discons: bad boolean value in '%s' "
                "(expected on|off)\n", opt);
        return false;
    }
    return true;
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        bool matched = false;

        if (!parse_bool_opt(argv[i], "abort", &abort_on_mismatch,
                            &matched) ||
            !parse_bool_opt(argv[i], "trace-all", &trace_all, &matched)) {
            return -1;
        }
        if (!matched) {
            fprintf(stderr, "discons: unknown option '%s' "
                    "(expected abort=on|off or trace-all=on|off)\n", argv[i]);
            return -1;
        }
    }
    if (!info->system_emulation) {
        qemu_plugin_outs("discons: discontinuities can only be checked in "
                         "system emulation\n");
        return 0;
    }

    states = qemu_plugin_scoreboard_new(sizeof(CpuState));
    last_pc_entry =
        qemu_plugin_scoreboard_u64_in_struct(states, CpuState, last_pc);
    from_pc_entry =
        qemu_plugin_scoreboard_u64_in_struct(states, CpuState, from_pc);
    has_from_entry =
        qemu_plugin_scoreboard_u64_in_struct(states, CpuState, has_from);

    qemu_plugin_register_vcpu_discon_cb(id, QEMU_PLUGIN_DISCON_ALL,
                                        vcpu_discon, NULL);
    qemu_plugin_register_vcpu_tb_trans_cb(id, vcpu_tb_trans, NULL);
    qemu_plugin_register_atexit_cb(id, plugin_exit, NULL);
    return 0;
}
