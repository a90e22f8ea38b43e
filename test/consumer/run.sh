#!/usr/bin/env bash
# test/consumer/run.sh [--build DIR] [--work DIR] [--keep]: flowsdk as a user takes it.
#  1. installs the release build DIR (default build/release, made with `cmake --preset release`
#     when missing) to a temporary prefix;
#  2. builds test/consumer/find_package (find_package, the README's five lines), the same
#     program through pkg-config, test/consumer/add_subdirectory, test/consumer/fetch_content and
#     test/consumer/testing (find_package COMPONENTS testing: a user's GoogleTest file);
#  3. runs the testing consumer's tests (a fake network and an in-process emulator), starts the
#     installed flowsdk-emulator and runs every other consumer binary and the README sample
#     (examples/readme_sample.cpp, checked equal to the README's first code block) against it;
#  4. prints the install tree.
# WORK (default: a fresh mktemp directory, removed at the end unless --keep) holds the prefix and
# the consumer builds. Exits non-zero at the first failure. See docs/cmake.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

build=build/release
work=""
keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h | --help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "consumer: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$work" ]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/flowsdk-consumer.XXXXXX")
else
  rm -rf "$work" && mkdir -p "$work"
fi
prefix="$work/prefix"
emulator=""
cleanup() {
  [ -z "$emulator" ] || { kill "$emulator" 2>/dev/null || true; wait "$emulator" 2>/dev/null || true; }
  [ "$keep" -eq 1 ] || rm -rf "$work"
}
trap cleanup EXIT
step() { echo "== consumer: $*"; }
# Runs a configure or build quietly; prints its log when it fails.
quiet() {
  local log=$1
  shift
  "$@" >"$log" 2>&1 || { cat "$log"; echo "consumer: failed: $*" >&2; exit 1; }
}

step "README sample equals examples/readme_sample.cpp"
# The README's first ```cpp block, fences left out.
awk '/^```cpp$/ && !done {inside=1; next} inside && /^```$/ {inside=0; done=1} inside' README.md >"$work/readme_block.cpp"
diff -u examples/readme_sample.cpp "$work/readme_block.cpp" ||
  { echo "consumer: README.md's first code block differs from examples/readme_sample.cpp" >&2; exit 1; }

step "release build ($build)"
if [ ! -f "$build/build.ninja" ]; then
  quiet "$work/release-configure.log" cmake --preset release
fi
quiet "$work/release-build.log" cmake --build "$build" --target flowsdk flowsdk-emulator flowsdk_testing readme_sample -j2

step "install to $prefix"
quiet "$work/install.log" cmake --install "$build" --prefix "$prefix"

step "find_package consumer"
quiet "$work/fp-configure.log" cmake -S test/consumer/find_package -B "$work/find_package" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix"
quiet "$work/fp-build.log" cmake --build "$work/find_package" -j2

step "testing kit consumer (find_package COMPONENTS testing)"
quiet "$work/kit-configure.log" cmake -S test/consumer/testing -B "$work/testing" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix"
quiet "$work/kit-build.log" cmake --build "$work/testing" -j2
"$work/testing/consumer_tests" --gtest_brief=1 || { echo "consumer: the testing kit consumer failed" >&2; exit 1; }

step "pkg-config consumer"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
pc_flags=$(pkg-config --cflags --libs flowsdk)
echo "pkg-config --cflags --libs flowsdk: $pc_flags"
# shellcheck disable=SC2086 # the flags are words
quiet "$work/pc-build.log" g++ -O1 test/consumer/find_package/main.cpp -o "$work/consumer_pc" $pc_flags

step "add_subdirectory consumer (flowsdk with its default options: the library only)"
quiet "$work/sub-configure.log" cmake -S test/consumer/add_subdirectory -B "$work/add_subdirectory" -G Ninja \
  -DFLOWSDK_SOURCE_DIR="$root"
if cmake --build "$work/add_subdirectory" --target help | grep -qE 'flowsdk-emulator|unit_tests|quickstart'; then
  echo "consumer: add_subdirectory defines targets beyond the library" >&2
  exit 1
fi
quiet "$work/sub-build.log" cmake --build "$work/add_subdirectory" -j2
echo "built $(grep -c 'Building CXX' "$work/sub-build.log") translation units"

step "FetchContent consumer"
fc_args=(-DFLOWSDK_SOURCE_DIR="$root")
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1 && [ -z "$(git -C "$root" status --porcelain)" ]; then
  fc_args+=(-DFLOWSDK_GIT_URL="file://$root" -DFLOWSDK_GIT_TAG="$(git -C "$root" rev-parse HEAD)")
  echo "from file://$root"
else
  echo "from the source tree (the checkout has uncommitted changes, which a git URL would miss)"
fi
quiet "$work/fc-configure.log" cmake -S test/consumer/fetch_content -B "$work/fetch_content" -G Ninja "${fc_args[@]}"
quiet "$work/fc-build.log" cmake --build "$work/fetch_content" -j2

step "the installed emulator"
log="$work/emulator.log"
ca="$work/ca.pem"
"$prefix/bin/flowsdk-emulator" --port 0 --ca-out "$ca" >"$log" 2>&1 &
emulator=$!
base_url=""
for _ in $(seq 1 100); do
  base_url=$(sed -n 's/^flowsdk-emulator listening on //p' "$log")
  [ -n "$base_url" ] && break
  kill -0 "$emulator" 2>/dev/null || { cat "$log"; echo "consumer: the emulator exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$base_url" ] || { cat "$log"; echo "consumer: the emulator did not start" >&2; exit 1; }
echo "emulator at $base_url"

key=api_emulator_key
run() {
  echo "\$ $(basename "$1")"
  "$@" || { echo "consumer: $1 failed" >&2; exit 1; }
}
run "$work/find_package/consumer" "$base_url" "$ca" "$key"
run "$work/consumer_pc" "$base_url" "$ca" "$key"
run "$work/add_subdirectory/consumer" "$base_url" "$ca" "$key"
run "$work/add_subdirectory/consumer_asio" "$base_url" "$ca" "$key"
run "$work/fetch_content/consumer_asio" "$base_url" "$ca" "$key"

step "README sample"
status=0
env -u IMBRACE_API_KEY "$build/examples/readme_sample" 2>"$work/sample.err" || status=$?
if [ "$status" -ne 2 ] || ! grep -q IMBRACE_API_KEY "$work/sample.err"; then
  echo "consumer: readme_sample without IMBRACE_API_KEY exited $status: $(cat "$work/sample.err")" >&2
  exit 1
fi
echo "without IMBRACE_API_KEY: exit 2, $(cat "$work/sample.err")"
IMBRACE_API_KEY=wrong_key IMBRACE_GATEWAY_URL="$base_url" FLOWSDK_CA_FILE="$ca" "$build/examples/readme_sample" \
  2>"$work/sample.err" && status=0 || status=$?
if [ "$status" -ne 1 ] || ! grep -q "report failed" "$work/sample.err"; then
  echo "consumer: readme_sample with a wrong key exited $status: $(cat "$work/sample.err")" >&2
  exit 1
fi
echo "with a wrong key: exit 1, $(cat "$work/sample.err")"
IMBRACE_API_KEY=$key IMBRACE_GATEWAY_URL="$base_url" FLOWSDK_CA_FILE="$ca" run "$build/examples/readme_sample"

step "install tree"
(cd "$work" && find prefix -type f | sort)
step "all passed"
