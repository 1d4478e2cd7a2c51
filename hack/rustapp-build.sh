#!/usr/bin/env bash
# rustapp-build: a cargo project into a small non-root OCI image, without Docker (builder/).
#
#   hack/rustapp-build.sh examples/hello-rust --image localhost:5001/acme/hello        # push (tag: the crate version)
#   hack/rustapp-build.sh . --image ghcr.io/acme/api:1.4.0 --bin api                   # any registry, ~/.docker/config.json
#   hack/rustapp-build.sh . --image ghcr.io/acme/api --tarball api.tar                  # no registry
#   hack/rustapp-build.sh --help
#
# Builds the builder's jar first when it is missing or older than its sources.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
JAR="$REPO_ROOT/builder/target/rustapp-build.jar"
if [[ ! -f $JAR || -n "$(find "$REPO_ROOT/builder/src/main" "$REPO_ROOT/builder/pom.xml" -newer "$JAR" -print -quit)" ]]; then
  log "building the builder (mvn -pl builder -am package)"
  (cd "$REPO_ROOT" && mvn -B -ntp -q -DskipTests -pl builder -am install) >&2
fi
exec java -jar "$JAR" "$@"
