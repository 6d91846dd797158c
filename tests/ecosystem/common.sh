# Shared by the shell tests of tests/ecosystem: steps, commands whose output is kept, and checks
# that name what was expected and show what came instead. A test sources this file, runs its
# steps, and ends with `finish`.

failures=0
current_step=""
last_output=""
last_status=0

# Fails at once: the test cannot go on.
fail() {
  echo "FAIL${current_step:+ ($current_step)}: $*" >&2
  exit 1
}

# Needs these programs on the PATH.
need() {
  local program
  for program in "$@"; do
    command -v "$program" >/dev/null || fail "needs $program (tools/install-deps installs it)"
  done
}

# Sets `work` to a fresh folder, removed when the test ends.
make_work() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/rolec-ecosystem.XXXXXX")
  trap 'rm -rf "$work"' EXIT
}

step() {
  current_step=$1
  echo "--- $1"
}

# Runs a command, keeping its exit status and its standard output and error together.
run() {
  last_status=0
  last_output=$("$@" 2>&1) || last_status=$?
}

check_failed() {
  failures=$((failures + 1))
  echo "FAIL ($current_step): $*" >&2
  printf '%s\n' "$last_output" | sed 's/^/  | /' >&2
}

expect_status() {
  [ "$last_status" = "$1" ] || check_failed "exit status $last_status, expected $1"
}

# The output has a line matching the extended regular expression.
expect_output() {
  grep -Eq -- "$1" <<<"$last_output" || check_failed "no line of the output matches /$1/"
}

# No line of the output matches the extended regular expression.
expect_no_output() {
  if grep -Eq -- "$1" <<<"$last_output"; then check_failed "a line of the output matches /$1/"; fi
}

finish() {
  if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
  fi
  echo "all checks passed"
}
