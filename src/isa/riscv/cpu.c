/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A RISC-V hart: creation, reset state, interrupt inputs and the run
 * loop that alternates timers, interrupts, wfi and decoded blocks.
 */
#include "cpu.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "block.h"
#include "compiler.h"
#include "error.h"
#include "mmu.h"
#include "plugin.h"
#include "regs.h"

/* misa extension bits (privileged spec §3.1.1): A, C, D, F, I, M, S, U. */
#define MISA_EXT(c) (UINT64_C(1) << ((c) - 'A'))
#define MISA_IMPLEMENTED                                                     \
    (MISA_EXT('A') | MISA_EXT('C') | MISA_EXT('D') | MISA_EXT('F') |        \
     MISA_EXT('I') | MISA_EXT('M') |                                        \
     MISA_EXT('S') | MISA_EXT('U'))

static void on_bus_code_write(void *opaque, uint64_t paddr, unsigned size)
{
    rv_code_written(opaque, paddr, size);
}

/* The main RAM region and any device window inside it (HTIF's tohost). */
static void find_ram(RvCpu *cpu)
{
    Bus *bus = &cpu->machine->bus;

    for (unsigned i = 0; i < bus->n_regions; i++) {
        MemRegion *r = &bus->regions[i];

        if (r->kind == MEM_RAM && r->size > cpu->ram_size) {
            cpu->ram_host = r->host;
            cpu->ram_base = r->base;
            cpu->ram_size = r->size;
        }
    }
    for (unsigned i = 0; i < bus->n_regions; i++) {
        MemRegion *r = &bus->regions[i];

        if (r->kind == MEM_MMIO && r->base - cpu->ram_base < cpu->ram_size) {
            cpu->ram_hole_base = r->base;
            cpu->ram_hole_size = r->size;
        }
    }
}

RvCpu *rv_cpu_new(Machine *m, unsigned xlen, unsigned hartid,
                  uint64_t reset_pc)
{
    RvCpu *cpu = calloc(1, sizeof(*cpu));

    if (!cpu || !(cpu->blocks = rv_blocks_new())) {
        free(cpu);
        fs_error(FS_ENOMEM, "cpu: out of memory");
        return NULL;
    }
    cpu->machine = m;
    cpu->xlen = xlen;
    cpu->hartid = hartid;
    rv_cpu_reset(cpu, reset_pc);
    return cpu;
}

int rv_cpu_map_memory(RvCpu *cpu)
{
    Bus *bus = &cpu->machine->bus;
    int ret;

    find_ram(cpu);
    ret = rv_blocks_map_ram(cpu);
    if (ret < 0) {
        return ret;
    }
    bus->code_write_cb = on_bus_code_write;
    bus->code_write_opaque = cpu;
    return 0;
}

void rv_cpu_free(RvCpu *cpu)
{
    if (cpu) {
        rv_blocks_free(cpu->blocks);
        free(cpu->code_bits);
        free(cpu);
    }
}

void rv_cpu_reset(RvCpu *cpu, uint64_t reset_pc)
{
    for (unsigned i = 0; i < 32; i++) {
        cpu->x[i] = 0;
    }
    cpu->pc = reset_pc;
    cpu->priv = RV_PRIV_M;
    cpu->wfi = false;
    cpu->lr_valid = false;
    /*
     * mstatus.FS resets to Off, as QEMU 7.2's system emulation does
     * (riscv_cpu_reset_hold() only touches MIE, MPRV, SXL and UXL of a
     * zeroed mstatus): firmware enables the FPU before its first FP
     * instruction (only QEMU user-mode emulation starts with it on).
     */
    for (unsigned i = 0; i < 32; i++) {
        cpu->f[i] = 0;
    }
    cpu->fflags = 0;
    cpu->frm = 0;
    cpu->mstatus = 0;
    if (cpu->xlen == 64) {
        /* UXL = SXL = 2: U and S run at XLEN 64 (fixed, §3.1.6.2) */
        cpu->mstatus = (UINT64_C(2) << MSTATUS_UXL_SHIFT) |
                       (UINT64_C(2) << MSTATUS_SXL_SHIFT);
        cpu->misa = (UINT64_C(2) << 62) | MISA_IMPLEMENTED;
    } else {
        cpu->misa = (UINT64_C(1) << 30) | MISA_IMPLEMENTED;
    }
    cpu->medeleg = cpu->mideleg = 0;
    cpu->mie = cpu->mip = 0;
    cpu->seip_sw = cpu->seip_line = false;
    cpu->mtvec = cpu->mepc = cpu->mcause = cpu->mtval = cpu->mscratch = 0;
    cpu->stvec = cpu->sepc = cpu->scause = cpu->stval = cpu->sscratch = 0;
    cpu->satp = 0;
    for (unsigned i = 0; i < RV_PMP_ENTRIES; i++) {
        cpu->pmpcfg[i] = 0;
        cpu->pmpaddr[i] = 0;
    }
    cpu->mcounteren = cpu->scounteren = cpu->mcountinhibit = 0;
    cpu->menvcfg = cpu->senvcfg = 0;
    cpu->cycle_offset = cpu->instret_offset = 0;
    cpu->cycle_frozen = cpu->instret_frozen = 0;
    memset(cpu->mhpmcounter, 0, sizeof(cpu->mhpmcounter));
    memset(cpu->mhpmevent, 0, sizeof(cpu->mhpmevent));
    rv_mmu_reset(cpu);
    if (cpu->code_bits) {
        rv_blocks_flush(cpu);
    }
}

void rv_cpu_irq_handler(void *opaque, unsigned n, bool level)
{
    RvCpu *cpu = opaque;
    uint64_t mip;

    if (n == RV_IRQ_SEI) {
        /* the PLIC's line; the software-written bit is kept apart */
        cpu->seip_line = level;
        level = cpu->seip_line || cpu->seip_sw;
    }
    mip = level ? cpu->mip | UINT64_C(1) << n
                : cpu->mip & ~(UINT64_C(1) << n);
    if (mip != cpu->mip) {
        cpu->mip = mip;
        /* leave the block only if the hart must take it now */
        if (level && rv_interrupt_deliverable(cpu)) {
            cpu->stop_icount = 0;
        }
    }
}

/* How often (in loop turns) the host is polled: Ctrl-A x, signals. */
#define QUIT_POLL_MASK 0x3fffu

/* Idle in wfi: skip virtual time to the next timer, telling plugins. */
static int wait_for_interrupt(RvCpu *cpu)
{
    VClock *vc = &cpu->machine->clock;
    bool ok;

    plugin_vcpu_idle(cpu->hartid);
    ok = vclock_skip_to_next(vc);
    plugin_vcpu_resume(cpu->hartid);
    if (!ok) {
        return fs_error(FS_EINVAL,
                        "cpu: hart %u waits for an interrupt (wfi, "
                        "pc=0x%08" PRIx64 ") that nothing can raise",
                        cpu->hartid, cpu->pc);
    }
    return 0;
}

int rv_cpu_run(RvCpu *cpu)
{
    Machine *m = cpu->machine;
    VClock *vc = &m->clock;
    void (*exec_block)(RvCpu *) =
        32 == cpu->xlen ? rv32_exec_block : rv64_exec_block;
    unsigned turns = 0;
    int ret = 0;

    if (!cpu->plugin_started) {
        cpu->plugin_started = true;
        plugin_vcpu_init(cpu->hartid, cpu, &rv_plugin_cpu_ops);
    }
    while (!m->exit_requested) {
        if (cpu->icount >= vc->deadline_icount) {
            vclock_run_timers(vc);
        }
        /* wfi resumes on any pending enabled-in-mie interrupt (§3.3.3) */
        if (unlikely(cpu->mip & cpu->mie)) {
            cpu->wfi = false;
            rv_take_pending_interrupt(cpu);
        }
        if (unlikely(cpu->wfi)) {
            ret = wait_for_interrupt(cpu);
            if (ret < 0) {
                break;
            }
            continue;
        }
        if (unlikely(plugin_pending) && plugin_do_pending()) {
            rv_blocks_flush(cpu);
        }
        if (unlikely((++turns & QUIT_POLL_MASK) == 0)) {
            if (machine_host_signal()) {
                fprintf(stderr, "firmscope: terminating on signal %d\n",
                        machine_host_signal());
                machine_request_exit(m, 0);
                break;
            }
            if (m->serial) {
                chardev_can_read(m->serial);
                if (chardev_quit_requested(m->serial)) {
                    machine_request_exit(m, 0);
                    break;
                }
            }
        }
        cpu->stop_icount = vc->deadline_icount;
        exec_block(cpu);
    }
    plugin_vcpu_exit(cpu->hartid);
    return ret;
}

bool rv_op_memop_is_signed(unsigned op)
{
    switch (op) {
    case RV_OP_LB:
    case RV_OP_LH:
    case RV_OP_LW:
    case RV_OP_LD:
    case RV_OP_SB:
    case RV_OP_SH:
    case RV_OP_SW:
    case RV_OP_LR_W:
    case RV_OP_SC_W:
    case RV_OP_AMOSWAP_W:
    case RV_OP_AMOADD_W:
    case RV_OP_AMOXOR_W:
    case RV_OP_AMOAND_W:
    case RV_OP_AMOOR_W:
    case RV_OP_AMOMIN_W:
    case RV_OP_AMOMAX_W:
    case RV_OP_AMOMINU_W:
    case RV_OP_AMOMAXU_W:
        return true;
    default:
        return false;
    }
}
