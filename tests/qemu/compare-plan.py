#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Compare two frametable plans (the JSON of `ftplan --json`, docs/ftplan.md).

    compare-plan.py [--totals-line LINE] GUEST.json HOST.json

The plans must be equal once every "pa" field (at any depth) and the
top-level "placed" field are dropped from both: a boot stub places its
chunks with its own allocator and `ftplan --no-place` places nothing, but
everything else (banks, PDX, groups, chunks, VAs, mappings, totals) is the
plan and must match exactly. For an identity arch (MPU, "identity": true)
the VAs are the PAs the stub's allocator chose, so they are compared as
offsets from window_base (the table's start), and window_base itself is
set aside with the PAs. Prints the first difference, as a path into
the JSON, and exits 1; exits 0 when equal, 2 on unreadable input.

--totals-line checks a boot stub's "FT-TOTALS limit=... allocated=..."
line against the totals of HOST.json as well.
"""
import json
import sys

IGNORED_EVERYWHERE = ("pa",)
IGNORED_TOP = ("placed",)

# FT-TOTALS key -> totals key of the JSON.
TOTALS_KEYS = {
    "limit": "limit_bytes",
    "allocated": "allocated_bytes",
    "tlb": "tlb_entries",
    "pt_pages": "pt_pages",
    "dense": "dense_bytes",
    "dense_nopdx": "dense_nopdx_bytes",
}


def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items()
                if k not in IGNORED_EVERYWHERE}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v


VA_KEYS = ("va", "va_end", "desc_va", "desc_va_end")


def rebase_identity(plan):
    """An identity plan's VAs as offsets from its window_base."""
    if plan.get("identity") is not True:
        return plan
    base = int(plan.get("window_base", "0x0"), 16)

    def walk(v):
        if isinstance(v, dict):
            return {k: ("0x%x" % (int(x, 16) - base)
                        if k in VA_KEYS and isinstance(x, str) else walk(x))
                    for k, x in v.items() if k != "window_base"}
        if isinstance(v, list):
            return [walk(x) for x in v]
        return v
    return walk(plan)


def short(v):
    s = json.dumps(v, sort_keys=True)
    return s if len(s) <= 160 else s[:157] + "..."


def first_diff(a, b, path):
    """The first difference between a and b as a string, or None."""
    if type(a) is not type(b):
        return "%s: guest has %s, host has %s" % (path, short(a), short(b))
    if isinstance(a, dict):
        for k in a:
            if k not in b:
                return "%s.%s: only in the guest's plan (%s)" % (
                    path, k, short(a[k]))
        for k in b:
            if k not in a:
                return "%s.%s: only in the host's plan (%s)" % (
                    path, k, short(b[k]))
        for k in a:
            d = first_diff(a[k], b[k], "%s.%s" % (path, k))
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_diff(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        if len(a) != len(b):
            n = min(len(a), len(b))
            extra = a[n] if len(a) > n else b[n]
            return "%s: guest has %d entries, host has %d (first extra: %s)" \
                % (path, len(a), len(b), short(extra))
        return None
    if a != b:
        return "%s: guest has %s, host has %s" % (path, short(a), short(b))
    return None


def load(path, who):
    try:
        with open(path) as f:
            v = json.load(f)
    except (OSError, ValueError) as e:
        print("compare-plan: %s plan %s: %s" % (who, path, e))
        sys.exit(2)
    if not isinstance(v, dict):
        print("compare-plan: %s plan %s: not a JSON object" % (who, path))
        sys.exit(2)
    return v


def check_totals_line(line, host):
    fields = {}
    for word in line.split()[1:]:
        k, sep, v = word.partition("=")
        if not sep:
            return "FT-TOTALS: malformed field %r" % word
        try:
            fields[k] = int(v, 0)
        except ValueError:
            return "FT-TOTALS: %s=%r is not a number" % (k, v)
    totals = host.get("totals", {})
    for k, jk in TOTALS_KEYS.items():
        if k not in fields:
            return "FT-TOTALS: no %s= field" % k
        if fields[k] != totals.get(jk):
            return "FT-TOTALS %s=%d, host plan's totals.%s is %s" % (
                k, fields[k], jk, totals.get(jk))
    return None


def main(argv):
    totals_line = None
    args = list(argv[1:])
    if len(args) >= 2 and args[0] == "--totals-line":
        totals_line = args[1]
        args = args[2:]
    if len(args) != 2:
        print(__doc__.strip())
        return 2
    guest = load(args[0], "guest")
    host = load(args[1], "host")
    for k in IGNORED_TOP:
        guest.pop(k, None)
        host.pop(k, None)
    d = first_diff(strip(rebase_identity(guest)),
                   strip(rebase_identity(host)), "$")
    if d:
        print("plans differ: " + d)
        return 1
    if totals_line is not None:
        d = check_totals_line(totals_line, host)
        if d:
            print("totals differ: " + d)
            return 1
    print("plans equal (ignoring pa and placed)")
    for line in summary(guest):
        print("  " + line)
    return 0


def summary(p):
    """A few lines that say what the plan is."""
    maps = p.get("mappings", [])
    by_class = {}
    for m in maps:
        by_class[m.get("class")] = by_class.get(m.get("class"), 0) + 1
    t = p.get("totals", {})
    yield "plan: %s/%s, pdx %s, group order %s, base pdx %s, window %s" % (
        p.get("arch"), p.get("variant"), p.get("pdx_mode"),
        p.get("group_order"), p.get("base_pdx"), p.get("window_base"))
    yield "%d banks, %d reserved, %d chunks, %d mappings (%s), %s ghost " \
        "descriptors" % (
            len(p.get("banks", [])), len(p.get("reserved", [])),
            len(p.get("chunks", [])), len(maps),
            ", ".join("%s x%d" % (k, n) for k, n in sorted(by_class.items())),
            t.get("ghost_descs"))
    for c in p.get("chunks", [])[:8]:
        yield "chunk va %s..%s pa %s pdx %s..%s, %s bytes" % (
            c.get("va"), c.get("va_end"), c.get("pa"), c.get("pdx_start"),
            c.get("pdx_end"), c.get("bytes"))
    if len(p.get("chunks", [])) > 8:
        yield "... %d more chunks" % (len(p["chunks"]) - 8)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
