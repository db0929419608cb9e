# SPDX-License-Identifier: BSD-2-Clause
# The arm32 boot stub: arch/arm32/stub-4k.elf in the build tree (LPAE,
# 4K granule, Hyp mode on a Cortex-A15).
#
# Included by Makefile.am next to the other ports' stub.mk, with the same
# variables under this port's names: FT_ARM32_CC (arm-none-eabi-gcc),
# FT_ARM32_PICOLIBC (/usr/lib/picolibc/arm-none-eabi), LIBFDT_TARGET_DIR,
# FT_LIB_CORE, FT_LIB_FDT, FT_REPORT_C_SRCS, boot/boot.mk's
# FT_BOOT_C_SRCS and arch/lpae/lpae.mk's FT_LPAE_C_SRCS (the tables arm64
# shares; mmu.c here is their Hyp mode half). POSIX make only.

FT_ARM32_STUBS = arch/arm32/stub-4k.elf

FT_ARM32_STUB_C_SRCS = arch/arm32/boot-arm32.c arch/arm32/mmu.c \
	arch/arm32/fault.c arch/arm32/semihost.c arch/arm32/uart.c \
	arch/arm32/arm32-desc.c
FT_ARM32_S_SRCS = arch/arm32/start.S arch/arm32/vectors.S
FT_ARM32_STUB_HDRS = arch/arm32/fault.h arch/arm32/pt.h \
	arch/arm32/semihost.h arch/arm32/sysreg.h arch/arm32/uart.h
FT_ARM32_ALL_C_SRCS = $(FT_LIB_CORE) $(FT_LIB_FDT) $(FT_BOOT_C_SRCS) \
	$(FT_REPORT_C_SRCS) $(FT_LPAE_C_SRCS) $(FT_ARM32_STUB_C_SRCS)
FT_ARM32_LIBFDT_SRCS = fdt.c fdt_ro.c fdt_addresses.c fdt_strerror.c

FT_ARM32_DIST_FILES = $(FT_ARM32_STUB_C_SRCS) $(FT_ARM32_S_SRCS) \
	$(FT_ARM32_STUB_HDRS) arch/arm32/stub.ld arch/arm32/stub.mk \
	arch/arm32/qemu.sh

FT_ARM32_DEPS = $(srcdir)/arch/arm32/boot-arm32.c \
	$(srcdir)/arch/arm32/mmu.c \
	$(srcdir)/arch/arm32/fault.c $(srcdir)/arch/arm32/semihost.c \
	$(srcdir)/arch/arm32/uart.c $(srcdir)/arch/arm32/arm32-desc.c \
	$(srcdir)/arch/arm32/start.S $(srcdir)/arch/arm32/vectors.S \
	$(srcdir)/arch/arm32/fault.h $(srcdir)/arch/arm32/pt.h \
	$(srcdir)/arch/arm32/semihost.h \
	$(srcdir)/arch/arm32/sysreg.h $(srcdir)/arch/arm32/uart.h \
	$(srcdir)/arch/arm32/stub.ld \
	$(FT_BOOT_DEPS) $(FT_LPAE_DEPS) lib/libframetable.la $(LIBFDT_TARGET_DIR)/fdt_ro.c

# ARM state, Armv7-A with the Virtualization Extensions (eret, ELR_hyp),
# soft float: no VFP/NEON to enable in Hyp mode nor to save on exception
# entry. These flags select picolibc's and libgcc's thumb/v7-a/nofp
# multilib (GCC maps -march=armv7ve onto v7-a), whose Thumb code ours
# calls through interworking branches. No unaligned accesses: the first
# C code runs with the MMU off, where memory is Strongly-ordered.
FT_ARM32_ARCH_FLAGS = -marm -march=armv7ve -mfloat-abi=soft
FT_ARM32_MULTILIB = thumb/v7-a/nofp
FT_ARM32_CC_FLAGS = -std=c11 -O2 -g -ffreestanding -fno-pie \
	-fno-stack-protector -fno-common -ffunction-sections -fdata-sections \
	-mno-unaligned-access $(FT_ARM32_ARCH_FLAGS) -nostdinc \
	-isystem $(FT_ARM32_PICOLIBC)/include \
	-isystem "`$(FT_ARM32_CC) -print-file-name=include`" \
	-isystem "`$(FT_ARM32_CC) -print-file-name=include-fixed`"
FT_ARM32_WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes
FT_ARM32_LIBFDT_WARN = -Wall -Wextra -Werror -D_DEFAULT_SOURCE
FT_ARM32_INCLUDES = -I$(srcdir)/include -I$(srcdir)/boot \
	-I$(srcdir)/report -I$(srcdir)/arch/arm32 -I$(srcdir)/arch/lpae \
	-I$(LIBFDT_TARGET_DIR)
FT_ARM32_LINK = $(FT_ARM32_ARCH_FLAGS) -nostdlib -static -no-pie \
	-Wl,--gc-sections -Wl,--build-id=none -Wl,-z,noexecstack \
	-Wl,-T,$(srcdir)/arch/arm32/stub.ld
FT_ARM32_LIBS = $(FT_ARM32_PICOLIBC)/lib/$(FT_ARM32_MULTILIB)/libc.a -lgcc

# Objects in arch/arm32/obj-4k: ours named after their path, libfdt's
# with a libfdt_ prefix. a32_obj OBJ SRC FLAGS... compiles one.
FT_ARM32_BUILD = set -e; \
	od=arch/arm32/obj-$$g; mkdir -p $$od; list=; \
	a32_obj() { o=$$od/$$1; s=$$2; shift 2; list="$$list $$o"; \
	  echo "  CC       $$o"; $(FT_ARM32_CC) $(FT_ARM32_CC_FLAGS) "$$@" \
	  -c $$s -o $$o; }; \
	for src in $(FT_ARM32_ALL_C_SRCS) $(FT_ARM32_S_SRCS); do \
	  a32_obj `echo $$src | sed 's|/|_|g; s|\.[cS]$$|.o|'` \
	    $(srcdir)/$$src $(FT_ARM32_WARN) $(FT_ARM32_INCLUDES); \
	done; \
	for src in $(FT_ARM32_LIBFDT_SRCS); do \
	  a32_obj libfdt_$${src%.c}.o $(LIBFDT_TARGET_DIR)/$$src \
	    $(FT_ARM32_LIBFDT_WARN) -I$(LIBFDT_TARGET_DIR); \
	done; \
	echo "  CCLD     arch/arm32/stub-$$g.elf"; \
	$(FT_ARM32_CC) $(FT_ARM32_LINK) -o arch/arm32/stub-$$g.elf $$list \
	  $(FT_ARM32_LIBS)

all-arm32-stubs: $(FT_ARM32_STUBS)

arch/arm32/stub-4k.elf: $(FT_ARM32_DEPS)
	@g=4k; $(FT_ARM32_BUILD)

clean-arm32-stubs:
	rm -rf $(FT_ARM32_STUBS) arch/arm32/obj-4k
