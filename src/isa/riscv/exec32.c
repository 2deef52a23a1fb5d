/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The RV32 executor: exec.c.inc with XLEN = 32. */
#define XLEN 32
#include "exec.c.inc"
