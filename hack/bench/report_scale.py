#!/usr/bin/env python3
"""Prints hack/bench/scale.sh's results as Markdown tables, per size and per app. Memory per app is
marginal (the growth from the previous size over the apps added), so the fixed base of the process
does not hide whether the cost per app stays flat. CPU per app is each process's CPU time from the
creates until the churn settled, over N: flat if the work per app is, whatever the wall clock does."""
import sys

from cpu_ticks import HZ, ticks


rows = sorted((line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()), key=lambda r: int(r[0]))
print("\n### Controller scale curve on fake nodes, one run per size, each on a fresh cluster\n")
print("| RustApps | T_conv | per app | RSS | per added app | live heap after GC | per added app "
      "| apiserver requests per app (all / applies / status writes) |")
print("|---|---|---|---|---|---|---|---|")
previous = None
for n, seconds, rss, heap, total, apply, status, *_ in rows:
    n, rss, heap = int(n), int(rss), int(heap)
    if previous:
        added = n - previous[0]
        rss_per, heap_per = f"{(rss - previous[1]) * 1024 / added:.1f} KiB", f"{(heap - previous[2]) * 1024 / added:.1f} KiB"
    else:
        rss_per = heap_per = "–"
    print(f"| {n:,} | {float(seconds):.1f} s | {float(seconds) * 1000 / n:.1f} ms | {rss} MiB | {rss_per} | {heap} MiB "
          f"| {heap_per} | {int(total) / n:.1f} / {int(apply) / n:.2f} / {int(status) / n:.2f} |")
    previous = (n, rss, heap)

sampled = [r for r in rows if len(r) >= 10]
if sampled:
    names = list(ticks(sampled[0][8]))
    print("\n| RustApps | every app ready and settled after | " + " | ".join(names) + " | all (not the driver) | cores busy (all / that time) |")
    print("|---|---|" + "---|" * (len(names) + 2))
    for n, seconds, *rest in sampled:
        before, after = ticks(rest[5]), ticks(rest[6])
        used = {name: (after.get(name, 0) - before.get(name, 0)) / HZ for name in names}
        everything = sum(used.values())
        cells = " | ".join(f"{used[name] * 1000 / int(n):.1f} ms" for name in names)
        window = int(rest[7]) / 1000
        print(f"| {int(n):,} | {window:.1f} s | {cells} | {everything * 1000 / int(n):.1f} ms | {everything / window:.2f} |")
    print("\nCPU per app, each process, from the first create until every app's status said its pod was ready, and 10 s more.")
