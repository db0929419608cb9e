#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# ftplan --svg draws a picture that is well-formed XML, names the board,
# states the totals of the plan (checked against --json), has one chunk
# box per chunk and one bank box per bank, is the same bytes on every run,
# and renders: rsvg-convert turns it into a PNG 1200 px wide. The picture
# does not change what goes to stdout; an unwritable FILE is an input
# error that leaves stdout empty and no file behind.
#
# Needs python3 and rsvg-convert (Debian: librsvg2-bin). Their absence is a
# hard error (99), not a skip: the pictures would go unchecked.
. "${srcdir:-.}/tests/lib.sh"
need python3 python3
need rsvg-convert librsvg2-bin
[ -x "$FTPLAN" ] || {
	echo "ERROR: FTPLAN=$FTPLAN is not an executable" >&2
	exit 99
}

cat >"$tmp/check.py" <<'PY'
import json, struct, sys, xml.dom.minidom

def human(v):
    unit = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    u = 0
    while u + 1 < len(unit) and v >= 1 << (10 * (u + 1)):
        u += 1
    if not u or not v & ((1 << (10 * u)) - 1):
        return "%d %s" % (v >> (10 * u), unit[u])
    return "%.2f %s" % (v / (1 << (10 * u)), unit[u])

def texts(node, tag):
    for e in node.getElementsByTagName(tag):
        yield "".join(c.data for c in e.childNodes
                      if c.nodeType == c.TEXT_NODE)

def check_svg(svg_path, json_path, board):
    doc = xml.dom.minidom.parse(svg_path)
    root = doc.documentElement
    assert root.tagName == "svg", root.tagName
    assert root.getAttribute("xmlns") == "http://www.w3.org/2000/svg"
    assert root.getAttribute("width") == "1200", root.getAttribute("width")
    with open(json_path) as f:
        j = json.load(f)
    t = j["totals"]
    rects = root.getElementsByTagName("rect")
    classes = [r.getAttribute("class").split() for r in rects]
    n_chunk = sum("chunk" in c for c in classes)
    n_bank = sum("bank" in c for c in classes)
    assert n_chunk == t["nr_chunks"] == len(j["chunks"]), \
        "%d chunk boxes for %d chunks" % (n_chunk, t["nr_chunks"])
    assert n_bank == len(j["banks"]), \
        "%d bank boxes for %d banks" % (n_bank, len(j["banks"]))
    words = "\n".join(texts(root, "text"))
    lim, alloc = t["limit_bytes"], t["allocated_bytes"]
    tlb, pt = t["tlb_entries"], t["pt_pages"]
    want = [
        board,
        "%s/%s" % (j["arch"], j["variant"]) if j["variant"] else j["arch"],
        "policy " + j["policy"],
        "PDX " + j["pdx_mode"],
        "limit " + human(lim),
        "allocated %s = %.4fx limit" % (human(alloc), alloc / lim),
        "%d TLB entr%s" % (tlb, "y" if tlb == 1 else "ies"),
        "%d page-table page" % pt,
        "dense layout %s = %.2fx this plan" % (human(t["dense_bytes"]),
                                               t["dense_bytes"] / alloc),
    ]
    # The legend names every size class the plan uses.
    want += sorted({m["class"] for m in j["mappings"]})
    for w in want:
        assert w in words, "text %r missing" % w
    desc = " ".join(texts(root, "desc"))
    for k in ("limit_bytes", "allocated_bytes", "tlb_entries", "pt_pages",
              "nr_chunks", "dense_bytes"):
        assert "%s=%d" % (k, t[k]) in desc, "desc lacks %s" % k

def check_png(path, width):
    with open(path, "rb") as f:
        head = f.read(24)
        rest = f.read()
    assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert head[12:16] == b"IHDR", "no IHDR"
    w, h = struct.unpack(">II", head[16:24])
    assert w == width, "PNG is %d px wide, want %d" % (w, width)
    assert h > 200 and rest, "PNG too small: %dx%d" % (w, h)

try:
    if sys.argv[1] == "svg":
        check_svg(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "png":
        check_png(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "xml":
        xml.dom.minidom.parse(sys.argv[2])
except (AssertionError, Exception) as e:
    print("%s: %s" % (sys.argv[2], e), file=sys.stderr)
    sys.exit(1)
PY

board_name() {
	sed -n 's/^# board: *//p' "$1" | head -n 1
}

for b in amd-versal-net-vnx rockchip-rk3588-evb7 qemu-virt-arm64; do
	f=$srcdir/boards/$b.banks
	[ -r "$f" ] || {
		echo "ERROR: $f missing" >&2
		exit 99
	}
	if ! "$FTPLAN" --json "$f" >"$tmp/$b.json"; then
		bad "$b: ftplan --json failed"
		continue
	fi
	if ! "$FTPLAN" --json --svg "$tmp/$b.svg" "$f" >"$tmp/$b.out"; then
		bad "$b: ftplan --svg failed"
		continue
	fi
	cmp -s "$tmp/$b.json" "$tmp/$b.out" ||
		bad "$b: --svg changed what goes to stdout"
	python3 "$tmp/check.py" svg "$tmp/$b.svg" "$tmp/$b.json" \
		"$(board_name "$f")" || bad "$b: the SVG"
	if ! { "$FTPLAN" --svg "$tmp/$b.again.svg" "$f" >/dev/null &&
		cmp -s "$tmp/$b.svg" "$tmp/$b.again.svg"; }; then
		bad "$b: two runs drew different pictures"
	fi
	if rsvg-convert -o "$tmp/$b.png" "$tmp/$b.svg" 2>"$tmp/$b.err" &&
		[ ! -s "$tmp/$b.err" ]; then
		python3 "$tmp/check.py" png "$tmp/$b.png" 1200 ||
			bad "$b: the PNG"
	else
		bad "$b: rsvg-convert: $(head -n 3 "$tmp/$b.err")"
	fi
done

# Other ports and --no-place draw too.
f=$srcdir/boards/amd-versal-net-vnx.banks
for a in "-a riscv64 -g sv39" "-a arm64 -g 64k" "-a arm-mpu" \
	"--no-place --policy min-tlb"; do
	# shellcheck disable=SC2086
	if "$FTPLAN" $a --json "$f" >"$tmp/o.json" &&
		"$FTPLAN" $a --svg "$tmp/o.svg" "$f" >/dev/null; then
		python3 "$tmp/check.py" svg "$tmp/o.svg" "$tmp/o.json" \
			"$(board_name "$f")" || bad "versal-net $a: the SVG"
	else
		bad "versal-net $a: ftplan failed"
	fi
done

# Markup and bytes that are not UTF-8 in the board's name are escaped;
# without "# board:" the file's name is the title.
printf '# board: a <b> & "c" \377 d\nmemory 0x80000000 0x40000000\n' \
	>"$tmp/odd.banks"
if "$FTPLAN" --svg "$tmp/odd.svg" "$tmp/odd.banks" >/dev/null; then
	python3 "$tmp/check.py" xml "$tmp/odd.svg" ||
		bad "odd board name: not well-formed"
	grep -q 'a &lt;b&gt; &amp; &quot;c&quot; ? d' "$tmp/odd.svg" ||
		bad "odd board name: not escaped as expected"
else
	bad "odd board name: ftplan failed"
fi
printf 'memory 0x80000000 0x40000000\n' >"$tmp/plain.banks"
if "$FTPLAN" --svg "$tmp/plain.svg" "$tmp/plain.banks" >/dev/null; then
	grep -q '<title>frametable plan: plain.banks</title>' "$tmp/plain.svg" ||
		bad "no board line: the title is not the file name"
else
	bad "no board line: ftplan failed"
fi

# An unwritable FILE: status 1, a message naming it, stdout empty.
"$FTPLAN" --svg "$tmp/no/such/dir/x.svg" "$f" >"$tmp/e.out" 2>"$tmp/e.err"
rc=$?
[ "$rc" -eq 1 ] || bad "unwritable --svg: status $rc, want 1"
[ -s "$tmp/e.out" ] && bad "unwritable --svg: stdout not empty"
grep -q "^ftplan: $tmp/no/such/dir/x.svg: " "$tmp/e.err" ||
	bad "unwritable --svg: message: $(cat "$tmp/e.err")"
# A usage error: --svg without its value.
"$FTPLAN" "$f" --svg >/dev/null 2>&1
rc=$?
[ "$rc" -eq 2 ] || bad "--svg without FILE: status $rc, want 2"

exit $fail
