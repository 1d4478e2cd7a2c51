#!/usr/bin/env bash
# The controller's scale curve on fake nodes: for each size N, on a fresh cluster with the controller
# running and enough KWOK nodes for every app's pod (250 pods each; the scheduler binds them, KWOK
# makes them Running and Ready, so Deployments become available and statuses follow), create N
# RustApps and wait until every Deployment, Service and status exists. Per size:
#   T_conv             seconds to converge, and milliseconds per app
#   RSS / live heap    the controller's RSS, and its heap after a full GC, once converged
#   CPU per app        CPU time of each process (the controller and the cluster's own) from the
#                      creates until every app's status says its pod is ready (10 s more), per app: which
#                      process the time per app goes to; and that window's length
#   requests per app   the apiserver's own request counter (every client: the driver's creates, the
#                      controller, kube-controller-manager's ReplicaSets and pods, kwok), and of those
#                      the server-side applies and the RustApp status writes, which only the
#                      controller makes
# The heap is capped at 2 GiB (not the chart's size) so the largest size measures cost, not the cap.
# The apps go 1,000 to a namespace (--per-namespace): kube-controller-manager lists a namespace's pods,
# ReplicaSets and Services on every sync of one of them, so with all N in one namespace its CPU per app
# grows with N, and the curve measures that instead of the controller.
#   hack/bench/scale.sh [--sizes "1000 5000 10000 20000"] [--per-namespace 1000]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/controller-run.sh"
cd "$REPO_ROOT"

SIZES="1000 5000 10000 20000"
PER_NAMESPACE=1000
while [[ $# -gt 0 ]]; do
  case $1 in
    --sizes) SIZES=$2; shift 2 ;;
    --per-namespace) PER_NAMESPACE=$2; shift 2 ;;
    *) die "usage: hack/bench/scale.sh [--sizes \"1000 5000 10000 20000\"] [--per-namespace 1000]" ;;
  esac
done

bench_workspace scale
# With their default rate limits the controller manager creates 20 objects a second and the scheduler
# binds 50: pods would run minutes after their apps converged, and the window would measure the
# limits. Raised, the cluster's own work per app is done at the speed of these two cores.
export RUSTAPP_CONTROL_PLANE_QPS=500
log "building the controller and the benchmark drivers"
build_controller_bench
KUBECTL="$(tool_dir kube)/kubectl"
RESULTS="$WORK/results.tsv"
: >"$RESULTS"
APP_PODS=app.kubernetes.io/managed-by=rustapp-operator
CPU_PROCESSES="controller kube-apiserver etcd kube-controller-manager kube-scheduler kwok"

# wait_settled N: until N pods run and every app's status says its one replica is ready (up to 30 min,
# or 180 ms per app when longer, as the convergence). Pods run well before that: at 10,000 apps, when
# the last pod ran, 3,500 statuses said "1/1"; the Deployments' availability, and the status writes it
# causes, were still queued in kube-controller-manager. Asked every 5 s for the pods that do not run (a
# small answer once most do), then every 15 s for the apps' statuses, so the asking does not load the
# apiserver it measures.
wait_settled() {
  local limit=$(( $1 * 180 / 1000 > 1800 ? $1 * 180 / 1000 : 1800 ))
  local deadline=$((SECONDS + limit))
  until [[ -z $("$KUBECTL" get pods -A -l "$APP_PODS" --field-selector=status.phase!=Running -o name 2>/dev/null) ]] &&
    (($("$KUBECTL" get pods -A -l "$APP_PODS" -o name 2>/dev/null | wc -l) >= $1)); do
    ((SECONDS < deadline)) || die "$1 pods did not all run within $((limit / 60)) min"
    sleep 5
  done
  until (($("$KUBECTL" get rustapps -A -o jsonpath='{range .items[*]}{.status.ready}{"\n"}{end}' 2>/dev/null |
    grep -c '^1/1$') >= $1)); do
    ((SECONDS < deadline)) || die "$1 apps did not all report 1/1 ready within $((limit / 60)) min"
    sleep 15
  done
}

for n in $SIZES; do
  log "$n RustApps: fresh cluster, controller running"
  fresh_cluster $((n / 200 + 1))
  start_controller -Xmx2g
  controller_ready
  apiserver_metrics "$WORK/before-$n.prom"
  ticks_before=$(cpu_ticks $CPU_PROCESSES)
  window_start=$(date +%s%N)
  seconds=$($BENCH converge "scale" "$n" "$PER_NAMESPACE" | awk '$1 == "converge_seconds" {print $2}')
  # The work N apps cause goes on after convergence: the scheduler binds their pods, KWOK runs them,
  # Deployments become available and the controller writes the statuses that say so. Wait for every
  # app to say so, then let the churn settle, before the CPU and requests are read.
  wait_settled "$n"
  sleep 10
  apiserver_metrics "$WORK/after-$n.prom"
  ticks_after=$(cpu_ticks $CPU_PROCESSES)
  window=$(( ($(date +%s%N) - window_start) / 1000000 ))
  rss=$(rss_mib)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$seconds" "$rss" "$(live_heap_mib "$WORK/histogram-$n.txt")" \
    "$(python3 hack/bench/apiserver_requests.py "$WORK/before-$n.prom" "$WORK/after-$n.prom")" \
    "$ticks_before" "$ticks_after" "$window" >>"$RESULTS"
  halt controller
done

python3 hack/bench/report_scale.py "$RESULTS"
