#!/usr/bin/env bash
# The LLM benchmarks: bench/llm_overhead.py (gateway overhead per call, ~15 s), bench/concurrency.py (K = 1, 2,
# 4, 8 concurrent 6-persona panels on one runner with 4 threads, ~1 min) and bench/sessions.py (focus group runs:
# context window, orchestration overhead per turn, concurrent runs; ~5 min). Each starts and stops its own stack and
# prints a markdown table for docs/performance.md. Needs the release build (`make build`) and the venv
# (`scripts/setup.sh`). Run it on an otherwise idle machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
[[ -x "$BUILD_DIR/cohorta-fcgi" ]] || die "$BUILD_DIR/cohorta-fcgi is missing: run 'make build'"
export COHORTA_BUILD_DIR="$BUILD_DIR"
cd "$REPO/bench"
"$VENV/bin/python" llm_overhead.py
echo
"$VENV/bin/python" concurrency.py
echo
"$VENV/bin/python" sessions.py
