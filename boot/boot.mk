# SPDX-License-Identifier: BSD-2-Clause
# The shared half of every boot stub (boot/): the boot flow, the checks,
# the pattern fill, the gap probes and the boot cost. Included by
# Makefile.am before the ports' stub.mk files; a port compiles
# FT_BOOT_C_SRCS (and FT_REPORT_C_SRCS, the plan printer) with
# -I$(srcdir)/boot next to its own files, and lists FT_BOOT_DEPS among
# its stubs' prerequisites. Never part of lib/: the library does not
# print, probe nor time.

FT_BOOT_C_SRCS = boot/main.c boot/console.c boot/verify.c boot/gaps.c \
	boot/prefill.c boot/bootcost.c boot/selftest.c
FT_BOOT_HDRS = boot/boot-arch.h boot/console.h boot/verify.h boot/gaps.h \
	boot/prefill.h boot/bootcost.h boot/selftest.h
FT_BOOT_DIST_FILES = $(FT_BOOT_C_SRCS) $(FT_BOOT_HDRS) boot/boot.mk

FT_BOOT_DEPS = $(srcdir)/boot/main.c $(srcdir)/boot/console.c \
	$(srcdir)/boot/verify.c $(srcdir)/boot/gaps.c \
	$(srcdir)/boot/prefill.c $(srcdir)/boot/bootcost.c \
	$(srcdir)/boot/selftest.c $(srcdir)/boot/selftest.h \
	$(srcdir)/boot/boot-arch.h $(srcdir)/boot/console.h \
	$(srcdir)/boot/verify.h $(srcdir)/boot/gaps.h \
	$(srcdir)/boot/prefill.h $(srcdir)/boot/bootcost.h \
	$(srcdir)/report/planjson.c $(srcdir)/report/planjson.h \
	$(srcdir)/report/put.c $(srcdir)/report/put.h
