#!/usr/bin/env bash
# The SARIF logs of `rolec lint` and `rolec diff`, validated by Microsoft's SARIF Multitool (npm
# @microsoft/sarif-multitool, through tools/install-ecosystem) with its default rules: no error
# and no warning, for the lint gallery and for the file names and inputs that broke links before
# (a space, a non-ASCII letter and `#` in a path, standard input, a file outside the working
# folder, `--docs-url` without a trailing slash).
#
#   sarif_test.sh SOURCE_DIR BUILD_DIR NODE_MODULES
set -euo pipefail
source "$(dirname "$0")/common.sh"
source_dir=$(cd "$1" && pwd)
rolec="$(cd "$2" && pwd)/rolec"
multitool="$3/@microsoft/sarif-multitool-linux/Sarif.Multitool"
[ -x "$multitool" ] || fail "no SARIF Multitool at $multitool (tools/install-ecosystem)"
need jq
make_work
cd "$work"

# Validates the SARIF log in $1: the Multitool's findings of level error or warning, one a line.
validate() {
  "$multitool" validate "$1" -o "$1.validation" --log ForceOverwrite >/dev/null 2>&1 ||
    fail "the SARIF Multitool could not run on $1"
  last_output=$(jq -r '.runs[0].results[]? | select(.level == "error" or .level == "warning")
                       | "\(.level) \(.ruleId): \(.message.text // .message.id)"' "$1.validation")
  [ -z "$last_output" ] || check_failed "the Multitool finds problems in $1"
}

step "the lint gallery, with the build's documentation links"
"$rolec" lint --format sarif "$source_dir/tests/golden/lint-gallery" >gallery.sarif || true
validate gallery.sarif
run jq -r '.runs[0].tool.driver.rules[0].helpUri, .runs[0].tool.driver.informationUri' gallery.sarif
expect_output '^[a-z]+://.*/rules/RC[0-9]{3}\.md$'
expect_output '^[a-z]+://.*/README\.md$'

step "--docs-url without a trailing slash"
"$rolec" lint --format sarif --docs-url https://docs.example.org/rolec/rules "$source_dir/tests/golden/lint-gallery" \
  >docs-url.sarif || true
validate docs-url.sarif
run jq -r '.runs[0].tool.driver.rules[0].helpUri' docs-url.sarif
expect_output '^https://docs\.example\.org/rolec/rules/RC[0-9]{3}\.md$'

step "a path with a space, a non-ASCII letter and #, given with ./"
mkdir -p "sp dir"
cp "$source_dir/tests/golden/lint-gallery/blog.toml" "sp dir/ü#1.toml"
"$rolec" lint --format sarif "./sp dir" >path.sarif || true
validate path.sarif
run jq -r '.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri' path.sarif
expect_output '^sp%20dir/%C3%BC%231\.toml$'

step "standard input"
"$rolec" lint --format sarif - <"sp dir/ü#1.toml" >stdin.sarif || true
validate stdin.sarif
run jq -r '.runs[0].results[0].locations[0].physicalLocation.artifactLocation.description.text' stdin.sarif
expect_output '^standard input$'

step "a file outside the working folder, given by its absolute path"
mkdir inner
(cd inner && "$rolec" lint --format sarif "$work/sp dir/ü#1.toml" >../outside.sarif) || true
validate outside.sarif
run jq -r '.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri' outside.sarif
expect_output '^file:///.*/sp%20dir/%C3%BC%231\.toml$'

step "rolec diff"
cp -r "$source_dir/examples/blog" old
cp -r "$source_dir/examples/blog" new
sed -i 's/_type == "post"/_type in ["post", "page"]/' new/*.toml
"$rolec" diff old new --format sarif >diff.sarif || true
run jq '.runs[0].results | length' diff.sarif
expect_output '^[1-9]'
validate diff.sarif

finish
