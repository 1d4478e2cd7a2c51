#!/usr/bin/env python3
"""Prints hack/bench/admission.sh's results: create throughput with no webhooks, with ours and with
the controller-runtime peer's; the CPU each process spent per 1000 creates; and the apiserver's own
webhook latency histogram per webhook (mean and an upper bound on p99 from its buckets)."""
import os
import re
import statistics
import sys

results, metrics, n, runs = sys.argv[1:5]
webhook_metrics = sys.argv[5] if len(sys.argv) > 5 else None
lines = [line.split() for line in open(results)]
hz = os.sysconf("SC_CLK_TCK")
PROCESSES = ["kube-apiserver", "etcd", "webhook (ours)", "go-peer", "  of which our webhook's JIT compiler threads"]


def cpu(line, a, b):
    """CPU seconds per 1000 creates of each process between two tick samples of a run."""
    before = [int(x) for x in line[a].strip(",").split(",")]
    after = [int(x) for x in line[b].strip(",").split(",")]
    return [(y - x) / hz / int(n) * 1000 for x, y in zip(before, after)]


def median(values):
    return statistics.median(list(values))


without = median(float(l[1]) for l in lines)
ours = median(float(l[2]) for l in lines)
peer = median(float(l[3]) for l in lines)
print(f"\n### Admission through the apiserver: {n} creates per run, 16 client threads, {runs} runs, medians\n")
print("| figure | no webhooks | ours | controller-runtime peer | goal |")
print("|---|---|---|---|---|")
print(f"| creates/s | {without:.0f} | {ours:.0f} | {peer:.0f} | ours at least the peer's |")
print(f"| vs no webhooks | 1.00 | {median(float(l[2]) / float(l[1]) for l in lines):.2f} "
      f"| {median(float(l[3]) / float(l[1]) for l in lines):.2f} | |")
print(f"| ours / peer | | {median(float(l[2]) / float(l[3]) for l in lines):.2f} | | at least 1.0 |")
phases = [(4, 5), (5, 6), (6, 7)]
for i, name in enumerate(PROCESSES):
    cells = [median(cpu(l, a, b)[i] for l in lines) for a, b in phases]
    print(f"| CPU s per 1000 creates, {name} | " + " | ".join(f"{c:.2f}" for c in cells) + " | |")
# Each create calls /mutate and /validate once (twice with reinvocation, which these creates do not need).
ours_call = median(cpu(l, 5, 6)[2] for l in lines) / 2 * 1000
peer_call = median(cpu(l, 6, 7)[3] for l in lines) / 2 * 1000
ours_jit = median(cpu(l, 5, 6)[4] for l in lines) / 2 * 1000
print(f"| webhook CPU per admission call (two per create) | | {ours_call:.0f} µs ({ours_call - ours_jit:.0f} µs without JIT compiling) "
      f"| {peer_call:.0f} µs | ours within 1.5x of standalone |")

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
print("\nThe apiserver's apiserver_admission_webhook_admission_duration_seconds, warm-ups included:\n")
print("| webhook | calls | mean | p99 (bucket upper bound) |")
print("|---|---|---|---|")
for hook in sorted(counts):
    total = counts[hook]
    p99 = next(le for le, c in sorted(buckets[hook].items()) if c >= 0.99 * total)
    print(f"| {hook} | {total:.0f} | {sums[hook] / total * 1000:.2f} ms | <= {p99 * 1000:.0f} ms |")

if webhook_metrics and os.path.exists(webhook_metrics):
    seen = {}
    for line in open(webhook_metrics):
        name, value = line.rsplit(" ", 1)
        seen[name] = float(value)
    connections = seen.get("rustapp_webhook_connections_total", 0)
    requests = {k.split('"')[1]: v for k, v in seen.items() if k.startswith("rustapp_webhook_http_requests_total")}
    total = sum(requests.values())
    print(f"\nOur webhook over the whole run: {total:.0f} HTTP requests on {connections:.0f} TLS connections "
          f"({total / max(connections, 1):.0f} per connection), by version: "
          + ", ".join(f"{k} {v:.0f}" for k, v in sorted(requests.items())))
