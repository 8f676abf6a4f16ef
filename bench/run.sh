#!/usr/bin/env bash
# `make bench`: wrk against GET /api/auth/me (bearer token) through nginx, and against nginx serving a static
# JSON file of the same bytes. Starts and stops its own stack; prints a markdown table for docs/performance.md.
# Needs the release build (`make build`) and the venv (`scripts/setup.sh`). Run it on an otherwise idle machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
command -v wrk >/dev/null 2>&1 || die "wrk is missing: run scripts/setup.sh"
[[ -x "$BUILD_DIR/cohorta-fcgi" ]] || die "$BUILD_DIR/cohorta-fcgi is missing: run 'make build'"
export COHORTA_BUILD_DIR="$BUILD_DIR"
exec "$VENV/bin/python" "$REPO/bench/bench.py"
