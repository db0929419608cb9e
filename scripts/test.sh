#!/bin/sh
# Set up, build (hosted library, planner and the arm64 port), run every
# test through Automake's harness (host tests and the QEMU boots); then
# configure a second tree for the riscv64 port (build-riscv64, or
# $RISCV_BUILD_DIR) and a third for the Arm MPU port (build-arm-mpu, or
# $ARM_MPU_BUILD_DIR) and run their QEMU boots only (`make check-qemu`:
# their host tests are the ones the first tree ran); the MPU tree also
# runs the MPU mutations (tests/mutations/mpu-*.patch). If they pass,
# prove the checks with the mutation suite (`make mutations`,
# tests/mutations/README.md), then check the release tarball with `make
# distcheck`. Ends with one line "N passed, N failed" counted by the
# harness (the trees' test-suite.log), a failed riscv64 or arm-mpu build,
# mutation suite or distcheck counting as one failure each.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build}
rvbuild=${RISCV_BUILD_DIR:-$top/build-riscv64}
mpubuild=${ARM_MPU_BUILD_DIR:-$top/build-arm-mpu}
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
# The Arm MPU port: its stub and QEMU boots, then its mutations, in their
# own tree.
mpu_rc=0
if BUILD_DIR=$mpubuild "$top/scripts/build.sh" --target=arm-none-eabi; then
    rm -f "$mpubuild/test-suite.log"
    (cd "$mpubuild" && make -j2 check-qemu) || mpu_rc=$?
    mpulog=$mpubuild/test-suite.log
    mpucount() { sed -n "s/^# $1: *\([0-9]*\)\$/\1/p" "$mpulog" | head -n 1; }
    mpu_pass=$(mpucount PASS) mpu_fail=$(mpucount FAIL)
    mpu_xpass=$(mpucount XPASS) mpu_err=$(mpucount ERROR)
    mpu_skip=$(mpucount SKIP)
    mpu_failed=$(( ${mpu_fail:-0} + ${mpu_xpass:-0} + ${mpu_err:-0} ))
    if [ "$mpu_rc" -ne 0 ] && [ "$mpu_failed" -eq 0 ]; then
        mpu_failed=1
    fi
    pass=$((pass + ${mpu_pass:-0}))
    failed=$((failed + mpu_failed))
    skip=$(( ${skip:-0} + ${mpu_skip:-0} ))
    if [ "$mpu_rc" -eq 0 ]; then
        mpu_muts=$(cd "$top/tests/mutations" && ls mpu-*.patch | sed 's/\.patch$//')
        # shellcheck disable=SC2086 # one name a word
        if ! (cd "$mpubuild" && make mutations MUTATIONS="$(echo $mpu_muts)"); then
            mpu_rc=1
            echo "arm-mpu mutation suite FAILED (logs: $mpubuild/mutations/)"
            failed=$((failed + 1))
        fi
    fi
else
    mpu_rc=1
    echo "arm-mpu build FAILED (tree: $mpubuild)"
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
[ "$check_rc" -eq 0 ] && [ "$rv_rc" -eq 0 ] && [ "$mpu_rc" -eq 0 ] &&
    [ "$mut_rc" -eq 0 ] &&
    [ "$dist_rc" -eq 0 ]
