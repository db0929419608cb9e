#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Planning cost against the size of the map: instructions executed by
# ft_plan() (valgrind --tool=callgrind --toggle-collect=ft_plan, so set-up
# and bank declaration are not counted) for 1, 16, 256 and 4096 banks
# spread over physical spans of 2^32, 2^40, 2^48 and 2^52 bytes, with PDX
# auto and PDX none (tools/scaling.c builds the maps). Prints a table and,
# per bank count, the growth from 2^40 to 2^52; checks that with PDX auto
# it stays under 2x (issue 5).
#
# Usage: tools/scaling.sh [FTSCALE]   (default: $FTSCALE, else ./tools/ftscale)
#   SCALING_ANNOTATE=1  also print callgrind_annotate's per-function counts
#                       for the largest map of each mode.
# Exit: 0 when PDX auto grows < 2x for every bank count, 1 when not,
# 77 when valgrind is missing.
set -u

ftscale=${1:-${FTSCALE:-./tools/ftscale}}
banks_list=${SCALING_BANKS:-"1 16 256 4096"}
spans=${SCALING_SPANS:-"32 40 48 52"}
modes="auto none"

if ! command -v valgrind >/dev/null 2>&1; then
    echo "scaling: valgrind not found; skipped" >&2
    exit 77
fi
if [ ! -x "$ftscale" ]; then
    echo "scaling: $ftscale is not built" >&2
    exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ftscale.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# Instructions of ft_plan() for one map: the "totals:" line of callgrind.
count() { # mode banks span
    out="$tmp/cg.$1.$2.$3"
    if ! valgrind --tool=callgrind --toggle-collect=ft_plan \
        --callgrind-out-file="$out" "$ftscale" --pdx "$1" "$2" "$3" \
        >"$tmp/plan.$1.$2.$3" 2>"$tmp/vg.$1.$2.$3"; then
        echo "FAIL"
        return
    fi
    # 0 means ft_plan() never ran in this process: e.g. a libtool wrapper
    # script, whose child valgrind does not follow (link ftscale -static).
    awk '/^totals:/ && $2 > 0 { print $2; found = 1 } END { if (!found) print "FAIL" }' "$out"
}

status=0
printf 'ft_plan() instructions (callgrind), arm64 4K, 2 GiB of RAM in N equal banks\n'
for mode in $modes; do
    printf '\nPDX %s\n' "$mode"
    printf '  %6s' banks
    for s in $spans; do printf ' %14s' "2^$s"; done
    printf ' %10s %s\n' "2^40->52" "pdx chosen at 2^40 / 2^52"
    for n in $banks_list; do
        printf '  %6s' "$n"
        c40=; c52=
        for s in $spans; do
            c=$(count "$mode" "$n" "$s")
            printf ' %14s' "$c"
            [ "$s" = 40 ] && c40=$c
            [ "$s" = 52 ] && c52=$c
        done
        if [ -n "$c40" ] && [ -n "$c52" ] && [ "$c40" != FAIL ] && [ "$c52" != FAIL ]; then
            g=$(awk -v a="$c40" -v b="$c52" 'BEGIN { printf "%.2fx", b / a }')
            over=$(awk -v a="$c40" -v b="$c52" 'BEGIN { print (b >= 2 * a) ? 1 : 0 }')
            [ "$mode" = auto ] && [ "$over" = 1 ] && status=1
        else
            g=-
            [ "$mode" = auto ] && status=1
        fi
        p40=$(awk '{ print $6 }' "$tmp/plan.$mode.$n.40" 2>/dev/null)
        p52=$(awk '{ print $6 }' "$tmp/plan.$mode.$n.52" 2>/dev/null)
        printf ' %10s %s / %s\n' "$g" "${p40:--}" "${p52:--}"
    done
done

if [ "${SCALING_ANNOTATE:-0}" = 1 ]; then
    last_n=$(echo $banks_list | awk '{ print $NF }')
    last_s=$(echo $spans | awk '{ print $NF }')
    for mode in $modes; do
        printf '\nPer function, PDX %s, %s banks, span 2^%s:\n' "$mode" "$last_n" "$last_s"
        callgrind_annotate --inclusive=no "$tmp/cg.$mode.$last_n.$last_s" 2>/dev/null |
            awk '/file:function/ { on = 1; next } on && NF { print "  " $0 }' | head -12
    done
fi

echo
if [ $status = 0 ]; then
    echo "PDX auto grows < 2x from 2^40 to 2^52 for every bank count: yes"
else
    echo "PDX auto grows < 2x from 2^40 to 2^52 for every bank count: no"
fi
exit $status
