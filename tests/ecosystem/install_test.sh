#!/usr/bin/env bash
# `cmake --install` into a fresh prefix: every file in its place, and the installed rolec runs.
#
#   install_test.sh BUILD_DIR
set -euo pipefail
source "$(dirname "$0")/common.sh"
build_dir=$(cd "$1" && pwd)
make_work

step "cmake --install puts every file in its place"
run cmake --install "$build_dir" --prefix "$work/prefix"
expect_status 0
for file in bin/rolec bin/rolec-emulator share/man/man1/rolec.1 share/man/man1/rolec-emulator.1 \
            share/bash-completion/completions/rolec share/zsh/vendor-completions/_rolec \
            share/rolec/policy.schema.json share/doc/rolec/README.md share/doc/rolec/examples/blog/policy.toml \
            share/doc/rolec/examples/emulator/blog0001.json share/doc/rolec/rules/RC201.md; do
  [ -f "$work/prefix/$file" ] || check_failed "no $file under the prefix"
done
[ -x "$work/prefix/bin/rolec" ] || check_failed "bin/rolec is not executable"

step "the installed rolec lints the installed example"
run "$work/prefix/bin/rolec" lint "$work/prefix/share/doc/rolec/examples/blog"
expect_status 0
expect_output "no findings"

step "its SARIF links each rule to the installed page"
run bash -c "'$work/prefix/bin/rolec' lint --format sarif '$work/prefix/share/doc/rolec/examples/blog' | grep -m1 helpUri"
expect_output "\"helpUri\": \"file://$work/prefix/share/doc/rolec/rules/RC[0-9]{3}\\.md\""

finish
