#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# One number grammar for every tool (tools/util.c; docs/ftplan.md,
# "Numbers"): the same string is the same number, or the same refusal for
# the same reason, in ftplan's options, in the bank lists ftplan and ftdtb
# read, and in ftdtb's options. "010" above all: C reads it as 8, people
# mean 10, so every tool refuses it.
. "${srcdir:-.}/tests/lib.sh"
for t in "$FTPLAN" "$FTDTB"; do
	[ -x "$t" ] || {
		echo "ERROR: $t is not an executable" >&2
		exit 99
	}
done
board=$srcdir/boards/qemu-virt-arm64.banks
octal="leading zeros are refused, as C would read the number as octal"

# refused WHAT CMD...: CMD fails, says why on stderr, prints only
# printable bytes.
refused() {
	what=$1
	shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -ne 0 ] || bad "$what: '010' accepted"
	{ grep -qF "'010'" "$tmp/err" && grep -qF "$octal" "$tmp/err"; } ||
		bad "$what: stderr lacks the value or why: $(cat "$tmp/err")"
	printable "$tmp/out" "$tmp/err" || bad "$what: unprintable output"
}

printf 'memory 010 0x1000\n' >"$tmp/octal.banks"
refused "ftplan --window-size" "$FTPLAN" --window-size 010 "$board"
refused "ftplan --desc-size" "$FTPLAN" --desc-size 010 "$board"
refused "a bank list read by ftplan" "$FTPLAN" "$tmp/octal.banks"
refused "ftdtb --ram-base" "$FTDTB" --print-layout --banks "$board" \
	--ram-base 010
refused "ftdtb --min-ram" "$FTDTB" --print-layout --banks "$board" \
	--ram-base 0x40000000 --min-ram 010
refused "ftdtb --reserve" "$FTDTB" --print-layout --banks "$board" \
	--ram-base 0x40000000 --reserve 010:0x1000
refused "a bank list read by ftdtb" "$FTDTB" --print-layout \
	--banks "$tmp/octal.banks" --ram-base 0x40000000

# Five spellings of 1 GiB: a bank of 1 GiB at 1 GiB plans the same in
# ftplan, and lays out the same in ftdtb, whichever is written.
first=
for n in 1G 1073741824 0x40000000 0x4000_0000 1_073_741_824; do
	printf 'memory %s %s\n' "$n" "$n" >"$tmp/$n.banks"
	"$FTPLAN" --json "$tmp/$n.banks" >"$tmp/$n.json" ||
		bad "ftplan refused the bank '$n $n'"
	grep -q '"base": "0x40000000", "size": "0x40000000"' "$tmp/$n.json" ||
		bad "ftplan read '$n' as another number"
	"$FTDTB" --print-layout --banks "$tmp/$n.banks" --ram-base "$n" \
		>"$tmp/$n.layout" || bad "ftdtb refused '$n'"
	if [ -z "$first" ]; then
		first=$n
		[ "$(cat "$tmp/$n.layout")" = "shift=0 mem=1073741824" ] ||
			bad "ftdtb: 1 GiB at 1 GiB: $(cat "$tmp/$n.layout")"
	else
		cmp -s "$tmp/$first.json" "$tmp/$n.json" ||
			bad "ftplan: '$first' and '$n' plan differently"
		cmp -s "$tmp/$first.layout" "$tmp/$n.layout" ||
			bad "ftdtb: '$first' and '$n' lay out differently"
	fi
done

exit $fail
