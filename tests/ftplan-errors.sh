#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# ftplan rejects bad memory maps with exit status 1, nothing on stdout, and
# a message on stderr that names the problem and its culprit; every kind of
# bad input gets its own message, and no byte of the input reaches either
# stream unescaped. Every fuzz regression input gets a clear answer, never
# a crash or a hang.
. "${srcdir:-.}/tests/lib.sh"
need python3 python3

# expect NAME PATTERN... -- ARGS: run ftplan ARGS, want exit 1 within a
# minute, empty stdout, every PATTERN (fixed strings) on stderr, and only
# printable bytes on both.
expect() {
	name=$1
	shift
	pats=$tmp/$name.pats
	: >"$pats"
	while [ "$1" != "--" ]; do
		printf '%s\n' "$1" >>"$pats"
		shift
	done
	shift
	timeout 60 "$FTPLAN" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	rc=$?
	[ $rc -ne 124 ] || bad "$name: ftplan hung (killed after 60 s)"
	[ $rc -eq 1 ] || bad "$name: exit status $rc, want 1"
	[ -s "$tmp/$name.out" ] && bad "$name: wrote to stdout"
	while IFS= read -r p; do
		grep -qF -- "$p" "$tmp/$name.err" ||
			bad "$name: stderr lacks '$p': $(cat "$tmp/$name.err")"
	done <"$pats"
	grep -q '^ftplan: ' "$tmp/$name.err" ||
		bad "$name: message not prefixed 'ftplan: '"
	printable "$tmp/$name.out" "$tmp/$name.err" ||
		bad "$name: a byte that is not printable reached the output"
	head -n 1 "$tmp/$name.err" >>"$tmp/first-lines"
}

# --- device trees ---
cat >"$tmp/good.dts" <<'DTS'
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	memory@80000000 {
		device_type = "memory";
		reg = <0x0 0x80000000 0x0 0x80000000>;
	};
	memory@800000000 {
		device_type = "memory";
		reg = <0x8 0x00000000 0x0 0x80000000>;
	};
};
DTS
dtb good
"$FTPLAN" "$tmp/good.dtb" >/dev/null || bad "good.dtb: rejected"

head -c 100 "$tmp/good.dtb" >"$tmp/trunc.dtb"
expect truncated-dtb "malformed device tree: truncated" "trunc.dtb" \
	-- "$tmp/trunc.dtb"

# The FDT magic, then garbage.
{
	printf '\320\015\376\355'
	head -c 252 /dev/zero | tr '\000' '\252'
} >"$tmp/garbage.dtb"
expect garbage-dtb "garbage.dtb: malformed device tree: " \
	-- "$tmp/garbage.dtb"

# The regression blobs that once crashed (SIGSEGV) and hung libfdt 1.6.1's
# fdt_check_full: the library's own check says why, and ftplan never hands
# the refused blob to libfdt again.
regr=$srcdir/tests/fuzz/regressions
expect dtb-version-3 "malformed device tree: version below 16" \
	-- "$regr/dtb/fdt-v3-root-name-null.dtb"
expect dtb-length-wraps "malformed device tree: structure block: a tag" \
	"does not move forward" "(at byte 0x" \
	-- "$regr/dtb/prop-length-wraps-offset.dtb"

# A DTB whose magic is wrong is binary, not a bank list: refused as
# neither, its bytes never echoed.
cp "$tmp/good.dtb" "$tmp/badmagic.dtb"
printf '\336\255\276\357' | dd of="$tmp/badmagic.dtb" conv=notrunc 2>/dev/null
expect bad-magic "badmagic.dtb: neither a DTB nor a bank list" \
	"byte '\x00' at offset 4 is not text" -- "$tmp/badmagic.dtb"
{
	printf 'GARBAGE\001'
	head -c 512 /dev/urandom
} >"$tmp/random.bin"
expect random-binary "random.bin: neither a DTB nor a bank list" \
	"byte '\x01' at offset 7 is not text" -- "$tmp/random.bin"

cat >"$tmp/nomem.dts" <<'DTS'
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	chosen { };
};
DTS
dtb nomem
expect dtb-no-memory "device tree has no memory node" -- "$tmp/nomem.dtb"

cat >"$tmp/cells.dts" <<'DTS'
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	memory@80000000 {
		device_type = "memory";
		reg = <0x0 0x80000000 0x80000000>;
	};
};
DTS
dtb cells
expect dtb-bad-cells "bad #address-cells, #size-cells or reg length" \
	"node /memory@80000000" -- "$tmp/cells.dtb"

cat >"$tmp/dtboverlap.dts" <<'DTS'
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	memory@80000000 {
		device_type = "memory";
		reg = <0x0 0x80000000 0x0 0x80000000>;
	};
	memory@c0000000 {
		device_type = "memory";
		reg = <0x0 0xc0000000 0x0 0x80000000>;
	};
};
DTS
dtb dtboverlap
expect dtb-overlap "banks overlap" "node /memory@80000000" \
	"node /memory@c0000000" "[0x80000000, 0x100000000)" \
	"[0xc0000000, 0x140000000)" -- "$tmp/dtboverlap.dtb"

# Duplicates name both culprits: two nodes, or two entries of one reg.
cat >"$tmp/dtbdup.dts" <<'DTS'
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	memory@80000000 {
		device_type = "memory";
		reg = <0x0 0x80000000 0x0 0x80000000>;
	};
	memory@80000000-again {
		device_type = "memory";
		reg = <0x0 0x80000000 0x0 0x80000000>;
	};
};
DTS
dtb dtbdup
expect dtb-duplicate "dtbdup.dtb: node /memory@80000000: banks overlap:" \
	"the same bank twice" \
	"dtbdup.dtb: node /memory@80000000-again: the same bank again" \
	-- "$tmp/dtbdup.dtb"
cat >"$tmp/regdup.dts" <<'DTS'
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	memory@80000000 {
		device_type = "memory";
		reg = <0x0 0x80000000 0x0 0x80000000
		       0x0 0x80000000 0x0 0x80000000>;
	};
};
DTS
dtb regdup
expect reg-duplicate "node /memory@80000000, reg entry 0: banks overlap" \
	"node /memory@80000000, reg entry 1: the same bank again" \
	-- "$tmp/regdup.dtb"

# A node name holding an escape sequence reaches stderr escaped.
python3 - "$tmp/cells.dtb" "$tmp/escname.dtb" <<'PY'
import sys
blob = open(sys.argv[1], "rb").read()
blob = blob.replace(b"memory@80000000", b"memory@\x1b[31m000", 1)
open(sys.argv[2], "wb").write(blob)
PY
expect escaped-node-name "bad #address-cells, #size-cells or reg length" \
	"node /memory@\x1b[31m000" -- "$tmp/escname.dtb"

# --- bank lists ---
printf 'memory 0x80000000 0x80000000\nmemory 0xc0000000 0x80000000\n' \
	>"$tmp/overlap.banks"
expect overlap "banks overlap" "overlap.banks:1:" "overlap.banks:2:" \
	"[0x80000000, 0x100000000)" "[0xc0000000, 0x140000000)" \
	-- "$tmp/overlap.banks"

printf 'memory 0x80000000 0x1000\n# again\nmemory 0x80000000 0x1000\n' \
	>"$tmp/dup.banks"
expect duplicate "dup.banks:1: banks overlap: the same bank twice" \
	"dup.banks:3: the same bank again" -- "$tmp/dup.banks"

printf 'memory 0x80000800 0x80000000\n' >"$tmp/unaligned.banks"
expect unaligned "bank edge not aligned to the page granule" \
	"unaligned.banks:1:" "base 0x80000800 size 0x80000000" \
	-- "$tmp/unaligned.banks"

printf 'memory 0x40000000 0x1000\nmemory 0x80000000 0x0\n' >"$tmp/zero.banks"
expect zero "bank of size zero" "zero.banks:2:" \
	"base 0x80000000 size 0x0" -- "$tmp/zero.banks"

printf 'memory 0x80000000 0x80000000\nmemory 0x10000000000 0x1000\n' \
	>"$tmp/beyond.banks"
expect beyond-pa "bank beyond the physical address width" "beyond.banks:2:" \
	"base 0x10000000000 size 0x1000" "--pa-bits 40" \
	-- --pa-bits 40 "$tmp/beyond.banks"

# Its end wraps to 0x1000, inside any width: the wrap is the problem.
printf 'memory 0x80000000 0x1000\nmemory 0xfffffffffffff000 0x2000\n' \
	>"$tmp/wrap.banks"
expect wraps "wrap.banks:2: bank wraps past 2^64" \
	"base + size = 0x10000000000001000, which does not fit in 64 bits" \
	-- "$tmp/wrap.banks"
grep -q 'beyond 2^' "$tmp/wraps.err" && bad "wraps: said beyond the width"

printf '# board: broken\nmemory 0x80000000 0x80000000\nmemroy 0x0 0x1000\n' \
	>"$tmp/syntax.banks"
expect syntax "syntax.banks:3: malformed line" "memroy 0x0 0x1000" \
	-- "$tmp/syntax.banks"

printf 'memory 0x0 0x1000\n\000memory 0x100000 0x1000\n' >"$tmp/nul.banks"
expect nul-byte "nul.banks:2: NUL byte at column 1" '\x00memory' \
	-- "$tmp/nul.banks"

printf 'memory 0x0 0x1000\nmemory \033[31m 0x1000\n' >"$tmp/ctl.banks"
expect control-byte "ctl.banks:2: byte '\x1b' at column 8 is not text" \
	'memory \x1b[31m 0x1000' -- "$tmp/ctl.banks"

printf 'memory 0x0 0x1000 \303\274\n' >"$tmp/utf8.banks"
expect trailing "utf8.banks:1: malformed line: unexpected '\xc3\xbc'" \
	-- "$tmp/utf8.banks"

printf 'memory 010 0x1000\n' >"$tmp/octal.banks"
expect leading-zero "octal.banks:1: bad BASE '010': leading zeros are" \
	-- "$tmp/octal.banks"

: >"$tmp/empty.banks"
expect empty "no RAM banks" -- "$tmp/empty.banks"

# A multi-GiB board in a 1 MiB window.
expect window "frametable larger than its virtual window" \
	"the window has 0x100000 (1 MiB)" \
	-- --window-size 1M "$srcdir/boards/nvidia-jetson-tx2.banks"

# Two 64 KiB banks at 64K granule: the window has room, but every plan has
# a chunk larger than either bank. The error says so, not "window".
printf 'memory 0x80000000 0x10000\nmemory 0x88000000 0x10000\n' \
	>"$tmp/tiny64k.banks"
expect chunk-too-big "a chunk is larger than any bank can hold" \
	"the largest bank has 0x10000 (64 KiB)" \
	-- --granule 64k "$tmp/tiny64k.banks"

# Page-sized descriptors: the frametable is as big as RAM, so the boot
# allocator cannot hold it.
expect nomem "boot allocator ran dry" "chunk " "in one piece" \
	-- --desc-size 4096 "$srcdir/boards/rockchip-rk3588-evb7.banks"

expect missing-file "No such file or directory" -- "$tmp/does-not-exist"

# Every regression input of every fuzz target, given to ftplan as a file:
# an answer (a plan, or a refusal with status 1) within the timeout, never
# a crash, a hang or a byte that is not printable.
find "$regr" -type f | sort >"$tmp/regressions"
[ -s "$tmp/regressions" ] || bad "no regression inputs under $regr"
while IFS= read -r f; do
	timeout 60 "$FTPLAN" "$f" >"$tmp/r.out" 2>"$tmp/r.err"
	rc=$?
	case $rc in
	0 | 1) ;;
	124) bad "$f: ftplan hung (killed after 60 s)" ;;
	*) bad "$f: ftplan exit status $rc: $(tail -n 3 "$tmp/r.err")" ;;
	esac
	printable "$tmp/r.out" "$tmp/r.err" || bad "$f: unprintable output"
done <"$tmp/regressions"

# Each problem reads differently.
dups=$(sed 's/^ftplan: [^ ]*: //' "$tmp/first-lines" | sort | uniq -d)
[ -z "$dups" ] || bad "messages not distinct: $dups"

exit $fail
