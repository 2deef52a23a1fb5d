# SPDX-License-Identifier: GPL-2.0-or-later
# Demo firmware, included by the top-level Makefile (which defines CROSS,
# BUILD and FW_BUILD). `make demo` installs missing packages, builds
# firmscope and $(FW_BUILD)/demo.elf, then runs the demo with -d int.

DEMO_SRCS    := demo/start.S demo/demo.c
DEMO_LDS     := demo/link.ld
# Plain rv64imac with the 2.2 ISA spec (csr* and wfi are in the base ISA
# there) so GCC 12 still picks picolibc's rv64imac/lp64 multilib.
DEMO_ARCH    := -march=rv64imac -mabi=lp64 -misa-spec=2.2 -mcmodel=medany
DEMO_CFLAGS  := $(DEMO_ARCH) --specs=picolibc.specs \
                -DPICOLIBC_INTEGER_PRINTF_SCANF -std=c11 -O2 -g \
                -Wall -Wextra -Werror -ffunction-sections -fdata-sections \
                -fno-asynchronous-unwind-tables
DEMO_LDFLAGS := -nostartfiles -T $(DEMO_LDS) -Wl,--gc-sections \
                -Wl,--no-warn-rwx-segments \
                -Wl,-Map=$(FW_BUILD)/demo.map
DEMO_RUN     := -M virt -bios none -kernel $(FW_BUILD)/demo.elf -nographic

$(FW_BUILD)/demo.elf: $(DEMO_SRCS) $(DEMO_LDS) demo/demo.mk
	@mkdir -p $(dir $@)
	$(CROSS)gcc $(DEMO_CFLAGS) $(DEMO_LDFLAGS) -o $@ $(DEMO_SRCS)

# the test suite compares firmscope's run against demo/expect.{uart,trap}
firmware: $(FW_BUILD)/demo.elf

.PHONY: demo
demo: deps
	@$(MAKE) --no-print-directory $(BUILD)/firmscope $(FW_BUILD)/demo.elf
	$(BUILD)/firmscope $(DEMO_RUN) -d int

# After changing the demo, regenerate demo/expect.uart (exact UART bytes)
# and demo/expect.trap ("TYPE CAUSE FROM_PC" per trap) from QEMU's run.
.PHONY: demo-expect
demo-expect: $(FW_BUILD)/demo.elf
	qemu-system-riscv64 $(DEMO_RUN) -d int -D $(FW_BUILD)/demo.qemu.log \
		</dev/null >demo/expect.uart
	awk -F'[ ,]+' '/^riscv_cpu_do_interrupt:/ { \
		for (i = 2; i <= NF; i++) { split($$i, kv, ":"); f[kv[1]] = kv[2] } \
		h = substr(f["cause"], length(f["cause"]) - 2); c = 0; \
		for (i = 1; i <= 3; i++) \
			c = c * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1; \
		pc = f["epc"]; sub(/^0x0*/, "", pc); \
		print (f["async"] == 1 ? "interrupt" : "exception"), c, "0x" pc }' \
		$(FW_BUILD)/demo.qemu.log >demo/expect.trap
