"""Prints hack/bench/policy-scan.sh's results as a table: per phase, time, results changed, writes."""
import re
import sys

lines = open(sys.argv[1]).read().splitlines()
values = dict(line.split(" ", 1) for line in lines if not line.startswith("phase "))
print(f"\nBackground scan: {values['apps']} RustApps in 10 namespaces, 5 RustAppPolicies")
print("seconds: from the change to every result written; scan ms: the controller judging every app (mean of the phase's scans)\n")
print(f"{'phase':<10}{'seconds':>9}{'scans':>7}{'scan ms':>9}{'changed':>9}{'writes':>8}{'writes/changed':>16}  policy writes by resource; other writes (the driver's, the control plane's)")
for line in lines:
    m = re.match(r"phase (\S+) seconds (\S+) scans (\d+) scan_ms (\S+) changed (\d+) writes \{(.*)\}", line)
    if not m:
        continue
    name, seconds, scans, scan_ms, changed, raw = (m.group(1), float(m.group(2)), int(m.group(3)), float(m.group(4)),
                                                   int(m.group(5)), m.group(6))
    writes = {k: int(v) for k, v in (pair.split("=") for pair in raw.split(", ") if pair)}
    other = writes.pop("other", 0)
    total = sum(writes.values())
    ratio = f"{total / changed:.2f}" if changed else "-"
    shown = ", ".join(f"{k} {v}" for k, v in writes.items()) or "none"
    print(f"{name:<10}{seconds:>9.2f}{scans:>7}{scan_ms:>9.1f}{changed:>9}{total:>8}{ratio:>16}  {shown}; other {other}")
