/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An interrupt line: a device drives it with irq_set(); whoever receives
 * it (a CPU, an interrupt controller) supplied the handler.
 */
#ifndef FS_IRQ_H
#define FS_IRQ_H

#include <stdbool.h>

typedef void IrqHandlerFn(void *opaque, unsigned n, bool level);

typedef struct IrqLine {
    IrqHandlerFn *handler; /* NULL: line not connected, irq_set() is a no-op */
    void *opaque;
    unsigned n;            /* which input of the receiver */
} IrqLine;

static inline void irq_set(const IrqLine *line, bool level)
{
    if (line->handler) {
        line->handler(line->opaque, line->n, level);
    }
}

static inline IrqLine irq_line(IrqHandlerFn *handler, void *opaque,
                               unsigned n)
{
    IrqLine line = { handler, opaque, n };
    return line;
}

#endif
