/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * malloc_count - an LD_PRELOAD library for tests/mem/run.sh: counts the
 * heap allocations of a process (malloc, calloc, realloc and the aligned
 * forms) and writes the count, one decimal line, to the file named by
 * MALLOC_COUNT_FILE when the process exits normally. The allocations are
 * glibc's own (its __libc_* entry points), so behaviour is unchanged.
 */
#include <stdio.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void *__libc_memalign(size_t align, size_t size);

static unsigned long n_allocs;

void *malloc(size_t size)
{
    n_allocs++;
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    n_allocs++;
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    n_allocs++;
    return __libc_realloc(p, size);
}

void *memalign(size_t align, size_t size)
{
    n_allocs++;
    return __libc_memalign(align, size);
}

void *aligned_alloc(size_t align, size_t size)
{
    return memalign(align, size);
}

int posix_memalign(void **p, size_t align, size_t size)
{
    void *q = memalign(align, size);

    if (!q) {
        return 12; /* ENOMEM */
    }
    *p = q;
    return 0;
}

__attribute__((destructor)) static void report(void)
{
    unsigned long n = n_allocs; /* before fopen allocates */
    const char *path = getenv("MALLOC_COUNT_FILE");
    FILE *f;

    if (!path || !(f = fopen(path, "w"))) {
        return;
    }
    fprintf(f, "%lu\n", n);
    fclose(f);
}
