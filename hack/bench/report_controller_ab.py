#!/usr/bin/env python3
"""Prints hack/bench/controller-ab.sh's results: every phase in the order it ran, then each controller's
medians. CPU is the controller's and the apiserver's over the phase (until every pod was ready with
--ready), per 1,000 apps; requests are every client's over the same span (apiserver_request_total)."""
import statistics
import sys

from cpu_ticks import HZ, ticks

path, n, ready, second = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "true", sys.argv[4]
rows = []
for line in open(path):
    variant, run, t_conv, at_conv, at_end, ready_seconds, before, after, total, applies, status = line.rstrip("\n").split("\t")
    b, a = ticks(before), ticks(after)
    cpu = {name: (a[name] - b.get(name, 0)) / HZ * 1000 / n for name in a}
    rows.append({"variant": variant, "run": run, "t_conv": float(t_conv), "conv": int(at_conv) / n,
                 "end": int(at_end) / n, "ready": float(ready_seconds) if ready_seconds else None,
                 "controller": cpu.get("controller", 0.0), "apiserver": cpu.get("kube-apiserver", 0.0),
                 "requests": f"{int(total) / n:.2f} / {int(applies) / n:.2f} / {int(status) / n:.2f}"})

span = "until every pod was ready" if ready else "until converged"
print(f"\n### Two controllers on one cluster, {n:,} apps per phase (second: `{second or 'the same'}`)\n")
print(f"| phase | controller | T_conv | reconciles per app at T_conv | {'reconciles per app, all pods ready | all ready after | ' if ready else ''}"
      f"controller CPU per 1,000 apps ({span}) | apiserver CPU per 1,000 apps | apiserver requests per app (all clients / applies / status writes) |")
print(f"|---|---|---|---|{'---|---|' if ready else ''}---|---|---|")
for i, r in enumerate(rows, 1):
    extra = f"{r['end']:.2f} | {r['ready']:.0f} s | " if ready else ""
    print(f"| {i} (run {r['run']}) | {r['variant']} | {r['t_conv']:.1f} s | {r['conv']:.2f} | {extra}{r['controller']:.1f} s | {r['apiserver']:.1f} s | {r['requests']} |")

print("\nMedians:\n")
print(f"| controller | T_conv | reconciles per app at T_conv | {'reconciles per app, all pods ready | ' if ready else ''}controller CPU | apiserver CPU |")
print(f"|---|---|---|{'---|' if ready else ''}---|---|")
for variant in dict.fromkeys(r["variant"] for r in rows):
    mine = [r for r in rows if r["variant"] == variant]
    med = lambda key: statistics.median(r[key] for r in mine)
    extra = f"{med('end'):.2f} | " if ready else ""
    print(f"| {variant} | {med('t_conv'):.1f} s | {med('conv'):.2f} | {extra}{med('controller'):.1f} s | {med('apiserver'):.1f} s |")

# The machine's speed drifts by up to 2x within half an hour (bench README, 2026-12-07 A/A run), so the
# two phases of one run, a minute apart, are the comparison to trust: their ratio, run by run.
variants = list(dict.fromkeys(r["variant"] for r in rows))
if len(variants) == 2:
    first, second = variants
    pairs = [(a, b) for a in rows for b in rows if a["run"] == b["run"] and a["variant"] == first and b["variant"] == second]
    if pairs:
        print(f"\nRun by run, {first} / {second} (the two phases of a run alternate, a minute apart):\n")
        print("| figure | per run | median |")
        print("|---|---|---|")
        for key, label in (("t_conv", "T_conv"), ("controller", "controller CPU"), ("apiserver", "apiserver CPU")):
            ratios = [a[key] / b[key] for a, b in pairs if b[key]]
            print(f"| {label} | {', '.join(f'{x:.2f}' for x in ratios)} | {statistics.median(ratios):.2f} |")
