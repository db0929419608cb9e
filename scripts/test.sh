#!/bin/sh
# Set up, build (hosted library, planner and the arm64 port), run every
# test through Automake's harness (host tests and the QEMU boots); then
# configure a second tree for the riscv64 port (build-riscv64, or
# $RISCV_BUILD_DIR) and run its QEMU boots only (`make check-qemu`: its
# host tests are the ones the first tree ran). If they pass, prove the
# checks with the mutation suite (`make mutations`,
# tests/mutations/README.md), then check the release tarball with `make
# distcheck`. Ends with one line "N passed, N failed" counted by the
# harness (both trees' test-suite.log), a failed riscv64 build, mutation
# suite or distcheck counting as one failure each.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build}
rvbuild=${RISCV_BUILD_DIR:-$top/build-riscv64}
"$top/scripts/setup.sh" || exit 1
# The arm64 port is part of the build: its QEMU boots run in `make check`.
"$top/scripts/build.sh" --target=arm64 || { echo "0 passed, 1 failed"; exit 1; }
cd "$build" || exit 1
make -j2 check
check_rc=$?
log=$build/test-suite.log
count() { sed -n "s/^# $1: *\([0-9]*\)\$/\1/p" "$log" | head -n 1; }
pass=$(count PASS) fail=$(count FAIL) xpass=$(count XPASS) err=$(count ERROR) skip=$(count SKIP)
pass=${pass:-0}
failed=$(( ${fail:-0} + ${xpass:-0} + ${err:-0} ))
if [ "$check_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
fi
# The riscv64 port: its stubs and QEMU boots, in their own tree.
rv_rc=0
if BUILD_DIR=$rvbuild "$top/scripts/build.sh" --target=riscv64; then
    rm -f "$rvbuild/test-suite.log"
    (cd "$rvbuild" && make -j2 check-qemu) || rv_rc=$?
    rvlog=$rvbuild/test-suite.log
    rvcount() { sed -n "s/^# $1: *\([0-9]*\)\$/\1/p" "$rvlog" | head -n 1; }
    rv_pass=$(rvcount PASS) rv_fail=$(rvcount FAIL) rv_xpass=$(rvcount XPASS)
    rv_err=$(rvcount ERROR) rv_skip=$(rvcount SKIP)
    rv_failed=$(( ${rv_fail:-0} + ${rv_xpass:-0} + ${rv_err:-0} ))
    if [ "$rv_rc" -ne 0 ] && [ "$rv_failed" -eq 0 ]; then
        rv_failed=1
    fi
    pass=$((pass + ${rv_pass:-0}))
    failed=$((failed + rv_failed))
    skip=$(( ${skip:-0} + ${rv_skip:-0} ))
else
    rv_rc=1
    echo "riscv64 build FAILED (tree: $rvbuild)"
    failed=$((failed + 1))
fi
cd "$build" || exit 1
mut_rc=0
if [ "$check_rc" -eq 0 ]; then
    # Its own summary ends with "mutations: PASS" or "mutations: FAIL".
    make mutations || mut_rc=$?
    if [ "$mut_rc" -ne 0 ]; then
        echo "mutation suite FAILED (logs: $build/mutations/)"
        failed=$((failed + 1))
    fi
fi
dist_rc=0
if [ "$check_rc" -eq 0 ]; then
    make -j2 distcheck DISTCHECK_CONFIGURE_FLAGS=--target=arm64 >distcheck.log 2>&1 || dist_rc=$?
    if [ "$dist_rc" -ne 0 ]; then
        tail -40 distcheck.log
        echo "make distcheck FAILED (log: $build/distcheck.log)"
        failed=$((failed + 1))
    else
        grep -E '^=+$|archives ready|\.tar\.gz' distcheck.log | tail -3
    fi
fi
if [ "${skip:-0}" -ne 0 ]; then
    echo "WARNING: ${skip} test(s) skipped"
fi
echo "${pass} passed, ${failed} failed"
[ "$check_rc" -eq 0 ] && [ "$rv_rc" -eq 0 ] && [ "$mut_rc" -eq 0 ] &&
    [ "$dist_rc" -eq 0 ]
