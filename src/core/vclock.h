/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Virtual time. By default time is derived from the retired-instruction
 * count: each instruction lasts 2^shift ns (QEMU's -icount shift=N), and
 * time spent idle in wfi is skipped, not waited for. Two runs of the
 * same image therefore see the same time at the same instruction.
 *
 * Devices arm timers with a deadline in virtual ns; the CPU loop compares
 * its instruction count with vclock.deadline_icount at block boundaries
 * and calls vclock_run_timers() when it is reached.
 */
#ifndef FS_VCLOCK_H
#define FS_VCLOCK_H

#include <stdbool.h>
#include <stdint.h>

#define VCLOCK_NEVER UINT64_MAX

typedef void TimerFn(void *opaque);

typedef struct Timer {
    TimerFn *cb;
    void *opaque;
    uint64_t deadline_ns; /* VCLOCK_NEVER when not armed */
    struct Timer *next;   /* armed-timer list, sorted by deadline */
} Timer;

typedef struct VClock {
    const uint64_t *icount; /* the instruction counter time follows */
    unsigned shift;         /* ns per instruction = 2^shift */
    uint64_t idle_ns;       /* time that passed with no instruction
                             * retiring: wfi sleeps, decode-time traps */
    uint64_t deadline_icount; /* icount at which the first timer fires */
    Timer *armed;
} VClock;

/* vclock_init() - start at time 0, following *icount. */
void vclock_init(VClock *vc, const uint64_t *icount, unsigned shift);

/* vclock_now_ns() - the virtual time between instructions. */
uint64_t vclock_now_ns(const VClock *vc);

/*
 * vclock_insn_ns() - the virtual time an instruction being executed sees
 * (in a device access, a CSR read): the end of its own period, as under
 * QEMU's -icount, which counts the current instruction as executed.
 */
uint64_t vclock_insn_ns(const VClock *vc);

/*
 * vclock_advance() - let ns pass without an instruction retiring (an
 * instruction that trapped still took its time).
 */
void vclock_advance(VClock *vc, uint64_t ns);

/* timer_init() - prepare an unarmed timer calling cb(opaque). */
void timer_init(Timer *t, TimerFn *cb, void *opaque);

/*
 * timer_mod() - arm t for virtual time deadline_ns (re-arming moves it).
 * A deadline already reached fires at the next block boundary.
 */
void timer_mod(VClock *vc, Timer *t, uint64_t deadline_ns);

/* timer_del() - disarm t; harmless if not armed. */
void timer_del(VClock *vc, Timer *t);

/* vclock_run_timers() - fire every timer whose deadline has passed. */
void vclock_run_timers(VClock *vc);

/*
 * vclock_skip_to_next() - idle: advance time to the first armed deadline
 * and fire it. Returns false if no timer is armed (nothing can wake up).
 */
bool vclock_skip_to_next(VClock *vc);

#endif
