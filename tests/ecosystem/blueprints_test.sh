#!/usr/bin/env bash
# Every blueprint `rolec build --target blueprint` writes for the examples and the blueprint
# fixtures of tests/golden, checked by Sanity's parser and validators from npm
# (blueprints_parser_test.mjs).
#
#   blueprints_test.sh SOURCE_DIR BUILD_DIR NODE NODE_MODULES
set -euo pipefail
source "$(dirname "$0")/common.sh"
source_dir=$(cd "$1" && pwd)
rolec="$(cd "$2" && pwd)/rolec"
node=$3
modules=$4
make_work

step "build every example and fixture as a blueprint"
blueprints=()
for policy in "$source_dir"/examples/{blog,multi-team,agency,legacy} "$source_dir"/tests/golden/blueprint/*/; do
  name=$(basename "$policy")
  run "$rolec" build --target blueprint -o "$work/$name.json" "$policy"
  expect_status 0
  blueprints+=("$work/$name.json")
done

step "Sanity's parser and validators accept them"
run "$node" "$(dirname "$0")/blueprints_parser_test.mjs" "$modules" "${blueprints[@]}"
expect_status 0
printf '%s\n' "$last_output"
finish
