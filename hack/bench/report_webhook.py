#!/usr/bin/env python3
"""Parses hack/bench/webhook.sh's raw results and prints the Markdown table (medians, ratios)."""
import json
import os
import re
import statistics
import sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def ms(text):
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    return float(m.group(1)) * UNITS[m.group(2)]


def parse_wrk(out):
    out = out.replace("|", "\n")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = sum(int(x) for x in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket:
        errors += sum(int(x) for x in socket.groups())
    return rps, total, p50, p99, errors


def rows(path):
    with open(path) as f:
        for line in f:
            yield line.rstrip("\n").split("\t", 3)


def saturation(path, server):
    values = [parse_wrk(out)[0] for s, conns, _, out in rows(path) if s == server and conns == "16"]
    print(int(statistics.median(values)))


def percentiles(log):
    durations = []
    errors = 0
    if os.path.exists(log):
        with open(log) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3:
                    durations.append(int(parts[2]) / 1000.0)
                    errors += 0 if parts[1] == "200" else 1
    print_percentiles(durations, errors)


def print_percentiles(durations, errors):
    if not durations:
        print("nan\tnan\t0\t0")
        return
    durations.sort()
    pick = lambda q: durations[min(len(durations) - 1, int(q * len(durations)))]
    print(f"{pick(0.50):.3f}\t{pick(0.99):.3f}\t{len(durations)}\t{errors}")


def open_loop(path):
    """vegeta's results (`vegeta encode --to json`, latency in ns): the same figures as percentiles()."""
    durations = []
    errors = 0
    with open(path) as f:
        for line in f:
            hit = json.loads(line)
            durations.append(hit["latency"] / 1e6)
            errors += 0 if hit["code"] == 200 else 1
    print_percentiles(durations, errors)


def table(path, runs, seconds):
    servers = ["nginx", "go-peer", "java-chart", "java-jdk-tls", "java-xmn32", "java-tiered", "java-c2", "java-2cores"]
    data = {}
    memory = {}
    for server, conns, ticks, out in rows(path):
        if conns in ("startup", "loaded"):
            memory.setdefault(server, {})[conns] = (int(ticks), int(out))
            continue
        if conns in ("half", "open"):
            p50, p99, count, errors = out.split("\t")
            data.setdefault((server, conns), []).append((float(p50), float(p99), int(count), int(errors), int(ticks)))
        else:
            data.setdefault((server, conns), []).append((parse_wrk(out), int(ticks)))
    hz = os.sysconf("SC_CLK_TCK")
    print(f"\n### Webhook: {runs} runs x {seconds}s each, medians; server on core 0, wrk/h2load on core 1\n")
    print("| server | conns | req/s | p50 ms | p99 ms | CPU s / 1000 req | errors | vs nginx | vs go-peer | vs java-chart (1 core) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    med = {}
    for conns in ["16", "64"]:
        for server in servers:
            runs_ = data.get((server, conns), [])
            if not runs_:
                continue
            rps = statistics.median(r[0][0] for r in runs_)
            p50 = statistics.median(r[0][2] for r in runs_)
            p99 = statistics.median(r[0][3] for r in runs_)
            cpu = statistics.median((r[1] / hz) / r[0][1] * 1000 for r in runs_)
            errors = sum(r[0][4] for r in runs_)
            med[(server, conns)] = rps
            # A baseline not in this run's --servers leaves its column empty.
            vs = [f"{rps / med[(base, conns)]:.2f}x" if (base, conns) in med else "–"
                  for base in ("nginx", "go-peer", "java-chart")]
            print(f"| {server} | {conns} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {cpu:.3f} | {errors} | " + " | ".join(vs) + " |")
    print("\n| server | arrivals | rate (half of 16-conn saturation) | p50 ms | p99 ms | CPU s / 1000 req | requests | errors |")
    print("|---|---|---|---|---|---|---|---|")
    arrivals = {"half": "16 paced clients (h2load)", "open": "open loop (vegeta)"}
    for server in servers:
        for kind, label in arrivals.items():
            runs_ = data.get((server, kind), [])
            if runs_:
                rate = int(statistics.median(r[2] for r in runs_)) // max(1, int(seconds))
                cpu = statistics.median((r[4] / hz) / max(1, r[2]) * 1000 for r in runs_)
                print(f"| {server} | {label} | ~{rate:,}/s | {statistics.median(r[0] for r in runs_):.2f} | "
                      f"{statistics.median(r[1] for r in runs_):.2f} | {cpu:.3f} | {sum(r[2] for r in runs_):,} | {sum(r[3] for r in runs_)} |")
    print("\n| server | req/s in the first 10 s after the first served admission (16 conns) | CPU s / 1000 req | p99 ms | vs its steady state |")
    print("|---|---|---|---|---|")
    for server in servers:
        for first, ticks in data.get((server, "first"), []):
            steady = med.get((server, "16"))
            ratio = f"{first[0] / steady:.2f}x" if steady else "–"
            print(f"| {server} | {first[0]:,.0f} | {(ticks / hz) / max(1, first[1]) * 1000:.3f} | {first[3]:.2f} | {ratio} |")
    memory_table(memory)


def memory_table(memory):
    print("\n| server | process start to first served admission | RSS idle | RSS after the load runs |")
    print("|---|---|---|---|")
    for server, figures in memory.items():
        startup_ms, idle = figures.get("startup", (0, 0))
        _, loaded = figures.get("loaded", (0, 0))
        print(f"| {server} | {startup_ms / 1000:.2f} s | {idle / 1024:.0f} MiB | {loaded / 1024:.0f} MiB |")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "saturation":
        saturation(sys.argv[2], sys.argv[3])
    elif command == "percentiles":
        percentiles(sys.argv[2])
    elif command == "open-loop":
        open_loop(sys.argv[2])
    else:
        table(sys.argv[2], sys.argv[3], sys.argv[4])
