# SPDX-License-Identifier: GPL-2.0-or-later
# Throughput workload (tests/perf/loop.S) and `make perf`, which reports
# guest MIPS for it and the cost of plugins on it. Included by the
# top-level Makefile.
PERF_ELF := $(FW_BUILD)/perf/loop.elf

$(PERF_ELF): tests/perf/loop.S tests/firmware/common/virt.S \
		tests/firmware/common/fw.h tests/firmware/common/link.ld
	@mkdir -p $(@D)
	$(CROSS)gcc -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany \
		-Itests/firmware/common -nostdlib -nostartfiles -static \
		-T tests/firmware/common/link.ld -Wl,--no-warn-rwx-segments \
		-o $@ tests/perf/loop.S tests/firmware/common/virt.S

.PHONY: perf
perf: deps
	@$(MAKE) --no-print-directory $(BUILD)/firmscope $(PERF_ELF) plugins
	@tests/perf/run.sh $(BUILD)/firmscope $(PERF_ELF)
	@tests/perf/plugins.sh $(BUILD)/firmscope $(PERF_ELF) $(BUILD)/plugins
	@tests/perf/boot.sh $(BUILD)/firmscope
