#!/bin/sh
# Extract libfdt's sources for a cross build: Debian's linux-source-6.1
# ships them (scripts/dtc/libfdt, GPL-2.0-or-later OR BSD-2-Clause) in its
# tarball. Usage: libfdt-target.sh OUTDIR. Cached: does nothing when
# OUTDIR already holds them. The boot stubs compile just that folder.
set -eu
out=$1
tarball=${LINUX_SOURCE_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
[ -f "$out/fdt_ro.c" ] && [ -f "$out/libfdt.h" ] && exit 0
if [ ! -f "$tarball" ]; then
    echo "libfdt-target: $tarball not found: install Debian's linux-source-6.1 (scripts/setup.sh --ports does)" >&2
    exit 1
fi
tmp=$out.tmp.$$
rm -rf "$tmp"
mkdir -p "$tmp"
tar -xJf "$tarball" -C "$tmp" --wildcards '*/scripts/dtc/libfdt/*'
mkdir -p "$out"
cp "$tmp"/*/scripts/dtc/libfdt/* "$out/"
rm -rf "$tmp"
echo "libfdt-target: libfdt sources in $out"
