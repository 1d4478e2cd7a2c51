# What both modes of hack/local-up.sh share (sourced; callers define k, kubectl on their cluster).
# shellcheck shell=bash

step() { printf '\n==> %s\n' "$*" >&2; }

stop_all() {
  trap - INT TERM EXIT
  printf '\n' >&2
  bash "$REPO_ROOT/hack/local-down.sh"
}

samples_ready() {
  local total ready
  total=$(k get ra -n demo -o name | wc -l)
  ready=$(k get ra -n demo -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c True || true)
  ((total > 0 && ready == total))
}

# await_samples SECONDS: until every sample RustApp is Ready; then shows them and a refused apply.
await_samples() {
  step "Waiting until every sample RustApp is Ready"
  wait_for "every sample RustApp to be Ready" "$1" samples_ready || { k get ra,pods -n demo >&2; die "samples did not become Ready"; }
  k get ra -n demo
  echo >&2
  echo "A RustApp the webhook refuses (hack/samples/refused/latest-from-docker-hub.yaml):" >&2
  k apply -f "$REPO_ROOT/hack/samples/refused/" 2>&1 | sed 's/^/    /' >&2 || true
}
