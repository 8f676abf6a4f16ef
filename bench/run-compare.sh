#!/usr/bin/env bash
# `make bench-compare`: Cohorta against the stack it replaces, on this machine, one after the other through the same
# nginx (docs/performance.md, "Against the old stack"): bench/compare.py (HTTP: wrk at 64 and 256 connections against
# both stacks' /api/auth/me and /api/personas, plus a bare C libfcgi responder; ~4 min) and bench/compare_ws.py (live
# rooms: cohorta-ws and python-socketio at 1,000 and 5,000 sockets; ~5 min). Starts and stops everything it needs;
# prints markdown tables. Needs the release build (`make build`), wrk, cc and libfcgi-dev, and a file-descriptor
# hard limit of at least 15,100. BENCH_SKIP_WS=1 runs only the HTTP half. Run it on an otherwise idle machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
command -v wrk >/dev/null 2>&1 || die "wrk is missing: run scripts/setup.sh"
command -v cc >/dev/null 2>&1 && [[ -f /usr/include/fcgiapp.h ]] || die "cc and libfcgi-dev are needed for bench/c"
[[ -x "$BUILD_DIR/cohorta-fcgi" ]] || die "$BUILD_DIR/cohorta-fcgi is missing: run 'make build'"
"$VENV/bin/python" -c "import quart, hypercorn, socketio, jwt" 2>/dev/null \
    || "$VENV/bin/pip" install --quiet -r "$REPO/bench/requirements.txt"
export COHORTA_BUILD_DIR="$BUILD_DIR"
cd "$REPO/bench"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$VENV/bin/python" compare.py
[[ "${BENCH_SKIP_WS:-0}" == 1 ]] || "$VENV/bin/python" compare_ws.py
