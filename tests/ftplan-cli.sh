#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# ftplan's command line: --help and --version succeed; usage errors exit 2
# with a message that says what was wrong (unknown --arch: the valid ones).
. "${srcdir:-.}/tests/lib.sh"
board=$srcdir/boards/qemu-virt-arm64.banks

# want STATUS PATTERN STREAM -- ARGS: ftplan ARGS exits STATUS and prints
# PATTERN (a fixed string) on STREAM (out or err).
want() {
	status=$1 pat=$2 stream=$3
	shift 4
	"$FTPLAN" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq "$status" ] || bad "ftplan $*: exit status $rc, want $status"
	grep -qF -- "$pat" "$tmp/$stream" ||
		bad "ftplan $*: std$stream lacks '$pat': $(cat "$tmp/$stream")"
	printable "$tmp/out" "$tmp/err" || bad "ftplan $*: unprintable output"
}

want 0 "Usage: ftplan [OPTIONS] FILE" out -- --help
want 0 "--window-base" out -- --help
want 0 "Usage: ftplan" out -- -h
want 0 "ftplan (frametable) " out -- --version
version=$("$FTPLAN" --version)
echo "$version" | grep -Eq '^ftplan \(frametable\) [0-9]+\.[0-9]+\.[0-9]+$' ||
	bad "--version prints '$version'"

want 2 "unknown option '--frobnicate'" err -- --frobnicate "$board"
want 2 "unknown option '-z'" err -- -z "$board"
want 2 "needs a value" err -- "$board" --arch
want 2 "no input FILE" err --
want 2 "more than one FILE" err -- "$board" "$board"

want 2 "unknown arch 'sparc'" err -- --arch sparc "$board"
for a in "arm64 (4k, 16k, 64k)" \
	"riscv64 (sv39, sv48, sv39-nonapot, sv48-nonapot)" arm-mpu \
	"arm32 (4k)"; do
	want 2 "$a" err -- --arch sparc "$board"
done
want 2 "unknown variant '8k' for --arch arm64" err -- --granule 8k "$board"
want 2 "valid arches:" err -- --arch riscv64 --variant 4k "$board"

want 2 "invalid value 'huge' for --desc-size" err -- --desc-size huge "$board"
want 2 "for --pdx:" err -- --pdx squeeze "$board"
want 2 "power of two" err -- --pdx-slots 48 "$board"
want 2 "for --policy:" err -- --policy fastest "$board"
want 2 "for --pa-bits:" err -- --pa-bits 65 "$board"
want 2 "below 9" err -- --group-order 3 "$board"
want 2 "not aligned" err -- --window-base 0x1234 "$board"
want 2 "for --window-size:" err -- --window-size 16X "$board"
want 2 "for --window-size:" err -- --window-size 0x1_0000_0000_0000_0000 "$board"

# An empty value is refused, never read as the default or as a name.
for o in --arch --granule --variant --desc-size --pdx --policy \
	--window-size --svg; do
	want 2 "invalid value '' for $o: the value is empty" err -- \
		"$o" "" "$board"
done
want 2 "invalid value '' for --granule: the value is empty" err -- \
	-g "" "$board"

# Numbers follow the one grammar (docs/ftplan.md, "Numbers"); a refusal
# names the option, the value and why.
want 2 "invalid value '8__0' for --window-size: '_' may only stand between" \
	err -- --window-size 8__0 "$board"
want 2 "invalid value '_80' for --window-size: '_' may only" err -- \
	--window-size _80 "$board"
want 2 "invalid value '010' for --desc-size: leading zeros are refused" err \
	-- --desc-size 010 "$board"
want 2 "invalid value '-1' for --window-base: not a number" err -- \
	--window-base -1 "$board"
want 2 "invalid value '0x' for --window-size: not a number" err -- \
	--window-size 0x "$board"
want 2 "invalid value '1KB' for --window-size: unexpected characters" err \
	-- --window-size 1KB "$board"
want 2 "invalid value '18446744073709551616' for --window-base: larger" err \
	-- --window-base 18446744073709551616 "$board"
want 2 "invalid value '\x1b[1m' for --window-size" err -- \
	--window-size "$(printf '\033[1m')" "$board"
want 2 "unknown arch '\x1b[1m'" err -- --arch "$(printf '\033[1m')" "$board"

# Sizes: hex, '_' separators and suffixes mean the same bytes.
"$FTPLAN" --json --window-size 32G "$board" >"$tmp/a" || bad "32G"
"$FTPLAN" --json --window-size 0x8_0000_0000 "$board" >"$tmp/b" || bad "hex"
"$FTPLAN" --json --window-size 34359738368 "$board" >"$tmp/c" || bad "dec"
{ cmp -s "$tmp/a" "$tmp/b" && cmp -s "$tmp/a" "$tmp/c"; } ||
	bad "32G, 0x8_0000_0000 and 34359738368 differ"
grep -q '"window_size": "0x800000000"' "$tmp/a" || bad "window_size not 32G"

# Options reach the plan.
"$FTPLAN" --json --arch riscv64 --variant sv48 --desc-size 64 --pdx none \
	--policy min-tlb --window-base 0xffffc00000000000 "$board" >"$tmp/j" ||
	bad "riscv64 sv48 run failed"
for f in '"arch": "riscv64"' '"variant": "sv48"' '"desc_size": 64' \
	'"pdx_mode": "none"' '"policy": "min-tlb"' \
	'"window_base": "0xffffc00000000000"'; do
	grep -qF "$f" "$tmp/j" || bad "riscv64 run lacks $f"
done

# The readable report has its sections.
"$FTPLAN" "$board" >"$tmp/r" || bad "report run failed"
for s in "arch          arm64/4k" "banks (" "chunks (" "mappings (" \
	"physical limit" "x limit" "dense layout"; do
	grep -qF "$s" "$tmp/r" || bad "report lacks '$s'"
done

exit $fail
