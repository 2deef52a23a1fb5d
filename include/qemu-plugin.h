/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qemu-plugin.h - firmscope's declaration of the QEMU TCG plugin API.
 * Plugins written for QEMU compile against this file unchanged; names,
 * types, values and signatures follow QEMU's ABI, the text is our own.
 */

#ifndef QEMU_QEMU_PLUGIN_H
#define QEMU_QEMU_PLUGIN_H

#include <glib.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Choosing an API version
 * -----------------------
 * By default this header declares API 7, the API of QEMU 11.1.  A plugin
 * written for an older QEMU defines QEMU_PLUGIN_API_COMPAT before the
 * #include; QEMU_PLUGIN_VERSION then equals that number and every typedef
 * and prototype below takes the form it had in that API version:
 *
 *   #define QEMU_PLUGIN_API_COMPAT 6     (QEMU 11.0)
 *   #include <qemu-plugin.h>
 *
 * Accepted values are 2 to 7.  For each version the header declares every
 * function QEMU shipped while QEMU_PLUGIN_VERSION had that value, with the
 * signatures of that time.  Anything else is rejected with #error.
 * firmscope looks at the plugin's exported qemu_plugin_version to know which
 * callback signatures to use, so one build may load plugins of different
 * versions side by side.
 *
 * What changed in which version (facts; sources are QEMU's own headers at
 * the commits named, and the API lists third-party bindings generated from
 * QEMU releases):
 *
 * API 2 (QEMU 9.0; qemu/qemu c25df57ae8f9 via novafacing/qemu-rs
 *        qemu_plugin_api_v2.def) - 51 functions:
 *   - qemu_plugin_n_vcpus() and qemu_plugin_n_max_vcpus() removed;
 *     qemu_plugin_num_vcpus() added.
 *   - the non-thread-safe *_exec_inline() functions removed, replaced by
 *     qemu_plugin_register_vcpu_{tb_exec,insn_exec,mem}_inline_per_vcpu()
 *     working on scoreboards (qemu_plugin_scoreboard_new/free/find,
 *     qemu_plugin_u64_add/get/set/sum, qemu_plugin_u64,
 *     qemu_plugin_scoreboard_u64*() macros).
 *   - register access: qemu_plugin_get_registers(),
 *     int qemu_plugin_read_register() (size read, or -1).
 *   - enum qemu_plugin_op has only QEMU_PLUGIN_INLINE_ADD_U64.
 *   - const void *qemu_plugin_insn_data(insn) returns a pointer to the bytes.
 *   - qemu_plugin_reg_descriptor is {handle, name, feature}.
 * API 3 (QEMU 9.1; qemu/qemu 7de77d37880d, a 9.1 development commit):
 *   - size_t qemu_plugin_insn_data(insn, dest, len) copies into the caller's
 *     buffer (the change that bumped the version).
 *   - conditional callbacks: enum qemu_plugin_cond,
 *     qemu_plugin_register_vcpu_{tb,insn}_exec_cond_cb(), and the inline op
 *     QEMU_PLUGIN_INLINE_STORE_U64 - all present at 7de77d37880d.
 *   - qemu_plugin_mem_get_value() with enum qemu_plugin_mem_value_type and
 *     qemu_plugin_mem_value, and qemu_plugin_request_time_control() /
 *     qemu_plugin_update_ns(): absent at 7de77d37880d, present in QEMU 9.2
 *     (API 4, novafacing/qemu-rs qemu_plugin_api_v4.def) and never listed in
 *     QEMU's version change log, so added while the version was 3 or 4.
 *     Declared here from API 3 on (56 functions at API 3; 53 at 7de77d37880d).
 * API 4 (QEMU 9.2; qemu_plugin_api_v4.def, 57 functions):
 *   - qemu_plugin_read_memory_vaddr().
 * API 5 (QEMU 10.1 and 10.2; pderwin/qemu-10.2.0 13e850fc26db,
 *        a copy of the 10.2.0 release):
 *   - 10.1: qemu_plugin_write_memory_vaddr(),
 *     qemu_plugin_read_memory_hwaddr(), qemu_plugin_write_memory_hwaddr()
 *     with enum qemu_plugin_hwaddr_operation_result,
 *     int qemu_plugin_write_register(), qemu_plugin_translate_vaddr()
 *     (62 functions).
 *   - 10.2, with no version bump: discontinuity callbacks - enum
 *     qemu_plugin_discon_type, qemu_plugin_vcpu_discon_cb_t (id first, no
 *     userdata) and qemu_plugin_register_vcpu_discon_cb() (63 functions).
 * API 6 (QEMU 11.0; qemu/qemu c22ea55b3be0 and cab15547f1fe, qemu-rs/qemu-rs
 *        qemu_plugin_api_v6.def d61506f26bad):
 *   - qemu_plugin_read_register() and qemu_plugin_write_register() return
 *     bool (the change that bumped the version).
 *   - syscall filter: qemu_plugin_vcpu_syscall_filter_cb_t (id first,
 *     uint64_t *sysret) and qemu_plugin_register_vcpu_syscall_filter_cb().
 *   - qemu_plugin_set_pc() (does not return), QEMU_PLUGIN_CB_RW_REGS_PC and
 *     qemu_plugin_reg_descriptor.is_readonly (one patch series, 2026).
 *   - 65 functions.  QEMU's later change log files the discon API under
 *     version 6 too, but 10.2.0 already shipped it with version 5.
 * API 7 (QEMU 11.1; qemu/qemu 0079bbd8d5d2 for the change log, QEMU 11.1
 *        tcg-plugins documentation for the final signatures):
 *   - no callback receives a qemu_plugin_id_t any more and every callback
 *     receives a userdata pointer: qemu_plugin_udata_cb_t is (userdata);
 *     qemu_plugin_simple_cb_t and qemu_plugin_vcpu_simple_cb_t are gone;
 *     tb_trans, discon, syscall, syscall filter and syscall return
 *     callbacks end with void *userdata.
 *   - qemu_plugin_uninstall, _reset, _register_vcpu_{init,exit,idle,resume}
 *     _cb, _vcpu_for_each, _register_flush_cb, _register_vcpu_tb_trans_cb,
 *     _register_vcpu_syscall{,_filter,_ret}_cb and
 *     _register_vcpu_discon_cb take a trailing void *userdata.
 *   - the syscall filter's return slot is int64_t *sysret.
 *   - 65 functions; the header moved to include/plugins/ in QEMU's tree.
 */
#if !defined(QEMU_PLUGIN_API_COMPAT)
#define QEMU_PLUGIN_VERSION 7
#elif QEMU_PLUGIN_API_COMPAT == 7
#define QEMU_PLUGIN_VERSION 7
#elif QEMU_PLUGIN_API_COMPAT == 6
#define QEMU_PLUGIN_VERSION 6
#elif QEMU_PLUGIN_API_COMPAT == 5
#define QEMU_PLUGIN_VERSION 5
#elif QEMU_PLUGIN_API_COMPAT == 4
#define QEMU_PLUGIN_VERSION 4
#elif QEMU_PLUGIN_API_COMPAT == 3
#define QEMU_PLUGIN_VERSION 3
#elif QEMU_PLUGIN_API_COMPAT == 2
#define QEMU_PLUGIN_VERSION 2
#else
#error "qemu-plugin.h: QEMU_PLUGIN_API_COMPAT must be 2, 3, 4, 5, 6 or 7 (QEMU 9.0 to 11.1); API 0 and 1 (QEMU 4.2 to 8.2) are not supported"
#endif

/*
 * Symbol visibility.  A plugin exports only what QEMU_PLUGIN_EXPORT marks
 * (build with -fvisibility=hidden to hide the rest); the API functions are
 * provided by the emulator executable.  On Windows the emulator build
 * (CONFIG_PLUGIN) exports the API and imports the plugin's symbols, and a
 * plugin build does the reverse.
 */
#if defined _WIN32 || defined __CYGWIN__
#ifdef CONFIG_PLUGIN
#define QEMU_PLUGIN_EXPORT __declspec(dllimport)
#define QEMU_PLUGIN_API __declspec(dllexport)
#else
#define QEMU_PLUGIN_EXPORT __declspec(dllexport)
#define QEMU_PLUGIN_API __declspec(dllimport)
#endif
#define QEMU_PLUGIN_LOCAL
#else
#define QEMU_PLUGIN_EXPORT __attribute__((visibility("default")))
#define QEMU_PLUGIN_LOCAL __attribute__((visibility("hidden")))
#define QEMU_PLUGIN_API
#endif

#if defined(__GNUC__) || defined(__clang__)
#define QEMU_PLUGIN_NORETURN_ __attribute__((__noreturn__))
#else
#define QEMU_PLUGIN_NORETURN_
#endif

/**
 * typedef qemu_plugin_id_t - opaque identifier of one loaded plugin
 *
 * Handed to qemu_plugin_install(); the plugin passes it back when it
 * registers global callbacks.
 */
typedef uint64_t qemu_plugin_id_t;

/*
 * The plugin defines this variable, normally as
 *     QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;
 * A library without it, or with a version outside what firmscope supports,
 * is refused at load time.
 */
extern QEMU_PLUGIN_EXPORT int qemu_plugin_version;

/**
 * struct qemu_info_t - what the emulator tells a plugin at install time
 * @target_name: guest architecture name, e.g. "riscv64"
 * @version: lowest (@version.min) and highest (@version.cur) plugin API
 *           version this emulator accepts
 * @system_emulation: true for full-system emulation; always true in
 *                    firmscope, which has no user-mode emulation
 * @system: valid when @system_emulation is true
 * @system.smp_vcpus: number of vCPUs the machine starts with
 * @system.max_vcpus: largest number of vCPUs the machine can have
 *
 * The structure lives only for the duration of qemu_plugin_install().
 */
typedef struct qemu_info_t {
    const char *target_name;
    struct {
        int min;
        int cur;
    } version;
    bool system_emulation;
    union {
        struct {
            int smp_vcpus;
            int max_vcpus;
        } system;
    };
} qemu_info_t;

/**
 * qemu_plugin_install() - entry point every plugin must export
 * @id: the identifier of this plugin instance
 * @info: description of the emulator and guest; valid only during the call
 * @argc: number of plugin arguments
 * @argv: the "key=value" arguments from -plugin; they stay valid for as
 *        long as the plugin is loaded
 *
 * Called once, right after the library is loaded.  The plugin registers its
 * callbacks here.  It must not call qemu_plugin_uninstall() from here.
 *
 * Returns: 0 if the plugin installed itself, any other value to make
 * loading fail.
 */
QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv);

/*
 * Callback types used by several registration functions.
 */
#if QEMU_PLUGIN_VERSION >= 7
/**
 * typedef qemu_plugin_udata_cb_t - callback with only user data
 * @userdata: the pointer given when the callback was registered
 */
typedef void (*qemu_plugin_udata_cb_t)(void *userdata);
#else
/**
 * typedef qemu_plugin_simple_cb_t - callback receiving only the plugin id
 * @id: the plugin's identifier
 *
 * API 2-6 only.
 */
typedef void (*qemu_plugin_simple_cb_t)(qemu_plugin_id_t id);

/**
 * typedef qemu_plugin_udata_cb_t - callback with plugin id and user data
 * @id: the plugin's identifier
 * @userdata: the pointer given when the callback was registered
 */
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);

/**
 * typedef qemu_plugin_vcpu_simple_cb_t - per-vCPU callback without user data
 * @id: the plugin's identifier
 * @vcpu_index: index of the vCPU concerned
 *
 * API 2-6 only.
 */
typedef void (*qemu_plugin_vcpu_simple_cb_t)(qemu_plugin_id_t id,
                                             unsigned int vcpu_index);
#endif

/**
 * typedef qemu_plugin_vcpu_udata_cb_t - per-vCPU callback with user data
 * @vcpu_index: index of the vCPU concerned
 * @userdata: the pointer given when the callback was registered
 */
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index,
                                            void *userdata);

#if QEMU_PLUGIN_VERSION >= 5
/**
 * enum qemu_plugin_discon_type - kinds of control-flow discontinuity
 * @QEMU_PLUGIN_DISCON_INTERRUPT: asynchronous event, normally raised from
 *                                outside the CPU (on RISC-V: a trap whose
 *                                cause has the interrupt bit set)
 * @QEMU_PLUGIN_DISCON_EXCEPTION: synchronous event caused by executing a
 *                                particular instruction
 * @QEMU_PLUGIN_DISCON_HOSTCALL: a request serviced by the emulator rather
 *                               than by guest code, e.g. semihosting
 * @QEMU_PLUGIN_DISCON_ALL: every kind above; a registration mask only
 *
 * The values are bits: registration takes any OR of them, and each
 * callback invocation reports exactly one single-bit value.
 */
enum qemu_plugin_discon_type {
    QEMU_PLUGIN_DISCON_INTERRUPT = 1 << 0,
    QEMU_PLUGIN_DISCON_EXCEPTION = 1 << 1,
    QEMU_PLUGIN_DISCON_HOSTCALL = 1 << 2,
    QEMU_PLUGIN_DISCON_ALL = -1
};

#if QEMU_PLUGIN_VERSION >= 7
/**
 * typedef qemu_plugin_vcpu_discon_cb_t - discontinuity callback
 * @vcpu_index: the vCPU that took the event
 * @type: which kind of event, a single bit of enum qemu_plugin_discon_type
 * @from_pc: for an interrupt, the address of the instruction that would
 *           have run next; for an exception or host call, the address of
 *           the instruction that raised it (which may never have completed,
 *           so its exec callback may or may not have run)
 * @to_pc: the address of the next instruction the vCPU will execute
 * @userdata: the pointer given at registration
 *
 * Runs after the vCPU has been set up to handle the event: PC, privilege
 * mode and trap registers already hold their new values.
 */
typedef void (*qemu_plugin_vcpu_discon_cb_t)(unsigned int vcpu_index,
                                             enum qemu_plugin_discon_type type,
                                             uint64_t from_pc, uint64_t to_pc,
                                             void *userdata);
#else
/**
 * typedef qemu_plugin_vcpu_discon_cb_t - discontinuity callback (API 5-6)
 * @id: the plugin's identifier
 * @vcpu_index: the vCPU that took the event
 * @type: which kind of event, a single bit of enum qemu_plugin_discon_type
 * @from_pc: for an interrupt, the address of the instruction that would
 *           have run next; for an exception or host call, the address of
 *           the instruction that raised it
 * @to_pc: the address of the next instruction the vCPU will execute
 *
 * Runs after the vCPU has been set up to handle the event.
 */
typedef void (*qemu_plugin_vcpu_discon_cb_t)(qemu_plugin_id_t id,
                                             unsigned int vcpu_index,
                                             enum qemu_plugin_discon_type type,
                                             uint64_t from_pc, uint64_t to_pc);
#endif
#endif /* QEMU_PLUGIN_VERSION >= 5 */

#if QEMU_PLUGIN_VERSION >= 7
/**
 * qemu_plugin_uninstall() - unload this plugin
 * @id: the plugin's identifier
 * @cb: called once the plugin is gone and will receive nothing more
 * @userdata: passed to @cb
 *
 * Removal is asynchronous: callbacks may still arrive after this returns,
 * until @cb runs.  Calling it from qemu_plugin_install() is a bug.
 */
QEMU_PLUGIN_API
void qemu_plugin_uninstall(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb,
                           void *userdata);

/**
 * qemu_plugin_reset() - drop every callback this plugin registered
 * @id: the plugin's identifier
 * @cb: called once all callbacks have been removed
 * @userdata: passed to @cb
 *
 * Asynchronous like qemu_plugin_uninstall(); the plugin stays loaded and
 * may register new callbacks from @cb.
 */
QEMU_PLUGIN_API
void qemu_plugin_reset(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb,
                       void *userdata);
#else
/**
 * qemu_plugin_uninstall() - unload this plugin
 * @id: the plugin's identifier
 * @cb: called once the plugin is gone and will receive nothing more
 *
 * Removal is asynchronous: callbacks may still arrive after this returns,
 * until @cb runs.  Calling it from qemu_plugin_install() is a bug.
 */
QEMU_PLUGIN_API
void qemu_plugin_uninstall(qemu_plugin_id_t id, qemu_plugin_simple_cb_t cb);

/**
 * qemu_plugin_reset() - drop every callback this plugin registered
 * @id: the plugin's identifier
 * @cb: called once all callbacks have been removed
 *
 * Asynchronous like qemu_plugin_uninstall(); the plugin stays loaded.
 */
QEMU_PLUGIN_API
void qemu_plugin_reset(qemu_plugin_id_t id, qemu_plugin_simple_cb_t cb);
#endif

#if QEMU_PLUGIN_VERSION >= 7
/**
 * qemu_plugin_register_vcpu_init_cb() - be told when a vCPU is created
 * @id: the plugin's identifier
 * @cb: called once per vCPU, on that vCPU, before it runs guest code
 * @userdata: passed to @cb
 *
 * A vCPU is reported by other callbacks only after its init callback ran.
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_init_cb(qemu_plugin_id_t id,
                                       qemu_plugin_vcpu_udata_cb_t cb,
                                       void *userdata);

/**
 * qemu_plugin_register_vcpu_exit_cb() - be told when a vCPU goes away
 * @id: the plugin's identifier
 * @cb: called once per vCPU when it stops for good
 * @userdata: passed to @cb
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_exit_cb(qemu_plugin_id_t id,
                                       qemu_plugin_vcpu_udata_cb_t cb,
                                       void *userdata);

/**
 * qemu_plugin_register_vcpu_idle_cb() - be told when a vCPU starts waiting
 * @id: the plugin's identifier
 * @cb: called when the vCPU stops executing to wait for an event (WFI)
 * @userdata: passed to @cb
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_idle_cb(qemu_plugin_id_t id,
                                       qemu_plugin_vcpu_udata_cb_t cb,
                                       void *userdata);

/**
 * qemu_plugin_register_vcpu_resume_cb() - be told when a vCPU wakes up
 * @id: the plugin's identifier
 * @cb: called when the vCPU resumes executing after being idle
 * @userdata: passed to @cb
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_resume_cb(qemu_plugin_id_t id,
                                         qemu_plugin_vcpu_udata_cb_t cb,
                                         void *userdata);
#else
/**
 * qemu_plugin_register_vcpu_init_cb() - be told when a vCPU is created
 * @id: the plugin's identifier
 * @cb: called once per vCPU, on that vCPU, before it runs guest code
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_init_cb(qemu_plugin_id_t id,
                                       qemu_plugin_vcpu_simple_cb_t cb);

/**
 * qemu_plugin_register_vcpu_exit_cb() - be told when a vCPU goes away
 * @id: the plugin's identifier
 * @cb: called once per vCPU when it stops for good
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_exit_cb(qemu_plugin_id_t id,
                                       qemu_plugin_vcpu_simple_cb_t cb);

/**
 * qemu_plugin_register_vcpu_idle_cb() - be told when a vCPU starts waiting
 * @id: the plugin's identifier
 * @cb: called when the vCPU stops executing to wait for an event (WFI)
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_idle_cb(qemu_plugin_id_t id,
                                       qemu_plugin_vcpu_simple_cb_t cb);

/**
 * qemu_plugin_register_vcpu_resume_cb() - be told when a vCPU wakes up
 * @id: the plugin's identifier
 * @cb: called when the vCPU resumes executing after being idle
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_resume_cb(qemu_plugin_id_t id,
                                         qemu_plugin_vcpu_simple_cb_t cb);
#endif

#if QEMU_PLUGIN_VERSION >= 7
/**
 * qemu_plugin_register_vcpu_discon_cb() - observe interrupts, exceptions
 *                                         and host calls
 * @id: the plugin's identifier
 * @type: OR of the enum qemu_plugin_discon_type kinds wanted, or
 *        QEMU_PLUGIN_DISCON_ALL; 0 registers nothing
 * @cb: called on the vCPU for every event of a selected kind
 * @userdata: passed to @cb
 *
 * Registering again for a kind replaces the callback and user data for that
 * kind; a NULL @cb removes it.  Registers may be read from @cb.
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_discon_cb(qemu_plugin_id_t id,
                                         enum qemu_plugin_discon_type type,
                                         qemu_plugin_vcpu_discon_cb_t cb,
                                         void *userdata);
#elif QEMU_PLUGIN_VERSION >= 5
/**
 * qemu_plugin_register_vcpu_discon_cb() - observe interrupts, exceptions
 *                                         and host calls (API 5-6)
 * @id: the plugin's identifier
 * @type: OR of the enum qemu_plugin_discon_type kinds wanted, or
 *        QEMU_PLUGIN_DISCON_ALL; 0 registers nothing
 * @cb: called on the vCPU for every event of a selected kind
 *
 * Registering again for a kind replaces the callback for that kind; a NULL
 * @cb removes it.  Available since QEMU 10.2, which kept API version 5.
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_discon_cb(qemu_plugin_id_t id,
                                         enum qemu_plugin_discon_type type,
                                         qemu_plugin_vcpu_discon_cb_t cb);
#endif

/** struct qemu_plugin_tb - opaque handle on a block being translated */
struct qemu_plugin_tb;
/** struct qemu_plugin_insn - opaque handle on one instruction of a block */
struct qemu_plugin_insn;
/** struct qemu_plugin_scoreboard - opaque per-vCPU storage array */
struct qemu_plugin_scoreboard;

/**
 * typedef qemu_plugin_u64 - a uint64_t field inside every scoreboard entry
 * @score: the scoreboard
 * @offset: byte offset of the field within one entry
 *
 * Inline operations and conditional callbacks act on the entry of the
 * vCPU that executes them.
 */
typedef struct {
    struct qemu_plugin_scoreboard *score;
    size_t offset;
} qemu_plugin_u64;

/**
 * enum qemu_plugin_cb_flags - what an execution callback does with registers
 * @QEMU_PLUGIN_CB_NO_REGS: does not touch vCPU registers
 * @QEMU_PLUGIN_CB_R_REGS: reads registers (qemu_plugin_read_register())
 * @QEMU_PLUGIN_CB_RW_REGS: reads and writes registers
 * @QEMU_PLUGIN_CB_RW_REGS_PC: reads and writes registers and may change the
 *                            PC with qemu_plugin_set_pc() (API 6 and later)
 */
enum qemu_plugin_cb_flags {
    QEMU_PLUGIN_CB_NO_REGS,
    QEMU_PLUGIN_CB_R_REGS,
    QEMU_PLUGIN_CB_RW_REGS,
#if QEMU_PLUGIN_VERSION >= 6
    QEMU_PLUGIN_CB_RW_REGS_PC,
#endif
};

/**
 * enum qemu_plugin_mem_rw - which memory accesses to instrument
 * @QEMU_PLUGIN_MEM_R: loads
 * @QEMU_PLUGIN_MEM_W: stores
 * @QEMU_PLUGIN_MEM_RW: loads and stores
 */
enum qemu_plugin_mem_rw {
    QEMU_PLUGIN_MEM_R = 1,
    QEMU_PLUGIN_MEM_W,
    QEMU_PLUGIN_MEM_RW,
};

#if QEMU_PLUGIN_VERSION >= 3
/**
 * enum qemu_plugin_mem_value_type - width of the value of an access
 * @QEMU_PLUGIN_MEM_VALUE_U8: 8 bits
 * @QEMU_PLUGIN_MEM_VALUE_U16: 16 bits
 * @QEMU_PLUGIN_MEM_VALUE_U32: 32 bits
 * @QEMU_PLUGIN_MEM_VALUE_U64: 64 bits
 * @QEMU_PLUGIN_MEM_VALUE_U128: 128 bits
 */
enum qemu_plugin_mem_value_type {
    QEMU_PLUGIN_MEM_VALUE_U8,
    QEMU_PLUGIN_MEM_VALUE_U16,
    QEMU_PLUGIN_MEM_VALUE_U32,
    QEMU_PLUGIN_MEM_VALUE_U64,
    QEMU_PLUGIN_MEM_VALUE_U128,
};

/**
 * typedef qemu_plugin_mem_value - the value a load or store transferred
 * @type: which member of @data is valid
 * @data: the value, in host byte order (no swapping needed)
 */
typedef struct {
    enum qemu_plugin_mem_value_type type;
    union {
        uint8_t u8;
        uint16_t u16;
        uint32_t u32;
        uint64_t u64;
        struct {
            uint64_t low;
            uint64_t high;
        } u128;
    } data;
} qemu_plugin_mem_value;

/**
 * enum qemu_plugin_cond - comparison deciding whether a callback runs
 * @QEMU_PLUGIN_COND_NEVER: never (the callback is not even installed)
 * @QEMU_PLUGIN_COND_ALWAYS: always (same as an unconditional callback)
 * @QEMU_PLUGIN_COND_EQ: entry == imm
 * @QEMU_PLUGIN_COND_NE: entry != imm
 * @QEMU_PLUGIN_COND_LT: entry < imm (unsigned)
 * @QEMU_PLUGIN_COND_LE: entry <= imm (unsigned)
 * @QEMU_PLUGIN_COND_GT: entry > imm (unsigned)
 * @QEMU_PLUGIN_COND_GE: entry >= imm (unsigned)
 */
enum qemu_plugin_cond {
    QEMU_PLUGIN_COND_NEVER,
    QEMU_PLUGIN_COND_ALWAYS,
    QEMU_PLUGIN_COND_EQ,
    QEMU_PLUGIN_COND_NE,
    QEMU_PLUGIN_COND_LT,
    QEMU_PLUGIN_COND_LE,
    QEMU_PLUGIN_COND_GT,
    QEMU_PLUGIN_COND_GE,
};
#endif /* QEMU_PLUGIN_VERSION >= 3 */

#if QEMU_PLUGIN_VERSION >= 7
/**
 * typedef qemu_plugin_vcpu_tb_trans_cb_t - block translation callback
 * @tb: the block being translated; valid only during the callback
 * @userdata: the pointer given at registration
 */
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(struct qemu_plugin_tb *tb,
                                               void *userdata);

/**
 * qemu_plugin_register_vcpu_tb_trans_cb() - instrument blocks as they are
 *                                           translated
 * @id: the plugin's identifier
 * @cb: called each time firmscope decodes a block of guest code
 * @userdata: passed to @cb
 *
 * From @cb the plugin inspects the block's instructions and attaches
 * execution callbacks, inline operations and memory callbacks to the block
 * or to single instructions.  A block may be translated more than once, and
 * a translated block need not ever run.
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
                                           qemu_plugin_vcpu_tb_trans_cb_t cb,
                                           void *userdata);
#else
/**
 * typedef qemu_plugin_vcpu_tb_trans_cb_t - block translation callback
 * @id: the plugin's identifier
 * @tb: the block being translated; valid only during the callback
 */
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id,
                                               struct qemu_plugin_tb *tb);

/**
 * qemu_plugin_register_vcpu_tb_trans_cb() - instrument blocks as they are
 *                                           translated
 * @id: the plugin's identifier
 * @cb: called each time firmscope decodes a block of guest code
 *
 * From @cb the plugin inspects the block's instructions and attaches
 * execution callbacks, inline operations and memory callbacks.
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
                                           qemu_plugin_vcpu_tb_trans_cb_t cb);
#endif

/**
 * qemu_plugin_register_vcpu_tb_exec_cb() - run a callback whenever a block
 *                                          starts executing
 * @tb: the block, from the translation callback
 * @cb: called with the executing vCPU's index
 * @flags: how @cb uses the vCPU registers
 * @userdata: passed to @cb
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb,
                                          qemu_plugin_vcpu_udata_cb_t cb,
                                          enum qemu_plugin_cb_flags flags,
                                          void *userdata);

#if QEMU_PLUGIN_VERSION >= 3
/**
 * qemu_plugin_register_vcpu_tb_exec_cond_cb() - block callback that runs
 *                                               only when a test holds
 * @tb: the block, from the translation callback
 * @cb: called with the executing vCPU's index
 * @flags: how @cb uses the vCPU registers
 * @cond: comparison applied to the executing vCPU's @entry and @imm
 * @entry: scoreboard field compared
 * @imm: constant compared against
 * @userdata: passed to @cb
 *
 * The test is evaluated inline, without a call, each time the block runs.
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_tb_exec_cond_cb(struct qemu_plugin_tb *tb,
                                               qemu_plugin_vcpu_udata_cb_t cb,
                                               enum qemu_plugin_cb_flags flags,
                                               enum qemu_plugin_cond cond,
                                               qemu_plugin_u64 entry,
                                               uint64_t imm,
                                               void *userdata);
#endif

/**
 * enum qemu_plugin_op - inline operation on a scoreboard field
 * @QEMU_PLUGIN_INLINE_ADD_U64: add the immediate to the field
 * @QEMU_PLUGIN_INLINE_STORE_U64: store the immediate in the field
 *                                (API 3 and later)
 */
enum qemu_plugin_op {
    QEMU_PLUGIN_INLINE_ADD_U64,
#if QEMU_PLUGIN_VERSION >= 3
    QEMU_PLUGIN_INLINE_STORE_U64,
#endif
};

/**
 * qemu_plugin_register_vcpu_tb_exec_inline_per_vcpu() - inline operation
 *                                                       when a block runs
 * @tb: the block, from the translation callback
 * @op: the operation
 * @entry: scoreboard field operated on, in the executing vCPU's entry
 * @imm: the operand
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_tb_exec_inline_per_vcpu(
    struct qemu_plugin_tb *tb,
    enum qemu_plugin_op op,
    qemu_plugin_u64 entry,
    uint64_t imm);

/**
 * qemu_plugin_register_vcpu_insn_exec_cb() - run a callback before an
 *                                            instruction executes
 * @insn: the instruction, from qemu_plugin_tb_get_insn()
 * @cb: called with the executing vCPU's index
 * @flags: how @cb uses the vCPU registers
 * @userdata: passed to @cb
 *
 * The callback runs before the instruction; the instruction may still
 * fault and not complete.
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn,
                                            qemu_plugin_vcpu_udata_cb_t cb,
                                            enum qemu_plugin_cb_flags flags,
                                            void *userdata);

#if QEMU_PLUGIN_VERSION >= 3
/**
 * qemu_plugin_register_vcpu_insn_exec_cond_cb() - instruction callback that
 *                                                 runs only when a test holds
 * @insn: the instruction, from qemu_plugin_tb_get_insn()
 * @cb: called with the executing vCPU's index
 * @flags: how @cb uses the vCPU registers
 * @cond: comparison applied to the executing vCPU's @entry and @imm
 * @entry: scoreboard field compared
 * @imm: constant compared against
 * @userdata: passed to @cb
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_insn_exec_cond_cb(
    struct qemu_plugin_insn *insn,
    qemu_plugin_vcpu_udata_cb_t cb,
    enum qemu_plugin_cb_flags flags,
    enum qemu_plugin_cond cond,
    qemu_plugin_u64 entry,
    uint64_t imm,
    void *userdata);
#endif

/**
 * qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu() - inline operation
 *                                                         before an
 *                                                         instruction
 * @insn: the instruction, from qemu_plugin_tb_get_insn()
 * @op: the operation
 * @entry: scoreboard field operated on, in the executing vCPU's entry
 * @imm: the operand
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
    struct qemu_plugin_insn *insn,
    enum qemu_plugin_op op,
    qemu_plugin_u64 entry,
    uint64_t imm);

/**
 * qemu_plugin_tb_n_insns() - number of instructions in a block
 * @tb: the block; valid only during the translation callback
 *
 * Returns: the instruction count.
 */
QEMU_PLUGIN_API
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);

/**
 * qemu_plugin_tb_vaddr() - guest virtual address of a block
 * @tb: the block; valid only during the translation callback
 *
 * Returns: the address of the block's first instruction.
 */
QEMU_PLUGIN_API
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);

/**
 * qemu_plugin_tb_get_insn() - handle on one instruction of a block
 * @tb: the block; valid only during the translation callback
 * @idx: position in the block, from 0
 *
 * The handle is valid only during the translation callback.
 *
 * Returns: the instruction handle, or NULL if @idx is out of range.
 */
QEMU_PLUGIN_API
struct qemu_plugin_insn *
qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);

#if QEMU_PLUGIN_VERSION >= 3
/**
 * qemu_plugin_insn_data() - copy an instruction's bytes
 * @insn: the instruction; valid only during the translation callback
 * @dest: where to copy the bytes, in guest memory order
 * @len: size of @dest
 *
 * Returns: the number of bytes copied, the smaller of @len and the
 * instruction's size.
 */
QEMU_PLUGIN_API
size_t qemu_plugin_insn_data(const struct qemu_plugin_insn *insn,
                             void *dest, size_t len);
#else
/**
 * qemu_plugin_insn_data() - an instruction's bytes (API 2)
 * @insn: the instruction; valid only during the translation callback
 *
 * Returns: a pointer to qemu_plugin_insn_size() bytes, in guest memory
 * order, valid only during the translation callback.
 */
QEMU_PLUGIN_API
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
#endif

/**
 * qemu_plugin_insn_size() - length of an instruction
 * @insn: the instruction; valid only during the translation callback
 *
 * Returns: the size in bytes (2 or 4 on RISC-V).
 */
QEMU_PLUGIN_API
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);

/**
 * qemu_plugin_insn_vaddr() - guest virtual address of an instruction
 * @insn: the instruction; valid only during the translation callback
 *
 * Returns: the address.
 */
QEMU_PLUGIN_API
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);

/**
 * qemu_plugin_insn_haddr() - physical address of an instruction
 * @insn: the instruction; valid only during the translation callback
 *
 * Returns: the guest physical address the instruction was fetched from,
 * cast to a pointer.  It is an address, never something to dereference.
 */
QEMU_PLUGIN_API
void *qemu_plugin_insn_haddr(const struct qemu_plugin_insn *insn);

/**
 * typedef qemu_plugin_meminfo_t - opaque description of one memory access
 *
 * Passed to memory callbacks and decoded with the qemu_plugin_mem_*()
 * functions.
 */
typedef uint32_t qemu_plugin_meminfo_t;
/** struct qemu_plugin_hwaddr - opaque physical-address handle */
struct qemu_plugin_hwaddr;

/**
 * qemu_plugin_mem_size_shift() - size of an access
 * @info: the access, from a memory callback
 *
 * Returns: log2 of the size in bytes (0 = byte, 1 = halfword, ...).
 */
QEMU_PLUGIN_API
unsigned int qemu_plugin_mem_size_shift(qemu_plugin_meminfo_t info);

/**
 * qemu_plugin_mem_is_sign_extended() - whether a load sign-extended
 * @info: the access, from a memory callback
 *
 * Returns: true if the loaded value was sign-extended.
 */
QEMU_PLUGIN_API
bool qemu_plugin_mem_is_sign_extended(qemu_plugin_meminfo_t info);

/**
 * qemu_plugin_mem_is_big_endian() - byte order of an access
 * @info: the access, from a memory callback
 *
 * Returns: true if the access was big-endian.
 */
QEMU_PLUGIN_API
bool qemu_plugin_mem_is_big_endian(qemu_plugin_meminfo_t info);

/**
 * qemu_plugin_mem_is_store() - direction of an access
 * @info: the access, from a memory callback
 *
 * Returns: true for a store, false for a load.
 */
QEMU_PLUGIN_API
bool qemu_plugin_mem_is_store(qemu_plugin_meminfo_t info);

#if QEMU_PLUGIN_VERSION >= 3
/**
 * qemu_plugin_mem_get_value() - the value an access transferred
 * @info: the access, from a memory callback
 *
 * Returns: the value loaded or stored, in host byte order.
 */
QEMU_PLUGIN_API
qemu_plugin_mem_value qemu_plugin_mem_get_value(qemu_plugin_meminfo_t info);
#endif

/**
 * qemu_plugin_get_hwaddr() - physical-address handle for an access
 * @info: the access, from a memory callback
 * @vaddr: the virtual address passed to that callback
 *
 * The handle is valid only until the memory callback returns.
 *
 * Returns: the handle (firmscope always emulates a full system, so this is
 * never NULL for a completed access).
 */
QEMU_PLUGIN_API
struct qemu_plugin_hwaddr *qemu_plugin_get_hwaddr(qemu_plugin_meminfo_t info,
                                                  uint64_t vaddr);

/**
 * qemu_plugin_hwaddr_is_io() - whether an access went to a device
 * @haddr: handle from qemu_plugin_get_hwaddr()
 *
 * Returns: true for memory-mapped I/O, false for RAM or ROM.
 */
QEMU_PLUGIN_API
bool qemu_plugin_hwaddr_is_io(const struct qemu_plugin_hwaddr *haddr);

/**
 * qemu_plugin_hwaddr_phys_addr() - physical address of an access
 * @haddr: handle from qemu_plugin_get_hwaddr()
 *
 * Returns: the guest physical address.  With several address spaces the
 * same number can name different locations.
 */
QEMU_PLUGIN_API
uint64_t qemu_plugin_hwaddr_phys_addr(const struct qemu_plugin_hwaddr *haddr);

/**
 * qemu_plugin_hwaddr_device_name() - name of the region an access hit
 * @h: handle from qemu_plugin_get_hwaddr()
 *
 * Returns: the device or memory region name; the string stays valid as
 * long as the plugin is loaded.
 */
QEMU_PLUGIN_API
const char *qemu_plugin_hwaddr_device_name(const struct qemu_plugin_hwaddr *h);

/**
 * typedef qemu_plugin_vcpu_mem_cb_t - memory access callback
 * @vcpu_index: the vCPU that made the access
 * @info: the access; valid only during the callback
 * @vaddr: the guest virtual address accessed
 * @userdata: the pointer given at registration
 */
typedef void (*qemu_plugin_vcpu_mem_cb_t)(unsigned int vcpu_index,
                                          qemu_plugin_meminfo_t info,
                                          uint64_t vaddr,
                                          void *userdata);

/**
 * qemu_plugin_register_vcpu_mem_cb() - run a callback after each memory
 *                                      access of an instruction
 * @insn: the instruction, from qemu_plugin_tb_get_insn()
 * @cb: called after every successful access; faulting accesses are not
 *      reported
 * @flags: how @cb uses the vCPU registers
 * @rw: loads, stores or both
 * @userdata: passed to @cb
 *
 * Other vCPUs keep running while @cb runs; shared plugin state needs its
 * own locking.
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_mem_cb(struct qemu_plugin_insn *insn,
                                      qemu_plugin_vcpu_mem_cb_t cb,
                                      enum qemu_plugin_cb_flags flags,
                                      enum qemu_plugin_mem_rw rw,
                                      void *userdata);

/**
 * qemu_plugin_register_vcpu_mem_inline_per_vcpu() - inline operation on
 *                                                   each memory access
 * @insn: the instruction, from qemu_plugin_tb_get_insn()
 * @rw: loads, stores or both
 * @op: the operation
 * @entry: scoreboard field operated on, in the executing vCPU's entry
 * @imm: the operand
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_mem_inline_per_vcpu(
    struct qemu_plugin_insn *insn,
    enum qemu_plugin_mem_rw rw,
    enum qemu_plugin_op op,
    qemu_plugin_u64 entry,
    uint64_t imm);

#if QEMU_PLUGIN_VERSION >= 3
/**
 * qemu_plugin_request_time_control() - take control of virtual time
 *
 * Only one plugin may control time; every request after the first fails.
 *
 * Returns: an opaque handle for qemu_plugin_update_ns(), or NULL.
 */
QEMU_PLUGIN_API
const void *qemu_plugin_request_time_control(void);

/**
 * qemu_plugin_update_ns() - move virtual time forward
 * @handle: handle from qemu_plugin_request_time_control()
 * @time: the new time in nanoseconds since the machine started
 */
QEMU_PLUGIN_API
void qemu_plugin_update_ns(const void *handle, int64_t time);
#endif

/*
 * System calls.  firmscope has no user-mode emulation: these registrations
 * are accepted and the callbacks are never called.
 */
#if QEMU_PLUGIN_VERSION >= 7
/**
 * typedef qemu_plugin_vcpu_syscall_cb_t - system call entry callback
 * @vcpu_index: the calling vCPU
 * @num: system call number
 * @a1: first argument
 * @a2: second argument
 * @a3: third argument
 * @a4: fourth argument
 * @a5: fifth argument
 * @a6: sixth argument
 * @a7: seventh argument
 * @a8: eighth argument
 * @userdata: the pointer given at registration
 */
typedef void (*qemu_plugin_vcpu_syscall_cb_t)(unsigned int vcpu_index,
                                              int64_t num, uint64_t a1,
                                              uint64_t a2, uint64_t a3,
                                              uint64_t a4, uint64_t a5,
                                              uint64_t a6, uint64_t a7,
                                              uint64_t a8, void *userdata);

/**
 * typedef qemu_plugin_vcpu_syscall_filter_cb_t - system call filter
 * @vcpu_index: the calling vCPU
 * @num: system call number
 * @a1: first argument
 * @a2: second argument
 * @a3: third argument
 * @a4: fourth argument
 * @a5: fifth argument
 * @a6: sixth argument
 * @a7: seventh argument
 * @a8: eighth argument
 * @sysret: where to store the result when the call is filtered
 * @userdata: the pointer given at registration
 *
 * Returns: true to skip the system call (after setting *@sysret), false to
 * let it run.
 */
typedef bool (*qemu_plugin_vcpu_syscall_filter_cb_t)(
    unsigned int vcpu_index, int64_t num, uint64_t a1, uint64_t a2,
    uint64_t a3, uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7,
    uint64_t a8, int64_t *sysret, void *userdata);

/**
 * typedef qemu_plugin_vcpu_syscall_ret_cb_t - system call return callback
 * @vcpu_index: the calling vCPU
 * @num: system call number
 * @ret: the value returned to the guest
 * @userdata: the pointer given at registration
 */
typedef void (*qemu_plugin_vcpu_syscall_ret_cb_t)(unsigned int vcpu_index,
                                                  int64_t num, int64_t ret,
                                                  void *userdata);

/**
 * qemu_plugin_register_vcpu_syscall_cb() - observe system call entry
 * @id: the plugin's identifier
 * @cb: would be called before each guest system call is handled
 * @userdata: passed to @cb
 *
 * Accepted and recorded; never called in firmscope (no user-mode emulation).
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_syscall_cb(qemu_plugin_id_t id,
                                          qemu_plugin_vcpu_syscall_cb_t cb,
                                          void *userdata);

/**
 * qemu_plugin_register_vcpu_syscall_filter_cb() - intercept system calls
 * @id: the plugin's identifier
 * @cb: would be called before each guest system call and may replace it
 * @userdata: passed to @cb
 *
 * Accepted and recorded; never called in firmscope (no user-mode emulation).
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_syscall_filter_cb(
    qemu_plugin_id_t id, qemu_plugin_vcpu_syscall_filter_cb_t cb,
    void *userdata);

/**
 * qemu_plugin_register_vcpu_syscall_ret_cb() - observe system call return
 * @id: the plugin's identifier
 * @cb: would be called after each guest system call returns
 * @userdata: passed to @cb
 *
 * Accepted and recorded; never called in firmscope (no user-mode emulation).
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_syscall_ret_cb(
    qemu_plugin_id_t id, qemu_plugin_vcpu_syscall_ret_cb_t cb,
    void *userdata);
#else
/**
 * typedef qemu_plugin_vcpu_syscall_cb_t - system call entry callback
 * @id: the plugin's identifier
 * @vcpu_index: the calling vCPU
 * @num: system call number
 * @a1: first argument
 * @a2: second argument
 * @a3: third argument
 * @a4: fourth argument
 * @a5: fifth argument
 * @a6: sixth argument
 * @a7: seventh argument
 * @a8: eighth argument
 */
typedef void (*qemu_plugin_vcpu_syscall_cb_t)(qemu_plugin_id_t id,
                                              unsigned int vcpu_index,
                                              int64_t num, uint64_t a1,
                                              uint64_t a2, uint64_t a3,
                                              uint64_t a4, uint64_t a5,
                                              uint64_t a6, uint64_t a7,
                                              uint64_t a8);

/**
 * typedef qemu_plugin_vcpu_syscall_ret_cb_t - system call return callback
 * @id: the plugin's identifier
 * @vcpu_index: the calling vCPU
 * @num: system call number
 * @ret: the value returned to the guest
 */
typedef void (*qemu_plugin_vcpu_syscall_ret_cb_t)(qemu_plugin_id_t id,
                                                  unsigned int vcpu_index,
                                                  int64_t num, int64_t ret);

/**
 * qemu_plugin_register_vcpu_syscall_cb() - observe system call entry
 * @id: the plugin's identifier
 * @cb: would be called before each guest system call is handled
 *
 * Accepted and recorded; never called in firmscope (no user-mode emulation).
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_syscall_cb(qemu_plugin_id_t id,
                                          qemu_plugin_vcpu_syscall_cb_t cb);

/**
 * qemu_plugin_register_vcpu_syscall_ret_cb() - observe system call return
 * @id: the plugin's identifier
 * @cb: would be called after each guest system call returns
 *
 * Accepted and recorded; never called in firmscope (no user-mode emulation).
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_syscall_ret_cb(
    qemu_plugin_id_t id, qemu_plugin_vcpu_syscall_ret_cb_t cb);

#if QEMU_PLUGIN_VERSION >= 6
/**
 * typedef qemu_plugin_vcpu_syscall_filter_cb_t - system call filter (API 6)
 * @id: the plugin's identifier
 * @vcpu_index: the calling vCPU
 * @num: system call number
 * @a1: first argument
 * @a2: second argument
 * @a3: third argument
 * @a4: fourth argument
 * @a5: fifth argument
 * @a6: sixth argument
 * @a7: seventh argument
 * @a8: eighth argument
 * @sysret: where to store the result when the call is filtered
 *
 * Returns: true to skip the system call (after setting *@sysret), false to
 * let it run.
 */
typedef bool (*qemu_plugin_vcpu_syscall_filter_cb_t)(
    qemu_plugin_id_t id, unsigned int vcpu_index, int64_t num, uint64_t a1,
    uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5, uint64_t a6,
    uint64_t a7, uint64_t a8, uint64_t *sysret);

/**
 * qemu_plugin_register_vcpu_syscall_filter_cb() - intercept system calls
 * @id: the plugin's identifier
 * @cb: would be called before each guest system call and may replace it
 *
 * Accepted and recorded; never called in firmscope (no user-mode emulation).
 */
QEMU_PLUGIN_API
void qemu_plugin_register_vcpu_syscall_filter_cb(
    qemu_plugin_id_t id, qemu_plugin_vcpu_syscall_filter_cb_t cb);
#endif
#endif /* QEMU_PLUGIN_VERSION >= 7 */

/**
 * qemu_plugin_insn_disas() - disassemble an instruction
 * @insn: the instruction; valid only during the translation callback
 *
 * Returns: a newly allocated string the caller releases with g_free().
 */
QEMU_PLUGIN_API
char *qemu_plugin_insn_disas(const struct qemu_plugin_insn *insn);

/**
 * qemu_plugin_insn_symbol() - symbol containing an instruction
 * @insn: the instruction; valid only during the translation callback
 *
 * Best effort, from the loaded ELF's symbol table.
 *
 * Returns: the symbol name, owned by firmscope and valid while the plugin
 * is loaded, or NULL when unknown.
 */
QEMU_PLUGIN_API
const char *qemu_plugin_insn_symbol(const struct qemu_plugin_insn *insn);

#if QEMU_PLUGIN_VERSION >= 7
/**
 * qemu_plugin_vcpu_for_each() - call a function for every existing vCPU
 * @id: the plugin's identifier
 * @cb: called once per vCPU that has been initialised
 * @userdata: passed to @cb
 */
QEMU_PLUGIN_API
void qemu_plugin_vcpu_for_each(qemu_plugin_id_t id,
                               qemu_plugin_vcpu_udata_cb_t cb,
                               void *userdata);

/**
 * qemu_plugin_register_flush_cb() - be told when translated code is dropped
 * @id: the plugin's identifier
 * @cb: called each time the block cache is flushed, with every vCPU
 *      stopped, so @cb needs no locking; block and instruction handles
 *      from earlier translations are meaningless afterwards
 * @userdata: passed to @cb
 */
QEMU_PLUGIN_API
void qemu_plugin_register_flush_cb(qemu_plugin_id_t id,
                                   qemu_plugin_udata_cb_t cb,
                                   void *userdata);
#else
/**
 * qemu_plugin_vcpu_for_each() - call a function for every existing vCPU
 * @id: the plugin's identifier
 * @cb: called once per vCPU that has been initialised
 */
QEMU_PLUGIN_API
void qemu_plugin_vcpu_for_each(qemu_plugin_id_t id,
                               qemu_plugin_vcpu_simple_cb_t cb);

/**
 * qemu_plugin_register_flush_cb() - be told when translated code is dropped
 * @id: the plugin's identifier
 * @cb: called each time the block cache is flushed, with every vCPU
 *      stopped, so @cb needs no locking
 */
QEMU_PLUGIN_API
void qemu_plugin_register_flush_cb(qemu_plugin_id_t id,
                                   qemu_plugin_simple_cb_t cb);
#endif

/**
 * qemu_plugin_register_atexit_cb() - be told when emulation ends
 * @id: the plugin's identifier
 * @cb: called once, after the guest has stopped; the place to report
 *      results and free everything
 * @userdata: passed to @cb
 */
QEMU_PLUGIN_API
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
                                    qemu_plugin_udata_cb_t cb,
                                    void *userdata);

/**
 * qemu_plugin_num_vcpus() - number of vCPUs started so far
 *
 * Returns: how many vCPUs have run their init callbacks; vCPU indexes are
 * 0 to this value minus one.
 */
QEMU_PLUGIN_API
int qemu_plugin_num_vcpus(void);

/**
 * qemu_plugin_outs() - write plugin output to the log
 * @string: text to write, usually ending with a newline
 *
 * Output appears with "-d plugin", in the -D file if one is given.
 */
QEMU_PLUGIN_API
void qemu_plugin_outs(const char *string);

/**
 * qemu_plugin_bool_parse() - parse a boolean plugin argument
 * @name: the argument's name (the part before '=')
 * @val: the argument's value (the part after '=')
 * @ret: receives the parsed value
 *
 * Accepts on/yes/true and off/no/false.
 *
 * Returns: true if @val was recognised and *@ret set, false otherwise.
 */
QEMU_PLUGIN_API
bool qemu_plugin_bool_parse(const char *name, const char *val, bool *ret);

/**
 * qemu_plugin_path_to_binary() - path of the program being run
 *
 * Meaningful only for user-mode emulation.
 *
 * Returns: NULL in firmscope, which only emulates full systems.  (Where a
 * string is returned the caller frees it with g_free().)
 */
QEMU_PLUGIN_API
const char *qemu_plugin_path_to_binary(void);

/**
 * qemu_plugin_start_code() - start of the program's text segment
 *
 * Returns: 0 in firmscope (system emulation).
 */
QEMU_PLUGIN_API
uint64_t qemu_plugin_start_code(void);

/**
 * qemu_plugin_end_code() - end of the program's text segment
 *
 * Returns: 0 in firmscope (system emulation).
 */
QEMU_PLUGIN_API
uint64_t qemu_plugin_end_code(void);

/**
 * qemu_plugin_entry_code() - entry address of the program
 *
 * Returns: 0 in firmscope (system emulation).
 */
QEMU_PLUGIN_API
uint64_t qemu_plugin_entry_code(void);

/** struct qemu_plugin_register - opaque handle on one vCPU register */
struct qemu_plugin_register;

/**
 * typedef qemu_plugin_reg_descriptor - one entry of the register list
 * @handle: pass to qemu_plugin_read_register() / qemu_plugin_write_register()
 * @name: register name, as in GDB's target description (e.g. "pc", "a0")
 * @feature: GDB feature the register belongs to, or NULL
 * @is_readonly: true if qemu_plugin_write_register() refuses it; the PC is
 *               read-only, change it with qemu_plugin_set_pc() (API 6 and
 *               later)
 */
typedef struct {
    struct qemu_plugin_register *handle;
    const char *name;
    const char *feature;
#if QEMU_PLUGIN_VERSION >= 6
    bool is_readonly;
#endif
} qemu_plugin_reg_descriptor;

/**
 * qemu_plugin_get_registers() - list the current vCPU's registers
 *
 * Call from a callback running on a vCPU, typically the vCPU init callback.
 * Handles stay valid for the life of that vCPU.
 *
 * Returns: a GArray of qemu_plugin_reg_descriptor, possibly empty; the
 * caller frees the array (g_array_free()) but not the strings.
 */
QEMU_PLUGIN_API
GArray *qemu_plugin_get_registers(void);

#if QEMU_PLUGIN_VERSION >= 6
/**
 * qemu_plugin_read_register() - read a register of the current vCPU
 * @handle: from qemu_plugin_get_registers()
 * @buf: the value is appended here, in target byte order
 *
 * Allowed in callbacks registered with QEMU_PLUGIN_CB_R_REGS or stronger,
 * in callbacks that take no flags (vCPU init, idle, resume, discon, ...),
 * but not in atexit or flush callbacks.
 *
 * Returns: true on success, false on failure.
 */
QEMU_PLUGIN_API
bool qemu_plugin_read_register(struct qemu_plugin_register *handle,
                               GByteArray *buf);
#else
/**
 * qemu_plugin_read_register() - read a register of the current vCPU
 *                               (API 2-5)
 * @handle: from qemu_plugin_get_registers()
 * @buf: the value is appended here, in target byte order
 *
 * Allowed in callbacks registered with QEMU_PLUGIN_CB_R_REGS or stronger,
 * and in callbacks that take no flags except atexit and flush.
 *
 * Returns: the register's size in bytes, or -1 on failure.
 */
QEMU_PLUGIN_API
int qemu_plugin_read_register(struct qemu_plugin_register *handle,
                              GByteArray *buf);
#endif

#if QEMU_PLUGIN_VERSION >= 6
/**
 * qemu_plugin_write_register() - write a register of the current vCPU
 * @handle: from qemu_plugin_get_registers(); not a read-only register
 * @buf: the new value, in target byte order, at least as long as the
 *       register
 *
 * Allowed in callbacks registered with QEMU_PLUGIN_CB_RW_REGS or stronger,
 * and in callbacks that take no flags except atexit and flush.
 *
 * Returns: true on success, false on failure.
 */
QEMU_PLUGIN_API
bool qemu_plugin_write_register(struct qemu_plugin_register *handle,
                                GByteArray *buf);

/**
 * qemu_plugin_set_pc() - continue the current vCPU at another address
 * @vaddr: guest virtual address of the next instruction to execute
 *
 * Allowed in callbacks registered with QEMU_PLUGIN_CB_RW_REGS_PC and in
 * callbacks that take no flags.  The current callback is abandoned: this
 * function does not return.
 */
QEMU_PLUGIN_API
QEMU_PLUGIN_NORETURN_
void qemu_plugin_set_pc(uint64_t vaddr);
#elif QEMU_PLUGIN_VERSION >= 5
/**
 * qemu_plugin_write_register() - write a register of the current vCPU
 *                                (API 5)
 * @handle: from qemu_plugin_get_registers()
 * @buf: the new value, in target byte order, at least as long as the
 *       register
 *
 * Allowed in callbacks registered with QEMU_PLUGIN_CB_RW_REGS, and in
 * callbacks that take no flags except atexit and flush.
 *
 * Returns: the number of bytes written, or a value <= 0 on failure
 * (firmscope returns -1; QEMU 10.x documents 0).
 */
QEMU_PLUGIN_API
int qemu_plugin_write_register(struct qemu_plugin_register *handle,
                               GByteArray *buf);
#endif

#if QEMU_PLUGIN_VERSION >= 4
/**
 * qemu_plugin_read_memory_vaddr() - read guest memory by virtual address
 * @addr: first guest virtual address to read, translated with the current
 *        vCPU's MMU state
 * @data: receives the bytes; grown as needed
 * @len: number of bytes to read, more than 0
 *
 * Stores still in flight in the current instruction may not be visible;
 * use memory callbacks to see values as they are accessed.
 *
 * Returns: true on success, false if any byte could not be read.
 */
QEMU_PLUGIN_API
bool qemu_plugin_read_memory_vaddr(uint64_t addr, GByteArray *data,
                                   size_t len);
#endif

#if QEMU_PLUGIN_VERSION >= 5
/**
 * qemu_plugin_write_memory_vaddr() - write guest memory by virtual address
 * @addr: first guest virtual address to write, translated with the current
 *        vCPU's MMU state
 * @data: the bytes to write
 *
 * Call only from a vCPU callback.  The guest may overwrite the data at any
 * time afterwards.
 *
 * Returns: true on success, false if any byte could not be written.
 */
QEMU_PLUGIN_API
bool qemu_plugin_write_memory_vaddr(uint64_t addr, GByteArray *data);

/**
 * enum qemu_plugin_hwaddr_operation_result - outcome of a physical access
 * @QEMU_PLUGIN_HWADDR_OPERATION_OK: success
 * @QEMU_PLUGIN_HWADDR_OPERATION_ERROR: unexpected failure
 * @QEMU_PLUGIN_HWADDR_OPERATION_DEVICE_ERROR: the device reported an error
 * @QEMU_PLUGIN_HWADDR_OPERATION_ACCESS_DENIED: access not permitted
 * @QEMU_PLUGIN_HWADDR_OPERATION_INVALID_ADDRESS: nothing at that address
 * @QEMU_PLUGIN_HWADDR_OPERATION_INVALID_ADDRESS_SPACE: no such address space
 */
enum qemu_plugin_hwaddr_operation_result {
    QEMU_PLUGIN_HWADDR_OPERATION_OK,
    QEMU_PLUGIN_HWADDR_OPERATION_ERROR,
    QEMU_PLUGIN_HWADDR_OPERATION_DEVICE_ERROR,
    QEMU_PLUGIN_HWADDR_OPERATION_ACCESS_DENIED,
    QEMU_PLUGIN_HWADDR_OPERATION_INVALID_ADDRESS,
    QEMU_PLUGIN_HWADDR_OPERATION_INVALID_ADDRESS_SPACE,
};

/**
 * qemu_plugin_read_memory_hwaddr() - read guest memory by physical address
 * @addr: first guest physical address to read, in the current vCPU's
 *        address space
 * @data: receives the bytes; grown as needed
 * @len: number of bytes to read, more than 0
 *
 * Returns: QEMU_PLUGIN_HWADDR_OPERATION_OK or the reason for failure.
 */
QEMU_PLUGIN_API
enum qemu_plugin_hwaddr_operation_result
qemu_plugin_read_memory_hwaddr(uint64_t addr, GByteArray *data, size_t len);

/**
 * qemu_plugin_write_memory_hwaddr() - write guest memory by physical address
 * @addr: first guest physical address to write, in the current vCPU's
 *        address space
 * @data: the bytes to write
 *
 * Do not write the code of the block being translated from a translation
 * callback; patching code is fine from an execution callback, and takes
 * effect once the current block has finished.
 *
 * Returns: QEMU_PLUGIN_HWADDR_OPERATION_OK or the reason for failure.
 */
QEMU_PLUGIN_API
enum qemu_plugin_hwaddr_operation_result
qemu_plugin_write_memory_hwaddr(uint64_t addr, GByteArray *data);

/**
 * qemu_plugin_translate_vaddr() - translate a virtual address
 * @vaddr: guest virtual address
 * @hwaddr: receives the guest physical address
 *
 * Uses the current vCPU's MMU state; call only from a vCPU callback.
 *
 * Returns: true if @vaddr is mapped, false otherwise.
 */
QEMU_PLUGIN_API
bool qemu_plugin_translate_vaddr(uint64_t vaddr, uint64_t *hwaddr);
#endif /* QEMU_PLUGIN_VERSION >= 5 */

/**
 * qemu_plugin_scoreboard_new() - allocate per-vCPU storage
 * @element_size: size in bytes of each vCPU's entry
 *
 * Entries start zeroed and the array grows when vCPUs are added.
 *
 * Returns: the scoreboard; free it with qemu_plugin_scoreboard_free().
 */
QEMU_PLUGIN_API
struct qemu_plugin_scoreboard *qemu_plugin_scoreboard_new(size_t element_size);

/**
 * qemu_plugin_scoreboard_free() - release a scoreboard
 * @score: the scoreboard; no inline operation may use it afterwards
 */
QEMU_PLUGIN_API
void qemu_plugin_scoreboard_free(struct qemu_plugin_scoreboard *score);

/**
 * qemu_plugin_scoreboard_find() - address of one vCPU's entry
 * @score: the scoreboard
 * @vcpu_index: the vCPU
 *
 * Returns: a pointer to the entry.  It changes when the scoreboard grows,
 * so do not keep it across callbacks.
 */
QEMU_PLUGIN_API
void *qemu_plugin_scoreboard_find(struct qemu_plugin_scoreboard *score,
                                  unsigned int vcpu_index);

/* Build a qemu_plugin_u64 naming a whole entry, or one member of it. */
#define qemu_plugin_scoreboard_u64(score) \
    (qemu_plugin_u64) { score, 0 }
#define qemu_plugin_scoreboard_u64_in_struct(score, type, member) \
    (qemu_plugin_u64) { score, offsetof(type, member) }

/**
 * qemu_plugin_u64_add() - add to one vCPU's field
 * @entry: the field
 * @vcpu_index: the vCPU
 * @added: amount to add
 */
QEMU_PLUGIN_API
void qemu_plugin_u64_add(qemu_plugin_u64 entry, unsigned int vcpu_index,
                         uint64_t added);

/**
 * qemu_plugin_u64_get() - read one vCPU's field
 * @entry: the field
 * @vcpu_index: the vCPU
 *
 * Returns: the value.
 */
QEMU_PLUGIN_API
uint64_t qemu_plugin_u64_get(qemu_plugin_u64 entry, unsigned int vcpu_index);

/**
 * qemu_plugin_u64_set() - write one vCPU's field
 * @entry: the field
 * @vcpu_index: the vCPU
 * @val: the new value
 */
QEMU_PLUGIN_API
void qemu_plugin_u64_set(qemu_plugin_u64 entry, unsigned int vcpu_index,
                         uint64_t val);

/**
 * qemu_plugin_u64_sum() - total of a field over all vCPUs
 * @entry: the field
 *
 * Returns: the sum over every vCPU's entry.
 */
QEMU_PLUGIN_API
uint64_t qemu_plugin_u64_sum(qemu_plugin_u64 entry);

#ifdef __cplusplus
}
#endif

#endif /* QEMU_QEMU_PLUGIN_H */
