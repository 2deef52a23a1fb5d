/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * api_memrw: guest memory access from a plugin (tests/plugin/fw/memrw.S).
 *   - before every executed instruction, qemu_plugin_read_memory_vaddr of
 *     its address must return the bytes qemu_plugin_insn_data gave at
 *     translation;
 *   - before vpatch: qemu_plugin_write_memory_vaddr(vvar, 0x600df00d)
 *     succeeds, reads back through read_memory_vaddr and, after
 *     qemu_plugin_translate_vaddr, through read_memory_hwaddr (OK);
 *   - before hpatch: qemu_plugin_write_memory_hwaddr(phys of hvar,
 *     0x0badcafe) returns OK;
 *   - at the same point, read/write_memory_hwaddr of an unmapped physical
 *     address (unmapped=, default 0x80000) return
 *     QEMU_PLUGIN_HWADDR_OPERATION_INVALID_ADDRESS and read_memory_vaddr of
 *     it returns false.
 * The firmware prints what it loads and exits 0 only if both writes
 * arrived. Arguments: vpatch=, hpatch=, vvar=, hvar= (addresses),
 * unmapped=. Prints "api_memrw: PASS ..." or "api_memrw: FAIL ..." lines.
 */
#include "api_util.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

typedef struct {
    uint64_t vaddr;
    size_t size;
    uint8_t bytes[16];
} InsnCopy;

static uint64_t vpatch, hpatch, vvar, hvar, unmapped = 0x80000;
static GPtrArray *copies;
static uint64_t code_ok, code_bad;
static bool failed, did_vpatch, did_hpatch;

static GByteArray *u64_bytes(uint64_t v)
{
    GByteArray *b = g_byte_array_new();

    for (int i = 0; i < 8; i++) {
        uint8_t byte = (uint8_t)(v >> (8 * i));

        g_byte_array_append(b, &byte, 1);
    }
    return b;
}

static void fail(const char *what)
{
    outf("api_memrw: FAIL %s\n", what);
    failed = true;
}

static void do_vpatch(void)
{
    GByteArray *w = u64_bytes(0x600df00d);
    GByteArray *r = g_byte_array_new();
    uint64_t phys;
    enum qemu_plugin_hwaddr_operation_result res;

    did_vpatch = true;
    if (!qemu_plugin_write_memory_vaddr(vvar, w)) {
        fail("write_memory_vaddr(vvar) returned false");
    }
    if (!qemu_plugin_read_memory_vaddr(vvar, r, 8) || r->len != 8 ||
        le_value(r) != 0x600df00d) {
        fail("read_memory_vaddr(vvar) does not return the value written");
    }
    if (!qemu_plugin_translate_vaddr(vvar, &phys)) {
        fail("translate_vaddr(vvar) returned false");
    } else {
        g_byte_array_set_size(r, 0);
        res = qemu_plugin_read_memory_hwaddr(phys, r, 8);
        if (res != QEMU_PLUGIN_HWADDR_OPERATION_OK) {
            outf("api_memrw: FAIL read_memory_hwaddr(RAM 0x%" PRIx64
                 ") = %d, expected OK (0)\n", phys, (int)res);
            failed = true;
        } else if (r->len != 8 || le_value(r) != 0x600df00d) {
            fail("read_memory_hwaddr(vvar) does not return the value written");
        }
    }
    g_byte_array_free(w, TRUE);
    g_byte_array_free(r, TRUE);
}

static void do_hpatch(void)
{
    GByteArray *w = u64_bytes(0x0badcafe);
    GByteArray *r = g_byte_array_new();
    uint64_t phys;
    enum qemu_plugin_hwaddr_operation_result res;

    did_hpatch = true;
    if (!qemu_plugin_translate_vaddr(hvar, &phys)) {
        fail("translate_vaddr(hvar) returned false");
    } else if (phys != hvar) {
        outf("api_memrw: FAIL translate_vaddr(0x%" PRIx64 ") = 0x%" PRIx64
             " with the MMU off\n", hvar, phys);
        failed = true;
    } else {
        res = qemu_plugin_write_memory_hwaddr(phys, w);
        if (res != QEMU_PLUGIN_HWADDR_OPERATION_OK) {
            outf("api_memrw: FAIL write_memory_hwaddr(RAM 0x%" PRIx64
                 ") = %d, expected OK (0)\n", phys, (int)res);
            failed = true;
        }
    }
    res = qemu_plugin_read_memory_hwaddr(unmapped, r, 4);
    outf("api_memrw: read_memory_hwaddr(0x%" PRIx64 ") = %d\n", unmapped,
         (int)res);
    if (res != QEMU_PLUGIN_HWADDR_OPERATION_INVALID_ADDRESS) {
        outf("api_memrw: FAIL read_memory_hwaddr(unmapped 0x%" PRIx64
             ") = %d, expected INVALID_ADDRESS (%d)\n", unmapped, (int)res,
             (int)QEMU_PLUGIN_HWADDR_OPERATION_INVALID_ADDRESS);
        failed = true;
    }
    res = qemu_plugin_write_memory_hwaddr(unmapped, w);
    outf("api_memrw: write_memory_hwaddr(0x%" PRIx64 ") = %d\n", unmapped,
         (int)res);
    if (res != QEMU_PLUGIN_HWADDR_OPERATION_INVALID_ADDRESS) {
        outf("api_memrw: FAIL write_memory_hwaddr(unmapped 0x%" PRIx64
             ") = %d, expected INVALID_ADDRESS (%d)\n", unmapped, (int)res,
             (int)QEMU_PLUGIN_HWADDR_OPERATION_INVALID_ADDRESS);
        failed = true;
    }
    g_byte_array_set_size(r, 0);
    if (qemu_plugin_read_memory_vaddr(unmapped, r, 4)) {
        fail("read_memory_vaddr(unmapped) returned true");
    }
    g_byte_array_free(w, TRUE);
    g_byte_array_free(r, TRUE);
}

static void insn_exec(unsigned int vcpu_index, void *udata)
{
    const InsnCopy *c = udata;
    GByteArray *r = g_byte_array_new();

    (void)vcpu_index;
    if (qemu_plugin_read_memory_vaddr(c->vaddr, r, c->size) &&
        r->len == c->size && memcmp(r->data, c->bytes, c->size) == 0) {
        code_ok++;
    } else {
        if (code_bad++ == 0) {
            outf("api_memrw: FAIL read_memory_vaddr(0x%" PRIx64 ", %zu) "
                 "differs from the instruction's data\n", c->vaddr, c->size);
        }
        failed = true;
    }
    g_byte_array_free(r, TRUE);
    if (c->vaddr == vpatch && !did_vpatch) {
        do_vpatch();
    }
    if (c->vaddr == hpatch && !did_hpatch) {
        do_hpatch();
    }
}

static void tb_trans(struct qemu_plugin_tb *tb, void *udata)
{
    (void)udata;
    for (size_t i = 0; i < qemu_plugin_tb_n_insns(tb); i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        InsnCopy *c = g_new0(InsnCopy, 1);

        c->vaddr = qemu_plugin_insn_vaddr(insn);
        c->size = qemu_plugin_insn_data(insn, c->bytes, sizeof(c->bytes));
        if (c->size != qemu_plugin_insn_size(insn) || c->size == 0) {
            fail("qemu_plugin_insn_data size differs from insn_size");
        }
        g_ptr_array_add(copies, c);
        qemu_plugin_register_vcpu_insn_exec_cb(insn, insn_exec,
                                               QEMU_PLUGIN_CB_NO_REGS, c);
    }
}

static void at_exit(void *udata)
{
    (void)udata;
    outf("api_memrw: code reads ok=%" PRIu64 " bad=%" PRIu64 "\n", code_ok,
         code_bad);
    if (!did_vpatch) {
        fail("vpatch instruction never executed");
    }
    if (!did_hpatch) {
        fail("hpatch instruction never executed");
    }
    if (code_ok == 0) {
        fail("no instruction bytes read");
    }
    if (!failed) {
        outf("api_memrw: PASS\n");
    }
    g_ptr_array_free(copies, TRUE);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)info;
    for (int i = 0; i < argc; i++) {
        if (!arg_u64(argv[i], "vpatch", &vpatch) &&
            !arg_u64(argv[i], "hpatch", &hpatch) &&
            !arg_u64(argv[i], "vvar", &vvar) &&
            !arg_u64(argv[i], "hvar", &hvar) &&
            !arg_u64(argv[i], "unmapped", &unmapped)) {
            return -1;
        }
    }
    if (!vpatch || !hpatch || !vvar || !hvar) {
        return -1;
    }
    copies = g_ptr_array_new_with_free_func(g_free);
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans, NULL);
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    return 0;
}
