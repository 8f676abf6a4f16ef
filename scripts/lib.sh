# Shared by the scripts in this folder; source it, do not run it.
# Paths of the dev/test state (everything lives in <repo>/var, which git ignores).

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR="$REPO/var"
VENV="$REPO/.venv"
LOG_DIR="$VAR/log"
DATA_DIR="$VAR/data"
NGINX_PREFIX="$VAR/nginx"
DEV_ENV="$VAR/dev.env"
BUILD_DIR="${COHORTA_BUILD_DIR:-$REPO/.build/release}"

# Unix socket paths are limited to 107 bytes; a deep checkout falls back to a short per-repo folder.
RUN_DIR="$VAR/run"
if (( ${#RUN_DIR} > 90 )); then
    RUN_DIR="/tmp/cohorta-run-$(printf '%s' "$REPO" | sha256sum | cut -c1-12)"
fi

# The Swift toolchain lives in /opt/swift on our machines; CI images may not have it on PATH.
if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33mwarning:\033[0m %s\n' "$*" >&2; }
die() {
    printf '\033[1;31merror:\033[0m %s\n' "$*" >&2
    exit 1
}

# Runs a command as root: directly when we are root, else through sudo (non-interactive in CI).
as_root() {
    if (( EUID == 0 )); then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@" || die "needs root for: $* (run 'sudo -v' first)"
    else
        die "needs root for: $*"
    fi
}

# apt-get installs those of the given Debian packages that are not installed yet (as root).
apt_install_missing() {
    local missing=() package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    if (( ${#missing[@]} == 0 )); then
        say "Debian packages: all present"
        return
    fi
    say "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# True while the process runs (a zombie child waiting to be reaped counts as stopped).
pid_running() {
    local state
    state="$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" || return 1
    [[ -n "$state" && "$state" != Z ]]
}

# True while the process whose pid is stored in the file runs.
pidfile_alive() {
    local file="$1" pid
    [[ -s "$file" ]] || return 1
    pid="$(<"$file")"
    [[ "$pid" =~ ^[0-9]+$ ]] && pid_running "$pid"
}

# Sends a signal to the pid in the file, waits up to $3 seconds, then SIGKILLs; removes the file.
stop_pidfile() {
    local file="$1" signal="$2" timeout="${3:-10}" pid waited=0
    if pidfile_alive "$file"; then
        pid="$(<"$file")"
        kill "-$signal" "$pid" 2>/dev/null || true
        while pid_running "$pid" && (( waited < timeout * 10 )); do
            sleep 0.1
            waited=$((waited + 1))
        done
        if pid_running "$pid"; then
            warn "$(basename "$file" .pid) (pid $pid) ignored SIG$signal for ${timeout}s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$file"
}
