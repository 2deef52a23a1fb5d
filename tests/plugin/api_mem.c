/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * api_mem: memory callbacks on tests/plugin/fw/memops.S. Every load and
 * store made by an instruction in [start, end) is recorded by a callback
 * registered with QEMU_PLUGIN_MEM_RW; at exit the records are compared with
 * the table below (the same sequence as memops.S): size shift, store or
 * load, sign extension (loads narrower than 64 bits only), the value from
 * qemu_plugin_mem_get_value (type and number), vaddr, and through
 * qemu_plugin_get_hwaddr the physical address and whether it is I/O.
 * Also: a MEM_W-only callback must see the stores only, and an inline
 * MEM_R counter the loads only.
 *
 * Arguments: start=, end= (the memops range), data= (address of mdata).
 * Prints "api_mem: PASS <n> accesses" or "api_mem: FAIL ..." lines, and
 * every record as "api_mem: got ...".
 */
#include "api_util.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define DONT_CARE 2
#define UART_BASE 0x10000000ull

typedef struct {
    const char *what;
    bool uart;         /* offset from UART_BASE, else from data= */
    uint64_t offset;
    unsigned shift;
    bool store;
    int sext;          /* 0, 1 or DONT_CARE */
    uint64_t value;
    bool io;
} Expect;

/*
 * Sign extension is checked only for loads narrower than XLEN: for 64-bit
 * loads, stores and AMOs the flag carries no meaning, and QEMU's RISC-V
 * translator sets it there inconsistently (signed MemOps for sb/sw/amo).
 * An AMO is reported as a load of the old value, then a store of the new.
 */
static const Expect table[] = {
    { "lb", false, 7, 0, false, 1, 0xf0, false },
    { "lbu", false, 7, 0, false, 0, 0xf0, false },
    { "lh", false, 6, 1, false, 1, 0xf0e1, false },
    { "lhu", false, 6, 1, false, 0, 0xf0e1, false },
    { "lw", false, 4, 2, false, 1, 0xf0e1d2c3, false },
    { "lwu", false, 4, 2, false, 0, 0xf0e1d2c3, false },
    { "ld", false, 0, 3, false, DONT_CARE, 0xf0e1d2c3b4a59687ull, false },
    { "sb", false, 8, 0, true, DONT_CARE, 0xa5, false },
    { "sw", false, 12, 2, true, DONT_CARE, 0x12345678, false },
    { "sd", false, 16, 3, true, DONT_CARE, 0x0123456789abcdefull, false },
    { "amoadd.w load", false, 24, 2, false, DONT_CARE, 5, false },
    { "amoadd.w store", false, 24, 2, true, DONT_CARE, 12, false },
    { "sb uart scratch", true, 7, 0, true, DONT_CARE, 0x5a, true },
    { "sb uart thr", true, 0, 0, true, DONT_CARE, '*', true },
};
#define N_EXPECT (sizeof(table) / sizeof(table[0]))

typedef struct {
    uint64_t insn;
    unsigned shift;
    bool store, sext, have_hw, io;
    enum qemu_plugin_mem_value_type vtype;
    uint64_t value, vaddr, phys;
} Record;

#define MAX_RECORDS 64

static uint64_t start, end, data;
static Record records[MAX_RECORDS];
static unsigned n_records, n_overflow;
static uint64_t stores_seen;
static struct qemu_plugin_scoreboard *score;
static qemu_plugin_u64 loads_inline;

static void mem_rw(unsigned int vcpu_index, qemu_plugin_meminfo_t info,
                   uint64_t vaddr, void *udata)
{
    struct qemu_plugin_hwaddr *hw = qemu_plugin_get_hwaddr(info, vaddr);
    qemu_plugin_mem_value v = qemu_plugin_mem_get_value(info);
    Record *r;

    (void)vcpu_index;
    if (n_records == MAX_RECORDS) {
        n_overflow++;
        return;
    }
    r = &records[n_records++];
    r->insn = (uint64_t)(uintptr_t)udata;
    r->shift = qemu_plugin_mem_size_shift(info);
    r->store = qemu_plugin_mem_is_store(info);
    r->sext = qemu_plugin_mem_is_sign_extended(info);
    r->vtype = v.type;
    switch (v.type) {
    case QEMU_PLUGIN_MEM_VALUE_U8:
        r->value = v.data.u8;
        break;
    case QEMU_PLUGIN_MEM_VALUE_U16:
        r->value = v.data.u16;
        break;
    case QEMU_PLUGIN_MEM_VALUE_U32:
        r->value = v.data.u32;
        break;
    case QEMU_PLUGIN_MEM_VALUE_U64:
        r->value = v.data.u64;
        break;
    default:
        r->value = v.data.u128.low;
        break;
    }
    r->vaddr = vaddr;
    r->have_hw = hw != NULL;
    r->io = hw && qemu_plugin_hwaddr_is_io(hw);
    r->phys = hw ? qemu_plugin_hwaddr_phys_addr(hw) : 0;
}

static void mem_w(unsigned int vcpu_index, qemu_plugin_meminfo_t info,
                  uint64_t vaddr, void *udata)
{
    (void)vcpu_index;
    (void)vaddr;
    (void)udata;
    if (!qemu_plugin_mem_is_store(info)) {
        outf("api_mem: FAIL a QEMU_PLUGIN_MEM_W callback saw a load\n");
    }
    stores_seen++;
}

static void tb_trans(struct qemu_plugin_tb *tb, void *udata)
{
    (void)udata;
    for (size_t i = 0; i < qemu_plugin_tb_n_insns(tb); i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        uint64_t pc = qemu_plugin_insn_vaddr(insn);

        if (pc < start || pc >= end) {
            continue;
        }
        qemu_plugin_register_vcpu_mem_cb(insn, mem_rw, QEMU_PLUGIN_CB_NO_REGS,
                                         QEMU_PLUGIN_MEM_RW,
                                         (void *)(uintptr_t)pc);
        qemu_plugin_register_vcpu_mem_cb(insn, mem_w, QEMU_PLUGIN_CB_NO_REGS,
                                         QEMU_PLUGIN_MEM_W, NULL);
        qemu_plugin_register_vcpu_mem_inline_per_vcpu(
            insn, QEMU_PLUGIN_MEM_R, QEMU_PLUGIN_INLINE_ADD_U64, loads_inline,
            1);
    }
}

static unsigned vtype_shift(enum qemu_plugin_mem_value_type t)
{
    return (unsigned)t; /* U8 = 0 ... U128 = 4 */
}

static bool check(unsigned i, const Record *r, const Expect *e)
{
    uint64_t want_vaddr = (e->uart ? UART_BASE : data) + e->offset;
    bool ok = true;

#define MISMATCH(field, fmt, want, got)                                       \
    do {                                                                      \
        outf("api_mem: FAIL access %u (%s): %s expected " fmt " got " fmt     \
             "\n", i + 1, e->what, field, want, got);                         \
        ok = false;                                                           \
    } while (0)

    if (r->shift != e->shift) {
        MISMATCH("size_shift", "%u", e->shift, r->shift);
    }
    if (r->store != e->store) {
        MISMATCH("is_store", "%d", (int)e->store, (int)r->store);
    }
    if (e->sext != DONT_CARE && (int)r->sext != e->sext) {
        MISMATCH("is_sign_extended", "%d", e->sext, (int)r->sext);
    }
    if (vtype_shift(r->vtype) != e->shift) {
        MISMATCH("value type (log2 bytes)", "%u", e->shift,
                 vtype_shift(r->vtype));
    }
    if (r->value != e->value) {
        MISMATCH("value", "0x%" PRIx64, e->value, r->value);
    }
    if (r->vaddr != want_vaddr) {
        MISMATCH("vaddr", "0x%" PRIx64, want_vaddr, r->vaddr);
    }
    if (!r->have_hw) {
        outf("api_mem: FAIL access %u (%s): qemu_plugin_get_hwaddr returned "
             "NULL\n", i + 1, e->what);
        ok = false;
    } else {
        if (r->phys != want_vaddr) {
            MISMATCH("phys addr", "0x%" PRIx64, want_vaddr, r->phys);
        }
        if (r->io != e->io) {
            MISMATCH("is_io", "%d", (int)e->io, (int)r->io);
        }
    }
#undef MISMATCH
    return ok;
}

static void at_exit(void *udata)
{
    bool ok = true;
    unsigned n_loads = 0, n_stores = 0;
    uint64_t inline_loads = qemu_plugin_u64_sum(loads_inline);

    (void)udata;
    for (unsigned i = 0; i < n_records; i++) {
        const Record *r = &records[i];

        outf("api_mem: got insn=0x%" PRIx64 " shift=%u store=%d sext=%d "
             "vtype=%d value=0x%" PRIx64 " vaddr=0x%" PRIx64 " hw=%d "
             "phys=0x%" PRIx64 " io=%d\n", r->insn, r->shift, r->store,
             r->sext, (int)r->vtype, r->value, r->vaddr, r->have_hw,
             r->phys, r->io);
    }
    if (n_records != N_EXPECT || n_overflow) {
        outf("api_mem: FAIL %u accesses recorded, expected %zu\n",
             n_records + n_overflow, N_EXPECT);
        ok = false;
    }
    for (unsigned i = 0; i < n_records && i < N_EXPECT; i++) {
        ok &= check(i, &records[i], &table[i]);
        if (i > 0 && records[i].insn < records[i - 1].insn) {
            outf("api_mem: FAIL access %u reported out of program order\n",
                 i + 1);
            ok = false;
        }
    }
    for (unsigned i = 0; i < N_EXPECT; i++) {
        if (table[i].store) {
            n_stores++;
        } else {
            n_loads++;
        }
    }
    if (stores_seen != n_stores) {
        outf("api_mem: FAIL MEM_W callback saw %" PRIu64 " stores, expected "
             "%u\n", stores_seen, n_stores);
        ok = false;
    }
    if (inline_loads != n_loads) {
        outf("api_mem: FAIL inline MEM_R counter %" PRIu64 ", expected %u\n",
             inline_loads, n_loads);
        ok = false;
    }
    if (ok) {
        outf("api_mem: PASS %u accesses\n", n_records);
    }
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)info;
    for (int i = 0; i < argc; i++) {
        if (!arg_u64(argv[i], "start", &start) &&
            !arg_u64(argv[i], "end", &end) &&
            !arg_u64(argv[i], "data", &data)) {
            return -1;
        }
    }
    if (!start || !end || !data) {
        return -1;
    }
    score = qemu_plugin_scoreboard_new(sizeof(uint64_t));
    loads_inline = qemu_plugin_scoreboard_u64(score);
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans, NULL);
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    return 0;
}
