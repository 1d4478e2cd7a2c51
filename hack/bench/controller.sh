#!/usr/bin/env bash
# Controller convergence, memory and start-up, measured in one run on this machine:
#   T_raw   a bare fabric8 client writes N RustApps and the SA, Deployment, Service and status the
#           controller would write for each, as fast as it can (16 threads)
#   T_conv  N RustApps created by the same client while the controller runs, until every
#           Deployment, Service and status is written
#   RSS     of the controller process after converging N and then N_LARGE RustApps
#   start   from controller process start to its first reconcile, with N RustApps existing
# T_conv and RSS are measured the same way for a kube-rs peer (hack/bench/kube-rs-peer) beside ours.
# The controller runs as the packaged jar with the chart's JVM flags. Medians of RUNS runs of the
# convergence ratio, each in fresh namespaces.
#   hack/bench/controller.sh [--n 1000] [--n-large 10000] [--runs 3]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/controller-run.sh"
cd "$REPO_ROOT"

N=1000
N_LARGE=10000
RUNS=3
while [[ $# -gt 0 ]]; do
  case $1 in
    --n) N=$2; shift 2 ;;
    --n-large) N_LARGE=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    *) die "usage: hack/bench/controller.sh [--n N] [--n-large N] [--runs R]" ;;
  esac
done

bench_workspace controller

log "building the controller and the benchmark drivers"
build_controller_bench
value() { awk -v key="$1" '$1 == key {print $2}'; }

log "building the kube-rs peer (cargo, cached in $CACHE_DIR)"
cargo build -q --release --locked --manifest-path hack/bench/kube-rs-peer/Cargo.toml --target-dir "$CACHE_DIR/kube-rs-peer-target"
PEER="$CACHE_DIR/kube-rs-peer-target/release/rustapp-kube-rs-peer"

RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# converge PROGRAM RUN: on a fresh cluster with PROGRAM (controller or peer) running, prints T_conv for
# N apps; in the first run also records RSS at N and N_LARGE (and our controller's start-up).
converge() {
  local program=$1 run=$2 t_conv
  fresh_cluster
  if [[ $program == controller ]]; then
    start_controller "$CHART_MEMORY"
    wait_for "the controller" 60 curl -sf "http://127.0.0.1:$HEALTH_PORT/readyz"
  else
    launch peer "$PEER"
    wait_for "the kube-rs peer" 60 grep -q "rustapp-kube-rs-peer running" "$PROC_DIR/logs/peer.log"
  fi
  t_conv=$($BENCH converge "conv" "$N" | value converge_seconds)
  if ((run == 1)); then
    sleep 5
    printf 'rss\t%s\t%s\t%s\n' "$program" "$N" "$(rss_mib "$program")" >>"$RESULTS"
    if [[ $program == controller ]]; then
      log "start-up: controller restarted with $N RustApps existing"
      halt controller
      local t0 t1
      t0=$(date +%s%N)
      start_controller "$CHART_MEMORY"
      wait_for "a first reconcile" 300 bash -c "[ \$(curl -sf http://127.0.0.1:$HEALTH_PORT/metrics | awk '/^rustapp_controller_reconcile_total/ {s+=\$2} END {print s+0}') -gt 0 ]"
      t1=$(date +%s%N)
      printf 'startup\t%s\t%s\n' "$N" "$(( (t1 - t0) / 1000000 ))" >>"$RESULTS"
    fi
    if ((N_LARGE > N)); then
      log "memory: $program converging $N_LARGE RustApps in all"
      $BENCH converge "large" "$((N_LARGE - N))" >/dev/null
      sleep 5
      printf 'rss\t%s\t%s\t%s\n' "$program" "$N_LARGE" "$(rss_mib "$program")" >>"$RESULTS"
    fi
  fi
  halt "$program"
  echo "$t_conv"
}

for run in $(seq 1 "$RUNS"); do
  log "run $run: T_raw for $N apps (fresh cluster, no controller)"
  fresh_cluster
  t_raw=$($BENCH raw "raw" "$N" | value raw_seconds)
  log "run $run: T_conv for $N apps (fresh cluster, our controller running)"
  t_conv=$(converge controller "$run")
  log "run $run: T_conv for $N apps (fresh cluster, the kube-rs peer running)"
  t_peer=$(converge peer "$run")
  printf 'ratio\t%s\t%s\t%s\n' "$t_raw" "$t_conv" "$t_peer" >>"$RESULTS"
done

python3 hack/bench/report_controller.py "$RESULTS" "$N" "$RUNS"
