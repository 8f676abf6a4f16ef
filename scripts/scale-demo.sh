#!/usr/bin/env bash
# The scale-out demonstration of docs/scaling.md on one machine: nx-27017, two cohorta-fcgi pools ("hosts"
# A and B: each its own FastCGI socket, workers, runners and cohorta-ws) and one nginx balancing /api/ over
# both pools and /ws over both cohorta-ws, with the LLM simulator and the fake Stripe. The database is in
# memory and everything lives in a temp folder that `stop` removes.
#
#   scale-demo.sh [start]   start in the background, print the URL and what runs where
#   scale-demo.sh stop      stop it
#
# Try: register at the URL, start a focus group, then `kill -9 -<pid>` one host's fcgi, runner and ws pids
# (each is a process group) and go on; nginx's access log shows which pool answered (up="…").
# Expects `swift build -c release` and scripts/setup.sh (as for `make run`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEMO_PID="$RUN_DIR/scale-demo.pid"
DEMO_INFO="$RUN_DIR/scale-demo.info"

start() {
    local binary tries=0
    for binary in cohorta-fcgi cohorta-ws; do
        [[ -x "$BUILD_DIR/$binary" ]] || die "$BUILD_DIR/$binary is missing: run 'make build'"
    done
    [[ -x "$VENV/bin/nx-27017" ]] || die "run scripts/setup.sh first"
    mkdir -p "$RUN_DIR"
    ! pidfile_alive "$DEMO_PID" || die "already running (pid $(<"$DEMO_PID")); 'scale-demo.sh stop' first"
    rm -f "$DEMO_INFO"
    say "Starting nx-27017, two cohorta-fcgi pools with runners, two cohorta-ws and nginx"
    setsid "$VENV/bin/python" "$REPO/scripts/scale_demo.py" "$DEMO_INFO" >"$RUN_DIR/scale-demo.log" 2>&1 </dev/null &
    printf '%s\n' "$!" >"$DEMO_PID"
    until [[ -s "$DEMO_INFO" ]]; do
        pidfile_alive "$DEMO_PID" || { cat "$RUN_DIR/scale-demo.log" >&2; die "the demonstration did not start"; }
        (( ++tries < 900 )) || { stop; die "not ready after 90 s (see $RUN_DIR/scale-demo.log)"; }
        sleep 0.1
    done
    printf '\n  Cohorta (scale-out demo) is running at   %s\n\n' "$(sed -n 's/^url=//p' "$DEMO_INFO")" >&2
    sed 's/^/  /' "$DEMO_INFO" >&2
    printf '\n  Stop it with: scripts/scale-demo.sh stop\n\n' >&2
}

stop() {
    stop_pidfile "$DEMO_PID" TERM 60
    rm -f "$DEMO_INFO"
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    *) die "usage: $0 [start|stop]" ;;
esac
