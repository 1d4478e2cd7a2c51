#!/usr/bin/env python3
"""Prints hack/bench/scale.sh's results as a Markdown table, per size and per app. Memory per app is
marginal (the growth from the previous size over the apps added), so the fixed base of the process
does not hide whether the cost per app stays flat."""
import sys

rows = sorted((line.split() for line in open(sys.argv[1]) if line.strip()), key=lambda r: int(r[0]))
print("\n### Controller scale curve on fake nodes, one run per size, each on a fresh cluster\n")
print("| RustApps | T_conv | per app | RSS | per added app | live heap after GC | per added app "
      "| apiserver requests per app (all / applies / status writes) |")
print("|---|---|---|---|---|---|---|---|")
previous = None
for n, seconds, rss, heap, total, apply, status in rows:
    n, rss, heap = int(n), int(rss), int(heap)
    if previous:
        added = n - previous[0]
        rss_per, heap_per = f"{(rss - previous[1]) * 1024 / added:.1f} KiB", f"{(heap - previous[2]) * 1024 / added:.1f} KiB"
    else:
        rss_per = heap_per = "–"
    print(f"| {n:,} | {float(seconds):.1f} s | {float(seconds) * 1000 / n:.1f} ms | {rss} MiB | {rss_per} | {heap} MiB "
          f"| {heap_per} | {int(total) / n:.1f} / {int(apply) / n:.2f} / {int(status) / n:.2f} |")
    previous = (n, rss, heap)
