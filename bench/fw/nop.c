/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nop: prints its line and exits at once. Its run time is the emulator's
 * start-up and shut-down, which every other image's time includes too.
 */
#include "bench.h"

int main(void)
{
    bench_result("nop", 0);
    return 0;
}
