#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# ftplan --json keeps the plan's invariants on every board and every port:
# mappings disjoint in VA and PA, inside declared RAM and outside reserved
# ranges, aligned to their size, adding up to the allocated bytes; every
# bank's descriptors inside one chunk. A DTB and the bank list it was made
# from give the same JSON.
. "${srcdir:-.}/tests/lib.sh"

cat >"$tmp/check.py" <<'PY'
import json, sys

def h(s):
    assert isinstance(s, str) and s.startswith("0x"), s
    return int(s, 16)

def check(path, limit, placed):
    with open(path) as f:
        j = json.load(f)
    for k, t in (("arch", str), ("variant", str), ("granule", int),
                 ("desc_size", int), ("pdx_mode", str), ("policy", str),
                 ("group_order", int), ("base_pdx", str),
                 ("window_base", str), ("banks", list), ("reserved", list),
                 ("chunks", list), ("mappings", list), ("totals", dict)):
        assert isinstance(j.get(k), t), "field %s: %r" % (k, j.get(k))
    assert j["pdx_mode"] in ("none", "mask", "offset"), j["pdx_mode"]
    t = j["totals"]
    for k in ("limit_bytes", "allocated_bytes", "pt_pages", "tlb_entries",
              "nr_chunks", "ghost_descs", "dense_bytes",
              "dense_nopdx_bytes", "dense_tlb_entries", "dense_pt_pages"):
        assert isinstance(t.get(k), int), "totals.%s" % k
    # An identity plan carries its one array under each PDX scheme; the
    # plan's own is the allocated bytes and PDX none is the dense figure.
    z = j.get("pdx_sizes")
    if j["identity"] is True:
        assert isinstance(z, dict), "identity plan without pdx_sizes"
        assert z["plan"] == t["allocated_bytes"], ("plan", z["plan"])
        assert z["limit"] == t["limit_bytes"], ("limit", z["limit"])
        assert z["none"] == t["dense_nopdx_bytes"], \
            "pdx_sizes.none %r != dense_nopdx_bytes %r" % (
                z["none"], t["dense_nopdx_bytes"])
        for k in ("none", "mask", "offset_xen"):
            assert z[k] is None or z[k] >= z["plan"], \
                "pdx_sizes.%s %r below this plan" % (k, z[k])
    else:
        assert z is None, "pdx_sizes on a plan with a VA window"
    gran = j["granule"]
    banks = [(h(b["base"]), h(b["size"])) for b in j["banks"]]
    res = [(h(r["base"]), h(r["size"])) for r in j["reserved"]]
    chunks = [(h(c["va"]), h(c["va_end"]), c["pa"], c["bytes"])
              for c in j["chunks"]]
    maps = j["mappings"]
    identity = maps and maps[0]["class"] == "region"

    assert t["nr_chunks"] == len(chunks)
    assert t["tlb_entries"] == len(maps), (t["tlb_entries"], len(maps))
    if limit:
        slack = t["allocated_bytes"] - t["limit_bytes"]
        assert 0 <= slack <= 4096 * 2 * t["nr_chunks"], \
            "allocated exceeds the limit by %d" % slack
    for va, end, pa, n in chunks:
        assert va % gran == 0 and end % gran == 0 and end - va == n
        assert (pa is not None) == placed, pa
    for a, b in zip(chunks, chunks[1:]):
        assert a[1] <= b[0], "chunks overlap in VA"

    total = 0
    for m in maps:
        va, size = h(m["va"]), h(m["size"])
        assert isinstance(m["contig"], bool) and isinstance(m["class"], str)
        total += size
        align = gran if identity else size
        assert va % align == 0, "va %#x not aligned to %#x" % (va, align)
        # The mapping lies in one chunk, at the chunk's PA offset.
        inside = [c for c in chunks if c[0] <= va and va + size <= c[1]]
        assert len(inside) == 1, "mapping %#x+%#x not in a chunk" % (va, size)
        c = inside[0]
        if not placed:
            assert m["pa"] is None
            continue
        pa = h(m["pa"])
        assert pa == h(c[2]) + (va - c[0]), "pa off its chunk"
        assert pa % align == 0, "pa %#x not aligned to %#x" % (pa, align)
        if identity:
            assert pa == va
        assert any(b <= pa and pa + size <= b + s for b, s in banks), \
            "mapping pa %#x+%#x outside RAM" % (pa, size)
        assert not any(pa < b + s and b < pa + size for b, s in res), \
            "mapping pa %#x+%#x in a reserved range" % (pa, size)
    assert total == t["allocated_bytes"], (total, t["allocated_bytes"])

    for key in ("va",) + (("pa",) if placed else ()):
        spans = sorted((h(m[key]), h(m["size"])) for m in maps)
        for (a, sa), (b, sb) in zip(spans, spans[1:]):
            assert a + sa <= b, "mappings overlap in %s at %#x" % (key, b)

    for b in j["banks"]:
        s, e = h(b["desc_va"]), h(b["desc_va_end"])
        assert s < e
        assert any(c[0] <= s and e <= c[1] for c in chunks), \
            "bank %s: descriptors %#x..%#x not in one chunk" % (b["base"], s, e)

path, limit, placed = sys.argv[1], sys.argv[2] == "limit", sys.argv[3] == "placed"
try:
    check(path, limit, placed)
except AssertionError as e:
    print("%s: %s" % (path, e), file=sys.stderr)
    sys.exit(1)
PY

# run NAME LIMIT PLACED ARGS...: ftplan --json ARGS into $tmp/NAME.json and
# check it.
run() {
	name=$1 limit=$2 placed=$3
	shift 3
	if ! "$FTPLAN" --json "$@" >"$tmp/$name.json" 2>"$tmp/$name.err"; then
		bad "$name: ftplan $*: $(cat "$tmp/$name.err")"
		return
	fi
	python3 "$tmp/check.py" "$tmp/$name.json" "$limit" "$placed" ||
		bad "$name: ftplan $*"
}

# The issue's map: two 2 GiB banks 30 GiB apart.
cat >"$tmp/issue.banks" <<'B'
# board: two 2 GiB banks
memory 0x80000000 0x80000000
memory 0x800000000 0x80000000
B
run issue limit placed --arch arm64 --granule 4k --desc-size 56 \
	--policy min-memory "$tmp/issue.banks"
run issue-noplace limit unplaced --arch arm64 --granule 4k --desc-size 56 \
	--policy min-memory --no-place "$tmp/issue.banks"

for f in "$srcdir"/boards/*.banks; do
	b=$(basename "$f" .banks)
	run "$b" nolimit placed "$f"
	run "$b-mpu" nolimit placed --arch arm-mpu "$f"
done
[ -n "${b:-}" ] || bad "no boards in $srcdir/boards"

one=$srcdir/boards/rockchip-rk3588-evb7.banks
run sv39 nolimit placed --arch riscv64 "$one"
run sv48 nolimit placed --arch riscv64 --variant sv48 "$one"
run arm64-16k nolimit placed --granule 16k "$one"
run arm64-64k nolimit placed --granule 64k "$one"
run mpu nolimit placed --arch arm-mpu "$one"
run mpu-noplace nolimit unplaced --arch arm-mpu --no-place "$one"
run min-tlb nolimit placed --policy min-tlb "$one"

# Every board as a DTB (#address-cells = #size-cells = 2) gives the same
# JSON as its bank list.
for f in "$srcdir"/boards/*.banks; do
	b=$(basename "$f" .banks)
	awk '
	function cells(v) {
		v = substr(v, 3)
		while (length(v) < 16)
			v = "0" v
		return "0x" substr(v, 1, 8) " 0x" substr(v, 9, 8)
	}
	$1 == "memory" {
		mem = mem "\tmemory@" substr($2, 3) "-" NR " {\n" \
		      "\t\tdevice_type = \"memory\";\n" \
		      "\t\treg = <" cells($2) " " cells($3) ">;\n\t};\n"
	}
	$1 == "reserved" {
		res = res "\t\tres" NR "@" substr($2, 3) " {\n" \
		      "\t\t\treg = <" cells($2) " " cells($3) ">;\n\t\t};\n"
	}
	END {
		print "/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;"
		printf "%s", mem
		print "\treserved-memory {\n\t\t#address-cells = <2>;"
		print "\t\t#size-cells = <2>;\n\t\tranges;"
		printf "%s", res
		print "\t};\n};"
	}' "$f" >"$tmp/$b.dts"
	if ! dtc -q -I dts -O dtb -o "$tmp/$b.dtb" "$tmp/$b.dts"; then
		bad "$b: dtc failed"
		continue
	fi
	for arch in arm64 arm-mpu; do
		"$FTPLAN" --json --arch $arch "$f" >"$tmp/$b.banks.json" 2>&1
		"$FTPLAN" --json --arch $arch "$tmp/$b.dtb" >"$tmp/$b.dtb.json" 2>&1
		cmp -s "$tmp/$b.banks.json" "$tmp/$b.dtb.json" ||
			bad "$b ($arch): DTB and bank list differ:" \
				"$(diff "$tmp/$b.banks.json" "$tmp/$b.dtb.json" |
					head -n 6)"
	done
done

exit $fail
