# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=sh
#
# tests/qemu/run-board.sh's hooks for arm-mpu (sourced by it; the runner
# describes port_setup and port_qemu_args). QEMU mps3-an547: a Cortex-M55
# (PMSAv8-M, 16 data regions) with 2 GiB of DDR at 0x6000_0000, fixed: it
# cannot grow, and it has no lazily backed RAM to stretch over a sparse
# map. So a board's banks must lie in 0x6000_0000..0xE000_0000; the shift
# rule lifts a map whose lowest bank is below 0x6000_0000 by whole GiB and
# no further, and the test maps (tests/qemu/boards/mpu-*.banks) are real
# maps moved into that window as little as it forces, each saying so.
#
# M-profile images get no DTB from QEMU, and mps3-an547 makes none to dump:
# the dump mode takes qemu-system-arm's virt machine tree as the skeleton
# (its /memory is replaced by the board's banks and nothing else of it is
# read by the stub), and the run mode loads the board DTB raw into the
# DTCM at 0x2000_0000 with -device loader, where the stub reads it.

# shellcheck disable=SC2034 # read by run-board.sh
port_setup() {
    qemu=${QEMU_ARM:-qemu-system-arm}
    qemu_pkg='qemu-system-arm'
    granule_dflt=4k
    ram_base=0x60000000
    # The stub lives outside the DDR (ITCM, SRAM, DTCM): nothing of the
    # banks is its own. The first page of the DDR goes to /reserved-memory
    # only because the runner always reserves something: a reserved range
    # at the bottom of RAM, as firmware often keeps.
    stub_reserve=0x60000000:0x1000
    dtb_max=524288
    machine_key=an547-virt-skeleton
}

port_qemu_args() {
    if test "$1" = dump; then
        printf '%s\n' -M virt -nodefaults -nographic -m 1G \
            -machine "dumpdtb=$3"
    else
        printf '%s\n' -M mps3-an547 -nographic \
            -semihosting-config enable=on,target=native \
            -kernel "$3" \
            -device "loader,file=$4,addr=0x20000000,force-raw=on"
    fi
}
