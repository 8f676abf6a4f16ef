#!/usr/bin/env bash
# `make soak`: the long variants of what `make test` runs short. SOAK_MINUTES (default 10) of chaos under load
# (python -m chaos, chaos/: worker, runner and cohorta-ws kills, nx-27017 restarts; its JSON report goes to
# SOAK_REPORT, default .build/soak-chaos.json), the schemathesis run at COHORTA_SCHEMATHESIS_EXAMPLES (default 100)
# examples per operation, then `make fuzz` (FUZZ_SECONDS per target, default 600). Expects scripts/setup.sh
# to have run. Exits non-zero on the first failing phase.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

export COHORTA_NX27017="$VENV/bin/nx-27017"
[[ -x "$COHORTA_NX27017" ]] || die "run scripts/setup.sh first (or 'make soak')"
minutes="${SOAK_MINUTES:-10}"
started=$SECONDS
phase() { say "$1  (+$((SECONDS - started))s)"; }

"$REPO/scripts/build.sh" release
export COHORTA_BUILD_DIR="${COHORTA_BUILD_DIR:-$(swift build -c release --show-bin-path)}"

phase "Chaos under load for $minutes minutes (python -m chaos)"
"$VENV/bin/python" -m chaos --seconds "$((minutes * 60))" --json "${SOAK_REPORT:-.build/soak-chaos.json}"

phase "Schemathesis, ${COHORTA_SCHEMATHESIS_EXAMPLES:-100} examples per operation"
COHORTA_SCHEMATHESIS_EXAMPLES="${COHORTA_SCHEMATHESIS_EXAMPLES:-100}" \
    "$VENV/bin/python" -m pytest Tests/e2e/test_schemathesis.py -ra -p no:cacheprovider

phase "Fuzz targets (make fuzz)"
make --no-print-directory fuzz

phase "Soak passed"
