#!/usr/bin/env bash
# Apply speed: 500 changes (250 permissions and 250 roles created) against rolec-emulator with
# LATENCY ms added to every answer, as whole `rolec apply` runs, compared with the ideal time for
# the chosen parallelism: every request of a phase in flight PARALLELISM at a time, the reads
# before it one after the other, and nothing else costing anything.
# Usage: bench/apply.sh   (ROLEC, ROUNDS as in bench/common.sh; LATENCY default 20;
#        PARALLELISM default 8, the emulator's number of worker threads)
source "$(dirname "$0")/common.sh"
LATENCY=${LATENCY:-20}
PARALLELISM=${PARALLELISM:-8}
EMULATOR=${EMULATOR:-$(dirname "$ROLEC")/rolec-emulator}
[ -x "$EMULATOR" ] || { echo "no emulator at $EMULATOR (build first, or set EMULATOR)" >&2; exit 3; }

mkdir -p "$work/policy"
awk 'BEGIN {
  for (i = 0; i < 250; i++) {
    printf "[permissions.doc-%d]\ntitle = \"Documents %d\"\nfilter = '\''_type == \"type-%d\"'\''\n\n", i, i, i
    printf "[roles.role-%d]\ntitle = \"Role %d\"\ngrants = [{ permission = \"doc-%d\", actions = [\"read\", \"update\"] }]\n\n", i, i, i
  }
}' >"$work/policy/policy.toml"

export SANITY_AUTH_TOKEN=bench-token
: >"$work/times"; : >"$work/ratios"
for _ in $(seq "$ROUNDS"); do
  "$EMULATOR" --port 0 --project p1 --token bench-token=administrator --latency-ms "$LATENCY" >"$work/emulator.out" 2>&1 &
  emulator=$!
  for _ in $(seq 100); do grep -q listening "$work/emulator.out" && break; sleep 0.05; done
  export SANITY_API_URL=$(sed -n 's/^listening on //p' "$work/emulator.out")
  "$ROLEC" plan --project p1 -o "$work/plan.json" "$work/policy" >/dev/null
  start=$(date +%s%N)
  "$ROLEC" apply --parallelism "$PARALLELISM" "$work/plan.json" >"$work/apply.out"
  end=$(date +%s%N)
  kill "$emulator"; wait "$emulator" 2>/dev/null || true
  tail -1 "$work/apply.out" | grep -q "Apply complete: 500 changes made." || { cat "$work/apply.out" >&2; exit 1; }
  # Ideal: the staleness check reads permissions, roles and users (one page each, below the page
  # size of 500) one request after another, then each phase runs in rounds of PARALLELISM.
  reads=3
  ideal_ms=$(( (reads + (250 + PARALLELISM - 1) / PARALLELISM * 2) * LATENCY ))
  elapsed_ms=$(( (end - start) / 1000000 ))
  echo "$elapsed_ms" >>"$work/times"
  if [ "$ideal_ms" -gt 0 ]; then echo "scale=3; $elapsed_ms / $ideal_ms" | bc >>"$work/ratios"; else echo 0 >>"$work/ratios"; fi
done
printf 'apply 500 changes, %d ms latency, parallelism %d: %d ms (ideal %d ms), median ratio %.2fx over %d rounds\n' \
  "$LATENCY" "$PARALLELISM" "$(median <"$work/times")" "$ideal_ms" "$(median <"$work/ratios")" "$ROUNDS"
