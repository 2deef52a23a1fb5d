/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Virtual time derived from the instruction count (see vclock.h). */
#include "vclock.h"

#include <assert.h>
#include <stddef.h>

void vclock_init(VClock *vc, const uint64_t *icount, unsigned shift)
{
    assert(icount && shift < 32);
    vc->icount = icount;
    vc->shift = shift;
    vc->idle_ns = 0;
    vc->deadline_icount = VCLOCK_NEVER;
    vc->armed = NULL;
}

uint64_t vclock_now_ns(const VClock *vc)
{
    return (*vc->icount << vc->shift) + vc->idle_ns;
}

uint64_t vclock_insn_ns(const VClock *vc)
{
    return vclock_now_ns(vc) + (UINT64_C(1) << vc->shift);
}

/* The instruction count at which virtual time reaches deadline_ns. */
static void update_deadline(VClock *vc)
{
    uint64_t ns_per_insn = UINT64_C(1) << vc->shift;
    uint64_t now = vclock_now_ns(vc);
    uint64_t wait;

    if (!vc->armed) {
        vc->deadline_icount = VCLOCK_NEVER;
        return;
    }
    if (vc->armed->deadline_ns <= now) {
        vc->deadline_icount = *vc->icount;
        return;
    }
    wait = (vc->armed->deadline_ns - now + ns_per_insn - 1) >> vc->shift;
    vc->deadline_icount = *vc->icount + wait;
}

void vclock_advance(VClock *vc, uint64_t ns)
{
    vc->idle_ns += ns;
    update_deadline(vc);
}

void timer_init(Timer *t, TimerFn *cb, void *opaque)
{
    t->cb = cb;
    t->opaque = opaque;
    t->deadline_ns = VCLOCK_NEVER;
    t->next = NULL;
}

static void unlink_timer(VClock *vc, Timer *t)
{
    for (Timer **p = &vc->armed; *p; p = &(*p)->next) {
        if (*p == t) {
            *p = t->next;
            break;
        }
    }
    t->next = NULL;
    t->deadline_ns = VCLOCK_NEVER;
}

void timer_mod(VClock *vc, Timer *t, uint64_t deadline_ns)
{
    Timer **p = &vc->armed;

    unlink_timer(vc, t);
    if (deadline_ns == VCLOCK_NEVER) {
        update_deadline(vc);
        return;
    }
    t->deadline_ns = deadline_ns;
    while (*p && (*p)->deadline_ns <= deadline_ns) {
        p = &(*p)->next;
    }
    t->next = *p;
    *p = t;
    update_deadline(vc);
}

void timer_del(VClock *vc, Timer *t)
{
    unlink_timer(vc, t);
    update_deadline(vc);
}

void vclock_run_timers(VClock *vc)
{
    uint64_t now = vclock_now_ns(vc);

    while (vc->armed && vc->armed->deadline_ns <= now) {
        Timer *t = vc->armed;

        unlink_timer(vc, t);
        t->cb(t->opaque);
    }
    update_deadline(vc);
}

bool vclock_skip_to_next(VClock *vc)
{
    uint64_t now = vclock_now_ns(vc);

    if (!vc->armed) {
        return false;
    }
    if (vc->armed->deadline_ns > now) {
        vc->idle_ns += vc->armed->deadline_ns - now;
    }
    vclock_run_timers(vc);
    return true;
}
