#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The shared library exports exactly what the installed headers declare:
# every function they name and the arch descriptions, nothing of lib/'s
# internals (lib/frametable.map is the version script).
. "${srcdir:-.}/tests/lib.sh"
need nm binutils
so=${FT_LIB_SHARED:-../lib/.libs/libframetable.so}
[ -f "$so" ] || { echo "ERROR: $so not built" >&2; exit 99; }
printf '#include <frametable/frametable.h>\n#include <frametable/bootalloc.h>\n' \
	>"$tmp/all.c"
${CC:-cc} -E -P -I"$srcdir/include" "$tmp/all.c" >"$tmp/all.i" ||
	{ echo "ERROR: cannot preprocess the public headers" >&2; exit 99; }
# The inline functions of the headers (frametable/hot.h, ft_env.h) are
# not symbols: left out of the declared list.
tr '\n' ' ' <"$tmp/all.i" |
	grep -oE 'static inline [A-Za-z_ 0-9]*[ *]ft_[a-z0-9_]+[[:space:]]*\(' |
	grep -oE 'ft_[a-z0-9_]+' | sort -u >"$tmp/inline"
{
	grep -oE '\bft_[a-z0-9_]+[[:space:]]*\(' "$tmp/all.i" |
		sed 's/[[:space:]]*($//' | grep -vxF -f "$tmp/inline"
	tr '\n' ' ' <"$tmp/all.i" | grep -oE 'extern const struct ft_arch[^;]*;' |
		grep -oE 'ft_arch_[a-z0-9_]+'
} | sort -u >"$tmp/declared"
# Configured --without-libfdt: the DTB reader is left out of the library.
if [ "${FT_HAVE_LIBFDT:-yes}" = no ]; then
	grep -vx ft_add_fdt "$tmp/declared" >"$tmp/declared.nofdt"
	mv "$tmp/declared.nofdt" "$tmp/declared"
fi
nm -D --defined-only "$so" | awk '$2 ~ /^[TDRB]$/ {sub(/@.*/, "", $3); print $3}' | sort -u \
	>"$tmp/exported"
[ -s "$tmp/declared" ] || bad "no declaration found in the public headers"
extra=$(comm -13 "$tmp/declared" "$tmp/exported" | tr '\n' ' ')
missing=$(comm -23 "$tmp/declared" "$tmp/exported" | tr '\n' ' ')
[ -z "$extra" ] || bad "exported but not declared in a public header: $extra"
[ -z "$missing" ] || bad "declared but not exported: $missing"
echo "$(wc -l <"$tmp/exported") symbols exported, all declared"
exit $fail
