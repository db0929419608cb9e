#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# An outside program finds the installed library only through pkg-config:
# `make install DESTDIR=...`, then a C program that plans a map and reads a
# DTB (so libfdt must come along; not when configured --without-libfdt)
# is built and run twice, against the shared library and against the
# static one (`pkg-config --static`). It also calls the inline hot path
# with a valid map sized by ft_storage_need().
. "${srcdir:-.}/tests/lib.sh"
need pkg-config pkg-config
top=${FT_TOP_BUILDDIR:?FT_TOP_BUILDDIR not set: run through make check}
root=$tmp/root
${MAKE:-make} -s -C "$top" install DESTDIR="$root" >"$tmp/install.log" 2>&1 ||
	{ cat "$tmp/install.log" >&2; echo "ERROR: make install failed" >&2; exit 99; }
pcdir=$(find "$root" -name frametable.pc -exec dirname {} \; | head -n 1)
[ -n "$pcdir" ] || { echo "ERROR: frametable.pc not installed" >&2; exit 99; }
prefix=$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=prefix frametable)
pc() {
	PKG_CONFIG_PATH=$pcdir pkg-config --define-variable=prefix="$root$prefix" "$@" frametable
}
cat >"$tmp/consumer.c" <<'C'
#include <frametable/frametable.h>
#include <stdio.h>

FT_STORAGE_DEFINE(st, 8, 8, 8, 64, 64);

int main(void)
{
	struct ft_storage_need need;
	struct ft_ctx ctx;
#ifndef NO_FDT
	if (ft_init(&ctx, ft_arch_find("arm64", "4k"), NULL, &st_storage) ||
	    ft_add_fdt(&ctx, "not a dtb", 10) != -FT_ERR_FDT_BAD)
		return 1;
#endif
	ft_init(&ctx, ft_arch_find("arm64", "4k"), NULL, &st_storage);
	if (ft_add_bank(&ctx, 0x80000000, 0x80000000) ||
	    ft_storage_need(&ctx, &need) || need.valid_words > 64 ||
	    ft_plan(&ctx) || !ft_mfn_valid(&ctx, 0x80000) ||
	    ft_mfn_valid(&ctx, 0x7ffff) ||
	    ft_desc_va_to_mfn(&ctx, ft_mfn_to_desc_va(&ctx, 0x80123)) != 0x80123)
		return 1;
	printf("ok %u chunk(s)\n", ctx.nr_chunks);
	return 0;
}
C
nofdt=
[ "${FT_HAVE_LIBFDT:-yes}" = no ] && nofdt=-DNO_FDT
# Shared.
${CC:-cc} -std=c11 -Wall -Werror $nofdt $(pc --cflags) "$tmp/consumer.c" \
	$(pc --libs) -o "$tmp/shared" || bad "shared build through pkg-config failed"
libdir=$(pc --variable=libdir)
LD_LIBRARY_PATH=$libdir "$tmp/shared" | grep -q '^ok ' ||
	bad "the shared consumer did not run"
# Static: the same flags with --static (Libs.private brings -lfdt), and
# the shared object out of the way so the archive is what links.
mkdir "$tmp/static-lib" && cp "$libdir/libframetable.a" "$tmp/static-lib/"
${CC:-cc} -std=c11 -Wall -Werror $nofdt $(pc --cflags) "$tmp/consumer.c" \
	-L"$tmp/static-lib" $(pc --static --libs) -o "$tmp/static" ||
	bad "static build through pkg-config --static failed"
if [ -x "$tmp/static" ]; then
	ldd "$tmp/static" 2>/dev/null | grep -q libframetable &&
		bad "the static consumer still needs libframetable.so"
	"$tmp/static" | grep -q '^ok ' || bad "the static consumer did not run"
fi
exit $fail
