#!/usr/bin/env bash
# What one admission costs the webhook alone: bytes allocated and CPU per call of the decode, decide
# and encode the server runs (no TLS, no HTTP), on one thread after a warm-up, with the chart's JVM
# flags. Three cases: the standalone benchmarks' 4 KB /mutate review, and the /mutate and /validate
# reviews the apiserver sends when the admission benchmark creates its app. Then, from a JFR
# allocation profile of the same calls in a second JVM, where the bytes are allocated.
#   hack/bench/allocation.sh [--calls 10000] [--java-opts "FLAGS"]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/workspace.sh"
cd "$REPO_ROOT"

CALLS=10000
JAVA_OPTS=$WEBHOOK_CHART_OPTS
while [[ $# -gt 0 ]]; do
  case $1 in
    --calls) CALLS=$2; shift 2 ;;
    --java-opts) JAVA_OPTS=$2; shift 2 ;;
    *) die "usage: hack/bench/allocation.sh [--calls N] [--java-opts \"FLAGS\"]" ;;
  esac
done

bench_workspace allocation
log "building the webhook and the benchmark drivers"
bench_install testkit shared-model certs webhook controller
python3 hack/bench/admission_review.py >"$WORK/review.json"
python3 hack/bench/admission_review.py --minimal >"$WORK/minimal.json"
COST="-cp hack/bench/java/target/rustapp-bench.jar dev.rustapp.bench.AdmissionCost $WORK $CALLS $CALLS $WORK/review.json $WORK/minimal.json"
log "measuring $CALLS calls a case after as many warm-up calls"
# shellcheck disable=SC2086
java $JAVA_OPTS $COST >"$WORK/cost.tsv"
log "profiling allocation (JFR) in a second run"
# shellcheck disable=SC2086
java $JAVA_OPTS -XX:FlightRecorderOptions:stackdepth=256 \
  -XX:StartFlightRecording=settings=profile,filename="$WORK/allocation.jfr" $COST >/dev/null 2>"$WORK/jfr.log"
jfr print --json --stack-depth 256 --events jdk.ObjectAllocationSample "$WORK/allocation.jfr" >"$WORK/samples.json"
python3 hack/bench/report_allocation.py "$WORK/cost.tsv" "$WORK/samples.json" "$JAVA_OPTS"
