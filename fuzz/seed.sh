#!/usr/bin/env bash
# Seed corpora of the fuzz targets, extracted from the tests and examples (nothing is copied into
# the repository): writes OUT_DIR/<target>/<source>-<n> for each target of fuzz/targets.hpp.
#
#   fuzz/seed.sh OUT_DIR
#
# Plan files are made with `rolec plan -o`: $ROLEC names the binary (default: build-fuzz/rolec,
# else build/rolec). The GROQ conformance suite adds seeds when it is there ($ROLEC_SHARED_DIR,
# default ../shared). JSON lines are decoded with jq; without jq those sources are left out.
set -euo pipefail
out=${1:?usage: fuzz/seed.sh OUT_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
shared=${ROLEC_SHARED_DIR:-$root/../shared}
rolec=${ROLEC:-}
if [ -z "$rolec" ]; then
  for candidate in build-fuzz/rolec build/rolec; do
    if [ -x "$candidate" ]; then rolec=$candidate; break; fi
  done
fi
have_jq=false
command -v jq >/dev/null && have_jq=true

targets=(fuzz_groq_parse fuzz_groq_eval fuzz_policy_load fuzz_live_state fuzz_plan_file)
for t in "${targets[@]}"; do rm -rf "${out:?}/$t"; mkdir -p "$out/$t"; done
declare -A count=()

# next TARGET SOURCE: sets `file` to the path of the next seed of TARGET from SOURCE.
next() {
  local n=$((${count[$1/$2]:-0} + 1))
  count[$1/$2]=$n
  file="$out/$1/$2-$n"
}
# seed TARGET SOURCE: standard input becomes the next seed.
seed() { next "$1" "$2"; cat >"$file"; }

# --- GROQ expressions: "MODE TEXT", MODE 0 (query) or 1 (filter) ------------------------------
expressions=()  # also evaluated by fuzz_groq_eval
add_expression() {  # SOURCE MODE TEXT [parse-only]
  next fuzz_groq_parse "$1"
  printf '%s%s' "$2" "$3" >"$file"
  if [ -z "${4:-}" ]; then expressions+=("$3"); fi
}
# The .verify files: an expression per line indented by two spaces; `## mode: filter` sets the mode.
for f in tests/groq/*.verify; do
  mode=0
  grep -q '^## mode: filter' "$f" && mode=1
  while IFS= read -r line; do
    add_expression "verify-$(basename "$f" .verify)" "$mode" "${line#  }"
  done < <(grep -a '^  ' "$f")
done
# Filters written as one-line literal strings in the policies of examples/ and tests/.
while IFS= read -r line; do
  add_expression policy-filter 1 "$line"
done < <(grep -rhoE "^filter *= *'[^']*'" examples tests/lint/cases tests/golden --include='*.toml' |
           sed -E "s/^filter *= *'(.*)'$/\1/" | sort -u)
if $have_jq; then
  # JSON strings, one per line.
  while IFS= read -r -d '' text; do
    add_expression filters-jsonl 1 "$text"
  done < <(jq -j '. + "\u0000"' examples/filters.jsonl tests/golden/groq-gallery.jsonl)
  if [ -f "$shared/groq-suite/parse-cases.ndjson" ]; then
    while IFS= read -r -d '' text; do
      add_expression groq-suite 0 "$text" parse-only
    done < <(jq -j '.query + "\u0000"' "$shared/groq-suite/parse-cases.ndjson")
    while IFS= read -r -d '' text; do
      expressions+=("$text")
    done < <(jq -j '.query + "\u0000"' "$shared/groq-suite/expression-cases.ndjson")
    while IFS= read -r -d '' text; do
      expressions+=("$text")
    done < <(jq -j '(.filters // [])[] + "\u0000"' "$shared/groq-suite/filter-selection-cases.ndjson")
  fi
else
  echo "seed.sh: jq not found: JSON-lines sources left out" >&2
fi

# --- Documents, and "EXPR NUL DOCUMENT" for fuzz_groq_eval ---------------------------------------
documents=()
for f in examples/documents/*.json tests/golden/explain/*.json; do documents+=("$(cat "$f")"); done
while IFS= read -r line; do documents+=("$line"); done < <(cat examples/documents/posts.ndjson tests/golden/audit-multi-team.ndjson)
if $have_jq && [ -f "$shared/groq-suite/datasets.ndjson" ]; then
  while IFS= read -r line; do documents+=("$line"); done < <(jq -c '.documents[]' "$shared/groq-suite/datasets.ndjson" | head -n 200)
fi
i=0
for text in "${expressions[@]}"; do
  next fuzz_groq_eval expression
  printf '%s\0%s' "$text" "${documents[$((i % ${#documents[@]}))]}" >"$file"
  i=$((i + 1))
done
for doc in "${documents[@]}"; do
  next fuzz_groq_eval document
  printf '_type == "post" && author._ref == identity()\0%s' "$doc" >"$file"
done

# --- Policies: one file, or a folder's files joined by lines `#@file` ----------------------------
join_folder() {  # DIR: its *.toml files in sorted order, as one input
  local first=true
  while IFS= read -r f; do
    $first || printf '#@file\n'
    first=false
    cat "$f"
  done < <(find "$1" -name '*.toml' | LC_ALL=C sort)
}
for f in tests/lint/cases/*.toml examples/*/*.toml tests/golden/*/*.toml docs/*.toml; do
  seed fuzz_policy_load file <"$f"
done
for d in tests/lint/cases/*/ examples/*/ tests/golden/*/; do
  if [ -n "$(find "$d" -name '*.toml' | head -n 1)" ]; then join_folder "$d" | seed fuzz_policy_load folder; fi
done

# --- Live state: one file, or several joined by NUL bytes ------------------------------------------
live_files=(tests/golden/*.live.json examples/live/*.json tests/adopt/*.json)
for f in "${live_files[@]}"; do seed fuzz_live_state file <"$f"; done
{ cat tests/adopt/custom-permissions.json; printf '\0'; cat tests/adopt/custom-roles.json; } | seed fuzz_live_state files

# --- Plan files, made by `rolec plan -o` --------------------------------------------------------
if [ -n "$rolec" ] && [ -x "$rolec" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  for pair in "examples/live/blog0001.json examples/blog" \
              "tests/golden/plan-gallery.live.json tests/golden/plan-gallery" \
              "tests/golden/plan-refused.live.json tests/golden/plan-gallery" \
              "tests/golden/plan-gallery.live.json examples/multi-team" \
              "examples/live/blog0001.json examples/agency" \
              "tests/adopt/custom-roles.json examples/legacy"; do
    read -r live policy <<<"$pair"
    rm -f "$tmp/plan.json"
    ASAN_OPTIONS=detect_leaks=0 NO_COLOR=1 "$rolec" plan --live "$live" -o "$tmp/plan.json" "$policy" >/dev/null 2>&1 || true
    if [ -s "$tmp/plan.json" ]; then seed fuzz_plan_file rolec-plan <"$tmp/plan.json"; fi
  done
else
  echo "seed.sh: no rolec binary (set ROLEC): plan files left out" >&2
fi

for t in "${targets[@]}"; do
  echo "seed.sh: $t: $(find "$out/$t" -type f | wc -l) seeds"
done
