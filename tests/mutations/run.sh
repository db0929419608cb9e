#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# The mutation suite: proves that the checks fail when they should
# (tests/mutations/README.md). Run from the top of a configured build tree
# by `make mutations`, which sets the environment below:
#
#     run.sh [NAME ...]        every tests/mutations/*.patch, or the named
#
# Each patch plants one known bug. In a scratch copy of the source tree
# (the distributed files, `make distdir`) and a scratch build, both under
# ./mutations/ in the build tree, each patch is applied, the tree rebuilt,
# the QEMU tests its "Tests:" header names run, then (if none failed) the
# host tests; the first test that fails has caught the mutation:
#
#     caught: NAME by TEST
#
# The suite fails when a mutation is caught by no test, when a patch no
# longer applies, when a mutated tree does not build, or when a test
# errors (a hard error is not a catch). Nothing is cached outside
# ./mutations/ but the QEMU DTB cache and the extracted libfdt sources,
# both in the build tree.
#
# Environment: MAKE, srcdir (absolute), FT_PORT, FT_CHECK_PROGRAMS,
# FT_SCRIPT_TESTS, LIBFDT_TARGET_DIR, FT_QEMU_CACHE; FT_MUTATION_JOBS
# (make -j, default 2).

set -u
MAKE=${MAKE:-make}
jobs=${FT_MUTATION_JOBS:-2}
top=$(pwd)
work=$top/mutations
src=$work/src
build=$work/build
log=$work/suite.log

say() {
    printf '%s\n' "$*"
}

die() {
    say "mutations: ERROR: $*"
    say "mutations: FAIL"
    exit 1
}

test -n "${srcdir:-}" || die "srcdir is not set (run it with 'make mutations')"
mutdir=$srcdir/tests/mutations
test -d "$mutdir" || die "$mutdir: no such directory"
command -v patch >/dev/null 2>&1 || die "patch not found: install the Debian package patch"

# Every patch, or the ones named.
named=false
if test $# -gt 0; then
    named=true
    patches=
    for n in "$@"; do
        test -f "$mutdir/$n.patch" || die "no mutation $n ($mutdir/$n.patch)"
        patches="$patches $mutdir/$n.patch"
    done
else
    patches=$(ls "$mutdir"/*.patch 2>/dev/null)
fi
test -n "$patches" || die "no patches in $mutdir"

header() { # header FIELD PATCH: the field's first line
    sed -n "s/^$1: *//p" "$2" | head -n 1
}

target_of() { # target_of ARCH: configure's --target for a port
    case $1 in
    arm-mpu) echo arm-none-eabi ;;
    *) echo "$1" ;;
    esac
}

# A tree builds one port's stubs: in a run of every patch, those whose
# QEMU tests are another port's are left to that port's tree (said, not
# silent); a patch named on the command line must run here.
if ! $named; then
    kept=
    for p in $patches; do
        other=
        for t in $(header Tests "$p"); do
            a=$(sed -n 's/^arch=//p' "$srcdir/$t" 2>/dev/null)
            test -n "$a" && test "$a" != "$FT_PORT" && other=$a
        done
        if test -n "$other"; then
            say "SKIPPED: $(basename "$p" .patch): needs the $other port's tree (configure --target=$(target_of "$other"), make mutations there)"
        else
            kept="$kept $p"
        fi
    done
    patches=$kept
    test -n "$patches" || die "no patch for the $FT_PORT port in $mutdir"
fi

# The host tests: compiled tests and planner scripts. Not the formatting
# check (a patch's layout is no behaviour) nor the -m32 / sanitizer
# variants (the same tests again).
host_tests=$FT_CHECK_PROGRAMS
for t in $FT_SCRIPT_TESTS; do
    case $t in
    */format.sh) ;;
    *) host_tests="$host_tests $t" ;;
    esac
done

# Check the headers, and collect the stubs the named QEMU tests boot.
stubs=
for p in $patches; do
    name=$(basename "$p" .patch)
    test "$(header Mutation "$p")" = "$name" ||
        die "$p: its 'Mutation:' line must name $name"
    for t in $(header Tests "$p"); do
        case $t in
        *.qemu) ;;
        *) die "$name: Tests: lists $t; only QEMU tests go there (host tests always run)" ;;
        esac
        test -f "$srcdir/$t" || die "$name: no test $t"
        a=$(sed -n 's/^arch=//p' "$srcdir/$t")
        test "$FT_PORT" = "$a" ||
            die "$name needs the $a port's QEMU tests: configure --target=$(target_of "$a")"
        # The port's directory, as run-board.sh finds it.
        d=$a
        test -d "$srcdir/arch/$d" || d=${a%64}
        g=$(sed -n 's/^granule=//p' "$srcdir/$t")
        case " $stubs " in
        *" arch/$d/stub-$g.elf "*) ;;
        *) stubs="$stubs arch/$d/stub-$g.elf" ;;
        esac
    done
done

t_start=$(date +%s)
rm -rf "$work" || die "cannot remove $work"
mkdir -p "$work" || die "cannot make $work"
: >"$log"

# A clean copy of the source tree: what `make dist` would ship.
$MAKE distdir distdir="$src" >>"$log" 2>&1 ||
    die "make distdir failed (log: $log)"

# Every patch must apply before anything is built.
unapplied=
for p in $patches; do
    name=$(basename "$p" .patch)
    if ! patch -p1 -F0 -N -s --dry-run -d "$src" <"$p" >>"$log" 2>&1; then
        say "NOT APPLIED: $name: the patch no longer applies to this tree; update $p"
        unapplied="$unapplied $name"
    fi
done

# Configure as the build tree was, and build what the tests need once.
config=$(./config.status --config) || die "no config.status in $top"
mkdir -p "$build" || die "cannot make $build"
cd "$build" || die "cannot enter $build"
eval "\"\$src/configure\" $config --disable-m32-tests --disable-sanitizer-tests" \
    >>"$log" 2>&1 || die "configure of the scratch tree failed (log: $log)"
make_targets() {
    # shellcheck disable=SC2086 # word lists on purpose
    $MAKE -j"$jobs" LIBFDT_TARGET_DIR="$LIBFDT_TARGET_DIR" \
        tools/ftplan tools/ftdtb $FT_CHECK_PROGRAMS $stubs
}
make_targets >>"$log" 2>&1 || die "the unmutated scratch tree does not build (log: $log)"
export FT_QEMU_CACHE

# first_failure TEST...: run them through the harness in one go; print
# "RESULT TEST" for the first (in list order) whose verdict is not PASS,
# nothing if all passed.
first_failure() {
    $MAKE -j"$jobs" check-TESTS TESTS="$*" >>"$mlog" 2>&1
    for t in "$@"; do
        case $t in
        *.qemu) b=${t%.qemu} ;;
        *) b=$t ;;
        esac
        r=$(sed -n 's/^:test-result: //p' "$b.trs" 2>/dev/null | head -n 1)
        if test "$r" != PASS; then
            printf '%s %s\n' "${r:-none}" "$t"
            return
        fi
    done
}

# The unmutated tree must pass every test the suite runs: otherwise a
# test failing for its own reasons would "catch" every mutation.
all_qemu=
for p in $patches; do
    for t in $(header Tests "$p"); do
        case " $all_qemu " in
        *" $t "*) ;;
        *) all_qemu="$all_qemu $t" ;;
        esac
    done
done
mlog=$work/unmutated.log
# shellcheck disable=SC2086 # word lists on purpose
bad=$(first_failure $all_qemu $host_tests)
test -z "$bad" ||
    die "the unmutated tree fails: $bad; it must pass before a failure means anything (log: $mlog)"

# Why TEST failed, from its log: the guest's verdict lines, or the host
# test's first complaint.
why() {
    case $1 in
    *.qemu) b=${1%.qemu} ;;
    *) b=$1 ;;
    esac
    case $1 in
    *.qemu)
        grep -E '^  FT-CHECK' "$b.log" | head -n 1
        grep -E '^  (FT-RESULT: FAIL|FT-FAULT|FT-ERROR)|^FAIL: ' "$b.log" |
            head -n 1
        ;;
    *) grep -m 1 -A 1 -E '^FAIL|seed ' "$b.log" ;;
    esac
}

caught=0 missed=0 broken=0
for p in $patches; do
    name=$(basename "$p" .patch)
    case " $unapplied " in
    *" $name "*)
        broken=$((broken + 1))
        continue
        ;;
    esac
    mlog=$work/$name.log
    t0=$(date +%s)
    patch -p1 -F0 -N -s -d "$src" <"$p" >>"$mlog" 2>&1 ||
        die "$name: patch failed after its dry run (log: $mlog)"
    by=
    if ! make_targets >>"$mlog" 2>&1; then
        say "BROKEN: $name: the mutated tree does not build (log: $mlog)"
        broken=$((broken + 1))
        by=-
    else
        # The QEMU tests one by one, the cheapest first as listed; then
        # the host tests together.
        for t in $(header Tests "$p") "$host_tests"; do
            # shellcheck disable=SC2086 # word lists on purpose
            res=$(first_failure $t)
            test -n "$res" || continue
            case $res in
            "FAIL "*) by=${res#FAIL } ;;
            *)
                say "BROKEN: $name: ${res#* } gave ${res%% *}, not a verdict (log: $mlog)"
                broken=$((broken + 1))
                by=-
                ;;
            esac
            break
        done
    fi
    case $by in
    '')
        say "NOT CAUGHT: $name: every test passed with the bug planted ($p)"
        missed=$((missed + 1))
        ;;
    -) ;;
    *)
        say "caught: $name by $by ($(($(date +%s) - t0)) s)"
        why "$by" | sed 's/^ */        /'
        caught=$((caught + 1))
        ;;
    esac
    patch -p1 -F0 -R -s -d "$src" <"$p" >>"$mlog" 2>&1 ||
        die "$name: could not take the patch back out (log: $mlog)"
done

n=$(printf '%s\n' $patches | wc -l)
say "mutations: $caught of $n caught, $missed not caught, $broken broken ($(($(date +%s) - t_start)) s)"
if test "$caught" -ne "$n"; then
    say "mutations: FAIL"
    exit 1
fi
say "mutations: PASS"
exit 0
