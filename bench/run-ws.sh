#!/usr/bin/env bash
# The live-rooms benchmarks; each starts and stops its own stack and prints a markdown table for docs/performance.md.
# - `bench/run-ws.sh` (ws_fanout.py): 5,000 WebSockets through nginx to one session room (asyncio client), turns
#   stored into session_messages at a steady rate and then in a burst; latency from the database write to receipt,
#   cohorta-ws RSS per connection, deliveries per second and CPU per delivery (~1.5 min).
# - `bench/run-ws.sh ws_latency.py` (`make bench-ws-latency`): builds bench/c/ws_client.c (a one-thread
#   libwebsockets client) into .build-bench/, joins BENCH_WS_CONNECTIONS (2,000) sockets, stores BENCH_WS_RATE (20)
#   turns per second for BENCH_WS_SECONDS (10); delivery, order, latency p50/p90/p99/max, whether the pace held, CPU
#   per delivery (~40 s). BENCH_WS_VIA=direct skips nginx. Needs cc and libwebsockets-dev.
# Both need the release build (`make build`), the venv (`scripts/setup.sh`; `websockets` is in
# Tests/e2e/requirements.txt) and a file-descriptor hard limit of at least 3 × sockets + 100. Run them on an
# otherwise idle machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
[[ -x "$BUILD_DIR/cohorta-ws" ]] || die "$BUILD_DIR/cohorta-ws is missing: run 'make build'"
export COHORTA_BUILD_DIR="$BUILD_DIR"
cd "$REPO/bench"
exec "$VENV/bin/python" "${1:-ws_fanout.py}"
