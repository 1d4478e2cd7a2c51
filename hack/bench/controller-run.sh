# Sourced by the controller drivers: a fresh control plane with the CRDs (fake KWOK nodes if asked),
# and the controller as the packaged jar with the chart's JVM flags.
# shellcheck shell=bash
source "$(dirname "${BASH_SOURCE[0]}")/../lib/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/process.sh"
source "$(dirname "${BASH_SOURCE[0]}")/workspace.sh"

CHART_JAVA_OPTS=$(chart_java_opts controller)
# The chart's memory limit (controller.resources.limits.memory in chart/values.yaml). In the pod the JVM
# sizes its heap from the container's limit (60% of it at most, 1/64 to start); MaxRAM makes it size
# the heap the same way here, instead of from this machine's 24 GiB (a 384 MiB heap from the start).
CHART_MEMORY="-XX:MaxRAM=384m"

# build_controller_bench: the controller jar (unless it exists) and the benchmark drivers.
build_controller_bench() {
  bench_install testkit shared-model certs webhook controller
  BENCH="java -jar hack/bench/java/target/rustapp-bench.jar"
  HEALTH_PORT=$(free_port)
}

# fresh_cluster [NODES]: stops the driver's cluster if one runs, starts a new one with NODES fake
# nodes (none by default: pods stay Pending), exports KUBECONFIG.
fresh_cluster() {
  bash hack/cluster.sh stop >/dev/null 2>&1 || true
  KUBECONFIG=$(bash hack/cluster.sh start --nodes "${1:-0}")
  export KUBECONFIG
  "$(tool_dir kube)/kubectl" apply --server-side -f chart/crds/ >/dev/null
  "$(tool_dir kube)/kubectl" wait --for=condition=Established crd/rustapps.rustapp.dev >/dev/null
}

# start_controller [JVM FLAG...]: the chart's flags, then these. CONTROLLER_JAR=path/to/rustapp-controller.jar
# (its lib/ beside it) runs another build: two commits measured back to back.
start_controller() {
  local connection
  mapfile -t connection < <(pod_connection)
  # shellcheck disable=SC2086
  launch controller env -u KUBECONFIG "${connection[@]}" java $CHART_JAVA_OPTS "$@" -jar "${CONTROLLER_JAR:-controller/target/rustapp-controller.jar}" --no-leader-elect \
    --health-bind-address 127.0.0.1 --health-port "$HEALTH_PORT"
}

# controller_ready: waits until the started controller reports ready (caches synced).
controller_ready() { wait_for "the controller" 60 curl -sf "http://127.0.0.1:$HEALTH_PORT/readyz"; }

# pod_connection: the driver's cluster as fabric8's settings (server, CA, client certificate), one
# NAME=VALUE per line, so the controller connects as in its pod, where no kubeconfig is parsed: fabric8
# parses a kubeconfig with a serializer that loads every model class of every kind on the class path,
# about 490 classes and 8 MiB of RSS the pod does not have (ReadKinds in the controller).
pod_connection() {
  awk '$1 == "server:" {print "KUBERNETES_MASTER=" $2}
    $1 == "certificate-authority-data:" {print "KUBERNETES_CERTS_CA_DATA=" $2}
    $1 == "client-certificate-data:" {print "KUBERNETES_CERTS_CLIENT_DATA=" $2}
    $1 == "client-key-data:" {print "KUBERNETES_CERTS_CLIENT_KEY_DATA=" $2}' "$KUBECONFIG"
  echo KUBERNETES_AUTH_TRYKUBECONFIG=false
  echo KUBERNETES_AUTH_TRYSERVICEACCOUNT=false
}

# rss_mib [NAME]: the resident set of a launched process, controller by default.
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$(pid_of "${1:-controller}")/status"; }

# live_heap_mib FILE: the controller's class histogram (taken after a full GC: the live set alone) into
# FILE, and its total.
live_heap_mib() {
  jcmd "$(pid_of controller)" GC.class_histogram >"$1"
  awk '$1 == "Total" {printf "%.0f", $3 / 1048576}' "$1"
}

# cpu_ticks NAME...: NAME=TICKS for each named process that runs, a launched one or the cluster's
# (user + system, in clock ticks, since each started), comma-separated.
cpu_ticks() {
  local p pid out=""
  for p in "$@"; do
    pid=$(pid_of "$p")
    [[ -n $pid ]] || pid=$(cat "$RUSTAPP_CLUSTER_DIR/pids/$p" 2>/dev/null || true)
    [[ -n $pid && -r /proc/$pid/stat ]] && out="$out,$p=$(awk '{print $14 + $15}' "/proc/$pid/stat")"
  done
  printf '%s' "${out#,}"
}

# settle: waits (at most 3 minutes) until the cluster's own processes have used under 10% of a core for
# two 2-second windows in a row. After a phase's namespace is deleted, kube-controller-manager (20
# requests a second per controller, behind on the phase's ReplicaSets and Pods) and the apiserver
# work on for about 45 s at 15-27% of a core: a phase started then shares the cores with the last
# one's tail, and the first phase on a fresh cluster, which has none, was favoured (run 1's ratio
# was 1.44-1.45 in three sessions against 1.21-1.26 for the others).
CLUSTER_PROCESSES="kube-apiserver etcd kube-controller-manager kube-scheduler"
settle() {
  local start=$SECONDS
  if wait_for "the cluster to settle" 180 cluster_quiet; then
    log "the cluster settled in $((SECONDS - start)) s"
  else
    log "going on with the cluster busy"
  fi
}
cluster_quiet() {
  local hz i before after
  hz=$(getconf CLK_TCK)
  before=$(cluster_ticks)
  for i in 1 2; do
    sleep 2
    after=$(cluster_ticks)
    (((after - before) * 10 < 2 * hz)) || return 1
    before=$after
  done
}
cluster_ticks() { cpu_ticks $CLUSTER_PROCESSES | tr ',' '\n' | awk -F= '{sum += $2} END {print sum + 0}'; }

# reconciles: how many reconciles the running controller has made (its metrics, all results).
# controller_metric NAME: the running controller's metric NAME, summed over its labels (0 if absent).
controller_metric() {
  curl -sf "http://127.0.0.1:$HEALTH_PORT/metrics" | awk -v name="$1" '{split($1, n, "{")} n[1] == name {s += $2} END {printf "%d", s}'
}
reconciles() { controller_metric rustapp_controller_reconcile_total; }
reconciled() { (($(reconciles) > 0)); }

# apiserver_metrics FILE: the apiserver's request counts (apiserver_request_total) now, for
# apiserver_requests.py to subtract.
apiserver_metrics() { "$(tool_dir kube)/kubectl" get --raw /metrics | grep '^apiserver_request_total' >"$1"; }

# machine_ticks: idle=TICKS,steal=TICKS of all cores (/proc/stat, since boot): whether a phase left the
# cores idle, and how long the hypervisor ran something else on them.
machine_ticks() { awk '$1 == "cpu" {printf "idle=%d,steal=%d", $5 + $6, $9}' /proc/stat; }

# alternate FIRST SECOND: RUNS runs of the driver's phase function (phase NAME RUN), FIRST and SECOND
# in turn, the order swapped from run to run, so that neither always runs first (on the fresher
# cluster, in the faster minutes: the machine's speed drifts).
alternate() {
  local run i name phases=("$1" "$2")
  for run in $(seq 1 "$RUNS"); do
    for i in 0 1; do
      name=${phases[$(( (i + run - 1) % 2 ))]}
      log "run $run: $name ($N apps)"
      phase "$name" "$run"
    done
  done
}
