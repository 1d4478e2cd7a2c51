#!/usr/bin/env bash
# Does the collector make the webhook's tail at half saturation? The chart's webhook on core 0, one
# JVM setting at a time (`--variants`: chart = the chart's flags, xmn32 = with a 32 MiB young
# generation, parallel = ParallelGC on one thread), warmed by wrk, then vegeta open loop at RATE for
# 3 runs of 8 s on core 1. Per run: p50, p99, p99.9 of the requests; per setting: the young pauses
# the JVM logged during those runs (count, median, p90, longest, total). Side by side in one run.
#   hack/bench/gc-tail.sh [--rate 3520] [--variants "chart xmn32 parallel"]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/process.sh"
source "$(dirname "${BASH_SOURCE[0]}")/workspace.sh"
cd "$REPO_ROOT"

RATE=3520
VARIANTS="chart xmn32 parallel"
while [[ $# -gt 0 ]]; do
  case $1 in
    --rate) RATE=$2; shift 2 ;;
    --variants) VARIANTS=$2; shift 2 ;;
    *) die "usage: hack/bench/gc-tail.sh [--rate N] [--variants \"chart xmn32 parallel\"]" ;;
  esac
done
command -v wrk >/dev/null || die "wrk is missing: apt-get install wrk"

bench_workspace gc-tail
log "building what the benchmark runs"
bench_install testkit shared-model certs webhook
VEGETA="$(tool_dir vegeta)/vegeta"
KUBECONFIG_FILE=$(bash hack/cluster.sh start)
bench_tls_cert
wrk_post_script

for variant in $VARIANTS; do
  case $variant in
    chart) extra="" ;;
    xmn32) extra="-Xmn32m" ;;
    parallel) extra="-XX:-UseSerialGC -XX:+UseParallelGC -XX:ParallelGCThreads=1" ;;
    *) die "unknown variant $variant (chart, xmn32, parallel)" ;;
  esac
  port=$(free_port)
  url="https://127.0.0.1:$port/mutate"
  # shellcheck disable=SC2086
  KUBECONFIG="$KUBECONFIG_FILE" launch java taskset -c 0 java $WEBHOOK_CHART_OPTS $extra -Xlog:gc:file="$WORK/gc-$variant.log" \
    -jar webhook/target/rustapp-webhook.jar --bind-address 127.0.0.1 --port "$port" \
    --tls-cert-file "$WORK/tls.crt" --tls-key-file "$WORK/tls.key"
  wait_for "the webhook ($variant)" 60 curl -sf -o /dev/null --cacert "$WORK/tls.crt" -H 'Content-Type: application/json' \
    --data-binary @"$WORK/review.json" "$url"
  taskset -c 1 wrk -t1 -c16 -d10s -s "$WORK/post.lua" "$url" >/dev/null
  printf 'POST %s\nContent-Type: application/json\n@%s\n' "$url" "$WORK/review.json" >"$WORK/targets"
  skip=$(wc -l <"$WORK/gc-$variant.log")
  for run in 1 2 3; do
    taskset -c 1 "$VEGETA" attack -rate="$RATE/1s" -duration=8s -http2=false -root-certs "$WORK/tls.crt" \
      -max-connections 16 -workers 16 -max-workers 256 -targets "$WORK/targets" -output "$WORK/attack.bin"
    "$VEGETA" encode --to json --output "$WORK/$variant-$run.json" "$WORK/attack.bin"
  done
  tail -n +"$((skip + 1))" "$WORK/gc-$variant.log" >"$WORK/gc-$variant-runs.log"
  halt java
done

python3 - "$WORK" "$RATE" $VARIANTS <<'PY'
import json, re, sys
work, rate, variants = sys.argv[1], sys.argv[2], sys.argv[3:]
pick = lambda xs, q: xs[min(len(xs) - 1, int(q * len(xs)))]
print(f"\n### Webhook tail and young pauses, open loop at {rate}/s on one core, 3 runs of 8 s each\n")
print("| setting | run p99 ms (1, 2, 3) | run p99.9 ms (1, 2, 3) | p50 ms | young pauses | median / p90 / longest ms | total pause ms |")
print("|---|---|---|---|---|---|---|")
for v in variants:
    runs = [sorted(json.loads(line)["latency"] / 1e6 for line in open(f"{work}/{v}-{r}.json")) for r in (1, 2, 3)]
    pauses = sorted(float(m) for m in re.findall(r"Pause Young.* ([\d.]+)ms", open(f"{work}/gc-{v}-runs.log").read()))
    p99 = ", ".join(f"{pick(r, 0.99):.2f}" for r in runs)
    p999 = ", ".join(f"{pick(r, 0.999):.2f}" for r in runs)
    p50 = sorted(pick(r, 0.5) for r in runs)[1]
    shape = f"{pick(pauses, 0.5):.2f} / {pick(pauses, 0.9):.2f} / {pauses[-1]:.2f}" if pauses else "–"
    print(f"| {v} | {p99} | {p999} | {p50:.2f} | {len(pauses)} | {shape} | {sum(pauses):.0f} |")
PY
