#!/usr/bin/env bash
# Regenerates the CRDs from the Java types and refreshes the chart's copy (GeneratedCrdsTest checks it).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"
mvn -B -ntp -q -pl shared-model -am process-classes
cp shared-model/target/classes/META-INF/rustapp/crds/*.yml chart/crds/
log "chart/crds updated"
