#!/usr/bin/env bash
# benchmarks/smoke.sh [--build DIR]: runs every benchmark of a build (default build/bench) for a
# few hundred requests against the in-process emulator, then benchmarks/against_nginx.sh --quick
# when nginx and wrk are installed. Checks that they work, not how fast: no timing is asserted.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(dirname "$here")/build/bench"
[ "${1:-}" = --build ] && build="$(cd "$2" && pwd)"

step() {
  echo "smoke: $*"
  "$@" >/tmp/flowsdk-bench-smoke.log 2>&1 || {
    cat /tmp/flowsdk-bench-smoke.log >&2
    echo "smoke: failed: $*" >&2
    exit 1
  }
}
# The runs themselves are the bench-smoke tests of benchmarks/CMakeLists.txt: one list.
step ctest --test-dir "$build" -L bench-smoke --output-on-failure
if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then
  if command -v wrk >/dev/null; then
    step "$here/against_nginx.sh" --build "$build" --quick
  else
    echo "smoke: no wrk, against_nginx.sh skipped"
  fi
else
  echo "smoke: no nginx, against_nginx.sh skipped"
fi
echo "smoke: all benchmarks ran"
