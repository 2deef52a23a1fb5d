/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The hart as debuggers and plugins see it: GDB's register numbering
 * and names (x0..x31 as "zero", "ra", ..., "pc", the CSRs, "priv"),
 * and physical memory access through the bus.
 */
#ifndef RV_REGS_H
#define RV_REGS_H

#include "plugin.h"

/* rv_plugin_cpu_ops - PluginCpuOps for an RvCpu. */
extern const PluginCpuOps rv_plugin_cpu_ops;

#endif
