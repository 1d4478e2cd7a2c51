#!/usr/bin/env python3
"""Prints hack/bench/controller.sh's results as a Markdown table: ours beside the kube-rs peer, with
the goals."""
import statistics
import sys

from cpu_ticks import HZ, ticks

path, n, runs = sys.argv[1], sys.argv[2], sys.argv[3]
ratios, rss, startup, cpu = [], {}, {}, {}
for line in open(path):
    kind, *fields = line.split("\t")
    fields = [f.strip() for f in fields]
    if kind == "ratio":
        # raw, ours, peer, raw-apply, ours warm (--warm), ours watched (--watched); "-" where not run
        ratios.append(tuple(float(f) if f != "-" else None for f in fields))
    elif kind == "cpu":
        cpu.setdefault(fields[0], []).append(fields[2:])
    elif kind == "rss":
        rss[(fields[0], int(fields[1]))] = int(fields[2])
    else:
        startup[int(fields[0])] = int(fields[1])


def median(index):
    return statistics.median(r[index] for r in ratios)


def ratio(index):
    """The median of the runs' ratios: each run's T_raw and T_conv come from the same cluster."""
    return statistics.median(r[index] / r[0] for r in ratios)


print(f"\n### Controller: {n} RustApps, {runs} runs, medians; per run T_raw and both T_conv on one fresh cluster, order rotated\n")
print("| figure | ours | kube-rs peer | goal |")
print("|---|---|---|---|")
print(f"| T_raw (bare fabric8 client writes app + SA + Deployment + Service + status, 16 threads) | {median(0):.1f} s | | |")
print(f"| T_conv (create the apps, the controller converges them; ours just started) | {median(1):.1f} s | {median(2):.1f} s | |")
print(f"| T_conv / T_raw | {ratio(1):.2f} | {ratio(2):.2f} | at most 1.2 |")
if all(r[3] is not None for r in ratios):
    print(f"| T_raw-apply (the same, the children written by server-side apply) | {median(3):.1f} s | | |")
    print(f"| T_conv / T_raw-apply | {statistics.median(r[1] / r[3] for r in ratios):.2f} | "
          f"{statistics.median(r[2] / r[3] for r in ratios):.2f} | |")
for count in sorted({c for _, c in rss}):
    goal = "at most 150 MiB" if count <= 1000 else "at most 300 MiB"
    ours, peer = rss.get(("controller", count), "-"), rss.get(("peer", count), "-")
    print(f"| RSS after converging {count:,} RustApps | {ours} MiB | {peer} MiB | {goal} (ours) |")
for count, ms in sorted(startup.items()):
    print(f"| process start to first reconcile, {count:,} RustApps existing | {ms / 1000:.2f} s | | |")
if all(r[4] is not None for r in ratios):
    print(f"| T_conv, ours warm (the same process has converged {n} other apps and seen them deleted) | {median(4):.1f} s | | |")
    print(f"| warm T_conv / T_raw | {ratio(4):.2f} | | at most 1.2 |")
if all(r[5] is not None for r in ratios):
    print(f"| T_conv, ours, the client also watching the Deployments and Services (the observer before 12-07) | {median(5):.1f} s | | |")
    print(f"| that T_conv / T_raw | {ratio(5):.2f} | | |")
COLUMNS = ["T_raw s", "T_conv ours s", "T_conv peer s", "T_raw-apply s", "T_conv ours warm s", "T_conv ours watched s"]
shown = [i for i in range(len(COLUMNS)) if all(r[i] is not None for r in ratios)]
print("\nRuns (" + ", ".join(COLUMNS[i] for i in shown) + "): " + ", ".join("(" + ", ".join(f"{r[i]:.1f}" for i in shown) + ")" for r in ratios))


# Where each phase's CPU went: every process on the two cores, the benchmark's own client included.
# The cluster's processes as the driver found them (no kube-scheduler when there are no nodes).
PROCESSES = sorted({p for rows in cpu.values() for row in rows for p in ticks(row[1])} - {"controller", "peer", "idle", "steal"},
                   key=["kube-apiserver", "etcd", "kube-controller-manager", "kube-scheduler"].index)
if cpu:
    print(f"\nCPU during each phase, seconds per 1,000 apps (medians of {runs}; the client's includes its JVM's start and JIT):\n")
    print("| phase | " + " | ".join(PROCESSES) + " | the controller (ours or the peer) | the benchmark's client | all | cores idle | stolen by the hypervisor |")
    print("|---|" + "---|" * (len(PROCESSES) + 5))
    for phase, label in (("raw", "T_raw (no controller)"), ("raw-apply", "T_raw-apply (no controller)"), ("controller", "T_conv, ours"), ("controller-warm", "T_conv, ours warm"), ("peer", "T_conv, kube-rs peer"),
                         ("controller-watched", "T_conv, ours, watched by the observer before 12-07")):
        program = phase.removesuffix("-watched").removesuffix("-warm")
        rows = []
        for before, after, client in cpu.get(phase, []):
            b, a = ticks(before), ticks(after)
            row = [(a.get(p, 0) - b.get(p, 0)) / HZ for p in PROCESSES]
            row.append((a[program] - b[program]) / HZ if program in a else 0.0)
            row.append(float(client))
            row.append(sum(row))
            row += [(a.get(p, 0) - b.get(p, 0)) / HZ for p in ("idle", "steal")]
            rows.append([v * 1000 / int(n) for v in row])
        if rows:
            med = [statistics.median(r[i] for r in rows) for i in range(len(rows[0]))]
            cells = [f"{v:.1f}" for v in med]
            if phase.startswith("raw"):
                cells[len(PROCESSES)] = "-"
            print(f"| {label} | " + " | ".join(cells) + " |")
