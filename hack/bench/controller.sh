#!/usr/bin/env bash
# Controller convergence, memory and start-up, measured in one run on this machine:
#   T_raw   a bare fabric8 client writes N RustApps and the SA, Deployment, Service and status the
#           controller would write for each, as fast as it can (16 threads); the children created,
#           and (T_raw-apply) server-side applied as controllers write them
#   T_conv  N RustApps created by the same client while the controller runs, until every
#           Deployment, Service and status is written, by a controller just started; with --warm
#           also by one that has converged N other apps and seen them deleted (its JIT warm, as a
#           controller that has run a while meets a burst of applies; the cluster has then seen
#           those N apps come and go as well, which costs its apiserver more: see the README)
#   RSS     of the controller process after converging N and then N_LARGE RustApps
#   start   from controller process start to its first reconcile, with N RustApps existing
# T_conv and RSS are measured the same way for a kube-rs peer (hack/bench/kube-rs-peer) beside ours.
# T_conv's client watches the apps and lists the children once their statuses are written; with
# --watched each run also converges ours watched by the observer before 12-07, which watches the
# Deployments and Services as well (what that observer's CPU cost T_conv).
# The controller runs as the packaged jar with the chart's JVM flags. Medians of RUNS runs of the
# convergence ratio, each on one fresh cluster: T_raw, ours and the peer's in turn, order rotated.
#   hack/bench/controller.sh [--n 1000] [--n-large 10000] [--runs 3] [--watched] [--warm]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/controller-run.sh"
cd "$REPO_ROOT"

N=1000
N_LARGE=10000
RUNS=3
PHASES=(raw raw-apply controller peer)
while [[ $# -gt 0 ]]; do
  case $1 in
    --n) N=$2; shift 2 ;;
    --n-large) N_LARGE=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --watched) PHASES+=(controller-watched); shift ;;
    --warm) PHASES+=(controller-warm); shift ;;
    *) die "usage: hack/bench/controller.sh [--n N] [--n-large N] [--runs R] [--watched] [--warm]" ;;
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
KUBECTL="$(tool_dir kube)/kubectl"
: >"$RESULTS"

# start_program PROGRAM: our controller (the chart's flags) or the peer, until it is ready.
start_program() {
  if [[ $1 == controller ]]; then
    start_controller "$CHART_MEMORY"
    controller_ready
  else
    launch peer "$PEER"
    wait_for "the kube-rs peer" 60 grep -q "rustapp-kube-rs-peer running" "$PROC_DIR/logs/peer.log"
  fi
}

# phase NAME RUN: prints T_raw (NAME raw or raw-apply) or T_conv with NAME running, for N apps in
# namespace NAME-RUN, and records the CPU each process took meanwhile; then the namespace is deleted,
# and waited for, and the next phase starts once the cluster has settled (settle), from the same state.
phase() {
  local name=$1 run=$2 out before program="" mode=converge
  if [[ $name == raw* ]]; then
    settle
    before="$(cpu_ticks $CLUSTER_PROCESSES),$(machine_ticks)"
    out=$($BENCH "$name" "$name-$run" "$N")
  else
    program=${name%-watched} program=${program%-warm}
    [[ $name != *-watched ]] || mode=converge-watched
    start_program "$program"
    [[ $name != *-warm ]] || warm_up "$run"
    settle
    before="$(cpu_ticks $CLUSTER_PROCESSES "$program"),$(machine_ticks)"
    out=$($BENCH "$mode" "$name-$run" "$N")
  fi
  printf 'cpu\t%s\t%s\t%s\t%s\t%s\n' "$name" "$run" "$before" "$(cpu_ticks $CLUSTER_PROCESSES $program),$(machine_ticks)" \
    "$(value client_cpu_seconds <<<"$out")" >>"$RESULTS"
  [[ -z $program ]] || halt "$program"
  "$KUBECTL" delete namespace "$name-$run" --timeout=10m >/dev/null
  if [[ $name == raw* ]]; then value "${name}_seconds" <<<"$out"; else value converge_seconds <<<"$out"; fi
}

# warm_up RUN: the started controller converges N apps of its own, which are then deleted, and the
# driver waits until its queue has stayed empty for 5 s (the deletions' reconciles done).
warm_up() {
  log "run $1: warming the controller up on $N apps"
  $BENCH converge "warmup-$1" "$N" >/dev/null
  "$KUBECTL" delete namespace "warmup-$1" --timeout=10m >/dev/null
  wait_for "the controller's queue to stay empty" 300 queue_settled
}
queue_settled() {
  local i depth
  for i in 1 2 3 4 5 6; do
    depth=$(controller_metric rustapp_controller_queue_depth) && ((depth == 0)) || return 1
    ((i == 6)) || sleep 1
  done
}

# The ratio: per run one fresh cluster, on which T_raw, T_raw-apply, our T_conv and the peer's are
# taken in turn, the order rotating from run to run. Fresh clusters differed by up to 1.8x in T_raw
# in one hour, so a ratio to a baseline taken on another cluster carried that spread.
for run in $(seq 1 "$RUNS"); do
  fresh_cluster
  declare -A took=()
  for i in "${!PHASES[@]}"; do
    name=${PHASES[$(( (i + run - 1) % ${#PHASES[@]} ))]}
    log "run $run: $name ($N apps)"
    took[$name]=$(phase "$name" "$run")
  done
  printf 'ratio\t%s\t%s\t%s\t%s\t%s\t%s\n' "${took[raw]}" "${took[controller]}" "${took[peer]}" "${took[raw-apply]}" \
    "${took[controller-warm]:--}" "${took[controller-watched]:--}" >>"$RESULTS"
done

# Memory and start-up, per program on a fresh cluster of its own: RSS after converging N apps (and
# N_LARGE in all), and for ours the time from process start to the first reconcile with N apps existing.
for program in controller peer; do
  log "memory: $program converging $N RustApps on a fresh cluster"
  fresh_cluster
  start_program "$program"
  $BENCH converge "mem" "$N" >/dev/null
  sleep 5
  printf 'rss\t%s\t%s\t%s\n' "$program" "$N" "$(rss_mib "$program")" >>"$RESULTS"
  if [[ $program == controller ]]; then
    log "start-up: controller restarted with $N RustApps existing"
    halt controller
    t0=$(date +%s%N)
    start_controller "$CHART_MEMORY"
    wait_for "a first reconcile" 300 reconciled
    t1=$(date +%s%N)
    printf 'startup\t%s\t%s\n' "$N" "$(( (t1 - t0) / 1000000 ))" >>"$RESULTS"
  fi
  if ((N_LARGE > N)); then
    log "memory: $program converging $N_LARGE RustApps in all"
    $BENCH converge "large" "$((N_LARGE - N))" >/dev/null
    sleep 5
    printf 'rss\t%s\t%s\t%s\n' "$program" "$N_LARGE" "$(rss_mib "$program")" >>"$RESULTS"
  fi
  halt "$program"
done

python3 hack/bench/report_controller.py "$RESULTS" "$N" "$RUNS"
