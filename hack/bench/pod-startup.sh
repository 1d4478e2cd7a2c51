#!/usr/bin/env bash
# Start-up of the operator's pods on the real node, with and without the images' AppCDS archive,
# measured side by side in one run on the install hack/local-up.sh made:
#
#   hack/local-up.sh --detach && hack/bench/pod-startup.sh [--runs N] [--release NAME]
#
# Each run restarts one Deployment at a time (so pods do not compete for the 2 cores) with
# JAVA_TOOL_OPTIONS as the chart sets it, or with -Xshare:off added (no class data sharing at all:
# the jlinked base carries no default archive). For each new pod it reports what the program logs
# (ms from JVM start to listening; to caches synced and to its first reconcile) and what the kubelet
# saw (container start to Ready, whole seconds, quantised by the probe periods). The controller is
# scaled to 0 and back rather than rolled, so its first reconcile does not wait for the old pod to
# hand over the Lease (local-up's samples give it RustApps to reconcile).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/tools.sh"
cd "$REPO_ROOT"

RUNS=3
RELEASE=rustapp-operator
NS=rustapp-system
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --release) RELEASE=$2; shift 2 ;;
    *) die "usage: hack/bench/pod-startup.sh [--runs N] [--release NAME]" ;;
  esac
done
KUBECONFIG_FILE="$STATE_ROOT/cluster/admin.kubeconfig"
[[ -f $KUBECONFIG_FILE ]] || die "no local cluster: run hack/local-up.sh --detach first"
k() { "$(tool_dir kube)/kubectl" --kubeconfig "$KUBECONFIG_FILE" -n "$NS" "$@"; }
k get deploy "$RELEASE-webhook" "$RELEASE-controller" >/dev/null || die "no release $RELEASE in $NS (--release NAME)"

RESULTS=$(mktemp)
trap 'rm -f "$RESULTS"' EXIT

# measure DEPLOYMENT PROGRAM MODE RUN: rolls the Deployment and records each new pod's start-up.
measure() {
  local deploy=$1 program=$2 mode=$3 run=$4 opts pod replicas ready
  opts=$(k get deploy "$deploy" -o jsonpath='{.spec.template.spec.containers[0].env[?(@.name=="JAVA_TOOL_OPTIONS")].value}' |
    sed 's/ -Xshare:off//')
  [[ $mode == off ]] && opts="$opts -Xshare:off"
  if [[ $program == controller ]]; then
    replicas=$(k get deploy "$deploy" -o jsonpath='{.spec.replicas}')
    k scale "deploy/$deploy" --replicas=0 >/dev/null
    k wait --for=delete pod -l "app.kubernetes.io/name=$deploy" --timeout=2m >/dev/null 2>&1 || true
  fi
  k set env "deploy/$deploy" "JAVA_TOOL_OPTIONS=$opts" "BENCH_RUN=$mode-$run" >/dev/null
  [[ $program == controller ]] && k scale "deploy/$deploy" --replicas="$replicas" >/dev/null
  k rollout status "deploy/$deploy" --timeout=5m >/dev/null
  for pod in $(k get pods -l "app.kubernetes.io/name=$deploy" -o name); do
    # Pods of the previous run may still be terminating.
    [[ $(k get "$pod" -o jsonpath='{.spec.containers[0].env[?(@.name=="BENCH_RUN")].value}' 2>/dev/null) == "$mode-$run" ]] || continue
    ready=$(k get "$pod" -o json | python3 -c '
import json, sys
from datetime import datetime
pod = json.load(sys.stdin)
parse = lambda t: datetime.strptime(t, "%Y-%m-%dT%H:%M:%SZ")
started = parse(pod["status"]["containerStatuses"][0]["state"]["running"]["startedAt"])
ready = parse(next(c["lastTransitionTime"] for c in pod["status"]["conditions"] if c["type"] == "Ready"))
print((ready - started).total_seconds())')
    if [[ $program == webhook ]]; then
      printf '%s %s webhook %s\n' "$ready" "$(logged_ms "$pod" 'listening on')" "$mode" >>"$RESULTS"
    else
      printf '%s %s controller %s\n' "$ready" "$(logged_ms "$pod" 'caches synced')" "$mode" >>"$RESULTS"
      wait_for "$pod's first reconcile" 60 reconciled "$pod"
      printf '%s %s controller-first-reconcile %s\n' "$ready" "$(logged_ms "$pod" 'first reconcile')" "$mode" >>"$RESULTS"
    fi
  done
}

# logged_ms POD TEXT: the "N ms after the JVM started" of the pod's first log line containing TEXT.
logged_ms() {
  k logs "$1" | grep -F "$2" | sed -n 's/.* (\{0,1\}\([0-9]*\) ms after the JVM started.*/\1/p' | head -1
}
reconciled() { [[ -n $(logged_ms "$1" 'first reconcile') ]]; }

log "measuring $RUNS runs of each program, with the AppCDS archive and with -Xshare:off"
for run in $(seq "$RUNS"); do
  for mode in appcds off; do
    measure "$RELEASE-webhook" webhook "$mode" "$run"
    measure "$RELEASE-controller" controller "$mode" "$run"
  done
done
# Leave the release as the chart made it.
for deploy in "$RELEASE-webhook" "$RELEASE-controller"; do
  opts=$(k get deploy "$deploy" -o jsonpath='{.spec.template.spec.containers[0].env[?(@.name=="JAVA_TOOL_OPTIONS")].value}' | sed 's/ -Xshare:off//')
  k set env "deploy/$deploy" "JAVA_TOOL_OPTIONS=$opts" BENCH_RUN- >/dev/null
done

python3 - "$RESULTS" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if len(line.split()) == 4]
print("%-26s %-8s %5s %22s %28s" % ("program", "mode", "pods", "JVM start->logged (ms)", "container start->Ready (s)"))
summary = {}
for program in ("webhook", "controller", "controller-first-reconcile"):
    for mode in ("appcds", "off"):
        picked = [r for r in rows if r[2] == program and r[3] == mode]
        if not picked:
            continue
        ms = statistics.median(float(r[1]) for r in picked)
        s = statistics.median(float(r[0]) for r in picked)
        summary[(program, mode)] = ms
        print("%-26s %-8s %5d %22.0f %28.1f" % (program, mode, len(picked), ms, s))
for program in ("webhook", "controller", "controller-first-reconcile"):
    if (program, "appcds") in summary and (program, "off") in summary:
        print("%s: without / with the archive = %.2f" % (program, summary[(program, "off")] / summary[(program, "appcds")]))
EOF
