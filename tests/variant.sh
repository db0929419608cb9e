#!/bin/sh
# Build the library and the tests that need no libfdt again, with other
# compiler flags, and run them: "m32" catches 32-bit unsigned long vs
# 64-bit physical address bugs (as on arm32 with LPAE); "sanitize" runs
# under AddressSanitizer and UndefinedBehaviorSanitizer, any report fatal.
# Called by variant-m32.sh / variant-sanitize.sh from `make check`.
set -u
mode=$1
: "${srcdir:=.}" "${CC:=cc}"
case $mode in
# Large-file interfaces: a 32-bit readdir() fails with EOVERFLOW on a
# directory whose 64-bit offsets or inode numbers do not fit.
m32) flags="-m32 -O1 -D_FILE_OFFSET_BITS=64" runner=${FT_M32_RUNNER:-} ;;
sanitize) runner= flags="-O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" ;;
*) echo "variant.sh: unknown mode $mode" >&2; exit 99 ;;
esac
out=$(mktemp -d "${TMPDIR:-/tmp}/ft-$mode.XXXXXX") || exit 99
trap 'rm -rf "$out"' EXIT
cflags="-std=c11 -g -Wall -Wextra -Werror $flags -I$srcdir/include -I$srcdir/tools -I$srcdir/report"
# Without gcc-multilib (which conflicts with the arm64 cross compiler),
# <errno.h> under -m32 misses <asm/errno.h>; the kernel's generic one,
# shipped for x86_64, is the same for i386.
if [ "$mode" = m32 ] && ! echo '#include <errno.h>' | $CC -m32 -E -x c - >/dev/null 2>&1; then
    for d in /usr/include/x86_64-linux-gnu/asm /usr/include/asm-generic; do
        if [ -f "$d/errno.h" ]; then
            mkdir -p "$out/inc" && ln -s "$d" "$out/inc/asm"
            cflags="$cflags -I$out/inc"
            break
        fi
    done
fi

objs=
for src in $FT_LIB_CORE $FT_TEST_SUPPORT_C; do
    obj=$out/$(echo "$src" | tr / _).o
    $CC $cflags -c "$srcdir/$src" -o "$obj" || { echo "FAIL: $mode build of $src"; exit 1; }
    objs="$objs $obj"
done
failed=0 ran=0
# configure found that this kernel cannot start i386 programs.
test -z "$runner" || echo "$mode: running under $runner (no IA32 emulation in this kernel)"
for t in $FT_PORTABLE_TESTS; do
    name=$(basename "$t")
    $CC $cflags -o "$out/$name" "$srcdir/$t.c" $objs || { echo "FAIL: $mode build of $t"; exit 1; }
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        $runner "$out/$name" > "$out/$name.log" 2>&1
    rc=$?
    ran=$((ran + 1))
    if [ $rc -eq 0 ]; then
        echo "PASS: $mode $name"
    else
        echo "FAIL: $mode $name (exit $rc)"; tail -20 "$out/$name.log"
        failed=$((failed + 1))
    fi
done
echo "$mode: $ran tests, $failed failed"
[ $ran -gt 0 ] && [ $failed -eq 0 ]
