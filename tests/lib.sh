# SPDX-License-Identifier: BSD-2-Clause
# Sourced by the shell tests (`. "${srcdir:-.}/tests/lib.sh"`): the tools
# under test, a scratch directory removed on exit, and the checks they
# share. FTPLAN, FTDTB and srcdir come from `make check`
# (AM_TESTS_ENVIRONMENT); the defaults serve a run by hand in build/tools.
# A test sets fail=1 through bad() and ends with `exit $fail`; 99 is a
# hard error (a tool missing), never a skip.
FTPLAN=${FTPLAN:-./ftplan}
FTDTB=${FTDTB:-./ftdtb}
srcdir=${srcdir:-.}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0

bad() {
	echo "FAIL: $*" >&2
	fail=1
}

# need TOOL PACKAGE: stop with 99 when TOOL is not installed.
need() {
	command -v "$1" >/dev/null 2>&1 && return
	echo "ERROR: $1 not found; install the Debian package $2" \
		"(scripts/setup.sh does)" >&2
	exit 99
}

# printable FILE...: true when every byte is printable ASCII, a tab or a
# newline; otherwise says which file holds what.
printable() {
	for f; do
		n=$(LC_ALL=C tr -d '\t\n\040-\176' <"$f" | wc -c)
		if [ "$n" -ne 0 ]; then
			echo "$f: $n byte(s) not printable:" \
				"$(LC_ALL=C tr -d '\t\n\040-\176' <"$f" |
					od -An -tx1 | head -n 2)" >&2
			return 1
		fi
	done
}

# dtb NAME: compile $tmp/NAME.dts into $tmp/NAME.dtb with dtc.
dtb() {
	dtc -q -I dts -O dtb -o "$tmp/$1.dtb" "$tmp/$1.dts" ||
		{ bad "dtc failed on $1.dts"; exit 1; }
}
