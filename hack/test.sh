#!/usr/bin/env bash
# Runs every test: builds the control plane from Go modules if the cache lacks it, then the Maven
# reactor's unit tests (*Test) and integration tests (*IT, each module on a local control plane).
#   hack/test.sh            everything
#   hack/test.sh -DskipITs  unit tests only
# Extra arguments go to Maven.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/node-env.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/packages.sh"
cd "$REPO_ROOT"

start=$SECONDS
# A test that dies mid-run must not leave a control plane behind.
cleanup() {
  local dir
  for dir in */target/cluster */target/*-cluster; do
    [[ -f $dir/cluster.env ]] && RUSTAPP_CLUSTER_DIR="$PWD/$dir" bash hack/cluster.sh stop >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT
trap "exit 130" INT TERM

# Every script with a #! line is one users run (README: hack/local-up.sh); a mode lost in a commit
# (7c1233f made local-up.sh 644) leaves "Permission denied" for a new user and no test noticed.
not_executable=$(git ls-files hack .ci | while read -r file; do
  [[ -f $file && $(head -c2 "$file") == '#!' && ! -x $file ]] && echo "  $file"; done || true)
[[ -z $not_executable ]] || die "scripts with a #! line that are not executable (chmod +x, and commit the mode):
$not_executable"

# The real node's tests take this machine's one real node: with hack/local-up.sh's (or another run's)
# still up they would wait for it half an hour, then fail.
if [[ " $* " != *" -DskipITs "* && -e $NODE_LOCK ]] && ! flock -n "$NODE_LOCK" true; then
  die "a real node already runs on this machine ($(grep -s CLUSTER_DIR "$NODE_RECORD" || echo "no record")): stop it first (hack/local-down.sh, for hack/local-up.sh's)"
fi

# The real node's tests need root, its Debian packages and its tools (runc links libseccomp).
ensure_packages "${NODE_PACKAGES[@]}"
for tool in etcd kube kwok containerd runc cni registry crane pause podcheck; do
  log "$tool: $(tool_dir "$tool")"
done
log "tools ready after $((SECONDS - start))s"

# Compiled Rust dependencies are kept between runs and clones (the builder's and the e2e tests' cargo builds).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE_DIR/cargo-target}"
log "examples/hello-rust: cargo test"
cargo test --locked --quiet --manifest-path examples/hello-rust/Cargo.toml
mvn -B -ntp verify "$@"
log "hack/test.sh finished in $((SECONDS - start))s"
