# SPDX-License-Identifier: BSD-2-Clause
# The long-descriptor translation tables the arm64 and arm32 stubs share
# (arch/lpae/lpae.h): the mapper, the pool, the lookup and the rule
# checker. Included by Makefile.am before the ports' stub.mk files, like
# boot/boot.mk; a port compiles FT_LPAE_C_SRCS with -I$(srcdir)/arch/lpae
# after its own folder (pt.c includes the port's pt.h, its parameters),
# supplies lpae.h's system operations in its own code, and lists
# FT_LPAE_DEPS among its stubs' prerequisites. POSIX make only.

FT_LPAE_C_SRCS = arch/lpae/pt.c arch/lpae/ptcheck.c
FT_LPAE_HDRS = arch/lpae/lpae.h arch/lpae/ptcheck.h
FT_LPAE_DIST_FILES = $(FT_LPAE_C_SRCS) $(FT_LPAE_HDRS) arch/lpae/lpae.mk

FT_LPAE_DEPS = $(srcdir)/arch/lpae/pt.c $(srcdir)/arch/lpae/ptcheck.c \
	$(srcdir)/arch/lpae/lpae.h $(srcdir)/arch/lpae/ptcheck.h
