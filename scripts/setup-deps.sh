#!/usr/bin/env bash
# Installs the Debian 12 packages flowsdk needs to build, test and run its demo (tinyproxy: the
# real proxy the proxy tests start, test/support/tinyproxy.hpp).
# Does nothing when they are all present.
#   --bench  also what benchmarks/against_nginx.sh uses: nginx-light, wrk, valgrind (callgrind)
set -euo pipefail

packages=(
  g++ clang libclang-rt-14-dev lld cmake ninja-build
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev openssl ca-certificates
  libgtest-dev libgmock-dev libbenchmark-dev
  tinyproxy
)
for arg in "$@"; do
  case "$arg" in
    --bench) packages+=(nginx-light wrk valgrind) ;;
    *)
      echo "usage: setup-deps.sh [--bench]" >&2
      exit 2
      ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
