# Images of single static binaries, pushed with crane (sourced; callers set CRANE_DIR, and IMAGES_LOG
# or DIR for the log).
# shellcheck shell=bash

# push_binary_image BINARY REF ENTRYPOINT: an image of one static binary, run as uid 65532.
push_binary_image() {
  local binary=$1 ref=$2 entry=$3 layer
  layer=$(mktemp -d)
  install -D -m 0755 "$binary" "$layer/root$entry"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$layer/root" -cf "$layer/layer.tar" .
  {
    "$CRANE_DIR/crane" append --insecure --oci-empty-base -f "$layer/layer.tar" -t "$ref" &&
      "$CRANE_DIR/crane" mutate --insecure --set-platform linux/amd64 --entrypoint "$entry" --user 65532:65532 -t "$ref" "$ref"
  } >>"${IMAGES_LOG:-$DIR/logs/images.log}" 2>&1
  local rc=$?
  rm -rf "$layer"
  return $rc
}
