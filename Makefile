# SPDX-License-Identifier: GPL-2.0-or-later
# firmscope build. Out-of-tree into $(BUILD); `make SAN=1` builds with
# AddressSanitizer + UBSan into build-san/.

# ---- configuration knobs ----------------------------------------------------
CC        ?= cc
PYTHON    ?= python3
CROSS     ?= riscv64-unknown-elf-
SAN       ?= 0
WERROR    ?= 1
OPT       ?= -O2

ifeq ($(SAN),1)
BUILD     ?= build-san
# build-san/ also takes the executor's portable switch dispatch
# (src/isa/riscv/exec.c.inc), so that make check runs both dispatchers
SANFLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
             -fno-omit-frame-pointer -DFS_PORTABLE_DISPATCH
OPT       := -O1
else
BUILD     ?= build
SANFLAGS  :=
endif

VERSION   := 0.1.0
WARN      := -Wall -Wextra -Wshadow -Wstrict-prototypes
ifeq ($(WERROR),1)
WARN      += -Werror
endif
CFLAGS    ?= $(OPT) -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(CFLAGS) $(WARN) $(SANFLAGS) -MMD -MP \
             $(GLIB_CFLAGS) \
             -DFS_VERSION='"$(VERSION)"' -Iinclude $(addprefix -iquote ,$(SRC_DIRS))
# our own headers are included with quotes only, so none can shadow a
# system header (src/core/elf.h vs <elf.h>)
SRC_DIRS  = src src/core src/isa/riscv src/dev src/board src/plugin \
            $(BUILD)/gen
LDFLAGS   ?=
GLIB_CFLAGS := $(shell pkg-config --cflags glib-2.0 2>/dev/null)
GLIB_LIBS   := $(shell pkg-config --libs glib-2.0 2>/dev/null)
# plugins resolve the qemu_plugin_* API against the executable
EXPORT_API := -Wl,--export-dynamic-symbol='qemu_plugin_*'
LDLIBS    := $(GLIB_LIBS) -lfdt -ldl -lm
PREFIX    ?= /usr/local

# ---- sources ------------------------------------------------------------------
LIB_SRCS  := $(filter-out src/core/main.c, \
               $(wildcard src/core/*.c src/isa/riscv/*.c src/dev/*.c \
                          src/board/*.c src/plugin/*.c))
GEN_SRCS  := $(BUILD)/gen/riscv_decode.c
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/gen/riscv_decode.o
MAIN_OBJ  := $(BUILD)/src/core/main.o
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/unit/%)

.PHONY: all clean check deps demo diff firmware unit bench help
all: $(BUILD)/firmscope $(BUILD)/fstrace

help:
	@echo "make            build $(BUILD)/firmscope"
	@echo "make demo       build and run the demo firmware (installs deps)"
	@echo "make check      build and run every test (installs deps)"
	@echo "make SAN=1      build with ASan+UBSan into build-san/"
	@echo "make bench      time firmscope against QEMU 7.2 (installs deps)"

$(BUILD)/gen/riscv_decode.c $(BUILD)/gen/riscv_decode.h: \
		tools/gendecode.py src/isa/riscv/riscv.decode
	@mkdir -p $(BUILD)/gen
	$(PYTHON) tools/gendecode.py src/isa/riscv/riscv.decode \
		$(BUILD)/gen/riscv_decode.h $(BUILD)/gen/riscv_decode.c

# every object may include the generated decoder header
$(LIB_OBJS) $(MAIN_OBJ): $(BUILD)/gen/riscv_decode.h

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# The executor's speed moved by up to 15% with where its code happened to
# fall against cache lines, so with unrelated edits: pin that down
$(BUILD)/src/isa/riscv/exec32.o $(BUILD)/src/isa/riscv/exec64.o: \
	ALL_CFLAGS += -falign-functions=64 -falign-loops=32

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libfirmscope.a: $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

# --whole-archive: every qemu_plugin_* function must be in the executable
$(BUILD)/firmscope: $(MAIN_OBJ) $(BUILD)/libfirmscope.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(EXPORT_API) -o $@ $(MAIN_OBJ) \
		-Wl,--whole-archive $(BUILD)/libfirmscope.a -Wl,--no-whole-archive \
		$(LDLIBS)

# the PC-trace converter for -trace-pc and the pctrace plugin
$(BUILD)/fstrace: tools/fstrace.c include/fstrace.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

$(BUILD)/tests/unit/%: tests/unit/%.c $(BUILD)/libfirmscope.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -iquote tests/unit $(LDFLAGS) -o $@ $< \
		$(BUILD)/libfirmscope.a $(LDLIBS)

unit: $(UNIT_BINS)

# tests/mem/run.sh: an LD_PRELOAD library counting heap allocations
$(BUILD)/tests/mem/libmalloc_count.so: tests/mem/malloc_count.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE -O2 -g -fPIC -shared $(WARN) -o $@ $<

# ---- plugins: plugins/<name>.c -> $(BUILD)/plugins/lib<name>.so -------------
PLUGIN_SRCS   := $(wildcard plugins/*.c)
PLUGIN_LIBS   := $(PLUGIN_SRCS:plugins/%.c=$(BUILD)/plugins/lib%.so)
PLUGIN_CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g -fPIC $(WARN) $(GLIB_CFLAGS) \
                 -Iinclude

$(BUILD)/plugins/lib%.so: plugins/%.c include/qemu-plugin.h
	@mkdir -p $(dir $@)
	$(CC) $(PLUGIN_CFLAGS) -shared -o $@ $< $(GLIB_LIBS)

.PHONY: plugins install
plugins: $(PLUGIN_LIBS)

install: all plugins
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include/firmscope \
		$(DESTDIR)$(PREFIX)/lib/firmscope/plugins \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 755 $(BUILD)/firmscope $(BUILD)/fstrace $(DESTDIR)$(PREFIX)/bin/
	install -m 644 include/qemu-plugin.h include/fstrace.h \
		$(DESTDIR)$(PREFIX)/include/firmscope/
	install -m 644 $(PLUGIN_LIBS) $(DESTDIR)$(PREFIX)/lib/firmscope/plugins/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' \
		tools/firmscope-plugin.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/firmscope-plugin.pc

# ---- guest firmware (cross-compiled; fragments keep their own rules) ----------
FW_BUILD  := build/fw
include tests/firmware/firmware.mk
-include demo/demo.mk
include tests/perf/perf.mk
# `make bench`: firmscope against QEMU 7.2 (bench/bench.mk, bench/run.sh)
include bench/bench.mk

# ---- top-level targets ----------------------------------------------------------
deps:
	@tools/install-deps.sh

# `make diff SEEDS=1000`: the differential suite against QEMU at full size
# (make check runs it with 50 seeds per XLEN and a shorter client run)
SEEDS ?= 1000
CLIENT_INSNS ?= 30000000
diff: deps
	@$(MAKE) --no-print-directory all firmware
	@DIFF_SEEDS=$(SEEDS) DIFF_CLIENT_INSNS=$(CLIENT_INSNS) \
		tests/diff/run.sh $(BUILD)

check: deps
	@$(MAKE) --no-print-directory all unit firmware plugins \
		$(BUILD)/tests/mem/libmalloc_count.so
	@$(MAKE) --no-print-directory BENCH_SCALE=1 $(BENCH_BUILD)/x1/irq.elf
	@$(MAKE) --no-print-directory SAN=1 all unit plugins
	@tests/run.sh

clean:
	rm -rf build build-san

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
