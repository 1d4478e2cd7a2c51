#!/usr/bin/env python3
"""Prints hack/bench/admission.sh's results: create throughput with and without the webhooks, and
the apiserver's own webhook latency histogram (mean and an upper bound on p99 from its buckets)."""
import re
import statistics
import sys

results, metrics, n, runs = sys.argv[1:5]
import os
lines = [line.split() for line in open(results)]
pairs = [(float(l[1]), float(l[2])) for l in lines]
hz = os.sysconf("SC_CLK_TCK")


def cpu(l, a, b):
    before = [int(x) for x in l[a].strip(",").split(",")]
    after = [int(x) for x in l[b].strip(",").split(",")]
    return [(y - x) / hz / int(n) * 1000 for x, y in zip(before, after)]
without = statistics.median(p[0] for p in pairs)
with_ = statistics.median(p[1] for p in pairs)
ratio = statistics.median(p[1] / p[0] for p in pairs)
print(f"\n### Admission through the apiserver: {n} creates per run, 16 client threads, {runs} runs, medians\n")
print("| figure | value | goal |")
print("|---|---|---|")
print(f"| creates/s without the webhooks | {without:.0f} | |")
print(f"| creates/s with /mutate and /validate registered | {with_:.0f} | |")
print(f"| with / without | {ratio:.2f} | at least 0.9 |")
if all(len(l) >= 6 for l in lines):
    without_cpu = [statistics.median(cpu(l, 3, 4)[i] for l in lines) for i in range(3)]
    with_cpu = [statistics.median(cpu(l, 4, 5)[i] for l in lines) for i in range(3)]
    for i, name in enumerate(["kube-apiserver", "etcd", "webhook"]):
        print(f"| CPU s per 1000 creates, {name}: without / with | {without_cpu[i]:.2f} / {with_cpu[i]:.2f} | |")
buckets, sums, counts = {}, {}, {}
for line in open(metrics):
    m = re.match(r'(\w+)\{([^}]*)\} ([\d.e+-]+)', line)
    if not m:
        continue
    name, labels, value = m.group(1), dict(re.findall(r'(\w+)="([^"]*)"', m.group(2))), float(m.group(3))
    hook = labels.get("name")
    if not hook or labels.get("rejected") == "true":
        continue
    if name.endswith("_bucket"):
        buckets.setdefault(hook, {})
        le = float("inf") if labels["le"] == "+Inf" else float(labels["le"])
        buckets[hook][le] = buckets[hook].get(le, 0) + value
    elif name.endswith("_sum"):
        sums[hook] = sums.get(hook, 0) + value
    elif name.endswith("_count"):
        counts[hook] = counts.get(hook, 0) + value
for hook in sorted(counts):
    total = counts[hook]
    p99 = next(le for le, c in sorted(buckets[hook].items()) if c >= 0.99 * total)
    print(f"| apiserver_admission_webhook_admission_duration_seconds {{name={hook}}}: mean | "
          f"{sums[hook] / total * 1000:.2f} ms over {total:.0f} calls | |")
    print(f"| same, p99 (bucket upper bound) | <= {p99 * 1000:.0f} ms | |")
