#!/usr/bin/env bash
# Where the apiserver's CPU goes while our controller converges N RustApps, against the baseline that
# server-side applies the same children itself (T_raw-apply): one cluster, the two phases alternating,
# each phase's namespace deleted before the next; a Go CPU profile of the apiserver (its own
# /debug/pprof, switched on for this cluster only) over a window of each phase, every sample put in one
# category by what its stack was doing, and the apiserver's CPU over the whole phase split accordingly.
#   hack/bench/apiserver-profile.sh [--n 1000] [--runs 2] [--seconds 12]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/controller-run.sh"
cd "$REPO_ROOT"

N=1000
RUNS=2
SECONDS_PROFILED=12
while [[ $# -gt 0 ]]; do
  case $1 in
    --n) N=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --seconds) SECONDS_PROFILED=$2; shift 2 ;;
    *) die "usage: hack/bench/apiserver-profile.sh [--n N] [--runs R] [--seconds S]" ;;
  esac
done

bench_workspace apiserver-profile
log "building the controller and the benchmark drivers"
build_controller_bench
KUBECTL="$(tool_dir kube)/kubectl"
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# profile FILE: the apiserver's CPU profile over SECONDS_PROFILED, starting 2 s into the phase.
profile() { sleep 2; "$KUBECTL" get --raw "/debug/pprof/profile?seconds=$SECONDS_PROFILED" >"$1"; }

# phase NAME RUN: raw-apply (the benchmark client applies the children) or controller (ours converges).
phase() {
  local name=$1 run=$2 before out profiler
  [[ $name == raw-apply ]] || { start_controller "$CHART_MEMORY"; controller_ready; }
  settle
  before=$(cpu_ticks kube-apiserver)
  profile "$WORK/$name-$run.pprof" &
  profiler=$!
  if [[ $name == raw-apply ]]; then out=$($BENCH raw-apply "$name-$run" "$N"); else out=$($BENCH converge "$name-$run" "$N"); fi
  wait "$profiler" || die "no profile from the apiserver for $name (run $run): a phase shorter than 2 s plus --seconds?"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$run" "$before" "$(cpu_ticks kube-apiserver)" \
    "$(awk '$1 ~ /_seconds$/ && $1 != "client_cpu_seconds" {print $2}' <<<"$out")" >>"$RESULTS"
  go tool pprof -traces "$WORK/$name-$run.pprof" >"$WORK/$name-$run.traces" 2>/dev/null
  [[ $name == raw-apply ]] || halt controller
  "$KUBECTL" delete namespace "$name-$run" --timeout=10m >/dev/null
}

RUSTAPP_APISERVER_PROFILING=true fresh_cluster
alternate raw-apply controller
bash hack/cluster.sh stop >/dev/null 2>&1 || true

python3 hack/bench/report_apiserver_profile.py "$RESULTS" "$WORK" "$N" "$SECONDS_PROFILED"
