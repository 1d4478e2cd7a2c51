#!/usr/bin/env python3
"""Prints hack/bench/controller.sh's results as a Markdown table: ours beside the kube-rs peer, with
the goals."""
import statistics
import sys

path, n, runs = sys.argv[1], sys.argv[2], sys.argv[3]
ratios, rss, startup = [], {}, {}
for line in open(path):
    kind, *fields = line.split()
    if kind == "ratio":
        ratios.append(tuple(float(f) for f in fields))
    elif kind == "rss":
        rss[(fields[0], int(fields[1]))] = int(fields[2])
    else:
        startup[int(fields[0])] = int(fields[1])


def median(index):
    return statistics.median(r[index] for r in ratios)


def ratio(index):
    return statistics.median(r[index] / r[0] for r in ratios)


print(f"\n### Controller: {n} RustApps, {runs} runs, medians; T_raw and each T_conv on a fresh cluster\n")
print("| figure | ours | kube-rs peer | goal |")
print("|---|---|---|---|")
print(f"| T_raw (bare fabric8 client writes app + SA + Deployment + Service + status, 16 threads) | {median(0):.1f} s | | |")
print(f"| T_conv (create the apps, the controller converges them) | {median(1):.1f} s | {median(2):.1f} s | |")
print(f"| T_conv / T_raw | {ratio(1):.2f} | {ratio(2):.2f} | at most 1.2 |")
for count in sorted({c for _, c in rss}):
    goal = "at most 150 MiB" if count <= 1000 else "at most 300 MiB"
    ours, peer = rss.get(("controller", count), "-"), rss.get(("peer", count), "-")
    print(f"| RSS after converging {count:,} RustApps | {ours} MiB | {peer} MiB | {goal} (ours) |")
for count, ms in sorted(startup.items()):
    print(f"| process start to first reconcile, {count:,} RustApps existing | {ms / 1000:.2f} s | | |")
print("\nRuns (T_raw s, T_conv ours s, T_conv peer s): " + ", ".join("(" + ", ".join(f"{v:.1f}" for v in r) + ")" for r in ratios))
