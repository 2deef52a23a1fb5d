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

PluginState plugin_state = { .cur_vcpu = -1 };
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

/* Run fn with the API's view of who is calling set up, then restore. */
typedef struct CallCtx {
    Plugin *current;
    int cb_flags;
    int cur_vcpu;
} CallCtx;

static CallCtx enter_plugin(Plugin *p, int flags, int vcpu)
{
    CallCtx saved = { plugin_state.current, plugin_state.cb_flags,
                      plugin_state.cur_vcpu };

    plugin_state.current = p;
    plugin_state.cb_flags = flags;
    plugin_state.cur_vcpu = vcpu;
    return saved;
}

static void leave_plugin(CallCtx saved)
{
    plugin_state.current = saved.current;
    plugin_state.cb_flags = saved.cb_flags;
    plugin_state.cur_vcpu = saved.cur_vcpu;
}

PluginVcpu *plugin_current_vcpu(void)
{
    int v = plugin_state.cur_vcpu;

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
        CallCtx saved;

        if (!s->fn || !p->installed) {
            continue;
        }
        saved = enter_plugin(p, flags, (int)vcpu);
        if (p->version >= PLUGIN_VERSION_USERDATA) {
            ((VcpuUdataFn)s->fn)(vcpu, s->userdata);
        } else {
            ((VcpuIdFn)s->fn)(p->id, vcpu);
        }
        leave_plugin(saved);
    }
}

/* Give every scoreboard storage for vCPUs 0..n-1 (zeroed). */
static void scoreboards_grow(unsigned n)
{
    for (struct qemu_plugin_scoreboard *s = plugin_state.scoreboards; s;
         s = s->next) {
        uint8_t *data;

        if (s->n_slots >= n) {
            continue;
        }
        data = realloc(s->data, n * s->element_size);
        if (!data) {
            abort(); /* plugins cannot run without their storage */
        }
        memset(data + s->n_slots * s->element_size, 0,
               (n - s->n_slots) * s->element_size);
        s->data = data;
        s->n_slots = n;
    }
}

struct qemu_plugin_scoreboard *plugin_scoreboard_new(size_t element_size)
{
    struct qemu_plugin_scoreboard *s = calloc(1, sizeof(*s));

    if (!s || element_size == 0) {
        free(s);
        return NULL;
    }
    s->element_size = element_size;
    s->next = plugin_state.scoreboards;
    plugin_state.scoreboards = s;
    /* room for every vCPU the machine may have, known or not yet */
    scoreboards_grow(plugin_state.n_vcpus ? plugin_state.n_vcpus : 1);
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

void *plugin_scoreboard_find(struct qemu_plugin_scoreboard *s, unsigned vcpu)
{
    if (vcpu >= s->n_slots) {
        scoreboards_grow(vcpu + 1);
    }
    return s->data + (size_t)vcpu * s->element_size;
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
        scoreboards_grow(plugin_state.n_vcpus);
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
        CallCtx saved;

        if (!s->fn || !p->installed) {
            continue;
        }
        saved = enter_plugin(p, PLUGIN_FLAGS_NO_REGS, -1);
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
        CallCtx saved;

        if (!s->fn || !p->installed) {
            continue;
        }
        /* the system state is complete here: registers may be read */
        saved = enter_plugin(p, PLUGIN_FLAGS_RW_REGS, (int)vcpu);
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

size_t plugin_tb_trans(unsigned vcpu, uint64_t vaddr,
                       const PluginInsnDesc *insns, unsigned n,
                       size_t (*disas)(const void *decoded, uint64_t vaddr,
                                       char *buf, size_t len))
{
    struct qemu_plugin_tb *tb;
    size_t n_cbs = 0;

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
        CallCtx saved;

        if (!s->fn || !p->installed) {
            continue;
        }
        saved = enter_plugin(p, PLUGIN_FLAGS_NO_REGS, (int)vcpu);
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
    return sizeof(PluginBlock) + 2 * n * sizeof(PluginCbList) +
           n_cbs * sizeof(PluginCb);
}

static bool list_only_inline(const PluginCbList *l)
{
    for (unsigned i = 0; i < l->n; i++) {
        if (l->cbs[i].kind != PLUGIN_CB_INLINE_ADD &&
            PLUGIN_CB_INLINE_STORE != l->cbs[i].kind) {
            return false;
        }
    }
    return true;
}

static bool list_may_set_pc(const PluginCbList *l)
{
    for (unsigned i = 0; i < l->n; i++) {
        if (l->cbs[i].flags == PLUGIN_FLAGS_RW_REGS_PC &&
            PLUGIN_CB_INLINE_ADD != l->cbs[i].kind &&
            PLUGIN_CB_INLINE_STORE != l->cbs[i].kind) {
            return true;
        }
    }
    return false;
}

static PluginCb *copy_list(PluginCbList *dst, const PluginCbVec *src,
                           PluginCb *next)
{
    dst->n = src->n;
    dst->cbs = src->n ? next : NULL;
    if (src->n) {
        memcpy(next, src->cbs, src->n * sizeof(*next));
    }
    dst->may_set_pc = list_may_set_pc(dst);
    dst->only_inline = list_only_inline(dst);
    return next + src->n;
}

PluginBlock *plugin_tb_compile(void *mem)
{
    struct qemu_plugin_tb *tb = plugin_state.translating;
    PluginBlock *pb = mem;
    PluginCbList *lists = (PluginCbList *)(pb + 1);
    PluginCb *next = (PluginCb *)(lists + 2 * tb->n_insns);

    pb->insn = lists;
    pb->mem = lists + tb->n_insns;
    next = copy_list(&pb->tb, &tb->exec, next);
    for (unsigned i = 0; i < tb->n_insns; i++) {
        next = copy_list(&pb->insn[i], &tb->insns[i].exec, next);
        next = copy_list(&pb->mem[i], &tb->insns[i].mem, next);
    }
    free_translation(tb);
    plugin_state.translating = NULL;
    return pb;
}

static uint64_t *entry_ptr(const PluginCb *cb, unsigned vcpu)
{
    return (uint64_t *)((uint8_t *)plugin_scoreboard_find(cb->score, vcpu) +
                        cb->offset);
}

/* enum qemu_plugin_cond: NEVER, ALWAYS, EQ, NE, LT, LE, GT, GE */
static bool cond_holds(unsigned cond, uint64_t a, uint64_t b)
{
    switch (cond) {
    case 1:
        return true;
    case 2:
        return a == b;
    case 3:
        return a != b;
    case 4:
        return a < b;
    case 5:
        return a <= b;
    case 6:
        return a > b;
    case 7:
        return a >= b;
    default:
        return false;
    }
}

/* One entry; the caller has armed set_pc if the list may move the PC. */
static void run_one(unsigned vcpu, const PluginCb *cb, bool is_mem)
{
    CallCtx saved;

    switch (cb->kind) {
    case PLUGIN_CB_INLINE_ADD:
        *entry_ptr(cb, vcpu) += cb->imm;
        return;
    case PLUGIN_CB_INLINE_STORE:
        *entry_ptr(cb, vcpu) = cb->imm;
        return;
    case PLUGIN_CB_COND:
        if (!cond_holds(cb->cond, *entry_ptr(cb, vcpu), cb->imm)) {
            return;
        }
        break;
    default:
        break;
    }
    saved = enter_plugin(cb->plugin, cb->flags, (int)vcpu);
    if (is_mem) {
        ((MemFn)cb->fn)(vcpu, plugin_state.mem_info, plugin_state.mem_vaddr,
                        cb->userdata);
    } else {
        ((VcpuUdataFn)cb->fn)(vcpu, cb->userdata);
    }
    leave_plugin(saved);
}

static bool run_list(unsigned vcpu, const PluginCbList *list, bool is_mem,
                     unsigned rw)
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
        const PluginCb *cb = &list->cbs[i];

        if (is_mem && !(cb->rw & rw)) {
            continue;
        }
        run_one(vcpu, cb, is_mem);
    }
    plugin_state.set_pc_jmp = outer;
    return false;
}

bool plugin_run_cbs(unsigned vcpu, const PluginCbList *list)
{
    return run_list(vcpu, list, false, 0);
}

bool plugin_run_mem_cbs(unsigned vcpu, const PluginCbList *list,
                        uint64_t vaddr, unsigned size_shift,
                        bool sign_extended, unsigned rw, uint64_t value)
{
    plugin_state.mem_vaddr = vaddr;
    plugin_state.mem_value = value;
    plugin_state.mem_info = (size_shift & PLUGIN_MEMINFO_SIZE_SHIFT_MASK) |
                            (sign_extended ? PLUGIN_MEMINFO_SIGN_EXTENDED : 0) |
                            (rw == PLUGIN_MEM_STORE ? PLUGIN_MEMINFO_STORE : 0);
    return run_list(vcpu, list, true, rw);
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
            saved = enter_plugin(p, PLUGIN_FLAGS_NO_REGS, -1);
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
