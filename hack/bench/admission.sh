#!/usr/bin/env bash
# Admission through the apiserver: the rate at which a client (16 threads) creates N RustApps with
# the RustApp webhooks registered (mutate + validate over TLS, the webhook as the packaged jar),
# with the controller-runtime peer (hack/bench/go-peer) registered in the same place instead, and
# with no webhooks, in turn, in one run on this machine; the CPU each process spent; and the
# apiserver's own apiserver_admission_webhook_admission_duration_seconds for each webhook.
#   hack/bench/admission.sh [--n 1000] [--runs 3] [--warmup 200]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/process.sh"
source "$(dirname "${BASH_SOURCE[0]}")/workspace.sh"
cd "$REPO_ROOT"

N=1000
RUNS=3
WARMUP=200
while [[ $# -gt 0 ]]; do
  case $1 in
    --n) N=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    *) die "usage: hack/bench/admission.sh [--n N] [--runs R] [--warmup CREATES]" ;;
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
log "building the controller-runtime peer"
(cd hack/bench/go-peer && GOFLAGS=-mod=readonly go build -o "$WORK/go-peer" .)
PEER_PORT=$(free_port)
# Pinned nowhere, like the Java webhook: both may use every core, as in a cluster.
launch go-peer "$WORK/go-peer" -addr "127.0.0.1:$PEER_PORT" -cert "$WORK/tls.crt" -key "$WORK/tls.key"
wait_for "the peer" 30 bash -c "echo >/dev/tcp/127.0.0.1/$PEER_PORT"
# register [PORT NAME]: the webhook configurations pointing at PORT, the webhooks named NAME.rustapp.dev
# (the apiserver's metrics tell the two apart by that name).
register() {
  local port=${1:-$PORT} name=${2:-}
  sed -e "s#\${WEBHOOK_URL}#https://127.0.0.1:$port#" -e "s#\${CA_BUNDLE}#$CA_BUNDLE#" \
    -e "s#name: mutate.rustapp.dev#name: mutate.${name}rustapp.dev#" -e "s#name: validate.rustapp.dev#name: validate.${name}rustapp.dev#" \
    hack/webhook/configurations.yaml | "$KUBECTL" apply -f - >/dev/null
}
unregister() {
  "$KUBECTL" delete mutatingwebhookconfiguration/rustapp-webhook validatingwebhookconfiguration/rustapp-webhook --ignore-not-found >/dev/null
}
BENCH="java -jar hack/bench/java/target/rustapp-bench.jar"
rate() { awk '$1 == "admit_per_second" {print $2}'; }
# CPU ticks of the server processes, to say where a run's CPU went (per 1000 creates); last, the
# ticks of our webhook's JIT compiler threads (its JVM compiles while the runs go on).
ticks() {
  local p total="" pid webhook_pid
  for p in kube-apiserver etcd webhook go-peer; do
    pid=$(cat "$RUSTAPP_CLUSTER_DIR/pids/$p" 2>/dev/null || pid_of "$p")
    [[ $p == webhook ]] && webhook_pid=$pid
    total="$total $(awk '{print $14 + $15}' "/proc/$pid/stat")"
  done
  echo "$total $(python3 - "$webhook_pid" <<'PY'
import glob, sys
total = 0
for stat in glob.glob(f"/proc/{sys.argv[1]}/task/*/stat"):
    text = open(stat).read()
    name, rest = text[text.index("(") + 1:text.rindex(")")], text[text.rindex(")") + 2:].split()
    if "Compiler" in name:
        total += int(rest[11]) + int(rest[12])
print(total)
PY
)"
}

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
# Warm-up, so neither side pays for the JIT or the apiserver's first-use caches.
register
$BENCH admit warm-with "$WARMUP" >/dev/null
register "$PEER_PORT" peer.
$BENCH admit warm-peer "$WARMUP" >/dev/null
unregister
$BENCH admit warm-without "$WARMUP" >/dev/null
for run in $(seq 1 "$RUNS"); do
  unregister
  t0=$(ticks)
  without=$($BENCH admit "without-$run" "$N" | rate)
  t1=$(ticks)
  register
  with=$($BENCH admit "with-$run" "$N" | rate)
  t2=$(ticks)
  register "$PEER_PORT" peer.
  peer=$($BENCH admit "peer-$run" "$N" | rate)
  t3=$(ticks)
  printf 'run\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$without" "$with" "$peer" "${t0// /,}" "${t1// /,}" "${t2// /,}" "${t3// /,}" >>"$RESULTS"
  log "run $run: $without creates/s without webhooks, $with with ours, $peer with the peer's"
done
"$KUBECTL" get --raw /metrics | grep '^apiserver_admission_webhook_admission_duration_seconds' >"$WORK/apiserver-metrics.txt" || true
# Calls per connection: does the apiserver reuse its connections to our webhook, and over which HTTP?
curl -s --cacert <(printf '%s' "$CA_BUNDLE" | base64 -d) "https://127.0.0.1:$PORT/metrics" |
  grep -E '^rustapp_webhook_(connections|http_requests)_total' >"$WORK/webhook-metrics.txt" || true
python3 hack/bench/report_admission.py "$RESULTS" "$WORK/apiserver-metrics.txt" "$N" "$RUNS" "$WORK/webhook-metrics.txt"
