/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Boards: each builds a machine (memory map, devices, harts) from the
 * machine config and loads the firmware/kernel images into it.
 */
#ifndef BOARD_BOARD_H
#define BOARD_BOARD_H

#include <stdio.h>

#include "machine.h"

typedef struct BoardDesc {
    const char *name;
    const char *description;
    /* init() - populate m from m->cfg; 0 or -FS_E* with a message */
    int (*init)(Machine *m);
} BoardDesc;

extern const BoardDesc board_virt;
extern const BoardDesc board_spike;

/* board_find() - the board called `name`, or NULL. */
const BoardDesc *board_find(const char *name);

/* board_list() - print "name  description" for every board. */
void board_list(FILE *out);

/*
 * machine_create() - build the machine m->cfg describes (board chosen,
 * images loaded, harts at their reset vector). On failure returns
 * -FS_E* with a message; machine_free() is still safe.
 */
int machine_create(Machine *m);
void machine_free(Machine *m);

#endif
