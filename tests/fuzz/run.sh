#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer + UBSan) and runs each
# for a fixed time or number of executions over its seed corpus in
# tests/fuzz/corpus/<target>/. New inputs go to BUILD/fuzz-corpus/<target>/,
# crashes to BUILD/fuzz-findings/; the repository's corpora are never written.
#   usage: tests/fuzz/run.sh [--seconds S | --runs N] [--build DIR] [TARGET...]
#   default: 20 seconds per target, build folder build-asan, every target.
# Exit status 1 when a target found a crash, a leak, a hang or an uncaught exception.
set -euo pipefail
cd "$(dirname "$0")/../.."
limit=(-max_total_time=20)
build=build-asan
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) limit=(-max_total_time="$2"); shift 2 ;;
    --runs) limit=(-runs="$2"); shift 2 ;;
    --build) build="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(scenario sweep idx libsvm edge_list)

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCOMMSIM_SANITIZE=ON -DCOMMSIM_FUZZ=ON
fi
cmake --build "$build" --target "${targets[@]/%/_fuzz}"

mkdir -p "$build/fuzz-findings"
status=0
printf '%-10s %12s %9s  %s\n' target executions seconds result
for target in "${targets[@]}"; do
  corpus="$build/fuzz-corpus/$target"
  mkdir -p "$corpus"
  dictionary=()
  case "$target" in scenario|sweep) dictionary=(-dict=tests/fuzz/scenario.dict) ;; esac
  log="$build/fuzz-findings/$target.log"
  start=$(date +%s)
  # -timeout: one input may take 10 s; -rss_limit_mb: 2 GB in all, -malloc_limit_mb: 1 GB at once.
  if "$build/tests/fuzz/${target}_fuzz" "${limit[@]}" "${dictionary[@]}" -timeout=10 -rss_limit_mb=2048 \
       -malloc_limit_mb=1024 -print_final_stats=1 -artifact_prefix="$build/fuzz-findings/$target-" \
       "$corpus" "tests/fuzz/corpus/$target" >"$log" 2>&1; then
    result=ok
  else
    result="FINDING (see $log)"
    status=1
  fi
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  printf '%-10s %12s %9s  %s\n' "$target" "${executions:-?}" "$(($(date +%s) - start))" "$result"
done
exit $status
