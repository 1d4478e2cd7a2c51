#!/usr/bin/env python3
"""Tables for allocation.sh: bytes and CPU per admission, then where a JFR profile saw the bytes go.

  report_allocation.py COST_TSV SAMPLES_JSON JAVA_OPTS
"""
import collections
import json
import sys

cost_tsv, samples_json, java_opts = sys.argv[1:4]

print(f"### Admission alone: decode, decide, encode on one thread (`{java_opts}`)\n")
print("| review | path | request bytes | answer | allocated per call | CPU per call |")
print("|---|---|---|---|---|---|")
for line in open(cost_tsv):
    name, path, size, code, allocated, micros = line.split()
    print(f"| {name} | /{path} | {int(size):,} | {code} | {int(allocated) / 1024:,.1f} KiB | {float(micros):,.1f} µs |")


def type_name(frame):
    # JFR writes binary names (java/lang/String); lambdas carry a $$Lambda$... suffix.
    return frame["method"]["type"]["name"].replace("/", ".").split("$$")[0]


def frame_name(frame):
    return type_name(frame).rsplit(".", 1)[-1] + "." + frame["method"]["name"]


def library(frame):
    return ".".join(type_name(frame).split(".")[:3])


def ours(frame):
    name = type_name(frame)
    return name.startswith("dev.rustapp.") and not name.startswith("dev.rustapp.bench.")


# Each sample is charged to the innermost frame of ours (dev.rustapp) and the library it called.
events = json.load(open(samples_json))["recording"]["events"]
by_site = collections.Counter()
total = 0
for event in events:
    weight = event["values"]["weight"]
    frames = event["values"]["stackTrace"]["frames"] if event["values"].get("stackTrace") else []
    site = "(no frame of ours)"
    for i, frame in enumerate(frames):
        if ours(frame):
            callee = library(frames[i - 1]) if i > 0 and not ours(frames[i - 1]) else "itself"
            site = f"{frame_name(frame)} → {callee}"
            break
    by_site[site] += weight
    total += weight

print(f"\nWhere the bytes are allocated (JFR jdk.ObjectAllocationSample, {len(events):,} samples, "
      "charged to the innermost method of ours and the package it called):\n")
print("| method of ours → package allocating | share |")
print("|---|---|")
for site, weight in by_site.most_common(14):
    print(f"| {site} | {100 * weight / total:.1f}% |")
