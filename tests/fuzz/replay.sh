#!/bin/sh
# Replay the fuzz corpora and regression inputs without libFuzzer: build
# each target (tests/fuzz/fuzz-*.c, with -DFT_FUZZ_REPLAY) with replay.c,
# the sim arch, ftplan's own path and the library using $CC, and run it
# over tests/fuzz/corpus/<target>/ and tests/fuzz/regressions/<target>/.
# fuzz-ftplan takes more: the DTB and bank-list corpora too, and every
# file under tests/fuzz/regressions/ (the other targets' inputs and the
# READMEs included), so that each regression input goes through ftplan as
# well as through the library. An invariant violation traps, so the replay
# dies and this test fails; an input that runs past FT_FUZZ_TIMEOUT
# seconds (replay.c, default 60) is a hang and fails it too.
#
# Inputs listed in tests/fuzz/regressions/KNOWN-OPEN reproduce a bug that is
# reported but not fixed yet: each is run on its own and reported as
# "known open" when it still crashes, or as fixed (remove the line) when it
# no longer does; neither fails the test. A line names TARGET/FILE, with
# FILE relative to regressions/ for fuzz-ftplan (ftplan/dtb/x.dtb).
#
# Called by `make check` (srcdir, CC and FDT_LIBS from the environment).
# Exit 0 if every input ran clean, 1 otherwise; never 77.
set -u
: "${srcdir:=.}" "${CC:=cc}" "${FDT_LIBS:=-lfdt}"
fz=$srcdir/tests/fuzz
out=$(mktemp -d "${TMPDIR:-/tmp}/ft-replay.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT
cflags="-std=c11 -g -O1 -Wall -Wextra -Werror -DFT_FUZZ_REPLAY -I$srcdir/include -I$srcdir/tools -I$srcdir/report -I$srcdir/tests"
# Under ASan and UBSan, as the fuzzers ran, so a regression input that once
# tripped a sanitizer trips it again (FT_FUZZ_REPLAY_SANITIZE=no to skip).
if [ "${FT_FUZZ_REPLAY_SANITIZE:-yes}" = yes ]; then
    cflags="$cflags -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
fi
known=$fz/regressions/KNOWN-OPEN

objs=
for src in "$srcdir"/lib/*.c tests/sim.c tests/upstream-model.c \
    tools/banksfile.c tools/util.c report/planjson.c report/put.c report/pdxsizes.c tools/svg.c \
    tools/ftplan-run.c tools/ftplan-options.c tools/ftplan-report.c \
    arch/arm64/arm64-desc.c arch/riscv/riscv-desc.c \
    arch/arm-mpu/mpu-desc.c arch/arm32/arm32-desc.c arch/archlist.c \
    tests/fuzz/replay.c; do
    case $src in /*|./*|"$srcdir"/*) path=$src ;; *) path=$srcdir/$src ;; esac
    obj=$out/$(basename "$path" .c).o
    # shellcheck disable=SC2086
    $CC $cflags -c "$path" -o "$obj" || { echo "FAIL: build of $path"; exit 1; }
    objs="$objs $obj"
done

is_known() {
    [ -f "$known" ] && grep -q "^$1[[:space:]]" "$known"
}

# inputs TARGET: "KNOWN-NAME PATH" per input of TARGET.
inputs() {
    case $1 in
    ftplan)
        for d in corpus/ftplan corpus/dtb corpus/banksfile; do
            for f in "$fz/$d"/*; do
                [ -f "$f" ] && echo "ftplan/$(basename "$f") $f"
            done
        done
        find "$fz/regressions" -type f | sort | while IFS= read -r f; do
            echo "ftplan/${f#"$fz/regressions/"} $f"
        done
        ;;
    *)
        for d in corpus regressions; do
            for f in "$fz/$d/$1"/*; do
                [ -f "$f" ] || continue
                case $(basename "$f") in README*) continue ;; esac
                echo "$1/$(basename "$f") $f"
            done
        done
        ;;
    esac
}

failed=0 total=0
for t in dtb banks banksfile ftplan; do
    # shellcheck disable=SC2086
    $CC $cflags -o "$out/replay-$t" "$fz/fuzz-$t.c" $objs $FDT_LIBS ||
        { echo "FAIL: build of fuzz-$t"; exit 1; }
    mkdir -p "$out/in-$t"
    inputs "$t" > "$out/list-$t"
    while read -r key f; do
        if is_known "$key"; then
            if "$out/replay-$t" "$f" > "$out/known.log" 2>&1; then
                echo "NOTE: $key no longer fails: the bug is fixed," \
                    "remove it from tests/fuzz/regressions/KNOWN-OPEN"
            else
                echo "KNOWN OPEN: $key still fails (see KNOWN-OPEN)"
            fi
            continue
        fi
        # One flat directory; the name keeps where the input came from.
        cp "$f" "$out/in-$t/$(echo "${f#"$fz/"}" | tr / -)"
    done < "$out/list-$t"
    n=$(find "$out/in-$t" -type f | wc -l)
    total=$((total + n))
    if "$out/replay-$t" "$out/in-$t" > "$out/$t.log" 2>&1; then
        echo "PASS: fuzz-$t: $(tail -1 "$out/$t.log")"
    else
        echo "FAIL: fuzz-$t (replaying $n inputs)"
        # Name the input that failed.
        FT_FUZZ_VERBOSE=1 "$out/replay-$t" "$out/in-$t" 2>&1 | tail -8
        failed=$((failed + 1))
    fi
done
echo "fuzz replay: $total inputs, $failed target(s) failed"
[ "$failed" -eq 0 ] && [ "$total" -gt 0 ]
