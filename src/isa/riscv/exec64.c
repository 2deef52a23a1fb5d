/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The RV64 executor: exec.c.inc with XLEN = 64. */
#define XLEN 64
#include "exec.c.inc"
