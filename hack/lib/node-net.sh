# The real node's host network: the bridge pods live on, the route that keeps service addresses on it,
# the guard that keeps pod traffic on the machine, and their removal.
# shellcheck shell=bash

net_up() {
  ip link add "$BRIDGE" type bridge &&
    ip addr add "${NODE_IP}/${POD_CIDR#*/}" dev "$BRIDGE" &&
    ip link set "$BRIDGE" up || return 1
  # Service addresses route to the bridge, never to the uplink, even before kube-proxy has rules.
  ip route add "$SERVICE_CIDR" dev "$BRIDGE" || return 1
  # Nothing a pod sends may be forwarded off the bridge: no masquerade, and this drop. In mangle,
  # because kube-proxy's filter-table jumps come before any filter rule.
  iptables -w -t mangle -A FORWARD -i "$BRIDGE" ! -o "$BRIDGE" -m comment --comment "$GUARD_COMMENT" -j DROP
}

net_down() {
  local link
  for link in $(ip -o link show master "$BRIDGE" 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do
    ip link del "$link" 2>/dev/null || true
  done
  ip link del "$BRIDGE" 2>/dev/null || true
  ip route del "$SERVICE_CIDR" 2>/dev/null || true
  local family
  for family in iptables ip6tables; do net_drop_chains "$family"; done
  net_drop_new_tables
}

# net_drop_chains iptables|ip6tables: removes kube-proxy's and the CNI plugins' chains, the rules that
# jump to them and the egress guard, keeping every other rule of the host as it stands now.
net_drop_chains() {
  local family=$1 table dump
  command -v "$family-save" >/dev/null || return 0
  for table in filter nat mangle raw; do
    dump=$("$family-save" -t "$table" 2>/dev/null) || continue
    grep -qE 'KUBE-|CNI-|'"$GUARD_COMMENT" <<<"$dump" || continue
    grep -vE '^:(KUBE-|CNI-)|^-A (KUBE-|CNI-)|-j (KUBE-|CNI-)|'"$GUARD_COMMENT" <<<"$dump" |
      "$family-restore" -w || log "could not restore the $family $table table without the node's chains"
  done
}

# net_drop_new_tables: nft tables that did not exist before the node and hold no rule now (the
# iptables-nft tables its rules created), and kube-proxy's own.
net_drop_new_tables() {
  command -v nft >/dev/null || return 0
  local family name
  while read -r _ family name; do
    [[ -n $name ]] || continue
    grep -qx "table $family $name" "$MACHINE_DIR/baseline.nft" 2>/dev/null && continue
    if [[ $name == kube-proxy ]] || ! nft list table "$family" "$name" 2>/dev/null | grep -qvE '^\s*(table |chain |type |\}|$)'; then
      nft delete table "$family" "$name" 2>/dev/null || true
    fi
  done < <(nft list tables 2>/dev/null)
}
