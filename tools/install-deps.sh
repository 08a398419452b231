#!/usr/bin/env bash
# Installs the Debian packages kiln needs to build and test, and nothing else.
# Idempotent: packages already present are skipped; waits for the apt lock.
# Usage: tools/install-deps.sh [--with-torch]
#   --with-torch  also installs Debian's PyTorch and numpy (only needed to
#                 regenerate golden test data, never to build or test kiln).
set -euo pipefail

packages=(
  cmake make ninja-build g++ pkg-config
  llvm-19-dev llvm-19-tools lld-19 libzstd-dev zlib1g-dev libedit-dev libxml2-dev libffi-dev libcurl4-openssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  graphviz
)
if [[ "${1:-}" == "--with-torch" ]]; then
  packages+=(python3-torch python3-numpy)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get -o DPkg::Lock::Timeout=300 update -qq
$sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}"
