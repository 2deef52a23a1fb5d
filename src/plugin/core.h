/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Plugin-layer internals shared by core.c (callback lists, dispatch,
 * translation), loader.c (dlopen/install) and api.c (the public
 * qemu_plugin_* functions). Not seen by the rest of the emulator.
 */
#ifndef PLUGIN_CORE_H
#define PLUGIN_CORE_H

#include <setjmp.h>

#include "plugin.h"

/* Events with one callback slot per plugin (QEMU's enum qemu_plugin_event). */
typedef enum PluginEvent {
    PLUGIN_EV_VCPU_INIT,
    PLUGIN_EV_VCPU_EXIT,
    PLUGIN_EV_VCPU_IDLE,
    PLUGIN_EV_VCPU_RESUME,
    PLUGIN_EV_TB_TRANS,
    PLUGIN_EV_ATEXIT,
    PLUGIN_EV_FLUSH,
    PLUGIN_EV_DISCON_INTERRUPT,
    PLUGIN_EV_DISCON_EXCEPTION,
    PLUGIN_EV_DISCON_HOSTCALL,
    PLUGIN_EV_SYSCALL,
    PLUGIN_EV_SYSCALL_RET,
    PLUGIN_EV_SYSCALL_FILTER,
    PLUGIN_EV_COUNT,
} PluginEvent;

/* The oldest and newest plugin API versions firmscope can load. */
#define PLUGIN_MIN_VERSION 2
#define PLUGIN_MAX_VERSION 7
/* From this version on, callbacks take userdata instead of the id. */
#define PLUGIN_VERSION_USERDATA 7

typedef struct PluginSlot {
    PluginFn fn;      /* NULL: not registered */
    void *userdata;   /* v7; ignored for older plugins */
} PluginSlot;

typedef struct Plugin {
    uint64_t id;
    int version;      /* the plugin's qemu_plugin_version */
    void *handle;     /* dlopen handle */
    char *path;
    int argc;
    char **argv;
    PluginSlot ev[PLUGIN_EV_COUNT];
    bool installed;
    /* uninstall/reset requested, run at the next block boundary */
    bool pending_uninstall, pending_reset;
    PluginFn pending_cb;
    void *pending_userdata;
    struct Plugin *next;
} Plugin;

/* qemu_plugin_cb_flags values. */
enum {
    PLUGIN_FLAGS_NO_REGS = 0,
    PLUGIN_FLAGS_R_REGS = 1,
    PLUGIN_FLAGS_RW_REGS = 2,
    PLUGIN_FLAGS_RW_REGS_PC = 3,
};

/*
 * One instrumentation request, as a plugin registers it during
 * translation; plugin_tb_compile() turns it into a PluginOp for the
 * block's vCPU.
 */
typedef struct PluginCb {
    uint8_t kind;        /* PLUGIN_OP_* */
    uint8_t flags;       /* qemu_plugin_cb_flags, for calls */
    uint8_t cond;        /* enum qemu_plugin_cond for PLUGIN_OP_COND */
    uint8_t rw;          /* memory entries: 1 R, 2 W, 3 RW */
    PluginFn fn;
    void *userdata;
    struct qemu_plugin_scoreboard *score;
    size_t offset;       /* in each scoreboard element */
    uint64_t imm;
    struct Plugin *plugin;
} PluginCb;

/* A growable list of entries while a block is being instrumented. */
typedef struct PluginCbVec {
    PluginCb *cbs;
    unsigned n, cap;
} PluginCbVec;

struct qemu_plugin_insn {
    PluginInsnDesc desc;
    PluginCbVec exec;
    PluginCbVec mem;
    char *disas;         /* cached text, g_free'd by the caller */
};

struct qemu_plugin_tb {
    unsigned vcpu;
    uint64_t vaddr;
    unsigned n_insns;
    struct qemu_plugin_insn *insns;
    PluginCbVec exec;
    size_t (*disas)(const void *decoded, uint64_t vaddr, char *buf,
                    size_t len);
};

/* Per-vCPU state the API functions need during callbacks. */
typedef struct PluginVcpu {
    void *cpu;
    const PluginCpuOps *ops;
    bool initialized;
} PluginVcpu;

#define PLUGIN_MAX_VCPUS 64

/* The registry: one global, as the style guide allows. */
typedef struct PluginState {
    Plugin *plugins;           /* load order */
    const PluginTarget *target;
    PluginVcpu vcpus[PLUGIN_MAX_VCPUS];
    unsigned n_vcpus;          /* initialised so far */
    struct qemu_plugin_scoreboard *scoreboards;
    /* set_pc support: armed by the dispatcher around RW_REGS_PC calls */
    jmp_buf *set_pc_jmp;
    /* the memory access whose callbacks run */
    uint32_t mem_info;
    uint64_t mem_value;
    uint64_t mem_vaddr;
    /* the block being translated, between tb_trans and compile */
    struct qemu_plugin_tb *translating;
    bool flush_pending;
} PluginState;

extern PluginState plugin_state;

/* meminfo encoding (opaque to plugins, decoded by api.c) */
#define PLUGIN_MEMINFO_SIZE_SHIFT_MASK 0x7u
#define PLUGIN_MEMINFO_SIGN_EXTENDED 0x8u
#define PLUGIN_MEMINFO_STORE 0x10u

/* plugin_by_id() - the installed plugin with that id, or NULL. */
Plugin *plugin_by_id(uint64_t id);

/*
 * plugin_register_event() - set (or clear, fn == NULL) a plugin's
 * callback for an event, as every qemu_plugin_register_*_cb does.
 */
void plugin_register_event(Plugin *p, PluginEvent ev, PluginFn fn,
                           void *userdata);

/* plugin_cbvec_push() - append an entry (aborts on out of memory). */
void plugin_cbvec_push(PluginCbVec *v, const PluginCb *cb);

/*
 * plugin_scoreboard_new()/_free()/_find() - per-vCPU storage; _find()
 * returns NULL for a vCPU index of PLUGIN_MAX_VCPUS or more.
 */
struct qemu_plugin_scoreboard *plugin_scoreboard_new(size_t element_size);
void plugin_scoreboard_free(struct qemu_plugin_scoreboard *s);
static inline void *plugin_scoreboard_find(struct qemu_plugin_scoreboard *s,
                                           unsigned vcpu)
{
    return vcpu < PLUGIN_MAX_VCPUS ? s->data + (size_t)vcpu * s->element_size
                                   : NULL;
}

/* plugin_outs() - qemu_plugin_outs(): to the log under -d plugin. */
void plugin_outs(const char *text);

/* plugin_request_uninstall() - uninstall/reset at the next boundary. */
void plugin_request_uninstall(Plugin *p, bool reset, PluginFn cb,
                              void *userdata);

/* The vCPU whose callback is running, or NULL. */
PluginVcpu *plugin_current_vcpu(void);

#endif
