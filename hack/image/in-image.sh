#!/usr/bin/env bash
# Runs CMD as uid 65532 chrooted in an unpacked image, FS, with /dev, /proc and a fresh /tmp mounted
# (the caller runs this under unshare --mount: the mounts end with its namespace). Used for the AppCDS
# training runs and dumps of hack/lib/appcds.sh.
#
#   in-image.sh FS CMD...
set -euo pipefail
fs=$1
shift
mount --rbind /dev "$fs/dev"
mount -t proc proc "$fs/proc"
mount -t tmpfs tmpfs "$fs/tmp"
# The host's kubeconfig path means nothing inside the image, and must not shadow a pod's service account.
exec env -u KUBECONFIG chroot --userspec=65532:65532 "$fs" "$@"
