#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, into build-fuzz/) if needed and runs each for SECONDS from
# the seed corpus (fuzz/seed.sh) and the regression inputs (tests/fuzz-regressions/). Prints the
# executions of each target; exits non-zero when any target finds a crash, a leak, a timeout or
# runs out of memory, with the input saved under build-fuzz/fuzz-artifacts/TARGET/.
#
#   fuzz/run.sh SECONDS [TARGET...]     TARGET: groq_parse, groq_eval, policy_load, live_state,
#                                       plan_file (or fuzz_groq_parse, ...); default: all
#
# Environment: ROLEC_FUZZ_BUILD (build folder, default build-fuzz), CXX_FUZZ (the clang++ to
# use), FUZZ_FLAGS (more libFuzzer flags, such as -jobs=2 or -seed=1).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
all=(groq_parse groq_eval policy_load live_state plan_file)
if [ $# -eq 0 ]; then set -- "${all[@]}"; fi
targets=()
for t in "$@"; do
  t=${t#fuzz_}
  case " ${all[*]} " in *" $t "*) targets+=("$t") ;; *) echo "run.sh: unknown target $t (${all[*]})" >&2; exit 3 ;; esac
done

# Largest input per target: a long query, a query with a document, a policy, a live state, a plan.
declare -A max_len=([groq_parse]=4096 [groq_eval]=8192 [policy_load]=16384 [live_state]=16384 [plan_file]=32768)
declare -A dict=([groq_parse]=groq [groq_eval]=groq [policy_load]=toml [live_state]=json [plan_file]=json)

build=${ROLEC_FUZZ_BUILD:-build-fuzz}
if [ ! -f "$build/CMakeCache.txt" ]; then
  cxx=${CXX_FUZZ:-}
  if [ -z "$cxx" ]; then
    for candidate in clang++-14 clang++; do
      if command -v "$candidate" >/dev/null; then cxx=$candidate; break; fi
    done
  fi
  if [ -z "$cxx" ]; then echo "run.sh: no clang++ (tools/install-deps installs clang-14)" >&2; exit 3; fi
  cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DROLEC_FUZZ=ON \
        -DROLEC_BUILD_TESTS=OFF
fi
cmake --build "$build" --target rolec "${targets[@]/#/fuzz_}"

seeds=$build/fuzz-seeds
ROLEC=$build/rolec fuzz/seed.sh "$seeds" >/dev/null

export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
failed=()
for t in "${targets[@]}"; do
  corpus=$build/fuzz-corpus/$t
  artifacts=$build/fuzz-artifacts/$t
  log=$build/fuzz-logs/$t.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  read_only=("$seeds/fuzz_$t")
  if [ -d "tests/fuzz-regressions/fuzz_$t" ]; then read_only+=("tests/fuzz-regressions/fuzz_$t"); fi
  status=0
  # New inputs go to the first folder (kept between runs); the others are only read.
  # shellcheck disable=SC2086
  "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="${max_len[$t]}" \
      -dict="fuzz/dict/${dict[$t]}.dict" -print_final_stats=1 -artifact_prefix="$artifacts/" ${FUZZ_FLAGS:-} \
      "$corpus" "${read_only[@]}" >"$log" 2>&1 || status=$?
  final_stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -n 1; }
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)
  corpus_size=$(sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p' <<<"$done_line")
  coverage=$(sed -nE 's/.* cov: ([0-9]+) .*/\1/p' <<<"$done_line")
  summary="fuzz_$t: ${seconds} s, $(final_stat number_of_executed_units) executions ($(final_stat average_exec_per_sec)/s), corpus ${corpus_size:-?}, coverage ${coverage:-?}, peak RSS $(final_stat peak_rss_mb) MB"
  if [ "$status" -eq 0 ]; then
    echo "$summary: ok"
  else
    echo "$summary: FAILED (exit $status; log $log)"
    grep -E 'ERROR:|SUMMARY:|what\(\):|runtime error:|Test unit written|^==[0-9]+==' "$log" | head -n 20 | sed 's/^/  /'
    failed+=("fuzz_$t")
  fi
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]} (reproduce: $build/fuzz/TARGET ARTIFACT)" >&2
  exit 1
fi
