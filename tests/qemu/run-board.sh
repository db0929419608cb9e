#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# run-board.sh: boot a port's stub in QEMU on a board's memory map and judge
# the result (docs/qemu-tests.md). Automake's LOG_COMPILER for *.qemu:
#
#     run-board.sh path/to/test.qemu
#
# A .qemu file holds a few assignments, one a line:
#     arch=arm64                        port: arch/<arch>/qemu.sh has its hooks
#     granule=4k                        variant of the port (stub-<granule>.elf)
#     board=boards/amd-versal-net-vnx.banks     relative to $srcdir
#     expect=pass                       or expect="error:TEXT", or
#                                       expect=fault with selftest=NAME
#     selftest=stray-load               optional: the DTB asks the stub for
#                                       a deliberate fault (boot/selftest.c)
#     timeout=120                       optional, seconds for QEMU
#     limit_ratio=1.01                  optional: allocated <= ratio x limit
#     pdx=mask                          optional: none, mask, offset or auto
#                                       (default): ftplan --pdx, and the
#                                       guest's through /chosen
#                                       frametable,pdx (set with fdtput)
#
# Environment (the harness sets these; defaults suit a by-hand run from the
# top of a build tree): srcdir (.), FTPLAN (./tools/ftplan), FTDTB
# (./tools/ftdtb), FT_STUB_DIR
# ($FT_TOP_BUILDDIR/arch/<arch dir>, or ./arch/<arch dir>), PYTHON3 (python3),
# QEMU_AARCH64 (qemu-system-aarch64), FT_QEMU_CACHE (./qemu-cache),
# FT_QEMU_OUT (a directory for the artefacts; default: next to the test's
# .log, e.g. tests/qemu/arm64/versal-4k.console).
#
# Exit: 0 pass, 1 fail, 99 hard error (missing QEMU, stub or tool, bad test
# file). Never 77: a QEMU test that cannot run is an error, not a skip.

me=run-board.sh

say() {
    printf '%s\n' "$*"
}

hard() {
    say "ERROR: $me: $*" >&2
    exit 99
}

test $# -eq 1 || hard "usage: $me TEST.qemu"
test_file=$1
test -f "$test_file" || hard "$test_file: no such test file"

srcdir=${srcdir:-.}
FTPLAN=${FTPLAN:-./tools/ftplan}
FTDTB=${FTDTB:-./tools/ftdtb}
PYTHON3=${PYTHON3:-python3}

# ---- the test file ----
cfg_arch=
cfg_granule=
cfg_board=
cfg_expect=
cfg_selftest=
cfg_timeout=120
cfg_limit_ratio=
cfg_pdx=
lineno=0
while IFS= read -r line || test -n "$line"; do
    lineno=$((lineno + 1))
    # Leading blanks, then comments and empty lines.
    line=${line#"${line%%[! 	]*}"}
    case $line in
    '' | '#'*) continue ;;
    *=*) ;;
    *) hard "$test_file:$lineno: expected KEY=VALUE, got: $line" ;;
    esac
    key=${line%%=*}
    val=${line#*=}
    case $val in
    \"*\") val=${val#\"} val=${val%\"} ;;
    \'*\') val=${val#\'} val=${val%\'} ;;
    esac
    case $key in
    arch | granule | board | expect | timeout | limit_ratio | selftest | pdx)
        eval "cfg_$key=\$val"
        ;;
    *) hard "$test_file:$lineno: unknown key '$key'" ;;
    esac
done <"$test_file"

test -n "$cfg_arch" || hard "$test_file: no arch="
test -n "$cfg_board" || hard "$test_file: no board="
expect_fault=
case $cfg_expect in
pass) expect_error= ;;
error:?*) expect_error=${cfg_expect#error:} ;;
fault) expect_error= expect_fault=1 ;;
*) hard "$test_file: expect= must be 'pass', 'error:TEXT' or 'fault'" ;;
esac
case $cfg_selftest in
'') test -z "$expect_fault" || hard "$test_file: expect=fault needs selftest=NAME" ;;
*[!a-z-]*) hard "$test_file: selftest=$cfg_selftest is not a selftest name" ;;
*) test -n "$expect_fault" || hard "$test_file: selftest= goes with expect=fault" ;;
esac
case $cfg_timeout in
'' | *[!0-9]*) hard "$test_file: timeout=$cfg_timeout is not a number of seconds" ;;
esac
case $cfg_limit_ratio in
'' | [0-9]*) ;;
*) hard "$test_file: limit_ratio=$cfg_limit_ratio is not a number" ;;
esac
case $cfg_pdx in
'' | auto) cfg_pdx= ;;
none | mask | offset)
    command -v fdtput >/dev/null 2>&1 ||
        hard "fdtput not found: install the Debian package device-tree-compiler"
    ;;
*) hard "$test_file: pdx=$cfg_pdx is not none, mask, offset or auto" ;;
esac

# ---- arch hooks ----
# A port keeps its QEMU knowledge in arch/<arch>/qemu.sh, sourced here; it
# defines two functions:
#
# port_setup sets
#   qemu          the QEMU binary (from its QEMU_* variable)
#   qemu_pkg      the Debian package that provides it (for the error)
#   granule_dflt  the variant when the test file gives none
#   ram_base      where the machine's RAM starts (the shift rule lifts
#                 banks below it)
#   stub_reserve  BASE:SIZE of guest RAM the stub and the DTB occupy; it
#                 goes to /reserved-memory so that nothing is placed there
#   machine_key   a short name of the machine options, for the DTB cache
#   dtb_max       the most bytes the board DTB may take where it is loaded
#
# port_qemu_args MODE MEM_GIB [OUT_DTB | STUB DTB] prints QEMU's
# arguments, one a line (so paths may hold spaces), for
#   dump  QEMU writes its machine DTB to OUT_DTB and exits
#   run   QEMU boots STUB with the board DTB loaded where the stub reads it
# The machine options must be the same in both modes, so that the dumped
# tree is the tree of the machine the stub runs on. It may call hard.

case $cfg_arch in
'' | *[!a-z0-9-]*) hard "$test_file: arch=$cfg_arch is not a port name" ;;
esac
# The port's directory: arch/<arch>, or arch/<arch without 64>
# (riscv64 lives in arch/riscv).
port_dir=$cfg_arch
test -f "$srcdir/arch/$port_dir/qemu.sh" || port_dir=${cfg_arch%64}
port_sh=$srcdir/arch/$port_dir/qemu.sh
test -f "$port_sh" ||
    hard "$test_file: arch=$cfg_arch: no QEMU hooks ($port_sh; see docs/qemu-tests.md, \"A new port\")"
# shellcheck source=arch/arm64/qemu.sh
. "$port_sh"
port_setup
granule=${cfg_granule:-$granule_dflt}

# ---- what the test needs ----
board_path=$srcdir/$cfg_board
test -f "$board_path" || hard "$board_path: no such board file (board=$cfg_board)"
command -v "$qemu" >/dev/null 2>&1 ||
    hard "$qemu not found: install the Debian package $qemu_pkg (apt-get install $qemu_pkg), or point the QEMU variable at it"
command -v timeout >/dev/null 2>&1 ||
    hard "timeout not found: install the Debian package coreutils"
command -v "$PYTHON3" >/dev/null 2>&1 ||
    hard "$PYTHON3 not found: install the Debian package python3"
test -x "$FTPLAN" || hard "FTPLAN=$FTPLAN is not an executable: build tools/ftplan (make)"
test -x "$FTDTB" || hard "FTDTB=$FTDTB is not an executable: build tools/ftdtb (make)"
stub_dir=${FT_STUB_DIR:-${FT_TOP_BUILDDIR:-.}/arch/$port_dir}
stub=$stub_dir/stub-$granule.elf
test -f "$stub" ||
    hard "$stub: no boot stub for $cfg_arch $granule: configure --enable-targets=$cfg_arch (or all; the cross compiler is listed by configure) and make"
compare=$(dirname "$0")/compare-plan.py
test -f "$compare" || hard "$compare: missing"

# ---- where the artefacts go ----
# Next to the test's .log: the test's path relative to srcdir, in the
# current (build) directory.
rel=${test_file#"$srcdir"/}
rel=${rel#./}
case $rel in
/* | ../*) rel=$(basename "$rel") ;;
esac
rel=${rel%.qemu}
if test -n "${FT_QEMU_OUT:-}"; then
    out=$FT_QEMU_OUT/$(basename "$rel")
    mkdir -p "$FT_QEMU_OUT" || hard "cannot make $FT_QEMU_OUT"
else
    out=$rel
    mkdir -p "$(dirname "$out")" || hard "cannot make $(dirname "$out")"
fi
console=$out.console
board_dtb=$out.dtb
guest_json=$out.guest.json
host_json=$out.host.json
rm -f "$console" "$board_dtb" "$guest_json" "$host_json"

# ---- layout: shift and guest RAM size ----
layout=$("$FTDTB" --print-layout --banks "$board_path" --ram-base "$ram_base") ||
    hard "ftdtb --print-layout failed on $board_path"
case $layout in
shift=*' 'mem=*) ;;
*) hard "ftdtb --print-layout printed '$layout'" ;;
esac
lay_shift=${layout#shift=}
lay_shift=${lay_shift%% *}
lay_mem=${layout##*mem=}
mem_gib=$((lay_mem / 1073741824))
test "$mem_gib" -gt 0 || hard "guest RAM of $lay_mem bytes"

# Split QEMU's arguments one a line into "$@".
qemu_args() {
    port_qemu_args "$@" || hard "$port_sh: port_qemu_args $1 failed"
}

# ---- QEMU's own machine DTB, cached per RAM size ----
cache=${FT_QEMU_CACHE:-qemu-cache}
mkdir -p "$cache" || hard "cannot make $cache"
qver=$("$qemu" --version | sed -n '1s/.*version \([0-9][0-9.]*\).*/\1/p')
base_dtb=$cache/$cfg_arch-$machine_key-${mem_gib}G-qemu${qver:-unknown}.dtb
if ! test -s "$base_dtb"; then
    tmp_dtb=$base_dtb.tmp.$$
    args=$(qemu_args dump "$mem_gib" "$tmp_dtb") || exit 99
    old_ifs=$IFS
    IFS='
'
    set -f
    # shellcheck disable=SC2086 # one argument a line, on purpose
    set -- $args
    set +f
    IFS=$old_ifs
    if ! "$qemu" "$@" </dev/null >"$tmp_dtb.log" 2>&1 || ! test -s "$tmp_dtb"; then
        cat "$tmp_dtb.log" >&2
        rm -f "$tmp_dtb" "$tmp_dtb.log"
        hard "QEMU could not dump its machine DTB: $qemu $*"
    fi
    rm -f "$tmp_dtb.log"
    # Atomic: parallel tests may dump the same size at once.
    mv -f "$tmp_dtb" "$base_dtb" || hard "cannot write $base_dtb"
fi

# ---- the board's DTB: QEMU's tree, memory nodes replaced ----
set --
test -z "$cfg_selftest" || set -- --selftest "$cfg_selftest"
"$FTDTB" --base-dtb "$base_dtb" --banks "$board_path" --shift "$lay_shift" \
    --reserve "$stub_reserve" "$@" -o "$board_dtb" ||
    hard "ftdtb could not make the board DTB"
# A PDX mode other than auto reaches the stub in /chosen (boot/main.c).
if test -n "$cfg_pdx"; then
    fdtput -p -t s "$board_dtb" /chosen frametable,pdx "$cfg_pdx" ||
        hard "fdtput could not set /chosen frametable,pdx in $board_dtb"
fi
dtb_bytes=$(wc -c <"$board_dtb")
test "$dtb_bytes" -le "$dtb_max" ||
    hard "$board_dtb is $dtb_bytes bytes, more than the $dtb_max the stub's DTB slot holds"

say "test:   $test_file ($cfg_arch $granule, expect $cfg_expect)"
say "board:  $cfg_board$(sed -n 's/^# board: */: /p' "$board_path" | head -n 1)"
say "layout: banks shifted up by $lay_shift bytes, guest RAM ${mem_gib} GiB from $ram_base"
say "dtb:    $board_dtb (from $base_dtb)"

# ---- the host's plan for the same DTB ----
host_err=$out.host.err
"$FTPLAN" --arch "$cfg_arch" --granule "$granule" --json --no-place \
    ${cfg_pdx:+--pdx "$cfg_pdx"} "$board_dtb" >"$host_json" 2>"$host_err"
host_rc=$?
host_msg=$(cat "$host_err")
rm -f "$host_err"

# ---- boot ----
args=$(qemu_args run "$mem_gib" "$stub" "$board_dtb") || exit 99
old_ifs=$IFS
IFS='
'
set -f
# shellcheck disable=SC2086 # one argument a line, on purpose
set -- $args
set +f
IFS=$old_ifs
say "qemu:   $qemu $*"
t0=$(date +%s)
timeout -k 10 "$cfg_timeout" "$qemu" "$@" </dev/null >"$console" 2>&1
rc=$?
t1=$(date +%s)
say "qemu exit status $rc after $((t1 - t0)) s; console log: $console"

# The console may end lines with CR LF.
clean=$(tr -d '\r' <"$console")
line_of() {
    printf '%s\n' "$clean" | grep -E "$1" | head -n 1
}

say "---- guest ----"
# FT-TIME, FT-DENSE-TIME, "dense layout" and "boot cost" are figures:
# timings vary from run to run, so they are shown, never judged (only
# FT-TIME's presence is required below).
printf '%s\n' "$clean" | grep -E '^(FT-STUB|FT-SELFTEST|FT-PDX-SIZES|FT-TOTALS|FT-TIME|FT-DENSE-TIME|FT-RESULT|FT-ERROR|FT-FAULT|FT-CHECK|pattern 0x|leaf entries|descriptor bytes zero|ram descriptors checked|ghost descriptors zero|slack bytes poisoned|unmapped gaps probed|holes fault|page-table pages|dense layout|boot cost)' |
    sed 's/^/  /'
say "---- checks ----"

fail=0
bad() {
    say "FAIL: $*"
    fail=1
}

banner=$(line_of '^FT-STUB ')
case $banner in
'') ;;
"FT-STUB $cfg_arch "*"=$granule") ;;
*) bad "the stub says '$banner', the test is for $cfg_arch $granule" ;;
esac

status_meaning() {
    case $1 in
    0) say "PASS" ;;
    1) say "FT-RESULT: FAIL" ;;
    2) say "planned error (FT-ERROR)" ;;
    3) say "unexpected exception (FT-FAULT)" ;;
    124) say "timed out after $cfg_timeout s" ;;
    137) say "killed after the timeout" ;;
    *) say "QEMU failed" ;;
    esac
}

if test -n "$expect_fault"; then
    # ---- expect=fault: the port's handler reports the stray access ----
    st=$(line_of '^FT-SELFTEST: stray load from 0x[0-9a-f]+$')
    flt=$(line_of '^FT-FAULT')
    if test "$rc" -ne 3; then
        bad "exit status $rc ($(status_meaning "$rc")), expected 3 (FT-FAULT)"
    fi
    if test -z "$st"; then
        bad "no 'FT-SELFTEST: stray load from 0x...' line"
    elif test -z "$flt"; then
        bad "no FT-FAULT line: the fault handler did not report"
    else
        addr=${st##* }
        case $flt in
        *"$addr"*) say "ok: the fault handler reports the stray load's address $addr" ;;
        *) bad "the FT-FAULT line does not name the stray load's address $addr" ;;
        esac
    fi
    test -z "$(line_of '^FT-RESULT: PASS$')" ||
        bad "the stub went on to 'FT-RESULT: PASS' after the fault"
    rm -f "$host_json"
elif test -n "$expect_error"; then
    # ---- expect=error:TEXT ----
    err=$(line_of '^FT-ERROR: ')
    if test "$rc" -ne 2; then
        bad "exit status $rc ($(status_meaning "$rc")), expected 2 (FT-ERROR)"
    fi
    if test -z "$err"; then
        bad "no FT-ERROR line on the console"
    else
        case $err in
        *"$expect_error"*) say "ok: guest error names '$expect_error'" ;;
        *) bad "guest error '$err' does not contain '$expect_error'" ;;
        esac
    fi
    # The host planner must refuse the same DTB for the same reason.
    if test "$host_rc" -eq 0; then
        bad "ftplan plans this DTB, but the test expects an error"
    else
        say "host:   $host_msg"
        case $host_msg in
        *"$expect_error"*) say "ok: ftplan's error names it too" ;;
        *) bad "ftplan's error does not contain '$expect_error'" ;;
        esac
    fi
    rm -f "$host_json"
else
    # ---- expect=pass ----
    test "$host_rc" -eq 0 ||
        hard "ftplan cannot plan $board_dtb for $cfg_arch $granule: $host_msg"
    if test "$rc" -ne 0; then
        bad "exit status $rc ($(status_meaning "$rc")), expected 0"
        line_of '^FT-(ERROR|FAULT)' | sed 's/^/  /'
    fi
    test -n "$(line_of '^FT-RESULT: PASS$')" ||
        bad "no 'FT-RESULT: PASS' line"
    # The timing lines must be there; their values are not judged.
    test -n "$(line_of '^FT-TIME plan_us=[0-9]+ place_us=[0-9]+ apply_us=[0-9]+ total_us=[0-9]+ ticks=[0-9]+ freq=[0-9]+$')" ||
        bad "no 'FT-TIME plan_us=... freq=...' line"

    holes=$(line_of '^holes fault: [0-9]+/[0-9]+$')
    if test -z "$holes"; then
        bad "no 'holes fault: N/M' line"
    else
        nm=${holes#holes fault: }
        if test "${nm%/*}" = "${nm#*/}"; then
            say "ok: holes fault ${nm}"
        else
            bad "only $nm hole probes faulted"
        fi
    fi

    # The guest's plan against the host's, pa and placed aside.
    printf '%s\n' "$clean" |
        awk '/^FT-PLAN-JSON-END$/ { f = 0; n++ } f { print } /^FT-PLAN-JSON-BEGIN$/ { f = 1 }' \
            >"$guest_json"
    totals=$(line_of '^FT-TOTALS ')
    if ! printf '%s\n' "$clean" | grep -q '^FT-PLAN-JSON-END$'; then
        bad "no FT-PLAN-JSON-BEGIN/END block on the console"
    elif test -z "$totals"; then
        bad "no FT-TOTALS line"
    elif "$PYTHON3" "$compare" --totals-line "$totals" "$guest_json" \
        "$host_json"; then
        say "ok: guest plan = ftplan --arch $cfg_arch --granule $granule --json --no-place $board_dtb"
    else
        bad "the guest's plan is not ftplan's (guest: $guest_json, host: $host_json)"
    fi

    # Frametable memory: the guest's allocation against the physical
    # limit, and the dense layouts beside it.
    if test -n "$totals"; then
        summary=$(printf '%s\n' "$totals" | awk -v ratio="$cfg_limit_ratio" '
            {
                for (i = 2; i <= NF; i++) {
                    split($i, kv, "=")
                    v[kv[1]] = kv[2] + 0
                }
                if (v["limit"] <= 0) {
                    print "BAD limit=0"
                    exit
                }
                r = v["allocated"] / v["limit"]
                printf "frametable: allocated %.0f bytes = %.4fx limit %.0f; " \
                    "dense %.0f (%.2fx), dense without PDX %.0f (%.2fx)\n",
                    v["allocated"], r, v["limit"], v["dense"],
                    v["dense"] / v["limit"], v["dense_nopdx"],
                    v["dense_nopdx"] / v["limit"]
                if (ratio != "" && r > ratio + 0)
                    printf "BAD allocated is %.4fx the limit, above %s\n", r, ratio
            }')
        printf '%s\n' "$summary" | grep -v '^BAD ' | sed 's/^/  /'
        ratio_bad=$(printf '%s\n' "$summary" | sed -n 's/^BAD //p')
        if test -n "$ratio_bad"; then
            bad "$ratio_bad"
        elif test -n "$cfg_limit_ratio"; then
            say "ok: allocated within ${cfg_limit_ratio}x the limit"
        fi
    fi
fi

if test "$fail" -ne 0; then
    say "RESULT: FAIL ($test_file)"
    exit 1
fi
say "RESULT: PASS ($test_file)"
exit 0
