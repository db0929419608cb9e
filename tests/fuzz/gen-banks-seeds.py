#!/usr/bin/env python3
# Write the seed inputs of fuzz-banks (format: see fuzz-banks.c) into
# corpus/banks/. Run from tests/fuzz/: python3 gen-banks-seeds.py
import struct, os

NONE = 0xff  # no injected failure

def seed(name, arch=0, policy=0, pdx=0, desc=56, pa_bits=48, order=-1,
         slots=0, fail_alloc=NONE, fail_map=NONE, tiny=0, banks=(), reserved=()):
    hdr = struct.pack('<BBBHBbBBBBB', arch, policy, pdx, desc, pa_bits,
                      order, slots, fail_alloc, fail_map, len(reserved), tiny)
    body = b''.join(struct.pack('<QQ', b, s) for b, s in list(banks) + list(reserved))
    with open(os.path.join('corpus', 'banks', name), 'wb') as f:
        f.write(hdr + body)

G = 1 << 30
os.makedirs(os.path.join('corpus', 'banks'), exist_ok=True)
# arch index: 0 arm64 4k, 1 16k, 2 64k, 3 riscv sv39, 4 sv48, 5 arm-mpu
seed('versal-net-4k', banks=[(0, 2 * G), (0x800000000, 14 * G), (0x50000000000, 16 * G)],
     reserved=[(0x1c200000, 0x6000000), (0xbbf14000, 0x1000)])
seed('versal-net-16k-min-memory', arch=1, policy=1,
     banks=[(0, 2 * G), (0x800000000, 14 * G), (0x50000000000, 16 * G)])
seed('versal-net-64k-min-tlb', arch=2, policy=2,
     banks=[(0, 2 * G), (0x800000000, 14 * G), (0x50000000000, 16 * G)])
seed('riscv-sv39-pdx-mask', arch=3, pdx=2, pa_bits=56,
     banks=[(0x80000000, 4 * G), (0x1000000000, 4 * G)])
seed('riscv-sv48-pdx-offset', arch=4, pdx=3, slots=16,
     banks=[(0x80000000, 2 * G), (0x2000000000, 2 * G), (0x4000000000, 1 * G)])
seed('mpu-two-banks', arch=5, desc=32,
     banks=[(0x0, 0x80000000), (0x100000000, 0x80000000)])
seed('adjacent-unordered', banks=[(0x40200000, 0x200000), (0x40000000, 0x200000),
                                  (0x10000000, 0x1000)])
seed('overlap', banks=[(0x40000000, 0x40000000), (0x60000000, 0x40000000)])
seed('unaligned', banks=[(0x40000800, 0x100000)])
seed('zero-size', banks=[(0x40000000, 0)])
seed('beyond-pa', pa_bits=40, banks=[(0xff00000000, 0x200000000)])
seed('wraps', banks=[(0xfffffffffffff000, 0x2000)])
seed('pa64-top', pa_bits=64, banks=[(0xffffffff00000000, 0x100000000)])
seed('odd-desc-order', desc=40, order=12,
     banks=[(0x80000000, 0x100000000), (0x880000000, 0x80000000)])
seed('fail-alloc', fail_alloc=0,
     banks=[(0, 2 * G), (0x800000000, 14 * G)])
seed('fail-map', fail_map=1,
     banks=[(0, 2 * G), (0x800000000, 14 * G)])
seed('tiny-ram', banks=[(0x40000000, 0x1000), (0x4000000000, 0x1000)])
seed('bad-params', arch=6, policy=7, pdx=9, desc=0, pa_bits=200, order=-5,
     banks=[(0x40000000, 0x1000)])
seed('tiny-storage-chunks', tiny=1,
     banks=[(0, 2 * G), (0x800000000, 14 * G), (0x50000000000, 16 * G)])
seed('tiny-storage-banks', tiny=1,
     banks=[(0, 0x1000), (0x10000, 0x1000), (0x20000, 0x1000), (0x30000, 0x1000),
            (0x40000, 0x1000)],
     reserved=[(0, 0x1000), (0x10000, 0x1000), (0x20000, 0x1000)])
