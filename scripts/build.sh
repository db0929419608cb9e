#!/bin/sh
# Generate the build system and build out of tree in build/ (or $BUILD_DIR).
# Extra arguments go to configure, e.g. --target=riscv64.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build}
cd "$top"
[ -x configure ] && [ configure -nt configure.ac ] && [ Makefile.in -nt Makefile.am ] ||
    ./autogen.sh
mkdir -p "$build"
cd "$build"
if [ ! -f Makefile ] || [ $# -gt 0 ]; then
    "$top/configure" "$@"
fi
make -j"$(nproc)"
