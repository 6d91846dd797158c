#!/usr/bin/env bash
# Evaluation speed, side by side with groq-js: both count the documents of the same 1,000,000-line
# NDJSON corpus (../shared/bench/groqjs/gen-corpus.mjs) for which a filter is exactly true, as
# whole processes, in alternating rounds. Filters: the simple and the typical five-clause filter
# of ../shared/bench/README.md.
# Usage: bench/eval.sh   (see bench/common.sh for ROLEC, SHARED, ROUNDS; DOCS=N changes the size)
source "$(dirname "$0")/common.sh"
require_groqjs
docs=${DOCS:-1000000}
echo "generating $docs documents ..."
node "$SHARED/bench/groqjs/gen-corpus.mjs" docs "$docs" >"$work/docs.ndjson"
identity=user-7
now=2026-01-01T00:00:00Z
simple='_type == "post" && author._ref == identity()'
typical='_type in ["post", "article"] && !(_id in path("drafts.**")) && (author._ref == identity() || identity() in editors[]._ref) && defined(publishedAt) && dateTime(publishedAt) < dateTime(now())'
for name in simple typical; do
  filter=${!name}
  # Both must agree before their speed is worth comparing.
  a=$("$ROLEC" groq eval --identity "$identity" --now "$now" --count --documents "$work/docs.ndjson" -- "$filter")
  b=$(node "$SHARED/bench/groqjs/eval-batch.mjs" "$filter" "$work/docs.ndjson" "$identity" "$now")
  [ "$a" = "$b" ] || { echo "results differ for $name: rolec '$a', groq-js '$b'" >&2; exit 1; }
  echo "$name filter: $a"
  compare "eval $name filter, $docs docs" \
    "$ROLEC" groq eval --threads "$THREADS" --identity "$identity" --now "$now" --count --documents "$work/docs.ndjson" -- "$filter" ::vs:: \
    node "$SHARED/bench/groqjs/eval-batch.mjs" "$filter" "$work/docs.ndjson" "$identity" "$now"
done
