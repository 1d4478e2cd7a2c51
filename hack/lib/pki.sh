# Certificates for the local control plane, made with openssl (no cfssl download needed).
# shellcheck shell=bash

# pki_init DIR: a cluster CA, the apiserver serving cert, client certs and the service-account key.
pki_init() {
  local dir=$1
  mkdir -p "$dir"
  (
    cd "$dir" || exit 1
    openssl ecparam -name prime256v1 -genkey -noout -out ca.key.ec 2>/dev/null
    openssl pkcs8 -topk8 -nocrypt -in ca.key.ec -out ca.key && rm -f ca.key.ec
    openssl req -x509 -new -key ca.key -sha256 -days 3650 -subj "/CN=rustapp-local-ca" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -out ca.crt 2>/dev/null
    pki_leaf apiserver "/CN=kube-apiserver" serverAuth \
      "DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:10.96.0.1,IP:10.88.0.1"
    pki_leaf admin "/O=system:masters/CN=rustapp-admin" clientAuth
    pki_leaf controller-manager "/CN=system:kube-controller-manager" clientAuth
    pki_leaf scheduler "/CN=system:kube-scheduler" clientAuth
    pki_leaf kwok "/O=system:masters/CN=kwok-controller" clientAuth
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  ) || return 1
}

# pki_leaf NAME SUBJECT USAGE [SANS]: a key and a certificate signed by ca.crt, in the current dir.
pki_leaf() {
  local name=$1 subject=$2 usage=$3 sans=${4:-}
  local ext="basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=$usage"
  [[ -n $sans ]] && ext="$ext
subjectAltName=$sans"
  # RSA for client keys: Java clients (fabric8 without BouncyCastle) read only RSA keys in kubeconfigs.
  if [[ $usage == clientAuth ]]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$name.key" 2>/dev/null
  else
    openssl ecparam -name prime256v1 -genkey -noout -out "$name.key.ec" 2>/dev/null
    openssl pkcs8 -topk8 -nocrypt -in "$name.key.ec" -out "$name.key" && rm -f "$name.key.ec"
  fi
  openssl req -new -key "$name.key" -subj "$subject" -out "$name.csr" 2>/dev/null
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 -sha256 \
    -extfile <(printf '%s\n' "$ext") -out "$name.crt" 2>/dev/null
  rm -f "$name.csr"
}

# pki_kubeconfig DIR USER SERVER: a kubeconfig with the certs embedded, so it can be copied anywhere.
pki_kubeconfig() {
  local dir=$1 user=$2 server=$3
  cat <<YAML
apiVersion: v1
kind: Config
clusters:
- name: rustapp-local
  cluster:
    server: $server
    certificate-authority-data: $(base64 -w0 <"$dir/ca.crt")
users:
- name: $user
  user:
    client-certificate-data: $(base64 -w0 <"$dir/$user.crt")
    client-key-data: $(base64 -w0 <"$dir/$user.key")
contexts:
- name: rustapp-local
  context:
    cluster: rustapp-local
    user: $user
current-context: rustapp-local
YAML
}
