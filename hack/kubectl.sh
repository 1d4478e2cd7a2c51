#!/usr/bin/env bash
# kubectl, built with the local control plane, pointed at it: hack/kubectl.sh get ra -A
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/tools.sh"
kubeconfig=$(RUSTAPP_CLUSTER_DIR="${RUSTAPP_CLUSTER_DIR:-$STATE_ROOT/cluster}" bash "$REPO_ROOT/hack/cluster.sh" kubeconfig)
exec "$(tool_dir kube)/kubectl" --kubeconfig "$kubeconfig" "$@"
