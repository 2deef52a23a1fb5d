/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Trap entry and return: exceptions, interrupts (selection and priority),
 * delegation, direct/vectored tvec, mret/sret (privileged spec §3.1.6,
 * §3.1.7, §3.1.9, §3.3.2, §4.1.1), and the -d int record of each trap.
 */
#include <inttypes.h>

#include "cpu.h"
#include "log.h"
#include "mmu.h"
#include "plugin.h"
#include "regs.h"
#include "semihost.h"

const char *rv_cause_name(bool is_interrupt, uint64_t cause)
{
    static const char *const exceptions[16] = {
        "instruction address misaligned",
        "instruction access fault",
        "illegal instruction",
        "breakpoint",
        "load address misaligned",
        "load access fault",
        "store/AMO address misaligned",
        "store/AMO access fault",
        "environment call from U-mode",
        "environment call from S-mode",
        NULL,
        "environment call from M-mode",
        "instruction page fault",
        "load page fault",
        NULL,
        "store/AMO page fault",
    };
    static const char *const interrupts[12] = {
        NULL, "supervisor software interrupt",
        NULL, "machine software interrupt",
        NULL, "supervisor timer interrupt",
        NULL, "machine timer interrupt",
        NULL, "supervisor external interrupt",
        NULL, "machine external interrupt",
    };
    const char *name = NULL;

    if (is_interrupt && cause < 12) {
        name = interrupts[cause];
    } else if (!is_interrupt && cause < 16) {
        name = exceptions[cause];
    }
    return name ? name : "reserved";
}

static char priv_letter(unsigned priv)
{
    return "US?M"[priv & 3];
}

static void log_trap(const RvCpu *cpu, const char *type, uint64_t cause,
                     bool is_interrupt, uint64_t from, uint64_t tval,
                     unsigned old_priv)
{
    int w = cpu->xlen == 32 ? 8 : 16;

    log_printf("int: hart=%u %s cause=%" PRIu64 " from=0x%0*" PRIx64
               " to=0x%0*" PRIx64 " tval=0x%0*" PRIx64 " priv=%c->%c (%s)\n",
               cpu->hartid, type, cause, w, from, w, cpu->pc, w, tval,
               priv_letter(old_priv), priv_letter(cpu->priv),
               rv_cause_name(is_interrupt, cause));
}

/*
 * Enter the trap handler for `cause` taken at cpu->pc, in S-mode if the
 * trap is delegated and we are not in M-mode, else in M-mode.
 */
static void enter_trap(RvCpu *cpu, bool is_interrupt, uint64_t cause,
                       uint64_t tval)
{
    uint64_t from = cpu->pc;
    unsigned old_priv = cpu->priv;
    uint64_t deleg = is_interrupt ? cpu->mideleg : cpu->medeleg;
    uint64_t cause_reg = cause;
    uint64_t tvec;

    if (is_interrupt) {
        cause_reg |= RV_CAUSE_INTERRUPT_BIT(cpu->xlen);
    }
    cpu->wfi = false;
    cpu->lr_valid = false;
    if (cpu->priv <= RV_PRIV_S && ((deleg >> cause) & 1)) {
        uint64_t st = cpu->mstatus;

        cpu->scause = cause_reg;
        cpu->sepc = from;
        cpu->stval = tval;
        st = (st & ~MSTATUS_SPIE) | ((st & MSTATUS_SIE) ? MSTATUS_SPIE : 0);
        st = (st & ~MSTATUS_SPP) | (cpu->priv ? MSTATUS_SPP : 0);
        st &= ~MSTATUS_SIE;
        cpu->mstatus = st;
        cpu->priv = RV_PRIV_S;
        tvec = cpu->stvec;
    } else {
        uint64_t st = cpu->mstatus;

        cpu->mcause = cause_reg;
        cpu->mepc = from;
        cpu->mtval = tval;
        st = (st & ~MSTATUS_MPIE) | ((st & MSTATUS_MIE) ? MSTATUS_MPIE : 0);
        st = (st & ~MSTATUS_MPP) |
             ((uint64_t)cpu->priv << MSTATUS_MPP_SHIFT);
        st &= ~MSTATUS_MIE;
        cpu->mstatus = st;
        cpu->priv = RV_PRIV_M;
        tvec = cpu->mtvec;
    }
    /* Vectored mode sends interrupts to base + 4 * cause (§3.1.7). */
    cpu->pc = tvec & ~UINT64_C(3);
    if (is_interrupt && (tvec & 3) == 1) {
        cpu->pc += 4 * cause;
    }
    if (cpu->xlen == 32) {
        cpu->pc &= UINT64_C(0xffffffff);
    }
    if (log_enabled(LOG_INT)) {
        log_trap(cpu, is_interrupt ? "interrupt" : "exception", cause,
                 is_interrupt, from, tval, old_priv);
    }
    if (plugin_discon_mask) {
        unsigned type = is_interrupt ? PLUGIN_DISCON_INTERRUPT
                                     : PLUGIN_DISCON_EXCEPTION;

        if (plugin_discon_mask & type) {
            plugin_discon(cpu->hartid, type, from, cpu->pc);
        }
    }
}

void rv_raise_exception(RvCpu *cpu, uint64_t cause, uint64_t tval)
{
    enter_trap(cpu, false, cause, tval);
}

/* Interrupt priority, highest first (privileged spec §3.1.9). */
static const unsigned irq_priority[] = {
    RV_IRQ_MEI, RV_IRQ_MSI, RV_IRQ_MTI, RV_IRQ_SEI, RV_IRQ_SSI, RV_IRQ_STI,
};

/* The interrupts that would be taken now (§3.1.9 enable rules). */
static uint64_t deliverable(const RvCpu *cpu)
{
    uint64_t pending = cpu->mip & cpu->mie;
    uint64_t m_enabled, s_enabled;

    if (!pending) {
        return 0;
    }
    /* M-level: not delegated; enabled below M, or in M with MIE set. */
    m_enabled = pending & ~cpu->mideleg;
    if (cpu->priv == RV_PRIV_M && !(cpu->mstatus & MSTATUS_MIE)) {
        m_enabled = 0;
    }
    /* S-level: delegated; enabled in U, or in S with SIE; never in M. */
    s_enabled = pending & cpu->mideleg;
    if (cpu->priv == RV_PRIV_M ||
        (cpu->priv == RV_PRIV_S && !(cpu->mstatus & MSTATUS_SIE))) {
        s_enabled = 0;
    }
    return m_enabled ? m_enabled : s_enabled;
}

bool rv_interrupt_deliverable(const RvCpu *cpu)
{
    return deliverable(cpu) != 0;
}

bool rv_take_pending_interrupt(RvCpu *cpu)
{
    uint64_t take = deliverable(cpu);

    if (!take) {
        return false;
    }
    for (unsigned i = 0; i < sizeof(irq_priority) / sizeof(irq_priority[0]);
         i++) {
        if (take & (UINT64_C(1) << irq_priority[i])) {
            enter_trap(cpu, true, irq_priority[i], 0);
            return true;
        }
    }
    return false;
}

void rv_mret(RvCpu *cpu)
{
    uint64_t st = cpu->mstatus;
    unsigned mpp = (unsigned)((st & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);

    st = (st & ~MSTATUS_MIE) | ((st & MSTATUS_MPIE) ? MSTATUS_MIE : 0);
    st |= MSTATUS_MPIE;
    st &= ~MSTATUS_MPP; /* MPP = U, the least-privileged mode */
    if (mpp != RV_PRIV_M) {
        st &= ~MSTATUS_MPRV;
    }
    cpu->mstatus = st;
    cpu->priv = mpp;
    cpu->pc = cpu->mepc;
    cpu->lr_valid = false;
}

void rv_sret(RvCpu *cpu)
{
    uint64_t st = cpu->mstatus;
    unsigned spp = (st & MSTATUS_SPP) ? RV_PRIV_S : RV_PRIV_U;

    st = (st & ~MSTATUS_SIE) | ((st & MSTATUS_SPIE) ? MSTATUS_SIE : 0);
    st |= MSTATUS_SPIE;
    st &= ~MSTATUS_SPP;
    st &= ~MSTATUS_MPRV; /* SPP is never M */
    cpu->mstatus = st;
    cpu->priv = spp;
    cpu->pc = cpu->sepc;
    cpu->lr_valid = false;
}

/* ---- semihosting (RISC-V Semihosting spec, "Semihosting trap") ---- */

#define SEMIHOST_PRE 0x01f01013u  /* slli x0, x0, 0x1f */
#define SEMIHOST_EBREAK 0x00100073u
#define SEMIHOST_POST 0x40705013u /* srai x0, x0, 7 */

/* Semihosting's view of guest memory: virtual addresses, as the hart's. */
static bool guest_read(void *opaque, uint64_t vaddr, void *buf, size_t len)
{
    return rv_read_virt(opaque, vaddr, buf, len);
}

static bool guest_write(void *opaque, uint64_t vaddr, const void *buf,
                        size_t len)
{
    return rv_write_virt(opaque, vaddr, buf, len);
}

static bool insn_word_at(RvCpu *cpu, uint64_t addr, uint32_t *insn)
{
    uint8_t b[4];

    if (!rv_read_virt(cpu, addr, b, sizeof(b))) {
        return false;
    }
    *insn = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
            (uint32_t)b[3] << 24;
    return true;
}

bool rv_semihosting_call(RvCpu *cpu, uint64_t pc)
{
    SemihostGuest g = { cpu, cpu->xlen / 8, cpu->xlen == 64, guest_read,
                        guest_write };
    uint64_t mask = cpu->xlen == 32 ? UINT64_C(0xffffffff) : UINT64_MAX;
    uint32_t pre, ebreak, post;
    uint64_t op, ret;
    bool exited;

    /*
     * Only from S or M (a U-mode sequence is an ordinary breakpoint, as
     * in QEMU), and only with all three instructions in one page.
     */
    if (!cpu->machine->cfg.semihosting || cpu->priv == RV_PRIV_U ||
        ((pc - 4) & RV_PAGE_MASK) != ((pc + 4) & RV_PAGE_MASK) ||
        !insn_word_at(cpu, pc - 4, &pre) || !insn_word_at(cpu, pc, &ebreak) ||
        !insn_word_at(cpu, pc + 4, &post) || pre != SEMIHOST_PRE ||
        SEMIHOST_EBREAK != ebreak || post != SEMIHOST_POST) {
        return false;
    }
    op = cpu->x[10] & mask;
    ret = semihost_call(cpu->machine, &g, op, cpu->x[11] & mask, &exited);
    if (exited) {
        cpu->stop_icount = 0;
        return true; /* QEMU exits inside the call: no event follows */
    }
    cpu->x[10] = ret & mask;
    cpu->pc = (pc + 4) & mask; /* the srai, which runs as a no-op */
    if (log_enabled(LOG_INT)) {
        int w = cpu->xlen == 32 ? 8 : 16;

        log_printf("int: hart=%u hostcall cause=%" PRIu64 " from=0x%0*" PRIx64
                   " to=0x%0*" PRIx64 " tval=0x%0*" PRIx64
                   " priv=%c->%c (semihosting %s)\n",
                   cpu->hartid, op, w, pc, w, cpu->pc, w, (uint64_t)0,
                   priv_letter(cpu->priv), priv_letter(cpu->priv),
                   semihost_op_name(op));
    }
    if (plugin_discon_mask & PLUGIN_DISCON_HOSTCALL) {
        plugin_discon(cpu->hartid, PLUGIN_DISCON_HOSTCALL, pc, cpu->pc);
    }
    return true;
}
