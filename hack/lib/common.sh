# Shared by every hack/ script: where the repo, the tool cache and local state live.
# shellcheck shell=bash
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE_DIR="${RUSTAPP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/rustapp-operator}"
STATE_ROOT="${RUSTAPP_STATE_DIR:-$REPO_ROOT/.local}"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# free_port prints a TCP port that nothing listens on, outside the range outgoing connections use.
free_port() {
  python3 "$REPO_ROOT/hack/lib/free_port.py" "$CACHE_DIR/ports.ledger"
}

# wait_for DESCRIPTION SECONDS COMMAND...: retries COMMAND until it succeeds or time runs out.
wait_for() {
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      log "timed out after ${seconds}s waiting for $what"
      return 1
    fi
    sleep 0.5
  done
}
