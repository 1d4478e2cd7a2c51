#!/usr/bin/env bash
# Builds the operator's three images (webhook, controller, certs) without a Docker daemon and
# pushes them:
#   hack/images.sh                      to the real node's registry, localhost:5001/rustapp (it runs
#                                       while hack/cluster.sh start --real or hack/local-up.sh does)
#   hack/images.sh --registry ghcr.io/acme [--tag 0.1.0]
#                                       to any registry, with the credentials Jib and crane read
#                                       (~/.docker/config.json and its credential helpers)
# The base is built here too: a jlinked Java 17 runtime (hack/image/modules.txt), the Debian
# libraries it links, the JDK's CA certificates and time zones, uid 65532, no shell. The programs go
# on it with Jib, each with an AppCDS archive from a training run of its own start-up
# (hack/lib/appcds.sh). Fixed timestamps and file order: the same inputs give the same digests.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/node-env.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/appcds.sh"
cd "$REPO_ROOT"

PREFIX="$REGISTRY/rustapp"
TAG=$(sed -n 's/^appVersion: "\(.*\)"$/\1/p' chart/Chart.yaml)
while [[ $# -gt 0 ]]; do
  case $1 in
    --registry) PREFIX=${2:?--registry takes a registry and path, e.g. ghcr.io/acme}; shift 2 ;;
    --tag) TAG=${2:?--tag takes a tag}; shift 2 ;;
    *) die "usage: hack/images.sh [--registry REGISTRY/PATH] [--tag TAG]" ;;
  esac
done

CRANE="$(tool_dir crane)/crane"
INSECURE=()
JIB_INSECURE=()
if [[ $PREFIX == localhost:* || $PREFIX == 127.0.0.1:* ]]; then
  curl -sf -m 3 "http://${PREFIX%%/*}/v2/" >/dev/null ||
    die "no registry answers on ${PREFIX%%/*}: start the real node (hack/cluster.sh start --real) or pass --registry"
  # Plain HTTP is allowed for the loopback registry only.
  INSECURE=(--insecure)
  JIB_INSECURE=(-Djib.allowInsecureRegistries=true)
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Native libraries the programs carry in their jars (netty-tcnative's BoringSSL, linux-x86_64),
# extracted so build_base can ldd them: they link system libraries the JDK does not (librt,
# libpthread, libdl, libgcc_s), and without those the webhook falls back to the JDK's TLS.
extract_jar_natives() {
  local jar
  mkdir -p "$WORK/natives"
  mvn -B -ntp -q -pl webhook,controller,certs dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile=target/runtime-classpath.txt
  # Each file is one line with no newline at its end.
  for jar in $(for module in webhook controller certs; do tr ':' '\n' <"$module/target/runtime-classpath.txt"; echo; done | sort -u); do
    (cd "$WORK/natives" && jar xf "$jar" META-INF/native)
  done
  log "native libraries in the programs' jars: $(native_libraries | xargs -n1 basename | paste -sd' ')"
}
native_libraries() { find "$WORK/natives" -name '*linux*x86_64*.so'; }

build_base() {
  local root="$WORK/root" lib headless
  jlink --add-modules "$(grep -v '^#' hack/image/modules.txt | paste -sd,)" --strip-debug --no-header-files --no-man-pages \
    --compress=2 --output "$root/opt/java"
  javac --release 17 -d "$WORK/provider-check" hack/image/ProviderCheck.java
  "$root/opt/java/bin/java" -cp "$WORK/provider-check" ProviderCheck || die "hack/image/modules.txt lacks a security provider's module"
  headless=$(grep -v '^#' hack/image/headless.txt | sed 's|^|/|')
  # The libraries the runtime links, found by ldd, copied to the same paths (the ELF interpreter
  # path /lib64/ld-linux-x86-64.so.2 is compiled into every binary).
  for lib in $({ ldd "$root/opt/java/bin/java"; { find "$root/opt/java" -name '*.so' | grep -vF "$headless"; native_libraries; } |
      xargs -n1 ldd; } |
      grep -v "not found\|linux-vdso\|$root" | awk '{ if ($2 == "=>") print $3; else print $1 }' | sort -u); do
    # Modes kept: the ELF interpreter must be executable for the kernel to load it.
    install -D -m "$(stat -c %a "$(readlink -f "$lib")")" "$(readlink -f "$lib")" "$root$lib"
  done
  cp -r hack/image/rootfs/. "$root/"
  install -d "$root/home/nonroot"
  # Modes do not depend on the umask or mktemp's 0700: uid 65532 must reach every directory.
  find "$root" -type d -exec chmod 0755 {} +
  find "$root" -type f ! -perm -u+x -exec chmod 0644 {} +
  find "$root" -type f -perm -u+x -exec chmod 0755 {} +
  install -d -m 1777 "$root/tmp"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$WORK/base.tar" .
  "$CRANE" append "${INSECURE[@]}" --oci-empty-base -f "$WORK/base.tar" -t "$PREFIX/java-base:17" >/dev/null
  "$CRANE" mutate "${INSECURE[@]}" --set-platform linux/amd64 --user 65532:65532 --env JAVA_HOME=/opt/java --env PATH=/opt/java/bin \
    -t "$PREFIX/java-base:17" "$PREFIX/java-base:17" >/dev/null
}

size_mib() {
  "$CRANE" manifest "${INSECURE[@]}" "$1" |
    python3 -c "import json, sys; print('%.1f' % (sum(l['size'] for l in json.load(sys.stdin)['layers']) / 2**20))"
}

start=$SECONDS
rm -rf {webhook,controller,certs}/target/cds && mkdir -p {webhook,controller,certs}/target/cds
mvn -B -ntp -q -DskipTests -pl webhook,controller,certs -am install
extract_jar_natives
log "building the base image (jlink, Debian libraries) as $PREFIX/java-base:17"
build_base
base_digest=$("$CRANE" digest "${INSECURE[@]}" "$PREFIX/java-base:17")
log "base ready after $((SECONDS - start))s; building the programs with Jib, then their AppCDS archives"
JIB_ARGS=(-Dimage.base="$PREFIX/java-base@$base_digest" -Dimage.registry="$PREFIX" -Dimage.tag="$TAG" "${JIB_INSECURE[@]}")
# jib: GOAL for the three programs. Never in one reactor with certs: the webhook's copy of certs must be
# the same file (name included) in both runs below, and a reactor names it otherwise than the repository.
jib() {
  mvn -B -ntp -q -pl webhook,controller "jib:$1" "${JIB_ARGS[@]}"
  mvn -B -ntp -q -pl certs "jib:$1" "${JIB_ARGS[@]}"
}
# First without the archives, to tarballs: the file system a training run uses is the image's own.
jib buildTar
for program in webhook controller certs; do
  appcds_archive "$program" "$program/target/jib-image.tar" "$program/target/cds"
done
log "archives ready after $((SECONDS - start))s; pushing the images"
# jib:build alone, no package: the jars are the very ones the archives were dumped against (the JVM
# silently ignores an archive whose jars differ).
jib build
printf '%-12s %-60s %-73s %s\n' image reference digest "compressed MiB"
printf '%-12s %-60s %-73s %s\n' java-base "$PREFIX/java-base:17" "$base_digest" "$(size_mib "$PREFIX/java-base:17")"
for program in webhook controller certs; do
  printf '%-12s %-60s %-73s %s\n' "$program" "$PREFIX/$program:$TAG" "$(cat "$program/target/jib-image.digest")" \
    "$(size_mib "$PREFIX/$program:$TAG")"
done
log "images built and pushed in $((SECONDS - start))s"
