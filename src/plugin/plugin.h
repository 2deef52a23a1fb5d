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

#include "compiler.h"

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

/* Kinds of instrumentation ops, as plugins register them. */
enum {
    PLUGIN_OP_CALL,  /* call fn */
    PLUGIN_OP_COND,  /* call fn if (*entry cond imm) */
    PLUGIN_OP_ADD,   /* *entry += imm */
    PLUGIN_OP_STORE, /* *entry = imm */
    PLUGIN_OP_LIST,  /* (PluginOpList.single) anything else */
    /*
     * (PluginOpList.single) one call that reads no registers
     * (QEMU_PLUGIN_CB_NO_REGS): the executor need not store the PC first,
     * nor put back the caller record afterwards (its runner does once).
     */
    PLUGIN_OP_CALL_BARE
};

typedef void (*PluginFn)(void);
struct Plugin;

/*
 * Per-vCPU storage of a plugin (struct qemu_plugin_scoreboard). Room for
 * PLUGIN_MAX_VCPUS elements from the start and never moved, so compiled
 * ops may point into it.
 */
struct qemu_plugin_scoreboard {
    uint8_t *data;
    size_t element_size;
    struct qemu_plugin_scoreboard *next;
};

/*
 * Who the API functions serve: the plugin whose callback runs (NULL
 * outside callbacks), that callback's qemu_plugin_cb_flags and vCPU
 * (-1 for none). plugin_caller points at the record of the callback
 * running, so entering a callback is one pointer store.
 */
typedef struct PluginCaller {
    struct Plugin *plugin;
    int flags;
    int vcpu;
} PluginCaller;

extern const PluginCaller *plugin_caller;

/*
 * One instrumentation op compiled into a block: run before an
 * instruction, at block entry, or after a memory access. A block is
 * compiled for the vCPU that runs it, so `entry` is already that vCPU's
 * u64 in the scoreboard: the executor runs ops without looking anything
 * up.
 */
typedef struct PluginOp {
    uint8_t kind;   /* PLUGIN_OP_* */
    uint8_t cond;   /* enum qemu_plugin_cond, for PLUGIN_OP_COND */
    uint8_t rw;     /* memory ops: 1 R, 2 W, 3 RW */
    uint64_t imm;
    uint64_t *entry;
    PluginFn fn;
    void *userdata;
    PluginCaller caller; /* calls: plugin, flags and vCPU */
} PluginOp;

typedef struct PluginOpList {
    const PluginOp *ops;
    unsigned n;
    bool may_set_pc; /* some call may use qemu_plugin_set_pc() */
    /*
     * The common cases, one call that cannot set the PC or one inline
     * op: that op's kind, run in place; else PLUGIN_OP_LIST.
     */
    uint8_t single;
} PluginOpList;

typedef struct PluginInsnOps {
    PluginOpList exec; /* before the instruction */
    PluginOpList mem;  /* after each of its successful memory accesses */
} PluginInsnOps;

/*
 * The inline adds of a block that runs no plugin code: done all at once
 * at block entry (*entry += total), and if the block is left after its
 * first k instructions began, the part of instructions k.. taken back
 * (*entry -= rest[k]) before anything can look (see plugin_tb_compile()).
 */
typedef struct PluginAdd {
    uint64_t *entry;
    uint64_t total;
    const uint64_t *rest; /* [n_insns] */
} PluginAdd;

/* What a block runs for plugins. Lists with n == 0 cost one test. */
typedef struct PluginBlock {
    /*
     * Nothing to run per instruction nor at block entry (every op was an
     * inline add, now in adds[]): the block runs as if uninstrumented.
     */
    bool plain;
    unsigned n_adds;
    const PluginAdd *adds;
    bool has_mem;           /* some instruction has memory ops */
    PluginOpList tb;        /* at block entry */
    PluginInsnOps insn[];   /* [n_insns] */
} PluginBlock;

/* plugin_block_enter() - a block starts: its inline adds, all at once. */
static inline void plugin_block_enter(const PluginBlock *pb)
{
    for (unsigned i = 0; i < pb->n_adds; i++) {
        *pb->adds[i].entry += pb->adds[i].total;
    }
}

/*
 * plugin_block_cut() - only the first `begun` (< n_insns) instructions of
 * the block began: take back the others' adds. Called before anything
 * else runs: the exception the last one raised, interrupts, callbacks.
 */
static inline void plugin_block_cut(const PluginBlock *pb, unsigned begun)
{
    for (unsigned i = 0; i < pb->n_adds; i++) {
        *pb->adds[i].entry -= pb->adds[i].rest[begun];
    }
}

/* One instruction of a block being translated. */
typedef struct PluginInsnDesc {
    uint64_t vaddr;
    const uint8_t *data; /* the instruction bytes */
    unsigned size;
    void *haddr;         /* host address of the bytes, or NULL */
    const void *decoded; /* the ISA's decoded record, for disassembly */
} PluginInsnDesc;

/*
 * plugin_tb_trans() - let every plugin instrument a block of n insns
 * for vCPU vcpu. Returns the bytes the compiled PluginBlock needs (0:
 * none), so the caller can reserve them, then plugin_tb_compile() writes
 * it there. disas(decoded, vaddr, buf, len) renders an instruction.
 */
size_t plugin_tb_trans(unsigned vcpu, uint64_t vaddr,
                       const PluginInsnDesc *insns, unsigned n,
                       size_t (*disas)(const void *decoded, uint64_t vaddr,
                                       char *buf, size_t len));
PluginBlock *plugin_tb_compile(void *mem);

/* enum qemu_plugin_cond: NEVER, ALWAYS, EQ, NE, LT, LE, GT, GE */
static inline bool plugin_cond_holds(unsigned cond, uint64_t a, uint64_t b)
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

/* Call an exec op's function as the plugin that registered it. */
static inline void plugin_call_exec(const PluginOp *op)
{
    const PluginCaller *saved = plugin_caller;

    plugin_caller = &op->caller;
    ((void (*)(unsigned, void *))op->fn)((unsigned)op->caller.vcpu,
                                         op->userdata);
    plugin_caller = saved;
}

/*
 * plugin_call_bare() - a PLUGIN_OP_CALL_BARE op. plugin_caller is left
 * pointing at its record: whoever runs these puts the previous one back
 * when the block is done.
 */
static inline void plugin_call_bare(const PluginOp *op)
{
    plugin_caller = &op->caller;
    ((void (*)(unsigned, void *))op->fn)((unsigned)op->caller.vcpu,
                                         op->userdata);
}

/*
 * plugin_run_ops_slow() - plugin_run_ops() for the other lists: several
 * entries, conditions, qemu_plugin_set_pc().
 */
bool plugin_run_ops_slow(const PluginOpList *l);

/*
 * plugin_run_ops() - run an exec list (block entry, before an
 * instruction). Returns true if a callback moved the PC with
 * qemu_plugin_set_pc(): the executor then leaves the block at the new PC.
 */
static inline bool plugin_run_ops(const PluginOpList *l)
{
    /* tests, most common first: a switch here is an indirect jump */
    if (likely(l->single == PLUGIN_OP_CALL ||
               l->single == PLUGIN_OP_CALL_BARE)) {
        plugin_call_exec(l->ops);
        return false;
    }
    if (l->single == PLUGIN_OP_STORE) {
        *l->ops->entry = l->ops->imm;
        return false;
    }
    if (l->single == PLUGIN_OP_ADD) {
        *l->ops->entry += l->ops->imm;
        return false;
    }
    return plugin_run_ops_slow(l);
}

/* Memory access details for the callbacks about to run. */
enum {
    PLUGIN_MEM_LOAD = 1,
    PLUGIN_MEM_STORE = 2,
};

/*
 * plugin_run_mem_ops() - after a successful access: run the ops of list
 * that watch rw accesses. Returns true if a callback moved the PC.
 */
bool plugin_run_mem_ops(const PluginOpList *list, uint64_t vaddr,
                        unsigned size_shift, bool sign_extended, unsigned rw,
                        uint64_t value);

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
