#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test twice: with g++ under
# AddressSanitizer and UBSan, and with clang under ThreadSanitizer and UBSan. Examples and
# benchmarks are built too, so they cannot rot.
#
# Why not a third build (clang with ASan): on the 2-core CI machine each full build takes about
# ten minutes, and the two sanitizers that matter most each get one compiler; both compilers
# still build every file warning-free.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
mkdir -p build

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# No suppressions: every report fails the run.
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"

for compiler in gcc clang; do
  case $compiler in
    gcc) cxx=g++ sanitizer=(-DFLOWSDK_SANITIZE=ON) headers=OFF name=gcc-san what="ASan + UBSan" ;;
    # The one-header-per-TU compile test runs in one build only.
    clang) cxx=clang++ sanitizer=(-DFLOWSDK_TSAN=ON) headers=ON name=clang-tsan what="TSan + UBSan" ;;
  esac
  echo "== $compiler: build ($what)"
  # -g1: line tables are all a sanitizer report needs, and they compile much faster than -g.
  scripts/build.sh "$name" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
    -DCMAKE_CXX_COMPILER="$cxx" "${sanitizer[@]}" -DFLOWSDK_HEADER_TESTS="$headers"
  echo "== $compiler: test ($what)"
  ctest --test-dir "build/$name" --output-on-failure -j2 --timeout 300
done
