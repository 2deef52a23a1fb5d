/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * interp: a small register-machine bytecode interpreter (switch dispatch,
 * an indirect jump and unpredictable branches per bytecode, as in any
 * interpreter loop) running a program that mixes a linear congruential
 * sequence into an accumulator and a 256-word memory, taking one of two
 * paths at random each iteration.
 */
#include "bench.h"

#define ITERS (800000UL * BENCH_SCALE)

enum op { LI, ADD, XOR, MUL, ADDI, ANDI, SHRI, SHLI, LOAD, STORE, JLT, JMP,
          JNZ, HALT };

typedef struct insn {
    uint8_t op, d, a, b;
    int32_t imm;    /* immediate or branch target */
} insn;

static uint64_t mem[256];

/* r0 counts down, r1 = LCG state, r2 = accumulator, r3 = LCG multiplier */
static const insn prog[] = {
    /*  0 */ { LI, 0, 0, 0, ITERS },
    /*  1 */ { LI, 1, 0, 0, 12345 },
    /*  2 */ { LI, 2, 0, 0, 0 },
    /*  3 */ { LI, 3, 0, 0, 1103515245 },
    /*  4 */ { MUL, 1, 1, 3, 0 },          /* loop: */
    /*  5 */ { ADDI, 1, 1, 0, 12345 },
    /*  6 */ { SHRI, 4, 1, 0, 16 },
    /*  7 */ { ANDI, 5, 4, 0, 7 },
    /*  8 */ { LI, 6, 0, 0, 3 },
    /*  9 */ { JLT, 0, 5, 6, 15 },         /* r5 < 3: to "small" */
    /* 10 */ { ADD, 2, 2, 4, 0 },
    /* 11 */ { ANDI, 7, 4, 0, 255 },
    /* 12 */ { STORE, 0, 7, 2, 0 },        /* mem[r7] = r2 */
    /* 13 */ { SHLI, 6, 2, 0, 7 },
    /* 14 */ { JMP, 0, 0, 0, 19 },
    /* 15 */ { ANDI, 7, 1, 0, 255 },       /* small: */
    /* 16 */ { LOAD, 6, 7, 0, 0 },         /* r6 = mem[r7] */
    /* 17 */ { XOR, 2, 2, 6, 0 },
    /* 18 */ { SHRI, 6, 2, 0, 3 },
    /* 19 */ { XOR, 2, 2, 6, 0 },          /* next: */
    /* 20 */ { ADDI, 0, 0, 0, -1 },
    /* 21 */ { JNZ, 0, 0, 0, 4 },
    /* 22 */ { HALT, 0, 0, 0, 0 },
};

static uint64_t run(const insn *code, uint64_t *r)
{
    const insn *pc = code;

    for (;;) {
        const insn *i = pc++;

        switch (i->op) {
        case LI:    r[i->d] = (uint64_t)(int64_t)i->imm; break;
        case ADD:   r[i->d] = r[i->a] + r[i->b]; break;
        case XOR:   r[i->d] = r[i->a] ^ r[i->b]; break;
        case MUL:   r[i->d] = r[i->a] * r[i->b]; break;
        case ADDI:  r[i->d] = r[i->a] + (uint64_t)(int64_t)i->imm; break;
        case ANDI:  r[i->d] = r[i->a] & (uint64_t)(int64_t)i->imm; break;
        case SHRI:  r[i->d] = r[i->a] >> i->imm; break;
        case SHLI:  r[i->d] = r[i->a] << i->imm; break;
        case LOAD:  r[i->d] = mem[r[i->a] & 255]; break;
        case STORE: mem[r[i->a] & 255] = r[i->b]; break;
        case JLT:   if (r[i->a] < r[i->b]) pc = code + i->imm; break;
        case JMP:   pc = code + i->imm; break;
        case JNZ:   if (r[i->d]) pc = code + i->imm; break;
        case HALT:  return r[2];
        default:    return 0;
        }
    }
}

int main(void)
{
    uint64_t r[8] = { 0 };
    uint64_t sum = run(prog, r);

    for (int i = 0; i < 256; i++) {
        sum = sum * 31 + mem[i];
    }
    bench_result("interp", sum);
    return 0;
}
