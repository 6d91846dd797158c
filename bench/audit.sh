#!/usr/bin/env bash
# Auditing a dataset, side by side with groq-js: `rolec audit` counts, for every custom role and
# document action, the documents of a 1,000,000-line NDJSON export it reaches (by `_type`, and
# published / drafts / release versions); bench/groqjs-audit.mjs counts the same with groq-js,
# evaluating every distinct filter once per document. Both run as whole processes, in alternating
# rounds, after checking that they count the same.
# Documents: ../shared/bench/groqjs/gen-corpus.mjs, with the drafts whose id ends in 0 or 5 made
# release versions (`versions.spring.x`), so that all three kinds of id occur.
# Policies: examples/multi-team, and bench/audit-policy.toml, whose filters read the fields the
# generator fills. Identity and attributes: user-7, {"team": "team-a", "region": "eu"}.
# Usage: bench/audit.sh   (see bench/common.sh for ROLEC, SHARED, ROUNDS, THREADS; DOCS=N changes
# the size, POLICIES="examples/multi-team" runs one policy)
source "$(dirname "$0")/common.sh"
require_groqjs
docs=${DOCS:-1000000}
policies=${POLICIES:-examples/multi-team bench/audit-policy.toml}
echo "generating $docs documents ..."
node "$SHARED/bench/groqjs/gen-corpus.mjs" docs "$docs" |
  sed -E 's/^\{"_id":"drafts\.([^"]*[05])"/{"_id":"versions.spring.\1"/' >"$work/docs.ndjson"
context=(--identity user-7 --attributes '{"team": "team-a", "region": "eu"}' --now 2026-01-01T00:00:00Z)
for policy in $policies; do
  name=$(basename "$policy" .toml)
  "$ROLEC" build "$repo/$policy" >"$work/bundle.json"
  groqjs=(node "$repo/bench/groqjs-audit.mjs" "$work/bundle.json" "$repo/schemas/predefined-permissions.json"
          "$work/docs.ndjson" "${context[@]}")
  # Both must count the same before their speed is worth comparing.
  "$ROLEC" audit "$repo/$policy" --documents "$work/docs.ndjson" "${context[@]}" --format json >"$work/rolec.json"
  "${groqjs[@]}" --expect "$work/rolec.json" >/dev/null || { echo "groq-js and rolec count differently for $policy" >&2; exit 1; }
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))
    const reads = r.roles.map((x) => `${x.role} ${x.actions[0].documents}`).join(", ")
    console.log(`${process.argv[2]}: same counts; documents read per role: ${reads}`)' "$work/rolec.json" "$name"
  compare "audit $name, $docs docs" \
    "$ROLEC" audit "$repo/$policy" --threads "$THREADS" --documents "$work/docs.ndjson" "${context[@]}" ::vs:: \
    "${groqjs[@]}"
done
