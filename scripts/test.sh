#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test twice: with g++ and with clang,
# both under AddressSanitizer and UBSan. Examples and benchmarks are built too, so they cannot rot.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
mkdir -p build

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

for compiler in gcc clang; do
  case $compiler in
    gcc) cxx=g++ headers=OFF ;;
    clang) cxx=clang++ headers=ON ;;  # the one-header-per-TU compile test, in one build only
  esac
  echo "== $compiler: build (ASan + UBSan)"
  # -g1: line tables are all a sanitizer report needs, and they compile much faster than -g.
  scripts/build.sh "$compiler-san" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
    -DCMAKE_CXX_COMPILER="$cxx" -DFLOWSDK_SANITIZE=ON -DFLOWSDK_HEADER_TESTS="$headers"
  echo "== $compiler: test"
  ctest --test-dir "build/$compiler-san" --output-on-failure -j2 --timeout 300
done
