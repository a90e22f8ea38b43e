#!/usr/bin/env bash
# scripts/build.sh PRESET [cmake options...]: configures (once) and builds build/PRESET with the
# configure and build presets of CMakePresets.json (dev, gcc-san, clang-tsan, release, bench,
# shared, fuzz). A NAME that is not a preset gets a plain Ninja build in build/NAME with the options
# given. Used by demo.sh, test.sh and fuzz.sh; handy on its own for a development build.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build

name=$1
shift
dir="build/$name"
preset=0
cmake --list-presets 2>/dev/null | grep -q "^  \"$name\"" && preset=1
if [ ! -f "$dir/build.ninja" ]; then
  if [ "$preset" -eq 1 ]; then
    configure=(cmake --preset "$name" "$@")
  else
    configure=(cmake -S . -B "$dir" -G Ninja "$@")
  fi
  "${configure[@]}" >"$dir.configure.log" 2>&1 || {
    cat "$dir.configure.log"
    exit 1
  }
fi
if [ "$preset" -eq 1 ]; then
  cmake --build --preset "$name" -j"$(nproc)"
else
  cmake --build "$dir" -j"$(nproc)"
fi
