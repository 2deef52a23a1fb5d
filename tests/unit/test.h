/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A tiny unit-test harness with TAP output: each test is a function in a
 * table; CHECK* record failures with file:line and the values seen.
 *
 *   static void test_x(void) { CHECK_EQ_HEX(f(1), 0x10); }
 *   TEST_MAIN({ "x", test_x })
 */
#ifndef FS_TEST_H
#define FS_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

typedef struct TestCase {
    const char *name;
    void (*fn)(void);
} TestCase;

extern unsigned test_failures;

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            printf("#   %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__,    \
                   #cond);                                                   \
            test_failures++;                                                 \
        }                                                                    \
    } while (0)

#define CHECK_EQ_HEX(actual, expected)                                       \
    do {                                                                     \
        uint64_t a_ = (uint64_t)(actual), e_ = (uint64_t)(expected);         \
        if (a_ != e_) {                                                      \
            printf("#   %s:%d: %s = 0x%016" PRIx64 ", expected 0x%016" PRIx64 \
                   "\n", __FILE__, __LINE__, #actual, a_, e_);               \
            test_failures++;                                                 \
        }                                                                    \
    } while (0)

#define CHECK_STR(actual, expected)                                          \
    do {                                                                     \
        const char *a_ = (actual), *e_ = (expected);                         \
        if (!a_ || strcmp(a_, e_)) {                                         \
            printf("#   %s:%d: %s = \"%s\", expected \"%s\"\n", __FILE__,   \
                   __LINE__, #actual, a_ ? a_ : "(null)", e_);               \
            test_failures++;                                                 \
        }                                                                    \
    } while (0)

static inline int test_run(const TestCase *tests, unsigned n)
{
    unsigned failed = 0;

    printf("1..%u\n", n);
    for (unsigned i = 0; i < n; i++) {
        unsigned before = test_failures;

        tests[i].fn();
        if (test_failures != before) {
            failed++;
            printf("not ok %u - %s\n", i + 1, tests[i].name);
        } else {
            printf("ok %u - %s\n", i + 1, tests[i].name);
        }
    }
    return failed ? 1 : 0;
}

#define TEST_MAIN(...)                                                       \
    unsigned test_failures;                                                  \
    int main(void)                                                           \
    {                                                                        \
        static const TestCase tests_[] = { __VA_ARGS__ };                    \
        return test_run(tests_, sizeof(tests_) / sizeof(tests_[0]));         \
    }

#endif
