# SPDX-License-Identifier: BSD-2-Clause
# The arm64 boot stubs: arch/arm64/stub-{4k,16k,64k}.elf in the build tree.
#
# Included by Makefile.am, which provides srcdir, top_srcdir, FT_ARM64_CC
# (aarch64-linux-gnu-gcc), FT_ARM64_PICOLIBC (/usr/lib/picolibc/aarch64-linux-gnu),
# LIBFDT_TARGET_DIR (a build-tree directory the libfdt sources are extracted
# into), the library's source lists FT_LIB_CORE and FT_LIB_FDT, so the
# stubs compile exactly the files the hosted library does, and
# FT_REPORT_C_SRCS, the plan printer that ftplan compiles too, and
# boot/boot.mk's FT_BOOT_C_SRCS, the shared half of the stub, and
# arch/lpae/lpae.mk's FT_LPAE_C_SRCS, the tables arm32 shares. A stub
# depends on lib/libframetable.la, which make rebuilds when any of those
# files or their headers change.
#
# Plain POSIX make (automake -Wportability accepts it): no pattern rules,
# no GNU functions. Each stub is one rule whose recipe compiles every
# source into arch/arm64/obj-<granule>/ and links; the three stubs build in
# parallel under make -j. Sources are named relative to $(srcdir), so
# out-of-tree builds and distcheck work.

FT_ARM64_STUBS = arch/arm64/stub-4k.elf arch/arm64/stub-16k.elf \
	arch/arm64/stub-64k.elf

# Our C sources: built with warnings as errors. The boot flow, the
# checks and the report are boot/'s (FT_BOOT_C_SRCS, boot/boot.mk); these
# are the arm64 half: the tables' parameters and system operations (the
# tables themselves are arch/lpae's), faults, console, exit, the boot_arch.
FT_ARM64_LIB_SRCS = $(FT_LIB_CORE) $(FT_LIB_FDT)
FT_ARM64_STUB_C_SRCS = arch/arm64/boot-arm64.c arch/arm64/mmu.c \
	arch/arm64/fault.c arch/arm64/uart.c arch/arm64/semihost.c \
	arch/arm64/arm64-desc.c
FT_ARM64_C_SRCS = $(FT_ARM64_LIB_SRCS) $(FT_BOOT_C_SRCS) \
	$(FT_REPORT_C_SRCS) $(FT_LPAE_C_SRCS) $(FT_ARM64_STUB_C_SRCS)
FT_ARM64_S_SRCS = arch/arm64/start.S arch/arm64/vectors.S
FT_ARM64_STUB_HDRS = arch/arm64/fault.h arch/arm64/pt.h \
	arch/arm64/semihost.h arch/arm64/sysreg.h arch/arm64/uart.h
# The part of Linux 6.1's libfdt the library calls (the whole-blob check is
# the library's own, lib/fdt-check.c).
FT_ARM64_LIBFDT_SRCS = fdt.c fdt_ro.c fdt_addresses.c fdt_strerror.c

# Every file of arch/arm64 this port adds, for EXTRA_DIST.
FT_ARM64_DIST_FILES = $(FT_ARM64_STUB_C_SRCS) $(FT_ARM64_S_SRCS) \
	$(FT_ARM64_STUB_HDRS) arch/arm64/stub.ld arch/arm64/stub.mk \
	arch/arm64/qemu.sh

FT_ARM64_DEPS = $(srcdir)/arch/arm64/boot-arm64.c \
	$(srcdir)/arch/arm64/mmu.c \
	$(srcdir)/arch/arm64/fault.c $(srcdir)/arch/arm64/uart.c \
	$(srcdir)/arch/arm64/semihost.c $(srcdir)/arch/arm64/arm64-desc.c \
	$(srcdir)/arch/arm64/start.S \
	$(srcdir)/arch/arm64/vectors.S $(srcdir)/arch/arm64/fault.h \
	$(srcdir)/arch/arm64/pt.h $(srcdir)/arch/arm64/semihost.h \
	$(srcdir)/arch/arm64/sysreg.h $(srcdir)/arch/arm64/uart.h \
	$(srcdir)/arch/arm64/stub.ld \
	$(FT_BOOT_DEPS) $(FT_LPAE_DEPS) \
	lib/libframetable.la \
	$(LIBFDT_TARGET_DIR)/fdt_ro.c

# Freestanding at EL2: no FP/SIMD in our code (the exception entry saves
# only x0-x30), no unaligned accesses (the first instructions run with the
# MMU off, where memory is Device), no PIE (linked at a fixed address).
# picolibc supplies the headers and the few string routines libfdt needs.
FT_ARM64_CC_FLAGS = -std=c11 -O2 -g -ffreestanding -fno-pie \
	-fno-stack-protector -fno-common -ffunction-sections -fdata-sections \
	-mgeneral-regs-only -mstrict-align -nostdinc \
	-isystem $(FT_ARM64_PICOLIBC)/include \
	-isystem "`$(FT_ARM64_CC) -print-file-name=include`"
FT_ARM64_WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes
FT_ARM64_LIBFDT_WARN = -Wall -Wextra -Werror -D_DEFAULT_SOURCE
FT_ARM64_INCLUDES = -I$(srcdir)/include -I$(srcdir)/boot -I$(srcdir)/report \
	-I$(srcdir)/arch/arm64 -I$(srcdir)/arch/lpae -I$(LIBFDT_TARGET_DIR)
FT_ARM64_LINK_FLAGS = -nostdlib -static -no-pie -Wl,--gc-sections \
	-Wl,--build-id=none -Wl,-z,noexecstack \
	-Wl,-T,$(srcdir)/arch/arm64/stub.ld
FT_ARM64_LINK_LIBS = $(FT_ARM64_PICOLIBC)/lib/libc.a -lgcc

# The recipe, run with shell variables g (4k, 16k, 64k) and G (4K, 16K,
# 64K) set: one object per source, named after its path.
FT_ARM64_BUILD_STUB = set -e; \
	d=arch/arm64/obj-$$g; mkdir -p $$d; objs=; \
	defs="-DFT_ARM64_GRANULE_$$G"; \
	for s in $(FT_ARM64_C_SRCS); do \
	  o=$$d/`echo $$s | sed 's|/|_|g; s|\.c$$|.o|'`; \
	  echo "  CC       $$o"; \
	  $(FT_ARM64_CC) $(FT_ARM64_CC_FLAGS) $(FT_ARM64_WARN) $$defs \
	    $(FT_ARM64_INCLUDES) -c $(srcdir)/$$s -o $$o; \
	  objs="$$objs $$o"; \
	done; \
	for s in $(FT_ARM64_S_SRCS); do \
	  o=$$d/`echo $$s | sed 's|/|_|g; s|\.S$$|.o|'`; \
	  echo "  AS       $$o"; \
	  $(FT_ARM64_CC) $(FT_ARM64_CC_FLAGS) $$defs \
	    $(FT_ARM64_INCLUDES) -c $(srcdir)/$$s -o $$o; \
	  objs="$$objs $$o"; \
	done; \
	for s in $(FT_ARM64_LIBFDT_SRCS); do \
	  o=$$d/libfdt_`echo $$s | sed 's|\.c$$|.o|'`; \
	  echo "  CC       $$o"; \
	  $(FT_ARM64_CC) $(FT_ARM64_CC_FLAGS) $(FT_ARM64_LIBFDT_WARN) \
	    -I$(LIBFDT_TARGET_DIR) -c $(LIBFDT_TARGET_DIR)/$$s -o $$o; \
	  objs="$$objs $$o"; \
	done; \
	echo "  CCLD     arch/arm64/stub-$$g.elf"; \
	$(FT_ARM64_CC) $(FT_ARM64_LINK_FLAGS) -o arch/arm64/stub-$$g.elf $$objs \
	  $(FT_ARM64_LINK_LIBS)

# No .PHONY here: automake refuses one inside "if FT_PORT_ARM64" when the
# including Makefile.am has its own; no file is named like these targets.
all-arm64-stubs: $(FT_ARM64_STUBS)

$(LIBFDT_TARGET_DIR)/fdt_ro.c:
	$(SHELL) $(top_srcdir)/scripts/libfdt-target.sh $(LIBFDT_TARGET_DIR)

arch/arm64/stub-4k.elf: $(FT_ARM64_DEPS)
	@g=4k; G=4K; $(FT_ARM64_BUILD_STUB)

arch/arm64/stub-16k.elf: $(FT_ARM64_DEPS)
	@g=16k; G=16K; $(FT_ARM64_BUILD_STUB)

arch/arm64/stub-64k.elf: $(FT_ARM64_DEPS)
	@g=64k; G=64K; $(FT_ARM64_BUILD_STUB)

clean-arm64-stubs:
	rm -rf $(FT_ARM64_STUBS) arch/arm64/obj-4k arch/arm64/obj-16k \
		arch/arm64/obj-64k
