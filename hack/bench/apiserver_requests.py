#!/usr/bin/env python3
"""Prints three tab-separated counts between two scrapes of apiserver_request_total: all requests,
server-side applies (verb APPLY), and writes to rustapps/status."""
import re
import sys

LINE = re.compile(r'^apiserver_request_total\{(.*)\} (\S+)$')
LABEL = re.compile(r'(\w+)="([^"]*)"')


def counts(path):
    total = apply = status = 0.0
    for line in open(path):
        m = LINE.match(line.strip())
        if not m:
            continue
        labels = dict(LABEL.findall(m.group(1)))
        value = float(m.group(2))
        total += value
        if labels.get("verb") == "APPLY":
            apply += value
        if labels.get("resource") == "rustapps" and labels.get("subresource") == "status" \
                and labels.get("verb") in ("APPLY", "PATCH", "PUT"):
            status += value
    return total, apply, status


before, after = counts(sys.argv[1]), counts(sys.argv[2])
print("\t".join(str(int(a - b)) for a, b in zip(after, before)))
