#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# ftplan --arch arm-mpu stays within 1.02x of the physical limit on every
# board of boards/ (docs/arm-mpu.md: the packed offset PDX of identity
# arches), and its report shows the table under PDX none, mask (Xen),
# offset (Xen) and this plan, none of them below this plan, and its dense
# figure without PDX is the PDX none array (page rounded, no blocks).
. "${srcdir:-.}/tests/lib.sh"
FT_BOARDS_DIR=${FT_BOARDS_DIR:-$srcdir/boards}
n=0
for b in "$FT_BOARDS_DIR"/*.banks; do
	name=$(basename "$b" .banks)
	"$FTPLAN" --arch arm-mpu --no-place "$b" >"$tmp/out" 2>"$tmp/err" || {
		bad "$name: ftplan exit $?: $(cat "$tmp/err")"
		continue
	}
	n=$((n + 1))
	awk -v board="$name" '
		$1 == "allocated" { alloc = $2 }
		/physical limit/ { limit = $3 }
		$1 == "without" && $2 == "PDX" { nopdx = $3 }
		/^identity table by PDX scheme/ { on = 1; next }
		on && NF == 0 { on = 0 }
		on && $0 ~ /bytes/ {
			for (i = 1; i <= NF; i++)
				if ($(i + 1) == "bytes") { v = $i; break }
			if ($0 ~ /this plan/) plan = v; else other[++k] = v
			if ($1 == "PDX" && $2 == "none") none = v
		}
		END {
			r = alloc / limit
			printf "%-32s %.4fx limit\n", board, r
			if (r > 1.02) print "BAD " board " allocated " r "x the limit"
			if (plan != alloc) print "BAD " board " this plan " plan " != allocated " alloc
			if (k != 3) print "BAD " board " " k " scheme lines, want 3"
			if (none != "" && nopdx != none)
				print "BAD " board " dense without PDX " nopdx " != PDX none " none
			for (i = 1; i <= k; i++)
				if (other[i] < plan) print "BAD " board " a Xen scheme below this plan"
		}' "$tmp/out" >"$tmp/res"
	grep -v '^BAD ' "$tmp/res"
	sed -n 's/^BAD //p' "$tmp/res" >"$tmp/bad"
	while read -r line; do
		bad "$line"
	done <"$tmp/bad"
done
[ "$n" -gt 0 ] || bad "no boards in $FT_BOARDS_DIR"
exit $fail
