/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pcdump - write the PC of every executed instruction to a file, for
 * `make bench`: one little-endian 64-bit PC per instruction, buffered
 * 1 MiB at a time. A callback per instruction, with the PC as its user
 * data, since neither QEMU 7.2 nor firmscope has a built-in PC trace.
 *
 *   out=PATH   the trace file (required; not "file=", which QEMU
 *              takes as the plugin's own path)
 *
 * Prints "pcdump: N PCs" at exit (-d plugin). Builds against QEMU 7.2's API
 * (bench/qemu72/qemu-plugin.h) and firmscope's (include/qemu-plugin.h,
 * API 2) alike. One hart, so one buffer.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define BUF_PCS (1u << 17)  /* 1 MiB of PCs */

static uint64_t buf[BUF_PCS];
static size_t used;
static uint64_t total;
static int fd = -1;

static void flush_buf(void)
{
    const char *p = (const char *)buf;
    size_t left = used * sizeof(buf[0]);

    while (left) {
        ssize_t n = write(fd, p, left);
        if (n <= 0) {
            perror("pcdump: write");
            break;
        }
        p += n;
        left -= (size_t)n;
    }
    total += used;
    used = 0;
}

static void insn_exec(unsigned int vcpu_index, void *userdata)
{
    (void)vcpu_index;
    buf[used++] = (uint64_t)(uintptr_t)userdata;
    if (used == BUF_PCS) {
        flush_buf();
    }
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    size_t n = qemu_plugin_tb_n_insns(tb);

    (void)id;
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);

        qemu_plugin_register_vcpu_insn_exec_cb(
            insn, insn_exec, QEMU_PLUGIN_CB_NO_REGS,
            (void *)(uintptr_t)qemu_plugin_insn_vaddr(insn));
    }
}

static void at_exit(qemu_plugin_id_t id, void *userdata)
{
    char line[80];

    (void)id;
    (void)userdata;
    flush_buf();
    close(fd);
    snprintf(line, sizeof(line), "pcdump: %" PRIu64 " PCs\n", total);
    qemu_plugin_outs(line);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    const char *path = NULL;

    (void)info;
    for (int i = 0; i < argc; i++) {
        if (strncmp(argv[i], "out=", 4) == 0 && argv[i][4]) {
            path = argv[i] + 4;
        } else {
            fprintf(stderr, "pcdump: unknown option '%s' "
                    "(expected out=PATH)\n", argv[i]);
            return -1;
        }
    }
    if (!path) {
        fprintf(stderr, "pcdump: out=PATH is required\n");
        return -1;
    }
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        perror(path);
        return -1;
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    return 0;
}
