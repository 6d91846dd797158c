#!/usr/bin/env bash
# The shell completions that `rolec completion bash|zsh` prints (and `cmake --install` installs):
# each is loaded into its shell and asked to complete command lines.
#
#   completion_test.sh BUILD_DIR
set -euo pipefail
source "$(dirname "$0")/common.sh"
rolec="$(cd "$1" && pwd)/rolec"
need bash zsh
make_work
cd "$work"
"$rolec" completion bash >rolec.bash
"$rolec" completion zsh >_rolec
mkdir -p policy documents
touch policy/roles.toml documents/post.json plan.json

# bash: what COMPREPLY holds for a command line whose last word is being typed.
bash_completes() {
  bash --norc -c 'source ./rolec.bash; read -ra COMP_WORDS <<<"$1"; [[ $1 == *" " ]] && COMP_WORDS+=("");
                  COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _rolec; printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$1"
}

# zsh: what the function offers, with compadd and _files standing in for the completion system.
zsh_completes() {
  zsh -f -c 'fpath=(. $fpath); autoload -Uz _rolec
             compadd() { local p=""
                         while [[ $1 == -* && $1 != -- ]]; do [[ $1 == -P ]] && p=$2; [[ $1 == -[dP] ]] && shift; shift; done
                         [[ $1 == -- ]] && shift
                         local w; for w; do [[ $p$w == ${words[CURRENT]}* ]] && print -r -- $p$w; done; return 0 }
             _files() { print -l -- ${words[CURRENT]}*(N) }
             words=(${=1}); [[ $1 == *" " ]] && words+=("")
             CURRENT=${#words}; _rolec | sort' _ "$1"
}

expect_completion() {
  local line=$1 expected=$2 shell
  for shell in bash zsh; do
    last_output=$("${shell}_completes" "$line" | tr '\n' ' ' | sed 's/ $//')
    [ "$last_output" = "$expected" ] || check_failed "$shell: \`$line\` offers [$last_output], expected [$expected]"
  done
}

step "commands"
expect_completion "rolec li" "lint"
expect_completion "rolec fm" "fmt"
expect_completion "rolec gr" "groq"
expect_completion "rolec groq " "eval parse"
expect_completion "rolec completion " "bash zsh"

step "options of the command typed, past options and their values"
expect_completion "rolec lint --f" "--fail-level --format"
expect_completion "rolec lint --d" "--disable-rule --docs-url"
expect_completion "rolec plan --env production --det" "--detailed-exitcode"
expect_completion "rolec groq parse --m" "--mode"
expect_completion "rolec fmt --c" "--check"

step "values of options that take one of a list"
expect_completion "rolec lint --format " "github gitlab human json sarif"
expect_completion "rolec groq parse --mode f" "filter"
expect_completion "rolec build --target r" "roles-api"
expect_completion "rolec explain --action pu" "publish"
expect_completion "rolec diff --action edit" "editHistory"
expect_completion "rolec --color a" "always auto"

step "values after an option and its =, in one word"
expect_completion "rolec lint --format=s" "--format=sarif"
expect_completion "rolec lint --format=" "--format=github --format=gitlab --format=human --format=json --format=sarif"
expect_completion "rolec explain --action=disc" "--action=discardDraft --action=discardVersion"

step "paths where a command or option takes one"
expect_completion "rolec lint pol" "policy"
expect_completion "rolec fmt --check pol" "policy"
expect_completion "rolec explain --document doc" "documents"
expect_completion "rolec apply pl" "plan.json"

step "the scripts are what the installed files hold"
for installed in "$(dirname "$rolec")/completions/rolec" "$(dirname "$rolec")/completions/_rolec"; do
  if [ -f "$installed" ]; then
    cmp -s "$installed" "$(basename "$installed" | sed 's/^rolec$/rolec.bash/')" || check_failed "$installed differs from rolec completion"
  else
    check_failed "the build has no $installed"
  fi
done

finish
