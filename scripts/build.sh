#!/usr/bin/env bash
# scripts/build.sh NAME [cmake options...]: configures (once) and builds build/NAME with Ninja.
# Used by demo.sh and test.sh; handy on its own for a development build.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build

name=$1
shift
dir="build/$name"
if [ ! -f "$dir/build.ninja" ]; then
  cmake -S . -B "$dir" -G Ninja "$@" >"$dir.configure.log" 2>&1 || {
    cat "$dir.configure.log"
    exit 1
  }
fi
cmake --build "$dir" -j"$(nproc)"
