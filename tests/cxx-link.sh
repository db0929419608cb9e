#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# A C++ program includes every public header and links against the library:
# the headers carry extern "C" guards, so the C symbols are found.
. "${srcdir:-.}/tests/lib.sh"
need g++ g++
cat >"$tmp/consumer.cc" <<'CC'
#include <frametable/frametable.h>
#include <frametable/bootalloc.h>
#include <cstdio>
#include <cstring>

int main()
{
	struct ft_params p;
	ft_params_default(&p);
	const struct ft_arch *a = ft_arch_find("arm64", "4k");
	if (!a || p.desc_size == 0)
		return 1;
	if (std::strcmp(ft_strerror(-FT_ERR_NOMEM), "boot allocator ran dry"))
		return 1;
	std::puts("ok");
	return 0;
}
CC
lib=${FT_LIB_ARCHIVE:-../lib/.libs/libframetable.a}
[ -f "$lib" ] || { echo "ERROR: $lib not built" >&2; exit 99; }
g++ -std=c++11 -Wall -Wextra -Werror -I"$srcdir/include" \
	"$tmp/consumer.cc" "$lib" ${FDT_LIBS:-} -o "$tmp/consumer" ||
	bad "a C++ program does not compile or link against the library"
[ -x "$tmp/consumer" ] && { "$tmp/consumer" | grep -qx ok ||
	bad "the C++ program did not print ok"; }
exit $fail
