/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The board registry and machine lifecycle (see board.h). */
#include "board.h"

#include <string.h>

#include "chardev.h"
#include "cpu.h"
#include "error.h"

static const BoardDesc *const boards[] = { &board_virt, &board_spike };

const BoardDesc *board_find(const char *name)
{
    for (size_t i = 0; i < sizeof(boards) / sizeof(boards[0]); i++) {
        if (strcmp(boards[i]->name, name) == 0) {
            return boards[i];
        }
    }
    return NULL;
}

void board_list(FILE *out)
{
    fprintf(out, "Supported machines are:\n");
    for (size_t i = 0; i < sizeof(boards) / sizeof(boards[0]); i++) {
        fprintf(out, "%-8s %s\n", boards[i]->name, boards[i]->description);
    }
}

int machine_create(Machine *m)
{
    const BoardDesc *board = board_find(m->cfg.board);

    if (!board) {
        return fs_error(FS_EINVAL, "-M: unknown machine '%s' (try -M help)",
                        m->cfg.board);
    }
    bus_init(&m->bus);
    if (!m->serial) {
        m->serial = chardev_stdio();
    }
    return board->init(m);
}

void machine_free(Machine *m)
{
    /* devices first: their timers read the clock, which follows hart 0 */
    if (m->board_free) {
        m->board_free(m->board_state);
        m->board_free = NULL;
    }
    for (unsigned i = 0; i < m->n_cpus; i++) {
        rv_cpu_free(m->cpus[i]);
        m->cpus[i] = NULL;
    }
    m->n_cpus = 0;
    bus_free(&m->bus);
}
