#!/usr/bin/env bash
# What makes the webhook's open-loop tail, when the collector does not (gc-tail.sh)? The chart's webhook
# on core 0, warmed by wrk, then vegeta open loop at RATE from core 1 for RUNS runs of 8 s, each under
# `perf sched record` (every context switch on both cores; perf itself on core 1). A 10 ms window is
# slow when a request in flight during it took over 5 ms. Side by side in the slow and the other
# windows of the same run: the event loop's CPU per answered request, what else ran on core 0, the
# event loop's longest wait for the core, and the young pauses the JVM logged. Each run is made twice
# in turn: with the driver's control plane (which the webhook's policy informer watches) free to run
# on both cores, as in webhook.sh and gc-tail.sh ("shared"), and moved to core 1 with the load
# ("apart").
#   hack/bench/tail-stalls.sh [--rate 3520] [--runs 3]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/process.sh"
source "$(dirname "${BASH_SOURCE[0]}")/workspace.sh"
cd "$REPO_ROOT"

RATE=3520
RUNS=3
while [[ $# -gt 0 ]]; do
  case $1 in
    --rate) RATE=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    *) die "usage: hack/bench/tail-stalls.sh [--rate N] [--runs N]" ;;
  esac
done
bench_tools perf:linux-perf
open_loop_setup tail-stalls
one_core_webhook java "$WORK/gc.log"

for run in $(seq 1 "$RUNS"); do
  for placement in shared apart; do
    if [[ $placement == shared ]]; then cluster_cores 0-1; else cluster_cores 1; fi
    out="$WORK/$placement-$run"
    # perf's sched clock is the monotonic one; the report needs it against the wall clock vegeta logs.
    python3 -c 'import time; print(time.time() - time.clock_gettime(time.CLOCK_MONOTONIC))' >"$out.clock"
    taskset -c 1 perf sched record -k mono -o "$out.data" -- sleep 9 >/dev/null 2>&1 &
    recorder=$!
    sleep 0.5
    open_loop "$URL" "$RATE" 8 "$out.json"
    wait "$recorder"
    perf sched timehist -i "$out.data" >"$out.sched" 2>/dev/null
    rm -f "$out.data"
  done
done

python3 hack/bench/report_tail_stalls.py "$WORK" "$RATE" "$RUNS" "$(pid_of java)"
