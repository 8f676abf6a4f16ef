#!/usr/bin/env bash
# The live-rooms benchmark: bench/ws_fanout.py opens 5,000 WebSockets through nginx to one session room, stores
# turns into session_messages at a steady rate and then in a burst, and reports latency from the database write
# to receipt, cohorta-ws RSS per connection, deliveries per second and CPU per delivery (~1.5 min). Starts and
# stops its own stack and prints a markdown table for docs/performance.md. Needs the release build
# (`make build`) and the venv (`scripts/setup.sh`; `websockets` is in Tests/e2e/requirements.txt), and a
# file-descriptor hard limit of at least 15,100. Run it on an otherwise idle machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
[[ -x "$BUILD_DIR/cohorta-ws" ]] || die "$BUILD_DIR/cohorta-ws is missing: run 'make build'"
export COHORTA_BUILD_DIR="$BUILD_DIR"
cd "$REPO/bench"
exec "$VENV/bin/python" ws_fanout.py
