#!/usr/bin/env python3
"""Prints hack/bench/gc-tail.sh's results: per JVM setting, each run's p99 and p99.9 beside the young
pauses the JVM logged during the runs."""
import json, re, sys
work, rate, variants = sys.argv[1], sys.argv[2], sys.argv[3:]
pick = lambda xs, q: xs[min(len(xs) - 1, int(q * len(xs)))]
print(f"\n### Webhook tail and young pauses, open loop at {rate}/s on one core, 3 runs of 8 s each\n")
print("| setting | run p99 ms (1, 2, 3) | run p99.9 ms (1, 2, 3) | p50 ms | young pauses | median / p90 / longest ms | total pause ms |")
print("|---|---|---|---|---|---|---|")
for v in variants:
    runs = [sorted(json.loads(line)["latency"] / 1e6 for line in open(f"{work}/{v}-{r}.json")) for r in (1, 2, 3)]
    pauses = sorted(float(m) for m in re.findall(r"Pause Young.* ([\d.]+)ms", open(f"{work}/gc-{v}-runs.log").read()))
    p99 = ", ".join(f"{pick(r, 0.99):.2f}" for r in runs)
    p999 = ", ".join(f"{pick(r, 0.999):.2f}" for r in runs)
    p50 = sorted(pick(r, 0.5) for r in runs)[1]
    shape = f"{pick(pauses, 0.5):.2f} / {pick(pauses, 0.9):.2f} / {pauses[-1]:.2f}" if pauses else "–"
    print(f"| {v} | {p99} | {p999} | {p50:.2f} | {len(pauses)} | {shape} | {sum(pauses):.0f} |")
