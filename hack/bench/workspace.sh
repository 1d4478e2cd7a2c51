# Sourced by the drivers: a fresh state directory .local/bench/NAME for the driver's cluster and
# processes, all stopped when the driver exits, however it exits.
# shellcheck shell=bash

# bench_workspace NAME: sets WORK, PROC_DIR and RUSTAPP_CLUSTER_DIR; stops what ran there on exit.
bench_workspace() {
  WORK="$STATE_ROOT/bench/$1"
  rm -rf "$WORK" && mkdir -p "$WORK"
  PROC_DIR="$WORK"
  export RUSTAPP_CLUSTER_DIR="$WORK/cluster"
  trap bench_cleanup EXIT
  trap "exit 130" INT TERM
}

bench_cleanup() {
  local launched=()
  [[ -d $PROC_DIR/pids ]] && mapfile -t launched < <(ls "$PROC_DIR/pids")
  ((${#launched[@]} == 0)) || halt_all "${launched[@]}"
  bash hack/cluster.sh stop >/dev/null 2>&1 || true
}

# bench_tools TOOL:PACKAGE...: the tools a driver runs that this machine lacks, installed from Debian's
# packages (as root, where apt-get is), so a driver runs on a fresh machine as hack/ scripts do; a tool
# still missing then stops the driver with the package to install.
bench_tools() {
  local pair packages=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || packages+=("${pair#*:}")
  done
  if ((${#packages[@]} > 0)) && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing ${packages[*]} from Debian's packages"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
    # nginx's package starts a system nginx; the webhook benchmark runs its own.
    [[ " ${packages[*]} " != *" nginx-light "* ]] || pkill -x nginx 2>/dev/null || true
  fi
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || die "${pair%%:*} is missing: apt-get install ${pair#*:}"
  done
}

# chart_java_opts COMPONENT: COMPONENT.javaOpts as chart/values.yaml ships it (webhook, controller), so the
# benchmarks run the flags the pods run.
chart_java_opts() {
  awk -v component="$1" '$0 ~ "^" component ":" {inside = 1; next} /^[^ #]/ {inside = 0}
    inside && $1 == "javaOpts:" {sub(/^[^"]*"/, ""); sub(/".*$/, ""); print; found = 1; exit}
    END {exit !found}' "$REPO_ROOT/chart/values.yaml" || die "no $1.javaOpts in chart/values.yaml"
}

# The webhook's chart flags, with the chart's memory limit as the JVM's RAM: it sizes its heap (and so
# its collections) from the limit, as in the pod, not from this machine.
WEBHOOK_POD_RAM="-XX:MaxRAM=320m"
WEBHOOK_CHART_OPTS="$WEBHOOK_POD_RAM $(chart_java_opts webhook)"

# bench_tls_cert: $WORK/tls.key and $WORK/tls.crt, ECDSA P-256 for 127.0.0.1 as the certs module
# issues them, one for every server a driver compares.
bench_tls_cert() {
  openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$WORK/tls.key"
  openssl req -x509 -new -key "$WORK/tls.key" -sha256 -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" -out "$WORK/tls.crt" 2>/dev/null
}

# open_loop URL RATE SECONDS OUT: vegeta POSTs $WORK/review.json to URL at RATE a second for SECONDS,
# open loop (each request on its schedule whether or not earlier ones were answered; up to 16
# connections, more workers waiting for one), from core 1; its per-request results as JSON lines in
# OUT. The encoding runs after the attack, so nothing but the load shares the server's core.
open_loop() {
  local vegeta
  vegeta="$(tool_dir vegeta)/vegeta"
  printf 'POST %s\nContent-Type: application/json\n@%s\n' "$1" "$WORK/review.json" >"$WORK/vegeta.targets"
  taskset -c 1 "$vegeta" attack -rate="$2/1s" -duration="${3}s" -http2=false -root-certs "$WORK/tls.crt" \
    -max-connections 16 -workers 16 -max-workers 256 -targets "$WORK/vegeta.targets" -output "$WORK/vegeta.bin"
  "$vegeta" encode --to json --output "$4" "$WORK/vegeta.bin"
}

# open_loop_setup NAME: what the one-core webhook drivers (gc-tail.sh, tail-stalls.sh) need before their
# webhook starts: the workspace, the webhook's jar, vegeta, a control plane (KUBECONFIG_FILE), the TLS
# certificate and the review.
open_loop_setup() {
  bench_tools wrk:wrk taskset:util-linux
  bench_workspace "$1"
  log "building what the benchmark runs"
  bench_install testkit shared-model certs webhook
  tool_dir vegeta >/dev/null # built before any server runs
  KUBECONFIG_FILE=$(bash hack/cluster.sh start)
  bench_tls_cert
  wrk_post_script
}

# one_core_webhook NAME GC_LOG [JVM_FLAG...]: the webhook with the chart's flags and JVM_FLAGs on core 0,
# its young pauses logged with wall-clock times in GC_LOG, warmed by 10 s of wrk from core 1; sets URL
# to its /mutate. After open_loop_setup.
one_core_webhook() {
  local name=$1 gc_log=$2 port
  shift 2
  port=$(free_port)
  URL="https://127.0.0.1:$port/mutate"
  # shellcheck disable=SC2086
  KUBECONFIG="$KUBECONFIG_FILE" launch "$name" taskset -c 0 java $WEBHOOK_CHART_OPTS "$@" -Xlog:gc:file="$gc_log":time,uptime \
    -jar webhook/target/rustapp-webhook.jar --bind-address 127.0.0.1 --port "$port" \
    --tls-cert-file "$WORK/tls.crt" --tls-key-file "$WORK/tls.key"
  wait_for "the webhook ($name)" 60 curl -sf -o /dev/null --cacert "$WORK/tls.crt" -H 'Content-Type: application/json' \
    --data-binary @"$WORK/review.json" "$URL"
  taskset -c 1 wrk -t1 -c16 -d10s -s "$WORK/post.lua" "$URL" >/dev/null
}

# cluster_cores CPUS: moves every thread of the driver's control plane to CPUS (taskset's list), for
# example off the core a server is measured on (tail-stalls.sh found the harness's apiserver on it).
cluster_cores() {
  local pid_file
  for pid_file in "$RUSTAPP_CLUSTER_DIR"/pids/*; do
    taskset -a -p -c "$1" "$(cat "$pid_file")" >/dev/null
  done
}

# wrk_post_script: $WORK/review.json (an AdmissionReview for a RustApp) and $WORK/post.lua, which
# makes wrk POST it as JSON.
wrk_post_script() {
  python3 hack/bench/admission_review.py >"$WORK/review.json"
  cat >"$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$WORK/review.json", "rb"); wrk.body = f:read("*a"); f:close()
LUA
}

# wrk_apiserver_script: $WORK/apiserver.lua, which makes wrk send what the apiserver sends when the
# admission benchmark creates an app: its /mutate review ($WORK/minimal.json) and its /validate review
# ($WORK/validate-minimal.json, written by the AdmissionCost driver), in turn.
wrk_apiserver_script() {
  python3 hack/bench/admission_review.py --minimal >"$WORK/minimal.json"
  cat >"$WORK/apiserver.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local function read(path) local f = io.open(path, "rb"); local body = f:read("*a"); f:close(); return body end
local mutate, validate = read("$WORK/minimal.json"), read("$WORK/validate-minimal.json")
local calls = 0
request = function()
  calls = calls + 1
  if calls % 2 == 1 then return wrk.format(nil, "/mutate", nil, mutate) end
  return wrk.format(nil, "/validate", nil, validate)
end
LUA
}

# bench_install MODULE...: installs those reactor modules (and what they need) and packages the Java
# drivers against them. Always, not only when a jar is missing: after hack/test.sh the jars exist but
# nothing is installed, and the drivers resolve the modules from the local repository.
bench_install() {
  local modules
  modules=$(IFS=,; echo "$*")
  mvn -B -ntp -q -DskipTests -pl "$modules" -am install
  mvn -B -ntp -q -DskipTests -f hack/bench/java/pom.xml package
}
