#!/usr/bin/env bash
# `rolec diff` speed: a generated policy of ROLES roles and twice as many permissions
# (bench/gen-policy.sh) against a copy with CHANGED filters edited the way pull requests edit
# them (every other one: a type added to an equality, `_type == "t"` to `_type in ["t", "extra"]`;
# the others: a literal changed, `team == "team-N"` to `team == "squad-N"`). Prints the median
# whole-process time over ROUNDS runs, and from the last run rolec's own counts: the role-action
# pairs analysed, how many needed the solver, and the median time per pair analysed.
# Usage: bench/diff.sh   (ROLEC, ROUNDS as in bench/common.sh; ROLES default 500, CHANGED default 50)
source "$(dirname "$0")/common.sh"
ROLES=${ROLES:-500}
CHANGED=${CHANGED:-50}

old=$work/old; new=$work/new
"$repo/bench/gen-policy.sh" "$ROLES" "$old"
cp -r "$old" "$new"
# Permission doc-K, for K a multiple of `step`, until CHANGED of them are edited.
step=$(( ROLES * 2 / CHANGED ))
for file in "$new"/*.toml; do
  awk -v step="$step" -v changed="$CHANGED" '
    /^\[permissions\.doc-[0-9]+\]/ { k = substr($0, 18) + 0; edit = (k % step == 0 && k / step < changed) }
    edit && /^filter = / {
      if ((k / step) % 2 == 0) sub(/_type == "type-[0-9]+"/, "_type in [&, \"extra\"]")
      else sub(/team == "team-/, "team == \"squad-")
      sub(/_type in \[_type == /, "_type in [")
    }
    { print }' "$file" >"$file.edited"
  mv "$file.edited" "$file"
done
edited=$(diff -r "$old" "$new" | grep -c '^>' || true)
"$ROLEC" lint "$new" | tail -1
echo "filters edited: $edited"

: >"$work/times"
for _ in $(seq "$ROUNDS"); do seconds "$ROLEC" diff "$old" "$new" >>"$work/times"; done
ROLEC_STATS=1 "$ROLEC" diff "$old" "$new" 2>"$work/stats" | tail -1
printf '%-52s %7.3f s\n' "rolec diff, whole process (median of $ROUNDS)" "$(median <"$work/times")"
grep 'role-action pairs' "$work/stats"
