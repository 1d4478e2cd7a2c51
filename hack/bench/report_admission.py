#!/usr/bin/env python3
"""Prints hack/bench/admission.sh's results: create throughput with and without the webhooks, and
the apiserver's own webhook latency histogram (mean and an upper bound on p99 from its buckets)."""
import re
import statistics
import sys

results, metrics, n, runs = sys.argv[1:5]
pairs = [tuple(map(float, line.split()[1:3])) for line in open(results)]
without = statistics.median(p[0] for p in pairs)
with_ = statistics.median(p[1] for p in pairs)
ratio = statistics.median(p[1] / p[0] for p in pairs)
print(f"\n### Admission through the apiserver: {n} creates per run, 16 client threads, {runs} runs, medians\n")
print("| figure | value | goal |")
print("|---|---|---|")
print(f"| creates/s without the webhooks | {without:.0f} | |")
print(f"| creates/s with /mutate and /validate registered | {with_:.0f} | |")
print(f"| with / without | {ratio:.2f} | at least 0.9 |")
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
