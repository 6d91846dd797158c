#!/usr/bin/env bash
# Regenerates the expected outputs of the golden galleries from the current build.
# Review `git diff tests/golden` before committing: every change is a change users see.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rolec=${ROLEC:-$here/../../build/rolec}
cd "$here" || exit 3
export NO_COLOR=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for gallery in groq-gallery; do
  for format in human json; do
    "$rolec" groq parse --mode filter --format "$format" --batch "$gallery.jsonl" >"$tmp/out" 2>"$tmp/err"
    code=$?
    { printf 'exit %s\n--- stdout\n' "$code"; cat "$tmp/out"; printf -- '--- stderr\n'; cat "$tmp/err"; } \
      >"$gallery.$format.expected"
  done
done
