/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Instruction-semantics vectors: runs every .vec file in tests/isa/riscv (format
 * documented at the top of each file and in parse_line() below) on a fresh
 * hart, one vector at a time, and fails if any op the decoder knows has no
 * vector for an XLEN where that op exists (STYLE.md §9).
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>

#include "bus.h"
#include "cpu.h"
#include "machine.h"
#include "riscv_decode.h"
#include "test.h"
#include "vclock.h"

#define VEC_DIR "tests/isa/riscv"
#define RAM_BASE UINT64_C(0x80000000)
#define RAM_SIZE (UINT64_C(1) << 20)
#define DEFAULT_MTVEC UINT64_C(0x80000200)
#define DEFAULT_STVEC UINT64_C(0x80000300)
#define MAX_ITEMS 48
#define MAX_INSNS 8
#define MAX_REPORTS 60

typedef enum ItemKind {
    ITEM_X,      /* xN */
    ITEM_MEM,    /* memB@addr */
    ITEM_CSR,    /* a CSR by name */
    ITEM_PRIV,   /* priv=M|S|U */
    ITEM_PC,     /* pc */
    ITEM_TRAP,   /* trap=cause: taken into M */
    ITEM_STRAP,  /* strap=cause: taken into S (delegated) */
    ITEM_TVAL,   /* tval= (mtval or stval of the trap) */
    ITEM_LR,     /* lr=addr: a valid reservation (setup only) */
    ITEM_ICOUNT, /* icount= */
    ITEM_F,      /* fN (64 bits as is) or fN.s (a NaN-boxed single) */
    ITEM_FS,     /* fs=0..3: the mstatus.FS field */
} ItemKind;

typedef struct Item {
    ItemKind kind;
    unsigned n;     /* register number, memory size in bytes, CSR number */
    uint64_t addr;  /* memory address */
    uint64_t value;
} Item;

typedef struct Vector {
    unsigned xlens[2];
    unsigned n_xlens;
    uint32_t insn[MAX_INSNS];
    unsigned n_insns;
    Item setup[MAX_ITEMS], expect[MAX_ITEMS];
    unsigned n_setup, n_expect;
} Vector;

static bool covered[2][RV_OP__COUNT];
static bool exists[2][RV_OP__COUNT];
static unsigned n_vectors, n_runs, n_reports, n_files;

static unsigned xi(unsigned xlen)
{
    return xlen == 32 ? 0 : 1;
}

static unsigned insn_len(uint32_t insn)
{
    return (insn & 3) == 3 ? 4 : 2;
}

static int csr_by_name(const char *name)
{
    for (unsigned i = 0; i < 4096; i++) {
        const char *n = rv_csr_name(i);

        if (n && strcmp(n, name) == 0) {
            return (int)i;
        }
    }
    return -1;
}

static bool parse_value(const char *s, uint64_t *v)
{
    char *end;
    bool neg = *s == '-';

    if (neg) {
        s++;
    }
    if (!*s) {
        return false;
    }
    *v = strtoull(s, &end, 0);
    if (*end) {
        return false;
    }
    if (neg) {
        *v = -*v;
    }
    return true;
}

static bool parse_item(char *tok, Item *it, bool is_setup)
{
    char *eq = strchr(tok, '=');
    const char *val;
    int csr;

    if (!eq) {
        return false;
    }
    *eq = '\0';
    val = eq + 1;
    memset(it, 0, sizeof(*it));
    if (strcmp(tok, "priv") == 0) {
        it->kind = ITEM_PRIV;
        if (strcmp(val, "M") == 0) {
            it->value = RV_PRIV_M;
        } else if (strcmp(val, "S") == 0) {
            it->value = RV_PRIV_S;
        } else if (strcmp(val, "U") == 0) {
            it->value = RV_PRIV_U;
        } else {
            return false;
        }
        return true;
    }
    if (strcmp(tok, "tval") == 0 && strcmp(val, "insn") == 0) {
        it->kind = ITEM_TVAL;
        it->n = 1; /* the trapping instruction's own bits */
        return !is_setup;
    }
    if (!parse_value(val, &it->value)) {
        return false;
    }
    if (strcmp(tok, "fs") == 0) {
        it->kind = ITEM_FS;
        return it->value <= 3;
    }
    if (tok[0] == 'f' && tok[1] >= '0' && tok[1] <= '9') {
        char *end;
        unsigned long n = strtoul(tok + 1, &end, 10);

        it->kind = ITEM_F;
        it->n = (unsigned)n;
        if (strcmp(end, ".s") == 0) {
            if (it->value > UINT32_MAX) {
                return false;
            }
            it->value |= UINT64_C(0xffffffff00000000);
            end += 2;
        }
        return !*end && n < 32;
    }
    if (tok[0] == 'x' && tok[1] >= '0' && tok[1] <= '9') {
        char *end;
        unsigned long n = strtoul(tok + 1, &end, 10);

        it->kind = ITEM_X;
        it->n = (unsigned)n;
        return !*end && n < 32;
    }
    if (strncmp(tok, "mem", 3) == 0) {
        char *at = strchr(tok, '@');
        unsigned bits = (unsigned)strtoul(tok + 3, NULL, 10);

        it->kind = ITEM_MEM;
        it->n = bits / 8;
        return at && (bits == 8 || bits == 16 || bits == 32 || bits == 64) &&
               parse_value(at + 1, &it->addr);
    }
    if (strcmp(tok, "pc") == 0) {
        it->kind = ITEM_PC;
        return !is_setup;
    }
    if (strcmp(tok, "trap") == 0 || strcmp(tok, "strap") == 0) {
        it->kind = tok[0] == 's' ? ITEM_STRAP : ITEM_TRAP;
        return !is_setup;
    }
    if (strcmp(tok, "tval") == 0) {
        it->kind = ITEM_TVAL;
        return !is_setup;
    }
    if (strcmp(tok, "icount") == 0) {
        it->kind = ITEM_ICOUNT;
        return !is_setup;
    }
    if (strcmp(tok, "lr") == 0) {
        it->kind = ITEM_LR;
        it->addr = it->value;
        return is_setup;
    }
    csr = csr_by_name(tok);
    if (csr < 0) {
        return false;
    }
    it->kind = ITEM_CSR;
    it->n = (unsigned)csr;
    return true;
}

/*
 * One line: XLEN INSN[,INSN...] [SETUP...] -> [EXPECT...]
 * with "# ..." comments. Returns 0 for a blank line, 1 for a vector, -1
 * for a malformed line.
 */
static int parse_line(char *line, Vector *v)
{
    char *save, *tok;
    bool after_arrow = false;
    char *hash = strchr(line, '#');

    if (hash) {
        *hash = '\0';
    }
    memset(v, 0, sizeof(*v));
    tok = strtok_r(line, " \t\r\n", &save);
    if (!tok) {
        return 0;
    }
    if (strcmp(tok, "both") == 0) {
        v->xlens[0] = 32;
        v->xlens[1] = 64;
        v->n_xlens = 2;
    } else if (strcmp(tok, "32") == 0 || strcmp(tok, "64") == 0) {
        v->xlens[0] = (unsigned)atoi(tok);
        v->n_xlens = 1;
    } else {
        return -1;
    }
    tok = strtok_r(NULL, " \t\r\n", &save);
    if (!tok) {
        return -1;
    }
    for (char *p = tok; p && *p;) {
        char *comma = strchr(p, ',');
        uint64_t insn;

        if (comma) {
            *comma = '\0';
        }
        if (v->n_insns == MAX_INSNS || !parse_value(p, &insn) ||
            insn > UINT32_MAX) {
            return -1;
        }
        v->insn[v->n_insns++] = (uint32_t)insn;
        p = comma ? comma + 1 : NULL;
    }
    while ((tok = strtok_r(NULL, " \t\r\n", &save))) {
        Item *it;

        if (strcmp(tok, "->") == 0) {
            if (after_arrow) {
                return -1;
            }
            after_arrow = true;
            continue;
        }
        if (after_arrow) {
            if (v->n_expect == MAX_ITEMS) {
                return -1;
            }
            it = &v->expect[v->n_expect++];
        } else {
            if (v->n_setup == MAX_ITEMS) {
                return -1;
            }
            it = &v->setup[v->n_setup++];
        }
        if (!parse_item(tok, it, !after_arrow)) {
            return -1;
        }
    }
    return after_arrow ? 1 : -1;
}

typedef struct Hart {
    Machine *m;
    RvCpu *cpu;
} Hart;

static bool hart_new(Hart *h, unsigned xlen)
{
    h->m = calloc(1, sizeof(*h->m));
    if (!h->m) {
        return false;
    }
    bus_init(&h->m->bus);
    if (bus_add_ram(&h->m->bus, "ram", RAM_BASE, RAM_SIZE) < 0) {
        return false;
    }
    h->cpu = rv_cpu_new(h->m, xlen, 0, RAM_BASE);
    if (!h->cpu) {
        return false;
    }
    h->m->cpus[0] = h->cpu;
    h->m->n_cpus = 1;
    vclock_init(&h->m->clock, &h->cpu->icount, 0);
    return rv_cpu_map_memory(h->cpu) == 0;
}

static void hart_free(Hart *h)
{
    rv_cpu_free(h->cpu);
    bus_free(&h->m->bus);
    free(h->m);
}

static uint64_t xmask(unsigned xlen)
{
    return xlen == 32 ? UINT64_C(0xffffffff) : UINT64_MAX;
}

static uint64_t size_mask(unsigned n)
{
    return n == 8 ? UINT64_MAX : (UINT64_C(1) << (8 * n)) - 1;
}

static bool csr_get(RvCpu *cpu, unsigned csrno, uint64_t *v)
{
    unsigned priv = cpu->priv;
    bool ok;

    cpu->priv = RV_PRIV_M;
    ok = rv_csr_access(cpu, csrno, true, false, 0, 0, v);
    cpu->priv = priv;
    return ok;
}

static bool csr_set(RvCpu *cpu, unsigned csrno, uint64_t v)
{
    unsigned priv = cpu->priv;
    uint64_t old;
    bool ok;

    cpu->priv = RV_PRIV_M;
    ok = rv_csr_access(cpu, csrno, false, true, ~UINT64_C(0), v, &old);
    cpu->priv = priv;
    return ok;
}

static void mismatch(const char *file, unsigned lineno, unsigned xlen,
                     const char *what, uint64_t got, uint64_t want)
{
    test_failures++;
    if (MAX_REPORTS < ++n_reports) {
        return;
    }
    printf("#   %s:%u (rv%u): %s = 0x%016" PRIx64 ", expected 0x%016" PRIx64
           "\n", file, lineno, xlen, what, got, want);
}

static const Item *find_item(const Vector *v, ItemKind kind)
{
    for (unsigned i = 0; i < v->n_expect; i++) {
        if (kind == v->expect[i].kind) {
            return &v->expect[i];
        }
    }
    return NULL;
}

static void run_vector(const Vector *v, unsigned xlen, const char *file,
                       unsigned lineno)
{
    Hart h;
    RvCpu *cpu;
    uint64_t before_x[32], before_f[32], mcause0, scause0, pc_end = RAM_BASE, got;
    const Item *trap = find_item(v, ITEM_TRAP);
    const Item *strap = find_item(v, ITEM_STRAP);
    const Item *tval = find_item(v, ITEM_TVAL);
    uint64_t want_tval = 0;
    bool x_named[32] = { false }, f_named[32] = { false };
    bool pc_named = false, icount_named = false;
    char what[64];

    if (!hart_new(&h, xlen)) {
        mismatch(file, lineno, xlen, "hart creation", 0, 1);
        return;
    }
    cpu = h.cpu;
    n_runs++;
    csr_set(cpu, 0x305, DEFAULT_MTVEC);
    csr_set(cpu, 0x105, DEFAULT_STVEC);
    for (unsigned i = 0; i < v->n_insns; i++) {
        RvDecoded d;
        uint8_t b[4];
        unsigned len = insn_len(v->insn[i]);

        for (unsigned k = 0; k < 4; k++) {
            b[k] = (uint8_t)(v->insn[i] >> (8 * k));
        }
        bus_load_image(&h.m->bus, pc_end, b, len);
        pc_end += len;
        covered[xi(xlen)][rv_decode(v->insn[i], xlen, &d)] = true;
    }
    /*
     * S/U vectors run with one PMP entry giving RWX over all memory, as
     * firmware sets up (priv §3.7.1: with none, S/U accesses fail).
     */
    csr_set(cpu, 0x3b0, UINT64_MAX); /* pmpaddr0 */
    csr_set(cpu, 0x3a0, 0x1f);       /* pmpcfg0: NAPOT, X, W, R */
    /* FS first: the F CSRs are only writable with it on */
    for (unsigned i = 0; i < v->n_setup; i++) {
        if (v->setup[i].kind == ITEM_FS) {
            cpu->mstatus = (cpu->mstatus & ~MSTATUS_FS) |
                           v->setup[i].value << MSTATUS_FS_SHIFT;
        }
    }
    for (unsigned i = 0; i < v->n_setup; i++) {
        const Item *it = &v->setup[i];

        switch (it->kind) {
        case ITEM_F:
            cpu->f[it->n] = it->value;
            break;
        case ITEM_X:
            cpu->x[it->n] = it->n ? it->value & xmask(xlen) : 0;
            break;
        case ITEM_MEM:
            if (!bus_write(&h.m->bus, it->addr, it->n, it->value)) {
                mismatch(file, lineno, xlen, "setup memory write", 0, 1);
            }
            break;
        case ITEM_CSR:
            if (!csr_set(cpu, it->n, it->value)) {
                mismatch(file, lineno, xlen, "setup csr write", 0, 1);
            }
            break;
        case ITEM_LR:
            cpu->lr_valid = true;
            cpu->lr_addr = it->addr;
            break;
        default:
            break;
        }
    }
    /* privilege last: CSR setup needs M */
    for (unsigned i = 0; i < v->n_setup; i++) {
        if (v->setup[i].kind == ITEM_PRIV) {
            cpu->priv = (unsigned)v->setup[i].value;
        }
    }
    memcpy(before_x, cpu->x, sizeof(before_x));
    memcpy(before_f, cpu->f, sizeof(before_f));
    mcause0 = cpu->mcause;
    scause0 = cpu->scause;
    cpu->icount = 0;
    /*
     * Blocks end after control flow and CSR instructions, so a sequence
     * may need several calls; stop once a trap has left the sequence.
     */
    for (unsigned k = 0; k < v->n_insns && cpu->icount < v->n_insns; k++) {
        if (cpu->pc < RAM_BASE || cpu->pc >= pc_end) {
            break;
        }
        cpu->stop_icount = v->n_insns;
        if (xlen == 32) {
            rv32_exec_block(cpu);
        } else {
            rv64_exec_block(cpu);
        }
    }

    for (unsigned i = 0; i < v->n_expect; i++) {
        const Item *it = &v->expect[i];

        switch (it->kind) {
        case ITEM_X:
            x_named[it->n] = true;
            snprintf(what, sizeof(what), "x%u", it->n);
            if (cpu->x[it->n] != (it->value & xmask(xlen))) {
                mismatch(file, lineno, xlen, what, cpu->x[it->n],
                         it->value & xmask(xlen));
            }
            break;
        case ITEM_MEM:
            got = 0;
            snprintf(what, sizeof(what), "mem%u@0x%" PRIx64, it->n * 8,
                     it->addr);
            if (!bus_read(&h.m->bus, it->addr, it->n, &got)) {
                mismatch(file, lineno, xlen, what, 0, 1);
            } else if ((got & size_mask(it->n)) !=
                       (it->value & size_mask(it->n))) {
                mismatch(file, lineno, xlen, what, got & size_mask(it->n),
                         it->value & size_mask(it->n));
            }
            break;
        case ITEM_CSR:
            got = 0;
            if (!csr_get(cpu, it->n, &got)) {
                mismatch(file, lineno, xlen, rv_csr_name(it->n), 0, 1);
            } else if (got != (it->value & xmask(xlen))) {
                mismatch(file, lineno, xlen, rv_csr_name(it->n), got,
                         it->value & xmask(xlen));
            }
            break;
        case ITEM_F:
            f_named[it->n] = true;
            snprintf(what, sizeof(what), "f%u", it->n);
            if (cpu->f[it->n] != it->value) {
                mismatch(file, lineno, xlen, what, cpu->f[it->n], it->value);
            }
            break;
        case ITEM_FS:
            got = (cpu->mstatus & MSTATUS_FS) >> MSTATUS_FS_SHIFT;
            if (got != it->value) {
                mismatch(file, lineno, xlen, "mstatus.FS", got, it->value);
            }
            break;
        case ITEM_PRIV:
            if (cpu->priv != it->value) {
                mismatch(file, lineno, xlen, "priv", cpu->priv, it->value);
            }
            break;
        case ITEM_PC:
            pc_named = true;
            if (cpu->pc != (it->value & xmask(xlen))) {
                mismatch(file, lineno, xlen, "pc", cpu->pc,
                         it->value & xmask(xlen));
            }
            break;
        case ITEM_ICOUNT:
            icount_named = true;
            if (cpu->icount != it->value) {
                mismatch(file, lineno, xlen, "icount", cpu->icount,
                         it->value);
            }
            break;
        default:
            break;
        }
    }
    /* registers the vector does not name keep their value (x0 is zero) */
    for (unsigned r = 0; r < 32; r++) {
        if (!x_named[r] && cpu->x[r] != before_x[r]) {
            snprintf(what, sizeof(what), "x%u (unnamed)", r);
            mismatch(file, lineno, xlen, what, cpu->x[r], before_x[r]);
        }
        if (!f_named[r] && cpu->f[r] != before_f[r]) {
            snprintf(what, sizeof(what), "f%u (unnamed)", r);
            mismatch(file, lineno, xlen, what, cpu->f[r], before_f[r]);
        }
    }
    if (tval) {
        want_tval = tval->n ? v->insn[v->n_insns - 1]
                            : tval->value & xmask(xlen);
    }
    if (trap) {
        /* the last instruction traps: mepc is its address, pc the handler */
        uint64_t epc = pc_end - insn_len(v->insn[v->n_insns - 1]);
        uint64_t cause = trap->value;

        if (cpu->mcause != cause) {
            mismatch(file, lineno, xlen, "mcause", cpu->mcause, cause);
        }
        if (cpu->mepc != epc) {
            mismatch(file, lineno, xlen, "mepc", cpu->mepc, epc);
        }
        if (!pc_named && cpu->pc != (cpu->mtvec & ~UINT64_C(3))) {
            mismatch(file, lineno, xlen, "pc (mtvec)", cpu->pc, cpu->mtvec);
        }
        if (cpu->priv != RV_PRIV_M) {
            mismatch(file, lineno, xlen, "priv after trap", cpu->priv, 3);
        }
        if (tval && cpu->mtval != want_tval) {
            mismatch(file, lineno, xlen, "mtval", cpu->mtval, want_tval);
        }
    } else if (strap) {
        uint64_t epc = pc_end - insn_len(v->insn[v->n_insns - 1]);

        if (cpu->scause != strap->value) {
            mismatch(file, lineno, xlen, "scause", cpu->scause,
                     strap->value);
        }
        if (cpu->sepc != epc) {
            mismatch(file, lineno, xlen, "sepc", cpu->sepc, epc);
        }
        if (!pc_named && cpu->pc != (cpu->stvec & ~UINT64_C(3))) {
            mismatch(file, lineno, xlen, "pc (stvec)", cpu->pc, cpu->stvec);
        }
        if (cpu->priv != RV_PRIV_S) {
            mismatch(file, lineno, xlen, "priv after trap", cpu->priv, 1);
        }
        if (tval && cpu->stval != want_tval) {
            mismatch(file, lineno, xlen, "stval", cpu->stval, want_tval);
        }
        if (cpu->mcause != mcause0) {
            mismatch(file, lineno, xlen, "mcause (not trapped to M)",
                     cpu->mcause, mcause0);
        }
    } else {
        if (!pc_named && cpu->pc != pc_end) {
            mismatch(file, lineno, xlen, "pc (no trap expected)", cpu->pc,
                     pc_end);
        }
        if (cpu->mcause != mcause0) {
            mismatch(file, lineno, xlen, "mcause (no trap expected)",
                     cpu->mcause, mcause0);
        }
        if (cpu->scause != scause0) {
            mismatch(file, lineno, xlen, "scause (no trap expected)",
                     cpu->scause, scause0);
        }
    }
    /*
     * A trapping instruction does not retire (ECALL/EBREAK included,
     * priv spec §3.3.1), so it does not count towards minstret.
     */
    if (!icount_named) {
        uint64_t want = v->n_insns - ((trap || strap) ? 1 : 0);
        if (cpu->icount != want) {
            mismatch(file, lineno, xlen, "icount (retired)", cpu->icount,
                     want);
        }
    }
    hart_free(&h);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_file(const char *name)
{
    char path[512], line[1024], copy[1024];
    FILE *f;
    unsigned lineno = 0, count = 0, fails_before = test_failures;

    snprintf(path, sizeof(path), "%s/%s", VEC_DIR, name);
    f = fopen(path, "r");
    if (!f) {
        printf("#   cannot open %s\n", path);
        test_failures++;
        return;
    }
    while (fgets(line, sizeof(line), f)) {
        Vector v;
        int r;

        lineno++;
        memcpy(copy, line, sizeof(copy));
        r = parse_line(line, &v);
        if (r < 0) {
            printf("#   %s:%u: malformed vector: %s", path, lineno, copy);
            test_failures++;
            continue;
        }
        if (r == 0) {
            continue;
        }
        count++;
        for (unsigned k = 0; k < v.n_xlens; k++) {
            run_vector(&v, v.xlens[k], path, lineno);
        }
    }
    fclose(f);
    n_vectors += count;
    printf("# %s: %u vectors, %u failed checks\n", path, count,
           test_failures - fails_before);
}

static void test_vectors(void)
{
    DIR *dir = opendir(VEC_DIR);
    struct dirent *e;
    char *names[64];
    unsigned n = 0;

    if (!dir) {
        printf("#   cannot open %s (run from the repository root)\n",
               VEC_DIR);
        test_failures++;
        return;
    }
    while ((e = readdir(dir)) && n < 64) {
        size_t len = strlen(e->d_name);

        if (len > 4 && strcmp(e->d_name + len - 4, ".vec") == 0) {
            names[n++] = strdup(e->d_name);
        }
    }
    closedir(dir);
    qsort(names, n, sizeof(names[0]), cmp_names);
    for (unsigned i = 0; i < n; i++) {
        run_file(names[i]);
        free(names[i]);
    }
    n_files = n;
    printf("# %u files, %u vectors, %u runs\n", n, n_vectors, n_runs);
    CHECK(n_files >= 6);
}

/*
 * Which ops exist for which XLEN, found from the decoder itself: every
 * 16-bit encoding, and every 32-bit one over opcode, funct3, funct7, the
 * rs2 field and zero/non-zero rd and rs1 (the fields that select ops).
 */
static void find_existing_ops(void)
{
    static const unsigned regs[2] = { 0, 5 };
    RvDecoded d;

    for (unsigned x = 0; x < 2; x++) {
        unsigned xlen = x ? 64 : 32;

        for (uint32_t insn = 0; insn < 0x10000; insn++) {
            if ((insn & 3) != 3) {
                exists[x][rv_decode(insn, xlen, &d)] = true;
            }
        }
        for (uint32_t opc = 0; opc < 32; opc++) {
            for (uint32_t f3 = 0; f3 < 8; f3++) {
                for (uint32_t f7 = 0; f7 < 128; f7++) {
                    for (uint32_t rs2 = 0; rs2 < 32; rs2++) {
                        for (unsigned a = 0; a < 2; a++) {
                            for (unsigned b = 0; b < 2; b++) {
                                uint32_t insn = (f7 << 25) | (rs2 << 20) |
                                                (regs[a] << 15) |
                                                (f3 << 12) |
                                                (regs[b] << 7) |
                                                (opc << 2) | 3;

                                exists[x][rv_decode(insn, xlen, &d)] =
                                    true;
                            }
                        }
                    }
                }
            }
        }
    }
}

static void test_coverage(void)
{
    unsigned missing = 0, total = 0;

    find_existing_ops();
    for (unsigned op = 1; op < RV_OP__COUNT; op++) {
        for (unsigned x = 0; x < 2; x++) {
            if (!exists[x][op]) {
                continue;
            }
            total++;
            if (!covered[x][op]) {
                printf("#   no vector for %s on rv%u\n", rv_op_names[op],
                       x ? 64 : 32);
                missing++;
            }
        }
    }
    printf("# %u (op, xlen) pairs exist, %u without a vector\n", total,
           missing);
    CHECK(missing == 0);
    CHECK(total > 150);
}

TEST_MAIN({ "vectors: every tests/isa/riscv .vec file", test_vectors },
          { "coverage: every op has a vector for each XLEN", test_coverage })
