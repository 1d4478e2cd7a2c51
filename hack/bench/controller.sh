#!/usr/bin/env bash
# Controller convergence, memory and start-up, measured in one run on this machine:
#   T_raw   a bare fabric8 client writes N RustApps and the SA, Deployment, Service and status the
#           controller would write for each, as fast as it can (16 threads)
#   T_conv  N RustApps created by the same client while the controller runs, until every
#           Deployment, Service and status is written
#   RSS     of the controller process after converging N and then N_LARGE RustApps
#   start   from controller process start to its first reconcile, with N RustApps existing
# The controller runs as the packaged jar with the chart's JVM flags. Medians of RUNS runs of the
# convergence ratio, each in fresh namespaces.
#   hack/bench/controller.sh [--n 1000] [--n-large 10000] [--runs 3]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/process.sh"
source "$(dirname "${BASH_SOURCE[0]}")/workspace.sh"
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
[[ -f controller/target/rustapp-controller.jar ]] || mvn -B -ntp -q -DskipTests -pl testkit,shared-model,controller -am install
mvn -B -ntp -q -DskipTests -f hack/bench/java/pom.xml package
export KUBECONFIG
BENCH="java -jar hack/bench/java/target/rustapp-bench.jar"
CHART_JAVA_OPTS="-XX:MaxRAMPercentage=60 -XX:+UseSerialGC -Xss512k"
HEALTH_PORT=$(free_port)

start_controller() {
  # shellcheck disable=SC2086
  launch controller java $CHART_JAVA_OPTS -Xmx384m -jar controller/target/rustapp-controller.jar --no-leader-elect \
    --health-bind-address 127.0.0.1 --health-port "$HEALTH_PORT"
}
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$(pid_of controller)/status"; }
value() { awk -v key="$1" '$1 == key {print $2}'; }

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
fresh_cluster() {
  bash hack/cluster.sh stop >/dev/null 2>&1 || true
  KUBECONFIG=$(bash hack/cluster.sh start)
  "$(tool_dir kube)/kubectl" apply --server-side -f chart/crds/ >/dev/null
  "$(tool_dir kube)/kubectl" wait --for=condition=Established crd/rustapps.rustapp.dev >/dev/null
}

for run in $(seq 1 "$RUNS"); do
  log "run $run: T_raw for $N apps (fresh cluster, no controller)"
  fresh_cluster
  t_raw=$($BENCH raw "raw" "$N" | value raw_seconds)
  log "run $run: T_conv for $N apps (fresh cluster, controller running)"
  fresh_cluster
  start_controller
  wait_for "the controller" 60 curl -sf "http://127.0.0.1:$HEALTH_PORT/readyz"
  t_conv=$($BENCH converge "conv" "$N" | value converge_seconds)
  printf 'ratio\t%s\t%s\n' "$t_raw" "$t_conv" >>"$RESULTS"
  if ((run == 1)); then
    sleep 5
    printf 'rss\t%s\t%s\n' "$N" "$(rss_mib)" >>"$RESULTS"
    log "start-up: controller restarted with $N RustApps existing"
    halt controller
    t0=$(date +%s%N)
    start_controller
    wait_for "a first reconcile" 300 bash -c "[ \$(curl -sf http://127.0.0.1:$HEALTH_PORT/metrics | awk '/^rustapp_controller_reconcile_total/ {s+=\$2} END {print s+0}') -gt 0 ]"
    t1=$(date +%s%N)
    printf 'startup\t%s\t%s\n' "$N" "$(( (t1 - t0) / 1000000 ))" >>"$RESULTS"
    if ((N_LARGE > N)); then
      log "memory: converging $N_LARGE RustApps in all"
      $BENCH converge "large" "$((N_LARGE - N))" >/dev/null
      sleep 5
      printf 'rss\t%s\t%s\n' "$N_LARGE" "$(rss_mib)" >>"$RESULTS"
    fi
  fi
  halt controller
done

python3 hack/bench/report_controller.py "$RESULTS" "$N" "$RUNS"
