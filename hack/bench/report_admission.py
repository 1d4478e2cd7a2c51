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
standalone_file = sys.argv[6] if len(sys.argv) > 6 else None
alone_file = sys.argv[7] if len(sys.argv) > 7 else None
second, second_opts = (sys.argv[8], sys.argv[9]) if len(sys.argv) > 9 else ("tiered", "tiered compilation")
hz = os.sysconf("SC_CLK_TCK")
# A results line: "run", creates/s of each phase, then each phase's tick samples before and after it
# (the phases ran in another order), each "apiserver,etcd,ours,ours-second,peer,ours-JIT,ours-second-JIT".
PHASES = ["no webhooks", "ours (chart's flags)", f"ours, {second}", "controller-runtime peer"]
PROCESSES = ["kube-apiserver", "etcd", "webhook (ours)", f"webhook (ours, {second})", "go-peer",
             "  of which ours' JIT compiler threads", f"  of which ours-{second}'s JIT compiler threads"]
WITHOUT, OURS, SECOND, PEER = range(4)
lines = []
for text in open(results):
    fields = text.split()
    rates = [float(x) for x in fields[1:1 + len(PHASES)]]
    samples = [[int(x) for x in f.strip(",").split(",")] for f in fields[1 + len(PHASES):]]
    lines.append((rates, samples))


def cpu(samples, phase):
    """CPU seconds per 1000 creates of each process during one phase of a run."""
    return [(y - x) / hz / int(n) * 1000 for x, y in zip(samples[2 * phase], samples[2 * phase + 1])]


def median(values):
    return statistics.median(list(values))


def per_call(phase, process, jit=None):
    """Median CPU per admission call (each create calls /mutate and /validate once), in µs."""
    total = median(cpu(s, phase)[process] for _, s in lines) / 2 * 1000
    return total, (total - median(cpu(s, phase)[jit] for _, s in lines) / 2 * 1000) if jit is not None else total


print(f"\n### Admission through the apiserver: {n} creates per run, 16 client threads, {runs} runs, medians\n")
print(f"`{second}` is a second JVM of ours with `{second_opts}`.\n")
print("| figure | " + " | ".join(PHASES) + " | goal |")
print("|---" * (len(PHASES) + 2) + "|")
print("| creates/s | " + " | ".join(f"{median(r[i] for r, _ in lines):.0f}" for i in range(len(PHASES)))
      + " | ours at least the peer's |")
print("| vs no webhooks | 1.00 | " + " | ".join(f"{median(r[i] / r[WITHOUT] for r, _ in lines):.2f}"
                                              for i in range(1, len(PHASES))) + " | |")
print(f"| vs the peer | | {median(r[OURS] / r[PEER] for r, _ in lines):.2f} | {median(r[SECOND] / r[PEER] for r, _ in lines):.2f} "
      "| 1.00 | at least 1.0 |")
print("| vs the peer, run by run | | " + ", ".join(f"{r[OURS] / r[PEER]:.2f}" for r, _ in lines) + " | "
      + ", ".join(f"{r[SECOND] / r[PEER]:.2f}" for r, _ in lines) + " | | |")
for i, name in enumerate(PROCESSES):
    cells = [median(cpu(s, phase)[i] for _, s in lines) for phase in range(len(PHASES))]
    print(f"| CPU s per 1000 creates, {name} | " + " | ".join(f"{c:.2f}" for c in cells) + " | |")
ours, ours_nojit = per_call(OURS, 2, 5)
second_call, second_nojit = per_call(SECOND, 3, 6)
peer, _ = per_call(PEER, 4)
print(f"| webhook CPU per admission call (two per create) | | {ours:.0f} µs ({ours_nojit:.0f} µs without JIT compiling) "
      f"| {second_call:.0f} µs ({second_nojit:.0f} µs without JIT compiling) | {peer:.0f} µs | |")
if standalone_file and os.path.exists(standalone_file):
    # "standalone|paced VARIANT REQUESTS BEFORE AFTER": the same process driven by wrk in the same run,
    # flat out, then paced to the rate the apiserver called it.
    alone = {}
    for text in open(standalone_file):
        mode, variant, requests, before, after = text.split()
        index, jit = (2, 5) if variant == "webhook" else (3, 6)
        b = [int(x) for x in before.strip(",").split(",")]
        a = [int(x) for x in after.strip(",").split(",")]
        total = (a[index] - b[index]) / hz / int(requests) * 1e6
        alone[(mode, variant)] = (total, total - (a[jit] - b[jit]) / hz / int(requests) * 1e6, int(requests) / 8)
    for mode, label in (("standalone", "flat out"), ("paced", "paced to the apiserver's call rate in this run"),
                        ("busy", "paced, while the apiserver creates apps without webhooks")):
        if (mode, "webhook") not in alone:
            continue
        o, t = alone[(mode, "webhook")], alone[(mode, "webhook-second")]
        print(f"| the same webhook standalone (wrk, 16 connections, 8 s, the apiserver's /mutate and /validate calls in turn, {label}): "
              f"CPU per call | | {o[0]:.0f} µs ({o[1]:.0f} without JIT; {o[2]:,.0f} req/s) "
              f"| {t[0]:.0f} µs ({t[1]:.0f} without JIT; {t[2]:,.0f} req/s) | | |")
        print(f"| through the apiserver / standalone {label}, CPU per call | | {ours / o[0]:.2f} | {second_call / t[0]:.2f} | | ours at most 1.5 |")
if alone_file and os.path.exists(alone_file):
    # AdmissionCost's lines: review, path, bytes, code, allocated bytes and CPU µs per call, no server.
    calls = {(f[0], f[1]): f for f in (line.split() for line in open(alone_file))}
    mutate, validate = calls[("minimal", "mutate")], calls[("minimal", "validate")]
    cost = (float(mutate[5]) + float(validate[5])) / 2
    allocated = (int(mutate[4]) + int(validate[4])) / 2 / 1024
    print(f"| the same calls with no server (decode, decide, encode on one thread, chart's flags): CPU per call | | "
          f"{cost:.0f} µs ({allocated:.0f} KiB allocated) | | | |")

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
