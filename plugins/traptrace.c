/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * traptrace - one line per trap (RISC-V), and optionally a Chrome/Perfetto
 * trace of trap handlers.
 *
 * Each discontinuity event prints
 *   VCPU TYPE FROM_PC TO_PC CAUSE
 * TYPE is interrupt, exception or hostcall; the PCs are 0x%" PRIx64 ";
 * CAUSE is decimal.  For interrupts and exceptions it is read from the
 * trap CSR of the mode the trap went to (mcause if "priv" is 3 after the
 * trap, else scause) with the interrupt bit (bit XLEN-1) cleared.  For a
 * host call it is the semihosting operation number: a0 as it was when the
 * ebreak started (a0 holds the result by the time the event arrives, so
 * every uncompressed ebreak is instrumented to remember a0); "-" if that
 * is not known.  Registers are found by name ("priv", "mcause", "scause",
 * "a0") in qemu_plugin_get_registers(); XLEN is the size of mcause.
 *
 * With trace=PATH.json the plugin also writes, at exit, a Chrome trace
 * event file ({"traceEvents":[...]}, loadable in Perfetto or
 * chrome://tracing): each handler is a slice from the trap ("ph":"B") to
 * the mret/sret that ends it ("ph":"E"); nested traps nest.  Timestamps
 * ("ts", shown as microseconds) are instructions executed on that vCPU;
 * "pid" is 0 and "tid" the vCPU.  Host calls, which have no guest handler,
 * are instant events ("ph":"i").  Slices still open at exit are closed at
 * the vCPU's last timestamp.
 *
 * Options:
 *   file=PATH        write the lines to PATH instead of qemu_plugin_outs
 *   trace=PATH.json  also write the trace-event file
 *
 * Example:
 *   firmscope -plugin build/plugins/libtraptrace.so,trace=traps.json \
 *       -d plugin -M virt -bios none -kernel build/fw/demo.elf
 *   0 exception 0x80000528 0x8000004c 11
 *   0 interrupt 0x80000190 0x8000004c 7
 *   0 hostcall 0x80000024 0x80000028 4         (with -semihosting)
 * and in traps.json slices named e.g. "exception 11 ecall from M",
 * "interrupt 7 M timer", instants named "hostcall 4 SYS_WRITE0".
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define INSN_EBREAK 0x00100073u
#define INSN_MRET 0x30200073u
#define INSN_SRET 0x10200073u
#define PRIV_S 1
#define PRIV_M 3

typedef struct VcpuState {
    uint64_t icount;       /* instructions started, by an inline add */
    uint64_t ebreak_pc;    /* the last ebreak seen, and a0 then */
    uint64_t ebreak_a0;
    uint64_t has_ebreak;
    uint64_t depth;        /* handler slices open in the trace */
    struct qemu_plugin_register *priv;
    struct qemu_plugin_register *mcause;
    struct qemu_plugin_register *scause;
    struct qemu_plugin_register *a0;
    unsigned xlen;
} VcpuState;

static struct qemu_plugin_scoreboard *states;
static qemu_plugin_u64 icount_entry;
static FILE *line_file;        /* NULL: qemu_plugin_outs */
static FILE *trace_file;       /* NULL: no trace */
static GString *trace_events;  /* the body of traceEvents */
static GMutex lock;

static const char *const exc_names[] = {
    [0] = "instruction address misaligned",
    [1] = "instruction access fault",
    [2] = "illegal instruction",
    [3] = "breakpoint",
    [4] = "load address misaligned",
    [5] = "load access fault",
    [6] = "store/AMO address misaligned",
    [7] = "store/AMO access fault",
    [8] = "ecall from U",
    [9] = "ecall from S",
    [11] = "ecall from M",
    [12] = "instruction page fault",
    [13] = "load page fault",
    [15] = "store/AMO page fault",
    [18] = "software check",
    [19] = "hardware error",
};

static const char *const irq_names[] = {
    [1] = "S software",
    [3] = "M software",
    [5] = "S timer",
    [7] = "M timer",
    [9] = "S external",
    [11] = "M external",
    [13] = "counter overflow",
};

/* RISC-V semihosting uses the Arm semihosting operation numbers. */
static const char *semihost_name(uint64_t op)
{
    switch (op) {
    case 0x01: return "SYS_OPEN";
    case 0x02: return "SYS_CLOSE";
    case 0x03: return "SYS_WRITEC";
    case 0x04: return "SYS_WRITE0";
    case 0x05: return "SYS_WRITE";
    case 0x06: return "SYS_READ";
    case 0x07: return "SYS_READC";
    case 0x08: return "SYS_ISERROR";
    case 0x09: return "SYS_ISTTY";
    case 0x0a: return "SYS_SEEK";
    case 0x0c: return "SYS_FLEN";
    case 0x0d: return "SYS_TMPNAM";
    case 0x0e: return "SYS_REMOVE";
    case 0x0f: return "SYS_RENAME";
    case 0x10: return "SYS_CLOCK";
    case 0x11: return "SYS_TIME";
    case 0x12: return "SYS_SYSTEM";
    case 0x13: return "SYS_ERRNO";
    case 0x15: return "SYS_GET_CMDLINE";
    case 0x16: return "SYS_HEAPINFO";
    case 0x18: return "SYS_EXIT";
    case 0x20: return "SYS_EXIT_EXTENDED";
    case 0x30: return "SYS_ELAPSED";
    case 0x31: return "SYS_TICKFREQ";
    default: return "unknown";
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

/* Read a register of the current vCPU as a little-endian number. */
static bool read_reg(struct qemu_plugin_register *r, uint64_t *val)
{
    g_autoptr(GByteArray) buf = g_byte_array_new();
    uint64_t v = 0;

    if (!r || !qemu_plugin_read_register(r, buf) || buf->len == 0) {
        return false;
    }
    /* RISC-V registers come in target (little-endian) byte order */
    for (guint i = MIN(buf->len, 8u); i > 0; i--) {
        v = v << 8 | buf->data[i - 1];
    }
    *val = v;
    return true;
}

static void vcpu_init(unsigned int vcpu_index, void *userdata)
{
    VcpuState *s = qemu_plugin_scoreboard_find(states, vcpu_index);
    g_autoptr(GArray) regs = qemu_plugin_get_registers();
    g_autoptr(GByteArray) buf = g_byte_array_new();

    (void)userdata;
    for (guint i = 0; regs && i < regs->len; i++) {
        qemu_plugin_reg_descriptor *d =
            &g_array_index(regs, qemu_plugin_reg_descriptor, i);

        if (!strcmp(d->name, "priv")) {
            s->priv = d->handle;
        } else if (!strcmp(d->name, "mcause")) {
            s->mcause = d->handle;
        } else if (!strcmp(d->name, "scause")) {
            s->scause = d->handle;
        } else if (!strcmp(d->name, "a0")) {
            s->a0 = d->handle;
        }
    }
    s->xlen = 64;
    if (s->mcause && qemu_plugin_read_register(s->mcause, buf) &&
        buf->len) {
        s->xlen = buf->len * 8;
    }
}

static void emit_line(const char *line)
{
    if (line_file) {
        g_mutex_lock(&lock);
        fputs(line, line_file);
        g_mutex_unlock(&lock);
    } else {
        qemu_plugin_outs(line);
    }
}

static void trace_append(const char *ph, const char *name, unsigned vcpu,
                         uint64_t ts, const char *extra)
{
    g_mutex_lock(&lock);
    if (trace_events->len) {
        g_string_append(trace_events, ",\n");
    }
    g_string_append_printf(trace_events, "{\"ph\":\"%s\",", ph);
    if (name) {
        g_string_append_printf(trace_events, "\"name\":\"%s\",", name);
    }
    g_string_append_printf(trace_events, "\"ts\":%" PRIu64
                           ",\"pid\":0,\"tid\":%u%s}", ts, vcpu,
                           extra ? extra : "");
    g_mutex_unlock(&lock);
}

static void vcpu_discon(unsigned int vcpu_index,
                        enum qemu_plugin_discon_type type, uint64_t from_pc,
                        uint64_t to_pc, void *userdata)
{
    VcpuState *s = qemu_plugin_scoreboard_find(states, vcpu_index);
    char cause_text[24] = "-";
    const char *what = NULL;
    bool have_cause = false;
    uint64_t cause = 0, priv = 0;
    g_autofree char *line = NULL;

    (void)userdata;
    if (type == QEMU_PLUGIN_DISCON_HOSTCALL) {
        if (s->has_ebreak && s->ebreak_pc == from_pc) {
            cause = s->ebreak_a0;
            have_cause = true;
            what = semihost_name(cause);
        }
        s->has_ebreak = 0;
    } else if (read_reg(s->priv, &priv)) {
        /* the trap CSRs of the mode the trap went to hold the cause */
        struct qemu_plugin_register *r =
            PRIV_M == priv ? s->mcause : s->scause;
        uint64_t irq_bit = UINT64_C(1) << (s->xlen - 1);

        if (read_reg(r, &cause)) {
            cause &= ~irq_bit;
            have_cause = true;
            if (type == QEMU_PLUGIN_DISCON_INTERRUPT) {
                what = cause < G_N_ELEMENTS(irq_names) ? irq_names[cause]
                                                       : NULL;
            } else {
                what = cause < G_N_ELEMENTS(exc_names) ? exc_names[cause]
                                                       : NULL;
            }
        }
    }
    if (have_cause) {
        snprintf(cause_text, sizeof(cause_text), "%" PRIu64, cause);
    }
    line = g_strdup_printf("%u %s 0x%" PRIx64 " 0x%" PRIx64 " %s\n",
                           vcpu_index, type_name(type), from_pc, to_pc,
                           cause_text);
    emit_line(line);

    if (trace_file) {
        uint64_t ts = qemu_plugin_u64_get(icount_entry, vcpu_index);
        g_autofree char *name = g_strdup_printf(
            "%s %s%s%s", type_name(type), cause_text, what ? " " : "",
            what ? what : "");
        g_autofree char *args = g_strdup_printf(
            ",\"args\":{\"from\":\"0x%" PRIx64 "\",\"to\":\"0x%" PRIx64
            "\"}", from_pc, to_pc);

        if (type == QEMU_PLUGIN_DISCON_HOSTCALL) {
            /* serviced by the emulator: there is no handler to time */
            g_autofree char *inst = g_strdup_printf("%s,\"s\":\"t\"", args);
            trace_append("i", name, vcpu_index, ts, inst);
        } else {
            trace_append("B", name, vcpu_index, ts, args);
            s->depth++;
        }
    }
}

/* Before an uncompressed ebreak: remember a0, the semihosting operation. */
static void ebreak_exec(unsigned int vcpu_index, void *userdata)
{
    VcpuState *s = qemu_plugin_scoreboard_find(states, vcpu_index);
    uint64_t a0;

    if (read_reg(s->a0, &a0)) {
        s->ebreak_pc = (uint64_t)(uintptr_t)userdata;
        s->ebreak_a0 = a0;
        s->has_ebreak = 1;
    }
}

/* Before an mret/sret: the innermost open handler ends here. */
static void xret_exec(unsigned int vcpu_index, void *userdata)
{
    VcpuState *s = qemu_plugin_scoreboard_find(states, vcpu_index);
    unsigned need = (unsigned)(uintptr_t)userdata;
    uint64_t priv;

    /* an xret from too low a privilege traps instead of returning */
    if (s->depth == 0 || (read_reg(s->priv, &priv) && priv < need)) {
        return;
    }
    s->depth--;
    trace_append("E", NULL, vcpu_index,
                 qemu_plugin_u64_get(icount_entry, vcpu_index), NULL);
}

static void vcpu_tb_trans(struct qemu_plugin_tb *tb, void *userdata)
{
    size_t n = qemu_plugin_tb_n_insns(tb);

    (void)userdata;
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        uint8_t b[4];
        uint32_t word;

        if (trace_file) {
            qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
                insn, QEMU_PLUGIN_INLINE_ADD_U64, icount_entry, 1);
        }
        if (qemu_plugin_insn_size(insn) != 4 ||
            4 != qemu_plugin_insn_data(insn, b, sizeof(b))) {
            continue;
        }
        word = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
               (uint32_t)b[3] << 24;
        if (word == INSN_EBREAK) {
            qemu_plugin_register_vcpu_insn_exec_cb(
                insn, ebreak_exec, QEMU_PLUGIN_CB_R_REGS,
                (void *)(uintptr_t)qemu_plugin_insn_vaddr(insn));
        } else if (trace_file && (word == INSN_MRET || word == INSN_SRET)) {
            qemu_plugin_register_vcpu_insn_exec_cb(
                insn, xret_exec, QEMU_PLUGIN_CB_R_REGS,
                (void *)(uintptr_t)(word == INSN_MRET ? PRIV_M : PRIV_S));
        }
    }
}

static void plugin_exit(void *userdata)
{
    (void)userdata;
    if (line_file) {
        fclose(line_file);
        line_file = NULL;
    }
    if (!trace_file) {
        return;
    }
    for (int v = 0; v < qemu_plugin_num_vcpus(); v++) {
        VcpuState *s = qemu_plugin_scoreboard_find(states, v);
        uint64_t ts = qemu_plugin_u64_get(icount_entry, v);
        g_autofree char *meta = g_strdup_printf(
            ",\"args\":{\"name\":\"vCPU %d\"}", v);

        trace_append("M", "thread_name", v, 0, meta);
        /* handlers that never returned end where the run ended */
        for (; s->depth; s->depth--) {
            trace_append("E", NULL, v, ts, NULL);
        }
    }
    fprintf(trace_file, "{\"traceEvents\":[\n%s\n],"
            "\"displayTimeUnit\":\"ns\"}\n", trace_events->str);
    if (fclose(trace_file)) {
        fprintf(stderr, "traptrace: error writing the trace: %s\n",
                strerror(errno));
    }
    trace_file = NULL;
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)info;
    for (int i = 0; i < argc; i++) {
        g_auto(GStrv) kv = g_strsplit(argv[i], "=", 2);
        FILE **f;

        if (g_strcmp0(kv[0], "file") == 0) {
            f = &line_file;
        } else if (g_strcmp0(kv[0], "trace") == 0) {
            f = &trace_file;
        } else {
            fprintf(stderr, "traptrace: unknown option '%s' (expected "
                    "file=PATH or trace=PATH.json)\n", argv[i]);
            return -1;
        }
        if (!kv[1] || !*kv[1]) {
            fprintf(stderr, "traptrace: option '%s' needs a path\n", argv[i]);
            return -1;
        }
        if (*f) {
            fclose(*f);
        }
        *f = fopen(kv[1], "w");
        if (!*f) {
            fprintf(stderr, "traptrace: cannot open '%s': %s\n", kv[1],
                    strerror(errno));
            return -1;
        }
    }

    states = qemu_plugin_scoreboard_new(sizeof(VcpuState));
    icount_entry =
        qemu_plugin_scoreboard_u64_in_struct(states, VcpuState, icount);
    trace_events = g_string_new(NULL);
    qemu_plugin_register_vcpu_init_cb(id, vcpu_init, NULL);
    qemu_plugin_register_vcpu_discon_cb(id, QEMU_PLUGIN_DISCON_ALL,
                                        vcpu_discon, NULL);
    qemu_plugin_register_vcpu_tb_trans_cb(id, vcpu_tb_trans, NULL);
    qemu_plugin_register_atexit_cb(id, plugin_exit, NULL);
    return 0;
}
