#!/usr/bin/env bash
# The manual pages docs/man/rolec.1 and rolec-emulator.1 against the binaries: groff renders them
# without a warning, each command `rolec --help` lists has its section, each option a command's
# --help lists is in that section, and the version is the binary's.
#
#   man_page_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source "$(dirname "$0")/common.sh"
source_dir=$(cd "$1" && pwd)
build_dir=$(cd "$2" && pwd)
need groff
rolec=$build_dir/rolec

# The long options of a --help text (short ones always have a long twin here).
long_options() { grep -oE -- '(^|[ ,])--[a-z][a-z-]*' | sed 's/^[ ,]//' | grep -v -- '^--help$' | sort -u; }

# The text of the section `.SS "rolec CMD ..."` of a page, with roff's `\-` as `-`.
section() {
  awk -v heading=".SS \"rolec $2" 'index($0, heading) == 1 { on = 1; next } /^\.S[SH] / { on = 0 } on' "$1" | sed 's/\\-/-/g'
}

for page in rolec.1 rolec-emulator.1; do
  step "$page renders without warnings"
  run groff -man -Tutf8 -ww -z "$source_dir/docs/man/$page"
  expect_status 0
  [ -z "$last_output" ] || check_failed "groff warns"
done

step "rolec.1 has the binary's version"
version=$("$rolec" --version | awk '{print $2}')
grep -q "^\.TH ROLEC 1 \"[0-9-]*\" \"rolec $version\"" "$source_dir/docs/man/rolec.1" || check_failed "the .TH line does not say rolec $version"

step "every command has a section, with every option of its --help"
commands=$("$rolec" --help | sed -n '/^Subcommands:/,$p' | tail -n +2 | awk 'NF {print $1}')
[ -n "$commands" ] || fail "rolec --help lists no commands"
for command in $commands; do
  subcommands=$command
  if [ "$command" = groq ]; then subcommands="groq parse
groq eval"; fi
  while read -r name; do
    text=$(section "$source_dir/docs/man/rolec.1" "$name")
    if [ -z "$text" ]; then
      check_failed "rolec.1 has no section \"rolec $name\""
      continue
    fi
    # shellcheck disable=SC2086
    for option in $("$rolec" $name --help | long_options); do
      grep -qE -- "(^|[^a-z-])$option([^a-z-]|$)" <<<"$text" || check_failed "rolec.1: \"rolec $name\" does not describe $option"
    done
  done <<<"$subcommands"
done

step "rolec-emulator.1 describes every option of its --help"
text=$(sed 's/\\-/-/g' "$source_dir/docs/man/rolec-emulator.1")
for option in $("$build_dir/rolec-emulator" --help | long_options); do
  grep -qE -- "(^|[^a-z-])$option([^a-z-]|$)" <<<"$text" || check_failed "rolec-emulator.1 does not describe $option"
done

finish
