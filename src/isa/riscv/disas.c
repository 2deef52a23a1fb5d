/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V disassembler: decoded record -> GNU objdump "-M no-aliases" text.
 * Mnemonics come from the decoder's rv_op_names[], CSR names from csr.def.
 */
#include "disas.h"

#include <assert.h>
#include <inttypes.h>
#include <stdio.h>

#include "cpu.h"

/* Operand layouts, named after what objdump prints. */
typedef enum RvDisasFmt {
    RV_DFMT_NONE,   /* ecall */
    RV_DFMT_R,      /* add rd,rs1,rs2 */
    RV_DFMT_I,      /* addi rd,rs1,imm */
    RV_DFMT_SHIFT,  /* slli rd,rs1,0xshamt */
    RV_DFMT_LOAD,   /* lw rd,imm(rs1); also jalr */
    RV_DFMT_STORE,  /* sw rs2,imm(rs1) */
    RV_DFMT_BRANCH, /* beq rs1,rs2,target */
    RV_DFMT_U,      /* lui rd,0ximm20 */
    RV_DFMT_JAL,    /* jal rd,target */
    RV_DFMT_CSR,    /* csrrw rd,csr,rs1 */
    RV_DFMT_CSRI,   /* csrrwi rd,csr,uimm */
    RV_DFMT_AMO,    /* amoadd.w[.aq|.rl|.aqrl] rd,rs2,(rs1); also sc */
    RV_DFMT_LR,     /* lr.w[.aq|.rl|.aqrl] rd,(rs1) */
    RV_DFMT_FENCE,  /* fence pred,succ / fence.tso */
    RV_DFMT_SFENCE, /* sfence.vma rs1,rs2 */
    RV_DFMT_FLOAD,  /* flw fd,imm(rs1) */
    RV_DFMT_FSTORE, /* fsw fs2,imm(rs1) */
    RV_DFMT_FR4,    /* fmadd.s fd,fs1,fs2,fs3[,rm] */
    RV_DFMT_FR_RM,  /* fadd.s fd,fs1,fs2[,rm] */
    RV_DFMT_FR,     /* fsgnj.s fd,fs1,fs2 */
    RV_DFMT_FCMP,   /* feq.s rd,fs1,fs2 */
    RV_DFMT_FR2_RM, /* fsqrt.s fd,fs1[,rm] */
    RV_DFMT_FR2,    /* fcvt.d.s fd,fs1 (exact: no rm shown) */
    RV_DFMT_XF_RM,  /* fcvt.w.s rd,fs1[,rm] */
    RV_DFMT_XF,     /* fmv.x.w rd,fs1; fclass.s */
    RV_DFMT_FX_RM,  /* fcvt.s.w fd,rs1[,rm] */
    RV_DFMT_FX,     /* fmv.w.x fd,rs1; fcvt.d.w (exact) */
    RV_DFMT_ILLEGAL,
} RvDisasFmt;

/* FENCE fm/pred/succ (unprivileged spec, "Memory Ordering Instructions") */
#define RV_FENCE_FM_SHIFT 8
#define RV_FENCE_PRED_SHIFT 4
#define RV_FENCE_SET_MASK 0xfu
#define RV_FENCE_FM_TSO 0x8u
#define RV_FENCE_RW 0x3u

const char *const rv_gpr_abi_names[32] = {
    "zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "s0", "s1", "a0",
    "a1",   "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
    "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

const char *const rv_fpr_abi_names[32] = {
    "ft0", "ft1", "ft2",  "ft3",  "ft4", "ft5", "ft6",  "ft7",
    "fs0", "fs1", "fa0",  "fa1",  "fa2", "fa3", "fa4",  "fa5",
    "fa6", "fa7", "fs2",  "fs3",  "fs4", "fs5", "fs6",  "fs7",
    "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

/*
 * No default: -Wswitch then names any op added to riscv.decode without a
 * layout here.
 */
static RvDisasFmt rv_disas_fmt(RvOp op)
{
    switch (op) {
    case RV_OP_ECALL:
    case RV_OP_EBREAK:
    case RV_OP_FENCE_I:
    case RV_OP_SRET:
    case RV_OP_MRET:
    case RV_OP_WFI:
        return RV_DFMT_NONE;
    case RV_OP_ADD:
    case RV_OP_SUB:
    case RV_OP_SLL:
    case RV_OP_SLT:
    case RV_OP_SLTU:
    case RV_OP_XOR:
    case RV_OP_SRL:
    case RV_OP_SRA:
    case RV_OP_OR:
    case RV_OP_AND:
    case RV_OP_ADDW:
    case RV_OP_SUBW:
    case RV_OP_SLLW:
    case RV_OP_SRLW:
    case RV_OP_SRAW:
    case RV_OP_MUL:
    case RV_OP_MULH:
    case RV_OP_MULHSU:
    case RV_OP_MULHU:
    case RV_OP_DIV:
    case RV_OP_DIVU:
    case RV_OP_REM:
    case RV_OP_REMU:
    case RV_OP_MULW:
    case RV_OP_DIVW:
    case RV_OP_DIVUW:
    case RV_OP_REMW:
    case RV_OP_REMUW:
        return RV_DFMT_R;
    case RV_OP_ADDI:
    case RV_OP_SLTI:
    case RV_OP_SLTIU:
    case RV_OP_XORI:
    case RV_OP_ORI:
    case RV_OP_ANDI:
    case RV_OP_ADDIW:
        return RV_DFMT_I;
    case RV_OP_SLLI:
    case RV_OP_SRLI:
    case RV_OP_SRAI:
    case RV_OP_SLLIW:
    case RV_OP_SRLIW:
    case RV_OP_SRAIW:
        return RV_DFMT_SHIFT;
    case RV_OP_JALR:
    case RV_OP_LB:
    case RV_OP_LH:
    case RV_OP_LW:
    case RV_OP_LD:
    case RV_OP_LBU:
    case RV_OP_LHU:
    case RV_OP_LWU:
        return RV_DFMT_LOAD;
    case RV_OP_SB:
    case RV_OP_SH:
    case RV_OP_SW:
    case RV_OP_SD:
        return RV_DFMT_STORE;
    case RV_OP_BEQ:
    case RV_OP_BNE:
    case RV_OP_BLT:
    case RV_OP_BGE:
    case RV_OP_BLTU:
    case RV_OP_BGEU:
        return RV_DFMT_BRANCH;
    case RV_OP_LUI:
    case RV_OP_AUIPC:
        return RV_DFMT_U;
    case RV_OP_JAL:
        return RV_DFMT_JAL;
    case RV_OP_CSRRW:
    case RV_OP_CSRRS:
    case RV_OP_CSRRC:
        return RV_DFMT_CSR;
    case RV_OP_CSRRWI:
    case RV_OP_CSRRSI:
    case RV_OP_CSRRCI:
        return RV_DFMT_CSRI;
    case RV_OP_SC_W:
    case RV_OP_AMOSWAP_W:
    case RV_OP_AMOADD_W:
    case RV_OP_AMOXOR_W:
    case RV_OP_AMOAND_W:
    case RV_OP_AMOOR_W:
    case RV_OP_AMOMIN_W:
    case RV_OP_AMOMAX_W:
    case RV_OP_AMOMINU_W:
    case RV_OP_AMOMAXU_W:
    case RV_OP_SC_D:
    case RV_OP_AMOSWAP_D:
    case RV_OP_AMOADD_D:
    case RV_OP_AMOXOR_D:
    case RV_OP_AMOAND_D:
    case RV_OP_AMOOR_D:
    case RV_OP_AMOMIN_D:
    case RV_OP_AMOMAX_D:
    case RV_OP_AMOMINU_D:
    case RV_OP_AMOMAXU_D:
        return RV_DFMT_AMO;
    case RV_OP_LR_W:
    case RV_OP_LR_D:
        return RV_DFMT_LR;
    case RV_OP_FENCE:
        return RV_DFMT_FENCE;
    case RV_OP_SFENCE_VMA:
        return RV_DFMT_SFENCE;
    case RV_OP_FLW:
    case RV_OP_FLD:
        return RV_DFMT_FLOAD;
    case RV_OP_FSW:
    case RV_OP_FSD:
        return RV_DFMT_FSTORE;
    case RV_OP_FMADD_S:
    case RV_OP_FMSUB_S:
    case RV_OP_FNMSUB_S:
    case RV_OP_FNMADD_S:
    case RV_OP_FMADD_D:
    case RV_OP_FMSUB_D:
    case RV_OP_FNMSUB_D:
    case RV_OP_FNMADD_D:
        return RV_DFMT_FR4;
    case RV_OP_FADD_S:
    case RV_OP_FSUB_S:
    case RV_OP_FMUL_S:
    case RV_OP_FDIV_S:
    case RV_OP_FADD_D:
    case RV_OP_FSUB_D:
    case RV_OP_FMUL_D:
    case RV_OP_FDIV_D:
        return RV_DFMT_FR_RM;
    case RV_OP_FSGNJ_S:
    case RV_OP_FSGNJN_S:
    case RV_OP_FSGNJX_S:
    case RV_OP_FMIN_S:
    case RV_OP_FMAX_S:
    case RV_OP_FSGNJ_D:
    case RV_OP_FSGNJN_D:
    case RV_OP_FSGNJX_D:
    case RV_OP_FMIN_D:
    case RV_OP_FMAX_D:
        return RV_DFMT_FR;
    case RV_OP_FEQ_S:
    case RV_OP_FLT_S:
    case RV_OP_FLE_S:
    case RV_OP_FEQ_D:
    case RV_OP_FLT_D:
    case RV_OP_FLE_D:
        return RV_DFMT_FCMP;
    case RV_OP_FSQRT_S:
    case RV_OP_FSQRT_D:
    case RV_OP_FCVT_S_D:
        return RV_DFMT_FR2_RM;
    case RV_OP_FCVT_D_S:
        return RV_DFMT_FR2;
    case RV_OP_FCVT_W_S:
    case RV_OP_FCVT_WU_S:
    case RV_OP_FCVT_L_S:
    case RV_OP_FCVT_LU_S:
    case RV_OP_FCVT_W_D:
    case RV_OP_FCVT_WU_D:
    case RV_OP_FCVT_L_D:
    case RV_OP_FCVT_LU_D:
        return RV_DFMT_XF_RM;
    case RV_OP_FMV_X_W:
    case RV_OP_FCLASS_S:
    case RV_OP_FMV_X_D:
    case RV_OP_FCLASS_D:
        return RV_DFMT_XF;
    case RV_OP_FCVT_S_W:
    case RV_OP_FCVT_S_WU:
    case RV_OP_FCVT_S_L:
    case RV_OP_FCVT_S_LU:
    case RV_OP_FCVT_D_L:
    case RV_OP_FCVT_D_LU:
        return RV_DFMT_FX_RM;
    case RV_OP_FMV_W_X:
    case RV_OP_FMV_D_X:
    case RV_OP_FCVT_D_W:
    case RV_OP_FCVT_D_WU:
        return RV_DFMT_FX;
    case RV_OP_ILLEGAL:
    case RV_OP__COUNT:
        return RV_DFMT_ILLEGAL;
    }
    return RV_DFMT_ILLEGAL;
}

/* objdump's spelling of a fence predecessor/successor set */
static const char *rv_fence_set(unsigned set)
{
    static const char *const names[16] = {
        "unknown", "w",  "r",  "rw",  "o",  "ow",  "or",  "orw",
        "i",       "iw", "ir", "irw", "io", "iow", "ior", "iorw",
    };

    return names[set & RV_FENCE_SET_MASK];
}

static const char *rv_aqrl_suffix(const RvDecoded *d)
{
    if (d->aq && d->rl) {
        return ".aqrl";
    }
    if (d->aq) {
        return ".aq";
    }
    return d->rl ? ".rl" : "";
}

/* the CSR's name, or its number in hex (written to tmp) when unnamed */
static const char *rv_csr_text(unsigned csrno, char *tmp, size_t size)
{
    const char *name = rv_csr_name(csrno);

    if (name) {
        return name;
    }
    snprintf(tmp, size, "0x%x", csrno);
    return tmp;
}

/*
 * objdump's rounding-mode operand: none for dyn (7), the mode's name,
 * or "unknown" for the reserved 5 and 6
 */
static const char *rv_rm_suffix(unsigned rm)
{
    static const char *const names[8] = {
        ",rne", ",rtz", ",rdn", ",rup", ",rmm", ",unknown", ",unknown", "",
    };

    return names[rm & 7];
}

static int rv_disas_fence(const RvDecoded *d, char *buf, size_t len)
{
    unsigned fm = ((uint32_t)d->imm >> RV_FENCE_FM_SHIFT) & RV_FENCE_SET_MASK;
    unsigned pred =
        ((uint32_t)d->imm >> RV_FENCE_PRED_SHIFT) & RV_FENCE_SET_MASK;
    unsigned succ = (uint32_t)d->imm & RV_FENCE_SET_MASK;

    if (fm == RV_FENCE_FM_TSO && pred == RV_FENCE_RW && succ == RV_FENCE_RW) {
        return snprintf(buf, len, "fence.tso");
    }
    /* any other fm is reserved and executes as this plain fence */
    return snprintf(buf, len, "fence %s,%s", rv_fence_set(pred),
                    rv_fence_set(succ));
}

size_t rv_disas(const RvDecoded *d, uint64_t pc, unsigned xlen, char *buf,
                size_t len)
{
    const char *mn, *rd, *rs1, *rs2, *frd, *frs1, *frs2, *frs3, *rm;
    char csr[8];
    uint64_t target;
    int n = 0;

    assert(d && d->op < RV_OP__COUNT);
    assert(xlen == 32 || xlen == 64);
    assert(buf || len == 0);

    mn = rv_op_names[d->op];
    rd = rv_gpr_abi_names[d->rd & 31];
    rs1 = rv_gpr_abi_names[d->rs1 & 31];
    rs2 = rv_gpr_abi_names[d->rs2 & 31];
    frd = rv_fpr_abi_names[d->rd & 31];
    frs1 = rv_fpr_abi_names[d->rs1 & 31];
    frs2 = rv_fpr_abi_names[d->rs2 & 31];
    frs3 = rv_fpr_abi_names[d->rs3 & 31];
    rm = rv_rm_suffix(d->rm);
    target = pc + (uint64_t)(int64_t)d->imm;
    if (xlen == 32) {
        target &= UINT32_MAX;
    }

    switch (rv_disas_fmt((RvOp)d->op)) {
    case RV_DFMT_NONE:
        n = snprintf(buf, len, "%s", mn);
        break;
    case RV_DFMT_R:
        n = snprintf(buf, len, "%s %s,%s,%s", mn, rd, rs1, rs2);
        break;
    case RV_DFMT_I:
        n = snprintf(buf, len, "%s %s,%s,%" PRId32, mn, rd, rs1, d->imm);
        break;
    case RV_DFMT_SHIFT:
        n = snprintf(buf, len, "%s %s,%s,0x%" PRIx32, mn, rd, rs1,
                     (uint32_t)d->imm);
        break;
    case RV_DFMT_LOAD:
        n = snprintf(buf, len, "%s %s,%" PRId32 "(%s)", mn, rd, d->imm, rs1);
        break;
    case RV_DFMT_STORE:
        n = snprintf(buf, len, "%s %s,%" PRId32 "(%s)", mn, rs2, d->imm, rs1);
        break;
    case RV_DFMT_BRANCH:
        n = snprintf(buf, len, "%s %s,%s,0x%" PRIx64, mn, rs1, rs2, target);
        break;
    case RV_DFMT_U:
        /* objdump shows the 20-bit field, not the shifted value */
        n = snprintf(buf, len, "%s %s,0x%" PRIx32, mn, rd,
                     (uint32_t)d->imm >> 12);
        break;
    case RV_DFMT_JAL:
        n = snprintf(buf, len, "%s %s,0x%" PRIx64, mn, rd, target);
        break;
    case RV_DFMT_CSR:
        n = snprintf(buf, len, "%s %s,%s,%s", mn, rd,
                     rv_csr_text(d->csr, csr, sizeof(csr)), rs1);
        break;
    case RV_DFMT_CSRI:
        /* the uimm sits in the rs1 field */
        n = snprintf(buf, len, "%s %s,%s,%u", mn, rd,
                     rv_csr_text(d->csr, csr, sizeof(csr)), (unsigned)d->rs1);
        break;
    case RV_DFMT_AMO:
        n = snprintf(buf, len, "%s%s %s,%s,(%s)", mn, rv_aqrl_suffix(d), rd,
                     rs2, rs1);
        break;
    case RV_DFMT_LR:
        n = snprintf(buf, len, "%s%s %s,(%s)", mn, rv_aqrl_suffix(d), rd, rs1);
        break;
    case RV_DFMT_FENCE:
        n = rv_disas_fence(d, buf, len);
        break;
    case RV_DFMT_SFENCE:
        n = snprintf(buf, len, "%s %s,%s", mn, rs1, rs2);
        break;
    case RV_DFMT_FLOAD:
        n = snprintf(buf, len, "%s %s,%" PRId32 "(%s)", mn, frd, d->imm, rs1);
        break;
    case RV_DFMT_FSTORE:
        n = snprintf(buf, len, "%s %s,%" PRId32 "(%s)", mn, frs2, d->imm,
                     rs1);
        break;
    case RV_DFMT_FR4:
        n = snprintf(buf, len, "%s %s,%s,%s,%s%s", mn, frd, frs1, frs2, frs3,
                     rm);
        break;
    case RV_DFMT_FR_RM:
        n = snprintf(buf, len, "%s %s,%s,%s%s", mn, frd, frs1, frs2, rm);
        break;
    case RV_DFMT_FR:
        n = snprintf(buf, len, "%s %s,%s,%s", mn, frd, frs1, frs2);
        break;
    case RV_DFMT_FCMP:
        n = snprintf(buf, len, "%s %s,%s,%s", mn, rd, frs1, frs2);
        break;
    case RV_DFMT_FR2_RM:
        n = snprintf(buf, len, "%s %s,%s%s", mn, frd, frs1, rm);
        break;
    case RV_DFMT_FR2:
        n = snprintf(buf, len, "%s %s,%s", mn, frd, frs1);
        break;
    case RV_DFMT_XF_RM:
        n = snprintf(buf, len, "%s %s,%s%s", mn, rd, frs1, rm);
        break;
    case RV_DFMT_XF:
        n = snprintf(buf, len, "%s %s,%s", mn, rd, frs1);
        break;
    case RV_DFMT_FX_RM:
        n = snprintf(buf, len, "%s %s,%s%s", mn, frd, rs1, rm);
        break;
    case RV_DFMT_FX:
        n = snprintf(buf, len, "%s %s,%s", mn, frd, rs1);
        break;
    case RV_DFMT_ILLEGAL:
        n = snprintf(buf, len,
                     d->len == 2 ? "illegal 0x%04" PRIx32
                                 : "illegal 0x%08" PRIx32,
                     d->raw);
        break;
    }
    return n < 0 ? 0 : (size_t)n;
}
