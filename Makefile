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
SANFLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
             -fno-omit-frame-pointer
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
             -DFS_VERSION='"$(VERSION)"' -Iinclude $(addprefix -iquote ,$(SRC_DIRS))
# our own headers are included with quotes only, so none can shadow a
# system header (src/core/elf.h vs <elf.h>)
SRC_DIRS  = src src/core src/isa/riscv src/dev src/board src/plugin \
            $(BUILD)/gen
LDFLAGS   ?=
LDLIBS    := -lm

# ---- sources ------------------------------------------------------------------
LIB_SRCS  := $(filter-out src/core/main.c, \
               $(wildcard src/core/*.c src/isa/riscv/*.c src/dev/*.c \
                          src/board/*.c src/plugin/*.c))
GEN_SRCS  := $(BUILD)/gen/riscv_decode.c
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/gen/riscv_decode.o
MAIN_OBJ  := $(BUILD)/src/core/main.o
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/unit/%)

.PHONY: all clean check deps demo firmware unit bench help
all: $(BUILD)/firmscope

help:
	@echo "make            build $(BUILD)/firmscope"
	@echo "make demo       build and run the demo firmware (installs deps)"
	@echo "make check      build and run every test (installs deps)"
	@echo "make SAN=1      build with ASan+UBSan into build-san/"

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

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libfirmscope.a: $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/firmscope: $(MAIN_OBJ) $(BUILD)/libfirmscope.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/unit/%: tests/unit/%.c $(BUILD)/libfirmscope.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -iquote tests/unit $(LDFLAGS) -o $@ $< \
		$(BUILD)/libfirmscope.a $(LDLIBS)

unit: $(UNIT_BINS)

# ---- guest firmware (cross-compiled; fragments keep their own rules) ----------
FW_BUILD  := build/fw
include tests/firmware/firmware.mk
-include demo/demo.mk
include tests/perf/perf.mk

# ---- top-level targets ----------------------------------------------------------
deps:
	@tools/install-deps.sh

check: deps
	@$(MAKE) --no-print-directory all unit firmware
	@$(MAKE) --no-print-directory SAN=1 all unit
	@tests/run.sh

clean:
	rm -rf build build-san

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
