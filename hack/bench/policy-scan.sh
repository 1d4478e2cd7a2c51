#!/usr/bin/env bash
# The controller's background policy scan, measured in one run on this machine: N RustApps in 10
# namespaces, then 5 RustAppPolicies created at once (every app judged), 10 apps fixed (a few
# results change) and a relabel no policy reads (nothing changes). For each: seconds until every
# result is written, results changed, and the API writes the apiserver counted, by resource.
#   hack/bench/policy-scan.sh [--n 1000]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/controller-run.sh"
cd "$REPO_ROOT"

N=1000
while [[ $# -gt 0 ]]; do
  case $1 in
    --n) N=$2; shift 2 ;;
    *) die "usage: hack/bench/policy-scan.sh [--n N]" ;;
  esac
done

bench_workspace policy-scan

log "building the controller and the benchmark drivers"
bench_install testkit shared-model certs webhook controller
KUBECONFIG=$(bash hack/cluster.sh start)
export KUBECONFIG
"$(tool_dir kube)/kubectl" apply --server-side -f chart/crds/ >/dev/null
"$(tool_dir kube)/kubectl" wait --for=condition=Established crd --all >/dev/null

HEALTH_PORT=$(free_port)
start_controller "$CHART_MEMORY"
controller_ready

log "scanning $N RustApps against 5 policies"
java -cp hack/bench/java/target/rustapp-bench.jar dev.rustapp.bench.PolicyScanBench "$N" "http://127.0.0.1:$HEALTH_PORT/metrics" \
  | tee "$WORK/results.txt"
python3 hack/bench/report_policy_scan.py "$WORK/results.txt"
