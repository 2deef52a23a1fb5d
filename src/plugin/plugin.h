/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the emulator calls into the plugin layer for: loading plugins,
 * vCPU lifecycle and discontinuity events, and block instrumentation.
 * The layer knows no ISA: a CPU describes itself through PluginCpuOps.
 * When no plugin is loaded every entry point is a cheap no-op, and the
 * executor never sees instrumentation (blocks carry none).
 */
#ifndef PLUGIN_PLUGIN_H
#define PLUGIN_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Discontinuity types: the values of enum qemu_plugin_discon_type. */
enum {
    PLUGIN_DISCON_INTERRUPT = 1,
    PLUGIN_DISCON_EXCEPTION = 2,
    PLUGIN_DISCON_HOSTCALL = 4,
};

/* One register as plugins see it (names as GDB uses them). */
typedef struct PluginRegInfo {
    const char *name;
    const char *feature; /* GDB feature name, e.g. "org.gnu.gdb.riscv.cpu" */
    unsigned size;       /* bytes */
    bool is_readonly;
} PluginRegInfo;

/* How the plugin layer reaches a vCPU's state (the ISA implements it). */
typedef struct PluginCpuOps {
    unsigned (*n_regs)(void *cpu);
    void (*reg_info)(void *cpu, unsigned i, PluginRegInfo *info);
    /* copy register i out (target byte order); returns its size */
    unsigned (*read_reg)(void *cpu, unsigned i, uint8_t *buf);
    /* set register i from len bytes; false if not writable or bad len */
    bool (*write_reg)(void *cpu, unsigned i, const uint8_t *buf, size_t len);
    uint64_t (*get_pc)(void *cpu);
    void (*set_pc)(void *cpu, uint64_t pc);
    /* translate a virtual address as the CPU would for a data load */
    bool (*translate)(void *cpu, uint64_t vaddr, uint64_t *paddr);
    /* copy len bytes at a physical address; false if any is unreachable */
    bool (*read_phys)(void *cpu, uint64_t paddr, uint8_t *buf, size_t len);
    bool (*write_phys)(void *cpu, uint64_t paddr, const uint8_t *buf,
                       size_t len);
    /* the same at a virtual address, each page translated on its own */
    bool (*read_virt)(void *cpu, uint64_t vaddr, uint8_t *buf, size_t len);
    bool (*write_virt)(void *cpu, uint64_t vaddr, const uint8_t *buf,
                       size_t len);
    /* describe the physical address: is it a device, and which */
    bool (*phys_is_io)(void *cpu, uint64_t paddr, const char **device);
} PluginCpuOps;

/* Static facts plugins receive at install (qemu_info_t). */
typedef struct PluginTarget {
    const char *target_name; /* "riscv64", "riscv32" */
    int smp_vcpus;
    int max_vcpus;
    /* symbol containing addr, for qemu_plugin_insn_symbol(), or NULL */
    const char *(*symbol_at)(void *opaque, uint64_t addr);
    void *symbol_opaque;
    /* qemu_plugin_update_ns(): move virtual time forward to ns */
    void (*advance_time_to)(void *opaque, uint64_t ns);
    void *time_opaque;
} PluginTarget;

/*
 * plugin_add_spec() - remember one -plugin argument
 * ("[file=]PATH[,key=value]..."). Returns 0 or -FS_EINVAL.
 */
int plugin_add_spec(const char *spec);

/* plugin_specs_given() - were any -plugin options given? */
bool plugin_specs_given(void);

/*
 * plugin_load_all() - dlopen and install every plugin, in command-line
 * order. Returns 0, or -FS_E* with a one-line message naming the plugin
 * and the problem.
 */
int plugin_load_all(const PluginTarget *target);

/* plugin_unload_all() - dlclose everything (after plugin_atexit()). */
void plugin_unload_all(void);

/* vCPU lifecycle: `cpu` is the ISA's CPU, described by ops. */
void plugin_vcpu_init(unsigned vcpu, void *cpu, const PluginCpuOps *ops);
void plugin_vcpu_exit(unsigned vcpu);
void plugin_vcpu_idle(unsigned vcpu);
void plugin_vcpu_resume(unsigned vcpu);

/* plugin_atexit() - run every atexit callback (at the end of the run). */
void plugin_atexit(void);

/*
 * The union of the discon types plugins asked for: trap code tests it
 * and calls plugin_discon() only when its type is in the mask.
 */
extern unsigned plugin_discon_mask;

/*
 * plugin_discon() - report one trap. Called after the vCPU is set up
 * for the handler: registers and PC hold their new values (to = PC).
 */
void plugin_discon(unsigned vcpu, unsigned type, uint64_t from,
                   uint64_t to);

/* ---- block instrumentation --------------------------------------- */

/* True when some plugin wants to see blocks being translated. */
extern bool plugin_tb_trans_wanted;

/* Kinds of instrumentation entries. */
enum {
    PLUGIN_CB_CALL,        /* call fn */
    PLUGIN_CB_COND,        /* call fn if (entry cond imm) */
    PLUGIN_CB_INLINE_ADD,  /* entry += imm */
    PLUGIN_CB_INLINE_STORE /* entry = imm */
};

typedef void (*PluginFn)(void);
struct Plugin;

/* Per-vCPU storage of a plugin (struct qemu_plugin_scoreboard). */
struct qemu_plugin_scoreboard {
    uint8_t *data;
    size_t element_size;
    unsigned n_slots;    /* vCPUs with storage */
    struct qemu_plugin_scoreboard *next;
};

/*
 * One instrumentation entry, run before an instruction, at block start,
 * or after a memory access. Its layout is visible here so the executor
 * can apply inline operations itself; calls go through plugin_run_cbs().
 */
typedef struct PluginCb {
    uint8_t kind;        /* PLUGIN_CB_* */
    uint8_t flags;       /* qemu_plugin_cb_flags, for calls */
    uint8_t cond;        /* enum qemu_plugin_cond for PLUGIN_CB_COND */
    uint8_t rw;          /* memory entries: 1 R, 2 W, 3 RW */
    PluginFn fn;
    void *userdata;
    struct qemu_plugin_scoreboard *score;
    size_t offset;       /* in each scoreboard element */
    uint64_t imm;
    struct Plugin *plugin;
} PluginCb;

typedef struct PluginCbList {
    unsigned n;
    bool may_set_pc; /* some entry may call qemu_plugin_set_pc() */
    bool only_inline; /* every entry is an inline ADD/STORE */
    PluginCb *cbs;
} PluginCbList;

/* What a block runs for plugins. Lists with n == 0 cost one test. */
typedef struct PluginBlock {
    PluginCbList tb;     /* at block entry */
    PluginCbList *insn;  /* [n_insns]: before each instruction */
    PluginCbList *mem;   /* [n_insns]: after each memory access */
} PluginBlock;

/* One instruction of a block being translated. */
typedef struct PluginInsnDesc {
    uint64_t vaddr;
    const uint8_t *data; /* the instruction bytes */
    unsigned size;
    void *haddr;         /* host address of the bytes, or NULL */
    const void *decoded; /* the ISA's decoded record, for disassembly */
} PluginInsnDesc;

/*
 * plugin_tb_trans() - let every plugin instrument a block of n insns.
 * Returns the bytes the compiled PluginBlock needs (0: none), so the
 * caller can reserve them, then plugin_tb_compile() writes it there.
 * disas(decoded, vaddr, buf, len) renders an instruction.
 */
size_t plugin_tb_trans(unsigned vcpu, uint64_t vaddr,
                       const PluginInsnDesc *insns, unsigned n,
                       size_t (*disas)(const void *decoded, uint64_t vaddr,
                                       char *buf, size_t len));
PluginBlock *plugin_tb_compile(void *mem);

/*
 * Running a block's lists (from the instrumented executor). Each returns
 * true if a callback moved the PC with qemu_plugin_set_pc(): the
 * executor then leaves the block at the new PC.
 */
bool plugin_run_cbs(unsigned vcpu, const PluginCbList *list);

/*
 * plugin_run_insn_cbs() - plugin_run_cbs() with the common case, a list
 * of inline operations only, done in place. Scoreboards always hold an
 * element for every initialised vCPU, so no bounds check is needed.
 */
static inline bool plugin_run_insn_cbs(unsigned vcpu, const PluginCbList *l)
{
    if (!l->only_inline) {
        return plugin_run_cbs(vcpu, l);
    }
    for (unsigned i = 0; i < l->n; i++) {
        const PluginCb *cb = &l->cbs[i];
        uint64_t *entry = (uint64_t *)(cb->score->data +
                                       vcpu * cb->score->element_size +
                                       cb->offset);

        if (cb->kind == PLUGIN_CB_INLINE_ADD) {
            *entry += cb->imm;
        } else {
            *entry = cb->imm;
        }
    }
    return false;
}

/* Memory access details for the callbacks about to run. */
enum {
    PLUGIN_MEM_LOAD = 1,
    PLUGIN_MEM_STORE = 2,
};
bool plugin_run_mem_cbs(unsigned vcpu, const PluginCbList *list,
                        uint64_t vaddr, unsigned size_shift,
                        bool sign_extended, unsigned rw, uint64_t value);

/* plugin_flush() - the block cache was emptied: tell the plugins. */
void plugin_flush(void);

/*
 * Work a plugin asked for that must wait for a block boundary
 * (uninstall, reset): nonzero when pending; plugin_do_pending() runs it
 * and returns true if the block cache must be flushed.
 */
extern volatile unsigned plugin_pending;
bool plugin_do_pending(void);

#endif
