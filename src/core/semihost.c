/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The host side of semihosting: every operation of "Semihosting for
 * AArch32 and AArch64" (v2.0), with QEMU 7.2's results, errno values
 * and ":tt" / ":semihosting-features" special files. Guest file names
 * are resolved inside a root directory and can never name a host file
 * outside it (see resolve_path()). Nothing the guest passes can stop
 * or crash the host: bad handles, addresses and names are -1 + errno.
 */
#include "semihost.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "chardev.h"
#include "log.h"
#include "riscv_boot.h"

/* Guest handles are 1..SEMIHOST_MAX_HANDLES-1; 0 is never valid. */
#define SEMIHOST_MAX_HANDLES 64
#define SEMIHOST_WRITE0_MAX 65536
#define SEMIHOST_PATH_MAX 4096
#define SEMIHOST_CMDLINE_MAX 65536
#define SEMIHOST_TICK_HZ UINT64_C(1000000000) /* SYS_ELAPSED: virtual ns */
#define SEMIHOST_NS_PER_CS UINT64_C(10000000)

/* ":semihosting-features": magic "SHFB", then feature byte 0. */
#define SH_EXT_EXIT_EXTENDED 0x01
#define SH_EXT_STDOUT_STDERR 0x02

static const uint8_t features_file[] = {
    'S', 'H', 'F', 'B', SH_EXT_EXIT_EXTENDED | SH_EXT_STDOUT_STDERR,
};

typedef enum SemihostFdKind {
    SH_FD_UNUSED = 0,
    SH_FD_HOST,     /* a file opened under the root: ours to close */
    SH_FD_STDIO,    /* ":tt": host fd 0, 1 or 2, never closed */
    SH_FD_FEATURES, /* ":semihosting-features" */
} SemihostFdKind;

typedef struct SemihostFd {
    SemihostFdKind kind;
    int fd;         /* host fd (SH_FD_HOST, SH_FD_STDIO) */
    size_t offset;  /* SH_FD_FEATURES read position */
} SemihostFd;

/*
 * Semihosting has one errno and one handle table per machine; firmscope
 * runs one machine per process.
 */
static struct {
    uint64_t err;
    SemihostFd fds[SEMIHOST_MAX_HANDLES];
    int root_fd;    /* -1 until first needed */
} sh = { .root_fd = -1 };

/*
 * SYS_OPEN modes 0-11 ("r", "rb", "r+", "r+b", "w", "wb", "w+", "w+b",
 * "a", "ab", "a+", "a+b") as QEMU maps them to open() flags.
 */
static const int open_flags[12] = {
    O_RDONLY, O_RDONLY, O_RDWR, O_RDWR,
    O_WRONLY | O_CREAT | O_TRUNC, O_WRONLY | O_CREAT | O_TRUNC,
    O_RDWR | O_CREAT | O_TRUNC, O_RDWR | O_CREAT | O_TRUNC,
    O_WRONLY | O_CREAT | O_APPEND, O_WRONLY | O_CREAT | O_APPEND,
    O_RDWR | O_CREAT | O_APPEND, O_RDWR | O_CREAT | O_APPEND,
};

const char *semihost_op_name(uint64_t op)
{
    static char buf[24];

    switch (op) {
    case SEMIHOST_SYS_OPEN: return "SYS_OPEN";
    case SEMIHOST_SYS_CLOSE: return "SYS_CLOSE";
    case SEMIHOST_SYS_WRITEC: return "SYS_WRITEC";
    case SEMIHOST_SYS_WRITE0: return "SYS_WRITE0";
    case SEMIHOST_SYS_WRITE: return "SYS_WRITE";
    case SEMIHOST_SYS_READ: return "SYS_READ";
    case SEMIHOST_SYS_READC: return "SYS_READC";
    case SEMIHOST_SYS_ISERROR: return "SYS_ISERROR";
    case SEMIHOST_SYS_ISTTY: return "SYS_ISTTY";
    case SEMIHOST_SYS_SEEK: return "SYS_SEEK";
    case SEMIHOST_SYS_FLEN: return "SYS_FLEN";
    case SEMIHOST_SYS_TMPNAM: return "SYS_TMPNAM";
    case SEMIHOST_SYS_REMOVE: return "SYS_REMOVE";
    case SEMIHOST_SYS_RENAME: return "SYS_RENAME";
    case SEMIHOST_SYS_CLOCK: return "SYS_CLOCK";
    case SEMIHOST_SYS_TIME: return "SYS_TIME";
    case SEMIHOST_SYS_SYSTEM: return "SYS_SYSTEM";
    case SEMIHOST_SYS_ERRNO: return "SYS_ERRNO";
    case SEMIHOST_SYS_GET_CMDLINE: return "SYS_GET_CMDLINE";
    case SEMIHOST_SYS_HEAPINFO: return "SYS_HEAPINFO";
    case SEMIHOST_SYS_EXIT: return "SYS_EXIT";
    case SEMIHOST_SYS_EXIT_EXTENDED: return "SYS_EXIT_EXTENDED";
    case SEMIHOST_SYS_ELAPSED: return "SYS_ELAPSED";
    case SEMIHOST_SYS_TICKFREQ: return "SYS_TICKFREQ";
    default:
        snprintf(buf, sizeof(buf), "SYS_0x%02" PRIx64, op);
        return buf;
    }
}

/* ---- guest memory and results ---- */

/* Parameter block field i (word_size bytes, little-endian). */
static bool arg(const SemihostGuest *g, uint64_t block, unsigned i,
                uint64_t *v)
{
    *v = 0;
    return g->read(g->opaque, block + (uint64_t)i * g->word_size, v,
                   g->word_size);
}

static bool set_arg(const SemihostGuest *g, uint64_t block, unsigned i,
                    uint64_t v)
{
    return g->write(g->opaque, block + (uint64_t)i * g->word_size, &v,
                    g->word_size);
}

static uint64_t fail(int err)
{
    sh.err = (uint64_t)err;
    return UINT64_MAX; /* -1 in the guest's register */
}

/*
 * A NUL-terminated guest string of `len` characters (QEMU checks that
 * byte len is the NUL). 0, or an errno value.
 */
static int read_name(const SemihostGuest *g, uint64_t addr, uint64_t len,
                     char *out, size_t out_size)
{
    if (len >= out_size) {
        return ENAMETOOLONG;
    }
    if (!g->read(g->opaque, addr, out, (size_t)len + 1)) {
        return EFAULT;
    }
    if (out[len] != '\0' || strlen(out) != len) {
        return EINVAL;
    }
    return 0;
}

static void host_out(int fd, const void *buf, size_t len)
{
    fflush(fd == 1 ? stdout : stderr);
    while (len > 0) {
        ssize_t n = write(fd, buf, len);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;
        }
        buf = (const uint8_t *)buf + n;
        len -= (size_t)n;
    }
}

/* ---- handles ---- */

static int alloc_handle(SemihostFdKind kind, int fd)
{
    /* the lowest free handle from 1, as QEMU allocates them */
    for (int h = 1; h < SEMIHOST_MAX_HANDLES; h++) {
        if (SH_FD_UNUSED == sh.fds[h].kind) {
            sh.fds[h].kind = kind;
            sh.fds[h].fd = fd;
            sh.fds[h].offset = 0;
            return h;
        }
    }
    return -1;
}

/* The entry for guest handle h, or NULL (errno EBADF set for the guest). */
static SemihostFd *get_handle(uint64_t h)
{
    if (h == 0 || h >= SEMIHOST_MAX_HANDLES ||
        SH_FD_UNUSED == sh.fds[h].kind) {
        sh.err = EBADF;
        return NULL;
    }
    return &sh.fds[h];
}

/* ---- confinement ---- */

static int root_fd(const Machine *m)
{
    const char *root = m->cfg.semihosting_root ? m->cfg.semihosting_root
                                                 : ".";

    if (sh.root_fd < 0) {
        sh.root_fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (sh.root_fd < 0 && log_enabled(LOG_GUEST_ERROR)) {
            log_printf("semihosting: cannot open root '%s': %s\n", root,
                       strerror(errno));
        }
    }
    return sh.root_fd;
}

/*
 * Resolve guest path `path` (modified in place) inside the root: on
 * success *dir is a directory fd the caller closes and *leaf the last
 * component, to be used with openat()/unlinkat()/renameat(). The rule:
 * a path is a list of names separated by '/'; it may not start with
 * '/', contain a ".." component, or pass through a symbolic link (each
 * directory is opened with O_NOFOLLOW relative to the previous one, so
 * nothing can be swapped in between). Empty and "." components are
 * skipped. Returns 0 or an errno value.
 */
static int resolve_path(const Machine *m, char *path, int *dir,
                        const char **leaf)
{
    char *comp[SEMIHOST_PATH_MAX / 2];
    unsigned n = 0;
    char *save = NULL;
    int fd;

    if (path[0] == '/') {
        return EACCES;
    }
    for (char *c = strtok_r(path, "/", &save); c;
         c = strtok_r(NULL, "/", &save)) {
        if (0 == strcmp(c, ".")) {
            continue;
        }
        if (0 == strcmp(c, "..")) {
            return EACCES;
        }
        comp[n++] = c;
    }
    if (n == 0) {
        return ENOENT;
    }
    fd = root_fd(m);
    if (fd < 0) {
        return EACCES;
    }
    fd = dup(fd);
    if (fd < 0) {
        return errno;
    }
    for (unsigned i = 0; i + 1 < n; i++) {
        int next = openat(fd, comp[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
                          O_CLOEXEC);
        int err = errno;

        close(fd);
        if (next < 0) {
            return err;
        }
        fd = next;
    }
    *dir = fd;
    *leaf = comp[n - 1];
    return 0;
}

/* Read a guest path and resolve it; 0 or an errno value. */
static int guest_path(Machine *m, const SemihostGuest *g, uint64_t addr,
                      uint64_t len, char *buf, int *dir, const char **leaf)
{
    int err = read_name(g, addr, len, buf, SEMIHOST_PATH_MAX);

    if (!err) {
        char copy[SEMIHOST_PATH_MAX];

        memcpy(copy, buf, (size_t)len + 1);
        err = resolve_path(m, buf, dir, leaf);
        if ((EACCES == err) && log_enabled(LOG_GUEST_ERROR)) {
            log_printf("semihosting: '%s' is outside the root: refused\n",
                       copy);
        }
    }
    return err;
}

/* ---- file operations ---- */

static uint64_t sys_open(Machine *m, const SemihostGuest *g, uint64_t block)
{
    uint64_t name, mode, len;
    char path[SEMIHOST_PATH_MAX];
    const char *leaf;
    int err, dir, fd, h;

    if (!arg(g, block, 0, &name) || !arg(g, block, 1, &mode) ||
        !arg(g, block, 2, &len)) {
        return fail(EFAULT);
    }
    err = read_name(g, name, len, path, sizeof(path));
    if (err) {
        return fail(err);
    }
    if (mode >= 12) {
        return fail(EINVAL);
    }
    if (0 == strcmp(path, ":tt")) {
        /* SH_EXT_STDOUT_STDERR: read = stdin, write = stdout, append = stderr */
        h = alloc_handle(SH_FD_STDIO, mode < 4 ? 0 : mode < 8 ? 1 : 2);
        return h < 0 ? fail(EMFILE) : (uint64_t)h;
    }
    if (0 == strcmp(path, ":semihosting-features")) {
        if (mode > 1) {
            return fail(EACCES); /* read-only, as in QEMU */
        }
        h = alloc_handle(SH_FD_FEATURES, -1);
        return h < 0 ? fail(EMFILE) : (uint64_t)h;
    }
    err = guest_path(m, g, name, len, path, &dir, &leaf);
    if (err) {
        return fail(err);
    }
    fd = openat(dir, leaf, open_flags[mode] | O_NOFOLLOW | O_NOCTTY |
                O_CLOEXEC, 0644);
    err = errno;
    close(dir);
    if (fd < 0) {
        return fail(err);
    }
    h = alloc_handle(SH_FD_HOST, fd);
    if (h < 0) {
        close(fd);
        return fail(EMFILE);
    }
    return (uint64_t)h;
}

static uint64_t sys_close(const SemihostGuest *g, uint64_t block)
{
    uint64_t handle;
    SemihostFd *f;
    int ret = 0;

    if (!arg(g, block, 0, &handle)) {
        return fail(EFAULT);
    }
    f = get_handle(handle);
    if (!f) {
        return UINT64_MAX;
    }
    if (SH_FD_HOST == f->kind) {
        ret = close(f->fd);
    }
    f->kind = SH_FD_UNUSED;
    return ret < 0 ? fail(errno) : 0;
}

/*
 * One byte of console input, waiting for it: -1 at end of input or on
 * a host signal. Input comes through the serial backend, so the UART
 * and semihosting share one stream without racing for host stdin (as
 * with QEMU's -semihosting-config chardev=serial0).
 */
static int console_getc(Machine *m)
{
    uint8_t c;

    if (!m->serial) {
        ssize_t n;

        do {
            n = read(0, &c, 1);
        } while (n < 0 && errno == EINTR && !machine_host_signal());
        return n == 1 ? c : -1;
    }
    for (;;) {
        struct pollfd p = { 0, POLLIN, 0 };

        if (chardev_can_read(m->serial)) {
            return chardev_read(m->serial);
        }
        if (machine_host_signal() || chardev_quit_requested(m->serial)) {
            return -1;
        }
        /* readable but nothing for the guest: end of input */
        if (poll(&p, 1, 100) > 0 && !chardev_can_read(m->serial)) {
            return -1;
        }
    }
}

/* SYS_READ from ":tt": what is there, like a terminal; at least 1 byte. */
static ssize_t console_read(Machine *m, uint8_t *buf, size_t len)
{
    size_t n = 0;
    int c;

    fflush(stdout);
    c = console_getc(m);
    if (c < 0) {
        return 0;
    }
    buf[n++] = (uint8_t)c;
    while (n < len && c != '\n' && m->serial &&
           chardev_can_read(m->serial)) {
        c = chardev_read(m->serial);
        buf[n++] = (uint8_t)c;
    }
    return (ssize_t)n;
}

/*
 * SYS_WRITE and SYS_READ return the number of bytes NOT transferred.
 * Like QEMU 7.2, they leave SYS_ERRNO alone (the spec gives them no
 * error code).
 */
static uint64_t sys_rw_errno(Machine *m, const SemihostGuest *g, uint64_t block,
                       bool is_write)
{
    uint64_t handle, buf, len, done = 0;
    uint8_t chunk[4096];
    SemihostFd *f;

    if (!arg(g, block, 0, &handle) || !arg(g, block, 1, &buf) ||
        !arg(g, block, 2, &len)) {
        return fail(EFAULT);
    }
    f = get_handle(handle);
    if (!f) {
        return len;
    }
    if (SH_FD_FEATURES == f->kind) {
        size_t left = sizeof(features_file) - f->offset;
        size_t n = len < left ? (size_t)len : left;

        if (is_write) {
            sh.err = EBADF;
            return len;
        }
        if (!g->write(g->opaque, buf, features_file + f->offset, n)) {
            sh.err = EFAULT;
            return len;
        }
        f->offset += n;
        return len - n;
    }
    while (done < len) {
        size_t n = len - done < sizeof(chunk) ? (size_t)(len - done)
                                              : sizeof(chunk);
        ssize_t r;

        if (is_write) {
            if (!g->read(g->opaque, buf + done, chunk, n)) {
                sh.err = EFAULT;
                break;
            }
            if (SH_FD_STDIO == f->kind && f->fd != 0) {
                host_out(f->fd, chunk, n);
                r = (ssize_t)n;
            } else {
                r = write(f->fd, chunk, n);
            }
        } else {
            r = SH_FD_STDIO == f->kind ? console_read(m, chunk, n)
                                       : read(f->fd, chunk, n);
            if (r > 0 && !g->write(g->opaque, buf + done, chunk, (size_t)r)) {
                sh.err = EFAULT;
                break;
            }
        }
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r < 0) {
            sh.err = (uint64_t)errno;
            break;
        }
        done += (uint64_t)r;
        if ((size_t)r < n && (!is_write || r == 0)) {
            break; /* end of file, or a short read from a console */
        }
    }
    return len - done;
}

static uint64_t sys_rw(Machine *m, const SemihostGuest *g, uint64_t block,
                       bool is_write)
{
    uint64_t saved = sh.err, ret = sys_rw_errno(m, g, block, is_write);

    sh.err = saved;
    return ret;
}

static uint64_t sys_readc(Machine *m)
{
    int c;

    fflush(stdout);
    c = console_getc(m);
    return c < 0 ? UINT64_MAX : (uint64_t)c; /* -1 at end of input */
}

static uint64_t sys_istty(const SemihostGuest *g, uint64_t block)
{
    uint64_t handle;
    SemihostFd *f;

    if (!arg(g, block, 0, &handle)) {
        return fail(EFAULT);
    }
    f = get_handle(handle);
    if (!f) {
        return UINT64_MAX;
    }
    if (SH_FD_FEATURES == f->kind) {
        sh.err = ENOTTY;
        return 0;
    }
    if (isatty(f->fd)) {
        return 1;
    }
    sh.err = (uint64_t)errno;
    return ENOTTY == errno ? 0 : UINT64_MAX;
}

static uint64_t sys_seek(const SemihostGuest *g, uint64_t block)
{
    uint64_t handle, pos;
    SemihostFd *f;

    if (!arg(g, block, 0, &handle) || !arg(g, block, 1, &pos)) {
        return fail(EFAULT);
    }
    f = get_handle(handle);
    if (!f) {
        return UINT64_MAX;
    }
    if (SH_FD_FEATURES == f->kind) {
        if (pos > sizeof(features_file)) {
            return fail(EINVAL);
        }
        f->offset = (size_t)pos;
        return 0;
    }
    if (pos > (uint64_t)INT64_MAX) {
        return fail(EINVAL);
    }
    return lseek(f->fd, (off_t)pos, SEEK_SET) < 0 ? fail(errno) : 0;
}

static uint64_t sys_flen(const SemihostGuest *g, uint64_t block)
{
    uint64_t handle;
    SemihostFd *f;
    struct stat st;

    if (!arg(g, block, 0, &handle)) {
        return fail(EFAULT);
    }
    f = get_handle(handle);
    if (!f) {
        return UINT64_MAX;
    }
    if (SH_FD_FEATURES == f->kind) {
        return sizeof(features_file);
    }
    if (fstat(f->fd, &st) < 0) {
        return fail(errno);
    }
    if (g->word_size == 4 && (uint64_t)st.st_size > INT32_MAX) {
        return fail(EOVERFLOW);
    }
    return (uint64_t)st.st_size;
}

/*
 * SYS_TMPNAM: a name relative to the root (QEMU gives "/tmp/qemu-..."),
 * the same on every run. -1 without errno if the buffer is too small.
 */
static uint64_t sys_tmpnam(const SemihostGuest *g, uint64_t block)
{
    uint64_t buf, id, size;
    char name[32];
    int len;

    if (!arg(g, block, 0, &buf) || !arg(g, block, 1, &id) ||
        !arg(g, block, 2, &size)) {
        return fail(EFAULT);
    }
    len = snprintf(name, sizeof(name), "firmscope-tmp-%02x",
                   (unsigned)(id & 0xff));
    if ((uint64_t)len + 1 > size) {
        return UINT64_MAX;
    }
    if (!g->write(g->opaque, buf, name, (size_t)len + 1)) {
        return fail(EFAULT);
    }
    return 0;
}

static uint64_t sys_remove(Machine *m, const SemihostGuest *g, uint64_t block)
{
    uint64_t name, len;
    char path[SEMIHOST_PATH_MAX];
    const char *leaf;
    int err, dir, ret;

    if (!arg(g, block, 0, &name) || !arg(g, block, 1, &len)) {
        return fail(EFAULT);
    }
    err = guest_path(m, g, name, len, path, &dir, &leaf);
    if (err) {
        return fail(err);
    }
    /* remove(3): a file (a symlink itself, never its target) or a dir */
    ret = unlinkat(dir, leaf, 0);
    if (ret < 0 && (EISDIR == errno || EPERM == errno)) {
        ret = unlinkat(dir, leaf, AT_REMOVEDIR);
    }
    err = errno;
    close(dir);
    return ret < 0 ? fail(err) : 0;
}

static uint64_t sys_rename(Machine *m, const SemihostGuest *g, uint64_t block)
{
    uint64_t old_name, old_len, new_name, new_len;
    char old_path[SEMIHOST_PATH_MAX], new_path[SEMIHOST_PATH_MAX];
    const char *old_leaf, *new_leaf;
    int err, old_dir, new_dir, ret;

    if (!arg(g, block, 0, &old_name) || !arg(g, block, 1, &old_len) ||
        !arg(g, block, 2, &new_name) || !arg(g, block, 3, &new_len)) {
        return fail(EFAULT);
    }
    err = guest_path(m, g, old_name, old_len, old_path, &old_dir, &old_leaf);
    if (err) {
        return fail(err);
    }
    err = guest_path(m, g, new_name, new_len, new_path, &new_dir, &new_leaf);
    if (err) {
        close(old_dir);
        return fail(err);
    }
    ret = renameat(old_dir, old_leaf, new_dir, new_leaf);
    err = errno;
    close(old_dir);
    close(new_dir);
    return ret < 0 ? fail(err) : 0;
}

/*
 * SYS_SYSTEM: refused (-1, errno EPERM) unless -semihosting-config
 * system=on; then `sh -c CMD` runs in the root directory and the result
 * is the wait status, as system(3) returns it (QEMU calls system()).
 */
static uint64_t sys_system(Machine *m, const SemihostGuest *g, uint64_t block)
{
    uint64_t cmd, len;
    char buf[SEMIHOST_PATH_MAX];
    int err, status, dir;
    pid_t pid;

    if (!arg(g, block, 0, &cmd) || !arg(g, block, 1, &len)) {
        return fail(EFAULT);
    }
    err = read_name(g, cmd, len, buf, sizeof(buf));
    if (err) {
        return fail(err);
    }
    if (!m->cfg.semihosting_system) {
        if (log_enabled(LOG_GUEST_ERROR)) {
            log_printf("semihosting: SYS_SYSTEM '%s' refused (enable with "
                       "-semihosting-config system=on)\n", buf);
        }
        return fail(EPERM);
    }
    dir = root_fd(m);
    if (dir < 0) {
        return fail(EACCES);
    }
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0) {
        return fail(errno);
    }
    if (pid == 0) {
        if (fchdir(dir) == 0) {
            execl("/bin/sh", "sh", "-c", buf, (char *)NULL);
        }
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return fail(errno);
        }
    }
    return (uint64_t)(int64_t)status;
}

/* ---- the rest ---- */

/*
 * QEMU's semihosting command line without arg=: the kernel file name
 * (argv[0]), then the words of -append, joined by single spaces.
 */
static uint64_t sys_get_cmdline(Machine *m, const SemihostGuest *g,
                                uint64_t block)
{
    uint64_t buf, size;
    char line[SEMIHOST_CMDLINE_MAX];
    size_t n = 0;

    if (!arg(g, block, 0, &buf) || !arg(g, block, 1, &size)) {
        return fail(EFAULT);
    }
    line[0] = '\0';
    if (m->cfg.kernel) {
        const char *a = m->cfg.append ? m->cfg.append : "";

        n = (size_t)snprintf(line, sizeof(line), "%s", m->cfg.kernel);
        while (*a && n < sizeof(line)) {
            size_t w;

            a += strspn(a, " ");
            w = strcspn(a, " ");
            if (w > 0) {
                n += (size_t)snprintf(line + n, sizeof(line) - n, " %.*s",
                                      (int)w, a);
            }
            a += w;
        }
        if (n >= sizeof(line)) {
            return fail(E2BIG);
        }
    }
    if (n + 1 > size) {
        return fail(E2BIG);
    }
    if (!set_arg(g, block, 1, n) ||
        !g->write(g->opaque, buf, line, n + 1)) {
        return fail(EFAULT);
    }
    return 0;
}

/*
 * QEMU's SYS_HEAPINFO: in the largest RAM region, the largest gap
 * between the images loaded into it (here: each ELF's [lowest, highest)
 * loaded address, and the device tree); the heap fills the gap upwards
 * and the stack downwards. All zero when the layout is unknown.
 */
static void heap_layout(Machine *m, const SemihostGuest *g, uint64_t out[4])
{
    const MemRegion *ram = NULL;
    uint64_t blob[3][2];
    unsigned n = 0;
    uint64_t gap_base = 0, gap_size = 0, start;

    for (unsigned i = 0; i < m->bus.n_regions; i++) {
        const MemRegion *r = &m->bus.regions[i];

        if (MEM_RAM == r->kind && (!ram || r->size > ram->size)) {
            ram = r;
        }
    }
    memset(out, 0, 4 * sizeof(out[0]));
    if (!ram) {
        return;
    }
    if (m->symbol_at == riscv_boot_symbol_at) {
        const RiscvBoot *boot = m->symbol_opaque;
        uint8_t hdr[8];

        if (boot->bios.load_high > boot->bios.load_low) {
            blob[n][0] = boot->bios.load_low;
            blob[n++][1] = boot->bios.load_high;
        }
        if (boot->kernel.load_high > boot->kernel.load_low) {
            blob[n][0] = boot->kernel.load_low;
            blob[n++][1] = boot->kernel.load_high;
        }
        /* the device tree's own header gives its size (big-endian) */
        if (g->read(g->opaque, boot->fdt_addr, hdr, sizeof(hdr)) &&
            hdr[0] == 0xd0 && hdr[1] == 0x0d && hdr[2] == 0xfe &&
            hdr[3] == 0xed) {
            blob[n][0] = boot->fdt_addr;
            blob[n++][1] = boot->fdt_addr + ((uint64_t)hdr[4] << 24 |
                                             (uint64_t)hdr[5] << 16 |
                                             (uint64_t)hdr[6] << 8 | hdr[7]);
        }
    }
    /* sort by start, then walk the gaps from the bottom of RAM up */
    for (unsigned i = 1; i < n; i++) {
        for (unsigned j = i; j > 0 && blob[j][0] < blob[j - 1][0]; j--) {
            uint64_t t0 = blob[j][0], t1 = blob[j][1];

            blob[j][0] = blob[j - 1][0];
            blob[j][1] = blob[j - 1][1];
            blob[j - 1][0] = t0;
            blob[j - 1][1] = t1;
        }
    }
    start = ram->base;
    for (unsigned i = 0; i <= n; i++) {
        uint64_t end = i < n ? blob[i][0] : ram->base + ram->size;

        if (end > ram->base + ram->size) {
            end = ram->base + ram->size;
        }
        if (end > start && end - start > gap_size) {
            gap_base = start;
            gap_size = end - start;
        }
        if (i < n && blob[i][1] > start) {
            start = blob[i][1];
        }
    }
    out[0] = gap_base;                /* heap base */
    out[1] = gap_base + gap_size;     /* heap limit */
    out[2] = gap_base + gap_size;     /* stack base */
    out[3] = gap_base;                /* stack limit */
}

static uint64_t sys_heapinfo(Machine *m, const SemihostGuest *g,
                             uint64_t param)
{
    uint64_t block, v[4];

    /* the parameter is the address of a pointer to the 4-field block */
    if (!arg(g, param, 0, &block)) {
        return fail(EFAULT);
    }
    heap_layout(m, g, v);
    for (unsigned i = 0; i < 4; i++) {
        if (!set_arg(g, block, i, v[i])) {
            return fail(EFAULT);
        }
    }
    return 0;
}

/* SYS_ELAPSED: virtual ns since reset, as 64 bits in two words on RV32. */
static uint64_t sys_elapsed(Machine *m, const SemihostGuest *g,
                            uint64_t block)
{
    uint64_t t = vclock_insn_ns(&m->clock);
    bool ok;

    if (g->word_size == 8) {
        ok = set_arg(g, block, 0, t);
    } else {
        ok = set_arg(g, block, 0, t & 0xffffffffu) &&
             set_arg(g, block, 1, t >> 32);
    }
    return ok ? 0 : fail(EFAULT);
}

static uint64_t sys_iserror(const SemihostGuest *g, uint64_t block)
{
    uint64_t v;
    unsigned sign = g->word_size * 8 - 1;

    if (!arg(g, block, 0, &v)) {
        return fail(EFAULT);
    }
    return (v >> sign) & 1;
}

static uint64_t sys_write0(const SemihostGuest *g, uint64_t addr)
{
    char buf[256];
    size_t n = 0;

    for (unsigned i = 0; i < SEMIHOST_WRITE0_MAX; i++) {
        if (!g->read(g->opaque, addr + i, &buf[n], 1) || buf[n] == '\0') {
            break;
        }
        if (++n == sizeof(buf)) {
            host_out(2, buf, n);
            n = 0;
        }
    }
    host_out(2, buf, n);
    return 0;
}

/* Exit status from SYS_EXIT / SYS_EXIT_EXTENDED, as QEMU computes it. */
static int exit_status(const SemihostGuest *g, uint64_t op, uint64_t param)
{
    uint64_t reason = param, subcode = 0;

    if (op == SEMIHOST_SYS_EXIT_EXTENDED || g->exit_has_block) {
        if (!arg(g, param, 0, &reason) || !arg(g, param, 1, &subcode)) {
            return 1;
        }
        return reason == SEMIHOST_ADP_STOPPED_APPLICATION_EXIT ? (int)subcode
                                                               : 1;
    }
    return reason == SEMIHOST_ADP_STOPPED_APPLICATION_EXIT ? 0 : 1;
}

uint64_t semihost_call(Machine *m, const SemihostGuest *g, uint64_t op,
                       uint64_t param, bool *exited)
{
    uint8_t c;
    time_t now;

    *exited = false;
    switch (op) {
    case SEMIHOST_SYS_OPEN:
        return sys_open(m, g, param);
    case SEMIHOST_SYS_CLOSE:
        return sys_close(g, param);
    case SEMIHOST_SYS_WRITEC:
        if (g->read(g->opaque, param, &c, 1)) {
            host_out(2, &c, 1);
        }
        return 0;
    case SEMIHOST_SYS_WRITE0:
        return sys_write0(g, param);
    case SEMIHOST_SYS_WRITE:
        return sys_rw(m, g, param, true);
    case SEMIHOST_SYS_READ:
        return sys_rw(m, g, param, false);
    case SEMIHOST_SYS_READC:
        return sys_readc(m);
    case SEMIHOST_SYS_ISERROR:
        return sys_iserror(g, param);
    case SEMIHOST_SYS_ISTTY:
        return sys_istty(g, param);
    case SEMIHOST_SYS_SEEK:
        return sys_seek(g, param);
    case SEMIHOST_SYS_FLEN:
        return sys_flen(g, param);
    case SEMIHOST_SYS_TMPNAM:
        return sys_tmpnam(g, param);
    case SEMIHOST_SYS_REMOVE:
        return sys_remove(m, g, param);
    case SEMIHOST_SYS_RENAME:
        return sys_rename(m, g, param);
    case SEMIHOST_SYS_CLOCK:
        /* virtual time, so runs repeat (QEMU: host CPU time, clock()) */
        return vclock_insn_ns(&m->clock) / SEMIHOST_NS_PER_CS;
    case SEMIHOST_SYS_TIME:
        now = time(NULL);
        return now == (time_t)-1 ? fail(errno) : (uint64_t)now;
    case SEMIHOST_SYS_SYSTEM:
        return sys_system(m, g, param);
    case SEMIHOST_SYS_ERRNO:
        return sh.err;
    case SEMIHOST_SYS_GET_CMDLINE:
        return sys_get_cmdline(m, g, param);
    case SEMIHOST_SYS_HEAPINFO:
        return sys_heapinfo(m, g, param);
    case SEMIHOST_SYS_EXIT:
    case SEMIHOST_SYS_EXIT_EXTENDED:
        machine_request_exit(m, exit_status(g, op, param));
        *exited = true;
        return 0;
    case SEMIHOST_SYS_ELAPSED:
        return sys_elapsed(m, g, param);
    case SEMIHOST_SYS_TICKFREQ:
        return SEMIHOST_TICK_HZ;
    default:
        /* QEMU aborts here; a guest must never stop the host */
        if (log_enabled(LOG_GUEST_ERROR)) {
            log_printf("semihosting: unsupported operation %s\n",
                       semihost_op_name(op));
        }
        return fail(ENOSYS);
    }
}
