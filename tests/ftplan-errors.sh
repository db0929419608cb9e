#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# ftplan rejects bad memory maps with exit status 1, nothing on stdout, and
# a message on stderr that names the problem and its culprit; every kind of
# bad input gets its own message.
FTPLAN=${FTPLAN:-./ftplan}
srcdir=${srcdir:-.}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

bad() {
	echo "FAIL: $*" >&2
	fail=1
}

# expect NAME PATTERN... -- ARGS: run ftplan ARGS, want exit 1, empty
# stdout, and every PATTERN (fixed strings) on stderr.
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
	"$FTPLAN" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	rc=$?
	[ $rc -eq 1 ] || bad "$name: exit status $rc, want 1"
	[ -s "$tmp/$name.out" ] && bad "$name: wrote to stdout"
	while IFS= read -r p; do
		grep -qF -- "$p" "$tmp/$name.err" ||
			bad "$name: stderr lacks '$p': $(cat "$tmp/$name.err")"
	done <"$pats"
	grep -q '^ftplan: ' "$tmp/$name.err" ||
		bad "$name: message not prefixed 'ftplan: '"
	head -n 1 "$tmp/$name.err" >>"$tmp/first-lines"
}

dtb() { # dtb NAME: $tmp/NAME.dts -> $tmp/NAME.dtb
	dtc -q -I dts -O dtb -o "$tmp/$1.dtb" "$tmp/$1.dts" ||
		{ bad "dtc failed on $1.dts"; exit 1; }
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
expect truncated-dtb "malformed device tree" "trunc.dtb" -- "$tmp/trunc.dtb"

# The FDT magic, then garbage.
{
	printf '\320\015\376\355'
	head -c 252 /dev/zero | tr '\000' '\252'
} >"$tmp/garbage.dtb"
expect garbage-dtb "malformed device tree" "libfdt:" -- "$tmp/garbage.dtb"

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

# --- bank lists ---
printf 'memory 0x80000000 0x80000000\nmemory 0xc0000000 0x80000000\n' \
	>"$tmp/overlap.banks"
expect overlap "banks overlap" "overlap.banks:1:" "overlap.banks:2:" \
	"[0x80000000, 0x100000000)" "[0xc0000000, 0x140000000)" \
	-- "$tmp/overlap.banks"

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

printf '# board: broken\nmemory 0x80000000 0x80000000\nmemroy 0x0 0x1000\n' \
	>"$tmp/syntax.banks"
expect syntax "syntax.banks:3: malformed line" "memroy 0x0 0x1000" \
	-- "$tmp/syntax.banks"

: >"$tmp/empty.banks"
expect empty "no RAM banks" -- "$tmp/empty.banks"

# A multi-GiB board in a 1 MiB window.
expect window "frametable larger than its virtual window" \
	"the window has 0x100000 (1 MiB)" \
	-- --window-size 1M "$srcdir/boards/nvidia-jetson-tx2.banks"

# Page-sized descriptors: the frametable is as big as RAM, so the boot
# allocator cannot hold it.
expect nomem "boot allocator ran dry" "chunk " "in one piece" \
	-- --desc-size 4096 "$srcdir/boards/rockchip-rk3588-evb7.banks"

expect missing-file "No such file or directory" -- "$tmp/does-not-exist"

# Each problem reads differently.
dups=$(sed 's/^ftplan: [^ ]*: //' "$tmp/first-lines" | sort | uniq -d)
[ -z "$dups" ] || bad "messages not distinct: $dups"

exit $fail
