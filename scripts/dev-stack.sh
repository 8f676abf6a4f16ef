#!/usr/bin/env bash
# The local Cohorta stack: nx-27017 → cohorta-fcgi serve + cohorta-ws → nginx on 127.0.0.1:8080 (or the next
# free port), with the LLM simulator and the fake Stripe unless real endpoints are configured. State in var/:
# data (persistent database), log (one file per process), run (sockets, pids), nginx (rendered config and temp
# files).
#
#   dev-stack.sh start         run in the foreground until Ctrl-C (or `dev-stack.sh stop`), then stop everything
#   dev-stack.sh stop          stop a stack started from this checkout
#   dev-stack.sh admin EMAIL   create or promote an admin on the running stack (asks for the password)
#
# Expects scripts/setup.sh and `swift build -c release` to have run (`make run` does both).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STACK_PID="$RUN_DIR/dev-stack.pid"
STACK_ENV="$RUN_DIR/stack.env"
SERVICES=(nginx fcgi ws runner llm stripe mongo) # stop order: the front door first, the database last
# The fake Stripe signs webhooks with this when no real STRIPE_SECRET_KEY is configured (not a secret).
DEV_WEBHOOK_SECRET="whsec_cohorta_dev_fake_webhook_secret" # = StripeSettings.developmentWebhookSecret

# ── processes ──

# Starts a service in its own session, so a Ctrl-C in the terminal reaches only this script, which then
# stops the services in order. Output goes to var/log/<name>.log; the previous run's log becomes .log.1.
launch() {
    local name="$1"
    shift
    local log="$LOG_DIR/$name.log"
    [[ -f "$log" ]] && mv -f "$log" "$log.1"
    printf '# %s started %s: %s\n' "$name" "$(date -u +%FT%TZ)" "$*" >"$log"
    setsid "$@" >>"$log" 2>&1 </dev/null &
    printf '%s\n' "$!" >"$RUN_DIR/$name.pid"
}

stop_services() {
    local name
    for name in "${SERVICES[@]}"; do
        case "$name" in
            nginx) stop_pidfile "$RUN_DIR/nginx.pid" QUIT 10 ;; # graceful: finish open requests
            fcgi) stop_pidfile "$RUN_DIR/fcgi.pid" TERM 15 ;;   # supervisor drains its workers
            runner) stop_pidfile "$RUN_DIR/runner.pid" TERM 15 ;; # running tasks go back to the queue
            *) stop_pidfile "$RUN_DIR/$name.pid" TERM 10 ;;
        esac
    done
    rm -f "$RUN_DIR/fcgi.sock" "$RUN_DIR/ws.sock" "$STACK_ENV"
}

# The first service that was started and is no longer running, if any (the LLM simulator and the fake Stripe
# are optional).
dead_service() {
    local name
    for name in "${SERVICES[@]}"; do
        [[ ( "$name" != llm && "$name" != stripe ) || -f "$RUN_DIR/$name.pid" ]] || continue
        pidfile_alive "$RUN_DIR/$name.pid" || {
            printf '%s\n' "$name"
            return 0
        }
    done
    return 1
}

show_log_tails() {
    local name
    for name in mongo llm stripe fcgi runner ws nginx-error; do
        [[ -s "$LOG_DIR/$name.log" ]] || continue
        printf '\n── last lines of var/log/%s.log ──\n' "$name" >&2
        tail -n 15 "$LOG_DIR/$name.log" >&2
    done
}

wait_for_tcp() {
    local port="$1" name="$2" tries=0
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        pidfile_alive "$RUN_DIR/$name.pid" || return 1
        (( ++tries < 150 )) || return 1
        sleep 0.2
    done
}

wait_for_socket() {
    local path="$1" name="$2" tries=0
    until [[ -S "$path" ]]; do
        pidfile_alive "$RUN_DIR/$name.pid" || return 1
        (( ++tries < 150 )) || return 1
        sleep 0.2
    done
}

wait_for_health() {
    local url="$1" tries=0
    until "$VENV/bin/python" "$REPO/scripts/wait-http.py" "$url" 1 2>/dev/null; do
        ! dead_service >/dev/null || return 1
        (( ++tries < 60 )) || return 1
    done
}

# Starts scripts/fake-stripe.py, posting webhooks to the app behind nginx on port $1, and points the app at it
# (STRIPE_API_BASE, a fake key, the fixed dev webhook secret).
start_fake_stripe() {
    local port
    port="$("$REPO/scripts/free-port.py" 12111)"
    say "Starting the fake Stripe on 127.0.0.1:$port (no STRIPE_SECRET_KEY set)"
    launch stripe "$VENV/bin/python" "$REPO/scripts/fake-stripe.py" --port "$port" \
        --webhook-url "http://127.0.0.1:$1/api/billing/webhook" --webhook-secret "$DEV_WEBHOOK_SECRET"
    wait_for_tcp "$port" stripe || { show_log_tails; die "the fake Stripe did not start"; }
    export STRIPE_API_BASE="http://127.0.0.1:$port" STRIPE_SECRET_KEY="sk_test_cohorta_dev_fake_key" \
        STRIPE_WEBHOOK_SECRET="$DEV_WEBHOOK_SECRET"
}

# ── commands ──

start() {
    local binary
    for binary in cohorta-fcgi cohorta-ws; do
        [[ -x "$BUILD_DIR/$binary" ]] || die "$BUILD_DIR/$binary is missing: run 'make build' (or 'make run')"
    done
    [[ -x "$VENV/bin/nx-27017" && -s "$DEV_ENV" ]] || die "run scripts/setup.sh first (or 'make run')"
    mkdir -p "$LOG_DIR" "$DATA_DIR" "$RUN_DIR"
    local file
    for file in "$STACK_PID" "${SERVICES[@]/#/$RUN_DIR/}"; do
        if pidfile_alive "${file%.pid}.pid"; then
            say "Stopping the stack left from an earlier run"
            stop
            break
        fi
    done
    printf '%s\n' "$$" >"$STACK_PID"
    # nginx's own log files are kept like the others: the previous run's become .log.1.
    for file in nginx-access nginx-error; do
        [[ ! -f "$LOG_DIR/$file.log" ]] || mv -f "$LOG_DIR/$file.log" "$LOG_DIR/$file.log.1"
    done
    trap 'exit 130' INT TERM
    trap 'say "Stopping Cohorta"; stop_services; rm -f "$STACK_PID"' EXIT

    local mongo_port web_port
    mongo_port="$("$REPO/scripts/free-port.py" 27017)"
    web_port="$("$REPO/scripts/free-port.py" "${COHORTA_PORT:-8080}")"

    export COHORTA_ENV_FILE="$DEV_ENV"
    export COHORTA_MONGO_URI="mongodb://127.0.0.1:$mongo_port/?directConnection=true&serverSelectionTimeoutMS=3000"
    export COHORTA_MONGO_DB="${COHORTA_MONGO_DB:-cohorta}"
    export COHORTA_FCGI_SOCKET="$RUN_DIR/fcgi.sock"
    export COHORTA_WS_SOCKET="$RUN_DIR/ws.sock"
    export COHORTA_PROMPTS_DIR="$REPO/prompts"
    # For `dev-stack.sh admin` and anyone who wants to run the CLI against this stack.
    printf 'COHORTA_ENV_FILE=%s\nCOHORTA_MONGO_URI=%s\nCOHORTA_MONGO_DB=%s\nCOHORTA_FCGI_SOCKET=%s\nCOHORTA_WS_SOCKET=%s\n' \
        "$COHORTA_ENV_FILE" "$COHORTA_MONGO_URI" "$COHORTA_MONGO_DB" "$COHORTA_FCGI_SOCKET" "$COHORTA_WS_SOCKET" \
        >"$STACK_ENV"

    say "Starting nx-27017 on 127.0.0.1:$mongo_port (data in var/data)"
    # nx-27017 logs every line to its console too: keep that copy (it also has tracebacks), not a second file.
    launch mongo "$VENV/bin/nx-27017" --data-dir "$DATA_DIR" -p "$mongo_port" \
        --log-file /dev/null --pid-file "$RUN_DIR/nx-27017.pid"
    wait_for_tcp "$mongo_port" mongo || { show_log_tails; die "nx-27017 did not start"; }

    # A real LLM when COHORTA_LLM_BASE_URL is set (shell or var/dev.env); else the local simulator.
    local llm_label
    if [[ -n "${COHORTA_LLM_BASE_URL:-}" ]] || grep -q '^COHORTA_LLM_BASE_URL=.' "$DEV_ENV" 2>/dev/null; then
        llm_label="configured endpoint (COHORTA_LLM_BASE_URL)"
        rm -f "$RUN_DIR/llm.pid"
    else
        local llm_port
        llm_port="$("$REPO/scripts/free-port.py" 8089)"
        say "Starting the LLM simulator on 127.0.0.1:$llm_port (no COHORTA_LLM_BASE_URL set)"
        launch llm "$VENV/bin/python" "$REPO/scripts/llm-simulator.py" --port "$llm_port"
        wait_for_tcp "$llm_port" llm || { show_log_tails; die "the LLM simulator did not start"; }
        export COHORTA_LLM_BASE_URL="http://127.0.0.1:$llm_port/v1" COHORTA_LLM_SIMULATED=1
        llm_label="local simulator on 127.0.0.1:$llm_port (set COHORTA_LLM_BASE_URL for a real model)"
    fi

    # Real Stripe test keys when STRIPE_SECRET_KEY is set (shell or var/dev.env); else the local fake.
    local stripe_label="configured account (STRIPE_SECRET_KEY)"
    rm -f "$RUN_DIR/stripe.pid"
    if [[ -z "${STRIPE_SECRET_KEY:-}" ]] && ! grep -q '^STRIPE_SECRET_KEY=.' "$DEV_ENV" 2>/dev/null; then
        start_fake_stripe "$web_port"
        stripe_label="local fake on $STRIPE_API_BASE (pay pages at /pay/<id>; set STRIPE_SECRET_KEY for Stripe)"
    fi
    export COHORTA_PUBLIC_URL="${COHORTA_PUBLIC_URL:-http://127.0.0.1:$web_port}"

    say "Starting cohorta-fcgi serve, the task runner and cohorta-ws"
    rm -f "$COHORTA_FCGI_SOCKET" "$COHORTA_WS_SOCKET"
    launch fcgi "$BUILD_DIR/cohorta-fcgi" serve
    launch runner "$BUILD_DIR/cohorta-fcgi" runner
    launch ws "$BUILD_DIR/cohorta-ws"
    wait_for_socket "$COHORTA_FCGI_SOCKET" fcgi || { show_log_tails; die "cohorta-fcgi did not open its socket"; }
    wait_for_socket "$COHORTA_WS_SOCKET" ws || { show_log_tails; die "cohorta-ws did not open its socket"; }

    say "Starting nginx on 127.0.0.1:$web_port"
    "$VENV/bin/python" "$REPO/scripts/render-nginx.py" --prefix "$NGINX_PREFIX" --port "$web_port" \
        --fcgi-socket "$COHORTA_FCGI_SOCKET" --ws-socket "$COHORTA_WS_SOCKET" --auth-rate 5r/s \
        --log-dir "$LOG_DIR" >/dev/null
    # nginx writes its own log files; var/log/nginx.log only catches what it prints before opening them.
    launch nginx nginx -p "$NGINX_PREFIX" -c conf/nginx.conf -e "$LOG_DIR/nginx-error.log"

    local url="http://127.0.0.1:$web_port"
    wait_for_health "$url/api/health" || { show_log_tails; die "$url/api/health did not answer 200"; }

    cat >&2 <<EOF

  Cohorta is running at   $url/
  API health              $url/api/health
  Logs                    var/log/  (mongo, llm, stripe, fcgi, runner, ws, nginx-access, nginx-error)
  Database                var/data  (nx-27017 on 127.0.0.1:$mongo_port, kept between runs)
  LLM                     $llm_label
  Stripe                  $stripe_label
  First admin             make admin EMAIL=you@example.com

  Ctrl-C stops everything (or 'make stop' from another terminal).

EOF
    local down
    while true; do
        # `wait -n` returns when any service exits, or at once when a signal arrives (then the trap runs).
        wait -n || true
        if down="$(dead_service)"; then
            show_log_tails
            die "$down stopped unexpectedly; stopping the rest (logs above and in var/log)"
        fi
    done
}

stop() {
    if pidfile_alive "$STACK_PID" && [[ "$(<"$STACK_PID")" != "$$" ]]; then
        # The foreground script owns the services: let its trap stop them in order.
        stop_pidfile "$STACK_PID" TERM 30
    fi
    stop_services
    rm -f "$STACK_PID"
    say "Cohorta stack stopped"
}

admin() {
    local email="${1:-}"
    [[ -n "$email" ]] || die "usage: dev-stack.sh admin EMAIL   (make admin EMAIL=you@example.com)"
    [[ -s "$STACK_ENV" ]] || die "the stack is not running: start it with 'make run'"
    set -a
    source "$STACK_ENV"
    set +a
    local password
    if [[ -t 0 ]]; then
        read -r -s -p "Password for $email: " password
        printf '\n' >&2
    else
        IFS= read -r password
    fi
    printf '%s\n' "$password" | "$BUILD_DIR/cohorta-fcgi" admin create-admin --email "$email"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    admin) admin "${2:-}" ;;
    *) die "usage: dev-stack.sh start | stop | admin EMAIL" ;;
esac
