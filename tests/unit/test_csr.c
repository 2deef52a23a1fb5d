/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for the RISC-V CSR rules (csr.c, csr.def) against the
 * privileged spec: access by privilege and number, XLEN-specific CSRs,
 * counters, WARL fields of mstatus/mtvec/satp/PMP, the interrupt-enable
 * and pending views, delegation masks.
 */
#include <stdlib.h>

#include "bus.h"
#include "cpu.h"
#include "machine.h"
#include "test.h"
#include "vclock.h"

enum {
    CSR_SSTATUS = 0x100, CSR_SIE = 0x104, CSR_STVEC = 0x105,
    CSR_SCOUNTEREN = 0x106, CSR_SSCRATCH = 0x140, CSR_SEPC = 0x141,
    CSR_SIP = 0x144, CSR_SATP = 0x180,
    CSR_MSTATUS = 0x300, CSR_MISA = 0x301, CSR_MEDELEG = 0x302,
    CSR_MIDELEG = 0x303, CSR_MIE = 0x304, CSR_MTVEC = 0x305,
    CSR_MCOUNTEREN = 0x306, CSR_MSTATUSH = 0x310, CSR_MCOUNTINHIBIT = 0x320,
    CSR_MSCRATCH = 0x340, CSR_MEPC = 0x341, CSR_MIP = 0x344,
    CSR_PMPCFG0 = 0x3a0, CSR_PMPCFG1 = 0x3a1, CSR_PMPCFG2 = 0x3a2,
    CSR_PMPCFG3 = 0x3a3, CSR_PMPADDR0 = 0x3b0,
    CSR_MCYCLE = 0xb00, CSR_MINSTRET = 0xb02, CSR_MHPMCOUNTER3 = 0xb03,
    CSR_MCYCLEH = 0xb80, CSR_MINSTRETH = 0xb82, CSR_MHPMCOUNTER3H = 0xb83,
    CSR_MHPMEVENT3 = 0x323,
    CSR_CYCLE = 0xc00, CSR_TIME = 0xc01, CSR_INSTRET = 0xc02,
    CSR_HPMCOUNTER3 = 0xc03, CSR_HPMCOUNTER31 = 0xc1f,
    CSR_CYCLEH = 0xc80, CSR_TIMEH = 0xc81, CSR_INSTRETH = 0xc82,
    CSR_HPMCOUNTER3H = 0xc83,
    CSR_MVENDORID = 0xf11, CSR_MHARTID = 0xf14,
};

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
    return h;
}

static void hart_free(Hart *h)
{
    rv_cpu_free(h->cpu);
    bus_free(&h->m.bus);
    free(h);
}

/* csrrs rd, csr, x0: a read that writes nothing; false if illegal */
static bool rd(RvCpu *cpu, unsigned csr, uint64_t *v)
{
    *v = 0xdeadbeef;
    return rv_csr_access(cpu, csr, true, false, 0, 0, v);
}

/* the value read, or a marker if the read is illegal */
#define ILLEGAL_READ UINT64_C(0x1111111111111111)
static uint64_t rdv(RvCpu *cpu, unsigned csr)
{
    uint64_t v;

    return rd(cpu, csr, &v) ? v : ILLEGAL_READ;
}

/* csrrw x0, csr, v */
static bool wr(RvCpu *cpu, unsigned csr, uint64_t v)
{
    uint64_t old;

    return rv_csr_access(cpu, csr, false, true, ~UINT64_C(0), v, &old);
}

/* csrrs/csrrc with a non-zero register */
static bool set_bits(RvCpu *cpu, unsigned csr, uint64_t v)
{
    uint64_t old;

    return rv_csr_access(cpu, csr, true, true, v, v, &old);
}

static bool clear_bits(RvCpu *cpu, unsigned csr, uint64_t v)
{
    uint64_t old;

    return rv_csr_access(cpu, csr, true, true, v, 0, &old);
}

static const unsigned xlens[2] = { 32, 64 };

/* ---- access rules (priv §2.1) ------------------------------------------ */

static void test_privilege_from_number(void)
{
    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;
        uint64_t v;

        cpu->priv = RV_PRIV_U;
        CHECK(!rd(cpu, CSR_SSTATUS, &v));   /* S CSR from U */
        CHECK(!rd(cpu, CSR_SSCRATCH, &v));
        CHECK(!rd(cpu, CSR_SATP, &v));
        CHECK(!rd(cpu, CSR_MSTATUS, &v));
        CHECK(!rd(cpu, CSR_MHARTID, &v));
        CHECK(!wr(cpu, CSR_SSCRATCH, 1));
        cpu->priv = RV_PRIV_S;
        CHECK(rd(cpu, CSR_SSTATUS, &v));
        CHECK(wr(cpu, CSR_SSCRATCH, 5));
        CHECK_EQ_HEX(rdv(cpu, CSR_SSCRATCH), 5);
        CHECK(!rd(cpu, CSR_MSTATUS, &v));    /* M CSR from S */
        CHECK(!rd(cpu, CSR_MSCRATCH, &v));
        CHECK(!wr(cpu, CSR_MSCRATCH, 1));
        CHECK(!rd(cpu, CSR_MCOUNTEREN, &v));
        CHECK(!rd(cpu, CSR_MHARTID, &v));
        CHECK(!rd(cpu, CSR_MISA, &v));
        CHECK(!rd(cpu, CSR_PMPADDR0, &v));
        CHECK(rd(cpu, CSR_SCOUNTEREN, &v));
        cpu->priv = RV_PRIV_M;
        CHECK(rd(cpu, CSR_SSCRATCH, &v));    /* higher privilege may */
        CHECK_EQ_HEX(v, 5);
        CHECK(wr(cpu, CSR_MSCRATCH, 7));
        CHECK_EQ_HEX(rdv(cpu, CSR_MSCRATCH), 7);
        hart_free(h);
    }
}

static void test_read_only_numbers(void)
{
    static const unsigned ro[] = { CSR_MVENDORID, 0xf12, 0xf13, CSR_MHARTID,
                                   0xf15, CSR_CYCLE, CSR_TIME, CSR_INSTRET,
                                   CSR_HPMCOUNTER3, CSR_HPMCOUNTER31 };

    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;
        uint64_t v;

        for (unsigned k = 0; k < sizeof(ro) / sizeof(ro[0]); k++) {
            CHECK(rd(cpu, ro[k], &v));            /* csrrs rd, csr, x0 */
            CHECK(!wr(cpu, ro[k], 0));            /* csrrw */
            CHECK(!set_bits(cpu, ro[k], 0));      /* csrrs rs1 != x0 */
            CHECK(!clear_bits(cpu, ro[k], 0));
        }
        CHECK(rv_csr_access(cpu, CSR_MHARTID, false, false, 0, 0, &v));
        hart_free(h);
    }
}

static void test_unknown_csrs(void)
{
    static const unsigned unknown[] = { 0x7c0, 0x5c0, 0x3c0, 0x3ef, 0x3a4,
                                        0x3af, 0x800, 0x000, 0x001, 0xfff,
                                        0x107, 0x5a8 };

    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;
        uint64_t v;

        for (unsigned k = 0; k < sizeof(unknown) / sizeof(unknown[0]); k++) {
            CHECK(!rd(cpu, unknown[k], &v));
            CHECK(!wr(cpu, unknown[k], 0));
        }
        CHECK(!rd(cpu, 4096, &v));
        hart_free(h);
    }
}

static void test_rv32_only_csrs(void)
{
    static const unsigned only32[] = { CSR_CYCLEH, CSR_TIMEH, CSR_INSTRETH,
                                       CSR_HPMCOUNTER3H, CSR_MSTATUSH,
                                       CSR_PMPCFG1, CSR_PMPCFG3, CSR_MCYCLEH,
                                       CSR_MINSTRETH, 0xb83 };
    Hart *h64 = hart_new(64), *h32 = hart_new(32);
    uint64_t v;

    for (unsigned k = 0; k < sizeof(only32) / sizeof(only32[0]); k++) {
        CHECK(!rd(h64->cpu, only32[k], &v));
        CHECK(rd(h32->cpu, only32[k], &v));
    }
    CHECK_EQ_HEX(rdv(h32->cpu, CSR_MSTATUSH), 0); /* little-endian M/S */
    hart_free(h64);
    hart_free(h32);
}

/* ---- counters (priv §3.1.10-§3.1.13, §4.1.4) ---------------------------- */

static void test_counter_enables(void)
{
    static const unsigned ctr[] = { CSR_CYCLE, CSR_TIME, CSR_INSTRET,
                                    CSR_HPMCOUNTER3, CSR_HPMCOUNTER31 };

    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;
        uint64_t v;

        for (unsigned k = 0; k < sizeof(ctr) / sizeof(ctr[0]); k++) {
            uint32_t bit = 1u << (ctr[k] & 31);

            cpu->priv = RV_PRIV_M;
            wr(cpu, CSR_MCOUNTEREN, 0);
            wr(cpu, CSR_SCOUNTEREN, 0);
            cpu->priv = RV_PRIV_M;
            CHECK(rd(cpu, ctr[k], &v));   /* M ignores both enables */
            cpu->priv = RV_PRIV_S;
            CHECK(!rd(cpu, ctr[k], &v));
            cpu->priv = RV_PRIV_U;
            CHECK(!rd(cpu, ctr[k], &v));

            cpu->priv = RV_PRIV_M;
            wr(cpu, CSR_SCOUNTEREN, bit);
            cpu->priv = RV_PRIV_U;
            CHECK(!rd(cpu, ctr[k], &v)); /* mcounteren clear wins */
            cpu->priv = RV_PRIV_S;
            CHECK(!rd(cpu, ctr[k], &v));

            cpu->priv = RV_PRIV_M;
            wr(cpu, CSR_MCOUNTEREN, bit);
            wr(cpu, CSR_SCOUNTEREN, 0);
            cpu->priv = RV_PRIV_S;
            CHECK(rd(cpu, ctr[k], &v));
            cpu->priv = RV_PRIV_U;
            CHECK(!rd(cpu, ctr[k], &v));

            cpu->priv = RV_PRIV_M;
            wr(cpu, CSR_SCOUNTEREN, bit);
            cpu->priv = RV_PRIV_U;
            CHECK(rd(cpu, ctr[k], &v));
            /* another counter's bit does not help */
            cpu->priv = RV_PRIV_M;
            wr(cpu, CSR_MCOUNTEREN, ~bit);
            wr(cpu, CSR_SCOUNTEREN, ~bit);
            cpu->priv = RV_PRIV_U;
            CHECK(!rd(cpu, ctr[k], &v));
        }
        if (xlens[i] == 32) {
            cpu->priv = RV_PRIV_M;
            wr(cpu, CSR_MCOUNTEREN, 0);
            cpu->priv = RV_PRIV_S;
            CHECK(!rd(cpu, CSR_CYCLEH, &v));
            cpu->priv = RV_PRIV_M;
            wr(cpu, CSR_MCOUNTEREN, 1);
            cpu->priv = RV_PRIV_S;
            CHECK(rd(cpu, CSR_CYCLEH, &v));
        }
        hart_free(h);
    }
}

/*
 * No event is implemented, so the hpm counters never count; they and
 * their event selectors hold what is written (§3.1.10), as QEMU's do.
 */
static void test_hpm_counters_hold(void)
{
    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;

        cpu->icount = 1234;
        for (unsigned n = 3; n < 32; n++) {
            CHECK_EQ_HEX(rdv(cpu, CSR_HPMCOUNTER3 + n - 3), 0);
            CHECK(wr(cpu, CSR_MHPMCOUNTER3 + n - 3, 99 + n));
            cpu->icount += 100; /* does not count */
            CHECK_EQ_HEX(rdv(cpu, CSR_MHPMCOUNTER3 + n - 3), 99 + n);
            CHECK_EQ_HEX(rdv(cpu, CSR_HPMCOUNTER3 + n - 3), 99 + n);
            CHECK(wr(cpu, CSR_MHPMEVENT3 + n - 3, 5));
            CHECK_EQ_HEX(rdv(cpu, CSR_MHPMEVENT3 + n - 3), 5);
            if (xlens[i] == 32) {
                CHECK(wr(cpu, CSR_MHPMCOUNTER3H + n - 3, 7));
                CHECK_EQ_HEX(rdv(cpu, CSR_HPMCOUNTER3H + n - 3), 7);
                CHECK_EQ_HEX(rdv(cpu, CSR_MHPMCOUNTER3 + n - 3), 99 + n);
            }
        }
        hart_free(h);
    }
}

static uint64_t fake_time(void *opaque)
{
    return *(const uint64_t *)opaque;
}

static void test_time_csr(void)
{
    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;
        uint64_t now = UINT64_C(0x0000000712345678);

        cpu->read_time = fake_time;
        cpu->read_time_opaque = &now;
        CHECK_EQ_HEX(rdv(cpu, CSR_TIME),
                     32 == xlens[i] ? UINT64_C(0x12345678) : now);
        if (xlens[i] == 32) {
            CHECK_EQ_HEX(rdv(cpu, CSR_TIMEH), 7);
        }
        hart_free(h);
    }
}

/*
 * instret follows the retired-instruction count: a CSR instruction reads
 * the value before it retires, and "a value written to instret by one
 * instruction will be the value read by the following instruction"
 * (Zicsr, unprivileged spec); icount++ below is that writing instruction
 * retiring (the executor counts an instruction after its handler).
 * cycle follows virtual time in ns (here 1 ns per instruction), which an
 * instruction sees at the end of its own period, as under QEMU's -icount:
 * at icount 10 it reads 11.
 */
static void test_counter_reads_and_writes(void)
{
    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;
        uint64_t m = xlens[i] == 32 ? UINT64_C(0xffffffff) : UINT64_MAX;

        cpu->icount = 10;
        CHECK_EQ_HEX(rdv(cpu, CSR_CYCLE), 11);
        CHECK_EQ_HEX(rdv(cpu, CSR_INSTRET), 10);
        CHECK_EQ_HEX(rdv(cpu, CSR_MCYCLE), 11);
        CHECK_EQ_HEX(rdv(cpu, CSR_MINSTRET), 10);

        CHECK(wr(cpu, CSR_MINSTRET, 1000));
        cpu->icount++;
        CHECK_EQ_HEX(rdv(cpu, CSR_MINSTRET), 1000);
        CHECK_EQ_HEX(rdv(cpu, CSR_INSTRET), 1000);
        cpu->icount += 5;
        CHECK_EQ_HEX(rdv(cpu, CSR_INSTRET), 1005);
        CHECK_EQ_HEX(rdv(cpu, CSR_CYCLE), 17);  /* the other is untouched */

        CHECK(wr(cpu, CSR_MCYCLE, 0xfffffffe & m));
        cpu->icount++;
        CHECK_EQ_HEX(rdv(cpu, CSR_MCYCLE), 0xfffffffe & m);
        cpu->icount += 3;
        /* RV32: low half wraps into the high half */
        CHECK_EQ_HEX(rdv(cpu, CSR_MCYCLE), UINT64_C(0x100000001) & m);
        if (xlens[i] == 32) {
            CHECK_EQ_HEX(rdv(cpu, CSR_MCYCLEH), 1);
            CHECK_EQ_HEX(rdv(cpu, CSR_CYCLEH), 1);
            CHECK(wr(cpu, CSR_MINSTRETH, 0xabc));
            cpu->icount++;
            CHECK_EQ_HEX(rdv(cpu, CSR_MINSTRETH), 0xabc);
            CHECK_EQ_HEX(rdv(cpu, CSR_INSTRETH), 0xabc);
            /* writing the low half keeps the high half */
            CHECK(wr(cpu, CSR_MINSTRET, 7));
            cpu->icount++;
            CHECK_EQ_HEX(rdv(cpu, CSR_MINSTRET), 7);
            CHECK_EQ_HEX(rdv(cpu, CSR_MINSTRETH), 0xabc);
            /*
             * each half is a CSR of its own: writing the high half leaves
             * the low one counting (the writing instruction retires)
             */
            CHECK(wr(cpu, CSR_MINSTRET, 0x100));
            cpu->icount++;
            CHECK(wr(cpu, CSR_MINSTRETH, 0));
            cpu->icount++;
            CHECK_EQ_HEX(rdv(cpu, CSR_MINSTRET), 0x101);
            CHECK_EQ_HEX(rdv(cpu, CSR_MINSTRETH), 0);
        }
        hart_free(h);
    }
}

static void test_mcountinhibit(void)
{
    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;
        uint64_t frozen, frozen_cycle;

        cpu->icount = 100;
        CHECK(wr(cpu, CSR_MCOUNTINHIBIT, 7));
        /* TM (bit 1) is read-only zero: there is no time inhibit */
        CHECK_EQ_HEX(rdv(cpu, CSR_MCOUNTINHIBIT) & 7, 5);
        cpu->icount++;
        frozen = rdv(cpu, CSR_MINSTRET);
        CHECK(frozen == 100 || frozen == 101);
        frozen_cycle = rdv(cpu, CSR_MCYCLE); /* time seen at icount 100 */
        CHECK_EQ_HEX(frozen_cycle, 101);
        cpu->icount += 50;
        CHECK_EQ_HEX(rdv(cpu, CSR_MINSTRET), frozen);   /* frozen */
        CHECK_EQ_HEX(rdv(cpu, CSR_INSTRET), frozen);
        CHECK_EQ_HEX(rdv(cpu, CSR_CYCLE), frozen_cycle);
        /* a write while inhibited is kept */
        CHECK(wr(cpu, CSR_MINSTRET, 500));
        cpu->icount++;
        CHECK_EQ_HEX(rdv(cpu, CSR_MINSTRET), 500);
        cpu->icount += 7;
        CHECK_EQ_HEX(rdv(cpu, CSR_MINSTRET), 500);
        /* counting again from the frozen value */
        CHECK(wr(cpu, CSR_MCOUNTINHIBIT, 0));
        cpu->icount++;
        cpu->icount += 10;
        {
            uint64_t ir = rdv(cpu, CSR_MINSTRET);

            CHECK(ir >= 510 && ir <= 511);
        }
        hart_free(h);
    }
}

/* ---- mstatus / sstatus (priv §3.1.6, §4.1.1) ---------------------------- */

#define MPP_S (UINT64_C(1) << MSTATUS_MPP_SHIFT)
#define MPP_M (UINT64_C(3) << MSTATUS_MPP_SHIFT)

static void test_mstatus_warl(void)
{
    for (unsigned i = 0; i < 2; i++) {
        unsigned xlen = xlens[i];
        Hart *h = hart_new(xlen);
        RvCpu *cpu = h->cpu;
        uint64_t sd = xlen == 32 ? MSTATUS32_SD : MSTATUS64_SD;
        uint64_t v;

        /* MPP = 2 (reserved) is not a legal value: the old one stays */
        CHECK(wr(cpu, CSR_MSTATUS, MPP_S));
        CHECK_EQ_HEX(rdv(cpu, CSR_MSTATUS) & MSTATUS_MPP, MPP_S);
        CHECK(wr(cpu, CSR_MSTATUS, UINT64_C(2) << MSTATUS_MPP_SHIFT));
        CHECK_EQ_HEX(rdv(cpu, CSR_MSTATUS) & MSTATUS_MPP, MPP_S);
        CHECK(wr(cpu, CSR_MSTATUS, MPP_M));
        CHECK_EQ_HEX(rdv(cpu, CSR_MSTATUS) & MSTATUS_MPP, MPP_M);
        CHECK(wr(cpu, CSR_MSTATUS, 0));
        CHECK_EQ_HEX(rdv(cpu, CSR_MSTATUS) & MSTATUS_MPP, 0);

        /* SXL = UXL = 2 on RV64, not writable */
        if (xlen == 64) {
            CHECK_EQ_HEX((rdv(cpu, CSR_MSTATUS) >> 32) & 0xf, 0xa);
            wr(cpu, CSR_MSTATUS, UINT64_C(0x5) << 32);
            CHECK_EQ_HEX((rdv(cpu, CSR_MSTATUS) >> 32) & 0xf, 0xa);
            CHECK_EQ_HEX((rdv(cpu, CSR_SSTATUS) >> 32) & 0xf, 0x2);
        }

        /* SD summarises FS = dirty (XS, VS are zero); SD is read-only */
        CHECK(wr(cpu, CSR_MSTATUS, sd));
        CHECK_EQ_HEX(rdv(cpu, CSR_MSTATUS) & sd, 0);
        CHECK(wr(cpu, CSR_MSTATUS, MSTATUS_FS));
        v = rdv(cpu, CSR_MSTATUS);
        if ((v & MSTATUS_FS) == MSTATUS_FS) { /* FS is optional without F */
            CHECK_EQ_HEX(v & sd, sd);
            CHECK_EQ_HEX(rdv(cpu, CSR_SSTATUS) & sd, sd);
        }
        CHECK(wr(cpu, CSR_MSTATUS, UINT64_C(1) << MSTATUS_FS_SHIFT));
        CHECK_EQ_HEX(rdv(cpu, CSR_MSTATUS) & sd, 0);

        /* the trap-control and enable bits are plain read/write */
        CHECK(wr(cpu, CSR_MSTATUS, MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR |
                                       MSTATUS_MPRV | MSTATUS_SUM |
                                       MSTATUS_MXR | MSTATUS_MIE |
                                       MSTATUS_SIE | MSTATUS_MPIE |
                                       MSTATUS_SPIE | MSTATUS_SPP));
        v = rdv(cpu, CSR_MSTATUS);
        CHECK_EQ_HEX(v & 0x7e01aa, 0x7e01aa);
        /* no V, no XS: VS and XS read zero */
        wr(cpu, CSR_MSTATUS, MSTATUS_VS | MSTATUS_XS);
        CHECK_EQ_HEX(rdv(cpu, CSR_MSTATUS) & (MSTATUS_VS | MSTATUS_XS), 0);
        hart_free(h);
    }
}

static void test_sstatus_view(void)
{
    for (unsigned i = 0; i < 2; i++) {
        unsigned xlen = xlens[i];
        Hart *h = hart_new(xlen);
        RvCpu *cpu = h->cpu;
        uint64_t m_only = MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP |
                          MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW |
                          MSTATUS_TSR;
        uint64_t v;

        /* M-only fields are invisible in sstatus */
        wr(cpu, CSR_MSTATUS, m_only);
        CHECK_EQ_HEX(rdv(cpu, CSR_SSTATUS) & m_only, 0);
        /* and sstatus writes cannot touch them, from S or M */
        wr(cpu, CSR_MSTATUS, 0);
        cpu->priv = RV_PRIV_S;
        CHECK(wr(cpu, CSR_SSTATUS, ~UINT64_C(0)));
        cpu->priv = RV_PRIV_M;
        v = rdv(cpu, CSR_MSTATUS);
        CHECK_EQ_HEX(v & m_only, 0);
        CHECK_EQ_HEX(v & (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP |
                          MSTATUS_SUM | MSTATUS_MXR),
                     MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM |
                         MSTATUS_MXR);
        wr(cpu, CSR_MSTATUS, m_only);
        CHECK(wr(cpu, CSR_SSTATUS, 0));
        CHECK_EQ_HEX(rdv(cpu, CSR_MSTATUS) & m_only, m_only);
        /* sstatus shows exactly the S fields of mstatus */
        wr(cpu, CSR_MSTATUS, MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPP);
        CHECK_EQ_HEX(rdv(cpu, CSR_SSTATUS) & 0xffffffff,
                     MSTATUS_SIE | MSTATUS_SPP);
        hart_free(h);
    }
}

static void test_misa(void)
{
    Hart *h64 = hart_new(64), *h32 = hart_new(32);
    /* A, C, D, F, I, M, S, U */
    uint64_t ext = (1u << 0) | (1u << 2) | (1u << 3) | (1u << 5) |
                   (1u << 8) | (1u << 12) | (1u << 18) | (1u << 20);

    CHECK_EQ_HEX(rdv(h64->cpu, CSR_MISA), (UINT64_C(2) << 62) | ext);
    CHECK_EQ_HEX(rdv(h32->cpu, CSR_MISA), (UINT64_C(1) << 30) | ext);
    /* WARL: a write may be ignored, but must leave a legal value */
    CHECK(wr(h64->cpu, CSR_MISA, 0));
    CHECK_EQ_HEX(rdv(h64->cpu, CSR_MISA) >> 62, 2);
    CHECK(wr(h32->cpu, CSR_MISA, 0));
    CHECK_EQ_HEX(rdv(h32->cpu, CSR_MISA) >> 30, 1);
    hart_free(h64);
    hart_free(h32);
}

/* ---- interrupt registers (priv §3.1.9, §4.1.3) -------------------------- */

#define IRQ_BIT(n) (UINT64_C(1) << (n))
#define S_IRQS (IRQ_BIT(RV_IRQ_SSI) | IRQ_BIT(RV_IRQ_STI) | IRQ_BIT(RV_IRQ_SEI))
#define M_IRQS (IRQ_BIT(RV_IRQ_MSI) | IRQ_BIT(RV_IRQ_MTI) | IRQ_BIT(RV_IRQ_MEI))

static void test_mie_mip_masks(void)
{
    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;

        CHECK(wr(cpu, CSR_MIE, ~UINT64_C(0)));
        CHECK_EQ_HEX(rdv(cpu, CSR_MIE), S_IRQS | M_IRQS);
        CHECK(wr(cpu, CSR_MIDELEG, ~UINT64_C(0)));
        CHECK_EQ_HEX(rdv(cpu, CSR_MIDELEG) & S_IRQS, S_IRQS);
        /* mip: SSIP, STIP, SEIP writable; MSIP/MTIP/MEIP read-only here */
        CHECK(wr(cpu, CSR_MIDELEG, 0));
        CHECK(wr(cpu, CSR_MIP, ~UINT64_C(0)));
        CHECK_EQ_HEX(rdv(cpu, CSR_MIP), S_IRQS);
        CHECK(wr(cpu, CSR_MIP, 0));
        CHECK_EQ_HEX(rdv(cpu, CSR_MIP), 0);
        rv_cpu_irq_handler(cpu, RV_IRQ_MTI, true);
        rv_cpu_irq_handler(cpu, RV_IRQ_MSI, true);
        CHECK(wr(cpu, CSR_MIP, 0));
        CHECK_EQ_HEX(rdv(cpu, CSR_MIP), IRQ_BIT(RV_IRQ_MTI) |
                                            IRQ_BIT(RV_IRQ_MSI));
        rv_cpu_irq_handler(cpu, RV_IRQ_MTI, false);
        CHECK_EQ_HEX(rdv(cpu, CSR_MIP), IRQ_BIT(RV_IRQ_MSI));
        hart_free(h);
    }
}

static void test_sie_sip_delegation(void)
{
    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;

        wr(cpu, CSR_MIE, S_IRQS | M_IRQS);
        wr(cpu, CSR_MIP, S_IRQS);
        wr(cpu, CSR_MIDELEG, 0);
        cpu->priv = RV_PRIV_S;
        /* nothing delegated: sie/sip read zero, writes do nothing */
        CHECK_EQ_HEX(rdv(cpu, CSR_SIE), 0);
        CHECK_EQ_HEX(rdv(cpu, CSR_SIP), 0);
        CHECK(wr(cpu, CSR_SIE, 0));
        CHECK(wr(cpu, CSR_SIP, 0));
        cpu->priv = RV_PRIV_M;
        CHECK_EQ_HEX(rdv(cpu, CSR_MIE), S_IRQS | M_IRQS);
        CHECK_EQ_HEX(rdv(cpu, CSR_MIP), S_IRQS);

        /* delegate SSI and STI only */
        wr(cpu, CSR_MIDELEG, IRQ_BIT(RV_IRQ_SSI) | IRQ_BIT(RV_IRQ_STI));
        cpu->priv = RV_PRIV_S;
        CHECK_EQ_HEX(rdv(cpu, CSR_SIE),
                     IRQ_BIT(RV_IRQ_SSI) | IRQ_BIT(RV_IRQ_STI));
        CHECK_EQ_HEX(rdv(cpu, CSR_SIP),
                     IRQ_BIT(RV_IRQ_SSI) | IRQ_BIT(RV_IRQ_STI));
        CHECK(wr(cpu, CSR_SIE, 0));
        cpu->priv = RV_PRIV_M;
        CHECK_EQ_HEX(rdv(cpu, CSR_MIE), IRQ_BIT(RV_IRQ_SEI) | M_IRQS);
        cpu->priv = RV_PRIV_S;
        CHECK(wr(cpu, CSR_SIE, ~UINT64_C(0)));
        cpu->priv = RV_PRIV_M;
        CHECK_EQ_HEX(rdv(cpu, CSR_MIE), S_IRQS | M_IRQS);

        /* sip: only SSIP is writable, and only when delegated */
        cpu->priv = RV_PRIV_S;
        CHECK(wr(cpu, CSR_SIP, 0));
        cpu->priv = RV_PRIV_M;
        CHECK_EQ_HEX(rdv(cpu, CSR_MIP),
                     IRQ_BIT(RV_IRQ_STI) | IRQ_BIT(RV_IRQ_SEI));
        cpu->priv = RV_PRIV_S;
        CHECK(wr(cpu, CSR_SIP, ~UINT64_C(0)));
        cpu->priv = RV_PRIV_M;
        CHECK_EQ_HEX(rdv(cpu, CSR_MIP), S_IRQS);
        wr(cpu, CSR_MIP, 0);
        cpu->priv = RV_PRIV_S;
        CHECK(wr(cpu, CSR_SIP, ~UINT64_C(0)));
        CHECK_EQ_HEX(rdv(cpu, CSR_SIP), IRQ_BIT(RV_IRQ_SSI));
        cpu->priv = RV_PRIV_M;
        CHECK_EQ_HEX(rdv(cpu, CSR_MIP), IRQ_BIT(RV_IRQ_SSI));
        hart_free(h);
    }
}

/*
 * §3.1.9: "SEIP is writable in mip ... the value of SEIP returned in rd is
 * the logical-OR of the software-writable bit and the interrupt signal
 * from the interrupt controller, but the signal from the interrupt
 * controller is not used to calculate the value written to SEIP. Only the
 * software-writable SEIP bit participates in the read-modify-write
 * sequence of a CSRRS or CSRRC instruction."
 */
static void test_seip_is_or_of_software_and_line(void)
{
    Hart *h = hart_new(64);
    RvCpu *cpu = h->cpu;

    /* the PLIC line stays visible through a software clear */
    rv_cpu_irq_handler(cpu, RV_IRQ_SEI, true);
    CHECK(clear_bits(cpu, CSR_MIP, IRQ_BIT(RV_IRQ_SEI)));
    CHECK_EQ_HEX(rdv(cpu, CSR_MIP) & IRQ_BIT(RV_IRQ_SEI),
                 IRQ_BIT(RV_IRQ_SEI));
    CHECK(wr(cpu, CSR_MIP, 0));
    CHECK_EQ_HEX(rdv(cpu, CSR_MIP) & IRQ_BIT(RV_IRQ_SEI),
                 IRQ_BIT(RV_IRQ_SEI));
    rv_cpu_irq_handler(cpu, RV_IRQ_SEI, false);
    CHECK_EQ_HEX(rdv(cpu, CSR_MIP) & IRQ_BIT(RV_IRQ_SEI), 0);
    /* a software-set SEIP survives the line going low */
    CHECK(set_bits(cpu, CSR_MIP, IRQ_BIT(RV_IRQ_SEI)));
    rv_cpu_irq_handler(cpu, RV_IRQ_SEI, true);
    rv_cpu_irq_handler(cpu, RV_IRQ_SEI, false);
    CHECK_EQ_HEX(rdv(cpu, CSR_MIP) & IRQ_BIT(RV_IRQ_SEI),
                 IRQ_BIT(RV_IRQ_SEI));
    hart_free(h);
}

static void test_medeleg(void)
{
    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;
        uint64_t v;

        CHECK(wr(cpu, CSR_MEDELEG, ~UINT64_C(0)));
        v = rdv(cpu, CSR_MEDELEG);
        CHECK_EQ_HEX(v & (UINT64_C(1) << RV_CAUSE_ECALL_M), 0);
        /* the exceptions S-mode software handles can be delegated */
        CHECK_EQ_HEX(v & 0xb3ff, 0xb3ff);
        CHECK(wr(cpu, CSR_MEDELEG, 0));
        CHECK_EQ_HEX(rdv(cpu, CSR_MEDELEG), 0);
        hart_free(h);
    }
}

/* ---- tvec, epc, satp ---------------------------------------------------- */

static void test_tvec_modes(void)
{
    static const unsigned tvec[2] = { CSR_MTVEC, CSR_STVEC };

    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;

        for (unsigned k = 0; k < 2; k++) {
            CHECK(wr(cpu, tvec[k], 0x80000100));
            CHECK_EQ_HEX(rdv(cpu, tvec[k]), 0x80000100);
            CHECK(wr(cpu, tvec[k], 0x80000201));       /* vectored */
            CHECK_EQ_HEX(rdv(cpu, tvec[k]), 0x80000201);
            CHECK(wr(cpu, tvec[k], 0x80000302));       /* reserved mode */
            CHECK_EQ_HEX(rdv(cpu, tvec[k]), 0x80000201);
            CHECK(wr(cpu, tvec[k], 0x80000403));
            CHECK_EQ_HEX(rdv(cpu, tvec[k]), 0x80000201);
        }
        hart_free(h);
    }
}

static void test_epc_bit0(void)
{
    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;
        uint64_t m = xlens[i] == 32 ? UINT64_C(0xffffffff) : UINT64_MAX;

        CHECK(wr(cpu, CSR_MEPC, 0x80000003));
        CHECK_EQ_HEX(rdv(cpu, CSR_MEPC), 0x80000002); /* IALIGN = 16 */
        CHECK(wr(cpu, CSR_SEPC, 0x80000001));
        CHECK_EQ_HEX(rdv(cpu, CSR_SEPC), 0x80000000);
        CHECK(wr(cpu, CSR_MEPC, ~UINT64_C(0)));
        CHECK_EQ_HEX(rdv(cpu, CSR_MEPC), m & ~UINT64_C(1));
        hart_free(h);
    }
}

static void test_satp(void)
{
    for (unsigned i = 0; i < 2; i++) {
        unsigned xlen = xlens[i];
        Hart *h = hart_new(xlen);
        RvCpu *cpu = h->cpu;
        /*
         * Sv39 on RV64, Sv32 on RV32 (§4.1.11); every ASID bit writable
         * (16 on RV64, 9 on RV32, as QEMU 7.2); an unsupported MODE
         * leaves satp unchanged.
         */
        uint64_t sv = xlen == 64 ? (UINT64_C(8) << 60) | 0x12345
                                 : (UINT64_C(1) << 31) | 0x12345;
        uint64_t v;

        CHECK(wr(cpu, CSR_SATP, 0));
        CHECK(wr(cpu, CSR_SATP, sv));
        CHECK_EQ_HEX(rdv(cpu, CSR_SATP), sv);
        if (xlen == 64) {
            uint64_t asid = UINT64_C(0xffff) << 44;

            CHECK(wr(cpu, CSR_SATP, (UINT64_C(9) << 60) | asid | 1));
            CHECK_EQ_HEX(rdv(cpu, CSR_SATP), (UINT64_C(9) << 60) | asid | 1);
            CHECK(wr(cpu, CSR_SATP, (UINT64_C(10) << 60) | 2)); /* Sv57 */
            CHECK_EQ_HEX(rdv(cpu, CSR_SATP), (UINT64_C(10) << 60) | 2);
            CHECK(wr(cpu, CSR_SATP, (UINT64_C(15) << 60) | 1));
            CHECK_EQ_HEX(rdv(cpu, CSR_SATP), (UINT64_C(10) << 60) | 2);
            CHECK(wr(cpu, CSR_SATP, (UINT64_C(1) << 60) | 1)); /* Sv32 */
            CHECK_EQ_HEX(rdv(cpu, CSR_SATP), (UINT64_C(10) << 60) | 2);
        } else {
            CHECK(wr(cpu, CSR_SATP, UINT64_C(0xffffffff)));
            CHECK_EQ_HEX(rdv(cpu, CSR_SATP), 0xffffffff); /* ASID 9 bits */
        }
        CHECK(wr(cpu, CSR_SATP, 0));
        /* TVM: satp access from S is illegal, from M it is not */
        wr(cpu, CSR_MSTATUS, MSTATUS_TVM);
        cpu->priv = RV_PRIV_S;
        CHECK(!rd(cpu, CSR_SATP, &v));
        CHECK(!wr(cpu, CSR_SATP, 0));
        cpu->priv = RV_PRIV_M;
        CHECK(rd(cpu, CSR_SATP, &v));
        wr(cpu, CSR_MSTATUS, 0);
        cpu->priv = RV_PRIV_S;
        CHECK(rd(cpu, CSR_SATP, &v));
        CHECK(wr(cpu, CSR_SATP, 0));
        hart_free(h);
    }
}

/* ---- PMP (priv §3.7) ---------------------------------------------------- */

static void test_pmpcfg_packing(void)
{
    Hart *h64 = hart_new(64), *h32 = hart_new(32);
    uint64_t v8 = UINT64_C(0x1f1d1b19170f0d0b);

    /* RV64: pmpcfg0 holds entries 0-7, pmpcfg2 entries 8-15 */
    CHECK(wr(h64->cpu, CSR_PMPCFG0, v8));
    CHECK_EQ_HEX(rdv(h64->cpu, CSR_PMPCFG0), v8);
    CHECK_EQ_HEX(h64->cpu->pmpcfg[7], 0x1f);
    CHECK_EQ_HEX(h64->cpu->pmpcfg[0], 0x0b);
    CHECK(wr(h64->cpu, CSR_PMPCFG2, 0x19));
    CHECK_EQ_HEX(h64->cpu->pmpcfg[8], 0x19);
    CHECK_EQ_HEX(rdv(h64->cpu, CSR_PMPCFG0), v8);
    /* RV32: four entries per register */
    CHECK(wr(h32->cpu, CSR_PMPCFG1, 0x0f0d0b09));
    CHECK_EQ_HEX(h32->cpu->pmpcfg[4], 0x09);
    CHECK_EQ_HEX(h32->cpu->pmpcfg[7], 0x0f);
    CHECK_EQ_HEX(rdv(h32->cpu, CSR_PMPCFG0), 0);
    CHECK(wr(h32->cpu, CSR_PMPCFG3, 0x1b000000));
    CHECK_EQ_HEX(h32->cpu->pmpcfg[15], 0x1b);
    /* pmpaddr: RV64 keeps bits 53:0, RV32 all 32 */
    CHECK(wr(h64->cpu, CSR_PMPADDR0 + 3, ~UINT64_C(0)));
    CHECK_EQ_HEX(rdv(h64->cpu, CSR_PMPADDR0 + 3), (UINT64_C(1) << 54) - 1);
    CHECK(wr(h32->cpu, CSR_PMPADDR0 + 15, ~UINT64_C(0)));
    CHECK_EQ_HEX(rdv(h32->cpu, CSR_PMPADDR0 + 15), 0xffffffff);
    hart_free(h64);
    hart_free(h32);
}

/*
 * §3.7.1: pmpcfg bits 6:5 are reserved, WARL zero; R=0/W=1 is a reserved
 * combination of the collective WARL R/W/X field, so it cannot read back.
 */
static void test_pmpcfg_reserved_values(void)
{
    Hart *h = hart_new(32);
    RvCpu *cpu = h->cpu;
    uint64_t v;

    CHECK(wr(cpu, CSR_PMPCFG0, 0x60));
    CHECK_EQ_HEX(rdv(cpu, CSR_PMPCFG0) & 0x60, 0);
    CHECK(wr(cpu, CSR_PMPCFG0, 0x02)); /* W without R */
    v = rdv(cpu, CSR_PMPCFG0) & 3;
    CHECK(v != 2);
    hart_free(h);
}

static void test_pmp_locking(void)
{
    for (unsigned i = 0; i < 2; i++) {
        Hart *h = hart_new(xlens[i]);
        RvCpu *cpu = h->cpu;

        CHECK(wr(cpu, CSR_PMPADDR0, 0x1000));
        CHECK(wr(cpu, CSR_PMPADDR0 + 1, 0x2000));
        CHECK(wr(cpu, CSR_PMPADDR0 + 2, 0x3000));
        /* entry 0 locked (NAPOT, RWX): its cfg byte and address freeze */
        CHECK(wr(cpu, CSR_PMPCFG0, 0x9f));
        CHECK(wr(cpu, CSR_PMPCFG0, 0x0f0f00));   /* try to unlock 0 */
        CHECK_EQ_HEX(rdv(cpu, CSR_PMPCFG0) & 0xff, 0x9f);
        CHECK_EQ_HEX((rdv(cpu, CSR_PMPCFG0) >> 8) & 0xffff, 0x0f0f);
        CHECK(wr(cpu, CSR_PMPADDR0, 0x5555));
        CHECK_EQ_HEX(rdv(cpu, CSR_PMPADDR0), 0x1000);
        /* entry 2 locked TOR: pmpaddr1 (its bottom) freezes too */
        CHECK(wr(cpu, CSR_PMPCFG0, 0x8f0000));   /* A=TOR, L */
        CHECK_EQ_HEX((rdv(cpu, CSR_PMPCFG0) >> 16) & 0xff, 0x8f);
        CHECK(wr(cpu, CSR_PMPADDR0 + 1, 0x7777));
        CHECK_EQ_HEX(rdv(cpu, CSR_PMPADDR0 + 1), 0x2000);
        CHECK(wr(cpu, CSR_PMPADDR0 + 2, 0x7777));
        CHECK_EQ_HEX(rdv(cpu, CSR_PMPADDR0 + 2), 0x3000);
        /* entry 4 locked but NAPOT: pmpaddr3 stays writable */
        CHECK(wr(cpu, xlens[i] == 32 ? CSR_PMPCFG1 : CSR_PMPCFG0,
                 32 == xlens[i] ? 0x9f : (UINT64_C(0x9f) << 32) | 0x8f0000));
        CHECK(wr(cpu, CSR_PMPADDR0 + 3, 0x4444));
        CHECK_EQ_HEX(rdv(cpu, CSR_PMPADDR0 + 3), 0x4444);
        CHECK(wr(cpu, CSR_PMPADDR0 + 4, 0x4444));
        CHECK_EQ_HEX(rdv(cpu, CSR_PMPADDR0 + 4), 0);
        /* entry 15 locked TOR: pmpaddr14 freezes (no entry 16 to check) */
        CHECK(wr(cpu, CSR_PMPADDR0 + 14, 0x1234));
        CHECK(wr(cpu, xlens[i] == 32 ? CSR_PMPCFG3 : CSR_PMPCFG2,
                 UINT64_C(0x8f) << (xlens[i] == 32 ? 24 : 56)));
        CHECK(wr(cpu, CSR_PMPADDR0 + 14, 0x9999));
        CHECK_EQ_HEX(rdv(cpu, CSR_PMPADDR0 + 14), 0x1234);
        hart_free(h);
    }
}

TEST_MAIN({ "privilege from csr[9:8]", test_privilege_from_number },
          { "read-only csr[11:10]=3: reads legal, writes illegal",
            test_read_only_numbers },
          { "unknown CSRs are illegal", test_unknown_csrs },
          { "RV32-only CSRs illegal on RV64", test_rv32_only_csrs },
          { "mcounteren/scounteren gate S and U reads",
            test_counter_enables },
          { "hpm counters hold their values", test_hpm_counters_hold },
          { "time follows the platform timer", test_time_csr },
          { "cycle/instret read and write", test_counter_reads_and_writes },
          { "mcountinhibit freezes counters", test_mcountinhibit },
          { "mstatus WARL fields, SXL/UXL, SD", test_mstatus_warl },
          { "sstatus is a restricted view", test_sstatus_view },
          { "misa", test_misa },
          { "mie/mip/mideleg masks", test_mie_mip_masks },
          { "sie/sip follow mideleg", test_sie_sip_delegation },
          { "SEIP = software bit OR external line",
            test_seip_is_or_of_software_and_line },
          { "medeleg bit 11 read-only zero", test_medeleg },
          { "tvec reserved modes keep the old value", test_tvec_modes },
          { "mepc/sepc bit 0 is zero", test_epc_bit0 },
          { "satp: unsupported mode ignored, TVM", test_satp },
          { "pmpcfg packing and pmpaddr width", test_pmpcfg_packing },
          { "pmpcfg reserved values do not read back",
            test_pmpcfg_reserved_values },
          { "pmp locking by L and by TOR above", test_pmp_locking })
