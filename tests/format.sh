#!/bin/sh
# Every C file of the project is formatted by the project's .clang-format
# (`make format` fixes them). Needs clang-format (Debian: clang-format,
# installed by scripts/setup.sh); its absence is a hard error, not a skip.
: "${srcdir:=.}"
if ! command -v clang-format >/dev/null 2>&1; then
    echo "clang-format not found: install Debian's clang-format (scripts/setup.sh does)"
    exit 99
fi
cd "$srcdir" || exit 99
bad=0 n=0
for f in lib/*.[ch] include/frametable/*.h arch/*/*.[ch] arch/*.c \
    tools/*.[ch] report/*.[ch] boot/*.[ch] tests/*.[ch] tests/fuzz/*.[ch]; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    if ! clang-format --style=file --dry-run --Werror "$f" >/dev/null 2>&1; then
        echo "not formatted: $f"
        bad=$((bad + 1))
    fi
done
echo "$n files checked, $bad not formatted"
[ "$n" -gt 0 ] && [ "$bad" -eq 0 ]
