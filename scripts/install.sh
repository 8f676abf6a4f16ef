#!/usr/bin/env bash
# `make install`: installs Cohorta as systemd services on this machine (Debian 12 / Ubuntu 22.04+, as root),
# with the paths of docs/deploy.md. Safe to run again for an upgrade: it never overwrites /etc/cohorta/cohorta.env
# or a credential, keeps a copy of a changed nginx site, and recreates nothing that exists.
#
#   scripts/install.sh [--root DIR] [--host NAME] [--bin-dir DIR] [--no-packages] [--no-build] [--no-migrate]
#                      [--no-start]
#
#   --root DIR      stage into DIR instead of / (also DESTDIR=DIR). Implies --no-packages, --no-migrate and
#                   --no-start: nothing outside DIR is touched, so tests can check the layout.
#   --host NAME     the site's server_name and certificate name (default: COHORTA_HOST, else `hostname -f`).
#   --bin-dir DIR   take cohorta-fcgi and cohorta-ws from DIR instead of building them (also COHORTA_BIN_DIR).
#   --no-packages   do not apt-get install the missing runtime packages.
#   --no-build      with no --bin-dir: use the binaries of the last `scripts/install.sh` build.
#   --no-migrate    do not run `cohorta-fcgi admin migrate` (MongoDB not set up yet).
#   --no-start      do not enable/start the services nor reload nginx; print the commands instead.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROOT="${DESTDIR:-/}"
HOST="${COHORTA_HOST:-}"
BIN_DIR="${COHORTA_BIN_DIR:-}"
PACKAGES=1 BUILD=1 MIGRATE=1 START=1

RUNTIME_PACKAGES=(
    libfcgi0ldbl libmongoc-1.0-0 libbson-1.0-0 libcurl4 libssl3 libwebsockets17 libcrypt1
    nginx openssl curl ca-certificates systemd
)
# What building needs besides the Swift toolchain (docs/deploy.md, section 3).
BUILD_PACKAGES=(
    libfcgi-dev libmongoc-dev libbson-dev libcurl4-openssl-dev libssl-dev libwebsockets-dev libcrypt-dev zlib1g-dev
    pkg-config
)
UNITS=(cohorta-fcgi.socket cohorta-fcgi.service cohorta-runner.service cohorta-ws.service)
SNIPPETS=(cohorta-http.conf cohorta-site.conf cohorta-fastcgi.conf cohorta-ws.conf security-headers.conf)
NOTES=()

parse_arguments() {
    while (($#)); do
        case "$1" in
            --root) ROOT="${2:?--root needs a folder}"; shift ;;
            --host) HOST="${2:?--host needs a name}"; shift ;;
            --bin-dir) BIN_DIR="${2:?--bin-dir needs a folder}"; shift ;;
            --no-packages) PACKAGES=0 ;;
            --no-build) BUILD=0 ;;
            --no-migrate) MIGRATE=0 ;;
            --no-start) START=0 ;;
            -h | --help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
            *) die "unknown option $1 (see scripts/install.sh --help)" ;;
        esac
        shift
    done
    ROOT="$(realpath -m "$ROOT")"
    if [[ "$ROOT" != / ]]; then
        PACKAGES=0 MIGRATE=0 START=0
        mkdir -p "$ROOT"
    elif ((EUID != 0)); then
        die "installing into / needs root (or stage with --root DIR / DESTDIR=DIR)"
    fi
    [[ -n "$HOST" ]] || HOST="$(hostname -f 2>/dev/null || hostname)"
    [[ "$HOST" =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]] || die "--host: '$HOST' is not a host name"
}

# The path of an installed file under the root (ROOT=/ → the path itself).
at() { printf '%s%s' "${ROOT%/}" "$1"; }

# root:cohorta when the group exists here (always after sysusers on a real install); root:root in a staging
# root whose machine has no cohorta group. Ownership needs root; a non-root staging run keeps its own.
group_cohorta() { getent group cohorta >/dev/null 2>&1 && echo cohorta || echo root; }
owner_args() { if ((EUID == 0)); then printf -- '-o root -g %s' "$1"; fi; }

install_packages() {
    ((PACKAGES)) || return 0
    local wanted=("${RUNTIME_PACKAGES[@]}")
    [[ -n "$BIN_DIR" || $BUILD == 0 ]] || wanted+=("${BUILD_PACKAGES[@]}")
    apt_install_missing "${wanted[@]}"
}

# Sets BIN_DIR. The release is linked with --static-swift-stdlib (the server needs no Swift toolchain
# libraries), in its own scratch folder so it does not rebuild `make build`'s .build/release each time.
build_release() {
    [[ -z "$BIN_DIR" ]] || return 0
    local scratch="$REPO/.build/install"
    if ((BUILD)); then
        command -v swift >/dev/null 2>&1 || die "swift is not on PATH (Swift 6 toolchain, e.g. /opt/swift/usr/bin)"
        say "swift build -c release --static-swift-stdlib (in .build/install)"
        (cd "$REPO" && swift build -c release --static-swift-stdlib --scratch-path "$scratch")
    fi
    BIN_DIR="$(cd "$REPO" && swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)"
}

install_binaries() {
    local binary
    for binary in cohorta-fcgi cohorta-ws; do
        [[ -x "$BIN_DIR/$binary" ]] || die "$BIN_DIR/$binary is missing (build first, or pass --bin-dir)"
    done
    install -d -m 0755 "$(at /usr/lib/cohorta)"
    # Through a temp name and mv: a running service keeps its old inode (docs/deploy.md, "Upgrade").
    for binary in cohorta-fcgi cohorta-ws; do
        install -m 0755 "$BIN_DIR/$binary" "$(at "/usr/lib/cohorta/.$binary.new")"
        mv -f "$(at "/usr/lib/cohorta/.$binary.new")" "$(at "/usr/lib/cohorta/$binary")"
    done
    say "Binaries: $(at /usr/lib/cohorta)/{cohorta-fcgi,cohorta-ws}"
}

# Replaces /usr/share/cohorta/NAME with the checkout's NAME/ as a whole (dirs 0755, files 0644).
install_tree() {
    local name="$1" target staged
    target="$(at "/usr/share/cohorta/$name")"
    staged="$target.new"
    install -d -m 0755 "$(at /usr/share/cohorta)"
    rm -rf "$staged" "$target.old"
    cp -r "$REPO/$name" "$staged"
    find "$staged" -type d -exec chmod 0755 {} + && find "$staged" -type f -exec chmod 0644 {} +
    [[ ! -e "$target" ]] || mv "$target" "$target.old"
    mv "$staged" "$target"
    rm -rf "$target.old"
    say "Files: $target"
}

install_system_files() {
    install -D -m 0644 "$REPO/deploy/sysusers.d/cohorta.conf" "$(at /usr/lib/sysusers.d/cohorta.conf)"
    install -D -m 0644 "$REPO/deploy/tmpfiles.d/cohorta.conf" "$(at /usr/lib/tmpfiles.d/cohorta.conf)"
    install -d -m 0755 "$(at /usr/lib/systemd/system)"
    local unit
    for unit in "${UNITS[@]}"; do install -m 0644 "$REPO/deploy/$unit" "$(at "/usr/lib/systemd/system/$unit")"; done
    say "Units: $(at /usr/lib/systemd/system)/{$(IFS=, && echo "${UNITS[*]}")}"
    if [[ "$ROOT" == / ]]; then
        # Both tools work without systemd as PID 1: they only edit /etc/passwd and create /run/cohorta.
        if command -v systemd-sysusers >/dev/null 2>&1; then
            systemd-sysusers /usr/lib/sysusers.d/cohorta.conf
        elif ! getent passwd cohorta >/dev/null; then
            useradd --system --user-group --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin cohorta
        fi
        getent group www-data >/dev/null || groupadd --system www-data
        systemd-tmpfiles --create /usr/lib/tmpfiles.d/cohorta.conf
        say "User cohorta and /run/cohorta: ready"
    fi
}

# /etc/cohorta/cohorta.env from the example, written once and then kept: it is the operator's file.
install_settings() {
    local group env credentials
    group="$(group_cohorta)"
    env="$(at /etc/cohorta/cohorta.env)"
    credentials="$(at /etc/cohorta/credentials)"
    # shellcheck disable=SC2046 # owner_args is empty or several words on purpose
    install -d -m 0750 $(owner_args "$group") "$(at /etc/cohorta)"
    # shellcheck disable=SC2046
    install -d -m 0700 $(owner_args root) "$credentials"
    if [[ -e "$env" ]]; then
        say "Settings: keeping $env"
    else
        # shellcheck disable=SC2046
        install -m 0640 $(owner_args "$group") "$REPO/deploy/cohorta.env.example" "$env"
        NOTES+=("Review $env (COHORTA_MONGO_URI, COHORTA_PUBLIC_URL, the LLM and Stripe settings).")
        say "Settings: wrote $env from deploy/cohorta.env.example"
    fi
    # The JWT signing key (docs/deploy.md, section 5): 32 random bytes as hex, root 0600, never replaced
    # (a new key signs everyone out). Written through a temp file so a failure never leaves half a secret.
    if [[ -s "$credentials/jwt_secret" ]]; then
        say "JWT secret: keeping $credentials/jwt_secret"
    else
        (umask 077 && openssl rand -hex 32 >"$credentials/jwt_secret.tmp")
        mv "$credentials/jwt_secret.tmp" "$credentials/jwt_secret"
        say "JWT secret: generated $credentials/jwt_secret"
    fi
    # cohorta-runner loads it with LoadCredential=, which fails when the file is missing: empty = no key.
    if [[ ! -e "$credentials/llm_api_key" ]]; then
        (umask 077 && : >"$credentials/llm_api_key")
        NOTES+=("Put the LLM provider's key in $credentials/llm_api_key (empty: none sent; docs/deploy.md section 5).")
    fi
}

# Sets CERT and KEY: Let's Encrypt's files for HOST when they exist, else a self-signed placeholder made once.
choose_certificate() {
    local live="/etc/letsencrypt/live/$HOST" tls="/etc/cohorta/tls"
    if [[ -s "$(at "$live/fullchain.pem")" && -s "$(at "$live/privkey.pem")" ]]; then
        CERT="$live/fullchain.pem" KEY="$live/privkey.pem"
        say "TLS: $CERT"
        return
    fi
    CERT="$tls/$HOST.selfsigned.crt" KEY="$tls/$HOST.selfsigned.key"
    if [[ ! -s "$(at "$CERT")" || ! -s "$(at "$KEY")" ]]; then
        install -d -m 0755 "$(at "$tls")"
        (umask 077 && openssl req -x509 -newkey rsa:2048 -sha256 -days 30 -nodes -subj "/CN=$HOST" \
            -addext "subjectAltName=DNS:$HOST" -keyout "$(at "$KEY")" -out "$(at "$CERT")" 2>/dev/null)
        chmod 0644 "$(at "$CERT")"
    fi
    warn "TLS: no certificate in $live; the site uses a SELF-SIGNED PLACEHOLDER ($CERT, 30 days)"
    NOTES+=("TLS is a self-signed placeholder: browsers will warn. Get a real certificate (docs/deploy.md section 7:"
        "  certbot certonly --webroot -w /var/www/letsencrypt -d $HOST), then run make install again.")
}

# The production site with HOST and the certificate paths filled in, as docs/deploy.md section 7 does by hand.
render_site() {
    sed -e "s/cohorta\.example\.com/$HOST/g" \
        -e "s|^\( *ssl_certificate \+\).*;|\1$CERT;|" \
        -e "s|^\( *ssl_certificate_key \+\).*;|\1$KEY;|" \
        "$REPO/nginx/cohorta.conf"
}

install_nginx_site() {
    local snippet site rendered
    install -d -m 0755 "$(at /etc/nginx/snippets)" "$(at /etc/nginx/sites-available)" \
        "$(at /etc/nginx/sites-enabled)" "$(at /var/www/letsencrypt)"
    for snippet in "${SNIPPETS[@]}"; do
        install -m 0644 "$REPO/nginx/snippets/$snippet" "$(at "/etc/nginx/snippets/$snippet")"
    done
    choose_certificate
    site="$(at /etc/nginx/sites-available/cohorta.conf)"
    rendered="$(mktemp)"
    render_site >"$rendered"
    if [[ -e "$site" ]] && ! cmp -s "$rendered" "$site"; then
        cp -p "$site" "$site.old"
        NOTES+=("The nginx site changed; your previous one is $site.old.")
    fi
    install -m 0644 "$rendered" "$site"
    rm -f "$rendered"
    ln -sfn ../sites-available/cohorta.conf "$(at /etc/nginx/sites-enabled/cohorta.conf)"
    say "nginx: $site (server_name $HOST), enabled"
    if [[ -e "$(at /etc/nginx/sites-enabled/default)" ]]; then
        NOTES+=("Debian's placeholder site is still enabled: rm /etc/nginx/sites-enabled/default to retire it.")
    fi
}

# Runs on the real machine only, as root, with the installed settings and credential (docs/deploy.md, section 8).
run_migrate() {
    ((MIGRATE)) || return 0
    say "cohorta-fcgi admin migrate"
    # Two attempts: each waits up to the URI's serverSelectionTimeoutMS (30 s by default) for the database.
    if ! COHORTA_ENV_FILE=/etc/cohorta/cohorta.env CREDENTIALS_DIRECTORY=/etc/cohorta/credentials \
        /usr/lib/cohorta/cohorta-fcgi admin migrate --attempts 2; then
        die "admin migrate failed (above). The files are installed; set up MongoDB and COHORTA_MONGO_URI" \
            "(docs/deploy.md, section 2), then run make install again."
    fi
}

start_services() {
    local commands=(
        "systemctl daemon-reload"
        "systemctl enable --now ${UNITS[*]}"
        "nginx -t && systemctl reload-or-restart nginx"
    )
    if ((START)) && [[ "$(cat /proc/1/comm 2>/dev/null)" == systemd ]]; then
        systemctl daemon-reload
        systemctl enable --now "${UNITS[@]}"
        nginx -t
        systemctl enable nginx >/dev/null 2>&1 || true
        systemctl reload-or-restart nginx
        systemctl --no-pager --lines=0 status "${UNITS[@]}" || true
        say "Services: enabled and started; nginx reloaded"
        return
    fi
    if ((START)); then
        warn "systemd is not PID 1 here (PID 1 is $(cat /proc/1/comm 2>/dev/null || echo unknown)):" \
            "the services were not started."
    elif [[ "$ROOT" != / ]]; then
        say "Staged in $ROOT: nothing was started."
        NOTES+=("This tree is staged only. Copied onto a machine, it also needs (as root):"
            "  systemd-sysusers /usr/lib/sysusers.d/cohorta.conf"
            "  systemd-tmpfiles --create /usr/lib/tmpfiles.d/cohorta.conf"
            "  chgrp cohorta /etc/cohorta /etc/cohorta/cohorta.env"
            "  COHORTA_ENV_FILE=/etc/cohorta/cohorta.env CREDENTIALS_DIRECTORY=/etc/cohorta/credentials \\"
            "      /usr/lib/cohorta/cohorta-fcgi admin migrate")
    fi
    NOTES+=("To start Cohorta on a systemd machine, as root:")
    local command
    for command in "${commands[@]}"; do NOTES+=("  $command"); done
}

main() {
    parse_arguments "$@"
    install_packages
    build_release
    install_binaries
    install_tree web
    install_tree prompts
    install_system_files
    install_settings
    install_nginx_site
    run_migrate
    start_services
    say "Installed Cohorta for https://$HOST/ (root $ROOT)"
    local note
    for note in "${NOTES[@]}"; do printf '    %s\n' "$note" >&2; done
}

main "$@"
