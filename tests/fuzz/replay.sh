#!/bin/sh
# Replay the fuzz corpora and regression inputs without libFuzzer: build
# each target (tests/fuzz/fuzz-*.c, with -DFT_FUZZ_REPLAY) with replay.c,
# the sim arch and the library using $CC, and run it over
# tests/fuzz/corpus/<target>/ and tests/fuzz/regressions/<target>/.
# An invariant violation traps, so the replay dies and this test fails.
#
# Inputs listed in tests/fuzz/regressions/KNOWN-OPEN reproduce a bug that is
# reported but not fixed yet: each is run on its own and reported as
# "known open" when it still crashes, or as fixed (remove the line) when it
# no longer does; neither fails the test.
#
# Called by `make check` (srcdir, CC and FDT_LIBS from the environment).
# Exit 0 if every input ran clean, 1 otherwise; never 77.
set -u
: "${srcdir:=.}" "${CC:=cc}" "${FDT_LIBS:=-lfdt}"
fz=$srcdir/tests/fuzz
out=$(mktemp -d "${TMPDIR:-/tmp}/ft-replay.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT
cflags="-std=c11 -g -O1 -Wall -Wextra -Werror -DFT_FUZZ_REPLAY -I$srcdir/include -I$srcdir/tools -I$srcdir/tests"
# Under ASan and UBSan, as the fuzzers ran, so a regression input that once
# tripped a sanitizer trips it again (FT_FUZZ_REPLAY_SANITIZE=no to skip).
if [ "${FT_FUZZ_REPLAY_SANITIZE:-yes}" = yes ]; then
    cflags="$cflags -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
fi
known=$fz/regressions/KNOWN-OPEN

objs=
for src in "$srcdir"/lib/*.c tests/sim.c tests/upstream-model.c \
    tools/banksfile.c tools/util.c arch/arm64/arm64-desc.c arch/riscv/riscv-desc.c \
    arch/arm-mpu/mpu-desc.c arch/archlist.c tests/fuzz/replay.c; do
    case $src in /*|./*|"$srcdir"/*) path=$src ;; *) path=$srcdir/$src ;; esac
    obj=$out/$(basename "$path" .c).o
    # shellcheck disable=SC2086
    $CC $cflags -c "$path" -o "$obj" || { echo "FAIL: build of $path"; exit 1; }
    objs="$objs $obj"
done

is_known() {
    [ -f "$known" ] && grep -q "^$1[[:space:]]" "$known"
}

failed=0 total=0
for t in dtb banks banksfile; do
    # shellcheck disable=SC2086
    $CC $cflags -o "$out/replay-$t" "$fz/fuzz-$t.c" $objs $FDT_LIBS ||
        { echo "FAIL: build of fuzz-$t"; exit 1; }
    mkdir -p "$out/in-$t"
    for d in corpus regressions; do
        [ -d "$fz/$d/$t" ] || continue
        for f in "$fz/$d/$t"/*; do
            [ -f "$f" ] || continue
            name=$(basename "$f")
            case $name in README*) continue ;; esac
            if is_known "$t/$name"; then
                if "$out/replay-$t" "$f" > "$out/known.log" 2>&1; then
                    echo "NOTE: $t/$name no longer fails: the bug is fixed," \
                        "remove it from tests/fuzz/regressions/KNOWN-OPEN"
                else
                    echo "KNOWN OPEN: $t/$name still fails (see KNOWN-OPEN)"
                fi
                continue
            fi
            cp "$f" "$out/in-$t/$d-$name"
        done
    done
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
