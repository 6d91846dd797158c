#!/usr/bin/env bash
# Writes a generated policy of ROLES roles and twice as many permissions into the folder DIR, in
# files of 100 roles and their 200 permissions, the way a large organisation might split it.
# Every role grants its two document permissions and a predefined one, and every tenth role
# extends the one before it. The policy lints clean.
# Usage: bench/gen-policy.sh ROLES DIR
set -euo pipefail
roles=$1
dir=$2
mkdir -p "$dir"
awk -v roles="$roles" -v dir="$dir" 'BEGIN {
  for (r = 0; r < roles; r++) {
    if (r % 100 == 0) {
      if (file != "") close(file)
      file = sprintf("%s/team-%05d.toml", dir, r / 100)
    }
    a = 2 * r; b = 2 * r + 1
    printf "[permissions.doc-%d]\ntitle = \"Documents %d\"\n", a, a > file
    printf "filter = '\''_type == \"type-%d\" && (author._ref == identity() || team == \"team-%d\")'\''\n\n", a % 97, r % 31 > file
    printf "[permissions.doc-%d]\ntitle = \"Documents %d\"\ntype = \"sanity.document.filter.mode\"\n", b, b > file
    printf "filter = '\''_type in [\"type-%d\", \"page\"] && !(_id in path(\"drafts.archive.**\"))'\''\n\n", b % 89 > file
    printf "[roles.role-%d]\ntitle = \"Role %d\"\ndescription = \"Generated role %d\"\napplies_to_robots = false\n", r, r, r > file
    if (r % 10 == 9) printf "extends = [\"role-%d\"]\n", r - 1 > file
    printf "grants = [\n" > file
    printf "  { permission = \"doc-%d\", actions = [\"read\", \"create\", \"update\"] },\n", a > file
    printf "  { permission = \"doc-%d\", mode = \"publish\", history = true },\n", b > file
    if (r % 10 != 9) printf "  { permission = \"sanity-project\", actions = [\"read\"] },\n" > file
    printf "]\n\n" > file
  }
}'
