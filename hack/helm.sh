#!/usr/bin/env bash
# helm, built from its Go module, pointed at the local control plane: hack/helm.sh test rustapp-operator -n rustapp-system
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/tools.sh"
kubeconfig=$(RUSTAPP_CLUSTER_DIR="${RUSTAPP_CLUSTER_DIR:-$STATE_ROOT/cluster}" bash "$REPO_ROOT/hack/cluster.sh" kubeconfig)
exec "$(tool_dir helm)/helm" --kubeconfig "$kubeconfig" "$@"
