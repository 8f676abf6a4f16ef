#!/usr/bin/env bash
# WebSocket latency at the target's load: bench/ws_latency.py builds bench/c/ws_client.c (a one-thread libwebsockets
# client) into .build-bench/, starts its own stack, joins BENCH_WS_CONNECTIONS (2,000) sockets through nginx to one
# session room, stores BENCH_WS_RATE (20) turns per second for BENCH_WS_SECONDS (10) into session_messages, and
# reports delivery, order, latency DB write → receipt (p50/p90/p99/max), whether the pace held, and CPU per delivery
# (~40 s). BENCH_WS_VIA=direct skips nginx. Needs the release build (`make build`), the venv (`scripts/setup.sh`),
# cc and libwebsockets-dev, and a file-descriptor hard limit of at least 3 × BENCH_WS_CONNECTIONS + 100.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
[[ -x "$BUILD_DIR/cohorta-ws" ]] || die "$BUILD_DIR/cohorta-ws is missing: run 'make build'"
export COHORTA_BUILD_DIR="$BUILD_DIR"
cd "$REPO/bench"
exec "$VENV/bin/python" ws_latency.py
