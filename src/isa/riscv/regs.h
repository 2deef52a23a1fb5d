/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The hart as debuggers and plugins see it: GDB's register numbering
 * and names (x0..x31 as "zero", "ra", ..., "pc", the CSRs, "priv"),
 * and physical memory access through the bus.
 */
#ifndef RV_REGS_H
#define RV_REGS_H

#include "plugin.h"

struct RvCpu;

/*
 * rv_read_virt()/rv_write_virt() - copy len bytes at a virtual address
 * as the hart sees it now for data (a page at a time, each translated
 * without side effects: no A/D update, no TLB fill), for the host side of
 * semihosting and for plugins. False if any byte is unmapped.
 */
bool rv_read_virt(struct RvCpu *cpu, uint64_t vaddr, void *buf, size_t len);
bool rv_write_virt(struct RvCpu *cpu, uint64_t vaddr, const void *buf,
                   size_t len);

/* rv_plugin_cpu_ops - PluginCpuOps for an RvCpu. */
extern const PluginCpuOps rv_plugin_cpu_ops;

#endif
