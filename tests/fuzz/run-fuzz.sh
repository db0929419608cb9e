#!/bin/sh
# Build one fuzz target with clang + libFuzzer (ASan, UBSan) and run it for
# SECONDS on a scratch copy of its seed corpus and regression inputs.
#
#   tests/fuzz/run-fuzz.sh TARGET SECONDS
#
# TARGET: dtb, banks, banksfile or ftplan (ftplan's whole path on a file:
# seeded with the DTB and bank-list corpora and every regression input).
#
# Environment: srcdir (the source tree; default: two levels above this
# script), CLANG (default clang), FT_FUZZ_WORK (scratch dir, kept; default
# a fresh temporary dir, kept too, its path printed), FT_FUZZ_ARGS (more
# libFuzzer options, e.g. -jobs=2). Exit 0 if the run ended without a
# finding, 1 on a finding (the input is left in WORK/artifacts/), 2 on a
# build or usage error. docs/fuzzing.md says how a finding becomes a
# regression input.
set -u
target=${1:-}
seconds=${2:-600}
case $target in
dtb|banks|banksfile|ftplan) ;;
*) echo "usage: $0 dtb|banks|banksfile|ftplan SECONDS" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
: "${srcdir:=$here/../..}"
srcdir=$(cd "$srcdir" && pwd)
: "${CLANG:=clang}"
work=${FT_FUZZ_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/ft-fuzz-$target.XXXXXX")}
mkdir -p "$work/corpus" "$work/artifacts" || exit 2

src="tests/fuzz/fuzz-$target.c tests/sim.c tests/upstream-model.c
 tools/banksfile.c tools/util.c arch/arm64/arm64-desc.c
 arch/riscv/riscv-desc.c arch/arm-mpu/mpu-desc.c arch/arm32/arm32-desc.c
 arch/archlist.c"
[ "$target" = ftplan ] && src="$src tools/ftplan-run.c tools/ftplan-options.c
 tools/ftplan-report.c report/planjson.c report/put.c report/pdxsizes.c
 tools/svg.c"
for f in "$srcdir"/lib/*.c; do src="$src lib/$(basename "$f")"; done
files=
for f in $src; do files="$files $srcdir/$f"; done

echo "run-fuzz: building fuzz-$target in $work"
# shellcheck disable=SC2086
$CLANG -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=all -fno-omit-frame-pointer \
    -I"$srcdir/include" -I"$srcdir/tools" -I"$srcdir/report" -I"$srcdir/tests" \
    -o "$work/fuzz-$target" $files -lfdt || {
    echo "run-fuzz: build of fuzz-$target failed" >&2; exit 2; }

# The seed corpus and the regression inputs, copied: the run adds to the
# copy, never to the source tree.
seeds="$srcdir/tests/fuzz/corpus/$target $srcdir/tests/fuzz/regressions/$target"
[ "$target" = ftplan ] && seeds="$srcdir/tests/fuzz/corpus/ftplan
 $srcdir/tests/fuzz/corpus/dtb $srcdir/tests/fuzz/corpus/banksfile
 $srcdir/tests/fuzz/regressions/dtb $srcdir/tests/fuzz/regressions/banks
 $srcdir/tests/fuzz/regressions/banksfile $srcdir/tests/fuzz/regressions/ftplan"
for d in $seeds; do
    [ -d "$d" ] || continue
    from=$(basename "$(dirname "$d")")-$(basename "$d")
    for f in "$d"/*; do
        case $(basename "$f") in README*) continue ;; esac
        [ -f "$f" ] && cp "$f" "$work/corpus/$from-$(basename "$f")"
    done
done
# ftplan reads DTBs and bank lists: both dictionaries.
dict=
case $target in
ftplan)
    cat "$srcdir/tests/fuzz/dtb.dict" "$srcdir/tests/fuzz/ftplan.dict" \
        > "$work/ftplan.dict"
    dict="-dict=$work/ftplan.dict" ;;
*)
    [ -f "$srcdir/tests/fuzz/$target.dict" ] &&
        dict="-dict=$srcdir/tests/fuzz/$target.dict" ;;
esac

echo "run-fuzz: fuzzing fuzz-$target for ${seconds}s (log: $work/fuzz.log)"
# shellcheck disable=SC2086
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$work/fuzz-$target" -max_total_time="$seconds" -timeout=30 \
    -rss_limit_mb=2560 -max_len=4096 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" $dict ${FT_FUZZ_ARGS:-} \
    "$work/corpus" > "$work/fuzz.log" 2>&1
rc=$?
grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$work/fuzz.log" | tail -1
grep -E '^stat::' "$work/fuzz.log"
found=$(find "$work/artifacts" -type f | wc -l)
echo "run-fuzz: fuzz-$target exit $rc, $found finding(s) in $work/artifacts," \
    "corpus now $(find "$work/corpus" -type f | wc -l) inputs"
if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
    grep -E 'invariant violated|ERROR: |runtime error' "$work/fuzz.log" | head -5
    exit 1
fi
exit 0
