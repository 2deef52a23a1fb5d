# SPDX-License-Identifier: GPL-2.0-or-later
# `make bench`: firmscope against Debian's qemu-system-riscv64 (QEMU 7.2) on
# our own benchmark firmware (bench/fw), with and without plugins, plus the
# firmware test suite end to end and the OpenSBI + U-Boot boot. Included by
# the top-level Makefile (which defines BUILD, CROSS, CC, WARN, GLIB_*).

BENCH_BUILD   := build/bench
# BENCH_SCALE=N multiplies every kernel's work: at 1 an image runs about
# 0.5 s on firmscope, so the default 4 gives runs of a few seconds; each
# scale has its own directory of images
BENCH_SCALE   ?= 4
BENCH_FW      := $(BENCH_BUILD)/x$(BENCH_SCALE)
BENCH_KERNELS := crc32 sha256 sort matmul interp ldst vm fp irq
BENCH_ELFS    := $(BENCH_KERNELS:%=$(BENCH_FW)/%.elf) $(BENCH_FW)/nop.elf
BENCH_FW_COMMON := bench/fw/start.S bench/fw/lib.c bench/fw/bench.h \
                   bench/fw/link.ld bench/bench.mk

# rv64gc, -O2, picolibc for the C library. -fno-tree-loop-distribute-patterns
# keeps the copy loops as written (not memcpy calls); -fno-math-errno lets
# sqrt be one fsqrt.d.
BENCH_FW_CFLAGS := -march=rv64gc -mabi=lp64d -mcmodel=medany -O2 -g \
                   --specs=picolibc.specs -std=c11 -Wall -Wextra -Werror \
                   -fno-tree-loop-distribute-patterns -fno-math-errno \
                   -fno-asynchronous-unwind-tables
BENCH_FW_LDFLAGS := -nostartfiles -T bench/fw/link.ld \
                    -Wl,--no-warn-rwx-segments

$(BENCH_FW)/%.elf: bench/fw/%.c $(BENCH_FW_COMMON)
	@mkdir -p $(@D)
	$(CROSS)gcc $(BENCH_FW_CFLAGS) -DBENCH_SCALE=$(BENCH_SCALE) \
		$(BENCH_FW_LDFLAGS) -o $@ \
		bench/fw/start.S bench/fw/lib.c $<

# Bench plugins, one source each, built twice:
#  - for firmscope against include/qemu-plugin.h with API 2, the oldest it
#    accepts and the closest to QEMU 7.2's (same callback signatures);
#  - for QEMU 7.2 (plugin API 1) against bench/qemu72/qemu-plugin.h.
BENCH_PLUGINS := icount pcdump empty
BENCH_FS_PLUGINS   := $(BENCH_PLUGINS:%=$(BENCH_BUILD)/fs/lib%.so)
BENCH_QEMU_PLUGINS := $(BENCH_PLUGINS:%=$(BENCH_BUILD)/qemu/lib%.so)
BENCH_PLUGIN_CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g -fPIC -shared \
                       -fvisibility=hidden $(WARN)

$(BENCH_BUILD)/fs/lib%.so: bench/plugins/%.c include/qemu-plugin.h
	@mkdir -p $(@D)
	$(CC) $(BENCH_PLUGIN_CFLAGS) -DQEMU_PLUGIN_API_COMPAT=2 $(GLIB_CFLAGS) \
		-Iinclude -o $@ $<

$(BENCH_BUILD)/qemu/lib%.so: bench/plugins/%.c bench/qemu72/qemu-plugin.h
	@mkdir -p $(@D)
	$(CC) $(BENCH_PLUGIN_CFLAGS) -Ibench/qemu72 -o $@ $<

.PHONY: bench bench-build
bench-build: $(BUILD)/firmscope plugins firmware $(BENCH_ELFS) \
	$(BENCH_FS_PLUGINS) $(BENCH_QEMU_PLUGINS)

bench: deps
	@$(MAKE) --no-print-directory bench-build
	@bench/run.sh $(BUILD)/firmscope $(BENCH_FW) $(BENCH_BUILD)
