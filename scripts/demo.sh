#!/usr/bin/env bash
# The demo: installs what is missing, builds, starts the emulator over TLS on loopback and runs
# examples/quickstart.cpp (Imbrace) and examples/stream_run_progress.cpp (10ex) against it, then
# examples/log_attempts.cpp (the observer's log lines; it starts an emulator of its own).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
mkdir -p build
# FLOWSDK_DEMO_BUILD names an existing build directory to take the emulator and the quickstart
# from (CI reuses the one scripts/test.sh made); by default the release preset is built.
dir=${FLOWSDK_DEMO_BUILD:-release}
if [ "$dir" = release ]; then
  scripts/build.sh release
else
  cmake --build "build/$dir" --target flowsdk-emulator quickstart stream_run_progress log_attempts
fi

ca=build/demo-ca.pem
log=build/demo-emulator.log
"build/$dir/emulator/flowsdk-emulator" --port 0 --ca-out "$ca" --sync-timeout-ms 3000 >"$log" 2>&1 &
emulator=$!
trap 'kill "$emulator" 2>/dev/null || true; wait "$emulator" 2>/dev/null || true' EXIT

base_url=""
for _ in $(seq 1 100); do
  base_url=$(sed -n 's/^flowsdk-emulator listening on //p' "$log")
  [ -n "$base_url" ] && break
  kill -0 "$emulator" 2>/dev/null || { cat "$log"; echo "demo: the emulator exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$base_url" ] || { cat "$log"; echo "demo: the emulator did not start" >&2; exit 1; }

echo "demo: emulator at $base_url (CA: $ca)"
"build/$dir/examples/quickstart" --base-url "$base_url" --ca-file "$ca" --api-key api_emulator_key
"build/$dir/examples/stream_run_progress" --base-url "$base_url/api/v1/flows" --ca-file "$ca" \
  --api-key tnx_emu_alphasecret0001
"build/$dir/examples/log_attempts"
