#!/bin/sh
# The main job on a default board: set up, build with the port, plan the
# frametable on the host with ftplan, then boot it in QEMU at the board's
# real addresses: the guest prints its plan, the totals and the fault
# probes, checked against ftplan.
#   arm64 (default): AMD Versal NET (RAM at 0, 32 GiB and 5 TiB), EL2 stub.
#   --arch riscv64:  Microchip PolarFire SoC Icicle Kit (RAM at 2 GiB and
#                    65 GiB), S-mode stub under OpenSBI, Sv48.
#   --arch arm-mpu:  three banks with holes in the Cortex-M55's DDR window
#                    (tests/qemu/boards/mpu-three-banks.banks), PMSAv8.
#   --arch arm32:    Renesas R-Car M2-W Koelsch (RAM above 4 GiB), LPAE
#                    Hyp-mode stub on a Cortex-A15.
# Another board: scripts/run-default.sh [--arch ARCH] boards/NAME.banks [MODE]
# (MODE: 4k/16k/64k for arm64; sv39, sv48, sv39-nonapot, sv48-nonapot;
# 4k for arm-mpu and arm32).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
arch=arm64
case ${1:-} in
--arch) arch=${2:?--arch needs arm64, riscv64, arm-mpu or arm32}; shift 2 ;;
--arch=*) arch=${1#--arch=}; shift ;;
esac
case $arch in
arm64)
    board=${1:-boards/amd-versal-net-vnx.banks}
    granule=${2:-4k}
    ;;
riscv64)
    board=${1:-boards/microchip-mpfs-icicle-kit.banks}
    granule=${2:-sv48}
    ;;
arm-mpu)
    board=${1:-tests/qemu/boards/mpu-three-banks.banks}
    granule=${2:-4k}
    ;;
arm32)
    board=${1:-boards/renesas-r8a7791-koelsch.banks}
    granule=${2:-4k}
    ;;
*)
    echo "run-default.sh: --arch takes arm64, riscv64, arm-mpu or arm32, not $arch" >&2
    exit 2
    ;;
esac
"$top/scripts/setup.sh"
# One tree for every port, as scripts/test.sh builds it: the second
# architecture's run reuses the first's build.
build=${BUILD_DIR:-$top/build}
if [ -f "$build/config.status" ] &&
    "$build/config.status" --config | grep -q -- '--enable-targets=all'; then
    BUILD_DIR=$build "$top/scripts/build.sh" >/dev/null
else
    BUILD_DIR=$build "$top/scripts/build.sh" --enable-targets=all >/dev/null
fi
echo "==== host planner: ftplan --arch $arch --granule $granule $board"
"$build/tools/ftplan" --arch "$arch" --granule "$granule" "$top/$board"
echo
echo "==== QEMU: the $arch stub boots $board"
exec make -s -C "$build" run ARCH="$arch" BOARD="$board" GRANULE="$granule"
