#!/usr/bin/env bash
# The controller's scale curve on fake nodes: for each size N, on a fresh cluster with the controller
# running, create N RustApps and wait until every Deployment, Service and status exists. Per size:
#   T_conv             seconds to converge, and milliseconds per app
#   RSS / live heap    the controller's RSS, and its heap after a full GC, once converged
#   requests per app   the apiserver's own request counter (every client: the driver's creates, the
#                      controller, kube-controller-manager's ReplicaSets and pods, kwok), and of those
#                      the server-side applies and the RustApp status writes, which only the
#                      controller makes
# The heap is capped at 2 GiB (not the chart's size) so the largest size measures cost, not the cap.
#   hack/bench/scale.sh [--sizes "1000 5000 10000 20000"]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/controller-run.sh"
cd "$REPO_ROOT"

SIZES="1000 5000 10000 20000"
while [[ $# -gt 0 ]]; do
  case $1 in
    --sizes) SIZES=$2; shift 2 ;;
    *) die "usage: hack/bench/scale.sh [--sizes \"1000 5000 10000 20000\"]" ;;
  esac
done

bench_workspace scale
log "building the controller and the benchmark drivers"
build_controller_bench
KUBECTL="$(tool_dir kube)/kubectl"
RESULTS="$WORK/results.tsv"
: >"$RESULTS"
apiserver_metrics() { "$KUBECTL" get --raw /metrics | grep '^apiserver_request_total' >"$1"; }
# live_heap_mib FILE: the class histogram (taken after a full GC: the live set alone) into FILE, and its total.
live_heap_mib() {
  jcmd "$(pid_of controller)" GC.class_histogram >"$1"
  awk '$1 == "Total" {printf "%.0f", $3 / 1048576}' "$1"
}

for n in $SIZES; do
  log "$n RustApps: fresh cluster, controller running"
  fresh_cluster
  start_controller -Xmx2g
  wait_for "the controller" 60 curl -sf "http://127.0.0.1:$HEALTH_PORT/readyz"
  apiserver_metrics "$WORK/before-$n.prom"
  seconds=$($BENCH converge "scale" "$n" | awk '$1 == "converge_seconds" {print $2}')
  # Let the status churn that follows convergence (Deployments becoming available) settle.
  sleep 10
  apiserver_metrics "$WORK/after-$n.prom"
  rss=$(rss_mib)
  printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$seconds" "$rss" "$(live_heap_mib "$WORK/histogram-$n.txt")" \
    "$(python3 hack/bench/apiserver_requests.py "$WORK/before-$n.prom" "$WORK/after-$n.prom")" >>"$RESULTS"
  halt controller
done

python3 hack/bench/report_scale.py "$RESULTS"
