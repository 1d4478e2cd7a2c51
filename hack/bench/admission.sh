#!/usr/bin/env bash
# Admission through the apiserver: the rate at which a client (16 threads) creates N RustApps, in
# turn in one run on this machine, with no webhooks, with the RustApp webhooks as the chart runs them
# (mutate + validate over TLS, the packaged jar with the chart's JVM flags), with the same webhooks
# in a second JVM with other flags (--second NAME=FLAGS; by default the JDK's TLS instead of
# BoringSSL), and with the controller-runtime peer (hack/bench/go-peer) registered in the same place;
# the CPU each process spent (JIT compiler threads apart); the apiserver's own
# apiserver_admission_webhook_admission_duration_seconds for each webhook; and, in the same run, the
# same webhook processes standalone under wrk sending the calls the apiserver sends for one create
# (the app's /mutate and /validate reviews in turn), and the same calls with no server at all
# (AdmissionCost): CPU per call through the apiserver, standalone and alone.
#   hack/bench/admission.sh [--n 1000] [--runs 3] [--warmup 200] [--second "tiered=-XX:+UseSerialGC ..."] [--perf]
# --perf also samples our webhook's CPU with perf (linux-perf) in its phases and its standalone runs,
# and prints where the CPU per call goes in each (by thread, by code, kernel functions).
# SECOND_JAR=path/to/rustapp-webhook.jar (its lib/ beside it) runs another build as the second JVM:
# two commits side by side in one run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/process.sh"
source "$(dirname "${BASH_SOURCE[0]}")/workspace.sh"
cd "$REPO_ROOT"

N=1000
RUNS=3
WARMUP=200
CHART_OPTS=$WEBHOOK_CHART_OPTS
SECOND="jdk-tls=$CHART_OPTS -Dio.netty.handler.ssl.noOpenSsl=true"
PERF=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --n) N=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --second) SECOND=$2; shift 2 ;;
    --perf) PERF=999; shift ;;
    *) die "usage: hack/bench/admission.sh [--n N] [--runs R] [--warmup CREATES] [--second NAME=FLAGS] [--perf]" ;;
  esac
done
SECOND_NAME=${SECOND%%=*} SECOND_OPTS=${SECOND#*=}
bench_tools wrk:wrk
[[ -z $PERF ]] || bench_tools perf:linux-perf

bench_workspace admission

log "building the webhook, the certs CLI and the benchmark drivers"
bench_install testkit shared-model certs webhook controller
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
# A file, not <(...): a pipe is read once, and the readiness poll reads the CA on every try.
printf '%s' "$CA_BUNDLE" | base64 -d >"$WORK/ca.crt"
PORT=$(free_port)
# Our webhook twice, in turn: with the flags chart/values.yaml ships (webhook.javaOpts) and with the
# second variant's; WEBHOOK_JAVA_OPTS replaces the first.
PORT=$(free_port)
SECOND_PORT=$(free_port)
for variant in webhook webhook-second; do
  port=$PORT opts=${WEBHOOK_JAVA_OPTS:-$CHART_OPTS}
  [[ $variant == webhook-second ]] && port=$SECOND_PORT opts=$SECOND_OPTS
  # shellcheck disable=SC2086
  jar=webhook/target/rustapp-webhook.jar
  [[ $variant == webhook-second ]] && jar=${SECOND_JAR:-$jar}
  launch "$variant" java $opts -jar "$jar" \
    --bind-address 127.0.0.1 --port "$port" --tls-cert-file "$WORK/tls.crt" --tls-key-file "$WORK/tls.key"
  wait_for "the webhook ($variant)" 60 curl -sf --cacert "$WORK/ca.crt" "https://127.0.0.1:$port/readyz"
done
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
# ticks of each of our webhooks' JIT compiler threads (a JVM compiles while the runs go on).
PROCESSES="kube-apiserver etcd webhook webhook-second go-peer"
ticks() {
  local p total="" pid
  for p in $PROCESSES; do
    pid=$(cat "$RUSTAPP_CLUSTER_DIR/pids/$p" 2>/dev/null || pid_of "$p")
    total="$total $(awk '{print $14 + $15}' "/proc/$pid/stat")"
  done
  echo "$total $(python3 - "$(pid_of webhook)" "$(pid_of webhook-second)" <<'PY'
import glob, sys
for pid in sys.argv[1:]:
    total = 0
    for stat in glob.glob(f"/proc/{pid}/task/*/stat"):
        text = open(stat).read()
        name, rest = text[text.index("(") + 1:text.rindex(")")], text[text.rindex(")") + 2:].split()
        if "Compiler" in name:
            total += int(rest[11]) + int(rest[12])
    print(total, end=" ")
PY
)"
}

# profile_start NAME, profile_stop: with --perf, CPU samples of our webhook (every thread) between the
# two, as perf script's lines in $WORK/perf-NAME.txt.
profile_start() {
  [[ -n $PERF ]] || return 0
  PROFILE=$1
  perf record -F "$PERF" -e cpu-clock -p "$(pid_of webhook)" -o "$WORK/perf-$1.data" >/dev/null 2>&1 &
  PROFILER=$!
}
profile_stop() {
  [[ -n $PERF ]] || return 0
  kill -INT "$PROFILER"
  wait "$PROFILER" || true
  # Names for the JIT-compiled code (/tmp/perf-PID.map, where perf script looks for them): with C1
  # only, nothing is compiled after the warm-up, so the map written now holds the phase's code.
  jcmd "$(pid_of webhook)" Compiler.perfmap >/dev/null
  perf script -i "$WORK/perf-$PROFILE.data" -F comm,ip,sym,dso >"$WORK/perf-$PROFILE.txt" 2>/dev/null
  rm -f "$WORK/perf-$PROFILE.data"
}

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
# Each phase: a name and how to register its webhooks (none for "without").
PHASES="without ours second peer"
use() {
  case $1 in
    without) unregister ;;
    ours) register "$PORT" ;;
    second) register "$SECOND_PORT" "$SECOND_NAME." ;;
    peer) register "$PEER_PORT" peer. ;;
  esac
}
# Warm-up, so no side pays for first-use caches (and the JVMs compile what they will).
for phase in $PHASES; do
  use "$phase"
  $BENCH admit "warm-$phase" "$WARMUP" >/dev/null
done
# Each run starts one phase later than the one before (run 2: ours second peer without, ...): every
# namespace a phase creates stays, so a fixed order would always give the same phase the fullest
# apiserver, and always the same neighbour before it.
read -ra ORDER <<<"$PHASES"
for run in $(seq 1 "$RUNS"); do
  declare -A rate_of=() ticks_of=()
  for k in "${!ORDER[@]}"; do
    phase=${ORDER[$(( (k + run - 1) % ${#ORDER[@]} ))]}
    use "$phase"
    before=$(ticks | tr ' ' ',')
    [[ $phase == ours ]] && profile_start "ours-$run"
    rate_of[$phase]=$($BENCH admit "$phase-$run" "$N" | rate)
    [[ $phase == ours ]] && profile_stop
    ticks_of[$phase]="$before $(ticks | tr ' ' ',')"
  done
  line="run" samples=""
  for phase in $PHASES; do
    line="$line ${rate_of[$phase]}" samples="$samples ${ticks_of[$phase]}"
  done
  echo "$line$samples" >>"$RESULTS"
  log "run $run (creates/s, $PHASES): ${line#run }"
done
"$KUBECTL" get --raw /metrics | grep '^apiserver_admission_webhook_admission_duration_seconds' >"$WORK/apiserver-metrics.txt" || true
# Calls per connection: does the apiserver reuse its connections to our webhook, and over which HTTP?
curl -s --cacert "$WORK/ca.crt" "https://127.0.0.1:$PORT/metrics" |
  grep -E '^rustapp_webhook_(connections|http_requests)_total' >"$WORK/webhook-metrics.txt" || true
# The same webhooks standalone in the same run: wrk (16 connections, keep-alive) sending the app's
# /mutate and /validate reviews in turn, CPU per call from the process's ticks (its compiler threads
# apart); and the same two calls with no server (AdmissionCost, which also writes the /validate review).
wrk_apiserver_script
python3 hack/bench/admission_review.py >"$WORK/review.json"
# shellcheck disable=SC2086
java $CHART_OPTS -cp hack/bench/java/target/rustapp-bench.jar dev.rustapp.bench.AdmissionCost "$WORK" 5000 5000 \
  "$WORK/review.json" "$WORK/minimal.json" >"$WORK/alone.tsv"
# standalone MODE SCRIPT [busy]: both our webhooks driven by wrk with SCRIPT for 8 s, their CPU ticks
# noted; with "busy", while the apiserver creates apps with no webhooks registered, so the machine is
# as busy as when it calls ours, but not through it.
standalone() {
  local variant port before requests busy=""
  for variant in webhook webhook-second; do
    port=$PORT
    [[ $variant == webhook-second ]] && port=$SECOND_PORT
    if [[ ${3:-} == busy ]]; then
      use without
      # More creates than 8 s take at this machine's rate without webhooks, started before wrk.
      $BENCH admit "busy-$variant" 5000 >/dev/null &
      busy=$!
      sleep 2
    fi
    before=$(ticks)
    [[ $variant == webhook ]] && profile_start "$1"
    requests=$(wrk -t1 -c16 -d8s -s "$2" "https://127.0.0.1:$port" | awk '/requests in/ {print $1}')
    [[ $variant == webhook ]] && profile_stop
    printf '%s %s %s %s %s\n' "$1" "$variant" "$requests" "$(tr ' ' ',' <<<"$before")" "$(ticks | tr ' ' ',')" >>"$WORK/standalone.txt"
    [[ -z $busy ]] || wait "$busy"
  done
}
standalone standalone "$WORK/apiserver.lua"
# The same calls at the rate the apiserver made them in this run (two per create at the median
# creates/s with our webhooks): each of the 16 connections pauses between its calls (wrk's delay()).
pause=$(awk '{print $3}' "$RESULTS" | sort -n | awk '{a[NR]=$1} END {printf "%d", 16 * 1000 / (2 * a[int((NR + 1) / 2)])}')
sed "s/^local calls = 0$/local calls = 0\nfunction delay() return $pause end/" "$WORK/apiserver.lua" >"$WORK/apiserver-paced.lua"
standalone paced "$WORK/apiserver-paced.lua"
standalone busy "$WORK/apiserver-paced.lua" busy
python3 hack/bench/report_admission.py "$RESULTS" "$WORK/apiserver-metrics.txt" "$N" "$RUNS" "$WORK/webhook-metrics.txt" \
  "$WORK/standalone.txt" "$WORK/alone.tsv" "$SECOND_NAME" "$SECOND_OPTS"
[[ -z $PERF ]] || python3 hack/bench/report_admission_perf.py "$WORK" "$N" "$PERF"
