#!/bin/sh
# Set up, build every port in one tree (./configure --enable-targets=all:
# the hosted library, the planner and the boot stubs of arm64 and
# riscv64), run every test through Automake's harness (host tests and the
# QEMU boots of every port), then, if they pass, prove the checks with the
# mutation suite (`make mutations`, tests/mutations/README.md) and check
# the release tarball with `make distcheck` (configured the same way).
# Ends with one line "N passed, N failed" counted by the harness
# (test-suite.log), a failed mutation suite or distcheck counting as one
# failure each. The build tree is build/ (or $BUILD_DIR).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build}
targets=--enable-targets=all
"$top/scripts/setup.sh" || exit 1
"$top/scripts/build.sh" "$targets" || { echo "0 passed, 1 failed"; exit 1; }
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
    make -j2 distcheck DISTCHECK_CONFIGURE_FLAGS="$targets" >distcheck.log 2>&1 || dist_rc=$?
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
[ "$check_rc" -eq 0 ] && [ "$mut_rc" -eq 0 ] && [ "$dist_rc" -eq 0 ]
