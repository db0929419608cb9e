#!/bin/sh
# The main job on the default board: set up, build, and plan the frametable
# of the AMD Versal NET board (banks at 0, 32 GiB and 5 TiB) for arm64 4K.
# Another board: scripts/run-default.sh boards/NAME.banks [ftplan options].
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/setup.sh"
"$top/scripts/build.sh" >/dev/null
board=${1:-$top/boards/amd-versal-net-vnx.banks}
[ $# -gt 0 ] && shift
exec "${BUILD_DIR:-$top/build}/tools/ftplan" "$@" "$board"
