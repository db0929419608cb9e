# SPDX-License-Identifier: BSD-2-Clause
# The Arm MPU boot stub: arch/arm-mpu/stub-4k.elf in the build tree, for
# QEMU's mps3-an547 (Cortex-M55, PMSAv8-M). 4k is the page the library
# plans with (the .qemu files' granule=).
#
# Included by Makefile.am next to the other ports' stub.mk files. It uses
# FT_ARM_MPU_CC (arm-none-eabi-gcc) and FT_ARM_MPU_PICOLIBC
# (/usr/lib/picolibc/arm-none-eabi), set by configure's arm-mpu block,
# and LIBFDT_TARGET_DIR, FT_LIB_CORE, FT_LIB_FDT, FT_REPORT_C_SRCS and
# boot/boot.mk's FT_BOOT_C_SRCS. POSIX make only.

FT_ARM_MPU_STUBS = arch/arm-mpu/stub-4k.elf

FT_ARM_MPU_STUB_C_SRCS = arch/arm-mpu/boot-mpu.c arch/arm-mpu/mpu.c \
	arch/arm-mpu/mpu-v8m.c arch/arm-mpu/semihost.c \
	arch/arm-mpu/mpu-desc.c
FT_ARM_MPU_S_SRCS = arch/arm-mpu/start.S
FT_ARM_MPU_STUB_HDRS = arch/arm-mpu/mpu.h arch/arm-mpu/semihost.h
FT_ARM_MPU_ALL_C_SRCS = $(FT_LIB_CORE) $(FT_LIB_FDT) $(FT_BOOT_C_SRCS) \
	$(FT_REPORT_C_SRCS) $(FT_ARM_MPU_STUB_C_SRCS)
FT_ARM_MPU_LIBFDT_SRCS = fdt.c fdt_ro.c fdt_addresses.c fdt_strerror.c

FT_ARM_MPU_DIST_FILES = $(FT_ARM_MPU_STUB_C_SRCS) $(FT_ARM_MPU_S_SRCS) \
	$(FT_ARM_MPU_STUB_HDRS) arch/arm-mpu/stub.ld arch/arm-mpu/stub.mk \
	arch/arm-mpu/qemu.sh

FT_ARM_MPU_DEPS = $(srcdir)/arch/arm-mpu/boot-mpu.c \
	$(srcdir)/arch/arm-mpu/mpu.c $(srcdir)/arch/arm-mpu/mpu.h \
	$(srcdir)/arch/arm-mpu/mpu-v8m.c $(srcdir)/arch/arm-mpu/semihost.c \
	$(srcdir)/arch/arm-mpu/semihost.h $(srcdir)/arch/arm-mpu/mpu-desc.c \
	$(srcdir)/arch/arm-mpu/start.S $(srcdir)/arch/arm-mpu/stub.ld \
	$(FT_BOOT_DEPS) lib/libframetable.la $(LIBFDT_TARGET_DIR)/fdt_ro.c

# Cortex-M55 in Thumb, hard float: picolibc's thumb/v8-m.main+dp/hard
# multilib. GCC's limits.h of this toolchain is in include-fixed, where
# picolibc's include_next looks for it.
FT_ARM_MPU_ARCH_FLAGS = -mcpu=cortex-m55 -mthumb -mfloat-abi=hard
FT_ARM_MPU_CC_FLAGS = -std=c11 -O2 -g -ffreestanding -fno-pie \
	-fno-stack-protector -fno-common -ffunction-sections -fdata-sections \
	$(FT_ARM_MPU_ARCH_FLAGS) -nostdinc \
	-isystem $(FT_ARM_MPU_PICOLIBC)/include \
	-isystem "`$(FT_ARM_MPU_CC) -print-file-name=include`" \
	-isystem "`$(FT_ARM_MPU_CC) -print-file-name=include-fixed`"
FT_ARM_MPU_WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes
FT_ARM_MPU_LIBFDT_WARN = -Wall -Wextra -Werror -D_DEFAULT_SOURCE
FT_ARM_MPU_INCLUDES = -I$(srcdir)/include -I$(srcdir)/boot \
	-I$(srcdir)/report -I$(srcdir)/arch/arm-mpu -I$(LIBFDT_TARGET_DIR)
FT_ARM_MPU_LINK = $(FT_ARM_MPU_ARCH_FLAGS) -nostdlib -static -no-pie \
	-Wl,--gc-sections -Wl,--build-id=none -Wl,-z,noexecstack \
	-Wl,-T,$(srcdir)/arch/arm-mpu/stub.ld
FT_ARM_MPU_LIBS = \
	$(FT_ARM_MPU_PICOLIBC)/lib/thumb/v8-m.main+dp/hard/libc.a -lgcc

# Objects in arch/arm-mpu/obj-4k: ours named after their path, libfdt's
# with a libfdt_ prefix.
FT_ARM_MPU_BUILD = set -e; \
	od=arch/arm-mpu/obj-$$g; mkdir -p $$od; list=; \
	mpu_obj() { o=$$od/$$1; s=$$2; shift 2; list="$$list $$o"; \
	  echo "  CC       $$o"; $(FT_ARM_MPU_CC) $(FT_ARM_MPU_CC_FLAGS) "$$@" \
	  -c $$s -o $$o; }; \
	for src in $(FT_ARM_MPU_ALL_C_SRCS) $(FT_ARM_MPU_S_SRCS); do \
	  mpu_obj `echo $$src | sed 's|/|_|g; s|\.[cS]$$|.o|'` \
	    $(srcdir)/$$src $(FT_ARM_MPU_WARN) $(FT_ARM_MPU_INCLUDES); \
	done; \
	for src in $(FT_ARM_MPU_LIBFDT_SRCS); do \
	  mpu_obj libfdt_$${src%.c}.o $(LIBFDT_TARGET_DIR)/$$src \
	    $(FT_ARM_MPU_LIBFDT_WARN) -I$(LIBFDT_TARGET_DIR); \
	done; \
	echo "  CCLD     arch/arm-mpu/stub-$$g.elf"; \
	$(FT_ARM_MPU_CC) $(FT_ARM_MPU_LINK) -o arch/arm-mpu/stub-$$g.elf \
	  $$list $(FT_ARM_MPU_LIBS)

all-arm-mpu-stubs: $(FT_ARM_MPU_STUBS)

arch/arm-mpu/stub-4k.elf: $(FT_ARM_MPU_DEPS)
	@g=4k; $(FT_ARM_MPU_BUILD)

clean-arm-mpu-stubs:
	rm -rf $(FT_ARM_MPU_STUBS) arch/arm-mpu/obj-4k
