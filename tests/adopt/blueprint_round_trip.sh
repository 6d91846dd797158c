#!/usr/bin/env bash
# The round trip blueprint -> TOML -> blueprint: for every example and blueprint fixture, the
# blueprint rolec builds, imported, builds back to the same bytes, and the second import gives
# the same TOML. A blueprint defines no permissions, so the policy's own (custom) permissions
# are imported beside it from the access-api bundle, as a team keeps them with rolec.
#
#   blueprint_round_trip.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source "$1/tests/ecosystem/common.sh"
source_dir=$(cd "$1" && pwd)
rolec="$(cd "$2" && pwd)/rolec"
need jq cmp
make_work

for policy in "$source_dir"/examples/{blog,multi-team,agency,legacy} "$source_dir"/tests/golden/blueprint/*/; do
  name=$(basename "$policy")
  dir="$work/$name"
  mkdir -p "$dir"
  step "$name: the policy's permissions, which stay with rolec"
  run "$rolec" build --target access-api -o "$dir/bundle.json" "$policy"
  expect_status 0
  jq '.permissions' "$dir/bundle.json" >"$dir/permissions.json"
  run "$rolec" import -o "$dir/permissions" "$dir/permissions.json"
  expect_status 0

  step "$name: blueprint -> TOML -> blueprint"
  run "$rolec" build --target blueprint -o "$dir/first.json" "$policy"
  expect_status 0
  run "$rolec" import -o "$dir/first" "$dir/first.json"
  expect_status 0
  run "$rolec" build --target blueprint -o "$dir/second.json" "$dir/first/roles.toml" "$dir/permissions/permissions.toml"
  expect_status 0
  cmp -s "$dir/first.json" "$dir/second.json" || { last_output=$(diff "$dir/first.json" "$dir/second.json" || true); check_failed "the second blueprint differs"; }

  step "$name: the second import"
  run "$rolec" import -o "$dir/second" "$dir/second.json"
  expect_status 0
  cmp -s "$dir/first/roles.toml" "$dir/second/roles.toml" || { last_output=$(diff "$dir/first/roles.toml" "$dir/second/roles.toml" || true); check_failed "the second TOML differs"; }
done

# A blueprint written by hand (other resources, references, lifecycles) is not rolec's layout,
# but after one import rolec's blueprint of it is stable.
dir="$work/written-by-hand"
step "written-by-hand: imported, built, imported and built again"
run "$rolec" import -o "$dir/first" "$source_dir/tests/golden/blueprint/written-by-hand.json"
expect_status 0
run "$rolec" build --target blueprint -o "$dir/first.json" "$dir/first/roles.toml"
expect_status 0
run "$rolec" import -o "$dir/second" "$dir/first.json"
expect_status 0
run "$rolec" build --target blueprint -o "$dir/second.json" "$dir/second/roles.toml"
expect_status 0
cmp -s "$dir/first.json" "$dir/second.json" || { last_output=$(diff "$dir/first.json" "$dir/second.json" || true); check_failed "the second blueprint differs"; }
finish
