#!/usr/bin/env bash
# The main job: a local Kubernetes built from Go modules with a real node (containerd, runc, CNI,
# kubelet, a registry on localhost:5001), the operator's images built here and installed with
# `helm install` from chart/ exactly as a user would, the Rust sample service (examples/hello-rust)
# built into an image with hack/rustapp-build.sh, and the sample RustApps applied and Ready as real
# pods. Runs until Ctrl-C, or returns at once with --detach (then hack/local-down.sh stops
# everything).
#
#   hack/local-up.sh [--detach] [--fake-nodes N] [--no-real]
#     --fake-nodes N  also N KWOK fake nodes (tainted kwok.x-k8s.io/node=fake:NoSchedule), for scale work
#     --no-real       no real node: the webhook and the controller run as local processes on a control
#                     plane with fake nodes (for machines without root, cgroup v2 or bridges)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/node-env.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/process.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/local-up.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/oci.sh"
cd "$REPO_ROOT"

DETACH=false
FAKE_NODES=0
PASS=()  # what --no-real hands to the process mode
while [[ $# -gt 0 ]]; do
  case $1 in
    --detach) DETACH=true; PASS+=(--detach); shift ;;
    --fake-nodes) FAKE_NODES=${2:?--fake-nodes takes a number}; PASS+=(--nodes "$2"); shift 2 ;;
    --no-real) NO_REAL=true; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) die "unknown option $1 (usage: hack/local-up.sh [--detach] [--fake-nodes N] [--no-real])" ;;
  esac
done
if ${NO_REAL:-false}; then
  log "--no-real: the webhook and the controller run as local processes next to fake nodes"
  exec bash hack/local-up-processes.sh "${PASS[@]}"
fi
[[ $(id -u) == 0 ]] || die "the real node needs root (a bridge, mounts, cgroups); run as root or use --no-real"

export RUSTAPP_CLUSTER_DIR="$STATE_ROOT/cluster"
NS=rustapp-system
RELEASE=rustapp-operator
if PROC_DIR=$RUSTAPP_CLUSTER_DIR alive kube-apiserver; then
  die "RustApp Operator is already running locally; stop it with hack/local-down.sh"
fi
# Another real node on this machine (a test run's) is an error here, not something to wait for.
export RUSTAPP_NODE_LOCK_WAIT=${RUSTAPP_NODE_LOCK_WAIT:-0}

step "Building the control plane, the node and helm (cached)"
for tool in etcd kube kwok containerd runc cni registry crane pause helm; do tool_dir "$tool" >/dev/null; done
KUBECTL="$(tool_dir kube)/kubectl"
HELM="$(tool_dir helm)/helm"
CRANE_DIR=$(tool_dir crane)
export IMAGES_LOG="$STATE_ROOT/images.log"

step "Starting the control plane and the real node${FAKE_NODES:+ (and $FAKE_NODES fake nodes)}"
KUBECONFIG_FILE=$(bash hack/cluster.sh start --real --nodes "$FAKE_NODES")
export KUBECONFIG="$KUBECONFIG_FILE"
k() { "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" "$@"; }

trap stop_all INT TERM EXIT

step "Building the operator's images (hack/images.sh) and pushing them to $REGISTRY"
bash hack/images.sh
TAG=$(sed -n 's/^appVersion: "\(.*\)"$/\1/p' chart/Chart.yaml)
# helm test runs kubectl in a pod; the usual image is on a registry this machine cannot reach.
KUBECTL_IMAGE="$REGISTRY/rustapp/kubectl:$("$KUBECTL" version --client -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["clientVersion"]["gitVersion"])')"
push_binary_image "$KUBECTL" "$KUBECTL_IMAGE" /usr/local/bin/kubectl || die "could not push $KUBECTL_IMAGE (log: $IMAGES_LOG)"

step "Building the Rust sample service (examples/hello-rust) into an image with rustapp-build"
# Compiled dependencies are kept between runs and clones.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE_DIR/cargo-target}"
bash hack/rustapp-build.sh examples/hello-rust --image "$REGISTRY/acme/hello:1.0.0"
# The other samples are the same service under their own names.
for sample in orders:2.3.1 gateway:0.9.4 ledger:1.0.0; do
  "$CRANE_DIR/crane" copy --insecure "$REGISTRY/acme/hello:1.0.0" "$REGISTRY/acme/$sample" >>"$IMAGES_LOG" 2>&1 ||
    die "could not push $sample (log: $IMAGES_LOG)"
done
LEDGER_DIGEST=$("$CRANE_DIR/crane" digest --insecure "$REGISTRY/acme/ledger:1.0.0")

step "helm install $RELEASE chart/ (images from $REGISTRY/rustapp, tag $TAG)"
"$HELM" --kubeconfig "$KUBECONFIG_FILE" install "$RELEASE" chart/ -n "$NS" --create-namespace \
  --set images.registry="$REGISTRY/rustapp" --set images.tag="$TAG" --set tests.kubectlImage="$KUBECTL_IMAGE" \
  --wait --timeout 5m
k get pods -n "$NS" -o wide

step "Applying hack/samples/"
# The pinned sample names the digest of the image pushed above: a digest cannot be written down ahead.
for file in hack/samples/*.yaml; do
  sed "s|$REGISTRY/acme/ledger@sha256:[0-9a-f]*|$REGISTRY/acme/ledger@$LEDGER_DIGEST|" "$file"
  echo "---"
done | k apply -f -

await_samples 300
k get pods -n demo -o wide

HELLO_IP=$(k get svc hello -n demo -o jsonpath='{.spec.clusterIP}')
cat <<EOF

RustApp Operator is running on a real node.
  kubectl:        hack/kubectl.sh get ra -A        (or: export KUBECONFIG=$KUBECONFIG_FILE)
  the operator:   hack/kubectl.sh get pods -n $NS -o wide ; hack/helm.sh test $RELEASE -n $NS
  what the webhook wrote:   hack/kubectl.sh get ra hello -n demo -o yaml
  what the controller made: hack/kubectl.sh get deploy,svc,sa,hpa,pdb,pods -n demo
  a sample through its Service: curl http://$HELLO_IP/ ; curl http://$HELLO_IP/info
  logs:           hack/kubectl.sh logs -n $NS deploy/$RELEASE-webhook ; node and control plane: $RUSTAPP_CLUSTER_DIR/logs/
EOF
if $DETACH; then
  trap - INT TERM EXIT
  echo "  stop:           hack/local-down.sh"
  exit 0
fi
echo "  stop:           Ctrl-C"
while bash hack/cluster.sh status >/dev/null 2>&1; do sleep 5; done
echo "the cluster stopped; see $RUSTAPP_CLUSTER_DIR/logs" >&2
