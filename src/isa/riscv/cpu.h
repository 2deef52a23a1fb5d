/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V hart state and the interface the machine uses to run it.
 * RV32 and RV64 share this struct: registers are held in 64-bit slots,
 * zero-extended on RV32; the executor is compiled once per XLEN.
 */
#ifndef RV_CPU_H
#define RV_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "irq.h"
#include "machine.h"
#include "riscv_decode.h"

enum {
    RV_PRIV_U = 0,
    RV_PRIV_S = 1,
    RV_PRIV_M = 3,
};

/* Exception causes (privileged spec, table "mcause values"). */
enum {
    RV_CAUSE_INSN_MISALIGNED = 0,
    RV_CAUSE_INSN_ACCESS = 1,
    RV_CAUSE_ILLEGAL_INSN = 2,
    RV_CAUSE_BREAKPOINT = 3,
    RV_CAUSE_LOAD_MISALIGNED = 4,
    RV_CAUSE_LOAD_ACCESS = 5,
    RV_CAUSE_STORE_MISALIGNED = 6,
    RV_CAUSE_STORE_ACCESS = 7,
    RV_CAUSE_ECALL_U = 8,
    RV_CAUSE_ECALL_S = 9,
    RV_CAUSE_ECALL_M = 11,
    RV_CAUSE_INSN_PAGE_FAULT = 12,
    RV_CAUSE_LOAD_PAGE_FAULT = 13,
    RV_CAUSE_STORE_PAGE_FAULT = 15,
};

/* Interrupt numbers: bit positions in mip/mie, and the cause values. */
enum {
    RV_IRQ_SSI = 1,
    RV_IRQ_MSI = 3,
    RV_IRQ_STI = 5,
    RV_IRQ_MTI = 7,
    RV_IRQ_SEI = 9,
    RV_IRQ_MEI = 11,
};

/* mstatus fields (privileged spec §3.1.6). */
#define MSTATUS_SIE (UINT64_C(1) << 1)
#define MSTATUS_MIE (UINT64_C(1) << 3)
#define MSTATUS_SPIE (UINT64_C(1) << 5)
#define MSTATUS_UBE (UINT64_C(1) << 6)
#define MSTATUS_MPIE (UINT64_C(1) << 7)
#define MSTATUS_SPP (UINT64_C(1) << 8)
#define MSTATUS_VS_SHIFT 9
#define MSTATUS_VS (UINT64_C(3) << MSTATUS_VS_SHIFT)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP (UINT64_C(3) << MSTATUS_MPP_SHIFT)
#define MSTATUS_FS_SHIFT 13
#define MSTATUS_FS (UINT64_C(3) << MSTATUS_FS_SHIFT)
#define MSTATUS_XS (UINT64_C(3) << 15)
#define MSTATUS_MPRV (UINT64_C(1) << 17)
#define MSTATUS_SUM (UINT64_C(1) << 18)
#define MSTATUS_MXR (UINT64_C(1) << 19)
#define MSTATUS_TVM (UINT64_C(1) << 20)
#define MSTATUS_TW (UINT64_C(1) << 21)
#define MSTATUS_TSR (UINT64_C(1) << 22)
#define MSTATUS_UXL_SHIFT 32
#define MSTATUS_SXL_SHIFT 34
#define MSTATUS64_SD (UINT64_C(1) << 63)
#define MSTATUS32_SD (UINT64_C(1) << 31)

#define RV_PMP_ENTRIES 16
#define PMPCFG_R 0x01u
#define PMPCFG_W 0x02u
#define PMPCFG_RESERVED 0x60u
#define PMPCFG_L 0x80u
#define PMPCFG_A_SHIFT 3
#define PMPCFG_A_TOR 1u
#define PMPCFG_X 0x04u
#define PMPCFG_A_NA4 2u
#define PMPCFG_A_NAPOT 3u

/* Access types of address translation and PMP (mmu.c), TLB sizes. */
enum {
    RV_ACCESS_FETCH = 0,
    RV_ACCESS_LOAD = 1,
    RV_ACCESS_STORE = 2,
    RV_ACCESS_TYPES = 3,
};
#define RV_TLB_BITS 8
#define RV_TLB_SIZE (1u << RV_TLB_BITS)

/*
 * One cached 4 KiB translation: tag is the virtual page | context (see
 * mmu.h), UINT64_MAX when empty; paddr the physical page; host that page
 * in host memory when all of it is main RAM (no device window), else
 * NULL: the executor's loads and stores on a hit go straight there.
 */
typedef struct RvTlbEntry {
    uint64_t tag;
    uint64_t paddr;
    uint8_t *host;
} RvTlbEntry;

#define RV_CAUSE_INTERRUPT_BIT(xlen) (UINT64_C(1) << ((xlen) - 1))

typedef struct RvBlockCache RvBlockCache;

#define RV_N_HPM 29 /* mhpmcounter3..31 */

typedef struct RvCpu {
    uint64_t x[32];
    uint64_t pc;
    /*
     * F/D state (unprivileged spec ch. 11-12): 64-bit f registers, singles
     * NaN-boxed; fcsr split into its two fields.
     */
    uint64_t f[32];
    uint8_t fflags; /* accrued exceptions, RV_FFLAG_* */
    uint8_t frm;    /* dynamic rounding mode, any 3-bit value */
    unsigned xlen;      /* 32 or 64 */
    unsigned priv;      /* RV_PRIV_* */
    unsigned hartid;
    uint64_t icount;    /* retired instructions: time and minstret follow it */
    /*
     * The executor leaves a block early once icount reaches stop_icount:
     * the next timer deadline, or 0 after anything (an MMIO write, an
     * interrupt line change) that must be looked at before the next
     * instruction.
     */
    uint64_t stop_icount;
    bool wfi;           /* waiting for an interrupt */

    /* Machine-level CSRs (privileged spec chapter 3). */
    uint64_t misa;
    uint64_t mstatus;
    uint64_t medeleg, mideleg;
    uint64_t mie;
    uint64_t mip;       /* software-written bits and device lines */
    bool seip_sw, seip_line; /* mip.SEIP reads as their OR (§3.1.9) */
    uint64_t mtvec, mepc, mcause, mtval, mscratch;
    uint32_t mcounteren, mcountinhibit;
    uint64_t menvcfg, senvcfg; /* only FIOM is implemented (priv 1.12 §3.1.18) */
    uint64_t cycle_offset, instret_offset; /* m{cycle,instret} = icount + offset */
    uint64_t cycle_frozen, instret_frozen; /* values while inhibited */
    /*
     * mhpmcounter3..31 and mhpmevent3..31 hold what is written: no event
     * is implemented, so they never count (§3.1.10 allows that), as
     * QEMU's counters do while no event is mapped to them.
     */
    uint64_t mhpmcounter[RV_N_HPM];
    uint64_t mhpmevent[RV_N_HPM];
    /*
     * Physical memory protection (§3.7): the registers; mmu.c checks
     * accesses against them.
     */
    uint8_t pmpcfg[RV_PMP_ENTRIES];
    uint64_t pmpaddr[RV_PMP_ENTRIES];
    /* Supervisor-level CSRs (chapter 4). */
    uint64_t stvec, sepc, scause, stval, sscratch, satp;
    uint32_t scounteren;

    /*
     * Address translation (mmu.c). data_direct/fetch_direct: accesses
     * are physical and need no PMP check (M-mode, no locked PMP entry),
     * the executor's fast path. mmu_key: the priv/mstatus bits the
     * contexts were computed from. mem_fault*: the page or access fault
     * of the last failed translated access, which replaces the generic
     * access fault its handler raises.
     */
    bool data_direct, fetch_direct;
    bool tlb_has_super;  /* a superpage entry is cached */
    bool mem_fault;
    uint8_t tlb_dctx, tlb_ictx;
    uint32_t mmu_key;
    uint64_t mem_fault_cause, mem_fault_tval;

    /* LR/SC reservation. */
    bool lr_valid;
    uint64_t lr_addr;

    /* Fast path to the main RAM and the one device window overlaying it. */
    uint8_t *ram_host;
    uint64_t ram_base, ram_size;
    uint64_t ram_hole_base, ram_hole_size;
    uint8_t *code_bits;  /* one bit per 64-byte RAM chunk holding decoded code */

    RvBlockCache *blocks;
    /* the instruction being run in an instrumented block */
    const struct PluginOpList *plugin_mem; /* its memory ops, or NULL */
    bool plugin_mem_signed;                /* see rv_op_memop_is_signed() */
    bool plugin_pc_moved;                  /* a callback set the PC */
    bool plugin_started;                   /* vcpu init reported */
    /* -trace-pc: where executed blocks are recorded (fstrace.h), or NULL */
    struct FsTrace *trace;
    bool trace_mem;                        /* memory accesses too */
    Machine *machine;
    uint64_t (*read_time)(void *opaque); /* the `time` CSR (platform mtime) */
    void *read_time_opaque;
    RvTlbEntry tlb[RV_ACCESS_TYPES][RV_TLB_SIZE]; /* last: it is large */
} RvCpu;

/*
 * rv_cpu_new() - a hart of the given XLEN for machine m, in reset state
 * (M-mode, pc = reset_pc). Returns NULL with a message on failure.
 */
RvCpu *rv_cpu_new(Machine *m, unsigned xlen, unsigned hartid,
                  uint64_t reset_pc);

/*
 * rv_cpu_map_memory() - look up the machine's RAM for the fast memory
 * path; call once the board has mapped every region. 0 or -FS_ENOMEM.
 */
int rv_cpu_map_memory(RvCpu *cpu);
void rv_cpu_free(RvCpu *cpu);

/* rv_cpu_reset() - architectural reset state. */
void rv_cpu_reset(RvCpu *cpu, uint64_t reset_pc);

/*
 * rv_cpu_irq_handler() - IrqHandlerFn for the hart's interrupt inputs;
 * `n` is the mip bit (RV_IRQ_MSI, RV_IRQ_MTI, RV_IRQ_MEI, RV_IRQ_SEI),
 * opaque is the RvCpu.
 */
void rv_cpu_irq_handler(void *opaque, unsigned n, bool level);

/*
 * rv_cpu_run() - run until the guest requests exit or nothing can wake
 * a halted hart. Returns 0 on a guest exit request, or -FS_E* with a
 * message (e.g. the hart waits for an interrupt no device can raise).
 */
int rv_cpu_run(RvCpu *cpu);

/* --- used by the executor, trap and CSR code ------------------------- */

/*
 * rv_raise_exception() - take a synchronous trap at cpu->pc (the
 * instruction that caused it): update the trap CSRs, privilege and pc.
 */
void rv_raise_exception(RvCpu *cpu, uint64_t cause, uint64_t tval);

/*
 * rv_take_pending_interrupt() - if an enabled interrupt is pending
 * (privileged spec §3.1.9 rules and priority), take it and return true.
 */
bool rv_take_pending_interrupt(RvCpu *cpu);

/*
 * rv_semihosting_call() - if the ebreak at pc is a semihosting call
 * (enabled, not from U-mode, the slli/ebreak/srai sequence in one page),
 * perform it, report the HOSTCALL, leave cpu->pc at the srai and return
 * true; else return false (an ordinary breakpoint).
 */
bool rv_semihosting_call(RvCpu *cpu, uint64_t pc);

/* rv_interrupt_deliverable() - would an interrupt be taken now? */
bool rv_interrupt_deliverable(const RvCpu *cpu);

/* rv_mret()/rv_sret() - the trap-return instructions' effect. */
void rv_mret(RvCpu *cpu);
void rv_sret(RvCpu *cpu);

/*
 * rv_csr_access() - a Zicsr read-modify-write. `write_mask`/`write_set`:
 * the new value is (old & ~write_mask) | write_set, so csrrw passes
 * mask = all ones, csrrs mask = set = value, csrrc mask = value, set = 0.
 * `do_read`/`do_write` say whether the instruction reads/writes (csrrw
 * with rd = x0 does not read; csrrs/c with rs1 = x0 do not write).
 * Returns false if the access is illegal (the caller raises
 * illegal-instruction with the instruction bits).
 */
bool rv_csr_access(RvCpu *cpu, unsigned csrno, bool do_read, bool do_write,
                   uint64_t write_mask, uint64_t write_set, uint64_t *old);

/*
 * rv_csr_peek()/rv_csr_poke() - a debugger's or plugin's access to a CSR:
 * no privilege checks, no instruction semantics; false if the CSR does
 * not exist at this XLEN (poke: or is read-only).
 */
bool rv_csr_peek(RvCpu *cpu, unsigned csrno, uint64_t *v);
bool rv_csr_poke(RvCpu *cpu, unsigned csrno, uint64_t v);

/* rv_csr_name() - the CSR's name ("mstatus"), or NULL if unknown. */
const char *rv_csr_name(unsigned csrno);

/* rv_cause_name() - one-line description of a cause for logs. */
const char *rv_cause_name(bool is_interrupt, uint64_t cause);

/*
 * rv_op_memop_is_signed() - is op's memory access a signed one, as
 * plugins see it in qemu_plugin_mem_is_sign_extended()? This follows
 * the memory operations QEMU's RISC-V translator uses, so plugin output
 * matches QEMU's: signed for lb/lh/lw/ld, sb/sh/sw and the .w atomics;
 * unsigned for lbu/lhu/lwu, sd and the .d atomics.
 */
bool rv_op_memop_is_signed(unsigned op);

/* The per-XLEN executors (exec32.c, exec64.c). */
void rv32_exec_block(RvCpu *cpu);
void rv64_exec_block(RvCpu *cpu);

#endif
