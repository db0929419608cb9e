# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=sh
#
# tests/qemu/run-board.sh's hooks for riscv64 (sourced by it; the runner
# describes port_setup and port_qemu_args). QEMU virt with OpenSBI
# (-bios default) in M-mode; the stub is its S-mode payload at 0x8020_0000.
# RAM starts at 0x8000_0000, so banks below it move up by whole GiB and no
# further. The board DTB goes in with -dtb: riscv64 virt keeps it as given,
# loads it at 0xbfe0_0000 and OpenSBI hands it to the stub in a1.

# shellcheck disable=SC2034 # read by run-board.sh
port_setup() {
    qemu=${QEMU_RISCV64:-qemu-system-riscv64}
    qemu_pkg='qemu-system-misc'
    granule_dflt=sv48
    ram_base=0x80000000
    # OpenSBI's 2 MiB at 0x8000_0000 (PMP-protected), then the stub
    # image, all below 0x8200_0000 (stub.ld asserts it).
    stub_reserve=0x80000000:0x2000000
    dtb_max=1048576
    # The -nonapot variants boot on a hart without Svnapot, the others on
    # one with it: the dumped tree's riscv,isa says which.
    case ${cfg_granule:-$granule_dflt} in
    *-nonapot)
        rv_cpu=rv64
        machine_key=virt-sbi-rv64
        ;;
    *)
        rv_cpu=rv64,svnapot=on
        machine_key=virt-sbi-rv64-svnapot
        ;;
    esac
}

port_qemu_args() {
    # reserve=off: guest RAM is backed lazily, so a board with RAM at
    # 65 GiB costs only what the stub touches.
    printf '%s\n' -M virt -bios default -cpu "$rv_cpu" -nographic \
        -object "memory-backend-ram,id=m0,size=${2}G,reserve=off" \
        -machine memory-backend=m0 -m "${2}G"
    if test "$1" = dump; then
        printf '%s\n' -machine "dumpdtb=$3"
    else
        printf '%s\n' -kernel "$3" -dtb "$4"
    fi
}
