# Shared helpers of the benchmark scripts (sourced, not run).
# ROLEC: the rolec binary (default build/rolec); SHARED: the folder holding bench/ and groq-suite/
# (default ../shared next to the repository); ROUNDS: alternating rounds (default 7); THREADS:
# rolec's worker threads (default 0: one per core).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROLEC=${ROLEC:-$repo/build/rolec}
SHARED=${SHARED:-$repo/../shared}
ROUNDS=${ROUNDS:-7}
THREADS=${THREADS:-0}  # rolec worker threads; 0: one per core
[ -x "$ROLEC" ] || { echo "no rolec binary at $ROLEC (build first, or set ROLEC)" >&2; exit 3; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The side-by-side benchmarks call this first: groq-js and the shared benchmark material.
require_groqjs() {
  [ -d "$SHARED/bench" ] || { echo "no benchmark material at $SHARED/bench (set SHARED)" >&2; exit 3; }
  command -v node >/dev/null || { echo "node is needed to run groq-js" >&2; exit 3; }
  export GROQJS_DIR=${GROQJS_DIR:-$("$SHARED/bench/setup-groqjs.sh")}
}

# Wall-clock seconds of one whole-process run of "$@" (output discarded).
seconds() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo "scale=4; ($end - $start) / 1000000000" | bc
}

# median of the numbers on standard input
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# compare NAME ROLEC_COMMAND... ::vs:: GROQJS_COMMAND...: alternating rounds, then a summary line.
compare() {
  local name=$1; shift
  local rolec_cmd=() groq_cmd=() seen=0
  for arg in "$@"; do
    if [ "$arg" = "::vs::" ]; then seen=1; continue; fi
    if [ $seen = 0 ]; then rolec_cmd+=("$arg"); else groq_cmd+=("$arg"); fi
  done
  "${rolec_cmd[@]}" >/dev/null; "${groq_cmd[@]}" >/dev/null  # warm the page cache
  local ratios=() r g
  : >"$work/rolec.times"; : >"$work/groq.times"; : >"$work/ratios"
  for _ in $(seq "$ROUNDS"); do
    r=$(seconds "${rolec_cmd[@]}")
    g=$(seconds "${groq_cmd[@]}")
    echo "$r" >>"$work/rolec.times"; echo "$g" >>"$work/groq.times"
    echo "scale=2; $g / $r" | bc >>"$work/ratios"
  done
  printf '%-34s rolec %6.3f s   groq-js %6.3f s   median ratio %5.1fx  (%s rounds)\n' "$name" \
    "$(median <"$work/rolec.times")" "$(median <"$work/groq.times")" "$(median <"$work/ratios")" "$ROUNDS"
}
