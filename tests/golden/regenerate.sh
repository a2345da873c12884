#!/usr/bin/env bash
# Rewrites the golden series (tests/golden/*.csv) from the current build, after
# a behaviour change you mean to make. Review `git diff tests/golden` and
# commit the files with the change that moved them.
#   usage: tests/golden/regenerate.sh [BUILD_DIR]     (default: build)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
cmake --build "$build" --target commsim_app_tests
rm -f tests/golden/*.csv  # a case renamed or dropped in cases.json leaves no stale file
COMMSIM_UPDATE_GOLDEN=1 "$build/tests/commsim_app_tests" --test-case='golden runs*' --success=false
git --no-pager diff --stat -- tests/golden || true
