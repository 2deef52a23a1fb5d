# SPDX-License-Identifier: GPL-2.0-or-later
# Bare-metal firmware tests (tests/firmware/<board>/<case>/), included by the
# top-level Makefile, which sets FW_BUILD and CROSS. Every directory holding a
# test.S is a case; it builds to $(FW_BUILD)/<board>/<case>.elf from its
# test.S plus the board's common runtime (common/<board>.S), for RV32 when
# the case's cmdline says "-cpu rv32", else for RV64.

FW_DIR    := tests/firmware
FW_CC     := $(CROSS)gcc
FW_CASES  := $(patsubst $(FW_DIR)/%/test.S,%,$(wildcard $(FW_DIR)/*/*/test.S))
FW_ELFS   := $(FW_CASES:%=$(FW_BUILD)/%.elf)
FW_COMMON := $(wildcard $(FW_DIR)/common/*)

FW_ARCH_rv64 := -march=rv64imafdc_zicsr_zifencei -mabi=lp64
FW_ARCH_rv32 := -march=rv32imafdc_zicsr_zifencei -mabi=ilp32
FW_ASFLAGS   := -mcmodel=medany -g -Wa,--fatal-warnings -I$(FW_DIR)/common
FW_LDFLAGS   := -nostdlib -nostartfiles -static -T $(FW_DIR)/common/link.ld \
                -Wl,--no-warn-rwx-segments

# $(call fw_xlen,board/case) -> rv32 or rv64, from the case's cmdline
fw_cmdline = $(file <$(FW_DIR)/$(1)/cmdline)
fw_xlen = $(if $(findstring -cpu rv32,$(call fw_cmdline,$(1))),rv32,rv64)
# $(call fw_board,board/case) -> board
fw_board = $(firstword $(subst /, ,$(1)))

# The case's source is assembled alone so that -MMD records what it includes
# (an RV32 variant may include another case's test.S); the runtime's own
# dependencies are the common/ files, listed explicitly.
define fw_case_rule
$(FW_BUILD)/$(1).elf: $(FW_DIR)/$(1)/test.S $(FW_DIR)/$(1)/cmdline \
		$(FW_COMMON) $(FW_DIR)/firmware.mk
	@mkdir -p $$(@D)
	$$(FW_CC) $$(FW_ARCH_$(call fw_xlen,$(1))) $$(FW_ASFLAGS) -c -MMD -MP \
		-MF $$@.d -MT $$@ -o $$@.o $(FW_DIR)/$(1)/test.S
	$$(FW_CC) $$(FW_ARCH_$(call fw_xlen,$(1))) $$(FW_ASFLAGS) \
		$$(FW_LDFLAGS) -o $$@ $$@.o \
		$(FW_DIR)/common/$(call fw_board,$(1)).S
endef
$(foreach c,$(FW_CASES),$(eval $(call fw_case_rule,$(c))))

.PHONY: firmware
firmware: $(FW_ELFS)

-include $(FW_ELFS:=.d)
