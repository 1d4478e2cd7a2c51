#!/usr/bin/env bash
# The main job: a local control plane built from Go modules, ready for kubectl.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/tools.sh"
cd "$REPO_ROOT"

kubeconfig=$(bash hack/cluster.sh start)
cat <<EOF2

Local control plane is up.
  kubectl:     hack/kubectl.sh get ns      (or: export KUBECONFIG=$kubeconfig)
  status:      hack/cluster.sh status
  stop:        hack/cluster.sh stop
EOF2
