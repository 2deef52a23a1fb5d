/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Control and status registers: existence and access rules (from the
 * number and csr.def) and each CSR's read/write meaning
 * (privileged spec chapters 2-4; Zicsr in the unprivileged spec).
 */
#include <stdio.h>

#include "cpu.h"
#include "mmu.h"

#define CSR_COUNT 4096

/* mstatus bits software can write, and the sstatus view of mstatus. */
#define MSTATUS_WRITABLE                                                     \
    (MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE |              \
     MSTATUS_SPP | MSTATUS_MPP | MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM |   \
     MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
#define SSTATUS_VISIBLE                                                      \
    (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_UBE | MSTATUS_SPP | MSTATUS_VS |   \
     MSTATUS_FS | MSTATUS_XS | MSTATUS_SUM | MSTATUS_MXR |                   \
     (UINT64_C(3) << MSTATUS_UXL_SHIFT))
#define SSTATUS_WRITABLE                                                     \
    (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM |   \
     MSTATUS_MXR)

/* Interrupt bits that exist (mie writable), S-level ones (delegable). */
#define MIP_ALL                                                              \
    ((1u << RV_IRQ_SSI) | (1u << RV_IRQ_MSI) | (1u << RV_IRQ_STI) |         \
     (1u << RV_IRQ_MTI) | (1u << RV_IRQ_SEI) | (1u << RV_IRQ_MEI))
#define MIP_S_LEVEL                                                          \
    ((1u << RV_IRQ_SSI) | (1u << RV_IRQ_STI) | (1u << RV_IRQ_SEI))
/* Exceptions medeleg can delegate: all but ecall from M and reserved. */
#define MEDELEG_WRITABLE UINT64_C(0xb3ff)

/* xenvcfg: FIOM only; Zicbo*, Svpbmt and Sstc bits read as zero */
#define ENVCFG_FIOM UINT64_C(1)

#define COUNTEREN_CY 0
#define COUNTEREN_TM 1
#define COUNTEREN_IR 2

typedef struct CsrInfo {
    const char *name;
    uint8_t only_xlen; /* 0: every XLEN; 32: RV32 only */
} CsrInfo;

static CsrInfo csr_table[CSR_COUNT];
static char csr_series_names[8][29][20];

static void csr_table_init(void)
{
    static bool done;
    unsigned series = 0;

    if (done) {
        return;
    }
    done = true;
#define RV_CSR(num, nm, xl)                                                  \
    csr_table[num].name = #nm;                                               \
    csr_table[num].only_xlen = xl;
#define RV_CSR_SERIES(first, count, prefix, from, suffix, xl)                \
    for (unsigned i = 0; i < (count); i++) {                                 \
        snprintf(csr_series_names[series][i], 20, "%s%u%s", prefix,         \
                 (from) + i, suffix);                                       \
        csr_table[(first) + i].name = csr_series_names[series][i];          \
        csr_table[(first) + i].only_xlen = xl;                              \
    }                                                                        \
    series++;
#include "csr.def"
#undef RV_CSR
#undef RV_CSR_SERIES
}

const char *rv_csr_name(unsigned csrno)
{
    csr_table_init();
    return csrno < CSR_COUNT ? csr_table[csrno].name : NULL;
}

static uint64_t xlen_mask(const RvCpu *cpu)
{
    return cpu->xlen == 32 ? UINT64_C(0xffffffff) : UINT64_MAX;
}

static uint64_t mstatus_read(const RvCpu *cpu)
{
    uint64_t v = cpu->mstatus;
    bool dirty = (v & MSTATUS_FS) == MSTATUS_FS;

    if (cpu->xlen == 32) {
        return (v & UINT64_C(0x7fffffff)) | (dirty ? MSTATUS32_SD : 0);
    }
    return v | (dirty ? MSTATUS64_SD : 0);
}

static void mstatus_write(RvCpu *cpu, uint64_t v, uint64_t writable)
{
    uint64_t old = cpu->mstatus;
    uint64_t mpp = (v & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;

    /* MPP is WARL: the reserved encoding 2 leaves the field unchanged. */
    if (mpp == 2) {
        v = (v & ~MSTATUS_MPP) | (old & MSTATUS_MPP);
    }
    cpu->mstatus = (old & ~writable) | (v & writable);
}

/*
 * The counters' running bases. mcycle follows virtual time in ns, as
 * QEMU's does under -icount (a 1 GHz clock; each instruction lasts
 * 2^shift cycles, wfi's idle time counts); minstret counts instructions
 * retired (§3.1.11), which traps are not.
 */
static uint64_t counter_base(const RvCpu *cpu, bool is_cycle)
{
    return is_cycle ? vclock_insn_ns(&cpu->machine->clock) : cpu->icount;
}

/* How far the base moves while the current instruction completes. */
static uint64_t counter_step(const RvCpu *cpu, bool is_cycle)
{
    return is_cycle ? UINT64_C(1) << cpu->machine->clock.shift : 1;
}

/* m/s/hpm counters: values from their base, frozen while inhibited. */
static uint64_t counter_value(const RvCpu *cpu, bool is_cycle)
{
    unsigned bit = is_cycle ? COUNTEREN_CY : COUNTEREN_IR;

    if (cpu->mcountinhibit & (1u << bit)) {
        return is_cycle ? cpu->cycle_frozen : cpu->instret_frozen;
    }
    return counter_base(cpu, is_cycle) +
           (is_cycle ? cpu->cycle_offset : cpu->instret_offset);
}

/*
 * Set the 64-bit counter to `v` (or one half of it on RV32). The value
 * written is what the next instruction reads (Zicsr: the write is done
 * instead of the increment), so the offset accounts for the writing
 * instruction itself.
 */
static void counter_write(RvCpu *cpu, bool is_cycle, uint64_t v, int half)
{
    uint64_t *frozen = is_cycle ? &cpu->cycle_frozen : &cpu->instret_frozen;
    uint64_t *offset = is_cycle ? &cpu->cycle_offset : &cpu->instret_offset;
    unsigned bit = is_cycle ? COUNTEREN_CY : COUNTEREN_IR;
    bool inhibited = cpu->mcountinhibit & (1u << bit);
    /*
     * RV32 writes one half, a CSR of its own: the other half is what the
     * next instruction would have read, increment included.
     */
    uint64_t cur = counter_value(cpu, is_cycle) +
                   (inhibited ? 0 : counter_step(cpu, is_cycle));

    if (half > 0) {
        v = (cur & UINT64_C(0xffffffff)) | (v << 32);
    } else if (half == 0) {
        v = (cur & ~UINT64_C(0xffffffff)) | (v & UINT64_C(0xffffffff));
    }
    if (inhibited) {
        *frozen = v;
    } else {
        *offset = v - (counter_base(cpu, is_cycle) +
                       counter_step(cpu, is_cycle));
    }
}

static void countinhibit_write(RvCpu *cpu, uint32_t v)
{
    static const bool is_cycle_of[2] = { true, false };
    static const unsigned bits[2] = { COUNTEREN_CY, COUNTEREN_IR };

    v &= ~(1u << COUNTEREN_TM); /* TM is read-only zero */
    for (unsigned i = 0; i < 2; i++) {
        uint32_t m = 1u << bits[i];
        bool is_cycle = is_cycle_of[i];

        if ((v & m) && !(cpu->mcountinhibit & m)) {
            uint64_t cur = counter_value(cpu, is_cycle);
            *(is_cycle ? &cpu->cycle_frozen : &cpu->instret_frozen) = cur;
        } else if (!(v & m) && (cpu->mcountinhibit & m)) {
            uint64_t cur = is_cycle ? cpu->cycle_frozen : cpu->instret_frozen;
            *(is_cycle ? &cpu->cycle_offset : &cpu->instret_offset) =
                cur - (counter_base(cpu, is_cycle) +
                       counter_step(cpu, is_cycle));
        }
    }
    cpu->mcountinhibit = v;
}

/*
 * pmpcfgN packs XLEN/8 entry bytes; on RV64 only the even registers
 * exist (§3.7.1). A locked entry ignores writes to its byte.
 */
static unsigned pmpcfg_first_entry(unsigned csrno)
{
    return (csrno - 0x3a0) * 4;
}

static uint64_t pmpcfg_read(const RvCpu *cpu, unsigned csrno)
{
    unsigned first = pmpcfg_first_entry(csrno);
    uint64_t v = 0;

    for (unsigned i = 0; i < cpu->xlen / 8; i++) {
        v |= (uint64_t)cpu->pmpcfg[first + i] << (8 * i);
    }
    return v;
}

static void pmpcfg_write(RvCpu *cpu, unsigned csrno, uint64_t v)
{
    unsigned first = pmpcfg_first_entry(csrno);

    for (unsigned i = 0; i < cpu->xlen / 8; i++) {
        /* bits 6:5 are reserved (read zero); R=0 W=1 is reserved: no W */
        uint8_t cfg = (uint8_t)(v >> (8 * i)) & ~PMPCFG_RESERVED;

        if ((cfg & (PMPCFG_R | PMPCFG_W)) == PMPCFG_W) {
            cfg &= ~PMPCFG_W;
        }

        if (!(cpu->pmpcfg[first + i] & PMPCFG_L)) {
            cpu->pmpcfg[first + i] = cfg;
        }
    }
}

/* pmpaddrN is locked by its own L bit or by a locked TOR entry above. */
static void pmpaddr_write(RvCpu *cpu, unsigned n, uint64_t v)
{
    bool locked = cpu->pmpcfg[n] & PMPCFG_L;

    if (n + 1 < RV_PMP_ENTRIES && (cpu->pmpcfg[n + 1] & PMPCFG_L) &&
        PMPCFG_A_TOR == ((cpu->pmpcfg[n + 1] >> PMPCFG_A_SHIFT) & 3)) {
        locked = true;
    }
    if (!locked) {
        /* RV64: address bits 55:2 of the entry, i.e. register bits 53:0 */
        cpu->pmpaddr[n] = cpu->xlen == 64 ? v & ((UINT64_C(1) << 54) - 1)
                                          : v & UINT64_C(0xffffffff);
    }
}

static uint64_t time_value(const RvCpu *cpu)
{
    return cpu->read_time ? cpu->read_time(cpu->read_time_opaque) : 0;
}

/* Unprivileged counter access rules (privileged spec §3.1.11, §4.1.4). */
static bool counter_accessible(const RvCpu *cpu, unsigned csrno)
{
    unsigned bit = csrno & 0x1f;

    if (cpu->priv < RV_PRIV_M && !(cpu->mcounteren & (1u << bit))) {
        return false;
    }
    if (cpu->priv == RV_PRIV_U && !(cpu->scounteren & (1u << bit))) {
        return false;
    }
    return true;
}

/* (m)hpmcounter3..31, their high halves (RV32) and mhpmevent3..31 */
static uint64_t hpm_read(const RvCpu *cpu, unsigned csrno)
{
    unsigned n = (csrno & 0x1f) - 3;

    if (n >= RV_N_HPM) {
        return 0;
    }
    switch (csrno & ~0x1fu) {
    case 0xc00: /* hpmcounterN */
    case 0xb00: /* mhpmcounterN */
        return cpu->mhpmcounter[n];
    case 0xc80: /* hpmcounterNh */
    case 0xb80: /* mhpmcounterNh */
        return cpu->mhpmcounter[n] >> 32;
    case 0x320: /* mhpmeventN */
        return cpu->mhpmevent[n];
    default:
        return 0;
    }
}

static void hpm_write(RvCpu *cpu, unsigned csrno, uint64_t v)
{
    unsigned n = (csrno & 0x1f) - 3;
    uint64_t *c;

    if (n >= RV_N_HPM) {
        return;
    }
    c = &cpu->mhpmcounter[n];
    switch (csrno & ~0x1fu) {
    case 0xb00: /* mhpmcounterN: all of it, or its low half on RV32 */
        *c = cpu->xlen == 32 ? (*c & ~UINT64_C(0xffffffff)) | (uint32_t)v
                             : v;
        break;
    case 0xb80: /* mhpmcounterNh */
        *c = (*c & UINT64_C(0xffffffff)) | v << 32;
        break;
    case 0x320: /* mhpmeventN */
        cpu->mhpmevent[n] = v;
        break;
    default:
        break;
    }
}

static uint64_t csr_read(RvCpu *cpu, unsigned csrno)
{
    switch (csrno) {
    case 0x001: /* fflags */
        return cpu->fflags;
    case 0x002: /* frm */
        return cpu->frm;
    case 0x003: /* fcsr: frm in bits 7:5, fflags in 4:0 (§11.2) */
        return (uint64_t)cpu->frm << 5 | cpu->fflags;
    case 0xc00: /* cycle */
    case 0xb00: /* mcycle */
        return counter_value(cpu, true);
    case 0xc02: /* instret */
    case 0xb02: /* minstret */
        return counter_value(cpu, false);
    case 0xc80: /* cycleh */
    case 0xb80: /* mcycleh */
        return counter_value(cpu, true) >> 32;
    case 0xc82: /* instreth */
    case 0xb82: /* minstreth */
        return counter_value(cpu, false) >> 32;
    case 0xc01: /* time */
        return time_value(cpu);
    case 0xc81: /* timeh */
        return time_value(cpu) >> 32;
    case 0x100: /* sstatus */
        return mstatus_read(cpu) &
               (SSTATUS_VISIBLE |
                (cpu->xlen == 32 ? MSTATUS32_SD : MSTATUS64_SD));
    case 0x104: /* sie */
        return cpu->mie & cpu->mideleg;
    case 0x105: /* stvec */
        return cpu->stvec;
    case 0x106: /* scounteren */
        return cpu->scounteren;
    case 0x10a: /* senvcfg */
        return cpu->senvcfg;
    case 0x30a: /* menvcfg */
        return cpu->menvcfg;
    case 0x31a: /* menvcfgh: no implemented field in the high half */
        return 0;
    case 0x140: /* sscratch */
        return cpu->sscratch;
    case 0x141: /* sepc */
        return cpu->sepc;
    case 0x142: /* scause */
        return cpu->scause;
    case 0x143: /* stval */
        return cpu->stval;
    case 0x144: /* sip */
        return cpu->mip & cpu->mideleg;
    case 0x180: /* satp */
        return cpu->satp;
    case 0xf11: /* mvendorid: non-commercial implementation */
    case 0xf12: /* marchid: not assigned */
    case 0xf13: /* mimpid */
    case 0xf15: /* mconfigptr: no configuration structure */
        return 0;
    case 0xf14: /* mhartid */
        return cpu->hartid;
    case 0x300: /* mstatus */
        return mstatus_read(cpu);
    case 0x310: /* mstatush: MBE = SBE = 0, little-endian only */
        return 0;
    case 0x301: /* misa */
        return cpu->misa;
    case 0x302: /* medeleg */
        return cpu->medeleg;
    case 0x303: /* mideleg */
        return cpu->mideleg;
    case 0x304: /* mie */
        return cpu->mie;
    case 0x305: /* mtvec */
        return cpu->mtvec;
    case 0x306: /* mcounteren */
        return cpu->mcounteren;
    case 0x320: /* mcountinhibit */
        return cpu->mcountinhibit;
    case 0x340: /* mscratch */
        return cpu->mscratch;
    case 0x341: /* mepc */
        return cpu->mepc;
    case 0x342: /* mcause */
        return cpu->mcause;
    case 0x343: /* mtval */
        return cpu->mtval;
    case 0x344: /* mip */
        return cpu->mip;
    case 0x3a0: /* pmpcfg0..3 */
    case 0x3a1:
    case 0x3a2:
    case 0x3a3:
        return pmpcfg_read(cpu, csrno);
    default:
        if (csrno >= 0x3b0 && csrno < 0x3b0 + RV_PMP_ENTRIES) {
            return cpu->pmpaddr[csrno - 0x3b0];
        }
        return hpm_read(cpu, csrno);
    }
}

static void tvec_write(uint64_t *tvec, uint64_t v)
{
    /* Modes 2 and 3 are reserved: such a write leaves tvec unchanged. */
    if ((v & 3) < 2) {
        *tvec = v;
    }
}

static void csr_write(RvCpu *cpu, unsigned csrno, uint64_t v)
{
    switch (csrno) {
    case 0x001: /* fflags; any FP state write makes FS Dirty (§3.1.6.6) */
        cpu->fflags = v & 0x1f;
        cpu->mstatus |= MSTATUS_FS;
        break;
    case 0x002: /* frm: all 3-bit values are kept; invalid ones trap on use */
        cpu->frm = v & 7;
        cpu->mstatus |= MSTATUS_FS;
        break;
    case 0x003: /* fcsr */
        cpu->fflags = v & 0x1f;
        cpu->frm = (v >> 5) & 7;
        cpu->mstatus |= MSTATUS_FS;
        break;
    case 0xb00: /* mcycle */
        counter_write(cpu, true, v, cpu->xlen == 32 ? 0 : -1);
        break;
    case 0xb02: /* minstret */
        counter_write(cpu, false, v, cpu->xlen == 32 ? 0 : -1);
        break;
    case 0xb80: /* mcycleh */
        counter_write(cpu, true, v, 1);
        break;
    case 0xb82: /* minstreth */
        counter_write(cpu, false, v, 1);
        break;
    case 0x100: /* sstatus */
        mstatus_write(cpu, v, SSTATUS_WRITABLE);
        break;
    case 0x104: /* sie */
        cpu->mie = (cpu->mie & ~cpu->mideleg) | (v & cpu->mideleg);
        break;
    case 0x105: /* stvec */
        tvec_write(&cpu->stvec, v);
        break;
    case 0x106: /* scounteren */
        cpu->scounteren = (uint32_t)v;
        break;
    case 0x10a: /* senvcfg */
        cpu->senvcfg = v & ENVCFG_FIOM;
        break;
    case 0x30a: /* menvcfg */
        cpu->menvcfg = v & ENVCFG_FIOM;
        break;
    case 0x140: /* sscratch */
        cpu->sscratch = v;
        break;
    case 0x141: /* sepc: bit 0 is always zero (IALIGN = 16) */
        cpu->sepc = v & ~UINT64_C(1);
        break;
    case 0x142: /* scause */
        cpu->scause = v;
        break;
    case 0x143: /* stval */
        cpu->stval = v;
        break;
    case 0x144: { /* sip: only SSIP, and only when delegated */
        uint64_t m = cpu->mideleg & (1u << RV_IRQ_SSI);

        cpu->mip = (cpu->mip & ~m) | (v & m);
        break;
    }
    case 0x180: /* satp */
        rv_satp_write(cpu, v);
        break;
    case 0x300: /* mstatus */
        mstatus_write(cpu, v, MSTATUS_WRITABLE);
        break;
    case 0x302: /* medeleg */
        cpu->medeleg = v & MEDELEG_WRITABLE;
        break;
    case 0x303: /* mideleg */
        cpu->mideleg = v & MIP_S_LEVEL;
        break;
    case 0x304: /* mie */
        cpu->mie = v & MIP_ALL;
        break;
    case 0x305: /* mtvec */
        tvec_write(&cpu->mtvec, v);
        break;
    case 0x306: /* mcounteren */
        cpu->mcounteren = (uint32_t)v;
        break;
    case 0x320: /* mcountinhibit */
        countinhibit_write(cpu, (uint32_t)v);
        break;
    case 0x340: /* mscratch */
        cpu->mscratch = v;
        break;
    case 0x341: /* mepc: bit 0 is always zero (IALIGN = 16) */
        cpu->mepc = v & ~UINT64_C(1);
        break;
    case 0x342: /* mcause */
        cpu->mcause = v;
        break;
    case 0x343: /* mtval */
        cpu->mtval = v;
        break;
    case 0x344: { /* mip: M-mode may set or clear the S-level bits */
        uint64_t seip = UINT64_C(1) << RV_IRQ_SEI;

        /* SEIP reads as software bit OR the PLIC's line (§3.1.9) */
        cpu->seip_sw = (v & seip) != 0;
        cpu->mip = (cpu->mip & ~(uint64_t)MIP_S_LEVEL) | (v & MIP_S_LEVEL);
        cpu->mip = (cpu->mip & ~seip) |
                   (cpu->seip_sw || cpu->seip_line ? seip : 0);
        break;
    }
    case 0x3a0: /* pmpcfg0..3 */
    case 0x3a1:
    case 0x3a2:
    case 0x3a3:
        pmpcfg_write(cpu, csrno, v);
        rv_pmp_changed(cpu);
        break;
    default:
        if (csrno >= 0x3b0 && csrno < 0x3b0 + RV_PMP_ENTRIES) {
            pmpaddr_write(cpu, csrno - 0x3b0, v);
            rv_pmp_changed(cpu);
        } else {
            hpm_write(cpu, csrno, v);
        }
        /* misa is read-only here (WARL) */
        break;
    }
}

static bool csr_exists(const RvCpu *cpu, unsigned csrno)
{
    const CsrInfo *info;

    csr_table_init();
    if (csrno >= CSR_COUNT) {
        return false;
    }
    info = &csr_table[csrno];
    return info->name && (!info->only_xlen || info->only_xlen == cpu->xlen);
}

bool rv_csr_peek(RvCpu *cpu, unsigned csrno, uint64_t *v)
{
    if (!csr_exists(cpu, csrno)) {
        return false;
    }
    *v = csr_read(cpu, csrno) & xlen_mask(cpu);
    return true;
}

bool rv_csr_poke(RvCpu *cpu, unsigned csrno, uint64_t v)
{
    if (!csr_exists(cpu, csrno) || (csrno >> 10) == 3) {
        return false;
    }
    csr_write(cpu, csrno, v & xlen_mask(cpu));
    return true;
}

bool rv_csr_access(RvCpu *cpu, unsigned csrno, bool do_read, bool do_write,
                   uint64_t write_mask, uint64_t write_set, uint64_t *old)
{
    uint64_t v;

    (void)do_read; /* no CSR here has read side effects */
    if (!csr_exists(cpu, csrno)) {
        return false;
    }
    /* bits 9:8 give the lowest privilege, 11:10 == 3 means read-only */
    if (cpu->priv < ((csrno >> 8) & 3)) {
        return false;
    }
    if (do_write && (csrno >> 10) == 3) {
        return false;
    }
    if ((csrno & 0xf60) == 0xc00 && !counter_accessible(cpu, csrno)) {
        return false;
    }
    /* the FP CSRs are illegal while the FPU is Off (priv spec §3.1.6.6) */
    if (csrno <= 0x003 && !(cpu->mstatus & MSTATUS_FS)) {
        return false;
    }
    if (csrno == 0x180 && cpu->priv == RV_PRIV_S &&
        (cpu->mstatus & MSTATUS_TVM)) {
        return false;
    }
    v = csr_read(cpu, csrno) & xlen_mask(cpu);
    *old = v;
    if (csrno == 0x344) {
        /* only the software-written SEIP takes part in a write (§3.1.9) */
        uint64_t seip = UINT64_C(1) << RV_IRQ_SEI;

        v = (v & ~seip) | (cpu->seip_sw ? seip : 0);
    }
    if (do_write) {
        csr_write(cpu, csrno, ((v & ~write_mask) | write_set) &
                                  xlen_mask(cpu));
    }
    return true;
}
