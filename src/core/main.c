/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * firmscope's command line: QEMU-style options where they overlap, so
 * the same command runs an image on either. Errors are one line on
 * stderr and exit status 1; a guest exit request gives its own code.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "cpu.h"
#include "elf.h"
#include "error.h"
#include "fstrace.h"
#include "log.h"
#include "plugin.h"

#define DEFAULT_RAM_SIZE (UINT64_C(128) << 20)
#define MAX_RAM_SIZE (UINT64_C(64) << 30)
#define MAX_ICOUNT_SHIFT 10
/*
 * 8 ns per instruction: 125 M instructions per virtual second, the pace
 * of the parts embedded firmware runs on, so timed waits (U-Boot's
 * autoboot countdown) do not cost a billion instructions a second.
 */
#define DEFAULT_ICOUNT_SHIFT 3

static void usage(FILE *out)
{
    fprintf(out,
        "usage: firmscope [options] [FILE.elf]\n"
        "\n"
        "Run RISC-V firmware on an emulated board. FILE.elf alone picks the\n"
        "board (spike if it has a `tohost` symbol, else virt) and the CPU\n"
        "from the ELF, and boots it as with -bios none -kernel FILE.elf.\n"
        "\n"
        "  -M, -machine NAME[,dumpdtb=FILE]\n"
        "                      board: virt (default) or spike; -M help\n"
        "                      lists; dumpdtb= writes virt's device tree to\n"
        "                      FILE and exits\n"
        "  -dtb FILE           pass this device tree blob instead of the\n"
        "                      generated one (virt)\n"
        "  -cpu rv64|rv32      hart XLEN (default: from the ELF, else rv64)\n"
        "  -m SIZE             RAM size, QEMU syntax: 128, 512M, 1G (MiB if\n"
        "                      no suffix; default 128M)\n"
        "  -bios FILE|none     firmware at the start of RAM (ELF or raw)\n"
        "  -kernel FILE        kernel ELF (or raw image after the firmware)\n"
        "  -nographic          accepted for QEMU compatibility (the UART is\n"
        "                      always on stdin/stdout)\n"
        "  -serial mon:stdio   accepted for QEMU compatibility\n"
        "  -d LIST             log items: int (every trap: type, cause, from\n"
        "                      and to PC), exec, cpu, fpu, nochain, plugin,\n"
        "                      guest_errors, unimp, mmu; -d help lists them\n"
        "  -D FILE             write the log to FILE instead of stderr\n"
        "  -plugin [file=]LIB.so[,key=value...]\n"
        "                      load a plugin written for QEMU's plugin API\n"
        "                      (versions 2 to 7); repeatable; its output\n"
        "                      (qemu_plugin_outs) is logged with -d plugin\n"
        "  -trace-pc FILE[,mem=on|off]\n"
        "                      write every executed PC (with mem=on, every\n"
        "                      memory access too) to FILE, in a compact\n"
        "                      binary format; build/fstrace FILE prints it\n"
        "  -semihosting        serve semihosting calls from S and M mode\n"
        "                      (console output goes to stderr)\n"
        "  -semihosting-config enable=on[,target=native|auto][,root=DIR]\n"
        "                      [,system=on|off]\n"
        "                      the same, spelled as QEMU spells it; guest\n"
        "                      file names resolve inside DIR (default: the\n"
        "                      current directory) and may not leave it;\n"
        "                      SYS_SYSTEM runs host commands only with\n"
        "                      system=on\n"
        "  -append STRING      SYS_GET_CMDLINE: the kernel's name, then STRING\n"
        "  -singlestep, -accel tcg,one-insn-per-tb=on\n"
        "                      one instruction per block, so that -d exec\n"
        "                      and -d cpu log every instruction (as QEMU's\n"
        "                      options of these names do)\n"
        "  -icount shift=N     each instruction lasts 2^N ns of virtual time\n"
        "                      (0..%d, default 3: 8 ns); mcycle counts ns;\n"
        "                      the meaning of QEMU's -icount shift=N,\n"
        "                      align=off,sleep=off. Time never follows the\n"
        "                      host clock, so runs are repeatable\n"
        "  -h, --help          this text\n"
        "  --version           version\n"
        "\n"
        "Boot: the reset ROM at 0x1000 sets a0 = hartid, a1 = device-tree\n"
        "address, a2 = fw_dynamic_info and jumps to the start of RAM\n"
        "(0x80000000) in M-mode, as QEMU does. Ctrl-A x quits when stdin is\n"
        "a terminal.\n",
        MAX_ICOUNT_SHIFT);
}

/* QEMU's size syntax: a number, optional K/M/G/T suffix, MiB if none. */
static int parse_size(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v;
    unsigned shift = 20;

    errno = 0;
    if (!*s || *s == '-') {
        return -1;
    }
    v = strtoull(s, &end, 10);
    if (errno || end == s) {
        return -1;
    }
    if (*end) {
        switch (*end) {
        case 'k': case 'K': shift = 10; break;
        case 'm': case 'M': shift = 20; break;
        case 'g': case 'G': shift = 30; break;
        case 't': case 'T': shift = 40; break;
        case 'b': case 'B': shift = 0; break;
        default: return -1;
        }
        if (end[1] && !((end[1] == 'i' || end[1] == 'I') && !end[2]) &&
            !((end[1] == 'b' || end[1] == 'B') && !end[2])) {
            return -1;
        }
    }
    if (v > (UINT64_MAX >> shift)) {
        return -1;
    }
    *out = (uint64_t)v << shift;
    return 0;
}

static int parse_icount(const char *arg, unsigned *shift)
{
    const char *p = arg;
    char *end;
    long v;

    if (strncmp(p, "shift=", 6) == 0) {
        p += 6;
    }
    errno = 0;
    v = strtol(p, &end, 10);
    if (errno || end == p || v < 0 || v > MAX_ICOUNT_SHIFT) {
        return fs_error(FS_EINVAL, "-icount: '%s' is not shift=N with N in "
                        "0..%d", arg, MAX_ICOUNT_SHIFT);
    }
    /* QEMU's align=off and sleep=off are what firmscope always does */
    while (*end == ',') {
        const char *opt = end + 1;
        size_t n = strcspn(opt, ",");

        if (!((n == 9 && strncmp(opt, "align=off", 9) == 0) ||
              (n == 9 && strncmp(opt, "sleep=off", 9) == 0))) {
            return fs_error(FS_EINVAL, "-icount: unsupported option '%.*s'",
                            (int)n, opt);
        }
        end = (char *)opt + n;
    }
    if (*end) {
        return fs_error(FS_EINVAL, "-icount: '%s' is not shift=N with N in "
                        "0..%d", arg, MAX_ICOUNT_SHIFT);
    }
    *shift = (unsigned)v;
    return 0;
}

typedef struct Options {
    MachineConfig cfg;
    const char *positional;
    const char *log_file;
    const char *trace_pc; /* -trace-pc FILE */
    bool trace_mem;       /* -trace-pc ...,mem=on */
    bool help, version, list_boards;
} Options;

/* The value of option argv[*i], or an error if it is the last word. */
static int take_value(int argc, char **argv, int *i, const char **value)
{
    if (*i + 1 >= argc) {
        return fs_error(FS_EINVAL, "%s: option needs a value (see --help)",
                        argv[*i]);
    }
    *value = argv[++*i];
    return 0;
}

/* -M NAME[,dumpdtb=FILE]: QEMU's machine options that apply here. */
static int parse_machine(Options *o, const char *v)
{
    const char *comma = strchr(v, ',');
    const char *p;

    if (strcmp(v, "help") == 0) {
        o->list_boards = true;
        return 0;
    }
    if (!comma) {
        o->cfg.board = v;
        return 0;
    }
    o->cfg.board = strndup(v, (size_t)(comma - v)); /* lives until exit */
    if (!o->cfg.board) {
        return fs_error(FS_ENOMEM, "-M: out of memory");
    }
    for (p = comma + 1; *p;) {
        size_t n = strcspn(p, ",");

        if (n > 8 && strncmp(p, "dumpdtb=", 8) == 0) {
            o->cfg.dumpdtb = strndup(p + 8, n - 8);
            if (!o->cfg.dumpdtb) {
                return fs_error(FS_ENOMEM, "-M: out of memory");
            }
        } else {
            return fs_error(FS_EINVAL, "-M: unsupported machine option "
                            "'%.*s' (dumpdtb=FILE)", (int)n, p);
        }
        p += n;
        if (*p == ',') {
            p++;
        }
    }
    return 0;
}

static int parse_cpu(Options *o, const char *v)
{
    if (strcmp(v, "rv64") == 0) {
        o->cfg.xlen = 64;
    } else if (strcmp(v, "rv32") == 0) {
        o->cfg.xlen = 32;
    } else {
        return fs_error(FS_EINVAL, "-cpu: unknown CPU '%s' (rv64 or rv32)",
                        v);
    }
    return 0;
}

/*
 * QEMU's -accel: only tcg, which is what firmscope is; one-insn-per-tb
 * is -singlestep's newer spelling (QEMU 8.1).
 */
static int parse_accel(Options *o, const char *v)
{
    const char *p = v;
    size_t n = strcspn(p, ",");

    if (!(n == 3 && strncmp(p, "tcg", 3) == 0)) {
        return fs_error(FS_EINVAL, "-accel: unsupported accelerator '%.*s' "
                        "(tcg)", (int)n, p);
    }
    for (p += n; *p;) {
        p++; /* the comma */
        n = strcspn(p, ",");
        if (n == 18 && strncmp(p, "one-insn-per-tb=on", 18) == 0) {
            o->cfg.one_insn_per_block = true;
        } else if (n == 19 && strncmp(p, "one-insn-per-tb=off", 19) == 0) {
            o->cfg.one_insn_per_block = false;
        } else if (!(n == 13 && strncmp(p, "thread=single", 13) == 0)) {
            return fs_error(FS_EINVAL, "-accel: unsupported option '%.*s' "
                            "(one-insn-per-tb=on|off, thread=single)",
                            (int)n, p);
        }
        p += n;
    }
    return 0;
}

/*
 * QEMU's -semihosting-config enable=on|off[,target=native|auto]: the
 * console and file operations always go to the host here. Our own
 * additions: root=DIR confines guest file names, system=on|off allows
 * SYS_SYSTEM (off by default).
 */
static int parse_semihosting_config(Options *o, const char *v)
{
    const char *p = v;

    while (*p) {
        size_t n = strcspn(p, ",");

        if (n == 9 && strncmp(p, "enable=on", 9) == 0) {
            o->cfg.semihosting = true;
        } else if (n == 10 && strncmp(p, "enable=off", 10) == 0) {
            o->cfg.semihosting = false;
        } else if (n > 5 && strncmp(p, "root=", 5) == 0) {
            char *dir = strndup(p + 5, n - 5);

            if (!dir) {
                return fs_error(FS_ENOMEM, "-semihosting-config: out of "
                                "memory");
            }
            free((char *)o->cfg.semihosting_root);
            o->cfg.semihosting_root = dir; /* lives until exit */
        } else if (n == 9 && strncmp(p, "system=on", 9) == 0) {
            o->cfg.semihosting_system = true;
        } else if (n == 10 && strncmp(p, "system=off", 10) == 0) {
            o->cfg.semihosting_system = false;
        } else if (!((n == 13 && strncmp(p, "target=native", 13) == 0) ||
                     (n == 11 && strncmp(p, "target=auto", 11) == 0))) {
            return fs_error(FS_EINVAL, "-semihosting-config: unsupported "
                            "option '%.*s' (enable=on|off, "
                            "target=native|auto, root=DIR, system=on|off)",
                            (int)n, p);
        }
        p += n;
        if (*p == ',') {
            p++;
        }
    }
    return 0;
}

/*
 * -trace-pc FILE[,mem=on|off]: a trailing ",mem=" is the option, the rest
 * the file name (which may then hold commas).
 */
static int parse_trace_pc(Options *o, const char *v)
{
    const char *comma = strrchr(v, ',');

    o->trace_pc = v;
    if (comma && strncmp(comma, ",mem=", 5) == 0) {
        if (strcmp(comma + 5, "on") && strcmp(comma + 5, "off")) {
            return fs_error(FS_EINVAL, "-trace-pc: '%s' is not mem=on or "
                            "mem=off", comma + 1);
        }
        o->trace_mem = strcmp(comma + 5, "on") == 0;
        o->trace_pc = strndup(v, (size_t)(comma - v)); /* lives until exit */
        if (!o->trace_pc) {
            return fs_error(FS_ENOMEM, "-trace-pc: out of memory");
        }
    }
    if (!*o->trace_pc) {
        return fs_error(FS_EINVAL, "-trace-pc: no file name");
    }
    return 0;
}

/* -trace-pc: create the file and have the hart record into it. */
static int trace_start(RvCpu *cpu, const Options *o)
{
    cpu->trace = fstrace_open(o->trace_pc, cpu->xlen, o->trace_mem);
    if (!cpu->trace) {
        return fs_error(FS_EIO, "-trace-pc: %s: %s", o->trace_pc,
                        strerror(errno));
    }
    cpu->trace_mem = o->trace_mem;
    return 0;
}

/* -trace-pc: complete the file; a failed write fails the run. */
static int trace_stop(RvCpu *cpu, const Options *o, int ret)
{
    int closed = fstrace_close(cpu->trace);

    cpu->trace = NULL;
    if (closed < 0 && ret == 0) {
        return fs_error(FS_EIO, "-trace-pc: %s: write failed, the trace is "
                        "incomplete", o->trace_pc);
    }
    return ret;
}

static int parse_option(Options *o, int argc, char **argv, int *i)
{
    const char *a = argv[*i], *v = NULL;
    int ret = 0;

    /* QEMU accepts --opt for -opt */
    if (a[0] == '-' && a[1] == '-' && a[2]) {
        a++;
    }
    if (strcmp(a, "-h") == 0 || strcmp(a, "-help") == 0) {
        o->help = true;
    } else if (strcmp(a, "-version") == 0) {
        o->version = true;
    } else if (strcmp(a, "-nographic") == 0) {
        /* the UART is always on stdio */
    } else if (strcmp(a, "-M") == 0 || strcmp(a, "-machine") == 0) {
        ret = take_value(argc, argv, i, &v);
        ret = ret ? ret : parse_machine(o, v);
    } else if (strcmp(a, "-cpu") == 0) {
        ret = take_value(argc, argv, i, &v);
        ret = ret ? ret : parse_cpu(o, v);
    } else if (strcmp(a, "-m") == 0) {
        ret = take_value(argc, argv, i, &v);
        if (!ret && (parse_size(strncmp(v, "size=", 5) == 0 ? v + 5 : v,
                                &o->cfg.ram_size) < 0 ||
                     0 == o->cfg.ram_size || o->cfg.ram_size > MAX_RAM_SIZE ||
                     0 != (o->cfg.ram_size & 0xfff))) {
            ret = fs_error(FS_EINVAL, "-m: '%s' is not a RAM size (e.g. 128M, "
                           "1G; a multiple of 4 KiB up to 64G)", v);
        }
    } else if (strcmp(a, "-bios") == 0) {
        ret = take_value(argc, argv, i, &o->cfg.bios);
    } else if (strcmp(a, "-kernel") == 0) {
        ret = take_value(argc, argv, i, &o->cfg.kernel);
    } else if (strcmp(a, "-dtb") == 0) {
        ret = take_value(argc, argv, i, &o->cfg.dtb);
    } else if (strcmp(a, "-append") == 0) {
        ret = take_value(argc, argv, i, &o->cfg.append);
    } else if (strcmp(a, "-d") == 0) {
        ret = take_value(argc, argv, i, &v);
        ret = ret ? ret : log_parse_mask(v, &log_mask);
        if (ret == 1) {
            exit(0); /* -d help printed the list */
        }
    } else if (strcmp(a, "-D") == 0) {
        ret = take_value(argc, argv, i, &o->log_file);
    } else if (strcmp(a, "-icount") == 0) {
        ret = take_value(argc, argv, i, &v);
        ret = ret ? ret : parse_icount(v, &o->cfg.icount_shift);
    } else if (strcmp(a, "-plugin") == 0) {
        ret = take_value(argc, argv, i, &v);
        ret = ret ? ret : plugin_add_spec(v);
    } else if (strcmp(a, "-trace-pc") == 0) {
        ret = take_value(argc, argv, i, &v);
        ret = ret ? ret : parse_trace_pc(o, v);
    } else if (strcmp(a, "-singlestep") == 0) {
        o->cfg.one_insn_per_block = true;
    } else if (strcmp(a, "-accel") == 0) {
        ret = take_value(argc, argv, i, &v);
        ret = ret ? ret : parse_accel(o, v);
    } else if (strcmp(a, "-semihosting") == 0) {
        o->cfg.semihosting = true;
    } else if (strcmp(a, "-semihosting-config") == 0) {
        ret = take_value(argc, argv, i, &v);
        ret = ret ? ret : parse_semihosting_config(o, v);
    } else if (strcmp(a, "-serial") == 0) {
        ret = take_value(argc, argv, i, &v);
        if (!ret && strcmp(v, "mon:stdio") && strcmp(v, "stdio")) {
            ret = fs_error(FS_EINVAL, "-serial: only stdio and mon:stdio are "
                           "supported, not '%s'", v);
        }
    } else {
        ret = fs_error(FS_EINVAL, "%s: unknown option (see --help)", argv[*i]);
    }
    return ret;
}

static int parse_args(Options *o, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        int ret;

        if (argv[i][0] != '-' || !argv[i][1]) {
            if (o->positional) {
                return fs_error(FS_EINVAL, "%s: only one image may be given "
                                "without an option (already have %s)",
                                argv[i], o->positional);
            }
            o->positional = argv[i];
            continue;
        }
        ret = parse_option(o, argc, argv, &i);
        if (ret < 0) {
            return ret;
        }
    }
    return 0;
}

/*
 * Fill what the command line left open: `firmscope FILE.elf` boots it
 * as -bios none -kernel FILE, and the ELF picks the board and the XLEN.
 */
static int complete_config(Options *o)
{
    MachineConfig *cfg = &o->cfg;
    const char *probe;
    ElfInfo info;
    int ret;

    if (o->positional) {
        if (cfg->kernel) {
            return fs_error(FS_EINVAL, "%s: give the image either alone or "
                            "with -kernel, not both", o->positional);
        }
        cfg->kernel = o->positional;
    }
    if (!cfg->kernel && (!cfg->bios || strcmp(cfg->bios, "none") == 0)) {
        return fs_error(FS_EINVAL, "no image to run: give FILE.elf, -kernel "
                        "FILE or -bios FILE (see --help)");
    }
    if (cfg->bios && strcmp(cfg->bios, "default") == 0) {
        cfg->bios = "none"; /* no bundled firmware: see README */
    }
    probe = cfg->kernel ? cfg->kernel : cfg->bios;
    memset(&info, 0, sizeof(info));
    ret = elf_read(probe, &info);
    /*
     * A raw image is fine with -kernel/-bios, as on QEMU; an image given
     * alone must be an ELF, since it is what picks the board and XLEN.
     */
    if (ret < 0 && (o->positional || elf_magic(probe) != 0)) {
        return ret;
    }
    fs_error_clear();
    if (!cfg->xlen) {
        cfg->xlen = ret < 0 ? 64 : info.xlen;
    }
    if (!cfg->board) {
        uint64_t v;

        cfg->board = (ret == 0 && elf_symbol_value(&info, "tohost", &v))
                         ? "spike"
                         : "virt";
    }
    elf_info_free(&info);
    if (!cfg->ram_size) {
        cfg->ram_size = DEFAULT_RAM_SIZE;
    }
    return 0;
}

static bool host_is_little_endian(void)
{
    const uint16_t probe = 1;

    return *(const uint8_t *)&probe == 1;
}

static const char *machine_symbol_at(void *opaque, uint64_t addr)
{
    Machine *m = opaque;

    return m->symbol_at ? m->symbol_at(m->symbol_opaque, addr) : NULL;
}

static void machine_advance_time_to(void *opaque, uint64_t ns)
{
    Machine *m = opaque;
    uint64_t now = vclock_now_ns(&m->clock);

    if (ns > now) {
        vclock_advance(&m->clock, ns - now);
    }
}

int main(int argc, char **argv)
{
    static Machine m;
    PluginTarget target;
    Options o;
    int ret;

    memset(&o, 0, sizeof(o));
    o.cfg.icount_shift = DEFAULT_ICOUNT_SHIFT;
    if (!host_is_little_endian()) {
        fprintf(stderr, "firmscope: big-endian hosts are not supported\n");
        return 1;
    }
    ret = parse_args(&o, argc, argv);
    if (ret == 0 && o.help) {
        usage(stdout);
        return 0;
    }
    if (ret == 0 && o.version) {
        printf("firmscope %s\n", FS_VERSION);
        return 0;
    }
    if (ret == 0 && o.list_boards) {
        board_list(stdout);
        return 0;
    }
    if (ret == 0 && o.log_file) {
        ret = log_set_file(o.log_file);
    }
    if (ret == 0) {
        ret = complete_config(&o);
    }
    if (ret == 0) {
        /* plugins are installed before the machine exists, as in QEMU */
        memset(&target, 0, sizeof(target));
        target.target_name = o.cfg.xlen == 32 ? "riscv32" : "riscv64";
        target.smp_vcpus = 1;
        target.max_vcpus = 1;
        target.symbol_at = machine_symbol_at;
        target.symbol_opaque = &m;
        target.advance_time_to = machine_advance_time_to;
        target.time_opaque = &m;
        ret = plugin_load_all(&target);
    }
    if (ret == 0) {
        m.cfg = o.cfg;
        ret = machine_create(&m);
    }
    if (ret == 0) {
        machine_catch_signals();
    }
    if (ret == 0 && !m.init_only && o.trace_pc) {
        ret = trace_start(m.cpus[0], &o);
    }
    if (ret == 0 && !m.init_only) {
        ret = rv_cpu_run(m.cpus[0]);
        plugin_atexit();
    }
    if (m.cpus[0] && m.cpus[0]->trace) {
        ret = trace_stop(m.cpus[0], &o, ret);
    }
    machine_free(&m);
    plugin_unload_all();
    fflush(stdout);
    log_close();
    if (ret < 0) {
        fprintf(stderr, "firmscope: %s\n", fs_error_msg());
        return 1;
    }
    return m.exit_code;
}
