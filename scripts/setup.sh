#!/bin/sh
# Install what frametable needs on Debian bookworm: the Autotools, host
# libfdt and dtc, python3 for the JSON tests, and the 32-bit libc for the
# -m32 test build (not gcc-multilib: it conflicts with the arm64 cross
# compiler), and for the ports (arm64, riscv64, arm32): the cross compilers,
# picolibc, QEMU, OpenSBI (riscv64's M-mode firmware) and
# linux-source-6.1 (whose tarball holds the libfdt sources the stubs
# compile). Idempotent: installs only what is missing.
set -eu
pkgs="build-essential autoconf automake libtool pkg-config libfdt-dev
device-tree-compiler python3 libc6-dev-i386 lib32gcc-12-dev
gcc-aarch64-linux-gnu picolibc-aarch64-linux-gnu qemu-system-arm
gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-system-misc opensbi
gcc-arm-none-eabi picolibc-arm-none-eabi
linux-source-6.1 xz-utils valgrind librsvg2-bin clang libclang-rt-14-dev clang-format"
missing=
for p in $pkgs; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -z "$missing" ]; then
    echo "setup: all packages present"
    exit 0
fi
echo "setup: installing$missing"
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
