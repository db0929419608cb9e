#!/bin/sh
# The main job on the default board: set up, build (with the arm64 port),
# plan the frametable of the AMD Versal NET board (RAM at 0, 32 GiB and
# 5 TiB) on the host with ftplan, then boot it in QEMU at its real
# addresses with the arm64 EL2 stub: the guest prints its plan, the totals
# and the fault probes of every hole group, checked against ftplan.
# Another board: scripts/run-default.sh boards/NAME.banks [GRANULE].
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build}
board=${1:-boards/amd-versal-net-vnx.banks}
granule=${2:-4k}
"$top/scripts/setup.sh"
"$top/scripts/build.sh" --target=arm64 >/dev/null
echo "==== host planner: ftplan --arch arm64 --granule $granule $board"
"$build/tools/ftplan" --arch arm64 --granule "$granule" "$top/$board"
echo
echo "==== QEMU: the arm64 stub boots $board"
exec make -s -C "$build" run BOARD="$board" GRANULE="$granule"
