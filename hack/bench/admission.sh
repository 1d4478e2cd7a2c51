#!/usr/bin/env bash
# Admission through the apiserver: the rate at which a client (16 threads) creates N RustApps with
# the RustApp webhooks registered (mutate + validate over TLS, the webhook as the packaged jar)
# and without them, alternating, in one run on this machine; plus the apiserver's own
# apiserver_admission_webhook_admission_duration_seconds for the two webhooks.
#   hack/bench/admission.sh [--n 1000] [--runs 3]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/process.sh"
source "$(dirname "${BASH_SOURCE[0]}")/workspace.sh"
cd "$REPO_ROOT"

N=1000
RUNS=3
while [[ $# -gt 0 ]]; do
  case $1 in
    --n) N=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    *) die "usage: hack/bench/admission.sh [--n N] [--runs R]" ;;
  esac
done

bench_workspace admission

log "building the webhook, the certs CLI and the benchmark drivers"
[[ -f webhook/target/rustapp-webhook.jar && -f certs/target/rustapp-certs.jar ]] ||
  mvn -B -ntp -q -DskipTests -pl testkit,shared-model,certs,webhook,controller -am install
mvn -B -ntp -q -DskipTests -f hack/bench/java/pom.xml package
export KUBECONFIG
KUBECONFIG=$(bash hack/cluster.sh start)
KUBECTL="$(tool_dir kube)/kubectl"
"$KUBECTL" apply --server-side -f chart/crds/ >/dev/null
"$KUBECTL" wait --for=condition=Established crd/rustapps.rustapp.dev >/dev/null
"$KUBECTL" create namespace rustapp-system >/dev/null
java -jar certs/target/rustapp-certs.jar bootstrap --namespace rustapp-system --service rustapp-webhook --ip 127.0.0.1 >/dev/null
"$KUBECTL" get secret -n rustapp-system rustapp-webhook-tls -o jsonpath='{.data.tls\.crt}' | base64 -d >"$WORK/tls.crt"
"$KUBECTL" get secret -n rustapp-system rustapp-webhook-tls -o jsonpath='{.data.tls\.key}' | base64 -d >"$WORK/tls.key"
CA_BUNDLE=$("$KUBECTL" get secret -n rustapp-system rustapp-webhook-tls -o jsonpath='{.data.ca\.crt}')
PORT=$(free_port)
launch webhook java -XX:MaxRAMPercentage=60 -XX:+UseSerialGC -Xss512k -jar webhook/target/rustapp-webhook.jar \
  --bind-address 127.0.0.1 --port "$PORT" --tls-cert-file "$WORK/tls.crt" --tls-key-file "$WORK/tls.key"
wait_for "the webhook" 60 curl -sf --cacert <(printf '%s' "$CA_BUNDLE" | base64 -d) "https://127.0.0.1:$PORT/readyz"
register() {
  sed -e "s#\${WEBHOOK_URL}#https://127.0.0.1:$PORT#" -e "s#\${CA_BUNDLE}#$CA_BUNDLE#" hack/webhook/configurations.yaml |
    "$KUBECTL" apply -f - >/dev/null
}
unregister() {
  "$KUBECTL" delete mutatingwebhookconfiguration/rustapp-webhook validatingwebhookconfiguration/rustapp-webhook --ignore-not-found >/dev/null
}
BENCH="java -jar hack/bench/java/target/rustapp-bench.jar"
rate() { awk '$1 == "admit_per_second" {print $2}'; }
# CPU ticks of the server processes, to say where a run's CPU went (per 1000 creates).
ticks() {
  local p total=""
  for p in kube-apiserver etcd webhook; do
    local pid
    pid=$(cat "$RUSTAPP_CLUSTER_DIR/pids/$p" 2>/dev/null || pid_of "$p")
    total="$total $(awk '{print $14 + $15}' "/proc/$pid/stat")"
  done
  echo "$total"
}

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
# Warm-up, so neither side pays for the JIT or the apiserver's first-use caches.
register
$BENCH admit warm-with 200 >/dev/null
unregister
$BENCH admit warm-without 200 >/dev/null
for run in $(seq 1 "$RUNS"); do
  unregister
  t0=$(ticks)
  without=$($BENCH admit "without-$run" "$N" | rate)
  t1=$(ticks)
  register
  with=$($BENCH admit "with-$run" "$N" | rate)
  t2=$(ticks)
  printf 'run\t%s\t%s\t%s\t%s\t%s\n' "$without" "$with" "${t0// /,}" "${t1// /,}" "${t2// /,}" >>"$RESULTS"
  log "run $run: $without creates/s without the webhooks, $with with"
done
"$KUBECTL" get --raw /metrics | grep '^apiserver_admission_webhook_admission_duration_seconds' >"$WORK/apiserver-metrics.txt" || true
python3 hack/bench/report_admission.py "$RESULTS" "$WORK/apiserver-metrics.txt" "$N" "$RUNS"
