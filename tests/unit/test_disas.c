/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for the RISC-V disassembler (rv_disas()): exact strings, then
 * GNU objdump -M no-aliases on random valid 32-bit encodings and on the
 * 32-bit expansion of every valid 16-bit encoding, at both XLENs.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cpu.h"
#include "disas.h"
#include "riscv_decode.h"
#include "test.h"

#define TEXT_MAX 96
#define MAX_REPORTS 40
#define CSR_SPACE 4096
/* corpus: distinct random encodings kept per op, and the search budget */
#define CORPUS_PER_OP 48
#define CORPUS_TRIES 3000000u

typedef struct DisText {
    char s[TEXT_MAX];
} DisText;

/*
 * Named normalisation rules: the only places where objdump's text is
 * changed before the comparison. Each counts its hits.
 *
 * annotation: objdump appends " # <address>" to an instruction whose
 *   base register it has tracked from an earlier lui/auipc in the listing
 *   ("jalr zero,2047(t0) # 0x817"). That value depends on other
 *   instructions, which a one-instruction disassembler does not see; the
 *   comment is cut off.
 * csr_extra_name: objdump names CSRs that csr.def does not have (F, debug,
 *   hypervisor, ...), for which rv_disas() prints the number. Applied only
 *   where the name is objdump's own name for exactly the decoded number
 *   (from objdump's listing of all 4096 CSR numbers); the name is then
 *   replaced by "0x<number>".
 * fence_reserved: objdump prints ".4byte 0x..." for a FENCE with nonzero
 *   rd/rs1 or a reserved fm, and for a FENCE.I with nonzero imm/rs1/rd.
 *   The spec reserves those fields for future use and requires them to be
 *   ignored (unprivileged spec, "Memory Ordering Instructions": a reserved
 *   fm executes as a normal fence; Zifencei: imm, rs1 and rd are reserved),
 *   and our decoder does so. Applied only where objdump printed ".4byte":
 *   the text then compared is objdump's for the same word with those
 *   fields cleared (fm kept only for fence.tso).
 * fcvt_d_rm: objdump 2.40 prints ".4byte 0x..." for fcvt.d.s, fcvt.d.w and
 *   fcvt.d.wu unless rm = 0. The spec gives them an rm field like every
 *   conversion (the result is exact, so rm does not matter; QEMU and Spike
 *   decode every rm and trap only on a reserved one), and so does our
 *   decoder. Applied only where objdump printed ".4byte": the text then
 *   compared is objdump's for the same word with rm = 0.
 */
typedef struct Rules {
    unsigned annotation, csr_extra_name, fence_reserved, fcvt_d_rm;
} Rules;

static unsigned n_compared;
static unsigned n_reported;
static Rules rules_total;

/* objdump's text for the CSR operand of each number, per XLEN */
static DisText objdump_csr[2][CSR_SPACE];
static int have_objdump_csr[2];

static const char *objdump_path(void)
{
    const char *p = getenv("RV_OBJDUMP");

    return p && *p ? p : "riscv64-unknown-elf-objdump";
}

/* Fail the current test; say why only the first time. */
static void objdump_missing(const char *why)
{
    static int said;

    test_failures++;
    if (said++) {
        return;
    }
    printf("#   %s: %s; install binutils-riscv64-unknown-elf "
           "(tools/install-deps.sh) or set RV_OBJDUMP\n",
           objdump_path(), why);
}

/* ---- exact strings ---- */

static void expect_text(uint32_t insn, unsigned xlen, uint64_t pc,
                        const char *want)
{
    RvDecoded d;
    char buf[TEXT_MAX];
    size_t n;

    rv_decode(insn, xlen, &d);
    n = rv_disas(&d, pc, xlen, buf, sizeof(buf));
    CHECK_STR(buf, want);
    CHECK_EQ_HEX(n, strlen(want));
}

static void test_exact(void)
{
    /* the header's examples */
    expect_text(0x00150513, 64, 0, "addi a0,a0,1");
    expect_text(0x00812583, 32, 0, "lw a1,8(sp)");
    expect_text(0x00050863, 64, 0x80000000u, "beq a0,zero,0x80000010");
    expect_text(0x30002573, 64, 0, "csrrs a0,mstatus,zero");
    expect_text(0x06b6252f, 32, 0, "amoadd.w.aqrl a0,a1,(a2)");
    expect_text(0x0000, 64, 0, "illegal 0x0000");
    expect_text(0xffffffff, 32, 0, "illegal 0xffffffff");
    /* RV32-only shift encodings and RV64-only ops are illegal elsewhere */
    expect_text(0x02051513, 32, 0, "illegal 0x02051513");
    expect_text(0x02051513, 64, 0, "slli a0,a0,0x20");
    expect_text(0x0005b503, 32, 0, "illegal 0x0005b503");
    expect_text(0x0005b503, 64, 0, "ld a0,0(a1)");
    /* every register name, stores, negative offsets, lui/auipc fields */
    expect_text(0x00000033 | 8u << 7 | 9u << 15 | 31u << 20, 64, 0,
                "add s0,s1,t6");
    expect_text(0x00000033 | 18u << 7 | 27u << 15 | 28u << 20, 64, 0,
                "add s2,s11,t3");
    expect_text(0xfe012c23, 64, 0, "sw zero,-8(sp)");
    expect_text(0x800002b7, 32, 0, "lui t0,0x80000");
    expect_text(0xfffff297, 64, 0, "auipc t0,0xfffff");
    expect_text(0xfff00513, 64, 0, "addi a0,zero,-1");
    expect_text(0x4105d513, 64, 0, "srai a0,a1,0x10");
    expect_text(0x00008067, 64, 0, "jalr zero,0(ra)");
    /* targets wrap at XLEN: backwards from 0, forwards past 2^32 */
    expect_text(0xff9ff06f, 32, 0, "jal zero,0xfffffff8");
    expect_text(0xff9ff06f, 64, 0, "jal zero,0xfffffffffffffff8");
    expect_text(0x0100006f, 32, 0xfffffff8u, "jal zero,0x8");
    expect_text(0x0100006f, 64, 0xfffffff8u, "jal zero,0x100000008");
    /* CSRs: named, unnamed (custom range), immediate forms */
    expect_text(0x7c051073, 64, 0, "csrrw zero,0x7c0,a0");
    expect_text(0x300fd573, 32, 0, "csrrwi a0,mstatus,31");
    expect_text(0xc8002573, 32, 0, "csrrs a0,cycleh,zero");
    /* A: orderings */
    expect_text(0x1005a52f, 64, 0, "lr.w a0,(a1)");
    expect_text(0x1405b52f, 64, 0, "lr.d.aq a0,(a1)");
    expect_text(0x1ac5b52f, 64, 0, "sc.d.rl a0,a2,(a1)");
    /* fences: letters, the empty set, fence.tso, ignored fields */
    expect_text(0x0ff0000f, 64, 0, "fence iorw,iorw");
    expect_text(0x0100000f, 64, 0, "fence w,unknown");
    expect_text(0x8330000f, 32, 0, "fence.tso");
    expect_text(0x8b30000f, 32, 0, "fence irw,rw");
    expect_text(0x0330828f, 32, 0, "fence rw,rw");
    expect_text(0xfff0928f, 64, 0, "fence.i");
    expect_text(0x12b50073, 64, 0, "sfence.vma a0,a1");
    expect_text(0x10500073, 64, 0, "wfi");
    /* compressed: printed as the 32-bit instruction they expand to */
    expect_text(0x0505, 64, 0, "addi a0,a0,1");
    expect_text(0x852e, 32, 0, "add a0,zero,a1");
    expect_text(0x0001, 32, 0, "addi zero,zero,0");
    expect_text(0x9002, 64, 0, "ebreak");
    expect_text(0x8082, 64, 0, "jalr zero,0(ra)");
    expect_text(0xbffd, 32, 0, "jal zero,0xfffffffe");
    expect_text(0xbffd, 64, 0x1000, "jal zero,0xffe");
    expect_text(0x3ffd, 32, 0x1000, "jal ra,0xffe");
    expect_text(0xc111, 64, 0x100, "beq a0,zero,0x104");
    expect_text(0x757d, 64, 0, "lui a0,0xfffff");
    expect_text(0x6108, 64, 0, "ld a0,0(a0)");
    expect_text(0x6108, 32, 0, "flw fa0,0(a0)");
    /* F/D: f register names, rounding-mode operands, exact widenings */
    expect_text(0x00b57553, 64, 0, "fadd.s fa0,fa0,fa1");
    expect_text(0x00b50553, 64, 0, "fadd.s fa0,fa0,fa1,rne");
    expect_text(0x02b54553, 32, 0, "fadd.d fa0,fa0,fa1,rmm");
    expect_text(0x00b55553, 32, 0, "fadd.s fa0,fa0,fa1,unknown");
    expect_text(0x62c5f543, 64, 0, "fmadd.d fa0,fa1,fa2,fa2");
    expect_text(0xc0051553, 64, 0, "fcvt.w.s a0,fa0,rtz");
    expect_text(0x42050553, 32, 0, "fcvt.d.s fa0,fa0");
    expect_text(0x42057553, 32, 0, "fcvt.d.s fa0,fa0");
    expect_text(0xe2050553, 64, 0, "fmv.x.d a0,fa0");
    expect_text(0xe2050553, 32, 0, "illegal 0xe2050553");
    expect_text(0xa0b52553, 64, 0, "feq.s a0,fa0,fa1");
    expect_text(0x00a5bf27, 64, 0, "fsd fa0,30(a1)");
    expect_text(0x2d82, 64, 0, "fld fs11,0(sp)");
}

/* snprintf-like contract: truncation, NUL, the full length returned */
static void test_truncation(void)
{
    RvDecoded d;
    char buf[TEXT_MAX];

    rv_decode(0x00150513, 64, &d);
    memset(buf, 'x', sizeof(buf));
    CHECK_EQ_HEX(rv_disas(&d, 0, 64, buf, 5), 12);
    CHECK_STR(buf, "addi");
    CHECK_EQ_HEX((unsigned char)buf[5], 'x');
    CHECK_EQ_HEX(rv_disas(&d, 0, 64, buf, 1), 12);
    CHECK_STR(buf, "");
    CHECK_EQ_HEX(rv_disas(&d, 0, 64, NULL, 0), 12);
    CHECK_EQ_HEX(rv_disas(&d, 0, 64, buf, 12), 12);
    CHECK_STR(buf, "addi a0,a0,");
    CHECK_EQ_HEX(rv_disas(&d, 0, 64, buf, 13), 12);
    CHECK_STR(buf, "addi a0,a0,1");
}

/* ---- running objdump ---- */

/* Report a mismatch (the first MAX_REPORTS of them). */
static void report(const char *what, unsigned xlen, uint32_t insn, uint64_t pc,
                   const char *got, const char *want)
{
    test_failures++;
    if (++n_reported > MAX_REPORTS) {
        return;
    }
    printf("#   %s rv%u 0x%08" PRIx32 " at 0x%" PRIx64 ": got \"%s\", "
           "objdump \"%s\"\n",
           what, xlen, insn, pc, got, want);
}

static uint64_t xlen_mask(unsigned xlen)
{
    return xlen == 32 ? UINT64_C(0xffffffff) : UINT64_MAX;
}

/*
 * Disassemble words[0..n), loaded at vma, with objdump. texts[i] gets
 * "mnemonic operands" (objdump's tab turned into one space) with any
 * annotation cut off (rule annotation, counted in *annotations). Returns 0,
 * or -1 after reporting why objdump's listing is unusable.
 */
static int objdump_words(unsigned xlen, uint64_t vma, const uint32_t *words,
                         unsigned n, DisText *texts, unsigned *annotations)
{
    char blob[] = "/tmp/test_disas_XXXXXX";
    char cmd[512], line[512];
    unsigned char *buf;
    unsigned nlines = 0;
    int fd, status, ok = 1;
    FILE *f;

    buf = malloc(4 * (size_t)n + 1);
    if (!buf) {
        printf("#   out of memory\n");
        test_failures++;
        return -1;
    }
    for (unsigned i = 0; i < n; i++) {
        for (unsigned b = 0; b < 4; b++) {
            buf[4 * i + b] = (unsigned char)(words[i] >> (8 * b));
        }
    }
    fd = mkstemp(blob);
    if (fd < 0) {
        printf("#   cannot create %s\n", blob);
        test_failures++;
        free(buf);
        return -1;
    }
    if ((ssize_t)(4 * (size_t)n) != write(fd, buf, 4 * (size_t)n)) {
        printf("#   cannot write %s\n", blob);
        test_failures++;
        ok = 0;
    }
    close(fd);
    free(buf);
    for (unsigned i = 0; i < n; i++) {
        texts[i].s[0] = '\0';
    }
    /* -z: objdump would otherwise fold runs of zero words into "..." */
    snprintf(cmd, sizeof(cmd),
             "%s -D -z -b binary -m riscv:rv%u -M no-aliases "
             "--adjust-vma=0x%" PRIx64 " %s 2>&1",
             objdump_path(), xlen, vma, blob);
    f = ok ? popen(cmd, "r") : NULL;
    if (!f) {
        if (ok) {
            objdump_missing("cannot run");
        }
        unlink(blob);
        return -1;
    }
    while (fgets(line, sizeof(line), f)) {
        char *p = line, *tab, *hash;
        unsigned long long addr;
        unsigned long word;
        uint64_t off;

        addr = strtoull(p, &p, 16);
        if (p[0] != ':' || p[1] != '\t') {
            continue;
        }
        word = strtoul(p + 2, &p, 16);
        tab = strchr(p, '\t');
        off = ((uint64_t)addr - vma) & xlen_mask(xlen);
        if (!tab || off % 4 || n <= off / 4 || words[off / 4] != word) {
            printf("#   unexpected objdump line: %s", line);
            test_failures++;
            continue;
        }
        p = tab + 1;
        p[strcspn(p, "\r\n")] = '\0';
        hash = strstr(p, " #");
        if (hash) {
            *hash = '\0';
            (*annotations)++;
        }
        tab = strchr(p, '\t');
        if (tab) {
            *tab = ' ';
        }
        snprintf(texts[off / 4].s, TEXT_MAX, "%s", p);
        nlines++;
    }
    status = pclose(f);
    unlink(blob);
    if (status != 0 || n != nlines) {
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
            objdump_missing("not found");
        } else {
            snprintf(line, sizeof(line),
                     "failed (status %d, %u of %u words listed)", status,
                     nlines, n);
            objdump_missing(line);
        }
        return -1;
    }
    return 0;
}

static uint32_t lcg_state = 0x9e3779b9u;

static uint32_t lcg_next(void)
{
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return lcg_state ^ (lcg_state >> 15);
}

/* ---- CSR names ---- */

/*
 * objdump's text for every CSR number (csrrs zero,<csr>,zero), and a
 * check that every CSR csr.def names has the same name in objdump.
 */
static void load_objdump_csrs(unsigned xlen)
{
    static uint32_t words[CSR_SPACE];
    static DisText texts[CSR_SPACE];
    unsigned ann = 0, extra = 0, k = xlen == 64;

    for (unsigned c = 0; c < CSR_SPACE; c++) {
        words[c] = (uint32_t)c << 20 | 0x2073;
    }
    if (objdump_words(xlen, 0, words, CSR_SPACE, texts, &ann) < 0) {
        return;
    }
    for (unsigned c = 0; c < CSR_SPACE; c++) {
        const char *ours = rv_csr_name(c);
        char hex[8], *op;

        if (strncmp(texts[c].s, "csrrs zero,", 11) ||
            !strstr(texts[c].s + 11, ",zero")) {
            printf("#   rv%u csr 0x%03x: objdump printed \"%s\"\n", xlen, c,
                   texts[c].s);
            test_failures++;
            continue;
        }
        op = texts[c].s + 11;
        op[strcspn(op, ",")] = '\0';
        snprintf(objdump_csr[k][c].s, TEXT_MAX, "%s", op);
        snprintf(hex, sizeof(hex), "0x%x", c);
        if (ours && strcmp(ours, op)) {
            printf("#   rv%u csr 0x%03x: csr.def says %s, objdump %s\n", xlen,
                   c, ours, op);
            test_failures++;
        }
        if (!ours && strcmp(op, hex)) {
            extra++;
        }
    }
    have_objdump_csr[k] = 1;
    printf("# rv%u: objdump names %u CSRs that csr.def does not\n", xlen,
           extra);
}

static void test_csr_names(void)
{
    load_objdump_csrs(32);
    load_objdump_csrs(64);
}

/* ---- comparing one instruction ---- */

/*
 * Apply rule csr_extra_name to objdump's text of a Zicsr instruction:
 * "csrrs a0,dcsr,zero" -> "csrrs a0,0x7b0,zero" when csr.def lacks 0x7b0.
 */
static void csr_extra_name(const RvDecoded *d, unsigned xlen, DisText *t,
                           Rules *rules)
{
    const char *name = objdump_csr[xlen == 64][d->csr].s;
    char *first = strchr(t->s, ','), *second, hex[8];
    DisText out;

    if (rv_csr_name(d->csr) || !have_objdump_csr[xlen == 64] || !first) {
        return;
    }
    second = strchr(first + 1, ',');
    if (!second || (size_t)(second - first - 1) != strlen(name) ||
        strncmp(first + 1, name, strlen(name)) || name[0] == '0') {
        return;
    }
    *first = '\0';
    snprintf(hex, sizeof(hex), ",0x%x", (unsigned)d->csr);
    if (strlen(t->s) + strlen(hex) + strlen(second) >= TEXT_MAX) {
        *first = ',';
        return;
    }
    strcpy(out.s, t->s);
    strcat(out.s, hex);
    strcat(out.s, second);
    *t = out;
    rules->csr_extra_name++;
}

static int is_csr_op(unsigned op)
{
    return op == RV_OP_CSRRW || op == RV_OP_CSRRS || op == RV_OP_CSRRC ||
           op == RV_OP_CSRRWI || op == RV_OP_CSRRSI || op == RV_OP_CSRRCI;
}

static void compare(const char *what, const RvDecoded *d, uint32_t shown,
                    unsigned xlen, uint64_t pc, DisText *want, Rules *rules)
{
    char got[TEXT_MAX];

    if (is_csr_op(d->op)) {
        csr_extra_name(d, xlen, want, rules);
    }
    rv_disas(d, pc, xlen, got, sizeof(got));
    n_compared++;
    if (strcmp(got, want->s)) {
        report(what, xlen, shown, pc, got, want->s);
    }
}

/* ---- (a) random valid 32-bit encodings ---- */

/* the fields a mutation may clear or refill: rd rs1 rs2 funct3 funct7 imm12 */
static const struct {
    unsigned pos, len;
} mut_fields[] = {{7, 5}, {15, 5}, {20, 5}, {12, 3}, {25, 7}, {20, 12}};

/*
 * Random words our decoder accepts, up to CORPUS_PER_OP distinct ones per
 * op. Half are fresh random words; the rest are kept words with random bits
 * flipped or a random field cleared or refilled, which reaches the
 * encodings a fresh word almost never hits (ecall, mret, sfence.vma).
 * Returns the number of words in out[].
 */
static unsigned random_corpus(unsigned xlen, uint32_t *out, unsigned max)
{
    static uint32_t kept[RV_OP__COUNT][CORPUS_PER_OP];
    unsigned count[RV_OP__COUNT] = {0};
    unsigned found[RV_OP__COUNT], n_found = 0, n = 0;

    for (unsigned t = 0; t < CORPUS_TRIES; t++) {
        uint32_t r = lcg_next(), w;
        unsigned op;
        RvDecoded d;
        int dup = 0;

        if (n_found == 0 || (r & 1) == 0) {
            w = lcg_next();
        } else {
            unsigned k = found[(r >> 1) % n_found];
            unsigned f =
                (r >> 12) % (sizeof(mut_fields) / sizeof(mut_fields[0]));
            uint32_t mask = ((1u << mut_fields[f].len) - 1)
                            << mut_fields[f].pos;

            w = kept[k][(r >> 8) % count[k]];
            switch ((r >> 20) % 3) {
            case 0:
                for (unsigned b = 1 + (r >> 24) % 3; b; b--) {
                    w ^= 1u << (2 + lcg_next() % 30);
                }
                break;
            case 1:
                w &= ~mask;
                break;
            default:
                w = (w & ~mask) | (lcg_next() & mask);
                break;
            }
        }
        w |= 3;
        op = rv_decode(w, xlen, &d);
        if (op == RV_OP_ILLEGAL || count[op] >= CORPUS_PER_OP) {
            continue;
        }
        for (unsigned i = 0; i < count[op]; i++) {
            dup |= kept[op][i] == w;
        }
        if (dup) {
            continue;
        }
        if (count[op] == 0) {
            found[n_found++] = op;
        }
        kept[op][count[op]++] = w;
    }
    for (unsigned k = 0; k < RV_OP__COUNT; k++) {
        for (unsigned i = 0; i < count[k] && n < max; i++) {
            out[n++] = kept[k][i];
        }
    }
    printf("# rv%u corpus: %u words, %u ops\n", xlen, n, n_found);
    return n;
}

static int is_fcvt_d_exact(unsigned op)
{
    return op == RV_OP_FCVT_D_S || op == RV_OP_FCVT_D_W ||
           op == RV_OP_FCVT_D_WU;
}

/*
 * The word with FENCE/FENCE.I reserved fields cleared (rule
 * fence_reserved), or an exact fcvt.d's rm (rule fcvt_d_rm)
 */
static uint32_t fence_cleared(const RvDecoded *d, uint32_t w)
{
    if (is_fcvt_d_exact(d->op)) {
        return w & ~UINT32_C(0x7000);
    }
    if (d->op == RV_OP_FENCE_I) {
        return 0x0000100f;
    }
    w &= 0xfff0707f;
    if ((w >> 20) != 0x833) {
        w &= 0x0fffffff;
    }
    return w;
}

static void check_corpus(unsigned xlen, const uint32_t *words, unsigned n,
                         uint64_t vma)
{
    uint32_t *all = malloc(2 * (size_t)n * sizeof(*all));
    DisText *texts = malloc(2 * (size_t)n * sizeof(*texts));
    unsigned *ref = malloc((size_t)n * sizeof(*ref));
    unsigned n_all = n;
    Rules rules = {0};

    if (!all || !texts || !ref) {
        printf("#   out of memory\n");
        test_failures++;
        free(all);
        free(texts);
        free(ref);
        return;
    }
    /* words first, then the fence_reserved references, in one listing */
    memcpy(all, words, (size_t)n * sizeof(*all));
    for (unsigned i = 0; i < n; i++) {
        RvDecoded d;

        rv_decode(words[i], xlen, &d);
        ref[i] = i;
        if (d.op == RV_OP_FENCE || d.op == RV_OP_FENCE_I ||
            is_fcvt_d_exact(d.op)) {
            uint32_t c = fence_cleared(&d, words[i]);

            if (c != words[i]) {
                ref[i] = n_all;
                all[n_all++] = c;
            }
        }
    }
    if (objdump_words(xlen, vma, all, n_all, texts, &rules.annotation) == 0) {
        for (unsigned i = 0; i < n; i++) {
            uint64_t pc = (vma + 4 * (uint64_t)i) & xlen_mask(xlen);
            DisText want = texts[i];
            RvDecoded d;

            rv_decode(words[i], xlen, &d);
            if (ref[i] != i && !strncmp(want.s, ".4byte ", 7)) {
                want = texts[ref[i]];
                if (is_fcvt_d_exact(d.op)) {
                    rules.fcvt_d_rm++;
                } else {
                    rules.fence_reserved++;
                }
            }
            compare(rv_op_names[d.op], &d, words[i], xlen, pc, &want, &rules);
        }
    }
    printf("# rv%u corpus at 0x%" PRIx64 ": rules annotation %u, "
           "csr_extra_name %u, fence_reserved %u, fcvt_d_rm %u\n",
           xlen, vma, rules.annotation, rules.csr_extra_name,
           rules.fence_reserved, rules.fcvt_d_rm);
    rules_total.annotation += rules.annotation;
    rules_total.csr_extra_name += rules.csr_extra_name;
    rules_total.fence_reserved += rules.fence_reserved;
    rules_total.fcvt_d_rm += rules.fcvt_d_rm;
    free(all);
    free(texts);
    free(ref);
}

static void test_random_corpus(void)
{
    static uint32_t words[RV_OP__COUNT * CORPUS_PER_OP];
    unsigned seen[RV_OP__COUNT] = {0};

    for (unsigned xlen = 32; xlen <= 64; xlen += 32) {
        unsigned n = random_corpus(xlen, words, RV_OP__COUNT * CORPUS_PER_OP);

        for (unsigned i = 0; i < n; i++) {
            RvDecoded d;

            seen[rv_decode(words[i], xlen, &d)]++;
        }
        /* 0: targets below 0 wrap; 0xfffff000: targets cross 2^32 */
        check_corpus(xlen, words, n, 0);
        check_corpus(xlen, words, n, 0xfffff000u);
    }
    for (unsigned k = 1; k < RV_OP__COUNT; k++) {
        if (seen[k] == 0) {
            printf("#   op %s is in no corpus\n", rv_op_names[k]);
            test_failures++;
        }
    }
}

/* ---- (b) every valid 16-bit encoding, via its 32-bit expansion ---- */

/*
 * The 32-bit encoding of a decoded record, for the ops compressed
 * instructions expand to; MATCH values from the ISA manual's opcode
 * tables. Returns 0 for an op not listed.
 */
typedef enum EncFmt {
    ENC_R,
    ENC_I,
    ENC_S,
    ENC_B,
    ENC_U,
    ENC_J,
    ENC_SYS
} EncFmt;

static const struct {
    RvOp op;
    uint32_t match;
    EncFmt fmt;
} enc_table[] = {
    {RV_OP_ADDI, 0x00000013, ENC_I},     {RV_OP_ADDIW, 0x0000001b, ENC_I},
    {RV_OP_ANDI, 0x00007013, ENC_I},     {RV_OP_SLLI, 0x00001013, ENC_I},
    {RV_OP_SRLI, 0x00005013, ENC_I},     {RV_OP_SRAI, 0x40005013, ENC_I},
    {RV_OP_LW, 0x00002003, ENC_I},       {RV_OP_LD, 0x00003003, ENC_I},
    {RV_OP_JALR, 0x00000067, ENC_I},     {RV_OP_SW, 0x00002023, ENC_S},
    {RV_OP_SD, 0x00003023, ENC_S},       {RV_OP_BEQ, 0x00000063, ENC_B},
    {RV_OP_BNE, 0x00001063, ENC_B},      {RV_OP_LUI, 0x00000037, ENC_U},
    {RV_OP_JAL, 0x0000006f, ENC_J},      {RV_OP_ADD, 0x00000033, ENC_R},
    {RV_OP_SUB, 0x40000033, ENC_R},      {RV_OP_XOR, 0x00004033, ENC_R},
    {RV_OP_OR, 0x00006033, ENC_R},       {RV_OP_AND, 0x00007033, ENC_R},
    {RV_OP_ADDW, 0x0000003b, ENC_R},     {RV_OP_SUBW, 0x4000003b, ENC_R},
    {RV_OP_EBREAK, 0x00100073, ENC_SYS},
    {RV_OP_FLW, 0x00002007, ENC_I},      {RV_OP_FLD, 0x00003007, ENC_I},
    {RV_OP_FSW, 0x00002027, ENC_S},      {RV_OP_FSD, 0x00003027, ENC_S},
};

static uint32_t encode32(const RvDecoded *d)
{
    uint32_t imm = (uint32_t)d->imm;
    uint32_t rd = (uint32_t)d->rd << 7, rs1 = (uint32_t)d->rs1 << 15;
    uint32_t rs2 = (uint32_t)d->rs2 << 20;

    for (unsigned i = 0; i < sizeof(enc_table) / sizeof(enc_table[0]); i++) {
        uint32_t m = enc_table[i].match;

        if (enc_table[i].op != d->op) {
            continue;
        }
        switch (enc_table[i].fmt) {
        case ENC_R:
            return m | rs2 | rs1 | rd;
        case ENC_I:
            /* shifts: shamt fits below funct6/funct7, so OR is exact */
            return m | (imm & 0xfff) << 20 | rs1 | rd;
        case ENC_S:
            return m | (imm >> 5 & 0x7f) << 25 | rs2 | rs1 | (imm & 0x1f) << 7;
        case ENC_B:
            return m | (imm >> 12 & 1) << 31 | (imm >> 5 & 0x3f) << 25 | rs2 |
                   rs1 | (imm >> 1 & 0xf) << 8 | (imm >> 11 & 1) << 7;
        case ENC_U:
            return m | (imm & 0xfffff000) | rd;
        case ENC_J:
            return m | (imm >> 20 & 1) << 31 | (imm >> 1 & 0x3ff) << 21 |
                   (imm >> 11 & 1) << 20 | (imm >> 12 & 0xff) << 12 | rd;
        case ENC_SYS:
            return m;
        }
    }
    return 0;
}

static int same_fields(const RvDecoded *a, const RvDecoded *b)
{
    return a->op == b->op && a->rd == b->rd && a->rs1 == b->rs1 &&
           a->rs2 == b->rs2 && a->imm == b->imm;
}

static void check_rvc(unsigned xlen)
{
    static uint32_t words[0x10000];
    static uint16_t rvc[0x10000];
    static DisText texts[0x10000];
    unsigned n = 0;
    Rules rules = {0};

    for (uint32_t v = 0; v < 0x10000; v++) {
        RvDecoded d, d32;

        if ((v & 3) == 3 || rv_decode(v, xlen, &d) == RV_OP_ILLEGAL) {
            continue;
        }
        words[n] = encode32(&d);
        /* the expansion must decode to the same record (bar len and raw) */
        rv_decode(words[n], xlen, &d32);
        if (!words[n] || !same_fields(&d, &d32)) {
            printf("#   rv%u 0x%04" PRIx32 " (%s): no 32-bit expansion "
                   "(got 0x%08" PRIx32 ")\n",
                   xlen, v, rv_op_names[d.op], words[n]);
            test_failures++;
            continue;
        }
        rvc[n++] = (uint16_t)v;
    }
    printf("# rv%u: %u valid 16-bit encodings\n", xlen, n);
    CHECK(n > 20000);
    if (objdump_words(xlen, 0, words, n, texts, &rules.annotation) == 0) {
        for (unsigned i = 0; i < n; i++) {
            RvDecoded d;

            rv_decode(rvc[i], xlen, &d);
            compare("rvc", &d, rvc[i], xlen, 4 * (uint64_t)i, &texts[i],
                    &rules);
        }
    }
    printf("# rv%u rvc: rules annotation %u, csr_extra_name %u, "
           "fence_reserved %u\n",
           xlen, rules.annotation, rules.csr_extra_name, rules.fence_reserved);
    rules_total.annotation += rules.annotation;
    rules_total.csr_extra_name += rules.csr_extra_name;
    rules_total.fence_reserved += rules.fence_reserved;
}

static void test_rvc(void)
{
    check_rvc(32);
    check_rvc(64);
}

static void test_summary(void)
{
    printf("# %u instructions compared with objdump; rules applied: "
           "annotation %u, csr_extra_name %u, fence_reserved %u, "
           "fcvt_d_rm %u\n",
           n_compared, rules_total.annotation, rules_total.csr_extra_name,
           rules_total.fence_reserved, rules_total.fcvt_d_rm);
    CHECK(n_compared > 0);
}

TEST_MAIN({"exact strings", test_exact},
          {"snprintf-like truncation", test_truncation},
          {"csr names vs objdump", test_csr_names},
          {"random 32-bit encodings vs objdump", test_random_corpus},
          {"16-bit encodings (expanded) vs objdump", test_rvc},
          {"summary", test_summary})
