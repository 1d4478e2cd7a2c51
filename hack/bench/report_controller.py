#!/usr/bin/env python3
"""Prints hack/bench/controller.sh's results as a Markdown table, with the goals beside them."""
import statistics
import sys

path, n, runs = sys.argv[1], sys.argv[2], sys.argv[3]
ratios, rss, startup = [], {}, {}
for line in open(path):
    kind, a, b = line.split()
    if kind == "ratio":
        ratios.append((float(a), float(b)))
    elif kind == "rss":
        rss[int(a)] = int(b)
    else:
        startup[int(a)] = int(b)
t_raw = statistics.median(r[0] for r in ratios)
t_conv = statistics.median(r[1] for r in ratios)
ratio = statistics.median(r[1] / r[0] for r in ratios)
print(f"\n### Controller: {n} RustApps, {runs} runs, medians; T_raw and T_conv each on a fresh cluster\n")
print("| figure | value | goal |")
print("|---|---|---|")
print(f"| T_raw (bare fabric8 client writes app + SA + Deployment + Service + status, 16 threads) | {t_raw:.1f} s | |")
print(f"| T_conv (create the apps, controller converges them) | {t_conv:.1f} s | |")
print(f"| T_conv / T_raw | {ratio:.2f} | at most 1.3 |")
for count, mib in sorted(rss.items()):
    goal = "at most 150 MiB" if count <= 1000 else "at most 300 MiB"
    print(f"| controller RSS after converging {count:,} RustApps | {mib} MiB | {goal} |")
for count, ms in sorted(startup.items()):
    print(f"| process start to first reconcile, {count:,} RustApps existing | {ms / 1000:.2f} s | |")
print("\nRuns (T_raw s, T_conv s): " + ", ".join(f"({a:.1f}, {b:.1f})" for a, b in ratios))
