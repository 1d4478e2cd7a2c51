#!/usr/bin/env bash
# Two controllers side by side on one cluster: the chart's (the packaged jar, the chart's JVM flags) and
# a second one with other JVM flags (--second NAME=FLAGS) or another build (SECOND_JAR=path/to/
# rustapp-controller.jar, its lib/ beside it: two commits back to back). Per phase N RustApps are
# converged by one of them, the two alternating, each phase's namespace deleted before the next:
# T_conv, reconciles per app, the controller's and the apiserver's CPU, the apiserver's requests.
# With --ready the cluster has KWOK nodes and each phase also runs until every pod is ready (pod
# events, rollout bookkeeping).
#   hack/bench/controller-ab.sh [--n 1000] [--runs 3] [--second "tiered=-XX:TieredStopAtLevel=4"] [--ready]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/controller-run.sh"
cd "$REPO_ROOT"

N=1000
RUNS=3
SECOND="second="
READY=false
while [[ $# -gt 0 ]]; do
  case $1 in
    --n) N=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --second) SECOND=$2; shift 2 ;;
    --ready) READY=true; shift ;;
    *) die "usage: hack/bench/controller-ab.sh [--n N] [--runs R] [--second NAME=FLAGS] [--ready]" ;;
  esac
done
[[ $SECOND == *=* ]] || die "--second takes NAME=FLAGS"
SECOND_NAME=${SECOND%%=*} SECOND_OPTS=${SECOND#*=}
[[ $SECOND_NAME != chart ]] || die "--second needs a name other than chart"
[[ -n $SECOND_OPTS || -n ${SECOND_JAR:-} ]] || log "neither --second flags nor SECOND_JAR: the two controllers are the same (an A/A run shows the noise)"

bench_workspace controller-ab
log "building the controller and the benchmark drivers"
build_controller_bench
KUBECTL="$(tool_dir kube)/kubectl"
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

ready_pods() { "$KUBECTL" get pods -n "$1" --no-headers 2>/dev/null | awk '$2 == "1/1" && $3 == "Running"' | wc -l; }

# phase VARIANT RUN: one convergence by that controller, recorded as one line of $RESULTS.
phase() {
  local variant=$1 run=$2 namespace="$1-$2" before t_conv at_conv ready_seconds="" start
  if [[ $variant == chart ]]; then
    start_controller "$CHART_MEMORY"
  else
    # shellcheck disable=SC2086
    CONTROLLER_JAR=${SECOND_JAR:-} start_controller "$CHART_MEMORY" $SECOND_OPTS
  fi
  controller_ready
  settle
  before=$(cpu_ticks kube-apiserver controller)
  apiserver_metrics "$WORK/before.prom"
  start=$SECONDS
  t_conv=$($BENCH converge "$namespace" "$N" | awk '$1 == "converge_seconds" {print $2}')
  at_conv=$(reconciles)
  if $READY; then
    while (($(ready_pods "$namespace") < N)); do
      ((SECONDS - start < 1800)) || die "the pods of $namespace were not all ready after 30 minutes"
      sleep 2
    done
    ready_seconds=$((SECONDS - start))
  fi
  apiserver_metrics "$WORK/after.prom"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$run" "$t_conv" "$at_conv" "$(reconciles)" "$ready_seconds" \
    "$before" "$(cpu_ticks kube-apiserver controller)" \
    "$(python3 hack/bench/apiserver_requests.py "$WORK/before.prom" "$WORK/after.prom")" >>"$RESULTS"
  halt controller
  "$KUBECTL" delete namespace "$namespace" --timeout=10m >/dev/null
}

if $READY; then fresh_cluster $((N / 200 + 1)); else fresh_cluster; fi
alternate chart "$SECOND_NAME"
bash hack/cluster.sh stop >/dev/null 2>&1 || true

python3 hack/bench/report_controller_ab.py "$RESULTS" "$N" "$READY" "${SECOND_JAR:+$SECOND_JAR }$SECOND_OPTS"
