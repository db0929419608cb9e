#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# ftplan --arch arm32 on any host: Xen arm32's defaults come with the arch
# (32-byte descriptors, 40-bit PA, 96 MiB window at 32 MiB) unless
# --desc-size / --pa-bits say otherwise; on the window-overflow map
# (tests/qemu/arm32/window-overflow-4k.qemu) Xen's dense layout (mask PDX)
# does not fit the window while the sparse plan does; on the Calxeda
# ECX-2000 nothing fits.
FTPLAN=${FTPLAN:-./ftplan}
srcdir=${srcdir:-.}
overflow=$srcdir/tests/qemu/boards/arm32-window-overflow.banks
ecx=$srcdir/boards/calxeda-ecx-2000.banks
fail=0

bad() {
	echo "FAIL: $*" >&2
	fail=1
}

json=$("$FTPLAN" --arch arm32 --json --no-place "$overflow") ||
	bad "the sparse plan of the overflow map was refused"
for kv in '"desc_size": 32' '"pa_bits": 40' '"window_base": "0x2000000"' \
	'"window_size": "0x6000000"' '"allocated_bytes": 50331648' \
	'"dense_nopdx_bytes": 369098752'; do
	case $json in
	*"$kv"*) ;;
	*) bad "ftplan --arch arm32 --json lacks $kv" ;;
	esac
done

# Xen's dense layout: mask PDX from the first to the last frame.
err=$("$FTPLAN" --arch arm32 --pdx mask --no-place "$overflow" 2>&1) &&
	bad "ftplan --pdx mask planned the overflow map"
case $err in
*"frametable larger than its virtual window: needs 0xb800000 bytes"*) ;;
*) bad "ftplan --pdx mask: '$err', want the window error for 184 MiB" ;;
esac

err=$("$FTPLAN" --arch arm32 --no-place "$ecx" 2>&1) &&
	bad "ftplan planned the ECX-2000's 16 GiB in a 96 MiB window"
case $err in
*"larger than its virtual window: needs 0x8000000 bytes"*) ;;
*) bad "ftplan on the ECX-2000: '$err'" ;;
esac

# The options still win over the arch's defaults.
json=$("$FTPLAN" --arch arm32 --desc-size 64 --pa-bits 36 --json \
	--no-place "$srcdir/boards/renesas-r8a7790-lager.banks") ||
	bad "--desc-size 64 --pa-bits 36 refused"
case $json in
*'"desc_size": 64'*'"pa_bits": 36'*) ;;
*) bad "--desc-size / --pa-bits did not override the arch's defaults" ;;
esac
exit $fail
