# Fixed facts of the real node. One real node runs per machine (a lock), so names, addresses and the
# machine-wide state folder can be fixed; everything of one run lives in the cluster's folder.
# shellcheck shell=bash

NODE_NAME=rustapp-node
# The pre-stop checks of this project look for cni0 by name: it is the usual CNI bridge name.
BRIDGE=cni0
NODE_IP=10.88.0.1
POD_CIDR=10.88.0.0/16
SERVICE_CIDR=10.96.0.0/16
# The registry name pods and users push to; loopback only. One node per machine, so a fixed port.
REGISTRY_PORT="${RUSTAPP_REGISTRY_PORT:-5001}"
REGISTRY="localhost:$REGISTRY_PORT"
PAUSE_IMAGE="$REGISTRY/rustapp/pause:1"

# Debian packages of the node: iptables and conntrack for kube-proxy, nft for the cleanup of the tables
# iptables-nft creates, libseccomp-dev for building runc with seccomp, ca-certificates for the CA bundle
# rustapp-build puts in Rust images.
NODE_PACKAGES=(iptables conntrack nftables libseccomp-dev ca-certificates)

# Short paths for sockets (a unix socket path must stay under 108 bytes), the record of the running
# node (so a cleanup finds it even after kill -9) and the baseline of what the node changes.
MACHINE_DIR=/run/rustapp-operator
NODE_RECORD="$MACHINE_DIR/node.env"
CONTAINERD_STATE="$MACHINE_DIR/containerd"
CONTAINERD_SOCKET="$CONTAINERD_STATE/containerd.sock"
RUNC_ROOT="$MACHINE_DIR/runc"
NODE_LOCK=/run/lock/rustapp-operator-node.lock
GUARD_COMMENT=rustapp-operator-egress-guard

# Settings the kubelet and the CNI bridge change on the host; the cleanup puts them back.
NODE_SYSCTLS=(vm.overcommit_memory vm.panic_on_oom kernel.panic kernel.panic_on_oops kernel.keys.root_maxkeys
  kernel.keys.root_maxbytes net.ipv4.ip_forward net.ipv4.conf.all.forwarding net.ipv4.conf.all.route_localnet
  net.bridge.bridge-nf-call-iptables net.netfilter.nf_conntrack_max)
# Where the node mounts on the host: its pods' network namespaces, the kubelet's volumes. The cleanup
# unmounts what the node mounted there and keeps what was mounted before (a host's own `ip netns`).
NODE_HOST_MOUNTS=(/var/lib/kubelet /run/netns)
# Host paths the kubelet or containerd create whatever their configured roots; removed when new.
NODE_HOST_PATHS=(/var/lib/kubelet /var/log/containers /var/log/pods /var/lib/cni /etc/cni /opt/cni /run/containerd
  /var/lib/containerd /run/netns /etc/kubernetes /run/runc)
