#!/usr/bin/env bash
# One AppCDS training run (hack/lib/appcds.sh runs it under unshare --mount --net: loopback only).
#
#   train.sh PROGRAM ROOT JAVA_CMD...
#
# Starts JAVA_CMD as uid 65532 chrooted in ROOT/fs, drives it as a cluster drives it, and stops it (a
# clean exit writes the class list JAVA_CMD names).
# - webhook: an AdmissionReview (training/admission-review.json) to /mutate and to /validate.
# - controller: a control plane of its own (hack/cluster.sh, inside this namespace, state in
#   ROOT/cluster) that it reaches as a pod does, through a service account token, with the CRDs, a
#   RustAppPolicy and the objects of training/controller-cluster.yaml in it; the rehearsal app (its
#   bundled rehearsal-app.json) created, changed and deleted; its health, readiness and metrics
#   endpoints read. So its first TLS connection, Lease, lists, watches and applies are archived too.
#   A program trains against a control plane when training/PROGRAM-cluster.yaml exists. (The webhook
#   trained so was measured no faster to start: its client connects beside its start-up, not before
#   it.)
set -euo pipefail
program=$1 root=$2
shift 2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
training=$here/training

ip link set lo up

export RUSTAPP_CLUSTER_DIR=$root/cluster
# Only the cluster's own state says whether it has a real node; the caller's environment must not.
unset REAL
cluster=""
[[ -f $training/$program-cluster.yaml ]] && cluster=1
kubectl() { bash "$repo/hack/kubectl.sh" "$@"; }
# await WHAT SECONDS CMD...: CMD until it succeeds. The run goes on either way (a shorter training
# makes a smaller archive, not a wrong one), but says so.
await() {
  local what=$1 tries=$(($2 * 4)) i
  shift 2
  for ((i = 0; i < tries; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.25; done
  echo "training: gave up waiting for $what" >&2
}
observed() { [[ $(kubectl get rustapp -n rehearsal rehearsal -o jsonpath='{.status.observedGeneration}') == "$1" ]]; }

pid=""
stop() {
  [[ -n $pid ]] && { kill -TERM "$pid" 2>/dev/null; wait "$pid" || true; }
  pid=""
  [[ -n $cluster ]] && bash "$repo/hack/cluster.sh" stop >/dev/null 2>&1
  return 0
}
trap stop EXIT

if [[ -n $cluster ]]; then
  bash "$repo/hack/cluster.sh" start >"$root/cluster.log" 2>&1 || { tail -20 "$root/cluster.log" >&2; exit 1; }
  kubectl apply -f "$repo/chart/crds" >/dev/null
  kubectl wait --for=condition=Established crd --all --timeout=30s >/dev/null
  kubectl apply -f "$training/$program-cluster.yaml" -f "$repo/hack/samples/50-policy.yaml" >/dev/null
  sa=$root/fs/var/run/secrets/kubernetes.io/serviceaccount
  mkdir -p "$sa"
  kubectl create token rustapp-training -n rustapp-system --duration=1h >"$sa/token"
  cp "$RUSTAPP_CLUSTER_DIR/pki/ca.crt" "$sa/ca.crt"
  printf rustapp-system >"$sa/namespace"
  chmod -R a+rX "$root/fs/var/run"
  # shellcheck disable=SC1091
  source "$RUSTAPP_CLUSTER_DIR/cluster.env"
  export KUBERNETES_SERVICE_HOST=$API_HOST KUBERNETES_SERVICE_PORT=$API_PORT POD_NAME=rustapp-$program-training
fi

bash "$here/in-image.sh" "$root/fs" "$@" >"$root/training.log" 2>&1 &
pid=$!

case $program in
  webhook)
    await "the webhook's /healthz" 30 curl -sk -o /dev/null https://127.0.0.1:8443/healthz
    for path in mutate validate; do
      curl -sk -m 10 -o /dev/null -H "Content-Type: application/json" \
        --data-binary @"$training/admission-review.json" "https://127.0.0.1:8443/$path"
    done
    sleep 6
    ;;
  controller)
    # The rehearsal app as a user would create it: without what the apiserver sets.
    jq 'del(.metadata.uid, .metadata.generation, .metadata.resourceVersion, .metadata.creationTimestamp,
      .metadata.managedFields)' "$repo/controller/src/main/resources/dev/rustapp/controller/rehearsal-app.json" |
      kubectl create -f - >/dev/null
    await "the first reconcile" 60 observed 1
    for path in healthz readyz metrics; do curl -s -m 10 -o /dev/null "http://127.0.0.1:8081/$path"; done
    kubectl patch rustapp -n rehearsal rehearsal --type=merge -p '{"spec":{"rust":{"logLevel":"debug"}}}' >/dev/null
    await "the reconcile of a change" 30 observed 2
    kubectl delete rustapp -n rehearsal rehearsal --timeout=30s >/dev/null || true
    sleep 2
    ;;
  *) sleep 6 ;;
esac
