#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# ftplan with a frametable window at the very top of the address space:
# a window ending at 2^64 gets a plan whose chunks hold every RAM frame's
# descriptor (it used to print one 32 MiB chunk for 56 MiB of descriptors
# and exit 0), descriptors that would reach 2^64 fail with the window
# error, and a window that wraps past 2^64 is a usage error that says so
# (it used to exit 0 with a 0-byte chunk).
FTPLAN=${FTPLAN:-./ftplan}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

bad() {
	echo "FAIL: $*" >&2
	fail=1
}

# 2 GiB at 2 GiB and 2 GiB at 32 GiB: 1048576 frames, 56 MiB of
# descriptors at 4K.
cat >"$tmp/two.banks" <<'EOF'
memory 0x80000000 0x80000000
memory 0x800000000 0x80000000
EOF

# --- a window ending at 2^64: every RAM frame's descriptor in a chunk ---
"$FTPLAN" --window-base 0xfffffffffc000000 --window-size 0x4000000 \
	"$tmp/two.banks" >"$tmp/top.out" 2>"$tmp/top.err"
rc=$?
[ $rc -eq 0 ] || bad "window ending at 2^64: exit $rc: $(cat "$tmp/top.err")"
limit=$(awk '/physical limit/ { print $3 }' "$tmp/top.out")
alloc=$(awk '$1 == "allocated" { print $2 }' "$tmp/top.out")
ghost=$(awk '/ghost descriptors/ { print $3 }' "$tmp/top.out")
[ "$limit" = 58720256 ] || bad "physical limit '$limit', want 58720256"
[ -n "$alloc" ] && [ "$alloc" -ge "$limit" ] 2>/dev/null ||
	bad "allocated '$alloc' bytes, below the limit '$limit'"
[ "${#ghost}" -le 9 ] || bad "ghost descriptors '$ghost' (wrapped?)"
# The chunks' descriptor ranges (pdx start..end) hold both banks' PDXs.
awk '/^chunks/ { on = 1; next } on && /^$/ { on = 0 }
	on && $NF ~ /^0x[0-9a-f]+\.\.0x[0-9a-f]+$/ { print $NF }' \
	"$tmp/top.out" >"$tmp/ranges"
descs=0
while IFS= read -r r; do
	descs=$((descs + ${r#*..} - ${r%%..*}))
done <"$tmp/ranges"
[ "$descs" -ge 1048576 ] ||
	bad "chunks hold $descs descriptors for 1048576 RAM frames"

# --- descriptors reaching 2^64: the window error, never a clipped plan ---
"$FTPLAN" --window-base 0xfffffffffc800000 --window-size 0x3800000 \
	--policy min-memory "$tmp/two.banks" >"$tmp/edge.out" 2>"$tmp/edge.err"
rc=$?
[ $rc -eq 1 ] || bad "descriptors reaching 2^64: exit $rc, want 1"
[ -s "$tmp/edge.out" ] && bad "descriptors reaching 2^64: wrote to stdout"
grep -qF "frametable larger than its virtual window" "$tmp/edge.err" ||
	bad "descriptors reaching 2^64: $(cat "$tmp/edge.err")"

# --- a window that wraps past 2^64: refused, with a message ---
"$FTPLAN" --window-base 0xfffffffffffff000 "$tmp/two.banks" \
	>"$tmp/wrap.out" 2>"$tmp/wrap.err"
rc=$?
[ $rc -eq 2 ] || bad "wrapping window: exit $rc, want 2"
[ -s "$tmp/wrap.out" ] && bad "wrapping window: wrote to stdout"
for p in "ftplan: virtual window wraps past 2^64" "ends past 2^64" \
	"the size can be at most 0x1000"; do
	grep -qF -- "$p" "$tmp/wrap.err" ||
		bad "wrapping window: stderr lacks '$p': $(cat "$tmp/wrap.err")"
done

[ $fail -eq 0 ] && echo "PASS: ftplan-window-top"
exit $fail
