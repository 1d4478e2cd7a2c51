#!/usr/bin/env bash
# A local Kubernetes control plane built from Go modules: etcd, kube-apiserver and
# kube-controller-manager on free loopback ports, state under .local/cluster (git-ignored).
#
#   hack/cluster.sh start [--real] [--nodes N]
#                                      build what is missing, start, wait until ready; --real adds a real
#                                      node (containerd, runc, CNI bridge, kubelet, kube-proxy, a registry on
#                                      localhost:5001; root, one per machine); --nodes N adds N fake KWOK nodes
#   hack/cluster.sh stop               stop every process this cluster started; with a real node, also
#                                      remove its containers, mounts, bridge, iptables chains, cgroups and
#                                      sysctl changes (after a kill -9 too)
#   hack/cluster.sh status             what runs, where
#   hack/cluster.sh kubeconfig         path of the admin kubeconfig
#   hack/cluster.sh restart-apiserver [--down SECONDS]
#                                      stop and start kube-apiserver alone, down that long (tests of
#                                      reconnects and of lost Leases)
#
# RUSTAPP_CLUSTER_DIR chooses another state folder, so several clusters can run side by side.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/pki.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/process.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/control-plane.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/node.sh"

DIR="${RUSTAPP_CLUSTER_DIR:-$STATE_ROOT/cluster}"
PKI="$DIR/pki"
PROC_DIR="$DIR"
COMPONENTS=(registry etcd kube-apiserver kube-controller-manager kube-scheduler containerd kubelet kube-proxy kwok)

load_env() {
  [[ -f $DIR/cluster.env ]] || die "no cluster in $DIR (run: hack/cluster.sh start)"
  # shellcheck disable=SC1091
  source "$DIR/cluster.env"
}

cmd_start() {
  local nodes=0 real=""
  while [[ $# -gt 0 ]]; do
    case $1 in
      --nodes) nodes=${2:-}; shift 2 || die "--nodes takes a number" ;;
      --nodes=*) nodes=${1#--nodes=}; shift ;;
      --real) real=1; shift ;;
      *) die "unknown option $1 (usage: hack/cluster.sh start [--real] [--nodes N])" ;;
    esac
  done
  [[ $nodes =~ ^[0-9]+$ ]] || die "--nodes takes a number, got '$nodes'"
  if alive kube-apiserver; then
    log "a cluster is already running in $DIR"
    cmd_kubeconfig
    return 0
  fi
  cmd_stop >/dev/null 2>&1 || true
  local kube etcd kwok="" node_env=""
  etcd=$(tool_dir etcd)
  kube=$(tool_dir kube)
  ((nodes > 0)) && kwok=$(tool_dir kwok)
  if [[ -n $real ]]; then
    node_env=$(node_prepare) || die "could not prepare the real node"
    node_lock
    # A node whose processes were killed leaves its record behind: clean up after it first.
    [[ -f $NODE_RECORD ]] && node_cleanup "$(sed -n 's/^CLUSTER_DIR=//p' "$NODE_RECORD")"
  fi
  # Never delete through a mount (a pod's hostPath would lose its files).
  node_unmount "$DIR"
  rm -rf "$DIR" && mkdir -p "$DIR"
  pki_init "$PKI" || die "could not create certificates with openssl"
  cat >"$DIR/cluster.env" <<EOF
ETCD_BIN=$etcd/etcd
KUBE_BIN=$kube
ETCD_PORT=$(free_port)
ETCD_PEER_PORT=$(free_port)
API_HOST=127.0.0.1
API_PORT=$(free_port)
KCM_PORT=$(free_port)
SCHED_PORT=$(free_port)
KWOK_PORT=$(free_port)
KWOK_BIN=${kwok:+$kwok/kwok}
NODES=$nodes
$node_env
EOF
  load_env
  local name
  for name in admin controller-manager scheduler kwok; do
    pki_kubeconfig "$PKI" "$name" "https://$API_HOST:$API_PORT" >"$DIR/$name.kubeconfig"
  done
  local t0=$SECONDS
  if [[ -n ${REAL:-} ]]; then
    node_record
    node_certs || { cmd_stop; die "could not create the node's certificates"; }
    net_up || { cmd_stop; die "could not create the bridge $BRIDGE"; }
    start_registry || { cmd_stop; die "the registry did not start (log: $DIR/logs/registry.log)"; }
  fi
  start_etcd || { cmd_stop; die "etcd did not start (log: $DIR/logs/etcd.log)"; }
  start_apiserver || { cmd_stop; die "kube-apiserver did not start (log: $DIR/logs/kube-apiserver.log)"; }
  start_controller_manager || { cmd_stop; die "kube-controller-manager did not start (log: $DIR/logs/kube-controller-manager.log)"; }
  if ((NODES > 0)) || [[ -n ${REAL:-} ]]; then
    start_scheduler || { cmd_stop; die "kube-scheduler did not start (log: $DIR/logs/kube-scheduler.log)"; }
  fi
  if [[ -n ${REAL:-} ]]; then
    node_start || { cmd_stop; die "the real node did not become Ready (logs: $DIR/logs)"; }
  fi
  if ((NODES > 0)); then
    start_kwok || { cmd_stop; die "KWOK did not make the fake nodes Ready (log: $DIR/logs/kwok.log)"; }
    log "$NODES fake node(s) Ready"
  fi
  log "cluster ready in $((SECONDS - t0))s: kube-apiserver https://$API_HOST:$API_PORT"
  cmd_kubeconfig
}

cmd_stop() {
  # The node's processes first, so none of them reports a lost apiserver as an error, then the rest.
  halt_all kwok kube-proxy kubelet containerd
  halt_all registry kube-scheduler kube-controller-manager kube-apiserver etcd
  if [[ -f $NODE_RECORD && $(sed -n 's/^CLUSTER_DIR=//p' "$NODE_RECORD") == "$DIR" ]]; then
    node_cleanup "$DIR"
    log "removed the real node's containers, mounts, network, cgroups and sysctl changes"
  fi
  log "stopped the cluster in $DIR"
}

cmd_status() {
  load_env
  local c state rc=0
  for c in "${COMPONENTS[@]}"; do
    [[ $NODES -eq 0 && $c == kwok ]] && continue
    [[ $NODES -eq 0 && -z ${REAL:-} && $c == kube-scheduler ]] && continue
    [[ -z ${REAL:-} && ( $c == registry || $c == containerd || $c == kubelet || $c == kube-proxy ) ]] && continue
    if alive "$c"; then state="running (pid $(pid_of "$c"))"; else state="stopped"; rc=1; fi
    printf '%-24s %s\n' "$c" "$state"
  done
  printf '%-24s %s\n' kube-apiserver-url "https://$API_HOST:$API_PORT" kubeconfig "$DIR/admin.kubeconfig"
  [[ -n ${REAL:-} ]] && printf '%-24s %s\n' registry "$REGISTRY"
  return $rc
}

cmd_kubeconfig() {
  [[ -f $DIR/admin.kubeconfig ]] || die "no cluster in $DIR (run: hack/cluster.sh start)"
  printf '%s\n' "$DIR/admin.kubeconfig"
}

cmd_restart_apiserver() {
  local down=0
  [[ ${1:-} == --down ]] && down=${2:-}
  [[ $down =~ ^[0-9]+$ ]] || die "--down takes whole seconds, got '$down'"
  load_env
  halt kube-apiserver
  sleep "$down"
  start_apiserver || die "kube-apiserver did not restart (log: $DIR/logs/kube-apiserver.log)"
  log "kube-apiserver restarted"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  kubeconfig) cmd_kubeconfig ;;
  restart-apiserver) shift; cmd_restart_apiserver "$@" ;;
  *) echo "usage: $0 start|stop|status|kubeconfig|restart-apiserver" >&2; exit 2 ;;
esac
