# Builds the Go tools under hack/tools/<name> once per content and caches them by that content.
# shellcheck shell=bash
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KUBE_VERSION=v1.36.3
KUBE_VERSION_LDFLAGS="-X k8s.io/component-base/version.gitVersion=${KUBE_VERSION}
 -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=36
 -X k8s.io/client-go/pkg/version.gitVersion=${KUBE_VERSION}
 -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=36"

# tool_key NAME: a hash of what decides the binary, so a changed pin means a new build.
tool_key() {
  local dir="$REPO_ROOT/hack/tools/$1"
  { go version; cat "$dir"/go.mod "$dir"/go.sum "$dir"/*.go "$dir"/build.env 2>/dev/null || true; } | sha256sum | cut -c1-16
}

# tool_dir NAME: builds hack/tools/NAME if its cache entry is missing, prints the directory.
tool_dir() {
  local name=$1 key out
  key=$(tool_key "$name")
  out="$CACHE_DIR/tools/$name-$key"
  if [[ ! -f "$out/.complete" ]]; then
    mkdir -p "$CACHE_DIR/tools"
    (
      flock 9
      [[ -f "$out/.complete" ]] && exit 0
      build_tool "$name" "$out"
    ) 9>"$CACHE_DIR/tools/.$name.lock" || die "building $name failed"
  fi
  printf '%s\n' "$out"
}

build_tool() {
  local name=$1 out=$2 tmp start=$SECONDS
  tmp="$out.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  log "building $name from Go modules (cold builds take a while; cached in $CACHE_DIR/tools)"
  # build.env may name the package(s) to build (`tool`s of the module; several go to one folder,
  # each binary named after its package), build tags, cgo, and extra ldflags.
  local PACKAGE=. LDFLAGS="" TAGS="" CGO=0
  [[ -f "$REPO_ROOT/hack/tools/$name/build.env" ]] && source "$REPO_ROOT/hack/tools/$name/build.env"
  local ldflags="-s -w $LDFLAGS" target="$tmp/$name"
  [[ $name == kube ]] && ldflags="$ldflags $KUBE_VERSION_LDFLAGS"
  [[ $PACKAGE == *" "* ]] && target="$tmp/"
  # shellcheck disable=SC2086 # PACKAGE is a list
  (cd "$REPO_ROOT/hack/tools/$name" &&
    CGO_ENABLED=$CGO GOFLAGS=-mod=readonly go build -tags "$TAGS" -ldflags "$ldflags" -o "$target" $PACKAGE) ||
    { rm -rf "$tmp"; return 1; }
  if [[ $name == kube ]]; then
    local c
    for c in kube-apiserver kube-controller-manager kube-scheduler kube-proxy kubelet kubectl; do ln -s kube "$tmp/$c"; done
  fi
  touch "$tmp/.complete"
  rm -rf "$out" && mv "$tmp" "$out"
  log "built $name in $((SECONDS - start))s"
}
