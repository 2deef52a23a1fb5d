/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reset entry and M-mode trap vector for the firmscope demo.
 *
 * The reset ROM jumps to _start in M-mode with a0 = hartid, a1 = FDT.
 * Only hart 0 runs the demo; any other hart parks in wfi.
 */

#define MSTATUS_MPIE    (1 << 7)
#define MSTATUS_MPP     (3 << 11)
#define FRAME_WORDS     34          /* x0..x31, mepc, spare (16-byte aligned) */
#define FRAME_SIZE      (FRAME_WORDS * 8)
#define FRAME_MEPC      (32 * 8)

    .section .text.start, "ax", @progbits
    .globl _start
_start:
    /* gp must be set up with relaxation off, or it relaxes against itself */
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop

    csrw    mie, zero
    csrw    mstatus, zero
    bnez    a0, park

    la      sp, __stack_top
    la      tp, __tls_base

    /* clear .tbss + .bss */
    la      t0, __bss_start
    la      t1, __bss_end
1:
    bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:
    call    main
    call    demo_exit       /* a0 = main's return value; never returns */

park:
    wfi
    j       park

/*
 * Direct-mode trap vector (mtvec requires 4-byte alignment).
 *
 * mscratch always holds the top of the dedicated trap stack, so a trap
 * from U-mode (whose sp is a user stack) and one from M-mode are handled
 * the same way. Traps never nest: the handler runs with mstatus.MIE = 0
 * and takes no exceptions itself.
 */
    .text
    .balign 4
    .globl trap_vector
trap_vector:
    csrrw   sp, mscratch, sp        /* sp = trap stack, mscratch = old sp */
    addi    sp, sp, -FRAME_SIZE
    sd      x1, 1 * 8(sp)
    sd      x3, 3 * 8(sp)
    sd      x4, 4 * 8(sp)
    sd      x5, 5 * 8(sp)
    sd      x6, 6 * 8(sp)
    sd      x7, 7 * 8(sp)
    sd      x8, 8 * 8(sp)
    sd      x9, 9 * 8(sp)
    sd      x10, 10 * 8(sp)
    sd      x11, 11 * 8(sp)
    sd      x12, 12 * 8(sp)
    sd      x13, 13 * 8(sp)
    sd      x14, 14 * 8(sp)
    sd      x15, 15 * 8(sp)
    sd      x16, 16 * 8(sp)
    sd      x17, 17 * 8(sp)
    sd      x18, 18 * 8(sp)
    sd      x19, 19 * 8(sp)
    sd      x20, 20 * 8(sp)
    sd      x21, 21 * 8(sp)
    sd      x22, 22 * 8(sp)
    sd      x23, 23 * 8(sp)
    sd      x24, 24 * 8(sp)
    sd      x25, 25 * 8(sp)
    sd      x26, 26 * 8(sp)
    sd      x27, 27 * 8(sp)
    sd      x28, 28 * 8(sp)
    sd      x29, 29 * 8(sp)
    sd      x30, 30 * 8(sp)
    sd      x31, 31 * 8(sp)
    /* the interrupted sp, and re-arm mscratch for the next trap */
    addi    t0, sp, FRAME_SIZE
    csrrw   t0, mscratch, t0
    sd      t0, 2 * 8(sp)
    csrr    t0, mepc
    sd      t0, FRAME_MEPC(sp)

    mv      a0, sp
    call    trap_handler            /* void trap_handler(struct trap_frame *) */

    /* the C handler may have changed mepc (to skip an instruction) */
    ld      t0, FRAME_MEPC(sp)
    csrw    mepc, t0
    ld      x1, 1 * 8(sp)
    ld      x3, 3 * 8(sp)
    ld      x4, 4 * 8(sp)
    ld      x5, 5 * 8(sp)
    ld      x6, 6 * 8(sp)
    ld      x7, 7 * 8(sp)
    ld      x8, 8 * 8(sp)
    ld      x9, 9 * 8(sp)
    ld      x10, 10 * 8(sp)
    ld      x11, 11 * 8(sp)
    ld      x12, 12 * 8(sp)
    ld      x13, 13 * 8(sp)
    ld      x14, 14 * 8(sp)
    ld      x15, 15 * 8(sp)
    ld      x16, 16 * 8(sp)
    ld      x17, 17 * 8(sp)
    ld      x18, 18 * 8(sp)
    ld      x19, 19 * 8(sp)
    ld      x20, 20 * 8(sp)
    ld      x21, 21 * 8(sp)
    ld      x22, 22 * 8(sp)
    ld      x23, 23 * 8(sp)
    ld      x24, 24 * 8(sp)
    ld      x25, 25 * 8(sp)
    ld      x26, 26 * 8(sp)
    ld      x27, 27 * 8(sp)
    ld      x28, 28 * 8(sp)
    ld      x29, 29 * 8(sp)
    ld      x30, 30 * 8(sp)
    ld      x31, 31 * 8(sp)
    ld      sp, 2 * 8(sp)           /* last: back to the interrupted stack */
    mret

/*
 * void enter_user(void (*fn)(void), void *user_sp)
 *
 * Saves the M-mode callee-saved state, then mret's into fn in U-mode on
 * user_sp. U-mode comes back through the SYS_EXIT ecall: the C handler
 * points mepc at user_return with mstatus.MPP = M, and the trap exit path
 * mret's there, still on the user stack, where the saved state is
 * reloaded and enter_user returns to its caller.
 */
    .globl enter_user
enter_user:
    addi    sp, sp, -112
    sd      ra, 0 * 8(sp)
    sd      s0, 1 * 8(sp)
    sd      s1, 2 * 8(sp)
    sd      s2, 3 * 8(sp)
    sd      s3, 4 * 8(sp)
    sd      s4, 5 * 8(sp)
    sd      s5, 6 * 8(sp)
    sd      s6, 7 * 8(sp)
    sd      s7, 8 * 8(sp)
    sd      s8, 9 * 8(sp)
    sd      s9, 10 * 8(sp)
    sd      s10, 11 * 8(sp)
    sd      s11, 12 * 8(sp)
    la      t0, saved_m_sp
    sd      sp, 0(t0)

    csrw    mepc, a0
    /*
     * MPP = U, and MPIE = 0 so U-mode runs with mstatus.MIE = 0 (M-mode
     * interrupts stay gated by mie alone there): the ecalls from U-mode
     * then save MPIE = 0 and M-mode comes back with interrupts off.
     */
    li      t0, MSTATUS_MPP | MSTATUS_MPIE
    csrc    mstatus, t0
    mv      sp, a1
    mv      ra, zero                /* fn must never return */
    mret

    .globl user_return
user_return:
    la      t0, saved_m_sp
    ld      sp, 0(t0)
    ld      ra, 0 * 8(sp)
    ld      s0, 1 * 8(sp)
    ld      s1, 2 * 8(sp)
    ld      s2, 3 * 8(sp)
    ld      s3, 4 * 8(sp)
    ld      s4, 5 * 8(sp)
    ld      s5, 6 * 8(sp)
    ld      s6, 7 * 8(sp)
    ld      s7, 8 * 8(sp)
    ld      s8, 9 * 8(sp)
    ld      s9, 10 * 8(sp)
    ld      s10, 11 * 8(sp)
    ld      s11, 12 * 8(sp)
    addi    sp, sp, 112
    ret

    .bss
    .balign 8
saved_m_sp:
    .skip   8
