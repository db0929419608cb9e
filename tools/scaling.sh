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
# Then, for 1k, 4k, 16k and 64k banks over 2^52 (issue 8): the wall time of
# ftplan end to end on that map (read, plan, place, print; best of 3), the
# instructions ft_place() executes (--toggle-collect=ft_place), each with
# its growth per 4x banks. ft_place sorts the chunks, so n log n predicts
# 4 * log(4n) / log(n) per 4x (about 4.5x); picking the largest chunk by
# a scan per chunk, as it once did, grows 16x. Checks it stays under 8x.
#
# Usage: tools/scaling.sh [FTSCALE]   (default: $FTSCALE, else ./tools/ftscale)
#   FTPLAN              the planner to time (default ./tools/ftplan)
#   SCALING_ANNOTATE=1  also print callgrind_annotate's per-function counts
#                       for the largest map of each mode.
# Exit: 0 when PDX auto grows < 2x for every bank count and ft_place < 8x
# per 4x banks, 1 when not, 77 when valgrind is missing.
set -u

ftscale=${1:-${FTSCALE:-./tools/ftscale}}
ftplan=${FTPLAN:-./tools/ftplan}
banks_list=${SCALING_BANKS:-"1 16 256 4096"}
spans=${SCALING_SPANS:-"32 40 48 52"}
place_banks=${SCALING_PLACE_BANKS:-"1024 4096 16384 65536"}
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

# Instructions of FN (ft_plan by default) for one map: the "totals:" line
# of callgrind.
count() { # mode banks span [fn [ftscale option]]
    fn=${4:-ft_plan}
    out="$tmp/cg.$fn.$1.$2.$3"
    if ! valgrind --tool=callgrind --toggle-collect="$fn" \
        --callgrind-out-file="$out" "$ftscale" --pdx "$1" ${5:-} "$2" "$3" \
        >"$tmp/plan.$1.$2.$3" 2>"$tmp/vg.$1.$2.$3"; then
        echo "FAIL"
        return
    fi
    # 0 means FN never ran in this process: e.g. a libtool wrapper
    # script, whose child valgrind does not follow (link ftscale -static).
    awk '/^totals:/ && $2 > 0 { print $2; found = 1 } END { if (!found) print "FAIL" }' "$out"
}

# Wall seconds of ftplan on the banks file $1, the best of 3 runs (the
# host is shared: the best is the least disturbed), or FAIL.
wall() {
    best=
    for run in 1 2 3; do
        t0=$(date +%s%N)
        "$ftplan" --pa-bits 52 --window-size 0x4000000000000000 "$1" \
            >/dev/null 2>"$tmp/ftplan.err" || { echo FAIL; return; }
        t1=$(date +%s%N)
        [ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ] && best=$((t1 - t0))
    done
    awk -v t="$best" 'BEGIN { printf "%.3f", t / 1e9 }'
}

# "b / a" as "N.NNx", or "-" when either is missing.
growth() {
    case "$1$2" in *FAIL*) echo - ; return ;; esac
    [ -n "$1" ] && [ -n "$2" ] || { echo - ; return; }
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", b / a }'
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
        callgrind_annotate --inclusive=no "$tmp/cg.ft_plan.$mode.$last_n.$last_s" 2>/dev/null |
            awk '/file:function/ { on = 1; next } on && NF { print "  " $0 }' | head -12
    done
fi

printf '\nftplan end to end (wall seconds, best of 3) and ft_place() instructions\n'
printf '(callgrind), arm64 4K, 2 GiB of RAM in N equal banks over 2^52, PDX auto\n'
printf '  %6s %10s %8s %14s %8s %10s\n' banks "ftplan s" "x per 4x" "ft_place" \
    "x per 4x" "n log n"
# A libtool wrapper may relink its program on the first run: not timed.
"$ftplan" --version >/dev/null 2>&1
place_ok=yes prev_n= prev_t= prev_c=
for n in $place_banks; do
    if "$ftscale" --banks-file "$n" 52 >"$tmp/banks.$n" 2>"$tmp/gen.$n"; then
        t=$(wall "$tmp/banks.$n")
    else
        t=FAIL
    fi
    c=$(count auto "$n" 52 ft_place --place)
    gt=- gc=- nlogn=-
    if [ -n "$prev_n" ] && [ $((prev_n * 4)) = "$n" ]; then
        gt=$(growth "$prev_t" "$t")
        gc=$(growth "$prev_c" "$c")
        nlogn=$(awk -v n="$prev_n" 'BEGIN { printf "%.2fx", 4 * log(4 * n) / log(n) }')
        [ "$gc" = - ] && place_ok=no
        [ "$gc" != - ] && [ "$(awk -v g="${gc%x}" 'BEGIN { print (g >= 8) }')" = 1 ] &&
            place_ok=no
    fi
    [ "$c" = FAIL ] && place_ok=no
    printf '  %6s %10s %8s %14s %8s %10s\n' "$n" "$t" "$gt" "$c" "$gc" "$nlogn"
    prev_n=$n prev_t=$t prev_c=$c
done

if [ "${SCALING_ANNOTATE:-0}" = 1 ]; then
    printf '\nPer function, ft_place, %s banks, span 2^52:\n' "$prev_n"
    callgrind_annotate --inclusive=no "$tmp/cg.ft_place.auto.$prev_n.52" 2>/dev/null |
        awk '/file:function/ { on = 1; next } on && NF { print "  " $0 }' | head -8
fi

echo
if [ $status = 0 ]; then
    echo "PDX auto grows < 2x from 2^40 to 2^52 for every bank count: yes"
else
    echo "PDX auto grows < 2x from 2^40 to 2^52 for every bank count: no"
fi
echo "ft_place grows < 8x per 4x banks (n log n, not n^2): $place_ok"
[ $place_ok = yes ] || status=1
exit $status
