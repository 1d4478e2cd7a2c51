# Background processes with pid files: each runs in its own session so stopping it ends its children.
# shellcheck shell=bash
# Callers set PROC_DIR (pids/ and logs/ live there).

pid_of() { cat "$PROC_DIR/pids/$1" 2>/dev/null || true; }
alive() { local p; p=$(pid_of "$1"); [[ -n $p ]] && kill -0 "$p" 2>/dev/null; }

# launch NAME CMD...: runs CMD in the background, output to logs/NAME.log.
launch() {
  local name=$1; shift
  mkdir -p "$PROC_DIR/pids" "$PROC_DIR/logs"
  setsid "$@" >"$PROC_DIR/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$PROC_DIR/pids/$name"
}

# halt NAME: SIGTERM, up to 10 s of grace, then SIGKILL.
halt() {
  local name=$1 p
  p=$(pid_of "$name")
  [[ -z $p ]] && return 0
  kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$p" 2>/dev/null || true
  kill -KILL "$p" 2>/dev/null || true
  rm -f "$PROC_DIR/pids/$name"
}

# halt_all NAME...: halt for several at once (SIGTERM to all, one shared grace period, SIGKILL).
halt_all() {
  local name p pids=()
  for name in "$@"; do
    p=$(pid_of "$name")
    [[ -z $p ]] && continue
    pids+=("$p")
    kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true
  done
  for _ in $(seq 1 40); do
    local alive=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.25
  done
  for p in "${pids[@]}"; do kill -KILL -- "-$p" 2>/dev/null || true; kill -KILL "$p" 2>/dev/null || true; done
  for name in "$@"; do rm -f "$PROC_DIR/pids/$name"; done
}
