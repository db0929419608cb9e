# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=sh
#
# tests/qemu/run-board.sh's hooks for arm32 (sourced by it; the runner
# describes port_setup and port_qemu_args): QEMU virt with the
# Virtualization Extensions, a Cortex-A15 entered in Hyp mode, highmem so
# that RAM goes past 4 GiB (LPAE: up to 255 GiB of RAM from 0x4000_0000 on
# QEMU 7.2; 256 GiB does not start). The stub loads with -kernel at
# 0x4000_0000, the board DTB as a raw blob at 0x4400_0000.

# shellcheck disable=SC2034 # read by run-board.sh
port_setup() {
    qemu=${QEMU_ARM:-qemu-system-arm}
    qemu_pkg='qemu-system-arm'
    granule_dflt=4k
    ram_base=0x40000000
    # Stub image at 0x4000_0000 (at most 64 MiB), DTB at 0x4400_0000
    # (at most 1 MiB).
    stub_reserve=0x40000000:0x4100000
    arm32_dtb_addr=0x44000000
    dtb_max=1048576
    machine_key=virt-hyp-a15
}

port_qemu_args() {
    test "$2" -le 255 ||
        hard "arm32: the board needs ${2} GiB of guest RAM; QEMU 7.2's 32-bit virt starts with at most 255"
    printf '%s\n' -M virt,virtualization=on,highmem=on -cpu cortex-a15 \
        -nographic -nic none \
        -object "memory-backend-ram,id=m0,size=${2}G,reserve=off" \
        -machine memory-backend=m0 -m "${2}G"
    case $1 in
    dump)
        printf '%s\n' -machine "dumpdtb=$3"
        ;;
    run)
        # QEMU 7.2 virt rewrites the memory nodes of a -dtb: load the
        # board's tree as a raw blob where the stub looks for it.
        printf '%s\n' -semihosting-config enable=on,target=native \
            -kernel "$3" \
            -device "loader,file=$4,addr=$arm32_dtb_addr,force-raw=on"
        ;;
    esac
}
