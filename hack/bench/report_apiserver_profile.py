#!/usr/bin/env python3
"""Prints hack/bench/apiserver-profile.sh's results: each apiserver CPU sample (go tool pprof -traces)
goes to the first category, in the order below, that a frame of its stack matches; a category's share of
the window's samples times the apiserver's CPU over the whole phase gives its seconds per 1,000 apps.
Medians over the runs, per phase."""
import re
import statistics
import sys

from cpu_ticks import HZ, ticks

CATEGORIES = [
    ("garbage collector (background marking and sweeping)", r"^runtime\.(gcBgMarkWorker|bgsweep|bgscavenge)"),
    ("RustApp status writes (the custom resource's status storage)", r"customresource\.\(\*StatusREST\)\.Update"),
    ("other updates and applies (PATCH and PUT)", r"handlers\.\(\*patcher\)\.patchResource|handlers\.UpdateResource"),
    ("creates (POST)", r"CreateResource\.createHandler|handlers\.CreateResource"),
    ("deletes", r"handlers\.DeleteResource|handlers\.DeleteCollection"),
    ("watches: serving events (encoding, websocket and HTTP streams)", r"handlers\.\(\*WatchServer\)|cacher\.\(\*cacheWatcher\)|\(\*cachingObject\)"),
    ("lists and gets", r"handlers\.ListResource|handlers\.GetResource|handlers\.getResourceHandler"),
    ("watch cache: etcd's events in", r"storage/cacher\.|storage/etcd3\.\(\*watchChan\)"),
    ("the etcd client (gRPC)", r"google\.golang\.org/grpc|go\.etcd\.io/etcd/client"),
    ("request plumbing: TLS, HTTP, authentication, filters", r"crypto/tls|net/http|golang\.org/x/net/http2|endpoints/filters|authentication"),
]
OTHER = "everything else"
UNIT = {"s": 1.0, "ms": 1e-3, "us": 1e-6, "µs": 1e-6, "ns": 1e-9}


def traces(path):
    """(seconds, frames) per distinct stack of a go tool pprof -traces listing."""
    stacks, value, frames = [], None, []
    for line in open(path):
        if line.startswith("-----------+"):
            if value is not None:
                stacks.append((value, frames))
            value, frames = None, []
            continue
        m = re.match(r"^\s+([\d.]+)(s|ms|us|µs|ns)\s+(\S+)", line)
        if m:
            value, frames = float(m.group(1)) * UNIT[m.group(2)], [m.group(3)]
        elif value is not None and line.strip():
            frames.append(line.split()[0])
    if value is not None:
        stacks.append((value, frames))
    return stacks


def shares(path):
    out = {name: 0.0 for name, _ in CATEGORIES}
    out[OTHER] = 0.0
    total = 0.0
    for value, frames in traces(path):
        total += value
        for name, pattern in CATEGORIES:
            if any(re.search(pattern, frame) for frame in frames):
                out[name] += value
                break
        else:
            out[OTHER] += value
    return {name: seconds / total for name, seconds in out.items()}, total


results, work, n, window = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
phases = {}
print(f"\n### The apiserver's CPU by what it was doing, {n:,} apps per phase (one cluster, phases alternating)\n")
print("| phase | run | phase time | apiserver CPU per 1,000 apps | profiled (CPU seconds in the window / window) |")
print("|---|---|---|---|---|")
for line in open(results):
    name, run, before, after, took = line.rstrip("\n").split("\t")
    cpu = (ticks(after)["kube-apiserver"] - ticks(before)["kube-apiserver"]) / HZ * 1000 / n
    share, sampled = shares(f"{work}/{name}-{run}.traces")
    phases.setdefault(name, []).append({"cpu": cpu, "share": share})
    print(f"| {name} | {run} | {float(took):.1f} s | {cpu:.1f} s | {sampled:.1f} s / {window:.0f} s |")

names = [name for name, _ in CATEGORIES] + [OTHER]
base, ours = phases.get("raw-apply", []), phases.get("controller", [])


def median(rows, key):
    return statistics.median(key(r) for r in rows) if rows else float("nan")


print("\nMedians over the runs; seconds per 1,000 apps are each category's share of the window's samples times the"
      " phase's apiserver CPU:\n")
print("| what the apiserver was doing | T_raw-apply: share | s per 1,000 apps | our T_conv: share | s per 1,000 apps | difference |")
print("|---|---|---|---|---|---|")
for name in names:
    b = median(base, lambda r: r["share"][name] * r["cpu"])
    o = median(ours, lambda r: r["share"][name] * r["cpu"])
    print(f"| {name} | {100 * median(base, lambda r: r['share'][name]):.1f}% | {b:.1f} | "
          f"{100 * median(ours, lambda r: r['share'][name]):.1f}% | {o:.1f} | {o - b:+.1f} |")
b, o = median(base, lambda r: r["cpu"]), median(ours, lambda r: r["cpu"])
print(f"| all | 100% | {b:.1f} | 100% | {o:.1f} | {o - b:+.1f} |")
