#!/usr/bin/env bash
# clang-tidy over the library and the emulator with .clang-tidy's checks, from a build's
# compile_commands.json (default build/gcc-san, made by scripts/test.sh) with its precompiled
# header left out (clang cannot read g++'s). Prints the findings; exits 1 if there are any.
# scripts/tidy.sh [BUILD [FILE...]]: only the files given, when there are any.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/gcc-san}
shift || true
db=$(mktemp -d)
trap 'rm -rf "$db"' EXIT
python3 - "$build/compile_commands.json" "$db/compile_commands.json" <<'PY'
import json, re, sys
entries = json.load(open(sys.argv[1]))
for e in entries:
    e["command"] = re.sub(r"-include \S+cmake_pch\.hxx|-Winvalid-pch|-Wno-mismatched-new-delete|-fsanitize\S*", "", e["command"])
json.dump(entries, open(sys.argv[2], "w"))
PY
if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files 'src/*.cpp' 'emulator/src/*.cpp' emulator/main.cpp)
fi
out="$db/findings.txt"
printf '%s\n' "${files[@]}" | xargs -P"$(nproc)" -n1 clang-tidy -p "$db" --quiet >"$out" 2>/dev/null || true
findings=$(grep -c ': warning: ' "$out" || true)
grep -A3 ': warning: ' "$out" || true
echo "tidy: $findings findings in ${#files[@]} files"
[ "$findings" = 0 ]
