/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SiFive PLIC (RISC-V PLIC Specification 1.0.0, "Memory Map") with QEMU
 * virt's configuration: 7 priority levels, M and S contexts per hart,
 * level-triggered gateways, claim/complete per context.
 */
#include "sifive_plic.h"

#include <assert.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>

#include "log.h"

/* Register offsets (PLIC spec, "Memory Map"). */
typedef enum PlicReg {
    PLIC_PRIORITY = 0x000000,  /* interrupt source priority[source] */
    PLIC_PENDING = 0x001000,   /* interrupt pending bits, 32 per word */
    PLIC_ENABLE = 0x002000,    /* enable bits for sources on context[c] */
    PLIC_THRESHOLD = 0x200000, /* priority threshold for context[c] */
    PLIC_CLAIM = 0x200004,     /* claim/complete for context[c] */
    PLIC_RESERVED = PLIC_WINDOW_SIZE, /* not a register: anything else */
} PlicReg;

#define PLIC_PRIORITY_STRIDE 4
#define PLIC_PENDING_STRIDE 4
#define PLIC_ENABLE_STRIDE 0x80    /* per context */
#define PLIC_CONTEXT_STRIDE 0x1000 /* threshold and claim, per context */

/*
 * QEMU virt has 7 priorities; 8 is a power of two, so priority is a
 * 3-bit WARL field. A threshold above 7 is not legal and is ignored.
 */
#define PLIC_PRIORITY_SHIFT 0
#define PLIC_PRIORITY_MASK 0x7u
#define PLIC_MAX_PRIORITY PLIC_PRIORITY_MASK

#define PLIC_CONTEXTS_PER_HART 2 /* M-mode, then S-mode */
#define PLIC_WORD_BITS 32

struct Plic {
    unsigned n_contexts;
    unsigned n_sources;  /* counting the reserved source 0 */
    unsigned n_words;    /* 32-bit words in one bitmap of n_sources bits */
    uint32_t *priority;  /* [n_sources] */
    uint32_t *pending;   /* [n_words] */
    uint32_t *claimed;   /* [n_words]: in service, between claim and complete */
    uint32_t *level;     /* [n_words]: input levels */
    uint32_t *enable;    /* [n_contexts * n_words] */
    uint32_t *threshold; /* [n_contexts] */
    IrqLine *out;        /* [n_contexts] */
    bool *out_level;     /* [n_contexts]: what out[] was last driven to */
};

static bool plic_bit(const uint32_t *map, unsigned source)
{
    return ((map[source / PLIC_WORD_BITS] >> (source % PLIC_WORD_BITS)) &
            1u) != 0;
}

static void plic_set_bit(uint32_t *map, unsigned source, bool on)
{
    uint32_t bit = 1u << (source % PLIC_WORD_BITS);

    if (on) {
        map[source / PLIC_WORD_BITS] |= bit;
    } else {
        map[source / PLIC_WORD_BITS] &= ~bit;
    }
}

/* The bits of word w that name real sources: never source 0. */
static uint32_t plic_word_mask(const Plic *s, unsigned word)
{
    unsigned first = word * PLIC_WORD_BITS;
    uint32_t mask = UINT32_MAX;

    if (s->n_sources - first < PLIC_WORD_BITS) {
        mask = (1u << (s->n_sources - first)) - 1u;
    }
    if (word == 0) {
        mask &= ~1u;
    }
    return mask;
}

/*
 * The source a claim on context ctx would return: the pending, enabled,
 * not-in-service source of highest priority above the threshold, the
 * lowest id on ties (PLIC spec, "Interrupt Priorities"); 0 if none.
 */
static unsigned plic_best(const Plic *s, unsigned ctx)
{
    const uint32_t *en = &s->enable[ctx * s->n_words];
    uint32_t best_prio = s->threshold[ctx];
    unsigned best = 0;

    for (unsigned w = 0; w < s->n_words; w++) {
        uint32_t bits = s->pending[w] & ~s->claimed[w] & en[w];

        for (unsigned b = 0; bits != 0; b++, bits >>= 1) {
            unsigned source = w * PLIC_WORD_BITS + b;

            if ((bits & 1u) != 0 && s->priority[source] > best_prio) {
                best = source;
                best_prio = s->priority[source];
            }
        }
    }
    return best;
}

/* Drive each context's line; `force` drives even unchanged ones. */
static void plic_update_lines(Plic *s, bool force)
{
    for (unsigned c = 0; c < s->n_contexts; c++) {
        bool level = plic_best(s, c) != 0;

        if (force || level != s->out_level[c]) {
            s->out_level[c] = level;
            irq_set(&s->out[c], level);
        }
    }
}

static void plic_update(Plic *s)
{
    plic_update_lines(s, false);
}

/*
 * The gateway of a level-triggered source forwards nothing while the
 * source is in service; otherwise pending follows the level.
 */
void plic_set_irq(Plic *s, unsigned source, bool level)
{
    assert(s);
    if (source == 0 || source >= s->n_sources) {
        return;
    }
    plic_set_bit(s->level, source, level);
    if (!plic_bit(s->claimed, source)) {
        plic_set_bit(s->pending, source, level);
    }
    plic_update(s);
}

void plic_irq_handler(void *opaque, unsigned source, bool level)
{
    plic_set_irq(opaque, source, level);
}

static uint32_t plic_claim(Plic *s, unsigned ctx)
{
    unsigned source = plic_best(s, ctx);

    if (source != 0) {
        plic_set_bit(s->pending, source, false);
        plic_set_bit(s->claimed, source, true);
        plic_update(s);
    }
    return source;
}

static void plic_complete(Plic *s, unsigned ctx, uint64_t value)
{
    unsigned source;

    if (value == 0 || value >= s->n_sources ||
        !plic_bit(s->claimed, (unsigned)value)) {
        if (log_enabled(LOG_GUEST_ERROR)) {
            log_printf("plic: context %u completes source 0x%08" PRIx64
                       " which is not in service, ignored\n", ctx, value);
        }
        return;
    }
    source = (unsigned)value;
    plic_set_bit(s->claimed, source, false);
    /* The gateway forwards a level still asserted as a new request. */
    plic_set_bit(s->pending, source, plic_bit(s->level, source));
    plic_update(s);
}

/*
 * Which register an access hits: *ctx is its context (enable, threshold,
 * claim) and *idx its source (priority) or word (pending, enable).
 */
static PlicReg plic_decode(const Plic *s, uint64_t offset, unsigned *ctx,
                           unsigned *idx)
{
    uint64_t rel;

    *ctx = 0;
    *idx = 0;
    if ((offset & 3) != 0) {
        return PLIC_RESERVED;
    }
    if (offset < PLIC_PENDING) {
        *idx = (unsigned)(offset / PLIC_PRIORITY_STRIDE);
        /* Source 0 does not exist: its priority word is reserved. */
        if (*idx == 0 || *idx >= s->n_sources) {
            return PLIC_RESERVED;
        }
        return PLIC_PRIORITY;
    }
    if (offset < PLIC_ENABLE) {
        *idx = (unsigned)((offset - PLIC_PENDING) / PLIC_PENDING_STRIDE);
        return *idx < s->n_words ? PLIC_PENDING : PLIC_RESERVED;
    }
    if (offset < PLIC_THRESHOLD) {
        rel = offset - PLIC_ENABLE;
        *ctx = (unsigned)(rel / PLIC_ENABLE_STRIDE);
        *idx = (unsigned)(rel % PLIC_ENABLE_STRIDE / 4);
        if (*ctx < s->n_contexts && *idx < s->n_words) {
            return PLIC_ENABLE;
        }
        return PLIC_RESERVED;
    }
    if (offset < PLIC_WINDOW_SIZE) {
        rel = offset - PLIC_THRESHOLD;
        *ctx = (unsigned)(rel / PLIC_CONTEXT_STRIDE);
        if (*ctx >= s->n_contexts) {
            return PLIC_RESERVED;
        }
        switch (PLIC_THRESHOLD + rel % PLIC_CONTEXT_STRIDE) {
        case PLIC_THRESHOLD:
            return PLIC_THRESHOLD;
        case PLIC_CLAIM:
            return PLIC_CLAIM;
        default:
            return PLIC_RESERVED;
        }
    }
    return PLIC_RESERVED;
}

static uint64_t plic_read(void *opaque, uint64_t offset, unsigned size)
{
    Plic *s = opaque;
    unsigned ctx;
    unsigned idx;

    (void)size; /* plic_ops: always 4; unused under NDEBUG */
    assert(size == 4);
    switch (plic_decode(s, offset, &ctx, &idx)) {
    case PLIC_PRIORITY:
        return s->priority[idx];
    case PLIC_PENDING:
        return s->pending[idx];
    case PLIC_ENABLE:
        return s->enable[ctx * s->n_words + idx];
    case PLIC_THRESHOLD:
        return s->threshold[ctx];
    case PLIC_CLAIM:
        return plic_claim(s, ctx);
    case PLIC_RESERVED:
    default:
        if (log_enabled(LOG_GUEST_ERROR)) {
            log_printf("plic: read from reserved offset 0x%08" PRIx64 "\n",
                       offset);
        }
        return 0;
    }
}

static void plic_write(void *opaque, uint64_t offset, uint64_t value,
                       unsigned size)
{
    Plic *s = opaque;
    unsigned ctx;
    unsigned idx;

    (void)size; /* plic_ops: always 4; unused under NDEBUG */
    assert(size == 4);
    switch (plic_decode(s, offset, &ctx, &idx)) {
    case PLIC_PRIORITY:
        s->priority[idx] = (uint32_t)(value >> PLIC_PRIORITY_SHIFT) &
                           PLIC_PRIORITY_MASK;
        plic_update(s);
        break;
    case PLIC_PENDING:
        /* Pending bits are read-only here, as in QEMU. */
        if (log_enabled(LOG_GUEST_ERROR)) {
            log_printf("plic: write to read-only pending word at offset "
                       "0x%08" PRIx64 " ignored\n", offset);
        }
        break;
    case PLIC_ENABLE:
        s->enable[ctx * s->n_words + idx] = (uint32_t)value &
                                            plic_word_mask(s, idx);
        plic_update(s);
        break;
    case PLIC_THRESHOLD:
        if (value > PLIC_MAX_PRIORITY) {
            if (log_enabled(LOG_GUEST_ERROR)) {
                log_printf("plic: threshold 0x%08" PRIx64 " for context %u "
                           "above the maximum priority, ignored\n", value,
                           ctx);
            }
            break;
        }
        s->threshold[ctx] = (uint32_t)value;
        plic_update(s);
        break;
    case PLIC_CLAIM:
        plic_complete(s, ctx, value);
        break;
    case PLIC_RESERVED:
    default:
        if (log_enabled(LOG_GUEST_ERROR)) {
            log_printf("plic: write to reserved offset 0x%08" PRIx64
                       " ignored\n", offset);
        }
        break;
    }
}

/* QEMU 7.2 sifive_plic_ops: .valid 4..4 (so only 32-bit accesses). */
const DevOps plic_ops = {
    .name = "plic",
    .read = plic_read,
    .write = plic_write,
    .min_size = 4,
    .max_size = 4,
    .valid_min = 4,
    .valid_max = 4,
};

void plic_reset(Plic *s)
{
    assert(s);
    for (unsigned i = 0; i < s->n_sources; i++) {
        s->priority[i] = 0;
    }
    for (unsigned w = 0; w < s->n_words; w++) {
        s->claimed[w] = 0;
        s->pending[w] = s->level[w] & plic_word_mask(s, w);
    }
    for (unsigned c = 0; c < s->n_contexts; c++) {
        s->threshold[c] = 0;
        for (unsigned w = 0; w < s->n_words; w++) {
            s->enable[c * s->n_words + w] = 0;
        }
    }
    plic_update_lines(s, true);
}

Plic *plic_new(unsigned n_harts, unsigned n_sources,
               const IrqLine *context_out)
{
    Plic *s;
    unsigned n_contexts;
    unsigned n_words;

    assert(n_harts >= 1 && n_harts <= PLIC_MAX_HARTS);
    assert(n_sources >= 2 && n_sources <= PLIC_MAX_SOURCES);
    assert(context_out);
    s = calloc(1, sizeof(*s));
    if (!s) {
        return NULL;
    }
    n_contexts = n_harts * PLIC_CONTEXTS_PER_HART;
    n_words = (n_sources + PLIC_WORD_BITS - 1) / PLIC_WORD_BITS;
    s->n_contexts = n_contexts;
    s->n_sources = n_sources;
    s->n_words = n_words;
    s->priority = calloc(n_sources, sizeof(*s->priority));
    s->pending = calloc(n_words, sizeof(*s->pending));
    s->claimed = calloc(n_words, sizeof(*s->claimed));
    s->level = calloc(n_words, sizeof(*s->level));
    s->enable = calloc((size_t)n_contexts * n_words, sizeof(*s->enable));
    s->threshold = calloc(n_contexts, sizeof(*s->threshold));
    s->out = calloc(n_contexts, sizeof(*s->out));
    s->out_level = calloc(n_contexts, sizeof(*s->out_level));
    if (!s->priority || !s->pending || !s->claimed || !s->level ||
        !s->enable || !s->threshold || !s->out || !s->out_level) {
        plic_free(s);
        return NULL;
    }
    for (unsigned c = 0; c < n_contexts; c++) {
        s->out[c] = context_out[c];
    }
    plic_reset(s);
    return s;
}

void plic_free(Plic *s)
{
    if (!s) {
        return;
    }
    free(s->priority);
    free(s->pending);
    free(s->claimed);
    free(s->level);
    free(s->enable);
    free(s->threshold);
    free(s->out);
    free(s->out_level);
    free(s);
}
