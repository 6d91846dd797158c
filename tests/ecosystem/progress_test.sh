#!/usr/bin/env bash
# Long commands show a progress line on a terminal and nothing on a pipe: pull, plan and apply
# reading a project, apply making changes, audit reading an export. The terminal is a
# pseudo-terminal made by script(1); the project is rolec-emulator's.
#
#   progress_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source "$(dirname "$0")/common.sh"
source_dir=$(cd "$1" && pwd)
build_dir=$(cd "$2" && pwd)
need script
export PATH="$build_dir:$PATH"
unset NO_COLOR
make_work
cd "$work"

rolec-emulator --port 0 --project blog0001 --token progress-token=administrator --latency-ms 5 >emulator.out 2>/dev/null &
emulator=$!
trap 'kill $emulator 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q listening emulator.out && break; sleep 0.05; done
export SANITY_API_URL=$(sed -n 's/^listening on //p' emulator.out) SANITY_AUTH_TOKEN=progress-token
[ -n "$SANITY_API_URL" ] || fail "the emulator did not start"
erase=$'\r\e\[K'            # as a regular expression
erased=$'\r\e[K'             # as text

# Runs a command on a pseudo-terminal; its output (both streams, as the terminal shows them) is kept.
on_terminal() {
  last_status=0
  last_output=$(TERM=${TERM_FOR_TEST:-xterm} script -qefc "$1" /dev/null) || last_status=$?
}

# Runs a command with standard error to a file, which is kept.
on_pipe() {
  last_status=0
  last_output=$(bash -c "$1" 2>&1 >/dev/null | cat) || last_status=$?
}

step "pull: a progress line on a terminal, cleared at the end"
on_terminal "rolec pull --project blog0001 -o live.json"
expect_status 0
expect_output "${erase}reading project \`blog0001\`: [0-9]+ permissions"
[[ $last_output == *"$erased" ]] || check_failed "the line is not cleared at the end"

step "pull: nothing on a pipe, and nothing with TERM=dumb"
on_pipe "rolec pull --project blog0001 -o live.json"
expect_status 0
[ -z "$last_output" ] || check_failed "standard error is not empty on a pipe"
TERM_FOR_TEST=dumb on_terminal "rolec pull --project blog0001 -o live.json"
expect_status 0
expect_no_output "reading project"

step "apply: the count of changes on a terminal, between the lines it prints"
rolec plan "$source_dir/examples/blog" -o plan.json >/dev/null
on_terminal "rolec apply plan.json"
expect_status 0
expect_output "applying: 0 of 6 changes made or tried"
expect_output "applying: 6 of 6 changes made or tried"
# Every line apply prints starts on a cleared line, not after the progress text.
expect_no_output "changes made or tried(created|updated|deleted)"
expect_output "tried${erase}created role \`writer\`"
expect_output "Apply complete: 6 changes made"

step "apply: nothing on a pipe"
rolec-emulator --port 0 --project blog0001 --token progress-token=administrator >second.out 2>/dev/null &
second=$!
for _ in $(seq 100); do grep -q listening second.out && break; sleep 0.05; done
SANITY_API_URL=$(sed -n 's/^listening on //p' second.out) rolec plan "$source_dir/examples/blog" -o fresh.json >/dev/null
on_pipe "SANITY_API_URL=$(sed -n 's/^listening on //p' second.out) rolec apply fresh.json"
kill $second
expect_status 0
[ -z "$last_output" ] || check_failed "standard error is not empty on a pipe"

step "audit: bytes and documents read, on a terminal only"
on_terminal "rolec audit $source_dir/examples/multi-team --documents $source_dir/examples/documents/posts.ndjson"
expect_status 0
expect_output "${erase}read [0-9.]+ MB of [0-9.]+ MB \([0-9]+%\), [0-9]+ documents"
on_pipe "rolec audit $source_dir/examples/multi-team --documents $source_dir/examples/documents/posts.ndjson"
expect_status 0
[ -z "$last_output" ] || check_failed "standard error is not empty on a pipe"

finish
