#!/usr/bin/env bash
# Parse speed, side by side with groq-js: both parse the 10,000 permission filters of
# ../shared/bench/filters-10k.jsonl ten times over, as whole processes, in alternating rounds.
# Usage: bench/parse.sh   (see bench/common.sh for ROLEC, SHARED, ROUNDS)
source "$(dirname "$0")/common.sh"
require_groqjs
corpus=$SHARED/bench/filters-10k.jsonl
for _ in $(seq 10); do cat "$corpus"; done >"$work/filters-100k.jsonl"
"$ROLEC" groq parse --mode filter --batch "$work/filters-100k.jsonl"
node "$SHARED/bench/groqjs/parse-batch.mjs" "$corpus" 10
compare "parse 100k filters (10 MB)" \
  "$ROLEC" groq parse --threads "$THREADS" --mode filter --batch "$work/filters-100k.jsonl" ::vs:: \
  node "$SHARED/bench/groqjs/parse-batch.mjs" "$corpus" 10
