/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The only place GNU extensions are named; each has a portable fallback.
 */
#ifndef FS_COMPILER_H
#define FS_COMPILER_H

#if defined(__GNUC__) || defined(__clang__)
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define FS_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define FS_NORETURN __attribute__((noreturn))
#define FS_UNUSED __attribute__((unused))
#define FS_NOINLINE __attribute__((noinline))
#define HAVE_COMPUTED_GOTO 1
#else
#define likely(x) (x)
#define unlikely(x) (x)
#define FS_PRINTF(fmt, args)
#define FS_NORETURN
#define FS_UNUSED
#define FS_NOINLINE
#define HAVE_COMPUTED_GOTO 0
#endif

#define FS_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
