/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The plugin layer's core: one callback slot per plugin and event,
 * dispatch in each plugin's own calling convention (API 7 callbacks get
 * userdata; older ones get the plugin id), scoreboards, and block
 * instrumentation compiled into flat lists the executor runs.
 */
#include "core.h"

#include <stdlib.h>
#include <string.h>

#include "compiler.h"
#include "log.h"

PluginState plugin_state;
static const PluginCaller no_caller = { NULL, PLUGIN_FLAGS_NO_REGS, -1 };
const PluginCaller *plugin_caller = &no_caller;
unsigned plugin_discon_mask;
bool plugin_tb_trans_wanted;
volatile unsigned plugin_pending;

/* Calling conventions, by API version. */
typedef void (*VcpuUdataFn)(unsigned vcpu, void *userdata);
typedef void (*VcpuIdFn)(uint64_t id, unsigned vcpu);
typedef void (*UdataFn)(void *userdata);
typedef void (*IdUdataFn)(uint64_t id, void *userdata);
typedef void (*IdFn)(uint64_t id);
typedef void (*TbUdataFn)(struct qemu_plugin_tb *tb, void *userdata);
typedef void (*TbIdFn)(uint64_t id, struct qemu_plugin_tb *tb);
typedef void (*DisconUdataFn)(unsigned vcpu, unsigned type, uint64_t from,
                              uint64_t to, void *userdata);
typedef void (*DisconIdFn)(uint64_t id, unsigned vcpu, unsigned type,
                           uint64_t from, uint64_t to);
typedef void (*MemFn)(unsigned vcpu, uint32_t info, uint64_t vaddr,
                      void *userdata);

Plugin *plugin_by_id(uint64_t id)
{
    for (Plugin *p = plugin_state.plugins; p; p = p->next) {
        if (p->id == id && p->installed) {
            return p;
        }
    }
    return NULL;
}

static void update_wanted(void)
{
    static const struct {
        PluginEvent ev;
        unsigned type;
    } discon[] = {
        { PLUGIN_EV_DISCON_INTERRUPT, PLUGIN_DISCON_INTERRUPT },
        { PLUGIN_EV_DISCON_EXCEPTION, PLUGIN_DISCON_EXCEPTION },
        { PLUGIN_EV_DISCON_HOSTCALL, PLUGIN_DISCON_HOSTCALL },
    };
    unsigned mask = 0;
    bool tb = false;

    for (Plugin *p = plugin_state.plugins; p; p = p->next) {
        for (size_t i = 0; i < FS_ARRAY_SIZE(discon); i++) {
            if (p->ev[discon[i].ev].fn) {
                mask |= discon[i].type;
            }
        }
        tb |= p->ev[PLUGIN_EV_TB_TRANS].fn != NULL;
    }
    plugin_discon_mask = mask;
    plugin_tb_trans_wanted = tb;
}

void plugin_register_event(Plugin *p, PluginEvent ev, PluginFn fn,
                           void *userdata)
{
    p->ev[ev].fn = fn;
    p->ev[ev].userdata = userdata;
    update_wanted();
}

/*
 * Around a call into a plugin: the API's view of who is calling, kept in
 * *ctx (on the caller's stack); returns what leave_plugin() restores.
 */
typedef const PluginCaller *CallCtx;

static CallCtx enter_plugin(PluginCaller *ctx, Plugin *p, int flags,
                            int vcpu)
{
    CallCtx saved = plugin_caller;

    ctx->plugin = p;
    ctx->flags = flags;
    ctx->vcpu = vcpu;
    plugin_caller = ctx;
    return saved;
}

static void leave_plugin(CallCtx saved)
{
    plugin_caller = saved;
}

PluginVcpu *plugin_current_vcpu(void)
{
    int v = plugin_caller->vcpu;

    if (v < 0 || (unsigned)v >= PLUGIN_MAX_VCPUS ||
        !plugin_state.vcpus[v].cpu) {
        return NULL;
    }
    return &plugin_state.vcpus[v];
}

static void call_vcpu_event(PluginEvent ev, unsigned vcpu, int flags)
{
    for (Plugin *p = plugin_state.plugins; p; p = p->next) {
        PluginSlot *s = &p->ev[ev];
        PluginCaller ctx;
        CallCtx saved;

        if (!s->fn || !p->installed) {
            continue;
        }
        saved = enter_plugin(&ctx, p, flags, (int)vcpu);
        if (p->version >= PLUGIN_VERSION_USERDATA) {
            ((VcpuUdataFn)s->fn)(vcpu, s->userdata);
        } else {
            ((VcpuIdFn)s->fn)(p->id, vcpu);
        }
        leave_plugin(saved);
    }
}

struct qemu_plugin_scoreboard *plugin_scoreboard_new(size_t element_size)
{
    struct qemu_plugin_scoreboard *s = calloc(1, sizeof(*s));

    if (!s || element_size == 0 ||
        element_size > SIZE_MAX / PLUGIN_MAX_VCPUS) {
        free(s);
        return NULL;
    }
    /*
     * Room for every vCPU there can be, allocated once: compiled blocks
     * hold pointers into it, so it must never move (QEMU flushes its
     * translations when it grows scoreboards instead).
     */
    s->data = calloc(PLUGIN_MAX_VCPUS, element_size);
    if (!s->data) {
        free(s);
        return NULL;
    }
    s->element_size = element_size;
    s->next = plugin_state.scoreboards;
    plugin_state.scoreboards = s;
    return s;
}

void plugin_scoreboard_free(struct qemu_plugin_scoreboard *s)
{
    for (struct qemu_plugin_scoreboard **pp = &plugin_state.scoreboards;
         *pp; pp = &(*pp)->next) {
        if (*pp == s) {
            *pp = s->next;
            free(s->data);
            free(s);
            return;
        }
    }
}

void plugin_vcpu_init(unsigned vcpu, void *cpu, const PluginCpuOps *ops)
{
    PluginVcpu *v;

    if (vcpu >= PLUGIN_MAX_VCPUS) {
        return;
    }
    v = &plugin_state.vcpus[vcpu];
    v->cpu = cpu;
    v->ops = ops;
    v->initialized = true;
    if (vcpu + 1 > plugin_state.n_vcpus) {
        plugin_state.n_vcpus = vcpu + 1;
    }
    call_vcpu_event(PLUGIN_EV_VCPU_INIT, vcpu, PLUGIN_FLAGS_RW_REGS);
}

void plugin_vcpu_exit(unsigned vcpu)
{
    call_vcpu_event(PLUGIN_EV_VCPU_EXIT, vcpu, PLUGIN_FLAGS_RW_REGS);
}

void plugin_vcpu_idle(unsigned vcpu)
{
    call_vcpu_event(PLUGIN_EV_VCPU_IDLE, vcpu, PLUGIN_FLAGS_RW_REGS);
}

void plugin_vcpu_resume(unsigned vcpu)
{
    call_vcpu_event(PLUGIN_EV_VCPU_RESUME, vcpu, PLUGIN_FLAGS_RW_REGS);
}

/* atexit and flush: (userdata) in API 7; (id, userdata) / (id) before. */
static void call_global_event(PluginEvent ev)
{
    for (Plugin *p = plugin_state.plugins; p; p = p->next) {
        PluginSlot *s = &p->ev[ev];
        PluginCaller ctx;
        CallCtx saved;

        if (!s->fn || !p->installed) {
            continue;
        }
        saved = enter_plugin(&ctx, p, PLUGIN_FLAGS_NO_REGS, -1);
        if (p->version >= PLUGIN_VERSION_USERDATA) {
            ((UdataFn)s->fn)(s->userdata);
        } else if (ev == PLUGIN_EV_ATEXIT) {
            ((IdUdataFn)s->fn)(p->id, s->userdata);
        } else {
            ((IdFn)s->fn)(p->id);
        }
        leave_plugin(saved);
    }
}

void plugin_atexit(void)
{
    call_global_event(PLUGIN_EV_ATEXIT);
}

void plugin_flush(void)
{
    /* run at the next block boundary, with no block executing */
    for (Plugin *p = plugin_state.plugins; p; p = p->next) {
        if (p->ev[PLUGIN_EV_FLUSH].fn) {
            plugin_state.flush_pending = true;
            plugin_pending = 1;
            return;
        }
    }
}

void plugin_discon(unsigned vcpu, unsigned type, uint64_t from, uint64_t to)
{
    PluginEvent ev = type == PLUGIN_DISCON_INTERRUPT
                         ? PLUGIN_EV_DISCON_INTERRUPT
                         : type == PLUGIN_DISCON_EXCEPTION
                               ? PLUGIN_EV_DISCON_EXCEPTION
                               : PLUGIN_EV_DISCON_HOSTCALL;

    /* QEMU drops events of vCPUs whose init callbacks have not run */
    if (vcpu >= PLUGIN_MAX_VCPUS || !plugin_state.vcpus[vcpu].initialized) {
        return;
    }
    for (Plugin *p = plugin_state.plugins; p; p = p->next) {
        PluginSlot *s = &p->ev[ev];
        PluginCaller ctx;
        CallCtx saved;

        if (!s->fn || !p->installed) {
            continue;
        }
        /* the system state is complete here: registers may be read */
        saved = enter_plugin(&ctx, p, PLUGIN_FLAGS_RW_REGS, (int)vcpu);
        if (p->version >= PLUGIN_VERSION_USERDATA) {
            ((DisconUdataFn)s->fn)(vcpu, type, from, to, s->userdata);
        } else {
            ((DisconIdFn)s->fn)(p->id, vcpu, type, from, to);
        }
        leave_plugin(saved);
    }
}

void plugin_outs(const char *text)
{
    if (log_enabled(LOG_PLUGIN) && text) {
        log_printf("%s", text);
    }
}

/* ---- instrumentation ------------------------------------------------ */

void plugin_cbvec_push(PluginCbVec *v, const PluginCb *cb)
{
    if (v->n == v->cap) {
        unsigned cap = v->cap ? 2 * v->cap : 4;
        PluginCb *cbs = realloc(v->cbs, cap * sizeof(*cbs));

        if (!cbs) {
            abort();
        }
        v->cbs = cbs;
        v->cap = cap;
    }
    v->cbs[v->n++] = *cb;
}

static void free_translation(struct qemu_plugin_tb *tb)
{
    if (!tb) {
        return;
    }
    for (unsigned i = 0; i < tb->n_insns; i++) {
        free(tb->insns[i].exec.cbs);
        free(tb->insns[i].mem.cbs);
        free(tb->insns[i].disas);
    }
    free(tb->insns);
    free(tb->exec.cbs);
    free(tb);
}

/* The exec requests of tb's block entry (i < 0) or instruction i. */
static const PluginCbVec *exec_vec(const struct qemu_plugin_tb *tb, int i)
{
    return i < 0 ? &tb->exec : &tb->insns[i].exec;
}

/* Does an exec request before (i, c) work on the same u64 as (i, c)? */
static bool seen_before(const struct qemu_plugin_tb *tb, int i, unsigned c)
{
    const PluginCb *cb = &exec_vec(tb, i)->cbs[c];

    for (int j = -1; j <= i; j++) {
        const PluginCbVec *v = exec_vec(tb, j);

        for (unsigned d = 0; d < (j < i ? v->n : c); d++) {
            if (v->cbs[d].score == cb->score &&
                v->cbs[d].offset == cb->offset) {
                return true;
            }
        }
    }
    return false;
}

/*
 * Is every request of tb an inline add, at block entry or before an
 * instruction (no calls, stores, conditions or memory ops)? Then no
 * plugin code runs while the block does, nothing can look at the counts
 * before the block ends, and they can be added all at once (PluginAdd).
 * *n_entries: how many distinct u64s they add to.
 */
static bool only_adds(const struct qemu_plugin_tb *tb, unsigned *n_entries)
{
    unsigned distinct = 0;

    for (int i = -1; i < (int)tb->n_insns; i++) {
        const PluginCbVec *v = exec_vec(tb, i);

        if (i >= 0 && tb->insns[i].mem.n) {
            return false;
        }
        for (unsigned c = 0; c < v->n; c++) {
            if (v->cbs[c].kind != PLUGIN_OP_ADD) {
                return false;
            }
            distinct += !seen_before(tb, i, c);
        }
    }
    *n_entries = distinct;
    return true;
}

size_t plugin_tb_trans(unsigned vcpu, uint64_t vaddr,
                       const PluginInsnDesc *insns, unsigned n,
                       size_t (*disas)(const void *decoded, uint64_t vaddr,
                                       char *buf, size_t len))
{
    struct qemu_plugin_tb *tb;
    size_t n_cbs = 0;
    unsigned n_adds;

    free_translation(plugin_state.translating);
    plugin_state.translating = NULL;
    tb = calloc(1, sizeof(*tb));
    if (!tb || !(tb->insns = calloc(n ? n : 1, sizeof(*tb->insns)))) {
        abort();
    }
    tb->vcpu = vcpu;
    tb->vaddr = vaddr;
    tb->n_insns = n;
    tb->disas = disas;
    for (unsigned i = 0; i < n; i++) {
        tb->insns[i].desc = insns[i];
    }
    /* the queries (qemu_plugin_insn_disas...) need it during the calls */
    plugin_state.translating = tb;
    for (Plugin *p = plugin_state.plugins; p; p = p->next) {
        PluginSlot *s = &p->ev[PLUGIN_EV_TB_TRANS];
        PluginCaller ctx;
        CallCtx saved;

        if (!s->fn || !p->installed) {
            continue;
        }
        saved = enter_plugin(&ctx, p, PLUGIN_FLAGS_NO_REGS, (int)vcpu);
        if (p->version >= PLUGIN_VERSION_USERDATA) {
            ((TbUdataFn)s->fn)(tb, s->userdata);
        } else {
            ((TbIdFn)s->fn)(p->id, tb);
        }
        leave_plugin(saved);
    }
    n_cbs = tb->exec.n;
    for (unsigned i = 0; i < n; i++) {
        n_cbs += tb->insns[i].exec.n + tb->insns[i].mem.n;
    }
    if (n_cbs == 0) {
        plugin_state.translating = NULL;
        free_translation(tb);
        return 0; /* nothing to run: the block stays uninstrumented */
    }
    if (only_adds(tb, &n_adds)) {
        return sizeof(PluginBlock) + n * sizeof(PluginInsnOps) +
               n_adds * (sizeof(PluginAdd) + n * sizeof(uint64_t));
    }
    return sizeof(PluginBlock) + n * sizeof(PluginInsnOps) +
           n_cbs * sizeof(PluginOp);
}

/* The u64 a request works on, in vCPU vcpu's scoreboard element. */
static uint64_t *cb_entry(const PluginCb *cb, unsigned vcpu)
{
    return (uint64_t *)((uint8_t *)plugin_scoreboard_find(cb->score, vcpu) +
                        cb->offset);
}

/* Compile the requests of src into ops at next, for vCPU vcpu. */
static PluginOp *compile_list(PluginOpList *dst, const PluginCbVec *src,
                              unsigned vcpu, PluginOp *next)
{
    dst->ops = next;
    dst->n = src->n;
    dst->may_set_pc = false;
    for (unsigned i = 0; i < src->n; i++) {
        const PluginCb *cb = &src->cbs[i];
        PluginOp *op = &next[i];

        op->kind = cb->kind;
        op->cond = cb->cond;
        op->rw = cb->rw;
        op->imm = cb->imm;
        op->entry = cb->score ? cb_entry(cb, vcpu) : NULL;
        op->fn = cb->fn;
        op->userdata = cb->userdata;
        op->caller.plugin = cb->plugin;
        op->caller.flags = cb->flags;
        op->caller.vcpu = (int)vcpu;
        if (cb->flags == PLUGIN_FLAGS_RW_REGS_PC &&
            (cb->kind == PLUGIN_OP_CALL || cb->kind == PLUGIN_OP_COND)) {
            dst->may_set_pc = true;
        }
    }
    if (src->n != 1 || next->kind == PLUGIN_OP_COND || dst->may_set_pc) {
        dst->single = PLUGIN_OP_LIST;
    } else if (next->kind == PLUGIN_OP_CALL &&
               next->caller.flags == PLUGIN_FLAGS_NO_REGS) {
        dst->single = PLUGIN_OP_CALL_BARE;
    } else {
        dst->single = next->kind;
    }
    return next + src->n;
}

/*
 * Gather the adds of a plain block (see only_adds()) per u64: each
 * total, and rest[k] = what instructions k.. add, so that a block left
 * early gives back exactly what QEMU would not have added.
 */
static void compile_adds(PluginBlock *pb, const struct qemu_plugin_tb *tb,
                         unsigned n_entries)
{
    unsigned n = tb->n_insns;
    PluginAdd *adds = (PluginAdd *)(pb->insn + n);
    uint64_t *rest = (uint64_t *)(adds + n_entries);

    memset(rest, 0, (size_t)n_entries * n * sizeof(uint64_t));
    pb->adds = adds;
    for (int i = -1; i < (int)n; i++) {
        const PluginCbVec *v = exec_vec(tb, i);

        for (unsigned c = 0; c < v->n; c++) {
            uint64_t *e = cb_entry(&v->cbs[c], tb->vcpu);
            unsigned j = 0;

            while (j < pb->n_adds && adds[j].entry != e) {
                j++;
            }
            if (j == pb->n_adds) {
                adds[j].entry = e;
                adds[j].total = 0;
                adds[j].rest = rest + (size_t)j * n;
                pb->n_adds++;
            }
            adds[j].total += v->cbs[c].imm;
            for (int k = 0; k <= i; k++) {
                rest[(size_t)j * n + (unsigned)k] += v->cbs[c].imm;
            }
        }
    }
}

PluginBlock *plugin_tb_compile(void *mem)
{
    struct qemu_plugin_tb *tb = plugin_state.translating;
    PluginBlock *pb = mem;
    PluginOp *next = (PluginOp *)(pb->insn + tb->n_insns);
    unsigned n_entries;

    memset(pb, 0, sizeof(*pb) + tb->n_insns * sizeof(PluginInsnOps));
    pb->plain = only_adds(tb, &n_entries);
    if (pb->plain) {
        compile_adds(pb, tb, n_entries);
    } else {
        next = compile_list(&pb->tb, &tb->exec, tb->vcpu, next);
        for (unsigned i = 0; i < tb->n_insns; i++) {
            next = compile_list(&pb->insn[i].exec, &tb->insns[i].exec,
                                tb->vcpu, next);
            next = compile_list(&pb->insn[i].mem, &tb->insns[i].mem,
                                tb->vcpu, next);
            pb->has_mem |= pb->insn[i].mem.n != 0;
        }
    }
    free_translation(tb);
    plugin_state.translating = NULL;
    return pb;
}

/* One op; the caller has armed set_pc if its list may move the PC. */
static void run_op(const PluginOp *op, bool is_mem)
{
    CallCtx saved;

    switch (op->kind) {
    case PLUGIN_OP_ADD:
        *op->entry += op->imm;
        return;
    case PLUGIN_OP_STORE:
        *op->entry = op->imm;
        return;
    case PLUGIN_OP_COND:
        if (!plugin_cond_holds(op->cond, *op->entry, op->imm)) {
            return;
        }
        break;
    default:
        break;
    }
    if (!is_mem) {
        plugin_call_exec(op);
        return;
    }
    saved = plugin_caller;
    plugin_caller = &op->caller;
    ((MemFn)op->fn)((unsigned)op->caller.vcpu, plugin_state.mem_info,
                    plugin_state.mem_vaddr, op->userdata);
    leave_plugin(saved);
}

/*
 * Run list (its memory ops for rw accesses if is_mem), with
 * qemu_plugin_set_pc() armed if some call may use it: true if one did.
 */
static bool run_list(const PluginOpList *list, bool is_mem, unsigned rw)
{
    jmp_buf env;
    jmp_buf *outer = plugin_state.set_pc_jmp;

    if (list->may_set_pc) {
        if (setjmp(env)) {
            plugin_state.set_pc_jmp = outer;
            return true; /* qemu_plugin_set_pc() moved the PC */
        }
        plugin_state.set_pc_jmp = &env;
    }
    for (unsigned i = 0; i < list->n; i++) {
        const PluginOp *op = &list->ops[i];

        if (!is_mem || (op->rw & rw)) {
            run_op(op, is_mem);
        }
    }
    plugin_state.set_pc_jmp = outer;
    return false;
}

bool plugin_run_ops_slow(const PluginOpList *l)
{
    return run_list(l, false, 0);
}

bool plugin_run_mem_ops(const PluginOpList *list, uint64_t vaddr,
                        unsigned size_shift, bool sign_extended, unsigned rw,
                        uint64_t value)
{
    plugin_state.mem_vaddr = vaddr;
    plugin_state.mem_value = value;
    plugin_state.mem_info = (size_shift & PLUGIN_MEMINFO_SIZE_SHIFT_MASK) |
                            (sign_extended ? PLUGIN_MEMINFO_SIGN_EXTENDED : 0) |
                            (rw == PLUGIN_MEM_STORE ? PLUGIN_MEMINFO_STORE : 0);
    return run_list(list, true, rw);
}

/* ---- uninstall / reset --------------------------------------------- */

void plugin_request_uninstall(Plugin *p, bool reset, PluginFn cb,
                              void *userdata)
{
    if (p->pending_uninstall || p->pending_reset) {
        return;
    }
    p->pending_uninstall = !reset;
    p->pending_reset = reset;
    p->pending_cb = cb;
    p->pending_userdata = userdata;
    plugin_pending = 1;
}

static void clear_callbacks(Plugin *p)
{
    for (unsigned ev = 0; ev < PLUGIN_EV_COUNT; ev++) {
        p->ev[ev].fn = NULL;
        p->ev[ev].userdata = NULL;
    }
    update_wanted();
}

bool plugin_do_pending(void)
{
    bool flush = false;

    plugin_pending = 0;
    if (plugin_state.flush_pending) {
        plugin_state.flush_pending = false;
        call_global_event(PLUGIN_EV_FLUSH);
    }
    for (Plugin *p = plugin_state.plugins; p; p = p->next) {
        PluginFn cb = p->pending_cb;
        PluginCaller ctx;
        CallCtx saved;

        if (!p->pending_uninstall && !p->pending_reset) {
            continue;
        }
        /* its instrumentation lives in blocks: they must go */
        clear_callbacks(p);
        flush = true;
        if (p->pending_uninstall) {
            p->installed = false;
        }
        p->pending_uninstall = p->pending_reset = false;
        p->pending_cb = NULL;
        if (cb) {
            saved = enter_plugin(&ctx, p, PLUGIN_FLAGS_NO_REGS, -1);
            if (p->version >= PLUGIN_VERSION_USERDATA) {
                ((UdataFn)cb)(p->pending_userdata);
            } else {
                ((IdFn)cb)(p->id);
            }
            leave_plugin(saved);
        }
    }
    return flush;
}
