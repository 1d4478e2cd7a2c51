#!/usr/bin/env bash
# Does the collector make the webhook's tail at half saturation? The chart's webhook on core 0, one
# JVM setting at a time (`--variants`: chart = the chart's flags, xmn32 = with a 32 MiB young
# generation, parallel = ParallelGC on one thread), warmed by wrk, then vegeta open loop at RATE for
# 3 runs of 8 s on core 1. Per run: p50, p99, p99.9 of the requests; per setting: the young pauses
# the JVM logged during those runs (count, median, p90, longest, total). Side by side in one run.
#   hack/bench/gc-tail.sh [--rate 3520] [--variants "chart xmn32 parallel"]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/process.sh"
source "$(dirname "${BASH_SOURCE[0]}")/workspace.sh"
cd "$REPO_ROOT"

RATE=3520
VARIANTS="chart xmn32 parallel"
while [[ $# -gt 0 ]]; do
  case $1 in
    --rate) RATE=$2; shift 2 ;;
    --variants) VARIANTS=$2; shift 2 ;;
    *) die "usage: hack/bench/gc-tail.sh [--rate N] [--variants \"chart xmn32 parallel\"]" ;;
  esac
done
open_loop_setup gc-tail

for variant in $VARIANTS; do
  case $variant in
    chart) extra="" ;;
    xmn32) extra="-Xmn32m" ;;
    parallel) extra="-XX:-UseSerialGC -XX:+UseParallelGC -XX:ParallelGCThreads=1" ;;
    *) die "unknown variant $variant (chart, xmn32, parallel)" ;;
  esac
  # shellcheck disable=SC2086
  one_core_webhook java "$WORK/gc-$variant.log" $extra
  skip=$(wc -l <"$WORK/gc-$variant.log")
  for run in 1 2 3; do
    open_loop "$URL" "$RATE" 8 "$WORK/$variant-$run.json"
  done
  tail -n +"$((skip + 1))" "$WORK/gc-$variant.log" >"$WORK/gc-$variant-runs.log"
  halt java
done

python3 hack/bench/report_gc_tail.py "$WORK" "$RATE" $VARIANTS
