#!/usr/bin/env bash
# Installs what `make run` and `make test` need, and only what is missing:
#   1. Debian packages (one `apt-get update` first, only when something must be installed);
#   2. the Python venv at .venv with Tests/e2e/requirements.txt (re-installed when that file changes);
#   3. var/dev.env with a random JWT secret, written once and then kept.
# Safe to run any number of times.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PACKAGES=(
    libfcgi-dev libmongoc-dev libbson-dev libcurl4-openssl-dev libssl-dev libwebsockets-dev libcrypt-dev zlib1g-dev
    nginx pkg-config chromium wrk python3 python3-venv
)
REQUIREMENTS="$REPO/Tests/e2e/requirements.txt"

# The nginx package starts a system nginx on port 80; ours runs from var/nginx, so leave the system one alone.
install_missing_packages() { apt_install_missing "${PACKAGES[@]}"; }

create_venv() {
    local stamp="$VENV/.requirements.sha256" wanted
    wanted="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
    if [[ -x "$VENV/bin/python" && -f "$stamp" && "$(<"$stamp")" == "$wanted" ]]; then
        say "Python venv: up to date ($VENV)"
        return
    fi
    say "Python venv: installing $(grep -v '^#' "$REQUIREMENTS" | tr '\n' ' ')"
    [[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQUIREMENTS"
    printf '%s\n' "$wanted" >"$stamp"
}

write_dev_env() {
    mkdir -p "$VAR"
    if [[ -s "$DEV_ENV" ]]; then
        say "Dev settings: keeping $DEV_ENV"
        return
    fi
    # Written through a temp file so an interrupted run never leaves a half-written secret behind.
    local tmp="$DEV_ENV.tmp"
    (
        umask 077
        cat >"$tmp" <<EOF
# Local development settings, generated once by scripts/setup.sh (delete this file to get a new secret).
# The dev stack passes it as COHORTA_ENV_FILE; sockets, ports and the database URI come from the
# environment that scripts/dev-stack.sh sets, which wins over this file. Every key: deploy/cohorta.env.example.
COHORTA_DEV_MODE=1
COHORTA_JWT_SECRET=$("$VENV/bin/python" -c 'import secrets; print(secrets.token_hex(32))')
COHORTA_LOG_LEVEL=info
EOF
    )
    mv "$tmp" "$DEV_ENV"
    say "Dev settings: wrote $DEV_ENV (new random COHORTA_JWT_SECRET)"
}

install_missing_packages
create_venv
write_dev_env
