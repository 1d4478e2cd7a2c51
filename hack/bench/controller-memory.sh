#!/usr/bin/env bash
# Where the controller's RSS goes, by JVM setting, side by side. For each variant, on a fresh cluster,
# the controller (the chart's flags and memory limit, then the variant's) converges N RustApps; then
# its RSS, the JVM's own account of its memory (Native Memory Tracking: heap, metaspace, code, threads,
# GC, compiler...), and what RSS holds beyond that account (glibc's malloc arenas, mostly).
#   tiered      the chart's flags with tiered compilation back on (C2: more metaspace, code and malloc)
#   c1          the chart's flags, controller.javaOpts in chart/values.yaml (read from there: C1 only, NewRatio=8, the 5 s trim,
#               the heap starting at 8%)
#   c1-arenas   plus MALLOC_ARENA_MAX=2 (glibc keeps up to 8 arenas per core otherwise)
#   c1-lean     plus -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 (the heap kept closer to the live set:
#               by default SerialGC keeps 40-70% of it free)
#   c1-appcds   plus an AppCDS archive, as the image runs it (here dumped at the exit of a training run
#               that converges 100 apps on a cluster of its own)
#   c1-appcds-lean  both of the last two
#   c1-appcds-xmn24 the archive with a fixed 24 MiB young generation, whatever the heap
#   c1-appcds-xmn8-lean the archive, an 8 MiB young generation and the heap free ratios: the smallest heap
#   c1-appcds-nr2   the archive with SerialGC's own young generation, a third of the heap (-XX:NewRatio=2):
#                   the chart's flags before it took NewRatio=8, a ninth, which scales with the heap
#   c1-appcds-notrim the archive, and the JVM no longer trimming glibc's heap (-XX:TrimNativeHeapInterval=0):
#                   the chart's flags before they took the 5 s interval
#   c1-appcds-noinit the archive, the heap starting at the JVM's default share of memory
#                   (-XX:InitialRAMPercentage=1.5625): the chart's flags before they took 8%
#   c1-appcds-cts4  the archive with methods compiled after 4x the calls (-XX:CompileThresholdScaling=4):
#                   fewer C1 methods, so less code cache and compiler memory, for more interpreted calls
#   hack/bench/controller-memory.sh [--n 1000] [--variants "tiered c1 c1-arenas"]
# CONTROLLER_JAR=path/to/rustapp-controller.jar runs another build (see controller-run.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/controller-run.sh"
cd "$REPO_ROOT"

N=1000
VARIANTS="tiered c1 c1-arenas"
while [[ $# -gt 0 ]]; do
  case $1 in
    --n) N=$2; shift 2 ;;
    --variants) VARIANTS=$2; shift 2 ;;
    *) die "usage: hack/bench/controller-memory.sh [--n N] [--variants \"tiered c1 c1-arenas\"]" ;;
  esac
done

bench_workspace controller-memory
log "building the controller and the benchmark drivers"
build_controller_bench
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# variant NAME ARENAS [JVM FLAG...]: converges N apps with this variant running, records its memory.
variant() {
  local name=$1 arenas=$2 seconds rss collections row cpu
  shift 2
  log "$name: fresh cluster, $N RustApps"
  fresh_cluster
  if [[ -n $arenas ]]; then
    MALLOC_ARENA_MAX=$arenas start_controller "$CHART_MEMORY" -XX:NativeMemoryTracking=summary "$@"
  else
    start_controller "$CHART_MEMORY" -XX:NativeMemoryTracking=summary "$@"
  fi
  controller_ready
  seconds=$($BENCH converge "mem" "$N" | awk '$1 == "converge_seconds" {print $2}')
  sleep 5
  # A variant may be named twice (repeated runs, interleaved): each row keeps its own files.
  row=$(($(wc -l <"$RESULTS") + 1))
  jcmd "$(pid_of controller)" VM.native_memory summary scale=KB >"$WORK/nmt-$row-$name.txt"
  rss=$(rss_mib)
  split=$(rss_split "$(pid_of controller)")
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$(pid_of controller)/stat")
  # What a smaller young generation costs: the collections it took to get here (jstat's YGC and FGC
  # columns), read before the histogram's own full collection.
  collections=$(jstat -gc "$(pid_of controller)" | awk 'NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i}
    NR == 2 {print $col["YGC"] "/" $col["FGC"]}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$seconds" "$rss" "$WORK/nmt-$row-$name.txt" "$collections" \
    "$(live_heap_mib "$WORK/histogram-$row-$name.txt")" "$cpu" "$split" >>"$RESULTS"
  halt controller
}

# rss_split PID: the resident set in MiB as anonymous/file-backed/the AppCDS archive's share of the
# file-backed (smaps): NMT counts the archive's whole mapping as committed, RSS only its touched pages,
# so "RSS beyond NMT" alone mixes malloc's overhead with archive pages never read.
rss_split() {
  awk '/^[0-9a-f]+-[0-9a-f]+ / {path = $6}
    /^Rss:/ {if (path == "" || path ~ /^\[/) anon += $2; else {file += $2; if (path ~ /\.jsa$/) jsa += $2}}
    END {printf "%.0f/%.0f/%.0f", anon / 1024, file / 1024, jsa / 1024}' "/proc/$1/smaps"
}

# train_archive: $WORK/controller.jsa, the classes a controller loaded while it converged 100 apps,
# dumped once for every variant that runs with it.
ARCHIVE="-XX:SharedArchiveFile=$WORK/controller.jsa"
LEAN="-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20"
train_archive() {
  [[ -s $WORK/controller.jsa ]] && return 0
  log "training run for the AppCDS archive"
  fresh_cluster
  start_controller "$CHART_MEMORY" -XX:ArchiveClassesAtExit="$WORK/controller.jsa"
  controller_ready
  $BENCH converge train 100 >/dev/null
  halt controller
  [[ -s $WORK/controller.jsa ]] || die "the training run wrote no archive"
}

# shellcheck disable=SC2086
for name in $VARIANTS; do
  case $name in
    tiered) variant tiered "" -XX:TieredStopAtLevel=4 ;;
    c1) variant c1 "" ;;
    c1-arenas) variant c1-arenas 2 ;;
    c1-lean) variant c1-lean "" $LEAN ;;
    c1-appcds) train_archive && variant c1-appcds "" "$ARCHIVE" ;;
    c1-appcds-lean) train_archive && variant c1-appcds-lean "" "$ARCHIVE" $LEAN ;;
    c1-appcds-xmn24) train_archive && variant c1-appcds-xmn24 "" "$ARCHIVE" -Xmn24m ;;
    c1-appcds-xmn8-lean) train_archive && variant c1-appcds-xmn8-lean "" "$ARCHIVE" -Xmn8m $LEAN ;;
    c1-appcds-nr2) train_archive && variant c1-appcds-nr2 "" "$ARCHIVE" -XX:NewRatio=2 ;;
    c1-appcds-notrim) train_archive && variant c1-appcds-notrim "" "$ARCHIVE" -XX:TrimNativeHeapInterval=0 ;;
    c1-appcds-noinit) train_archive && variant c1-appcds-noinit "" "$ARCHIVE" -XX:InitialRAMPercentage=1.5625 ;;
    c1-appcds-cts4) train_archive && variant c1-appcds-cts4 "" "$ARCHIVE" -XX:CompileThresholdScaling=4 ;;
    *) die "unknown variant $name (tiered, c1, c1-arenas, c1-lean, c1-appcds, c1-appcds-lean, c1-appcds-xmn24, c1-appcds-xmn8-lean, c1-appcds-nr2, c1-appcds-notrim, c1-appcds-noinit, c1-appcds-cts4)" ;;
  esac
done

python3 hack/bench/report_controller_memory.py "$RESULTS" "$N"
