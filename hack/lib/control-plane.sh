# The control plane's processes: etcd, kube-apiserver, kube-controller-manager, kube-scheduler and
# KWOK's fake nodes. Callers set DIR, PKI, PROC_DIR and load cluster.env.
# shellcheck shell=bash

start_etcd() {
  launch etcd "$ETCD_BIN" --name=node0 --data-dir="$DIR/etcd" \
    --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster="node0=http://127.0.0.1:$ETCD_PEER_PORT" --listen-metrics-urls="" \
    --unsafe-no-fsync=true --quota-backend-bytes=4294967296 --auto-compaction-retention=1 --log-level=warn
  wait_for "etcd" 60 curl -sf "http://127.0.0.1:$ETCD_PORT/health" || { tail -20 "$DIR/logs/etcd.log" >&2; return 1; }
}

# RUSTAPP_APISERVER_PROFILING=true serves the apiserver's /debug/pprof (hack/bench/apiserver-profile.sh).
start_apiserver() {
  # With a real node, pods reach the apiserver on the bridge address through the kubernetes Service
  # (so its endpoints are reconciled), and it reaches kubelets and webhook pods on theirs.
  local node_flags=(--endpoint-reconciler-type=none)
  [[ -n ${REAL:-} ]] && node_flags=(--kubelet-client-certificate="$PKI/apiserver-kubelet-client.crt"
    --kubelet-client-key="$PKI/apiserver-kubelet-client.key" --kubelet-preferred-address-types=InternalIP
    --enable-aggregator-routing=true)
  launch kube-apiserver "$KUBE_BIN/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" --bind-address="$API_HOST" --secure-port="$API_PORT" \
    --advertise-address="$API_HOST" --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
    --client-ca-file="$PKI/ca.crt" --service-account-issuer=https://kubernetes.default.svc \
    --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
    --authorization-mode=Node,RBAC --service-cluster-ip-range=10.96.0.0/16 --allow-privileged=true \
    "${node_flags[@]}" --max-requests-inflight=0 --max-mutating-requests-inflight=0 \
    --enable-priority-and-fairness=false --profiling="${RUSTAPP_APISERVER_PROFILING:-false}" --v=1
  wait_for "kube-apiserver" 120 curl -sf --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
    "https://$API_HOST:$API_PORT/readyz" || { tail -30 "$DIR/logs/kube-apiserver.log" >&2; return 1; }
}

# client_rate: the controller manager's and scheduler's client rate limits, when
# RUSTAPP_CONTROL_PLANE_QPS is set (scale benchmarks); otherwise their defaults (20 and 50 per
# second), as a cluster installed with defaults has.
client_rate() {
  [[ -n ${RUSTAPP_CONTROL_PLANE_QPS:-} ]] &&
    printf -- '--kube-api-qps=%s --kube-api-burst=%s' "$RUSTAPP_CONTROL_PLANE_QPS" "$((RUSTAPP_CONTROL_PLANE_QPS * 2))"
  return 0
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
    --secure-port="$KCM_PORT" --concurrent-gc-syncs=5 --v=1 $(client_rate)
  wait_for "kube-controller-manager" 60 curl -skf "https://127.0.0.1:$KCM_PORT/healthz" ||
    { tail -30 "$DIR/logs/kube-controller-manager.log" >&2; return 1; }
}

start_scheduler() {
  launch kube-scheduler "$KUBE_BIN/kube-scheduler" --kubeconfig="$DIR/scheduler.kubeconfig" \
    --authentication-kubeconfig="$DIR/scheduler.kubeconfig" --authorization-kubeconfig="$DIR/scheduler.kubeconfig" \
    --leader-elect=false --bind-address=127.0.0.1 --secure-port="$SCHED_PORT" --v=1 $(client_rate)
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
    # Beside a real node, real workloads must not land on a fake one: scale work tolerates the taint.
    if [[ -n ${REAL:-} ]]; then
      "$KUBE_BIN/kubectl" --kubeconfig="$DIR/admin.kubeconfig" taint node "kwok-node-$i" kwok.x-k8s.io/node=fake:NoSchedule \
        --overwrite >/dev/null
    fi
  done
  wait_for "$NODES Ready fake node(s)" 60 nodes_ready || { tail -30 "$DIR/logs/kwok.log" >&2; return 1; }
}

nodes_ready() {
  local ready
  ready=$("$KUBE_BIN/kubectl" --kubeconfig="$DIR/admin.kubeconfig" get nodes -l type=kwok \
    -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c True)
  [[ $ready -ge $NODES ]]
}
