/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * api_regs: register reads inside discon callbacks (tests/plugin/fw/regs.S).
 * At vCPU init the registers "mcause", "mepc", "pc" and "priv" are looked
 * up by name in qemu_plugin_get_registers(). In every discon callback they
 * are read: pc must equal to_pc, mepc from_pc, priv 3 (all of regs.S's
 * traps are taken into M-mode). Prints one "api_regs: event ..." line per
 * event, "api_regs: mcause <list>" (hex, in order) and "api_regs: PASS" or
 * "api_regs: FAIL ..." lines at exit.
 *
 * Instruction callbacks, alternating within each block: on even ones a
 * QEMU_PLUGIN_CB_NO_REGS callback, whose read of "pc" must be refused
 * (registers are readable only where QEMU_PLUGIN_CB_R_REGS was asked);
 * on odd ones a QEMU_PLUGIN_CB_R_REGS callback, which must read the
 * instruction's own address. The exit line counts both.
 */
#include "api_util.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

static const char *const names[] = { "mcause", "mepc", "pc", "priv" };
enum { R_MCAUSE, R_MEPC, R_PC, R_PRIV, N_REGS };

static struct qemu_plugin_register *regs[N_REGS];
static bool failed;
static unsigned n_events;
static GString *causes;

static void vcpu_init(unsigned int vcpu_index, void *udata)
{
    GArray *list = qemu_plugin_get_registers();
    struct qemu_plugin_register *fa0 = NULL;
    GByteArray *buf;

    (void)udata;
    for (guint i = 0; i < list->len; i++) {
        qemu_plugin_reg_descriptor *d =
            &g_array_index(list, qemu_plugin_reg_descriptor, i);

        for (int r = 0; r < N_REGS; r++) {
            if (strcmp(d->name, names[r]) == 0) {
                regs[r] = d->handle;
            }
        }
        /* FPRs: GDB's names and feature, 64 bits wide (D) */
        if (strcmp(d->name, "fa0") == 0 && d->feature &&
            strcmp(d->feature, "org.gnu.gdb.riscv.fpu") == 0) {
            fa0 = d->handle;
        }
    }
    g_array_free(list, TRUE);
    buf = g_byte_array_new();
    if (!fa0 || !qemu_plugin_read_register(fa0, buf) || buf->len != 8) {
        outf("api_regs: FAIL no 8-byte \"fa0\" in org.gnu.gdb.riscv.fpu\n");
        failed = true;
    }
    g_byte_array_free(buf, TRUE);
    for (int r = 0; r < N_REGS; r++) {
        if (!regs[r]) {
            outf("api_regs: FAIL vcpu %u has no register \"%s\"\n",
                 vcpu_index, names[r]);
            failed = true;
        }
    }
}

static unsigned n_refused, n_pc_reads;

static void insn_no_regs(unsigned int vcpu_index, void *udata)
{
    GByteArray *buf = g_byte_array_new();

    (void)vcpu_index;
    if (qemu_plugin_read_register(regs[R_PC], buf) > 0) {
        outf("api_regs: FAIL a NO_REGS callback at 0x%" PRIx64
             " read the pc\n", (uint64_t)(uintptr_t)udata);
        failed = true;
    } else {
        n_refused++;
    }
    g_byte_array_free(buf, TRUE);
}

static void insn_r_regs(unsigned int vcpu_index, void *udata)
{
    GByteArray *buf = g_byte_array_new();
    uint64_t want = (uintptr_t)udata;

    (void)vcpu_index;
    if (qemu_plugin_read_register(regs[R_PC], buf) <= 0) {
        outf("api_regs: FAIL an R_REGS callback at 0x%" PRIx64
             " could not read the pc\n", want);
        failed = true;
    } else if (le_value(buf) != want) {
        outf("api_regs: FAIL an R_REGS callback at 0x%" PRIx64
             " read pc 0x%" PRIx64 "\n", want, le_value(buf));
        failed = true;
    } else {
        n_pc_reads++;
    }
    g_byte_array_free(buf, TRUE);
}

static void tb_trans(struct qemu_plugin_tb *tb, void *udata)
{
    (void)udata;
    for (size_t i = 0; i < qemu_plugin_tb_n_insns(tb); i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        void *vaddr = (void *)(uintptr_t)qemu_plugin_insn_vaddr(insn);

        if (i % 2 == 0) {
            qemu_plugin_register_vcpu_insn_exec_cb(
                insn, insn_no_regs, QEMU_PLUGIN_CB_NO_REGS, vaddr);
        } else {
            qemu_plugin_register_vcpu_insn_exec_cb(
                insn, insn_r_regs, QEMU_PLUGIN_CB_R_REGS, vaddr);
        }
    }
}

static const char *type_name(enum qemu_plugin_discon_type type)
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

static void discon(unsigned int vcpu_index, enum qemu_plugin_discon_type type,
                   uint64_t from_pc, uint64_t to_pc, void *udata)
{
    uint64_t val[N_REGS] = { 0 };
    bool ok = true;

    (void)udata;
    n_events++;
    for (int r = 0; r < N_REGS; r++) {
        GByteArray *buf = g_byte_array_new();

        if (!regs[r] || !qemu_plugin_read_register(regs[r], buf) ||
            buf->len == 0) {
            outf("api_regs: FAIL event %u: reading \"%s\" failed\n", n_events,
                 names[r]);
            ok = false;
        } else {
            val[r] = le_value(buf);
        }
        g_byte_array_free(buf, TRUE);
    }
    outf("api_regs: event %u vcpu=%u %s from=0x%" PRIx64 " to=0x%" PRIx64
         " pc=0x%" PRIx64 " mepc=0x%" PRIx64 " mcause=0x%" PRIx64
         " priv=%" PRIu64 "\n", n_events, vcpu_index, type_name(type),
         from_pc, to_pc, val[R_PC], val[R_MEPC], val[R_MCAUSE], val[R_PRIV]);
    if (ok && val[R_PC] != to_pc) {
        outf("api_regs: FAIL event %u: pc 0x%" PRIx64 " != to_pc 0x%" PRIx64
             "\n", n_events, val[R_PC], to_pc);
        ok = false;
    }
    if (ok && val[R_MEPC] != from_pc) {
        outf("api_regs: FAIL event %u: mepc 0x%" PRIx64 " != from_pc 0x%"
             PRIx64 "\n", n_events, val[R_MEPC], from_pc);
        ok = false;
    }
    if (ok && val[R_PRIV] != 3) {
        outf("api_regs: FAIL event %u: priv %" PRIu64 " != 3\n", n_events,
             val[R_PRIV]);
        ok = false;
    }
    g_string_append_printf(causes, " 0x%" PRIx64, val[R_MCAUSE]);
    failed |= !ok;
}

static void at_exit(void *udata)
{
    (void)udata;
    outf("api_regs: mcause%s\n", causes->str);
    if (n_events == 0) {
        outf("api_regs: FAIL no discon events\n");
    } else if (n_refused == 0 || n_pc_reads == 0) {
        outf("api_regs: FAIL instruction callbacks: %u refused, %u pc "
             "reads\n", n_refused, n_pc_reads);
    } else if (!failed) {
        outf("api_regs: PASS %u events, %u refused, %u pc reads\n",
             n_events, n_refused, n_pc_reads);
    }
    g_string_free(causes, TRUE);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)info;
    (void)argv;
    if (argc > 0) {
        return -1;
    }
    causes = g_string_new("");
    qemu_plugin_register_vcpu_init_cb(id, vcpu_init, NULL);
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans, NULL);
    qemu_plugin_register_vcpu_discon_cb(id, QEMU_PLUGIN_DISCON_ALL, discon,
                                        NULL);
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    return 0;
}
