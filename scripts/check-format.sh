#!/usr/bin/env bash
# Fails when a tracked C++ file differs from .clang-format's style; `--fix` rewrites them instead.
# Not the CMake templates (*.in): clang-format would split their @VARIABLES@.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
if [ "${1:-}" = --fix ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/flowsdk-format.log; then
  grep -o '^[^:]*' /tmp/flowsdk-format.log | sort -u | sed 's/^/not formatted: /' >&2
  echo "check-format: run scripts/check-format.sh --fix (clang-format $(clang-format --version | grep -o '[0-9][0-9.]*' | head -1))" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files follow .clang-format"
