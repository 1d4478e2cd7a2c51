#!/usr/bin/env bash
# Stops what hack/local-up.sh started: the controller, the webhook and the local cluster.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/process.sh"
PROC_DIR="$STATE_ROOT/operator"
halt controller
halt webhook
RUSTAPP_CLUSTER_DIR="$STATE_ROOT/cluster" bash "$REPO_ROOT/hack/cluster.sh" stop
log "RustApp Operator stopped"
