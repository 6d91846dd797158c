#!/usr/bin/env bash
# Editor latency: after a one-character change in a file of a generated policy folder, the time
# until `rolec lsp` has published that file's diagnostics (bench/lsp-edit.py, a client written
# for it: it writes the change and reads until the publication of that version).
#
# Each round starts a server on the folder (SIZE roles, bench/gen-policy.sh, 100 roles a file),
# opens one file, and makes CHANGES edits, PAUSE seconds apart (0.2 s: typing speed, the analysis
# of the edit before has ended; 0: as fast as the server answers, the analysis still running).
# Reported: the median change over all rounds, with the 90th percentile, per analysis mode.
# Usage: bench/lsp.sh   (ROLEC, ROUNDS as in bench/common.sh; SIZE default 1000; CHANGES 40)
source "$(dirname "$0")/common.sh"
SIZE=${SIZE:-1000}
CHANGES=${CHANGES:-40}
"$repo/bench/gen-policy.sh" "$SIZE" "$work/policy"
"$ROLEC" lint "$work/policy" | tail -1
# the 90th percentile of the numbers on standard input
p90() { sort -g | awk '{a[NR]=$1} END {i = int(NR * 0.9 + 0.5); if (i < 1) i = 1; print a[i]}'; }
for mode in background:0.2 background:0 off:0 inline:0.2; do
  analysis=${mode%%:*}; pause=${mode##*:}
  : >"$work/open"; : >"$work/changes"
  for _ in $(seq "$ROUNDS"); do
    python3 "$repo/bench/lsp-edit.py" "$ROLEC" "$work/policy" team-00004.toml "$CHANGES" "$pause" "$analysis" >"$work/round"
    head -1 "$work/round" >>"$work/open"
    tail -n +2 "$work/round" >>"$work/changes"
  done
  printf '  --analysis %-10s pause %-4s open %7.1f ms   change: median %6.1f ms, 90th percentile %6.1f ms (%d changes)\n' \
    "$analysis" "$pause" "$(median <"$work/open")" "$(median <"$work/changes")" "$(p90 <"$work/changes")" "$(wc -l <"$work/changes")"
done
