#!/usr/bin/env bash
# `make test`: unit and adapter tests (swift test; they start nx-27017 themselves), then a release build and
# the end-to-end suite (pytest Tests/e2e; its `stack` fixture starts nx-27017, cohorta-fcgi, cohorta-ws and
# nginx on free ports). Expects scripts/setup.sh to have run. Exits non-zero on the first failing phase.
# Extra arguments go to pytest, e.g. `scripts/test.sh -k credits`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

# Adapter tests (MongoTests …) start this nx-27017 on a free port.
export COHORTA_NX27017="$VENV/bin/nx-27017"
[[ -x "$COHORTA_NX27017" ]] || die "run scripts/setup.sh first (or 'make test')"

started=$SECONDS
phase() { say "$1  (+$((SECONDS - started))s)"; }

phase "Format (swift format lint --strict)"
swift format lint --strict --recursive Sources Tests Package.swift

phase "Unit and adapter tests"
"$REPO/scripts/build.sh" tests
# A hung test must not hold CI for hours; the whole suite takes a few minutes.
timeout --signal=INT --kill-after=30 600 swift test --skip-build

phase "Fuzz targets (libFuzzer, seeded, 15 s each; long runs: make fuzz)"
COHORTA_FUZZ_SEED="${COHORTA_FUZZ_SEED:-1}" "$REPO/scripts/fuzz.sh" run "${COHORTA_FUZZ_SECONDS:-15}"

phase "End-to-end tests"
"$REPO/scripts/build.sh" release
export COHORTA_BUILD_DIR="${COHORTA_BUILD_DIR:-$(swift build -c release --show-bin-path)}"
timeout --signal=INT --kill-after=30 1500 "$VENV/bin/python" -m pytest Tests/simulator Tests/e2e -ra -p no:cacheprovider "$@"

phase "All tests passed"
