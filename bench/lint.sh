#!/usr/bin/env bash
# Lint speed: start-up cost on the bundled examples, and scaling on generated policies.
#
# 1. `rolec lint examples/X` as whole processes, against an empty C++ program (`int main() {}`,
#    built here with g++ -O2) and `rolec --version`: the median time per run over ROUNDS
#    alternating rounds of RUNS runs each.
# 2. `rolec lint` on generated policies (bench/gen-policy.sh) of 10,000 roles and 20,000
#    permissions, and of ten times that, in alternating rounds: the median times and the median
#    of the per-round ratio.
# Usage: bench/lint.sh   (ROLEC, ROUNDS as in bench/common.sh; RUNS: runs per round, default 100;
#        SIZE: roles in the smaller generated policy, default 10000)
source "$(dirname "$0")/common.sh"
RUNS=${RUNS:-100}
SIZE=${SIZE:-10000}

# Seconds per run of "$@", over RUNS runs.
per_run() {
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$RUNS"); do "$@" >/dev/null; done
  end=$(date +%s%N)
  echo "scale=6; ($end - $start) / 1000000000 / $RUNS" | bc
}

printf 'int main() {}\n' >"$work/empty.cpp"
g++ -O2 "$work/empty.cpp" -o "$work/empty"

echo "start-up (median per run over $ROUNDS rounds of $RUNS runs)"
names=(empty version blog multi-team agency)
commands=("$work/empty" "$ROLEC --version" "$ROLEC lint $repo/examples/blog" \
          "$ROLEC lint $repo/examples/multi-team" "$ROLEC lint $repo/examples/agency")
for i in "${!names[@]}"; do : >"$work/start.${names[$i]}"; : >"$work/ratio.${names[$i]}"; done
for _ in $(seq "$ROUNDS"); do
  empty=$(per_run "$work/empty")
  echo "$empty" >>"$work/start.empty"
  for i in 1 2 3 4; do
    # shellcheck disable=SC2086  # the commands are word lists
    t=$(per_run ${commands[$i]})
    echo "$t" >>"$work/start.${names[$i]}"
    echo "scale=3; $t / $empty" | bc >>"$work/ratio.${names[$i]}"
  done
done
printf '  %-22s %7.2f ms\n' "empty C++ program" "$(echo "$(median <"$work/start.empty") * 1000" | bc)"
for i in 1 2 3 4; do
  label=${names[$i]}; [ "$label" = version ] && label="rolec --version" || label="rolec lint examples/$label"
  printf '  %-34s %7.2f ms   %4.2fx the empty program\n' "$label" \
    "$(echo "$(median <"$work/start.${names[$i]}") * 1000" | bc)" "$(median <"$work/ratio.${names[$i]}")"
done

small=$work/policy-small; large=$work/policy-large
"$repo/bench/gen-policy.sh" "$SIZE" "$small"
"$repo/bench/gen-policy.sh" "$((SIZE * 10))" "$large"
"$ROLEC" lint "$small" | tail -1
"$ROLEC" lint "$large" | tail -1
: >"$work/small"; : >"$work/large"; : >"$work/scale"
for _ in $(seq "$ROUNDS"); do
  s=$(seconds "$ROLEC" lint "$small")
  l=$(seconds "$ROLEC" lint "$large")
  echo "$s" >>"$work/small"; echo "$l" >>"$work/large"
  echo "scale=3; $l / $s" | bc >>"$work/scale"
done
echo "generated policies (median over $ROUNDS alternating rounds)"
printf '  %-40s %7.3f s\n' "$SIZE roles, $((SIZE * 2)) permissions" "$(median <"$work/small")"
printf '  %-40s %7.3f s\n' "$((SIZE * 10)) roles, $((SIZE * 20)) permissions" "$(median <"$work/large")"
printf '  %-40s %7.2fx\n' "ten times the size costs" "$(median <"$work/scale")"
