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

# The presets (CMakePresets.json) hold each build's options: gcc-san is g++ with ASan + UBSan,
# clang-tsan is clang with TSan + UBSan and the one-header-per-TU compile test (one build only);
# both Debug with -g1, line tables being all a sanitizer report needs, and much faster than -g.
for name in gcc-san clang-tsan; do
  case $name in
    gcc-san) what="g++, ASan + UBSan" ;;
    clang-tsan) what="clang, TSan + UBSan" ;;
  esac
  echo "== $name: build ($what)"
  scripts/build.sh "$name"
  echo "== $name: test ($what)"
  ctest --preset "$name"
done
