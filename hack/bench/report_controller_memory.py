#!/usr/bin/env python3
"""Prints controller-memory.sh's table: per variant, T_conv, RSS, and Native Memory Tracking's
committed memory by category, with what RSS holds beyond NMT's total; the young and full collections
it took to converge, the live heap after (a class histogram's total), and the controller's CPU from its
start until then; and RSS split into anonymous memory, file-backed pages, and of those the AppCDS
archive's (older results have no split: "–")."""
import re
import sys

CATEGORY = re.compile(r'^-\s+(.+?) \(reserved=\d+(?:KB)?, committed=(\d+)(KB)?\)')
TOTAL = re.compile(r'^Total: reserved=\d+(?:KB)?, committed=(\d+)(KB)?')


def kib(value, unit):
    """NMT prints KB when asked for scale=KB (the driver does), bytes otherwise."""
    return int(value) if unit else int(value) // 1024


SHOWN = ["Java Heap", "Metaspace", "Code", "Shared class space", "Symbol", "Arena Chunk", "Class", "Thread", "Native Memory Tracking"]


def committed(path):
    out, total = {}, 0
    for line in open(path):
        t = TOTAL.match(line.strip())
        if t:
            total = kib(t.group(1), t.group(2))
        m = CATEGORY.match(line.strip())
        if m:
            out[m.group(1)] = kib(m.group(2), m.group(3))
    return out, total


def mib(kib):
    return f"{kib / 1024:.0f}"


results, n = sys.argv[1], sys.argv[2]
rows = [line.rstrip("\n").split("\t") for line in open(results) if line.strip()]
base_rss = float(rows[0][2])
print(f"Controller memory after converging {n} RustApps (MiB; NMT: committed, by the JVM's account)\n")
print("| variant | T_conv | RSS | vs first row | NMT total | " + " | ".join(SHOWN)
      + " | other | RSS − NMT total | RSS: anonymous / file-backed / of which the archive | young / full collections "
      "| live heap | controller CPU |")
print("|---|---|---|---|---|" + "---|" * len(SHOWN) + "---|---|---|---|---|---|")
for name, seconds, rss, nmt, collections, live, cpu, *split in rows:
    parts, total = committed(nmt)
    other = total - sum(parts.get(k, 0) for k in SHOWN)
    print(f"| {name} | {float(seconds):.1f} s | {rss} | {float(rss) / base_rss:.2f}x | {mib(total)} | "
          + " | ".join(mib(parts.get(k, 0)) for k in SHOWN)
          + f" | {mib(other)} | {float(rss) - total / 1024:.0f} | {split[0].replace('/', ' / ') if split else '–'} "
          f"| {collections} | {live} | {cpu} s |")
