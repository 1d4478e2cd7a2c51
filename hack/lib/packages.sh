# Debian packages the real node needs, installed on first use so a fresh machine needs nothing by hand.
# shellcheck shell=bash

# ensure_packages PKG...: installs the packages dpkg does not know as installed.
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get to install them"
  log "installing Debian packages: ${missing[*]}"
  (
    flock 9
    apt-get update -qq >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  ) 9>/tmp/rustapp-operator-apt.lock || die "apt-get could not install ${missing[*]}"
}
