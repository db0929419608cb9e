# SPDX-License-Identifier: BSD-2-Clause
# The RISC-V boot stubs: arch/riscv/stub-sv39.elf and stub-sv48.elf in the
# build tree, and their -nonapot names.
#
# Included by Makefile.am next to arch/arm64/stub.mk, with the same
# variables, under its own names: FT_RISCV64_CC (riscv64-unknown-elf-gcc), FT_RISCV64_PICOLIBC
# (/usr/lib/picolibc/riscv64-unknown-elf), LIBFDT_TARGET_DIR, FT_LIB_CORE,
# FT_LIB_FDT, FT_REPORT_C_SRCS and boot/boot.mk's FT_BOOT_C_SRCS.
#
# One stub per translation mode. Whether it maps with Svnapot is read from
# the DTB at boot (cpu@0's riscv,isa), so stub-sv48-nonapot.elf is
# stub-sv48.elf under the name run-board.sh looks for (granule=sv48-nonapot
# in a .qemu file boots it on a hart without Svnapot). POSIX make only.

FT_RISCV_STUBS = arch/riscv/stub-sv39.elf arch/riscv/stub-sv48.elf \
	arch/riscv/stub-sv39-nonapot.elf arch/riscv/stub-sv48-nonapot.elf

FT_RISCV_STUB_C_SRCS = arch/riscv/boot-riscv.c arch/riscv/pt.c \
	arch/riscv/riscv-desc.c \
	arch/riscv/pt-check.c arch/riscv/trap.c arch/riscv/sbi.c
FT_RISCV_S_SRCS = arch/riscv/start.S arch/riscv/stvec.S
FT_RISCV_STUB_HDRS = arch/riscv/trap.h arch/riscv/sbi.h
FT_RISCV_ALL_C_SRCS = $(FT_LIB_CORE) $(FT_LIB_FDT) $(FT_BOOT_C_SRCS) \
	$(FT_REPORT_C_SRCS) $(FT_RISCV_STUB_C_SRCS)
FT_RISCV_LIBFDT_SRCS = fdt.c fdt_ro.c fdt_addresses.c fdt_strerror.c

FT_RISCV_DIST_FILES = $(FT_RISCV_STUB_C_SRCS) $(FT_RISCV_S_SRCS) \
	$(FT_RISCV_STUB_HDRS) arch/riscv/stub.ld arch/riscv/stub.mk \
	arch/riscv/qemu.sh

FT_RISCV_DEPS = $(srcdir)/arch/riscv/boot-riscv.c \
	$(srcdir)/arch/riscv/riscv-desc.c \
	$(srcdir)/arch/riscv/pt.c $(srcdir)/arch/riscv/pt.h \
	$(srcdir)/arch/riscv/pte.h $(srcdir)/arch/riscv/pt-check.c \
	$(srcdir)/arch/riscv/pt-check.h $(srcdir)/arch/riscv/trap.c \
	$(srcdir)/arch/riscv/trap.h $(srcdir)/arch/riscv/sbi.c \
	$(srcdir)/arch/riscv/sbi.h $(srcdir)/arch/riscv/start.S \
	$(srcdir)/arch/riscv/stvec.S $(srcdir)/arch/riscv/stub.ld \
	$(FT_BOOT_DEPS) lib/libframetable.la $(LIBFDT_TARGET_DIR)/fdt_ro.c

# S-mode, linked at 0x8020_0000. GCC's limits.h of this toolchain is in
# include-fixed, where picolibc's include_next looks for it.
#: medany reaches it with PC-relative
# addressing; the lp64d ABI matches picolibc's rv64imafdc/lp64d multilib.
FT_RISCV_ARCH_FLAGS = -march=rv64gc -mabi=lp64d -mcmodel=medany
FT_RISCV_CC_FLAGS = -std=c11 -O2 -g -ffreestanding -fno-pie \
	-fno-stack-protector -fno-common -ffunction-sections -fdata-sections \
	$(FT_RISCV_ARCH_FLAGS) -nostdinc -isystem $(FT_RISCV64_PICOLIBC)/include \
	-isystem "`$(FT_RISCV64_CC) -print-file-name=include`" \
	-isystem "`$(FT_RISCV64_CC) -print-file-name=include-fixed`"
FT_RISCV_WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes
FT_RISCV_LIBFDT_WARN = -Wall -Wextra -Werror -D_DEFAULT_SOURCE
FT_RISCV_INCLUDES = -I$(srcdir)/include -I$(srcdir)/boot \
	-I$(srcdir)/report -I$(srcdir)/arch/riscv -I$(LIBFDT_TARGET_DIR)
FT_RISCV_LINK = $(FT_RISCV_ARCH_FLAGS) -nostdlib -static -no-pie \
	-Wl,--gc-sections -Wl,--build-id=none -Wl,-z,noexecstack \
	-Wl,-T,$(srcdir)/arch/riscv/stub.ld
FT_RISCV_LIBS = $(FT_RISCV64_PICOLIBC)/lib/rv64imafdc/lp64d/libc.a -lgcc

# With shell variable m set (sv39 or sv48): objects in arch/riscv/obj-$m.
# rv_obj OBJ SRC FLAGS... compiles one source and remembers the object;
# our sources are named after their path, libfdt's get a libfdt_ prefix.
FT_RISCV_BUILD = set -e; \
	od=arch/riscv/obj-$$m; mkdir -p $$od; list=; \
	mode=-DFT_RISCV_`echo $$m | tr a-z A-Z`; \
	rv_obj() { o=$$od/$$1; s=$$2; shift 2; list="$$list $$o"; \
	  echo "  CC       $$o"; $(FT_RISCV64_CC) $(FT_RISCV_CC_FLAGS) "$$@" \
	  -c $$s -o $$o; }; \
	for src in $(FT_RISCV_ALL_C_SRCS) $(FT_RISCV_S_SRCS); do \
	  rv_obj `echo $$src | sed 's|/|_|g; s|\.[cS]$$|.o|'` \
	    $(srcdir)/$$src $(FT_RISCV_WARN) $$mode $(FT_RISCV_INCLUDES); \
	done; \
	for src in $(FT_RISCV_LIBFDT_SRCS); do \
	  rv_obj libfdt_$${src%.c}.o $(LIBFDT_TARGET_DIR)/$$src \
	    $(FT_RISCV_LIBFDT_WARN) -I$(LIBFDT_TARGET_DIR); \
	done; \
	echo "  CCLD     arch/riscv/stub-$$m.elf"; \
	$(FT_RISCV64_CC) $(FT_RISCV_LINK) -o arch/riscv/stub-$$m.elf $$list \
	  $(FT_RISCV_LIBS)

all-riscv-stubs: $(FT_RISCV_STUBS)

arch/riscv/stub-sv39.elf: $(FT_RISCV_DEPS)
	@m=sv39; $(FT_RISCV_BUILD)

arch/riscv/stub-sv48.elf: $(FT_RISCV_DEPS)
	@m=sv48; $(FT_RISCV_BUILD)

arch/riscv/stub-sv39-nonapot.elf: arch/riscv/stub-sv39.elf
	cp arch/riscv/stub-sv39.elf $@

arch/riscv/stub-sv48-nonapot.elf: arch/riscv/stub-sv48.elf
	cp arch/riscv/stub-sv48.elf $@

clean-riscv-stubs:
	rm -rf $(FT_RISCV_STUBS) arch/riscv/obj-sv39 arch/riscv/obj-sv48
