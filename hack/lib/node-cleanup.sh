# Puts the machine back as it was before the real node: works from the node's record alone, so it
# also cleans up after a run whose processes were all killed with kill -9.
# shellcheck shell=bash

# node_cleanup CLUSTER_DIR: call after the node's own processes were stopped (or died).
node_cleanup() {
  local cluster_dir=$1
  node_kill_workloads
  node_unmount "$cluster_dir/node" "$MACHINE_DIR" "${NODE_HOST_MOUNTS[@]}"
  node_remove_cgroups
  net_down
  node_restore_host
  rm -rf "$MACHINE_DIR"
}

# Containers outlive containerd and the kubelet (their shims run in sessions of their own): end them
# through runc's state, then the shims, then anything still in the pods' cgroups.
node_kill_workloads() {
  local runc id pid root
  runc=$(sed -n 's/^RUNC_BIN=//p' "$NODE_RECORD" 2>/dev/null)
  [[ -x $runc ]] || runc=$(command -v runc || true)
  if [[ -n $runc && -d $RUNC_ROOT ]]; then
    for root in "$RUNC_ROOT"/*/; do
      [[ -d $root ]] || continue
      for id in $("$runc" --root "$root" list -q 2>/dev/null); do
        "$runc" --root "$root" delete --force "$id" >/dev/null 2>&1 || true
      done
    done
  fi
  pkill -KILL -f -- "-address $CONTAINERD_SOCKET" 2>/dev/null || true
  for pid in $(cat /sys/fs/cgroup/*/kubepods/cgroup.procs /sys/fs/cgroup/*/kubepods/*/cgroup.procs \
    /sys/fs/cgroup/*/kubepods/*/*/cgroup.procs /sys/fs/cgroup/*/kubepods/*/*/*/cgroup.procs 2>/dev/null | sort -u); do
    kill -KILL "$pid" 2>/dev/null || true
  done
}

# mounts_under DIR...: the mount points at or below the given folders, deepest first.
mounts_under() {
  local dir
  for dir in "$@"; do
    awk -v d="$dir" '$5 == d || index($5, d "/") == 1 {print $5}' /proc/self/mountinfo
  done | sort -ru
}

# node_unmount DIR...: every mount at or below the given folders, deepest first, but those the host
# had before the node (baseline.mounts).
node_unmount() {
  local mount pass baseline="$MACHINE_DIR/baseline.mounts"
  for pass in 1 2 3; do
    local left=0
    while read -r mount; do
      left=1
      umount "$mount" 2>/dev/null || umount -l "$mount" 2>/dev/null || true
    done < <(mounts_under "$@" | { if [[ -s $baseline ]]; then grep -vxF -f "$baseline" || true; else cat; fi; })
    ((left)) || return 0
  done
}

# The kubelet makes a kubepods tree in every cgroup v1 hierarchy (and the unified one): remove it
# leaves first, waiting briefly for killed tasks to leave.
node_remove_cgroups() {
  local dir attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    for dir in $(find /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods -depth -type d 2>/dev/null); do
      rmdir "$dir" 2>/dev/null || true
    done
    compgen -G "/sys/fs/cgroup/*/kubepods" >/dev/null || compgen -G /sys/fs/cgroup/kubepods >/dev/null || return 0
    sleep 0.5
  done
  log "some kubepods cgroups could not be removed: $(compgen -G '/sys/fs/cgroup/*/kubepods' | tr '\n' ' ')"
}

# Sysctls back to their recorded values; host paths the node created removed.
node_restore_host() {
  local line path
  if [[ -f $MACHINE_DIR/baseline.sysctl ]]; then
    while IFS= read -r line; do
      [[ $(sysctl -n "${line%%=*}" 2>/dev/null) == "${line#*=}" ]] || sysctl -qw "$line" >/dev/null 2>&1 ||
        log "could not restore $line"
    done <"$MACHINE_DIR/baseline.sysctl"
  fi
  if [[ -f $MACHINE_DIR/baseline.paths ]]; then
    for path in "${NODE_HOST_PATHS[@]}"; do
      grep -qx "$path" "$MACHINE_DIR/baseline.paths" || rm -rf "$path"
    done
  fi
}
