# AppCDS archives for the images hack/images.sh builds (sourced; needs tools.sh for log and die).
#
# appcds_archive PROGRAM IMAGE_TAR OUT_DIR
#   Unpacks the program's image (built by Jib without the archive), runs the program there as uid
#   65532 in a chroot with a private network namespace (loopback only: nothing leaves the machine)
#   with its training arguments (hack/image/training/PROGRAM) as hack/image/train.sh drives it,
#   records the classes it loads, and dumps them into OUT_DIR/app.jsa for the image's
#   /app/cds/app.jsa.
#
# JDK 17's -Xshare:dump is not byte-for-byte deterministic (later JDKs are), so an archive is kept
# in the cache under a hash of everything it depends on (the image's files, the training's
# arguments, script and objects) and reused: the same inputs give the same archive, hence the same
# image digest.

APPCDS_CACHE="$CACHE_DIR/appcds"
TRAINING_DIR="$REPO_ROOT/hack/image/training"

appcds_archive() {
  local program=$1 image_tar=$2 out=$3 root key
  root=$(mktemp -d)
  chmod 0755 "$root"
  python3 "$REPO_ROOT/hack/image/unpack-image.py" "$image_tar" "$root/fs" || { rm -rf "$root"; return 1; }
  key=$( { (cd "$root/fs" && find . -type f -print0 | sort -z | xargs -0 sha256sum); stat -c '%n %s %Y' "$root"/fs/app/*/*.jar |
    sed "s|$root||"; sha256sum "$TRAINING_DIR"/* "$REPO_ROOT"/hack/image/train.sh "$REPO_ROOT"/chart/crds/* "$REPO_ROOT"/hack/samples/50-policy.yaml |
    sed "s|$REPO_ROOT/||"; } |
    sha256sum | cut -c1-32)
  mkdir -p "$out"
  if [[ -f $APPCDS_CACHE/$program-$key/app.jsa ]]; then
    cp "$APPCDS_CACHE/$program-$key/app.jsa" "$out/app.jsa"
    rm -rf "$root"
    return 0
  fi
  install -d -o 65532 -g 65532 "$root/fs/app/cds"
  mkdir -p "$root/fs/proc" "$root/fs/dev"
  if [[ $program == webhook ]]; then
    install -d -o 65532 "$root/fs/app/cds/train"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
      -addext subjectAltName=IP:127.0.0.1 -keyout "$root/fs/app/cds/train/tls.key" -out "$root/fs/app/cds/train/tls.crt" 2>/dev/null
    chown 65532 "$root"/fs/app/cds/train/*
  fi
  local args=() java=(/opt/java/bin/java -cp @/app/jib-classpath-file "$(cat "$root/fs/app/jib-main-class-file")")
  mapfile -t args < <(grep -v '^#' "$TRAINING_DIR/$program")
  # A training against a control plane of its own (hack/image/train.sh) needs its binaries built out
  # here: the training's namespace has no network.
  [[ -f $TRAINING_DIR/$program-cluster.yaml ]] && { tool_dir etcd >/dev/null; tool_dir kube >/dev/null; }
  unshare --mount --net --fork bash "$REPO_ROOT/hack/image/train.sh" "$program" "$root" \
    "${java[0]}" -XX:DumpLoadedClassList=/app/cds/classes.lst "${java[@]:1}" "${args[@]}" ||
    { tail -20 "$root/training.log" >&2; rm -rf "$root"; die "the $program training run failed"; }
  [[ -s $root/fs/app/cds/classes.lst ]] || { tail -20 "$root/training.log" >&2; rm -rf "$root"; die "the $program training run loaded no classes"; }
  unshare --mount --net --fork bash "$REPO_ROOT/hack/image/in-image.sh" "$root/fs" \
    "${java[0]}" -Xshare:dump -XX:SharedClassListFile=/app/cds/classes.lst -XX:SharedArchiveFile=/app/cds/app.jsa \
    -cp @/app/jib-classpath-file >"$root/dump.log" 2>&1 ||
    { tail -20 "$root/dump.log" >&2; rm -rf "$root"; die "the $program AppCDS dump failed"; }
  log "$program: AppCDS archive of $(grep -vc '^#' "$root/fs/app/cds/classes.lst") classes, $(($(stat -c %s "$root/fs/app/cds/app.jsa") / 1048576)) MiB"
  mkdir -p "$APPCDS_CACHE/$program-$key"
  cp "$root/fs/app/cds/app.jsa" "$APPCDS_CACHE/$program-$key/app.jsa"
  cp "$root/fs/app/cds/app.jsa" "$out/app.jsa"
  rm -rf "$root"
}
