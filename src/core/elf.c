/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V ELF executables (see elf.h). The whole file is read into memory
 * and every offset, size and count in it is checked before it is used.
 */
#include "elf.h"

/*
 * The structures and constants come from the C library's <elf.h>: glibc's
 * header is a careful, well-kept description of the format. Our own elf.h
 * is found only by the quoted include above (the build puts src/ on
 * -iquote), so <elf.h> is the system's.
 */
#include <elf.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

/* Larger files are refused before anything is allocated for them. */
#define ELF_MAX_FILE_SIZE (UINT64_C(1) << 32)

/* Program and section header fields widened to 64 bits. */
typedef struct ElfPhdr {
    uint32_t type;
    uint64_t offset, paddr, filesz, memsz;
} ElfPhdr;

typedef struct ElfShdr {
    uint32_t type, link;
    uint64_t offset, size, entsize;
} ElfShdr;

typedef struct ElfFile {
    const char *path;
    uint8_t *data;
    size_t size;
    bool is64;
    uint64_t phoff;
    unsigned phnum;
} ElfFile;

/* True if [off, off + len) lies inside a buffer of `size` bytes. */
static bool range_ok(uint64_t off, uint64_t len, size_t size)
{
    return off <= size && len <= size - off;
}

/* strerror() text with a lowercase first letter, per the message format. */
static int io_error(const char *path, const char *what, int err)
{
    char buf[128];

    snprintf(buf, sizeof(buf), "%s", strerror(err));
    if (buf[0] >= 'A' && buf[0] <= 'Z') {
        buf[0] = (char)(buf[0] - 'A' + 'a');
    }
    return fs_error(FS_EIO, "elf: %s: %s: %s", path, what, buf);
}

/* Read all of `path` into f->data; works for pipes as well as files. */
static int read_file(ElfFile *f)
{
    size_t cap = 64 * 1024;
    int fd = open(f->path, O_RDONLY);
    struct stat st;
    int ret = 0;

    if (fd < 0) {
        return io_error(f->path, "cannot open", errno);
    }
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        if ((uint64_t)st.st_size >= ELF_MAX_FILE_SIZE ||
            (uint64_t)st.st_size >= SIZE_MAX) {
            close(fd);
            return fs_error(FS_EFORMAT,
                            "elf: %s: file is larger than "
                            "%" PRIu64 " bytes",
                            f->path, ELF_MAX_FILE_SIZE);
        }
        /* One byte more than the file, so EOF needs no reallocation. */
        cap = (size_t)st.st_size + 1;
    }
    f->data = malloc(cap);
    f->size = 0;
    if (!f->data) {
        close(fd);
        return fs_error(FS_ENOMEM, "elf: %s: out of memory", f->path);
    }
    for (;;) {
        ssize_t n;

        if (f->size == cap) {
            size_t new_cap = cap * 2;
            uint8_t *p;

            if (cap >= ELF_MAX_FILE_SIZE || cap > SIZE_MAX / 2) {
                ret = fs_error(FS_EFORMAT,
                               "elf: %s: file is larger than "
                               "%" PRIu64 " bytes",
                               f->path, ELF_MAX_FILE_SIZE);
                break;
            }
            p = realloc(f->data, new_cap);
            if (!p) {
                ret = fs_error(FS_ENOMEM, "elf: %s: out of memory", f->path);
                break;
            }
            f->data = p;
            cap = new_cap;
        }
        n = read(fd, f->data + f->size, cap - f->size);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            ret = io_error(f->path, "cannot read", errno);
            break;
        }
        if (n == 0) {
            break;
        }
        f->size += (size_t)n;
    }
    close(fd);
    if (ret < 0) {
        free(f->data);
        f->data = NULL;
    }
    return ret;
}

static const char *machine_name(unsigned machine)
{
    switch (machine) {
    case EM_NONE:
        return "none";
    case EM_SPARC:
        return "SPARC";
    case EM_386:
        return "x86";
    case EM_68K:
        return "m68k";
    case EM_MIPS:
        return "MIPS";
    case EM_PPC:
        return "PowerPC";
    case EM_PPC64:
        return "PowerPC64";
    case EM_S390:
        return "s390";
    case EM_ARM:
        return "ARM";
    case EM_SH:
        return "SuperH";
    case EM_SPARCV9:
        return "SPARC64";
    case EM_IA_64:
        return "IA-64";
    case EM_X86_64:
        return "x86-64";
    case EM_AVR:
        return "AVR";
    case EM_XTENSA:
        return "Xtensa";
    case EM_MSP430:
        return "MSP430";
    case EM_AARCH64:
        return "AArch64";
    case 258: /* EM_LOONGARCH, missing from older C libraries */
        return "LoongArch";
    default:
        return NULL;
    }
}

static const char *type_name(unsigned type)
{
    switch (type) {
    case ET_NONE:
        return "none";
    case ET_REL:
        return "a relocatable object";
    case ET_CORE:
        return "a core dump";
    default:
        return "unknown";
    }
}

static int truncated_header(const ElfFile *f)
{
    return fs_error(FS_EFORMAT,
                    "elf: %s: truncated ELF header (the file "
                    "is only %zu byte%s long)",
                    f->path, f->size, f->size == 1 ? "" : "s");
}

/* ELF header: identification, machine, type and program header table. */
static int parse_ehdr(ElfFile *f, ElfInfo *info)
{
    const uint8_t *id = f->data;
    Elf64_Ehdr eh;
    uint16_t phentsize;
    size_t want;

    if (f->size == 0) {
        return fs_error(FS_EFORMAT, "elf: %s: file is empty", f->path);
    }
    if (memcmp(id, ELFMAG, f->size < SELFMAG ? f->size : SELFMAG)) {
        return fs_error(FS_EFORMAT, "elf: %s: not an ELF file (bad magic)",
                        f->path);
    }
    if (f->size < EI_NIDENT) {
        return truncated_header(f);
    }
    if (id[EI_CLASS] != ELFCLASS32 && id[EI_CLASS] != ELFCLASS64) {
        return fs_error(FS_EFORMAT,
                        "elf: %s: bad ELF class %u, not 32 or "
                        "64-bit",
                        f->path, id[EI_CLASS]);
    }
    if (id[EI_DATA] == ELFDATA2MSB) {
        return fs_error(FS_EFORMAT,
                        "elf: %s: big-endian file, RISC-V is "
                        "little-endian",
                        f->path);
    }
    if (id[EI_DATA] != ELFDATA2LSB) {
        return fs_error(FS_EFORMAT, "elf: %s: bad ELF data encoding %u",
                        f->path, id[EI_DATA]);
    }
    if (id[EI_VERSION] != EV_CURRENT) {
        return fs_error(FS_EFORMAT, "elf: %s: bad ELF version %u", f->path,
                        id[EI_VERSION]);
    }
    f->is64 = id[EI_CLASS] == ELFCLASS64;
    want = f->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
    if (f->size < want) {
        return truncated_header(f);
    }

    /* Fields are little-endian like the host (checked in main). */
    if (f->is64) {
        memcpy(&eh, f->data, sizeof(eh));
    } else {
        Elf32_Ehdr e32;

        memcpy(&e32, f->data, sizeof(e32));
        memset(&eh, 0, sizeof(eh));
        eh.e_type = e32.e_type;
        eh.e_machine = e32.e_machine;
        eh.e_entry = e32.e_entry;
        eh.e_phoff = e32.e_phoff;
        eh.e_shoff = e32.e_shoff;
        eh.e_phentsize = e32.e_phentsize;
        eh.e_phnum = e32.e_phnum;
        eh.e_shentsize = e32.e_shentsize;
        eh.e_shnum = e32.e_shnum;
    }

    if (eh.e_machine != EM_RISCV) {
        const char *name = machine_name(eh.e_machine);

        if (name) {
            return fs_error(FS_EFORMAT,
                            "elf: %s: machine is %s (%u), not "
                            "RISC-V",
                            f->path, name, eh.e_machine);
        }
        return fs_error(FS_EFORMAT, "elf: %s: machine is %u, not RISC-V",
                        f->path, eh.e_machine);
    }
    if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
        return fs_error(FS_EFORMAT,
                        "elf: %s: file is %s (type %u), not an "
                        "executable",
                        f->path, type_name(eh.e_type), eh.e_type);
    }

    phentsize = f->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
    if (eh.e_phnum == 0 || eh.e_phoff == 0) {
        return fs_error(FS_EFORMAT, "elf: %s: no program headers", f->path);
    }
    if (eh.e_phentsize != phentsize) {
        return fs_error(FS_EFORMAT,
                        "elf: %s: program header size is %u, "
                        "expected %u",
                        f->path, eh.e_phentsize, phentsize);
    }
    if (!range_ok(eh.e_phoff, (uint64_t)eh.e_phnum * phentsize, f->size)) {
        return fs_error(FS_EFORMAT,
                        "elf: %s: program header table "
                        "(offset 0x%" PRIx64 ", %u %s) lies outside the "
                        "file (%zu bytes)",
                        f->path, (uint64_t)eh.e_phoff, eh.e_phnum,
                        eh.e_phnum == 1 ? "entry" : "entries", f->size);
    }
    f->phoff = eh.e_phoff;
    f->phnum = eh.e_phnum;
    info->xlen = f->is64 ? 64 : 32;
    info->entry = eh.e_entry;
    return 0;
}

/* Program header `i`, which parse_ehdr() showed to lie inside the file. */
static ElfPhdr get_phdr(const ElfFile *f, unsigned i)
{
    ElfPhdr ph;

    if (f->is64) {
        Elf64_Phdr p;

        memcpy(&p, f->data + f->phoff + (uint64_t)i * sizeof(p), sizeof(p));
        ph.type = p.p_type;
        ph.offset = p.p_offset;
        ph.paddr = p.p_paddr;
        ph.filesz = p.p_filesz;
        ph.memsz = p.p_memsz;
    } else {
        Elf32_Phdr p;

        memcpy(&p, f->data + f->phoff + (uint64_t)i * sizeof(p), sizeof(p));
        ph.type = p.p_type;
        ph.offset = p.p_offset;
        ph.paddr = p.p_paddr;
        ph.filesz = p.p_filesz;
        ph.memsz = p.p_memsz;
    }
    return ph;
}

static int parse_phdrs(const ElfFile *f, ElfInfo *info)
{
    bool any = false;

    for (unsigned i = 0; i < f->phnum; i++) {
        ElfPhdr ph = get_phdr(f, i);

        if (ph.type != PT_LOAD) {
            continue;
        }
        if (ph.filesz > ph.memsz) {
            return fs_error(FS_EFORMAT,
                            "elf: %s: segment %u: file size "
                            "0x%" PRIx64 " exceeds memory size 0x%" PRIx64,
                            f->path, i, ph.filesz, ph.memsz);
        }
        if (!range_ok(ph.offset, ph.filesz, f->size)) {
            return fs_error(FS_EFORMAT,
                            "elf: %s: segment %u: file bytes "
                            "0x%" PRIx64 " + 0x%" PRIx64 " lie outside the "
                            "file (%zu bytes)",
                            f->path, i, ph.offset, ph.filesz, f->size);
        }
        if (ph.memsz > UINT64_MAX - ph.paddr) {
            return fs_error(FS_EFORMAT,
                            "elf: %s: segment %u: address "
                            "0x%" PRIx64 " + 0x%" PRIx64 " wraps around",
                            f->path, i, ph.paddr, ph.memsz);
        }
        if (ph.memsz == 0) {
            continue;
        }
        if (!any || ph.paddr < info->load_low) {
            info->load_low = ph.paddr;
        }
        if (!any || ph.paddr + ph.memsz > info->load_high) {
            info->load_high = ph.paddr + ph.memsz;
        }
        any = true;
    }
    if (!any) {
        return fs_error(FS_EFORMAT, "elf: %s: no PT_LOAD segment", f->path);
    }
    return 0;
}

/* Section header `i`; the caller has checked the table lies in the file. */
static ElfShdr get_shdr(const ElfFile *f, uint64_t shoff, uint64_t i)
{
    ElfShdr sh;

    if (f->is64) {
        Elf64_Shdr s;

        memcpy(&s, f->data + shoff + i * sizeof(s), sizeof(s));
        sh.type = s.sh_type;
        sh.link = s.sh_link;
        sh.offset = s.sh_offset;
        sh.size = s.sh_size;
        sh.entsize = s.sh_entsize;
    } else {
        Elf32_Shdr s;

        memcpy(&s, f->data + shoff + i * sizeof(s), sizeof(s));
        sh.type = s.sh_type;
        sh.link = s.sh_link;
        sh.offset = s.sh_offset;
        sh.size = s.sh_size;
        sh.entsize = s.sh_entsize;
    }
    return sh;
}

/* A symbol table entry widened to 64 bits. */
typedef struct ElfSym {
    uint32_t name;
    uint8_t type, bind;
    uint16_t shndx;
    uint64_t value, size;
} ElfSym;

static ElfSym get_sym(const ElfFile *f, const ElfShdr *symtab, uint64_t i)
{
    ElfSym sym;

    if (f->is64) {
        Elf64_Sym s;

        memcpy(&s, f->data + symtab->offset + i * sizeof(s), sizeof(s));
        sym.name = s.st_name;
        sym.type = ELF64_ST_TYPE(s.st_info);
        sym.bind = ELF64_ST_BIND(s.st_info);
        sym.shndx = s.st_shndx;
        sym.value = s.st_value;
        sym.size = s.st_size;
    } else {
        Elf32_Sym s;

        memcpy(&s, f->data + symtab->offset + i * sizeof(s), sizeof(s));
        sym.name = s.st_name;
        sym.type = ELF32_ST_TYPE(s.st_info);
        sym.bind = ELF32_ST_BIND(s.st_info);
        sym.shndx = s.st_shndx;
        sym.value = s.st_value;
        sym.size = s.st_size;
    }
    return sym;
}

/*
 * Whether a symbol is worth keeping. Mapping symbols ("$x", "$d", and
 * "$x<isa>" in newer toolchains; RISC-V ELF psABI, "Mapping Symbol") mark
 * code and data runs, not places, and would hide the real labels.
 */
static bool sym_is_kept(const ElfSym *sym, const char *name)
{
    if (sym->type != STT_FUNC && sym->type != STT_OBJECT &&
        sym->type != STT_NOTYPE) {
        return false;
    }
    if (sym->shndx == SHN_UNDEF || name[0] == '\0') {
        return false;
    }
    if (sym->bind == STB_LOCAL && name[0] == '$' &&
        (name[1] == 'x' || name[1] == 'd')) {
        return false;
    }
    return true;
}

static int sym_compare(const void *a, const void *b)
{
    const ElfSymbol *x = a, *y = b;

    if (x->value != y->value) {
        return x->value < y->value ? -1 : 1;
    }
    /*
     * elf_symbol_at() scans backwards, so at one address the symbol it
     * should prefer goes last: the smallest, then FUNC over OBJECT over
     * NOTYPE. The name makes the order independent of qsort().
     */
    if (x->size != y->size) {
        return x->size > y->size ? -1 : 1;
    }
    if (x->type != y->type) {
        return x->type < y->type ? -1 : 1;
    }
    return strcmp(x->name, y->name);
}

/* Where the section header table is and how many entries it has. */
static int find_shdrs(const ElfFile *f, uint64_t *shoff, uint64_t *shnum)
{
    size_t entsize = f->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);
    uint64_t off, num;
    unsigned got_entsize;

    if (f->is64) {
        Elf64_Ehdr eh;

        memcpy(&eh, f->data, sizeof(eh));
        off = eh.e_shoff;
        num = eh.e_shnum;
        got_entsize = eh.e_shentsize;
    } else {
        Elf32_Ehdr eh;

        memcpy(&eh, f->data, sizeof(eh));
        off = eh.e_shoff;
        num = eh.e_shnum;
        got_entsize = eh.e_shentsize;
    }
    *shoff = off;
    *shnum = 0;
    if (off == 0) {
        return 0; /* no section headers: no symbols, which is fine */
    }
    if (got_entsize != entsize) {
        return fs_error(FS_EFORMAT,
                        "elf: %s: section header size is %u, "
                        "expected %zu",
                        f->path, got_entsize, entsize);
    }
    if (!range_ok(off, entsize, f->size)) {
        return fs_error(FS_EFORMAT,
                        "elf: %s: section header table "
                        "(offset 0x%" PRIx64 ") lies outside the file "
                        "(%zu bytes)",
                        f->path, off, f->size);
    }
    if (num == 0) {
        /* More than SHN_LORESERVE sections: section 0 holds the count. */
        num = get_shdr(f, off, 0).size;
    }
    if (num > (f->size - off) / entsize) {
        return fs_error(FS_EFORMAT,
                        "elf: %s: section header table "
                        "(offset 0x%" PRIx64 ", %" PRIu64 " %s) lies "
                        "outside the file (%zu bytes)",
                        f->path, off, num, num == 1 ? "entry" : "entries",
                        f->size);
    }
    *shnum = num;
    return 0;
}

/* The symbols of .symtab, if there is one, into info->syms. */
static int parse_symbols(const ElfFile *f, ElfInfo *info)
{
    size_t sym_entsize = f->is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym);
    uint64_t shoff, shnum, n_all, idx = 0;
    ElfShdr symtab = {0}, strtab;
    const char *strs;
    size_t n_keep = 0;
    char *pool;
    int ret;

    ret = find_shdrs(f, &shoff, &shnum);
    if (ret < 0) {
        return ret;
    }
    for (idx = 0; idx < shnum; idx++) {
        symtab = get_shdr(f, shoff, idx);
        if (symtab.type == SHT_SYMTAB) {
            break;
        }
    }
    if (idx == shnum) {
        return 0; /* stripped */
    }
    if (symtab.entsize != sym_entsize) {
        return fs_error(FS_EFORMAT,
                        "elf: %s: symbol table (section %" PRIu64
                        ") entry size is %" PRIu64 ", expected %zu",
                        f->path, idx, symtab.entsize, sym_entsize);
    }
    if (!range_ok(symtab.offset, symtab.size, f->size)) {
        return fs_error(FS_EFORMAT,
                        "elf: %s: symbol table (section %" PRIu64
                        ") lies outside the file",
                        f->path, idx);
    }
    if (symtab.link >= shnum) {
        return fs_error(FS_EFORMAT,
                        "elf: %s: symbol table's string table "
                        "index %u is out of range (%" PRIu64 " sections)",
                        f->path, symtab.link, shnum);
    }
    strtab = get_shdr(f, shoff, symtab.link);
    if (strtab.type != SHT_STRTAB) {
        return fs_error(FS_EFORMAT,
                        "elf: %s: symbol table's string table "
                        "(section %u) is not a string table",
                        f->path, symtab.link);
    }
    if (!range_ok(strtab.offset, strtab.size, f->size)) {
        return fs_error(FS_EFORMAT,
                        "elf: %s: string table (section %u) "
                        "lies outside the file",
                        f->path, symtab.link);
    }
    strs = (const char *)f->data + strtab.offset;
    n_all = symtab.size / sym_entsize;

    /* First pass: validate every name and size the result. */
    for (uint64_t i = 0; i < n_all; i++) {
        ElfSym sym = get_sym(f, &symtab, i);

        if (sym.name >= strtab.size) {
            return fs_error(FS_EFORMAT,
                            "elf: %s: symbol %" PRIu64 ": name "
                            "offset 0x%" PRIx32 " is past the end of the "
                            "string table (0x%" PRIx64 " bytes)",
                            f->path, i, sym.name, strtab.size);
        }
        if (!memchr(strs + sym.name, '\0', strtab.size - sym.name)) {
            return fs_error(FS_EFORMAT,
                            "elf: %s: symbol %" PRIu64 ": name "
                            "runs past the end of the string table",
                            f->path, i);
        }
        if (sym_is_kept(&sym, strs + sym.name)) {
            n_keep++;
        }
    }
    if (n_keep == 0) {
        return 0;
    }

    /*
     * One block: the array, then a copy of the string table the names
     * point into. Copying each name instead could cost far more than the
     * file when many symbols share one long name.
     */
    if (n_keep > (SIZE_MAX - strtab.size) / sizeof(ElfSymbol)) {
        return fs_error(FS_ENOMEM, "elf: %s: out of memory for %zu symbols",
                        f->path, n_keep);
    }
    info->syms = malloc(n_keep * sizeof(ElfSymbol) + strtab.size);
    if (!info->syms) {
        return fs_error(FS_ENOMEM, "elf: %s: out of memory for %zu symbols",
                        f->path, n_keep);
    }
    pool = (char *)(info->syms + n_keep);
    memcpy(pool, strs, strtab.size);
    for (uint64_t i = 0; i < n_all; i++) {
        ElfSym sym = get_sym(f, &symtab, i);
        ElfSymbol *out;

        if (!sym_is_kept(&sym, strs + sym.name)) {
            continue;
        }
        out = &info->syms[info->n_syms++];
        out->name = pool + sym.name;
        out->value = sym.value;
        out->size = sym.size;
        out->type = sym.type;
    }
    qsort(info->syms, info->n_syms, sizeof(ElfSymbol), sym_compare);
    return 0;
}

/* Read and validate; on success f->data holds the file. */
static int open_and_parse(ElfFile *f, const char *path, ElfInfo *info)
{
    int ret;

    memset(info, 0, sizeof(*info));
    memset(f, 0, sizeof(*f));
    f->path = path;
    ret = read_file(f);
    if (ret == 0) {
        ret = parse_ehdr(f, info);
    }
    if (ret == 0) {
        ret = parse_phdrs(f, info);
    }
    if (ret == 0) {
        ret = parse_symbols(f, info);
    }
    if (ret < 0) {
        free(f->data);
        f->data = NULL;
        elf_info_free(info);
    }
    return ret;
}

int elf_read(const char *path, ElfInfo *info)
{
    ElfFile f;
    int ret = open_and_parse(&f, path, info);

    free(f.data);
    return ret;
}

/*
 * Zero [addr, addr + len). Fresh RAM is already zero and only reserved,
 * so chunks that read as zero are left alone rather than made resident.
 */
static int zero_fill(Bus *bus, uint64_t addr, uint64_t len)
{
    static const uint8_t zeroes[4096];

    while (len > 0) {
        size_t n = len < sizeof(zeroes) ? (size_t)len : sizeof(zeroes);
        const uint8_t *p = bus_host_ptr(bus, addr, n);
        int ret;

        if (!p || memcmp(p, zeroes, n)) {
            ret = bus_load_image(bus, addr, zeroes, n);
            if (ret < 0) {
                return ret;
            }
        }
        addr += n;
        len -= n;
    }
    return 0;
}

static int load_segments(const ElfFile *f, Bus *bus)
{
    for (unsigned i = 0; i < f->phnum; i++) {
        ElfPhdr ph = get_phdr(f, i);
        int ret;

        if (ph.type != PT_LOAD || ph.memsz == 0) {
            continue;
        }
        if (!bus_host_ptr(bus, ph.paddr, ph.memsz)) {
            return fs_error(FS_ERANGE,
                            "elf: %s: segment %u "
                            "(0x%" PRIx64 "..0x%" PRIx64 ") is outside "
                            "RAM/ROM",
                            f->path, i, ph.paddr, ph.paddr + ph.memsz - 1);
        }
        ret = bus_load_image(bus, ph.paddr, f->data + ph.offset,
                             (size_t)ph.filesz);
        if (ret == 0) {
            ret = zero_fill(bus, ph.paddr + ph.filesz, ph.memsz - ph.filesz);
        }
        if (ret < 0) {
            return ret;
        }
    }
    return 0;
}

int elf_load(const char *path, Bus *bus, ElfInfo *info)
{
    ElfFile f;
    int ret = open_and_parse(&f, path, info);

    if (ret == 0) {
        ret = load_segments(&f, bus);
        if (ret < 0) {
            elf_info_free(info);
        }
    }
    free(f.data);
    return ret;
}

bool elf_symbol_value(const ElfInfo *info, const char *name, uint64_t *value)
{
    for (size_t i = 0; i < info->n_syms; i++) {
        if (!strcmp(info->syms[i].name, name)) {
            *value = info->syms[i].value;
            return true;
        }
    }
    return false;
}

const ElfSymbol *elf_symbol_at(const ElfInfo *info, uint64_t addr)
{
    const ElfSymbol *closest = NULL;
    size_t lo = 0, hi = info->n_syms;

    /* lo becomes the number of symbols whose value is <= addr. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (info->syms[mid].value <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    for (size_t i = lo; i > 0; i--) {
        const ElfSymbol *s = &info->syms[i - 1];

        if (s->size != 0 && addr - s->value < s->size) {
            return s;
        }
        if (s->size == 0 && !closest) {
            closest = s;
        }
    }
    /* a label without a size only names addresses the image loads */
    if (addr < info->load_low || addr >= info->load_high) {
        return NULL;
    }
    return closest;
}

void elf_info_free(ElfInfo *info)
{
    free(info->syms);
    memset(info, 0, sizeof(*info));
}

int elf_magic(const char *path)
{
    unsigned char magic[SELFMAG] = { 0 };
    FILE *f = fopen(path, "rb");
    size_t n;

    if (!f) {
        return -1;
    }
    n = fread(magic, 1, SELFMAG, f);
    fclose(f);
    return n == SELFMAG && memcmp(magic, ELFMAG, SELFMAG) == 0;
}
