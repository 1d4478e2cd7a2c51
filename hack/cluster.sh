#!/usr/bin/env bash
# A local Kubernetes control plane built from Go modules: etcd, kube-apiserver and
# kube-controller-manager on free loopback ports, state under .local/cluster (git-ignored).
#
#   hack/cluster.sh start [--nodes N]  build what is missing, start, wait until ready; with N > 0 also
#                                      kube-scheduler and KWOK with N fake nodes, so pods run and get Ready
#   hack/cluster.sh stop               stop every process this cluster started
#   hack/cluster.sh status             what runs, where
#   hack/cluster.sh kubeconfig         path of the admin kubeconfig
#   hack/cluster.sh restart-apiserver  stop and start kube-apiserver alone (tests of reconnects)
#
# RUSTAPP_CLUSTER_DIR chooses another state folder, so several clusters can run side by side.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/pki.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/process.sh"

DIR="${RUSTAPP_CLUSTER_DIR:-$STATE_ROOT/cluster}"
PKI="$DIR/pki"
PROC_DIR="$DIR"
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)

start_etcd() {
  launch etcd "$ETCD_BIN" --name=node0 --data-dir="$DIR/etcd" \
    --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster="node0=http://127.0.0.1:$ETCD_PEER_PORT" --listen-metrics-urls="" \
    --unsafe-no-fsync=true --quota-backend-bytes=4294967296 --auto-compaction-retention=1 --log-level=warn
  wait_for "etcd" 60 curl -sf "http://127.0.0.1:$ETCD_PORT/health" || { tail -20 "$DIR/logs/etcd.log" >&2; return 1; }
}

start_apiserver() {
  launch kube-apiserver "$KUBE_BIN/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" --bind-address=127.0.0.1 --secure-port="$API_PORT" \
    --advertise-address=127.0.0.1 --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
    --client-ca-file="$PKI/ca.crt" --service-account-issuer=https://kubernetes.default.svc \
    --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
    --authorization-mode=Node,RBAC --service-cluster-ip-range=10.96.0.0/16 --allow-privileged=true \
    --endpoint-reconciler-type=none --max-requests-inflight=0 --max-mutating-requests-inflight=0 \
    --enable-priority-and-fairness=false --profiling=false --v=1
  wait_for "kube-apiserver" 120 curl -sf --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
    "https://127.0.0.1:$API_PORT/readyz" || { tail -30 "$DIR/logs/kube-apiserver.log" >&2; return 1; }
}

start_controller_manager() {
  launch kube-controller-manager "$KUBE_BIN/kube-controller-manager" \
    --kubeconfig="$DIR/controller-manager.kubeconfig" \
    --authentication-kubeconfig="$DIR/controller-manager.kubeconfig" \
    --authorization-kubeconfig="$DIR/controller-manager.kubeconfig" \
    --service-account-private-key-file="$PKI/sa.key" --root-ca-file="$PKI/ca.crt" \
    --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
    --use-service-account-credentials --controllers='*' --leader-elect=false \
    --service-cluster-ip-range=10.96.0.0/16 --cert-dir="$DIR/kcm-certs" --bind-address=127.0.0.1 \
    --secure-port="$KCM_PORT" --concurrent-gc-syncs=5 --v=1
  wait_for "kube-controller-manager" 60 curl -skf "https://127.0.0.1:$KCM_PORT/healthz" ||
    { tail -30 "$DIR/logs/kube-controller-manager.log" >&2; return 1; }
}

start_scheduler() {
  launch kube-scheduler "$KUBE_BIN/kube-scheduler" --kubeconfig="$DIR/scheduler.kubeconfig" \
    --authentication-kubeconfig="$DIR/scheduler.kubeconfig" --authorization-kubeconfig="$DIR/scheduler.kubeconfig" \
    --leader-elect=false --bind-address=127.0.0.1 --secure-port="$SCHED_PORT" --v=1
  wait_for "kube-scheduler" 60 curl -skf "https://127.0.0.1:$SCHED_PORT/healthz" ||
    { tail -30 "$DIR/logs/kube-scheduler.log" >&2; return 1; }
}

start_kwok() {
  launch kwok "$KWOK_BIN" --kubeconfig="$DIR/kwok.kubeconfig" --manage-all-nodes=false \
    --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake --cidr=10.244.0.0/16 --node-ip=10.200.0.1 \
    --node-lease-duration-seconds=40 --server-address="127.0.0.1:$KWOK_PORT" --config="$REPO_ROOT/hack/kwok/stages.yaml"
  local i
  for ((i = 0; i < NODES; i++)); do
    sed "s/\${NODE_NAME}/kwok-node-$i/" "$REPO_ROOT/hack/kwok/node.yaml" |
      "$KUBE_BIN/kubectl" --kubeconfig="$DIR/admin.kubeconfig" apply -f - >/dev/null
  done
  wait_for "$NODES Ready fake node(s)" 60 nodes_ready || { tail -30 "$DIR/logs/kwok.log" >&2; return 1; }
}

nodes_ready() {
  local ready
  ready=$("$KUBE_BIN/kubectl" --kubeconfig="$DIR/admin.kubeconfig" get nodes -l type=kwok \
    -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c True)
  [[ $ready -ge $NODES ]]
}

load_env() {
  [[ -f $DIR/cluster.env ]] || die "no cluster in $DIR (run: hack/cluster.sh start)"
  # shellcheck disable=SC1091
  source "$DIR/cluster.env"
}

cmd_start() {
  local nodes=0
  while [[ $# -gt 0 ]]; do
    case $1 in
      --nodes) nodes=$2; shift 2 ;;
      --nodes=*) nodes=${1#--nodes=}; shift ;;
      *) die "unknown option $1 (usage: hack/cluster.sh start [--nodes N])" ;;
    esac
  done
  [[ $nodes =~ ^[0-9]+$ ]] || die "--nodes takes a number, got '$nodes'"
  if alive kube-apiserver; then
    log "a cluster is already running in $DIR"
    cmd_kubeconfig
    return 0
  fi
  cmd_stop >/dev/null 2>&1 || true
  local kube etcd kwok=""
  etcd=$(tool_dir etcd)
  kube=$(tool_dir kube)
  ((nodes > 0)) && kwok=$(tool_dir kwok)
  rm -rf "$DIR" && mkdir -p "$DIR"
  pki_init "$PKI" || die "could not create certificates with openssl"
  cat >"$DIR/cluster.env" <<EOF
ETCD_BIN=$etcd/etcd
KUBE_BIN=$kube
ETCD_PORT=$(free_port)
ETCD_PEER_PORT=$(free_port)
API_PORT=$(free_port)
KCM_PORT=$(free_port)
SCHED_PORT=$(free_port)
KWOK_PORT=$(free_port)
KWOK_BIN=${kwok:+$kwok/kwok}
NODES=$nodes
EOF
  load_env
  pki_kubeconfig "$PKI" admin "https://127.0.0.1:$API_PORT" >"$DIR/admin.kubeconfig"
  pki_kubeconfig "$PKI" controller-manager "https://127.0.0.1:$API_PORT" >"$DIR/controller-manager.kubeconfig"
  pki_kubeconfig "$PKI" scheduler "https://127.0.0.1:$API_PORT" >"$DIR/scheduler.kubeconfig"
  pki_kubeconfig "$PKI" kwok "https://127.0.0.1:$API_PORT" >"$DIR/kwok.kubeconfig"
  local t0=$SECONDS
  start_etcd || { cmd_stop; die "etcd did not start (log: $DIR/logs/etcd.log)"; }
  start_apiserver || { cmd_stop; die "kube-apiserver did not start (log: $DIR/logs/kube-apiserver.log)"; }
  start_controller_manager || { cmd_stop; die "kube-controller-manager did not start (log: $DIR/logs/kube-controller-manager.log)"; }
  if ((NODES > 0)); then
    start_scheduler || { cmd_stop; die "kube-scheduler did not start (log: $DIR/logs/kube-scheduler.log)"; }
    start_kwok || { cmd_stop; die "KWOK did not make the fake nodes Ready (log: $DIR/logs/kwok.log)"; }
    log "$NODES fake node(s) Ready"
  fi
  log "control plane ready in $((SECONDS - t0))s: kube-apiserver https://127.0.0.1:$API_PORT"
  cmd_kubeconfig
}

cmd_stop() {
  local i
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do halt "${COMPONENTS[i]}"; done
  log "stopped the cluster in $DIR"
}

cmd_status() {
  load_env
  local c state rc=0
  for c in "${COMPONENTS[@]}"; do
    [[ $NODES -eq 0 && ( $c == kube-scheduler || $c == kwok ) ]] && continue
    if alive "$c"; then state="running (pid $(pid_of "$c"))"; else state="stopped"; rc=1; fi
    printf '%-24s %s\n' "$c" "$state"
  done
  printf '%-24s %s\n' kube-apiserver-url "https://127.0.0.1:$API_PORT" kubeconfig "$DIR/admin.kubeconfig"
  return $rc
}

cmd_kubeconfig() {
  [[ -f $DIR/admin.kubeconfig ]] || die "no cluster in $DIR (run: hack/cluster.sh start)"
  printf '%s\n' "$DIR/admin.kubeconfig"
}

cmd_restart_apiserver() {
  load_env
  halt kube-apiserver
  start_apiserver || die "kube-apiserver did not restart (log: $DIR/logs/kube-apiserver.log)"
  log "kube-apiserver restarted"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  kubeconfig) cmd_kubeconfig ;;
  restart-apiserver) cmd_restart_apiserver ;;
  *) echo "usage: $0 start|stop|status|kubeconfig|restart-apiserver" >&2; exit 2 ;;
esac
