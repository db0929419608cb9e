# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=sh
#
# What tests/qemu/run-board.sh needs to know about arm64 (sourced by it;
# the runner's comment describes the two functions): QEMU virt at EL2,
# the stub loaded with -kernel at 0x4000_0000, the board DTB as a raw blob
# at 0x4400_0000 (boot-arm64.c reads it there), RAM from 0x4000_0000.

# shellcheck disable=SC2034 # read by run-board.sh
port_setup() {
    qemu=${QEMU_AARCH64:-qemu-system-aarch64}
    qemu_pkg='qemu-system-arm'
    granule_dflt=4k
    ram_base=0x40000000
    # Stub image at 0x4000_0000 (at most 64 MiB), DTB at 0x4400_0000
    # (at most 1 MiB).
    stub_reserve=0x40000000:0x4100000
    arm64_dtb_addr=0x44000000
    dtb_max=1048576
    machine_key=virt-el2-max
}

port_qemu_args() {
    # -nic none: QEMU would look for the virtio-net option ROM otherwise.
    # reserve=off: RAM is mapped lazily, so TiB of guest RAM cost only
    # what the stub touches.
    printf '%s\n' -M virt,virtualization=on -cpu max -nographic -nic none \
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
            -device "loader,file=$4,addr=$arm64_dtb_addr,force-raw=on"
        ;;
    esac
}
