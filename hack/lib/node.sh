# The real node: a local registry, containerd + runc + CNI, the kubelet and kube-proxy, next to the
# control plane of hack/cluster.sh. Callers set DIR, PKI, PROC_DIR and load cluster.env.
# shellcheck shell=bash
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
source "$(dirname "${BASH_SOURCE[0]}")/node-net.sh"
source "$(dirname "${BASH_SOURCE[0]}")/node-cleanup.sh"
source "$(dirname "${BASH_SOURCE[0]}")/packages.sh"
source "$(dirname "${BASH_SOURCE[0]}")/oci.sh"

NODE_TOOLS=(containerd runc cni registry crane pause)

# node_prepare: what the node needs before anything starts; prints the cluster.env lines it adds.
node_prepare() {
  [[ $(id -u) == 0 ]] || die "the real node needs root (it creates a bridge, mounts and cgroups)"
  ensure_packages "${NODE_PACKAGES[@]}"
  local tool
  for tool in "${NODE_TOOLS[@]}"; do printf '%s_DIR=%s\n' "${tool^^}" "$(tool_dir "$tool")"; done
  printf 'NODE_DIR=%s\nREAL=1\nAPI_HOST=%s\nKUBELET_PORT=%s\nKUBELET_HEALTHZ_PORT=%s\nPROXY_HEALTHZ_PORT=%s\nPROXY_METRICS_PORT=%s\nREGISTRY=%s\n' \
    "$DIR/node" "$NODE_IP" "$(free_port)" "$(free_port)" "$(free_port)" "$(free_port)" "$REGISTRY"
}

# node_lock: one real node per machine. The lock is held by an open file that every process started
# afterwards inherits, so it lasts while any process of this node lives and frees itself after kill -9.
node_lock() {
  local wait=${RUSTAPP_NODE_LOCK_WAIT:-1800}
  exec 8>"$NODE_LOCK"
  if ! flock -n 8; then
    log "another real node runs on this machine ($(grep -s CLUSTER_DIR "$NODE_RECORD" || echo unknown)); waiting up to ${wait}s"
    flock -w "$wait" 8 || die "the real node of $(grep -s CLUSTER_DIR "$NODE_RECORD") did not stop in ${wait}s"
  fi
}

# node_record: remembers where this node lives and what the host looked like before it.
node_record() {
  mkdir -p "$MACHINE_DIR"
  local key value path
  for key in "${NODE_SYSCTLS[@]}"; do
    value=$(sysctl -n "$key" 2>/dev/null) && printf '%s=%s\n' "$key" "$value"
  done >"$MACHINE_DIR/baseline.sysctl"
  for path in "${NODE_HOST_PATHS[@]}"; do [[ -e $path ]] && printf '%s\n' "$path"; done >"$MACHINE_DIR/baseline.paths"
  mounts_under "${NODE_HOST_MOUNTS[@]}" >"$MACHINE_DIR/baseline.mounts"
  { nft list tables 2>/dev/null || true; } >"$MACHINE_DIR/baseline.nft"
  printf 'CLUSTER_DIR=%s\nRUNC_BIN=%s\n' "$DIR" "$RUNC_DIR/runc" >"$NODE_RECORD"
}

# render TEMPLATE OUT: fills the ${VAR} placeholders of a config file under hack/node/. In a subshell:
# the registry, for one, reads REGISTRY_* variables of its environment as settings.
render() (
  names=$(grep -o '\${[A-Z_]*}' "$REPO_ROOT/hack/node/$1" | sort -u)
  for name in $names; do
    name=${name:2:-1}
    [[ -n ${!name+x} ]] || die "hack/node/$1 needs $name"
    export "${name?}"
  done
  envsubst "$(tr '\n' ' ' <<<"$names")" <"$REPO_ROOT/hack/node/$1" >"$2"
)

node_certs() {
  (
    cd "$PKI" || exit 1
    pki_leaf kubelet "/O=system:nodes/CN=system:node:$NODE_NAME" clientAuth
    pki_leaf kube-proxy "/CN=system:kube-proxy" clientAuth
    pki_leaf apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" clientAuth
  )
  pki_kubeconfig "$PKI" kubelet "https://$NODE_IP:$API_PORT" >"$DIR/kubelet.kubeconfig"
  pki_kubeconfig "$PKI" kube-proxy "https://$NODE_IP:$API_PORT" >"$DIR/kube-proxy.kubeconfig"
}

start_registry() {
  if curl -s -o /dev/null -m 2 "http://127.0.0.1:$REGISTRY_PORT/"; then
    log "port $REGISTRY_PORT on 127.0.0.1 is taken (the node's registry); stop what uses it or set RUSTAPP_REGISTRY_PORT"
    return 1
  fi
  mkdir -p "$NODE_DIR/registry"
  IMAGE_STORE="$NODE_DIR/registry" render registry.yml "$NODE_DIR/registry.yml" || return 1
  launch registry "$REGISTRY_DIR/registry" serve "$NODE_DIR/registry.yml"
  wait_for "the registry on $REGISTRY" 30 curl -sf "http://$REGISTRY/v2/" ||
    { tail -20 "$DIR/logs/registry.log" >&2; return 1; }
  # The sandbox image: the pause program alone, built here because the usual one cannot be pulled.
  push_binary_image "$PAUSE_DIR/pause" "$PAUSE_IMAGE" /pause
}

start_containerd() {
  mkdir -p "$NODE_DIR/cni" "$NODE_DIR/certs.d/$REGISTRY" "$CONTAINERD_STATE" "$RUNC_ROOT"
  RUNC_BIN="$RUNC_DIR/runc" CNI_BIN="$CNI_DIR" render containerd.toml "$NODE_DIR/containerd.toml" &&
    render 10-bridge.conflist "$NODE_DIR/cni/10-bridge.conflist" &&
    render hosts.toml "$NODE_DIR/certs.d/$REGISTRY/hosts.toml" || return 1
  # containerd finds its shim on PATH; runc is named in the config.
  PATH="$CONTAINERD_DIR:$PATH" launch containerd "$CONTAINERD_DIR/containerd" --config "$NODE_DIR/containerd.toml"
  wait_for "containerd" 60 "$CONTAINERD_DIR/ctr" --address "$CONTAINERD_SOCKET" version ||
    { tail -30 "$DIR/logs/containerd.log" >&2; return 1; }
}

start_kubelet() {
  mkdir -p "$NODE_DIR/kubelet" "$NODE_DIR/pod-logs"
  render kubelet.yaml "$NODE_DIR/kubelet.yaml" || return 1
  launch kubelet "$KUBE_BIN/kubelet" --config="$NODE_DIR/kubelet.yaml" --kubeconfig="$DIR/kubelet.kubeconfig" \
    --root-dir="$NODE_DIR/kubelet" --cert-dir="$NODE_DIR/kubelet/pki" --hostname-override="$NODE_NAME" \
    --node-ip="$NODE_IP" --node-labels=rustapp.dev/node=real --v=1
}

start_kube_proxy() {
  CLUSTER_DIR=$DIR render kube-proxy.yaml "$NODE_DIR/kube-proxy.yaml" || return 1
  launch kube-proxy "$KUBE_BIN/kube-proxy" --config="$NODE_DIR/kube-proxy.yaml"
  wait_for "kube-proxy" 60 curl -sf "http://127.0.0.1:$PROXY_HEALTHZ_PORT/healthz" ||
    { tail -30 "$DIR/logs/kube-proxy.log" >&2; return 1; }
}

real_node_ready() {
  [[ $("$KUBE_BIN/kubectl" --kubeconfig="$DIR/admin.kubeconfig" get node "$NODE_NAME" \
    -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null) == True ]]
}

# node_start: everything after the control plane is up.
node_start() {
  local t0=$SECONDS
  start_containerd || return 1
  start_kubelet || return 1
  start_kube_proxy || return 1
  wait_for "node $NODE_NAME Ready" 120 real_node_ready || { tail -30 "$DIR/logs/kubelet.log" >&2; return 1; }
  log "real node $NODE_NAME Ready $((SECONDS - t0))s after containerd started"
}
