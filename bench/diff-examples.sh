#!/usr/bin/env bash
# How often `rolec diff` decides without the solver on edits a pull request makes to the bundled
# examples: each edit below is applied alone to a copy of its example, diffed against the
# original, and rolec's own counts are summed (role-action pairs whose grants differ, how many of
# them needed no solver, and how many came out unknown).
# Usage: bench/diff-examples.sh   (ROLEC as in bench/common.sh)
source "$(dirname "$0")/common.sh"

# example|file|sed expression
edits=(
  'blog|policy.toml|s/^filter = .*_type == "post".*$/filter = '"'"'_type in ["post", "page"]'"'"'/'
  'blog|policy.toml|/&& !(_id in path("versions.\*\*"))/d'
  'blog|policy.toml|s/sanity::versionOf("siteSettings")/sanity::versionOf("siteSettings") || _id == "globalSettings"/'
  'blog|policy.toml|0,/mode = "create", history = true/s//mode = "publish", history = true/'
  'multi-team|permissions.toml|s/^filter = .*_type == "article".$/filter = '"'"'_type == "article" \&\& defined(title)'"'"'/'
  'multi-team|permissions.toml|s/author._ref == identity()/(author._ref == identity() || identity() in coauthors[]._ref)/'
  'multi-team|permissions.toml|/&& defined(user::attributes().team)/d'
  'multi-team|permissions.toml|s/sanity::versionOf("styleGuide")/_id == "styleGuide"/'
  'agency|permissions.toml|s/, "sanity.fileAsset"\]/]/'
  'agency|permissions.toml|0,/&& !(_id in path("versions.\*\*"))/{//d}'
  'agency|permissions.toml|s/^filter = .*_type in \["page", "post"\].$/filter = '"'"'_type in ["post", "page"]'"'"'/'
  'agency|permissions.toml|s/sanity::versionOf("settings")/_id in ["settings", "drafts.settings"]/'
)
total=0; fast=0; unknown=0; n=0
for edit in "${edits[@]}"; do
  IFS='|' read -r example file expression <<<"$edit"
  copy=$work/edit-$n; n=$((n + 1))
  cp -r "$repo/examples/$example" "$copy"
  sed -i "$expression" "$copy/$file"
  cmp -s "$repo/examples/$example/$file" "$copy/$file" && { echo "edit $n did not apply: $expression" >&2; exit 3; }
  summary=$(ROLEC_STATS=1 "$ROLEC" diff "$repo/examples/$example" "$copy" 2>"$work/stats" | tail -1)
  analysed=$(sed -n 's/.* \([0-9]*\) analysed (\([0-9]*\) without the solver).*/\1/p' "$work/stats")
  without=$(sed -n 's/.* \([0-9]*\) analysed (\([0-9]*\) without the solver).*/\2/p' "$work/stats")
  unknowns=$(sed -n 's/.*, \([0-9]*\) unknown (.*/\1/p' <<<"$summary"); unknowns=${unknowns:-0}
  printf '%-11s edit %2d: %3d analysed, %3d without the solver, %d unknown\n' "$example" "$n" "$analysed" "$without" "$unknowns"
  total=$((total + analysed)); fast=$((fast + without)); unknown=$((unknown + unknowns))
done
echo "all $n edits: $total role-action pairs analysed, $fast without the solver ($(echo "scale=1; 100 * $fast / $total" | bc) %), $unknown unknown"
