/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ELF loader: well-formed 32 and 64-bit images built in memory, one
 * malformed variant per validation rule, and random corruption.
 */
#include "elf.h"

/* The system header (ours is the quoted one above). */
#include <elf.h>

#include <assert.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bus.h"
#include "error.h"
#include "test.h"

/*
 * Image layout (same offsets for both classes):
 *   0x000 ELF header, then 3 program headers
 *   0x100 segment 0 bytes (0x20; memsz 0x60, so 0x40 of zero fill)
 *   0x120 segment 2 bytes (0x10); segment 1 is PT_GNU_STACK
 *   0x140 .symtab, 0x300 .strtab, 0x380 .shstrtab, 0x400 section headers
 */
#define IMG_MAX 0x800
#define SEG0_OFF 0x100
#define SEG0_FILESZ 0x20
#define SEG0_MEMSZ 0x60
#define SEG2_OFF 0x120
#define SEG2_SIZE 0x10
#define SYMTAB_OFF 0x140
#define STRTAB_OFF 0x300
#define SHSTRTAB_OFF 0x380
#define SHDR_OFF 0x400
#define N_PHDRS 3
#define N_SHDRS 5
#define RAM_BASE UINT64_C(0x80000000)
#define RAM_SIZE 0x100000
#define ENTRY RAM_BASE

enum { SH_NULL, SH_TEXT, SH_SYMTAB, SH_STRTAB, SH_SHSTRTAB };

typedef struct Img {
    uint8_t b[IMG_MAX];
    size_t size;
    bool is64;
    uint32_t name_off[16]; /* string table offset of each symbol's name */
} Img;

typedef struct TestSym {
    const char *name;
    uint64_t value, size;
    uint8_t type, bind;
    uint16_t shndx;
} TestSym;

/* Index 0 is the null symbol; locals come before globals, as ld does. */
static const TestSym test_syms[] = {
    {"", 0, 0, STT_NOTYPE, STB_LOCAL, SHN_UNDEF},
    {"crt.S", 0, 0, STT_FILE, STB_LOCAL, SHN_ABS},
    {"", RAM_BASE, 0, STT_SECTION, STB_LOCAL, SH_TEXT},
    {"$x", RAM_BASE, 0, STT_NOTYPE, STB_LOCAL, SH_TEXT},
    {"inner", RAM_BASE + 0x18, 0, STT_NOTYPE, STB_LOCAL, SH_TEXT},
    {"_start", RAM_BASE, 0x10, STT_FUNC, STB_GLOBAL, SH_TEXT},
    {"main", RAM_BASE + 0x10, 0x10, STT_FUNC, STB_GLOBAL, SH_TEXT},
    {"bss_start", RAM_BASE + 0x20, 0, STT_NOTYPE, STB_GLOBAL, SH_TEXT},
    {"data_word", RAM_BASE + 0x1000, 8, STT_OBJECT, STB_GLOBAL, SH_TEXT},
    {"printf", 0, 0, STT_NOTYPE, STB_GLOBAL, SHN_UNDEF},
    {"tohost", RAM_BASE + 0x1008, 8, STT_OBJECT, STB_GLOBAL, SH_TEXT},
    {"_end", RAM_BASE + 0x1010, 0, STT_NOTYPE, STB_GLOBAL, SHN_ABS},
};
#define N_SYMS FS_ARRAY_SIZE(test_syms)
#define FIRST_GLOBAL 5
#define N_KEPT 7 /* inner, _start, main, bss_start, data_word, tohost, _end */

/*
 * Fields are written through the glibc structure of the image's class:
 * FIELD() gives the offset and size of a member in both.
 */
#define FIELD(T, f)                                                            \
    offsetof(Elf32_##T, f), sizeof(((Elf32_##T *)0)->f),                       \
        offsetof(Elf64_##T, f), sizeof(((Elf64_##T *)0)->f)
#define SET_EHDR(m, f, v) set_field((m), 0, FIELD(Ehdr, f), (v))
#define SET_PHDR(m, i, f, v)                                                   \
    set_field((m), phdr_at((m), (i)), FIELD(Phdr, f), (v))
#define SET_SHDR(m, i, f, v)                                                   \
    set_field((m), shdr_at((m), (i)), FIELD(Shdr, f), (v))
#define SET_SYM(m, i, f, v) set_field((m), sym_at((m), (i)), FIELD(Sym, f), (v))

static void set_field(Img *m, size_t base, size_t off32, size_t sz32,
                      size_t off64, size_t sz64, uint64_t v)
{
    size_t off = base + (m->is64 ? off64 : off32);
    size_t sz = m->is64 ? sz64 : sz32;

    assert(off + sz <= IMG_MAX);
    memcpy(m->b + off, &v, sz); /* the host is little-endian, like ELF */
}

static size_t ehdr_size(const Img *m)
{
    return m->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
}

static size_t phdr_at(const Img *m, unsigned i)
{
    return ehdr_size(m) +
           i * (m->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr));
}

static size_t shdr_at(const Img *m, unsigned i)
{
    return SHDR_OFF + i * (m->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr));
}

static size_t sym_size(const Img *m)
{
    return m->is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym);
}

static size_t sym_at(const Img *m, unsigned i)
{
    return SYMTAB_OFF + i * sym_size(m);
}

static uint8_t seg0_byte(unsigned i)
{
    return (uint8_t)(0x11 + 7 * i);
}

static uint8_t seg2_byte(unsigned i)
{
    return (uint8_t)(0xa0 + i);
}

static void build(Img *m, bool is64)
{
    static const char shstr[] = "\0.text\0.symtab\0.strtab\0.shstrtab";
    size_t str_len = 1;

    memset(m, 0, sizeof(*m));
    m->is64 = is64;
    memcpy(m->b, ELFMAG, SELFMAG);
    m->b[EI_CLASS] = is64 ? ELFCLASS64 : ELFCLASS32;
    m->b[EI_DATA] = ELFDATA2LSB;
    m->b[EI_VERSION] = EV_CURRENT;
    SET_EHDR(m, e_type, ET_EXEC);
    SET_EHDR(m, e_machine, EM_RISCV);
    SET_EHDR(m, e_version, EV_CURRENT);
    SET_EHDR(m, e_entry, ENTRY);
    SET_EHDR(m, e_phoff, ehdr_size(m));
    SET_EHDR(m, e_shoff, SHDR_OFF);
    SET_EHDR(m, e_ehsize, ehdr_size(m));
    SET_EHDR(m, e_phentsize, phdr_at(m, 1) - phdr_at(m, 0));
    SET_EHDR(m, e_phnum, N_PHDRS);
    SET_EHDR(m, e_shentsize, shdr_at(m, 1) - shdr_at(m, 0));
    SET_EHDR(m, e_shnum, N_SHDRS);
    SET_EHDR(m, e_shstrndx, SH_SHSTRTAB);

    /* The virtual address differs so the test sees p_paddr being used. */
    SET_PHDR(m, 0, p_type, PT_LOAD);
    SET_PHDR(m, 0, p_offset, SEG0_OFF);
    SET_PHDR(m, 0, p_vaddr, is64 ? UINT64_C(0xffffffff80000000) : 0xc0000000);
    SET_PHDR(m, 0, p_paddr, RAM_BASE);
    SET_PHDR(m, 0, p_filesz, SEG0_FILESZ);
    SET_PHDR(m, 0, p_memsz, SEG0_MEMSZ);
    SET_PHDR(m, 0, p_flags, PF_R | PF_X);
    SET_PHDR(m, 1, p_type, PT_GNU_STACK);
    SET_PHDR(m, 1, p_flags, PF_R | PF_W);
    SET_PHDR(m, 2, p_type, PT_LOAD);
    SET_PHDR(m, 2, p_offset, SEG2_OFF);
    SET_PHDR(m, 2, p_vaddr, RAM_BASE + 0x1000);
    SET_PHDR(m, 2, p_paddr, RAM_BASE + 0x1000);
    SET_PHDR(m, 2, p_filesz, SEG2_SIZE);
    SET_PHDR(m, 2, p_memsz, SEG2_SIZE);
    SET_PHDR(m, 2, p_flags, PF_R | PF_W);
    for (unsigned i = 0; i < SEG0_FILESZ; i++) {
        m->b[SEG0_OFF + i] = seg0_byte(i);
    }
    for (unsigned i = 0; i < SEG2_SIZE; i++) {
        m->b[SEG2_OFF + i] = seg2_byte(i);
    }

    for (unsigned i = 1; i < N_SYMS; i++) {
        const TestSym *t = &test_syms[i];
        size_t len = strlen(t->name) + 1;

        m->name_off[i] = t->name[0] ? (uint32_t)str_len : 0;
        if (t->name[0]) {
            assert(STRTAB_OFF + str_len + len <= SHSTRTAB_OFF);
            memcpy(m->b + STRTAB_OFF + str_len, t->name, len);
            str_len += len;
        }
        SET_SYM(m, i, st_name, m->name_off[i]);
        SET_SYM(m, i, st_value, t->value);
        SET_SYM(m, i, st_size, t->size);
        SET_SYM(m, i, st_info, ELF64_ST_INFO(t->bind, t->type));
        SET_SYM(m, i, st_shndx, t->shndx);
    }
    memcpy(m->b + SHSTRTAB_OFF, shstr, sizeof(shstr));

    SET_SHDR(m, SH_TEXT, sh_name, 1);
    SET_SHDR(m, SH_TEXT, sh_type, SHT_PROGBITS);
    SET_SHDR(m, SH_TEXT, sh_flags, SHF_ALLOC | SHF_EXECINSTR);
    SET_SHDR(m, SH_TEXT, sh_addr, RAM_BASE);
    SET_SHDR(m, SH_TEXT, sh_offset, SEG0_OFF);
    SET_SHDR(m, SH_TEXT, sh_size, SEG0_FILESZ);
    SET_SHDR(m, SH_SYMTAB, sh_name, 7);
    SET_SHDR(m, SH_SYMTAB, sh_type, SHT_SYMTAB);
    SET_SHDR(m, SH_SYMTAB, sh_offset, SYMTAB_OFF);
    SET_SHDR(m, SH_SYMTAB, sh_size, N_SYMS * sym_size(m));
    SET_SHDR(m, SH_SYMTAB, sh_link, SH_STRTAB);
    SET_SHDR(m, SH_SYMTAB, sh_info, FIRST_GLOBAL);
    SET_SHDR(m, SH_SYMTAB, sh_entsize, sym_size(m));
    SET_SHDR(m, SH_STRTAB, sh_name, 15);
    SET_SHDR(m, SH_STRTAB, sh_type, SHT_STRTAB);
    SET_SHDR(m, SH_STRTAB, sh_offset, STRTAB_OFF);
    SET_SHDR(m, SH_STRTAB, sh_size, str_len);
    SET_SHDR(m, SH_SHSTRTAB, sh_name, 23);
    SET_SHDR(m, SH_SHSTRTAB, sh_type, SHT_STRTAB);
    SET_SHDR(m, SH_SHSTRTAB, sh_offset, SHSTRTAB_OFF);
    SET_SHDR(m, SH_SHSTRTAB, sh_size, sizeof(shstr));
    m->size = shdr_at(m, N_SHDRS);
}

/* ---- temporary files ------------------------------------------------ */

static char tmp_path[64];

static const char *write_tmp(const void *data, size_t size)
{
    int fd;

    if (!tmp_path[0]) {
        snprintf(tmp_path, sizeof(tmp_path), "/tmp/test_elf_XXXXXX");
        fd = mkstemp(tmp_path);
    } else {
        fd = open(tmp_path, O_WRONLY | O_TRUNC);
    }
    assert(fd >= 0);
    if (size > 0) {
        ssize_t n = write(fd, data, size);

        assert(n == (ssize_t)size);
        (void)n;
    }
    close(fd);
    return tmp_path;
}

static void remove_tmp(void)
{
    if (tmp_path[0]) {
        unlink(tmp_path);
    }
}

/* ---- checks ----------------------------------------------------------- */

/*
 * A failure must return -code with one line "elf: PATH: ..." that contains
 * key1 and key2 (either may be NULL), in lowercase, with no final period.
 */
static void check_error(const char *what, int ret, int code, const char *path,
                        const char *key1, const char *key2)
{
    const char *msg = fs_error_msg();
    size_t len = strlen(msg);
    char prefix[128];
    unsigned before = test_failures;

    snprintf(prefix, sizeof(prefix), "elf: %s: ", path);
    CHECK_EQ_HEX(ret, -code);
    CHECK(!strncmp(msg, prefix, strlen(prefix)));
    CHECK(!strchr(msg, '\n'));
    CHECK(len > 0 && msg[len - 1] != '.');
    CHECK(len > strlen(prefix) &&
          !(msg[strlen(prefix)] >= 'A' && msg[strlen(prefix)] <= 'Z'));
    CHECK(!key1 || strstr(msg, key1));
    CHECK(!key2 || strstr(msg, key2));
    if (test_failures != before) {
        printf("#   case \"%s\": ret %d, message \"%s\"\n", what, ret, msg);
    }
}

/* Write the image, then expect elf_read() to reject it. */
static void expect_read_error(const char *what, const Img *m, int code,
                              const char *key1, const char *key2)
{
    const char *path = write_tmp(m->b, m->size);
    ElfInfo info;
    int ret;

    fs_error_clear();
    ret = elf_read(path, &info);
    check_error(what, ret, code, path, key1, key2);
    CHECK(!info.syms && info.n_syms == 0);
    elf_info_free(&info);
}

static void init_bus(Bus *bus)
{
    bus_init(bus);
    CHECK_EQ_HEX(bus_add_ram(bus, "ram", RAM_BASE, RAM_SIZE), 0);
}

/* ---- well-formed images ---------------------------------------------- */

static void check_valid_info(const ElfInfo *info, unsigned xlen)
{
    uint64_t v = 0;
    const ElfSymbol *s;

    CHECK_EQ_HEX(info->xlen, xlen);
    CHECK_EQ_HEX(info->entry, ENTRY);
    CHECK_EQ_HEX(info->load_low, RAM_BASE);
    CHECK_EQ_HEX(info->load_high, RAM_BASE + 0x1000 + SEG2_SIZE);
    CHECK_EQ_HEX(info->n_syms, N_KEPT);
    for (size_t i = 1; i < info->n_syms; i++) {
        CHECK(info->syms[i - 1].value <= info->syms[i].value);
    }

    /* By name: kept symbols and ones that must have been dropped. */
    CHECK(elf_symbol_value(info, "tohost", &v));
    CHECK_EQ_HEX(v, RAM_BASE + 0x1008);
    CHECK(elf_symbol_value(info, "_start", &v));
    CHECK_EQ_HEX(v, RAM_BASE);
    CHECK(elf_symbol_value(info, "_end", &v));
    CHECK_EQ_HEX(v, RAM_BASE + 0x1010);
    CHECK(elf_symbol_value(info, "inner", &v));
    CHECK_EQ_HEX(v, RAM_BASE + 0x18);
    CHECK(!elf_symbol_value(info, "printf", &v));
    CHECK(!elf_symbol_value(info, "$x", &v));
    CHECK(!elf_symbol_value(info, "crt.S", &v));
    CHECK(!elf_symbol_value(info, "", &v));
    CHECK(!elf_symbol_value(info, "nosuch", &v));

    /* By address. */
    s = elf_symbol_at(info, RAM_BASE);
    CHECK(s && !strcmp(s->name, "_start") && s->type == STT_FUNC &&
          s->size == 0x10);
    s = elf_symbol_at(info, RAM_BASE + 0xf);
    CHECK(s && !strcmp(s->name, "_start"));
    s = elf_symbol_at(info, RAM_BASE + 0x10);
    CHECK(s && !strcmp(s->name, "main"));
    /* Inside main, past the size-0 label "inner": the sized symbol wins. */
    s = elf_symbol_at(info, RAM_BASE + 0x1c);
    CHECK(s && !strcmp(s->name, "main"));
    s = elf_symbol_at(info, RAM_BASE + 0x20);
    CHECK(s && !strcmp(s->name, "bss_start"));
    s = elf_symbol_at(info, RAM_BASE + 0x500);
    CHECK(s && !strcmp(s->name, "bss_start"));
    s = elf_symbol_at(info, RAM_BASE + 0x1004);
    CHECK(s && !strcmp(s->name, "data_word") && s->type == STT_OBJECT);
    s = elf_symbol_at(info, RAM_BASE + 0x100f);
    CHECK(s && !strcmp(s->name, "tohost"));
    /*
     * Past the loaded image a size-0 label names nothing (QEMU matches
     * only sized symbols; ours fall back to labels inside the image).
     */
    CHECK(!elf_symbol_at(info, RAM_BASE + 0x1010));
    CHECK(!elf_symbol_at(info, UINT64_MAX));
    CHECK(!elf_symbol_at(info, RAM_BASE - 1));
    CHECK(!elf_symbol_at(info, 0));
}

static void test_read_valid(bool is64)
{
    Img m;
    ElfInfo info;

    build(&m, is64);
    fs_error_clear();
    CHECK_EQ_HEX(elf_read(write_tmp(m.b, m.size), &info), 0);
    CHECK_STR(fs_error_msg(), "");
    check_valid_info(&info, is64 ? 64 : 32);
    elf_info_free(&info);
    CHECK(!info.syms && info.n_syms == 0);
}

static void test_read_valid64(void)
{
    test_read_valid(true);
}

static void test_read_valid32(void)
{
    test_read_valid(false);
}

static void test_load(bool is64)
{
    uint8_t junk[0x100];
    Img m;
    ElfInfo info;
    Bus bus;
    const uint8_t *ram;

    build(&m, is64);
    init_bus(&bus);
    memset(junk, 0xee, sizeof(junk));
    /* Dirty the RAM first so the zero fill is seen to happen. */
    CHECK_EQ_HEX(bus_load_image(&bus, RAM_BASE, junk, sizeof(junk)), 0);
    CHECK_EQ_HEX(bus_load_image(&bus, RAM_BASE + 0x1000, junk, sizeof(junk)),
                 0);
    CHECK_EQ_HEX(elf_load(write_tmp(m.b, m.size), &bus, &info), 0);
    check_valid_info(&info, is64 ? 64 : 32);
    ram = bus_host_ptr(&bus, RAM_BASE, 0x2000);
    CHECK(ram);
    if (ram) {
        for (unsigned i = 0; i < SEG0_FILESZ; i++) {
            CHECK_EQ_HEX(ram[i], seg0_byte(i));
        }
        for (unsigned i = SEG0_FILESZ; i < SEG0_MEMSZ; i++) {
            CHECK_EQ_HEX(ram[i], 0);
        }
        CHECK_EQ_HEX(ram[SEG0_MEMSZ], 0xee); /* past p_memsz: untouched */
        for (unsigned i = 0; i < SEG2_SIZE; i++) {
            CHECK_EQ_HEX(ram[0x1000 + i], seg2_byte(i));
        }
        CHECK_EQ_HEX(ram[0x1000 + SEG2_SIZE], 0xee);
    }
    elf_info_free(&info);
    bus_free(&bus);
}

static void test_load64(void)
{
    test_load(true);
}

static void test_load32(void)
{
    test_load(false);
}

/* Also: ET_DYN, no section headers, and extended section numbering. */
static void test_variants_accepted(void)
{
    for (int c = 0; c < 2; c++) {
        Img m;
        ElfInfo info;
        uint64_t v;

        build(&m, c);
        SET_EHDR(&m, e_type, ET_DYN);
        CHECK_EQ_HEX(elf_read(write_tmp(m.b, m.size), &info), 0);
        elf_info_free(&info);

        /* Stripped to the bone: no section headers, so no symbols. */
        build(&m, c);
        SET_EHDR(&m, e_shoff, 0);
        SET_EHDR(&m, e_shnum, 0);
        m.size = SYMTAB_OFF;
        CHECK_EQ_HEX(elf_read(write_tmp(m.b, m.size), &info), 0);
        CHECK_EQ_HEX(info.n_syms, 0);
        CHECK(!elf_symbol_at(&info, RAM_BASE));
        CHECK(!elf_symbol_value(&info, "_start", &v));
        elf_info_free(&info);

        /* Section count kept in section 0 (gABI extended numbering). */
        build(&m, c);
        SET_EHDR(&m, e_shnum, 0);
        SET_SHDR(&m, SH_NULL, sh_size, N_SHDRS);
        CHECK_EQ_HEX(elf_read(write_tmp(m.b, m.size), &info), 0);
        CHECK_EQ_HEX(info.n_syms, N_KEPT);
        elf_info_free(&info);

        /* Without a symbol table. */
        build(&m, c);
        SET_SHDR(&m, SH_SYMTAB, sh_type, SHT_PROGBITS);
        CHECK_EQ_HEX(elf_read(write_tmp(m.b, m.size), &info), 0);
        CHECK_EQ_HEX(info.n_syms, 0);
        elf_info_free(&info);
    }
}

/* ---- files that are not ELF images ------------------------------------ */

static void test_missing_file(void)
{
    ElfInfo info;
    Bus bus;
    int ret;

    ret = elf_read("/nonexistent/dir/x.elf", &info);
    check_error("missing", ret, FS_EIO, "/nonexistent/dir/x.elf", "cannot open",
                "no such file");
    init_bus(&bus);
    ret = elf_load("/nonexistent/dir/x.elf", &bus, &info);
    check_error("missing, load", ret, FS_EIO, "/nonexistent/dir/x.elf",
                "cannot open", NULL);
    bus_free(&bus);
    ret = elf_read("/tmp", &info);
    check_error("directory", ret, FS_EIO, "/tmp", "is a directory", NULL);
}

static void test_empty_and_text(void)
{
    static const char text[] = "#!/bin/sh\necho this is not an ELF file\n";
    ElfInfo info;
    const char *path;

    path = write_tmp("", 0);
    check_error("empty", elf_read(path, &info), FS_EFORMAT, path, "empty",
                NULL);
    path = write_tmp(text, sizeof(text) - 1);
    check_error("text", elf_read(path, &info), FS_EFORMAT, path,
                "not an ELF file", NULL);
}

static void test_truncated(void)
{
    for (int c = 0; c < 2; c++) {
        Img m;
        size_t eh, phend;
        struct {
            size_t size;
            const char *key;
        } cuts[8 + 9];
        unsigned n = 0;

        build(&m, c);
        eh = ehdr_size(&m);
        phend = phdr_at(&m, N_PHDRS);
        for (size_t s = 1; s < 64; s += 7) {
            cuts[n].size = s < eh ? s : eh - 1;
            cuts[n++].key = "truncated ELF header";
        }
        cuts[n].size = eh;
        cuts[n++].key = "program header table";
        cuts[n].size = phend - 1;
        cuts[n++].key = "program header table";
        cuts[n].size = phend;
        cuts[n++].key = "segment 0: file bytes";
        cuts[n].size = SEG0_OFF + SEG0_FILESZ - 1;
        cuts[n++].key = "segment 0: file bytes";
        cuts[n].size = SEG2_OFF + 1;
        cuts[n++].key = "segment 2: file bytes";
        cuts[n].size = SYMTAB_OFF + 8;
        cuts[n++].key = "section header table";
        cuts[n].size = SHDR_OFF;
        cuts[n++].key = "section header table";
        cuts[n].size = m.size - 1;
        cuts[n++].key = "section header table";
        assert(n <= FS_ARRAY_SIZE(cuts));
        for (unsigned i = 0; i < n; i++) {
            char what[64];

            snprintf(what, sizeof(what), "ELF%d cut at %zu", c ? 64 : 32,
                     cuts[i].size);
            m.size = cuts[i].size;
            expect_read_error(what, &m, FS_EFORMAT, cuts[i].key, NULL);
        }
    }
}

/* ---- one malformed variant per rule ----------------------------------- */

typedef struct BadCase {
    const char *name;
    void (*mutate)(Img *m);
    int code;
    const char *key1, *key2;
    bool only64; /* the rule cannot be broken in a 32-bit file */
} BadCase;

static void bad_magic(Img *m)
{
    m->b[1] = 'X';
}

static void bad_class3(Img *m)
{
    m->b[EI_CLASS] = 3;
}

static void bad_class0(Img *m)
{
    m->b[EI_CLASS] = ELFCLASSNONE;
}

static void big_endian(Img *m)
{
    m->b[EI_DATA] = ELFDATA2MSB;
}

static void bad_data(Img *m)
{
    m->b[EI_DATA] = 7;
}

static void bad_version(Img *m)
{
    m->b[EI_VERSION] = 0;
}

static void x86_64(Img *m)
{
    SET_EHDR(m, e_machine, EM_X86_64);
}

static void arm(Img *m)
{
    SET_EHDR(m, e_machine, EM_ARM);
}

static void machine_9999(Img *m)
{
    SET_EHDR(m, e_machine, 9999);
}

static void type_rel(Img *m)
{
    SET_EHDR(m, e_type, ET_REL);
}

static void type_core(Img *m)
{
    SET_EHDR(m, e_type, ET_CORE);
}

static void phoff_past_end(Img *m)
{
    SET_EHDR(m, e_phoff, 0x10000);
}

static void phoff_near_end(Img *m)
{
    SET_EHDR(m, e_phoff, m->size - 10);
}

static void phoff_wraps(Img *m)
{
    SET_EHDR(m, e_phoff, m->is64 ? UINT64_C(0xfffffffffffffff0) : 0xfffffff0);
}

static void phnum_huge(Img *m)
{
    SET_EHDR(m, e_phnum, 0xffff);
}

static void phnum_zero(Img *m)
{
    SET_EHDR(m, e_phnum, 0);
}

static void phentsize_bad(Img *m)
{
    SET_EHDR(m, e_phentsize, 10);
}

static void filesz_gt_memsz(Img *m)
{
    SET_PHDR(m, 0, p_filesz, SEG0_MEMSZ + 0x10);
}

static void seg_offset_past_end(Img *m)
{
    SET_PHDR(m, 0, p_offset, 0x10000);
}

static void seg_offset_wraps(Img *m)
{
    SET_PHDR(m, 2, p_offset, m->is64 ? UINT64_MAX - 4 : UINT32_MAX - 4);
}

static void seg_sizes_huge(Img *m)
{
    SET_PHDR(m, 0, p_filesz, m->is64 ? UINT64_MAX : UINT32_MAX);
    SET_PHDR(m, 0, p_memsz, m->is64 ? UINT64_MAX : UINT32_MAX);
}

static void seg_addr_wraps(Img *m)
{
    SET_PHDR(m, 2, p_paddr, UINT64_C(0xfffffffffffffff8));
}

static void no_load(Img *m)
{
    SET_PHDR(m, 0, p_type, PT_NOTE);
    SET_PHDR(m, 2, p_type, PT_NOTE);
}

static void only_empty_load(Img *m)
{
    SET_PHDR(m, 2, p_type, PT_NOTE);
    SET_PHDR(m, 0, p_filesz, 0);
    SET_PHDR(m, 0, p_memsz, 0);
}

static void shoff_past_end(Img *m)
{
    SET_EHDR(m, e_shoff, 0x10000);
}

static void shoff_wraps(Img *m)
{
    SET_EHDR(m, e_shoff, m->is64 ? UINT64_C(0xffffffffffffffc0) : 0xffffffc0);
}

static void shnum_huge(Img *m)
{
    SET_EHDR(m, e_shnum, 0xff00);
}

static void shnum_extended_huge(Img *m)
{
    SET_EHDR(m, e_shnum, 0);
    SET_SHDR(m, SH_NULL, sh_size, m->is64 ? UINT64_MAX : UINT32_MAX);
}

static void shentsize_bad(Img *m)
{
    SET_EHDR(m, e_shentsize, 7);
}

static void symtab_link_out_of_range(Img *m)
{
    SET_SHDR(m, SH_SYMTAB, sh_link, 99);
}

static void symtab_link_not_strtab(Img *m)
{
    SET_SHDR(m, SH_SYMTAB, sh_link, SH_TEXT);
}

static void symtab_past_end(Img *m)
{
    SET_SHDR(m, SH_SYMTAB, sh_offset, 0x10000);
}

static void symtab_size_huge(Img *m)
{
    SET_SHDR(m, SH_SYMTAB, sh_size, m->is64 ? UINT64_MAX : UINT32_MAX);
}

static void symtab_entsize_bad(Img *m)
{
    SET_SHDR(m, SH_SYMTAB, sh_entsize, 1);
}

static void strtab_past_end(Img *m)
{
    SET_SHDR(m, SH_STRTAB, sh_offset, m->size + 1);
}

static void strtab_size_huge(Img *m)
{
    SET_SHDR(m, SH_STRTAB, sh_size, m->is64 ? UINT64_MAX : UINT32_MAX);
}

static void name_past_strtab(Img *m)
{
    SET_SYM(m, 6, st_name, 0x1000);
}

static void name_offset_max(Img *m)
{
    SET_SYM(m, 6, st_name, UINT32_MAX);
}

static void name_unterminated(Img *m)
{
    /* Cut the table inside the last name, "_end". */
    SET_SHDR(m, SH_STRTAB, sh_size, m->name_off[N_SYMS - 1] + 2);
}

static const BadCase bad_cases[] = {
    {"bad magic", bad_magic, FS_EFORMAT, "not an ELF file", NULL, false},
    {"class 3", bad_class3, FS_EFORMAT, "class 3", NULL, false},
    {"class none", bad_class0, FS_EFORMAT, "class 0", NULL, false},
    {"big-endian", big_endian, FS_EFORMAT, "big-endian", NULL, false},
    {"data encoding", bad_data, FS_EFORMAT, "encoding 7", NULL, false},
    {"ident version", bad_version, FS_EFORMAT, "version 0", NULL, false},
    {"x86-64", x86_64, FS_EFORMAT, "machine is x86-64 (62), not RISC-V", NULL,
     false},
    {"arm", arm, FS_EFORMAT, "machine is ARM (40), not RISC-V", NULL, false},
    {"machine 9999", machine_9999, FS_EFORMAT, "machine is 9999, not RISC-V",
     NULL, false},
    {"ET_REL", type_rel, FS_EFORMAT, "relocatable", "not an executable", false},
    {"ET_CORE", type_core, FS_EFORMAT, "core", "not an executable", false},
    {"phoff past end", phoff_past_end, FS_EFORMAT, "program header table",
     "outside the file", false},
    {"phoff near end", phoff_near_end, FS_EFORMAT, "program header table", NULL,
     false},
    {"phoff wraps", phoff_wraps, FS_EFORMAT, "program header table", NULL,
     false},
    {"phnum huge", phnum_huge, FS_EFORMAT, "program header table",
     "65535 entries", false},
    {"phnum 0", phnum_zero, FS_EFORMAT, "no program headers", NULL, false},
    {"phentsize", phentsize_bad, FS_EFORMAT, "program header size is 10", NULL,
     false},
    {"filesz > memsz", filesz_gt_memsz, FS_EFORMAT, "segment 0",
     "exceeds memory size", false},
    {"segment offset past end", seg_offset_past_end, FS_EFORMAT, "segment 0",
     "outside the file", false},
    {"segment offset wraps", seg_offset_wraps, FS_EFORMAT, "segment 2",
     "outside the file", false},
    {"segment sizes huge", seg_sizes_huge, FS_EFORMAT, "segment 0",
     "outside the file", false},
    {"segment address wraps", seg_addr_wraps, FS_EFORMAT, "segment 2", "wraps",
     true},
    {"no PT_LOAD", no_load, FS_EFORMAT, "no PT_LOAD", NULL, false},
    {"only empty PT_LOAD", only_empty_load, FS_EFORMAT, "no PT_LOAD", NULL,
     false},
    {"shoff past end", shoff_past_end, FS_EFORMAT, "section header table",
     "outside the file", false},
    {"shoff wraps", shoff_wraps, FS_EFORMAT, "section header table", NULL,
     false},
    {"shnum huge", shnum_huge, FS_EFORMAT, "section header table",
     "65280 entries", false},
    {"extended shnum huge", shnum_extended_huge, FS_EFORMAT,
     "section header table", NULL, false},
    {"shentsize", shentsize_bad, FS_EFORMAT, "section header size is 7", NULL,
     false},
    {"symtab sh_link out of range", symtab_link_out_of_range, FS_EFORMAT,
     "string table index 99 is out of range", NULL, false},
    {"symtab sh_link not a strtab", symtab_link_not_strtab, FS_EFORMAT,
     "is not a string table", NULL, false},
    {"symtab past end", symtab_past_end, FS_EFORMAT, "symbol table",
     "outside the file", false},
    {"symtab size huge", symtab_size_huge, FS_EFORMAT, "symbol table",
     "outside the file", false},
    {"symtab entsize", symtab_entsize_bad, FS_EFORMAT, "symbol table",
     "entry size is 1", false},
    {"strtab past end", strtab_past_end, FS_EFORMAT, "string table",
     "outside the file", false},
    {"strtab size huge", strtab_size_huge, FS_EFORMAT, "string table",
     "outside the file", false},
    {"name past strtab", name_past_strtab, FS_EFORMAT, "symbol 6",
     "past the end of the string table", false},
    {"name offset max", name_offset_max, FS_EFORMAT, "symbol 6",
     "past the end of the string table", false},
    {"name unterminated", name_unterminated, FS_EFORMAT, "symbol 11",
     "past the end of the string table", false},
};

static void test_malformed(void)
{
    for (size_t i = 0; i < FS_ARRAY_SIZE(bad_cases); i++) {
        const BadCase *bc = &bad_cases[i];

        for (int c = bc->only64 ? 1 : 0; c < 2; c++) {
            char what[96];
            Img m;

            build(&m, c);
            bc->mutate(&m);
            snprintf(what, sizeof(what), "ELF%d %s", c ? 64 : 32, bc->name);
            expect_read_error(what, &m, bc->code, bc->key1, bc->key2);
        }
    }
}

/* ---- segments that do not fit the board -------------------------------- */

static void expect_load_error(const char *what, const Img *m, const char *key1,
                              const char *key2)
{
    const char *path = write_tmp(m->b, m->size);
    ElfInfo info;
    Bus bus;

    /* elf_read() has no bus to check against, so it accepts the file. */
    CHECK_EQ_HEX(elf_read(path, &info), 0);
    elf_info_free(&info);
    init_bus(&bus);
    fs_error_clear();
    check_error(what, elf_load(path, &bus, &info), FS_ERANGE, path, key1, key2);
    CHECK(!info.syms && info.n_syms == 0);
    bus_free(&bus);
}

static void test_segment_outside_ram(void)
{
    for (int c = 0; c < 2; c++) {
        Img m;

        build(&m, c);
        SET_PHDR(&m, 0, p_paddr, 0x40000000);
        expect_load_error("below RAM", &m, "segment 0 (0x40000000..0x4000005f)",
                          "outside RAM/ROM");

        /* The file bytes fit; the zero fill runs past the end of RAM. */
        build(&m, c);
        SET_PHDR(&m, 2, p_paddr, RAM_BASE + RAM_SIZE - 8);
        SET_PHDR(&m, 2, p_filesz, 8);
        SET_PHDR(&m, 2, p_memsz, 0x10);
        expect_load_error("straddles the end of RAM", &m,
                          "segment 2 (0x800ffff8..0x80100007)",
                          "outside RAM/ROM");

        /* Top of the 32-bit space, and a size no board could hold. */
        build(&m, c);
        SET_PHDR(&m, 2, p_paddr, 0xfffffff0);
        expect_load_error("top of 4 GiB", &m,
                          "segment 2 (0xfffffff0..0xffffffff)", NULL);
        build(&m, c);
        SET_PHDR(&m, 0, p_memsz, m.is64 ? UINT64_C(1) << 40 : UINT32_MAX / 2);
        expect_load_error("huge bss", &m, "segment 0", "outside RAM/ROM");
    }
}

/* ---- random corruption -------------------------------------------------- */

static uint64_t rng_state = UINT64_C(0x9e3779b97f4a7c15);

static uint64_t rng(void)
{
    /* xorshift64: fixed seed, so every run sees the same files. */
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void test_random_corruption(void)
{
    unsigned ok = 0, rejected = 0;
    Bus bus;

    init_bus(&bus);
    for (unsigned iter = 0; iter < 4000; iter++) {
        Img m;
        ElfInfo info;
        unsigned n_edits = 1 + (unsigned)(rng() % 8);
        const char *path;
        int ret;

        build(&m, 1 & iter);
        for (unsigned e = 0; e < n_edits && m.size > 0; e++) {
            size_t pos = (size_t)(rng() % m.size);
            uint64_t r = rng();

            switch (r % 4) {
            case 0: /* flip one bit */
                m.b[pos] ^= (uint8_t)(1u << ((r >> 8) % 8));
                break;
            case 1: /* any byte */
                m.b[pos] = (uint8_t)(r >> 8);
                break;
            case 2: /* a big value over an aligned field */
                pos &= ~(size_t)3;
                memset(m.b + pos, 0xff, pos + 4 <= m.size ? 4 : 1);
                m.b[pos] = (uint8_t)(r >> 8);
                break;
            default: /* cut the file short */
                m.size = pos;
                break;
            }
        }
        path = write_tmp(m.b, m.size);
        fs_error_clear();
        if (1 & (iter >> 1)) {
            ret = elf_load(path, &bus, &info);
        } else {
            ret = elf_read(path, &info);
        }
        if (ret == 0) {
            ok++;
            for (size_t i = 0; i < info.n_syms; i++) {
                CHECK(info.syms[i].name && info.syms[i].name[0]);
            }
            elf_symbol_at(&info, RAM_BASE + (rng() % 0x2000));
        } else {
            rejected++;
            CHECK(ret < 0 && !strncmp(fs_error_msg(), "elf: ", 5) &&
                  !strchr(fs_error_msg(), '\n'));
        }
        elf_info_free(&info);
    }
    printf("# random corruption: %u accepted, %u rejected\n", ok, rejected);
    CHECK(ok > 0 && rejected > 0);
    bus_free(&bus);
}

static void test_cleanup(void)
{
    remove_tmp();
}

TEST_MAIN({"read 64-bit image", test_read_valid64},
          {"read 32-bit image", test_read_valid32},
          {"load 64-bit image", test_load64},
          {"load 32-bit image", test_load32},
          {"accepted variants", test_variants_accepted},
          {"missing file", test_missing_file},
          {"empty and text files", test_empty_and_text},
          {"truncated files", test_truncated},
          {"malformed headers and tables", test_malformed},
          {"segment outside RAM", test_segment_outside_ram},
          {"random corruption", test_random_corruption},
          {"cleanup", test_cleanup})
