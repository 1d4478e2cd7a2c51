#!/usr/bin/env bash
# hack/local-up.sh --no-real: for machines without what a real node needs. A local Kubernetes built
# from Go modules with fake (KWOK) nodes, the RustApp CRDs, the webhook (HTTPS, certificates from the
# certs module) and the controller as local processes, and the sample RustApps applied and Ready (on
# fake nodes: their pods never run). Runs until Ctrl-C, or returns at once with --detach (then
# hack/local-down.sh stops everything).
#
#   hack/local-up-processes.sh [--detach] [--nodes N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/process.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/local-up.sh"
cd "$REPO_ROOT"

DETACH=false
NODES=2
while [[ $# -gt 0 ]]; do
  case $1 in
    --detach) DETACH=true; shift ;;
    --nodes) NODES=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) die "unknown option $1 (usage: hack/local-up.sh [--detach] [--nodes N])" ;;
  esac
done

export RUSTAPP_CLUSTER_DIR="$STATE_ROOT/cluster"
PROC_DIR="$STATE_ROOT/operator"
NS=rustapp-system
if alive webhook || alive controller; then
  die "RustApp Operator is already running locally (logs in $PROC_DIR/logs); stop it with hack/local-down.sh"
fi

step "Building the control plane (cached) and the Java programs"
for tool in etcd kube kwok; do tool_dir "$tool" >/dev/null; done
KUBECTL="$(tool_dir kube)/kubectl"
if [[ ! -f webhook/target/rustapp-webhook.jar || ! -f controller/target/rustapp-controller.jar || ! -f certs/target/rustapp-certs.jar \
  || -n "$(find shared-model/src certs/src webhook/src controller/src -newer controller/target/rustapp-controller.jar -print -quit 2>/dev/null)" ]]; then
  mvn -B -ntp -q -DskipTests -pl testkit,shared-model,certs,webhook,controller -am install
fi

step "Starting etcd, kube-apiserver, kube-controller-manager, kube-scheduler and KWOK ($NODES fake nodes)"
KUBECONFIG_FILE=$(bash hack/cluster.sh start --nodes "$NODES")
export KUBECONFIG="$KUBECONFIG_FILE"
k() { "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" "$@"; }

if ! $DETACH; then trap stop_all INT TERM EXIT; fi

step "Installing the CRDs and the operator namespace"
k apply --server-side -f chart/crds/ >/dev/null
k wait --for=condition=Established --timeout=60s crd/rustapps.rustapp.dev crd/rustapppolicies.rustapp.dev \
  crd/policyreports.wgpolicyk8s.io >/dev/null
k create namespace "$NS" --dry-run=client -o yaml | k apply -f - >/dev/null
# The webhooks never intercept the operator's own namespace.
k label namespace "$NS" rustapp.dev/webhook=ignore --overwrite >/dev/null

step "Bootstrapping the webhook's certificates (certs module)"
java -jar certs/target/rustapp-certs.jar bootstrap --namespace "$NS" --secret rustapp-webhook-tls \
  --service rustapp-webhook --dns-name localhost --ip 127.0.0.1 \
  --mutating-webhook rustapp-webhook --validating-webhook rustapp-webhook
TLS_DIR="$PROC_DIR/tls"
mkdir -p "$TLS_DIR"
k get secret -n "$NS" rustapp-webhook-tls -o jsonpath='{.data.tls\.crt}' | base64 -d >"$TLS_DIR/tls.crt"
k get secret -n "$NS" rustapp-webhook-tls -o jsonpath='{.data.tls\.key}' | base64 -d >"$TLS_DIR/tls.key"
CA_BUNDLE=$(k get secret -n "$NS" rustapp-webhook-tls -o jsonpath='{.data.ca\.crt}')
# A file, not <(...): a pipe is read once, and the readiness poll below reads the CA on every try.
printf '%s' "$CA_BUNDLE" | base64 -d >"$TLS_DIR/ca.crt"

step "Starting the webhook on 127.0.0.1"
WEBHOOK_PORT=$(free_port)
launch webhook java -XX:+UseSerialGC -Xss512k -jar webhook/target/rustapp-webhook.jar --bind-address 127.0.0.1 \
  --port "$WEBHOOK_PORT" --tls-cert-file "$TLS_DIR/tls.crt" --tls-key-file "$TLS_DIR/tls.key"
wait_for "the webhook to be ready" 60 curl -sf --cacert "$TLS_DIR/ca.crt" "https://127.0.0.1:$WEBHOOK_PORT/readyz" || { tail -30 "$PROC_DIR/logs/webhook.log" >&2; die "the webhook did not start"; }
sed -e "s#\${WEBHOOK_URL}#https://127.0.0.1:$WEBHOOK_PORT#" -e "s#\${CA_BUNDLE}#$CA_BUNDLE#" hack/webhook/configurations.yaml | k apply -f - >/dev/null

step "Starting the controller"
HEALTH_PORT=$(free_port)
launch controller java -XX:+UseSerialGC -Xss512k -jar controller/target/rustapp-controller.jar --lease-namespace "$NS" \
  --health-bind-address 127.0.0.1 --health-port "$HEALTH_PORT"
wait_for "the controller to be ready" 60 curl -sf "http://127.0.0.1:$HEALTH_PORT/readyz" ||
  { tail -30 "$PROC_DIR/logs/controller.log" >&2; die "the controller did not start"; }
cat >"$PROC_DIR/endpoints.env" <<EOF
WEBHOOK_URL=https://127.0.0.1:$WEBHOOK_PORT
CONTROLLER_HEALTH_URL=http://127.0.0.1:$HEALTH_PORT
EOF

step "Applying hack/samples/"
k apply -f hack/samples/

await_samples 180

cat <<EOF

RustApp Operator is running locally.
  kubectl:        hack/kubectl.sh get ra -A        (or: export KUBECONFIG=$KUBECONFIG_FILE)
  what the webhook wrote:  hack/kubectl.sh get ra hello -n demo -o yaml
  what the controller made: hack/kubectl.sh get deploy,svc,sa,hpa,pdb,pods -n demo
  logs:           $PROC_DIR/logs/{webhook,controller}.log and $RUSTAPP_CLUSTER_DIR/logs/
  metrics:        curl -k https://127.0.0.1:$WEBHOOK_PORT/metrics ; curl http://127.0.0.1:$HEALTH_PORT/metrics
EOF
if $DETACH; then
  echo "  stop:           hack/local-down.sh"
  exit 0
fi
echo "  stop:           Ctrl-C"
while alive webhook && alive controller; do sleep 2; done
echo "a process exited; see $PROC_DIR/logs" >&2
