#!/usr/bin/env bash
# Webhook throughput and latency, side by side in one run on this machine:
#   nginx       a fixed AdmissionReview response over TLS with the same certificate (the ceiling)
#   go-peer     a controller-runtime webhook/admission server doing the same defaulting (the peer)
#   java-chart  the RustApp webhook with the JVM flags the chart ships (C1 only, SerialGC), TLS by
#               BoringSSL (netty-tcnative)
#   java-jdk-tls java-chart with the JDK's TLS engine (Netty's io.netty.handler.ssl.noOpenSsl)
#   java-xmn32  java-chart with a fixed 32 MiB young generation (-Xmn32m): the chart's 320Mi limit
#               gives SerialGC a 13 MiB heap with a 3 MiB eden, a collection every ~50 admissions
#   java-tiered the same with tiered compilation (C1 then C2: slower start and warm-up, less CPU per
#               request once C2 is done)
#   java-c2     the RustApp webhook with ParallelGC and a fixed heap
#   java-2cores java-chart given both cores (admission work runs on a worker pool, not the event loop)
# Each server is pinned to core 0 and the load generator to core 1 (java-2cores shares core 1 with it,
# so its ratio to java-chart understates what a second core of its own gives). Throughput: wrk (HTTPS,
# keep-alive, a ~4 KB AdmissionReview for a RustApp) at 16 and 64 connections. Latency at half of
# saturation, two ways at the same rate: h2load --h1 from 16 paced clients started 1 ms apart (each
# waits for its answer before its next request), and vegeta open loop (requests on a fixed schedule,
# wrk2's model); p50/p99 from their per-request logs. Medians of RUNS runs.
#   hack/bench/webhook.sh [--runs 3] [--seconds 10] [--servers "java-chart java-2cores"]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/process.sh"
source "$(dirname "${BASH_SOURCE[0]}")/workspace.sh"
cd "$REPO_ROOT"

RUNS=3
SECONDS_PER_RUN=10
SERVERS="nginx go-peer java-chart java-jdk-tls java-xmn32 java-tiered java-c2 java-2cores"
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --servers) SERVERS=$2; shift 2 ;;
    *) die "usage: hack/bench/webhook.sh [--runs N] [--seconds S] [--servers \"NAME...\"]" ;;
  esac
done
bench_tools wrk:wrk h2load:nghttp2-client nginx:nginx-light taskset:util-linux

bench_workspace webhook

log "building what the benchmark runs"
bench_install testkit shared-model certs webhook controller
PEER_DIR="$CACHE_DIR/bench"
mkdir -p "$PEER_DIR"
(cd hack/bench/go-peer && GOFLAGS=-mod=readonly go build -o "$PEER_DIR/go-peer" .)
KUBECONFIG_FILE=$(bash hack/cluster.sh start)

# One certificate for every server: ECDSA P-256 for 127.0.0.1, as the certs module issues them.
bench_tls_cert

wrk_post_script
tool_dir vegeta >/dev/null # built before any server runs

JAVA_CHART_OPTS=$WEBHOOK_CHART_OPTS
JAVA_TIERED_OPTS="$WEBHOOK_POD_RAM -XX:MaxRAMPercentage=60 -XX:+UseSerialGC -Xss512k"
JAVA_C2_OPTS="-XX:+UseParallelGC -Xms256m -Xmx256m"

start_server() {
  local name=$1 port=$2
  case $name in
    nginx)
      cat >"$WORK/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_buffer_size 64k;
  server {
    listen 127.0.0.1:$port ssl;
    ssl_certificate $WORK/tls.crt;
    ssl_certificate_key $WORK/tls.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    location /mutate { default_type application/json; return 200 '$(cat "$WORK/response.json")'; }
  }
}
EOF
      launch nginx taskset -c 0 nginx -c "$WORK/nginx.conf" -g 'daemon off;' ;;
    go-peer) launch go-peer taskset -c 0 "$PEER_DIR/go-peer" -addr "127.0.0.1:$port" -cert "$WORK/tls.crt" -key "$WORK/tls.key" ;;
    java-chart|java-jdk-tls|java-xmn32|java-tiered|java-c2|java-2cores)
      local opts=$JAVA_CHART_OPTS cores=0
      [[ $name == java-jdk-tls ]] && opts="$JAVA_CHART_OPTS -Dio.netty.handler.ssl.noOpenSsl=true"
      [[ $name == java-xmn32 ]] && opts="$JAVA_CHART_OPTS -Xmn32m"
      [[ $name == java-tiered ]] && opts=$JAVA_TIERED_OPTS
      [[ $name == java-c2 ]] && opts=$JAVA_C2_OPTS
      [[ $name == java-2cores ]] && cores=0,1
      # shellcheck disable=SC2086
      KUBECONFIG="$KUBECONFIG_FILE" launch java taskset -c "$cores" java $opts -jar webhook/target/rustapp-webhook.jar \
        --bind-address 127.0.0.1 --port "$port" --tls-cert-file "$WORK/tls.crt" --tls-key-file "$WORK/tls.key" ;;
  esac
  local t0 deadline=$((SECONDS + 60))
  t0=$(date +%s%N)
  until curl -sf -o /dev/null --cacert "$WORK/tls.crt" -H 'Content-Type: application/json' \
    --data-binary @"$WORK/review.json" "https://127.0.0.1:$port/mutate"; do
    ((SECONDS < deadline)) || die "$name did not serve on :$port"
    sleep 0.02
  done
  STARTUP_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}

server_pid() {
  case $1 in nginx) pgrep -f "nginx: worker" | head -1 ;; go-peer) pid_of go-peer ;; *) pid_of java ;; esac
}
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
PORT=$(free_port)
# The fixed response nginx serves is what the Java webhook answers for this request.
start_server java-chart "$PORT"
curl -sf --cacert "$WORK/tls.crt" -H 'Content-Type: application/json' --data-binary @"$WORK/review.json" \
  "https://127.0.0.1:$PORT/mutate" >"$WORK/response.json"
halt java

for server in $SERVERS; do
  PORT=$(free_port)
  log "measuring $server"
  start_server "$server" "$PORT"
  URL="https://127.0.0.1:$PORT/mutate"
  pid=$(server_pid "$server")
  printf '%s\tstartup\t%s\t%s\n' "$server" "$STARTUP_MS" "$(rss_kib "$pid")" >>"$RESULTS"
  # The first 10 s after the first served admission (what a pod restarted during a burst of applies
  # gives), which is also the warm-up before the steady-state runs.
  before=$(cpu_ticks "$pid")
  out=$(taskset -c 1 wrk -t1 -c16 -d10s --latency -s "$WORK/post.lua" "$URL")
  printf '%s\tfirst\t%s\t%s\n' "$server" "$(($(cpu_ticks "$pid") - before))" "$(printf '%s' "$out" | tr '\n' '|')" >>"$RESULTS"
  for conns in 16 64; do
    for run in $(seq 1 "$RUNS"); do
      pid=$(server_pid "$server")
      before=$(cpu_ticks "$pid")
      out=$(taskset -c 1 wrk -t1 -c"$conns" -d"${SECONDS_PER_RUN}s" --latency -s "$WORK/post.lua" "$URL")
      after=$(cpu_ticks "$pid")
      printf '%s\t%s\t%s\t%s\n' "$server" "$conns" "$((after - before))" "$(printf '%s' "$out" | tr '\n' '|')" >>"$RESULTS"
    done
  done
  printf '%s\tloaded\t0\t%s\n' "$server" "$(rss_kib "$(server_pid "$server")")" >>"$RESULTS"
  # Latency at half of the measured saturation (16 connections), from h2load's per-request log.
  sat=$(python3 hack/bench/report_webhook.py saturation "$RESULTS" "$server")
  rate_per_client=$(( (sat / 2 + 15) / 16 ))
  for run in $(seq 1 "$RUNS"); do
    rm -f "$WORK/h2load.log"
    pid=$(server_pid "$server")
    before=$(cpu_ticks "$pid")
    # The 16 clients start one millisecond apart: started together, their paced requests arrive in
    # bursts of 16 (the last of a burst waits for the 15 before it), which no set of independent
    # callers does; measured side by side, bursts tripled p50 and doubled p99 at the same rate.
    taskset -c 1 h2load --h1 -c16 -r 1 --rate-period=1ms -n "$((rate_per_client * 16 * SECONDS_PER_RUN))" --rps="$rate_per_client" \
      -H 'Content-Type: application/json' \
      -d "$WORK/review.json" --log-file="$WORK/h2load.log" "$URL" >/dev/null 2>&1 || true
    printf '%s\thalf\t%s\t%s\n' "$server" "$(($(cpu_ticks "$pid") - before))" "$(python3 hack/bench/report_webhook.py percentiles "$WORK/h2load.log")" >>"$RESULTS"
    # The same rate open loop: a stall is counted in every request it delays, and no client's pacing
    # lines its requests up with another's.
    before=$(cpu_ticks "$pid")
    open_loop "$URL" "$((rate_per_client * 16))" "$SECONDS_PER_RUN" "$WORK/vegeta.json"
    printf '%s\topen\t%s\t%s\n' "$server" "$(($(cpu_ticks "$pid") - before))" "$(python3 hack/bench/report_webhook.py open-loop "$WORK/vegeta.json")" >>"$RESULTS"
  done
  case $server in nginx) halt nginx ;; go-peer) halt go-peer ;; *) halt java ;; esac
done

python3 hack/bench/report_webhook.py table "$RESULTS" "$RUNS" "$SECONDS_PER_RUN"
