/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for trap entry and return (trap.c) against the privileged
 * spec: delegation (§3.1.8), xstatus stacking (§3.1.6.1), direct and
 * vectored tvec (§3.1.7), interrupt enables and priority (§3.1.9),
 * mret/sret (§3.3.2).
 */
#include <stdlib.h>

#include "bus.h"
#include "cpu.h"
#include "machine.h"
#include "test.h"
#include "vclock.h"

typedef struct Hart {
    Machine m;
    RvCpu *cpu;
} Hart;

static Hart *hart_new(unsigned xlen)
{
    Hart *h = calloc(1, sizeof(*h));

    bus_init(&h->m.bus);
    bus_add_ram(&h->m.bus, "ram", 0x80000000, 1 << 20);
    h->cpu = rv_cpu_new(&h->m, xlen, 0, 0x80000000);
    h->m.cpus[0] = h->cpu;
    h->m.n_cpus = 1;
    vclock_init(&h->m.clock, &h->cpu->icount, 0);
    rv_cpu_map_memory(h->cpu);
    h->cpu->mtvec = 0x80000100;
    h->cpu->stvec = 0x80000200;
    h->cpu->pc = 0x80001000;
    return h;
}

static void hart_free(Hart *h)
{
    rv_cpu_free(h->cpu);
    bus_free(&h->m.bus);
    free(h);
}

#define BIT(n) (UINT64_C(1) << (n))
#define MPP(p) ((uint64_t)(p) << MSTATUS_MPP_SHIFT)

static const unsigned xlens[2] = { 32, 64 };

static void test_exception_to_m(void)
{
    static const unsigned privs[3] = { RV_PRIV_U, RV_PRIV_S, RV_PRIV_M };

    for (unsigned i = 0; i < 2; i++) {
        for (unsigned p = 0; p < 3; p++) {
            Hart *h = hart_new(xlens[i]);
            RvCpu *cpu = h->cpu;

            cpu->priv = privs[p];
            cpu->mstatus |= MSTATUS_MIE | MSTATUS_SIE;
            rv_raise_exception(cpu, RV_CAUSE_LOAD_ACCESS, 0x1234);
            CHECK_EQ_HEX(cpu->priv, RV_PRIV_M);
            CHECK_EQ_HEX(cpu->pc, 0x80000100);
            CHECK_EQ_HEX(cpu->mcause, RV_CAUSE_LOAD_ACCESS);
            CHECK_EQ_HEX(cpu->mepc, 0x80001000);
            CHECK_EQ_HEX(cpu->mtval, 0x1234);
            CHECK_EQ_HEX(cpu->mstatus & MSTATUS_MPP, MPP(privs[p]));
            CHECK_EQ_HEX(cpu->mstatus & MSTATUS_MPIE, MSTATUS_MPIE);
            CHECK_EQ_HEX(cpu->mstatus & MSTATUS_MIE, 0);
            /* S-level state is untouched */
            CHECK_EQ_HEX(cpu->mstatus & MSTATUS_SIE, MSTATUS_SIE);
            CHECK_EQ_HEX(cpu->scause, 0);
            CHECK_EQ_HEX(cpu->sepc, 0);
            hart_free(h);
        }
    }
}

static void test_exception_delegated(void)
{
    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;

        /* from U: to S, SPP = U, SPIE = SIE, SIE = 0, MIE untouched */
        cpu->medeleg = BIT(RV_CAUSE_ILLEGAL_INSN) | BIT(RV_CAUSE_ECALL_U);
        cpu->priv = RV_PRIV_U;
        cpu->mstatus |= MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPP;
        rv_raise_exception(cpu, RV_CAUSE_ILLEGAL_INSN, 0x0000dead);
        CHECK_EQ_HEX(cpu->priv, RV_PRIV_S);
        CHECK_EQ_HEX(cpu->pc, 0x80000200);
        CHECK_EQ_HEX(cpu->scause, RV_CAUSE_ILLEGAL_INSN);
        CHECK_EQ_HEX(cpu->sepc, 0x80001000);
        CHECK_EQ_HEX(cpu->stval, 0xdead);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_SPP, 0);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_SPIE, MSTATUS_SPIE);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_SIE, 0);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_MIE, MSTATUS_MIE);
        CHECK_EQ_HEX(cpu->mcause, 0);
        CHECK_EQ_HEX(cpu->mepc, 0);

        /* from S: to S, SPP = S, SPIE = 0 when SIE was 0 */
        cpu->pc = 0x80002000;
        rv_raise_exception(cpu, RV_CAUSE_ILLEGAL_INSN, 0);
        CHECK_EQ_HEX(cpu->priv, RV_PRIV_S);
        CHECK_EQ_HEX(cpu->sepc, 0x80002000);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_SPP, MSTATUS_SPP);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_SPIE, 0);

        /* not delegated: to M even from U */
        cpu->priv = RV_PRIV_U;
        rv_raise_exception(cpu, RV_CAUSE_BREAKPOINT, 0);
        CHECK_EQ_HEX(cpu->priv, RV_PRIV_M);
        CHECK_EQ_HEX(cpu->mcause, RV_CAUSE_BREAKPOINT);

        /* delegated, but raised in M: stays in M (§3.1.8) */
        cpu->priv = RV_PRIV_M;
        cpu->scause = 0;
        rv_raise_exception(cpu, RV_CAUSE_ILLEGAL_INSN, 0);
        CHECK_EQ_HEX(cpu->priv, RV_PRIV_M);
        CHECK_EQ_HEX(cpu->mcause, RV_CAUSE_ILLEGAL_INSN);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_MPP, MPP(RV_PRIV_M));
        CHECK_EQ_HEX(cpu->scause, 0);
        hart_free(h);
    }
}

static void test_tvec_modes(void)
{
    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;
        uint64_t irq = RV_CAUSE_INTERRUPT_BIT(xlens[i]);

        cpu->mtvec = 0x80000101; /* vectored */
        cpu->stvec = 0x80000201;
        rv_raise_exception(cpu, RV_CAUSE_ILLEGAL_INSN, 0);
        CHECK_EQ_HEX(cpu->pc, 0x80000100);   /* exceptions: base */

        cpu->priv = RV_PRIV_U;
        cpu->mie = cpu->mip = BIT(RV_IRQ_MTI);
        CHECK(rv_take_pending_interrupt(cpu));
        CHECK_EQ_HEX(cpu->pc, 0x80000100 + 4 * RV_IRQ_MTI);
        CHECK_EQ_HEX(cpu->mcause, irq | RV_IRQ_MTI);
        CHECK_EQ_HEX(cpu->mtval, 0);

        cpu->priv = RV_PRIV_U;
        cpu->mideleg = BIT(RV_IRQ_STI);
        cpu->mie = cpu->mip = BIT(RV_IRQ_STI);
        CHECK(rv_take_pending_interrupt(cpu));
        CHECK_EQ_HEX(cpu->priv, RV_PRIV_S);
        CHECK_EQ_HEX(cpu->pc, 0x80000200 + 4 * RV_IRQ_STI);
        CHECK_EQ_HEX(cpu->scause, irq | RV_IRQ_STI);

        /* direct mode: interrupts go to the base too */
        cpu->mtvec = 0x80000100;
        cpu->priv = RV_PRIV_U;
        cpu->mideleg = 0;
        cpu->mie = cpu->mip = BIT(RV_IRQ_MEI);
        CHECK(rv_take_pending_interrupt(cpu));
        CHECK_EQ_HEX(cpu->pc, 0x80000100);
        CHECK_EQ_HEX(cpu->mcause, irq | RV_IRQ_MEI);
        hart_free(h);
    }
}

static void test_interrupt_priority(void)
{
    static const unsigned order[6] = { RV_IRQ_MEI, RV_IRQ_MSI, RV_IRQ_MTI,
                                       RV_IRQ_SEI, RV_IRQ_SSI, RV_IRQ_STI };

    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;
        uint64_t pending = 0;

        for (unsigned k = 0; k < 6; k++) {
            pending |= BIT(order[k]);
        }
        cpu->mie = pending;
        for (unsigned k = 0; k < 6; k++) {
            cpu->priv = RV_PRIV_U;
            cpu->mip = pending;
            CHECK(rv_take_pending_interrupt(cpu));
            CHECK_EQ_HEX(cpu->mcause & 0xff, order[k]);
            pending &= ~BIT(order[k]);
        }
        cpu->priv = RV_PRIV_U;
        cpu->mip = 0;
        CHECK(!rv_take_pending_interrupt(cpu));
        hart_free(h);
    }
}

/* M-destined interrupts come before S-destined ones, whatever the cause */
static void test_priority_by_destination(void)
{
    Hart *h = hart_new(64);
    RvCpu *cpu = h->cpu;

    cpu->priv = RV_PRIV_U;
    cpu->mideleg = BIT(RV_IRQ_SEI);
    cpu->mie = cpu->mip = BIT(RV_IRQ_SEI) | BIT(RV_IRQ_STI);
    CHECK(rv_take_pending_interrupt(cpu));
    CHECK_EQ_HEX(cpu->priv, RV_PRIV_M);
    CHECK_EQ_HEX(cpu->mcause & 0xff, RV_IRQ_STI);
    hart_free(h);
}

static void test_global_enables(void)
{
    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;

        /* M-level: below M always taken; in M only with MIE */
        cpu->mie = cpu->mip = BIT(RV_IRQ_MTI);
        cpu->mstatus = 0;
        cpu->priv = RV_PRIV_U;
        CHECK(rv_take_pending_interrupt(cpu));
        CHECK_EQ_HEX(cpu->priv, RV_PRIV_M);
        cpu->mstatus = 0;
        cpu->priv = RV_PRIV_S;
        CHECK(rv_take_pending_interrupt(cpu));
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_MPP, MPP(RV_PRIV_S));
        cpu->mstatus = 0;
        cpu->priv = RV_PRIV_M;
        CHECK(!rv_take_pending_interrupt(cpu));
        cpu->mstatus = MSTATUS_MIE;
        CHECK(rv_take_pending_interrupt(cpu));
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_MIE, 0);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_MPIE, MSTATUS_MPIE);

        /* not enabled in mie: never */
        cpu->mie = 0;
        cpu->priv = RV_PRIV_U;
        CHECK(!rv_take_pending_interrupt(cpu));

        /* S-level, delegated: never in M; in U always; in S with SIE */
        cpu->mideleg = BIT(RV_IRQ_SSI);
        cpu->mie = cpu->mip = BIT(RV_IRQ_SSI);
        cpu->priv = RV_PRIV_M;
        cpu->mstatus = MSTATUS_MIE | MSTATUS_SIE;
        CHECK(!rv_take_pending_interrupt(cpu));
        cpu->priv = RV_PRIV_U;
        cpu->mstatus = 0;
        CHECK(rv_take_pending_interrupt(cpu));
        CHECK_EQ_HEX(cpu->priv, RV_PRIV_S);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_SPP, 0);
        cpu->mstatus = 0;
        cpu->priv = RV_PRIV_S;
        CHECK(!rv_take_pending_interrupt(cpu));
        cpu->mstatus = MSTATUS_SIE;
        CHECK(rv_take_pending_interrupt(cpu));
        CHECK_EQ_HEX(cpu->priv, RV_PRIV_S);
        CHECK_EQ_HEX(cpu->mstatus & (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP),
                     MSTATUS_SPIE | MSTATUS_SPP);

        /* S-level, not delegated: an M-mode trap with M's rules */
        cpu->mideleg = 0;
        cpu->priv = RV_PRIV_S;
        cpu->mstatus = 0;
        CHECK(rv_take_pending_interrupt(cpu));
        CHECK_EQ_HEX(cpu->priv, RV_PRIV_M);
        cpu->mstatus = 0;
        CHECK(!rv_take_pending_interrupt(cpu));

        /* an interrupt wakes wfi and records the interrupted pc */
        cpu->pc = 0x80003000;
        cpu->priv = RV_PRIV_U;
        cpu->wfi = true;
        CHECK(rv_take_pending_interrupt(cpu));
        CHECK(!cpu->wfi);
        CHECK_EQ_HEX(cpu->mepc, 0x80003000);
        hart_free(h);
    }
}

static void test_mret(void)
{
    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;

        cpu->mepc = 0x80004000;
        cpu->mstatus = MPP(RV_PRIV_S) | MSTATUS_MPIE | MSTATUS_MPRV;
        rv_mret(cpu);
        CHECK_EQ_HEX(cpu->priv, RV_PRIV_S);
        CHECK_EQ_HEX(cpu->pc, 0x80004000);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_MPP, 0);     /* MPP = U */
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_MIE, MSTATUS_MIE);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_MPIE, MSTATUS_MPIE);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_MPRV, 0);

        cpu->priv = RV_PRIV_M;
        cpu->mstatus = MPP(RV_PRIV_M) | MSTATUS_MIE | MSTATUS_MPRV;
        rv_mret(cpu);
        CHECK_EQ_HEX(cpu->priv, RV_PRIV_M);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_MIE, 0);     /* MPIE was 0 */
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_MPRV, MSTATUS_MPRV);

        cpu->mstatus = MPP(RV_PRIV_U) | MSTATUS_MPRV;
        rv_mret(cpu);
        CHECK_EQ_HEX(cpu->priv, RV_PRIV_U);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_MPRV, 0);
        hart_free(h);
    }
}

static void test_sret(void)
{
    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;

        cpu->priv = RV_PRIV_S;
        cpu->sepc = 0x80005000;
        cpu->mstatus = MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_MPRV |
                       MSTATUS_MIE;
        rv_sret(cpu);
        CHECK_EQ_HEX(cpu->priv, RV_PRIV_S);
        CHECK_EQ_HEX(cpu->pc, 0x80005000);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_SPP, 0);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_SIE, MSTATUS_SIE);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_SPIE, MSTATUS_SPIE);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_MPRV, 0);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_MIE, MSTATUS_MIE);

        cpu->mstatus = MSTATUS_SIE;
        rv_sret(cpu);
        CHECK_EQ_HEX(cpu->priv, RV_PRIV_U);
        CHECK_EQ_HEX(cpu->mstatus & MSTATUS_SIE, 0);
        hart_free(h);
    }
}

TEST_MAIN({ "exceptions to M from U/S/M", test_exception_to_m },
          { "medeleg: to S from U/S, never from M", test_exception_delegated },
          { "direct and vectored tvec", test_tvec_modes },
          { "priority MEI>MSI>MTI>SEI>SSI>STI", test_interrupt_priority },
          { "M-destined before S-destined", test_priority_by_destination },
          { "global interrupt enables by privilege", test_global_enables },
          { "mret", test_mret },
          { "sret", test_sret })
