#!/usr/bin/env python3
"""Prints hack/bench/tail-stalls.sh's results: per run, the slow 10 ms windows (a request in flight
during them took over 5 ms) beside the other windows of the same run, by what ran on core 0
(`perf sched timehist`), the answers vegeta got and the young pauses the JVM logged."""
import collections, json, re, sys
from datetime import datetime

work, rate, runs, java_pid = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
WINDOW, SLOW_MS = 0.010, 5.0


def wall(stamp):
    """RFC 3339 with up to nanoseconds (vegeta, the JVM's log) to seconds since the epoch."""
    m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)", stamp)
    zone = "+00:00" if m.group(3) == "Z" else m.group(3)
    return datetime.fromisoformat(m.group(1) + zone).timestamp() + float(m.group(2) or 0)


def spread(into, key, start, end):
    """Adds the part of [start, end) that falls in each window to into[window][key]."""
    w = int(start / WINDOW)
    while w * WINDOW < end:
        into[w][key] += max(0.0, min(end, (w + 1) * WINDOW) - max(start, w * WINDOW))
        w += 1


pauses = []  # (end, seconds) of each young pause
for line in open(f"{work}/gc.log"):
    m = re.match(r"\[([^\]]+)\].*Pause Young.* ([\d.]+)ms", line)
    if m:
        pauses.append((wall(m.group(1)), float(m.group(2)) / 1000))

print(f"\n### Webhook tail: slow windows beside the others, open loop at {rate}/s on core 0, {runs} runs of 8 s\n")
print("| control plane | run | p99 ms | slow windows | event loop CPU per answered request, slow / other | ratio | core 0 idle, slow / other | other threads and processes on core 0, slow / other | most of them in slow windows | event loop's longest wait for core 0 | young pauses per second, slow / other | pause ms per slow window |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for placement, run in [(p, r) for p in ("shared", "apart") for r in range(1, runs + 1)]:
    out = f"{work}/{placement}-{run}"
    answers = sorted((wall(r["timestamp"]), r["latency"] / 1e9) for r in map(json.loads, open(f"{out}.json")))
    first, last = answers[0][0], answers[-1][0]
    offset = float(open(f"{out}.clock").read())
    slow, done = set(), collections.Counter()
    for sent, took in answers:
        done[int((sent + took) / WINDOW)] += 1
        if took * 1000 > SLOW_MS:
            slow.update(range(int(sent / WINDOW), int((sent + took) / WINDOW) + 1))
    core0 = collections.defaultdict(collections.Counter)
    longest_wait = 0.0
    for line in open(f"{out}.sched"):
        m = re.match(r"\s*([\d.]+)\s+\[(\d+)\]\s+(.+?)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*$", line)
        if not m or int(m.group(2)) != 0:
            continue
        end, task, delay, ran = float(m.group(1)) + offset, m.group(3), float(m.group(5)) / 1000, float(m.group(6)) / 1000
        if task.startswith("vert.x-eventloo") and task.endswith(f"/{java_pid}]"):
            who = "event loop"
            if first <= end <= last:
                longest_wait = max(longest_wait, delay)
        elif task.startswith("<idle>"):
            who = "idle"
        else:
            who = "other"
            spread(core0, "by " + task.split("[")[0], end - ran, end)
        spread(core0, who, end - ran, end)
    inside = [w for w in range(int(first / WINDOW) + 1, int(last / WINDOW)) if w in core0]
    groups = {"slow": [w for w in inside if w in slow], "other": [w for w in inside if w not in slow]}
    per = {}
    for name, windows in groups.items():
        answered = sum(done[w] for w in windows) or 1
        span = len(windows) * WINDOW or 1
        members = set(windows)
        in_windows = [(end, took) for end, took in pauses if int(end / WINDOW) in members]
        per[name] = {
            "cpu": sum(core0[w]["event loop"] for w in windows) / answered * 1e6,
            "idle": sum(core0[w]["idle"] for w in windows) / span,
            "other": sum(core0[w]["other"] for w in windows) / span,
            "pauses": len(in_windows) / span,
            "pause_ms": sum(took for _, took in in_windows) * 1000 / max(1, len(windows)),
        }
        by = collections.Counter()
        for w in windows:
            by.update({k[3:]: v for k, v in core0[w].items() if k.startswith("by ")})
        per[name]["top"] = ", ".join(f"{k} {v / span:.1%}" for k, v in by.most_common(2))
    latencies = sorted(took * 1000 for _, took in answers)
    s, o = per["slow"], per["other"]
    share = len(groups["slow"]) / max(1, len(inside))
    ratio = f"{s['cpu'] / o['cpu']:.2f}" if groups["slow"] else "–"
    where = "on both cores" if placement == "shared" else "on core 1"
    print(f"| {where} | {run} | {latencies[int(0.99 * len(latencies))]:.2f} | {len(groups['slow'])} ({share:.0%}) | "
          f"{s['cpu']:.0f} / {o['cpu']:.0f} µs | {ratio} | {s['idle']:.0%} / {o['idle']:.0%} | "
          f"{s['other']:.1%} / {o['other']:.1%} | {s['top']} | {longest_wait * 1000:.2f} ms | "
          f"{s['pauses']:.0f} / {o['pauses']:.0f} | {s['pause_ms']:.2f} |")
