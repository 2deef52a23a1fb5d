/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A placeholder for a device we do not model (reads 0, writes ignored). */
#ifndef DEV_UNIMP_H
#define DEV_UNIMP_H

#include "bus.h"

typedef struct Unimp {
    const char *name;
} Unimp;

/* unimp_ops - every access logged under -d unimp; opaque is an Unimp. */
extern const DevOps unimp_ops;

#endif
