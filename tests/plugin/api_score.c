/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * api_score: scoreboards (single vCPU).
 *   - at vCPU init: qemu_plugin_scoreboard_find gives a zeroed entry;
 *     u64_set/get/add on a struct member agree with the entry's memory and
 *     leave the other members alone; u64_sum over the one vCPU equals get;
 *     two scoreboards do not share storage; freeing one leaves the other;
 *     qemu_plugin_num_vcpus() is 1.
 *   - while running: inline adds into one member (per block: the block's
 *     size; per instruction: 1) agree with an exec-callback count, read
 *     through u64_get, u64_sum and the entry's memory at exit.
 * Prints "api_score: PASS ..." or "api_score: FAIL ..." lines.
 */
#include "api_util.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

typedef struct {
    uint64_t a;
    uint64_t insns;   /* inline, per instruction */
    uint64_t c;
    uint64_t blocks;  /* inline, per block: n_insns */
} Entry;

static struct qemu_plugin_scoreboard *score, *other;
static qemu_plugin_u64 f_a, f_insns, f_c, f_blocks;
static uint64_t by_cb;
static bool failed;

#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        if (!(cond)) {                                                       \
            outf("api_score: FAIL " __VA_ARGS__);                            \
            failed = true;                                                   \
        }                                                                    \
    } while (0)

static void vcpu_init(unsigned int vcpu_index, void *udata)
{
    Entry *e = qemu_plugin_scoreboard_find(score, vcpu_index);
    uint64_t *o;
    struct qemu_plugin_scoreboard *tmp;

    (void)udata;
    CHECK(vcpu_index == 0, "vcpu index %u\n", vcpu_index);
    CHECK(qemu_plugin_num_vcpus() == 1, "num_vcpus %d at init\n",
          qemu_plugin_num_vcpus());
    CHECK(e != NULL, "scoreboard_find returned NULL\n");
    if (!e) {
        return;
    }
    CHECK(e->a == 0 && e->c == 0, "new entry not zeroed\n");
    qemu_plugin_u64_set(f_a, vcpu_index, 42);
    CHECK(qemu_plugin_u64_get(f_a, vcpu_index) == 42, "get after set 42\n");
    CHECK(e->a == 42, "set did not write the entry's member (a=%" PRIu64
          ")\n", e->a);
    CHECK(e->c == 0 && e->insns == 0 && e->blocks == 0,
          "set wrote another member\n");
    qemu_plugin_u64_add(f_a, vcpu_index, 8);
    CHECK(qemu_plugin_u64_get(f_a, vcpu_index) == 50, "get after add 8 = %"
          PRIu64 "\n", qemu_plugin_u64_get(f_a, vcpu_index));
    CHECK(qemu_plugin_u64_sum(f_a) == 50, "sum = %" PRIu64 ", expected 50\n",
          qemu_plugin_u64_sum(f_a));
    e->c = 7;
    CHECK(qemu_plugin_u64_get(f_c, vcpu_index) == 7,
          "get does not see a write through find()\n");
    o = qemu_plugin_scoreboard_find(other, vcpu_index);
    CHECK(o != NULL && (void *)o != (void *)e, "two scoreboards share an "
          "entry\n");
    if (o) {
        CHECK(*o == 0, "second scoreboard entry not zeroed\n");
        *o = 99;
        CHECK(e->a == 50 && e->c == 7, "writing one scoreboard changed "
              "another\n");
    }
    tmp = qemu_plugin_scoreboard_new(64);
    CHECK(tmp != NULL, "scoreboard_new(64) returned NULL\n");
    if (tmp) {
        memset(qemu_plugin_scoreboard_find(tmp, vcpu_index), 0xff, 64);
        qemu_plugin_scoreboard_free(tmp);
    }
    e = qemu_plugin_scoreboard_find(score, vcpu_index);
    CHECK(e->a == 50 && e->c == 7, "freeing a scoreboard changed another\n");
    CHECK(qemu_plugin_u64_get(qemu_plugin_scoreboard_u64(other), vcpu_index)
          == 99, "scoreboard_u64 (offset 0) does not read the entry\n");
}

static void insn_exec(unsigned int vcpu_index, void *udata)
{
    (void)vcpu_index;
    (void)udata;
    by_cb++;
}

static void tb_trans(struct qemu_plugin_tb *tb, void *udata)
{
    size_t n = qemu_plugin_tb_n_insns(tb);

    (void)udata;
    qemu_plugin_register_vcpu_tb_exec_inline_per_vcpu(
        tb, QEMU_PLUGIN_INLINE_ADD_U64, f_blocks, n);
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);

        qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu(
            insn, QEMU_PLUGIN_INLINE_ADD_U64, f_insns, 1);
        qemu_plugin_register_vcpu_insn_exec_cb(insn, insn_exec,
                                               QEMU_PLUGIN_CB_NO_REGS, NULL);
    }
}

static void at_exit(void *udata)
{
    Entry *e = qemu_plugin_scoreboard_find(score, 0);
    uint64_t got = qemu_plugin_u64_get(f_insns, 0);

    (void)udata;
    outf("api_score: insns inline=%" PRIu64 " sum=%" PRIu64 " entry=%" PRIu64
         " callback=%" PRIu64 " blocks-inline=%" PRIu64 "\n", got,
         qemu_plugin_u64_sum(f_insns), e->insns, by_cb,
         qemu_plugin_u64_get(f_blocks, 0));
    CHECK(qemu_plugin_num_vcpus() == 1, "num_vcpus %d at exit\n",
          qemu_plugin_num_vcpus());
    CHECK(got > 0 && got == by_cb, "inline count %" PRIu64 " != callback "
          "count %" PRIu64 "\n", got, by_cb);
    CHECK(qemu_plugin_u64_sum(f_insns) == got, "sum != get\n");
    CHECK(e->insns == got, "entry memory != get\n");
    CHECK(qemu_plugin_u64_get(f_a, 0) == 50 && e->c == 7,
          "inline ops changed other members\n");
    CHECK(qemu_plugin_u64_get(f_blocks, 0) > 0, "block inline count 0\n");
    if (!failed) {
        outf("api_score: PASS\n");
    }
    qemu_plugin_scoreboard_free(score);
    qemu_plugin_scoreboard_free(other);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)argv;
    if (argc > 0 || !info->system_emulation ||
        info->system.smp_vcpus != 1) {
        return -1;
    }
    score = qemu_plugin_scoreboard_new(sizeof(Entry));
    other = qemu_plugin_scoreboard_new(sizeof(uint64_t));
    f_a = qemu_plugin_scoreboard_u64_in_struct(score, Entry, a);
    f_insns = qemu_plugin_scoreboard_u64_in_struct(score, Entry, insns);
    f_c = qemu_plugin_scoreboard_u64_in_struct(score, Entry, c);
    f_blocks = qemu_plugin_scoreboard_u64_in_struct(score, Entry, blocks);
    qemu_plugin_register_vcpu_init_cb(id, vcpu_init, NULL);
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans, NULL);
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    return 0;
}
