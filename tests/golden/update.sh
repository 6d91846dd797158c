#!/usr/bin/env bash
# Regenerates the expected outputs of the golden galleries from the build in ${BUILD:-build}.
# Review `git diff tests/golden` before committing: every change is a change users see.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ROLEC_UPDATE_GOLDEN=1 ctest --test-dir "${BUILD:-$here/../../build}" -R '^golden-' --output-on-failure
