#!/usr/bin/env bash
# scripts/fuzz.sh [--ci] [--seconds N] [target...] [-- libFuzzer flags]: builds the libFuzzer
# targets (build/fuzz, clang, ASan + UBSan) and runs each for N seconds (default 600; --ci: 6, built
# at -O0 in build/fuzz-ci) on a working copy of its seed corpus (test/fuzz/corpus/<target>/ -> <build>/corpus/<target>/).
# Prints runs, coverage and findings per target; exits 1 if any target found a crash, leak,
# timeout or broken invariant, with the reproducer's path. All targets unless named; flags after
# "--" go to every target (e.g. -- -fork=1 -ignore_crashes=1 to go on past a known finding).
# See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(sse_parser_fuzz decode_fuzz retry_after_fuzz url_fuzz redact_fuzz)
seconds=600
preset=fuzz
targets=()
extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --) shift; extra=("$@"); break ;;
    --ci) seconds=6; preset=fuzz-ci; shift ;;
    --seconds) seconds=$2; shift 2 ;;
    -h | --help) sed -n '2,8s/^# \{0,1\}//p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")

# Longest input worth trying per target: a few events, a model document, a header pair, a URL
# with a route, a body a little past error_details::body_excerpt_limit (2048).
max_len_of() {
  case $1 in
    sse_parser_fuzz) echo 8192 ;;
    decode_fuzz) echo 8192 ;;
    retry_after_fuzz) echo 160 ;;
    url_fuzz) echo 1024 ;;
    redact_fuzz) echo 3072 ;;
    *) echo "fuzz.sh: unknown target $1" >&2; exit 2 ;;
  esac
}
for t in "${targets[@]}"; do max_len_of "$t" >/dev/null; done

# The fuzz preset (CMakePresets.json): clang, only the library and the targets, -O1 -g1 (fast
# enough to fuzz, line tables for the reports, quicker to compile than -O2 -g). --ci builds the
# fuzz-ci preset instead, at -O0: a few seconds of fuzzing do not repay the optimiser's build time.
build="build/$preset"
echo "== fuzz: build ($build)"
scripts/build.sh "$preset"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

failed=()
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  findings="$build/findings/$t"
  log="$build/logs/$t.log"
  mkdir -p "$corpus" "$findings" "$(dirname "$log")"
  cp -n test/fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null || true
  echo "== fuzz: $t for ${seconds}s (log: $log)"
  before=$(ls "$findings")
  status=0
  "$build/test/fuzz/$t" -max_total_time="$seconds" -max_len="$(max_len_of "$t")" -timeout=25 \
    -print_final_stats=1 -artifact_prefix="$findings/" "${extra[@]}" "$corpus" >"$log" 2>&1 || status=$?

  # libFuzzer's last status line: "#123456 DONE cov: 812 ft: 3021 corp: 190/24Kb ..."
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  runs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' || true)
  [ -n "$runs" ] || runs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$last")
  cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || echo "?")
  ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || echo "?")
  corp=$(grep -oE 'corp: [0-9]+(/[0-9]+[a-zA-Z]*)?' <<<"$last" | cut -d' ' -f2 || true)
  files=$(find "$corpus" -type f | wc -l)
  # A reproducer is any file this run left in the findings directory (fork mode names no path).
  reproducer=$(comm -13 <(echo "$before") <(ls "$findings") | sed "s|^|$findings/|" | tr '\n' ' ')
  if [ "$status" -eq 0 ] && [ -z "$reproducer" ]; then
    echo "$t: ${runs:-?} runs, cov $cov, ft $ft, corpus ${corp:-?} (inputs/size; $files files), no findings"
  else
    failed+=("$t")
    echo "$t: ${runs:-?} runs, cov $cov, ft $ft, corpus ${corp:-?} (inputs/size; $files files): FOUND A PROBLEM (exit $status)"
    # The report's headline and the stack frames in this repository's code.
    grep -E "ERROR: |SUMMARY: |invariant violated|runtime error|#[0-9]+ 0x[0-9a-f]+ in .* $PWD/(src|include|test)/" "$log" |
      head -n 30 || true
    echo "$t: reproducer: ${reproducer:-none written, see $log}"
    [ -z "$reproducer" ] || echo "$t: replay with: $build/test/fuzz/$t <reproducer>"
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "== fuzz: findings in ${failed[*]}"
  exit 1
fi
echo "== fuzz: no findings"
