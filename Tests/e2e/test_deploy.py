"""The production install (`make install`, scripts/install.sh) checked without touching this machine.

scripts/install.sh stages everything into a temp root (`--root`, `DESTDIR=`); the tests then check the layout
and modes against docs/deploy.md, run `systemd-analyze verify` and `security` on the staged units, `nginx -t`
on the staged production site (temp prefix, the self-signed placeholder the script made), and
`cohorta-fcgi admin migrate` twice against nx-27017, the real `make install` into / inside a throwaway mount
namespace, and the binaries under MemoryDenyWriteExecute's W^X rule. No stack: each test starts only what it needs.
One file for the whole install (as issue 8 asks), hence its length.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import signal
import socket
import stat
import struct
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pymongo
import pytest
import requests

from stack import REPO, free_port

BUILD_DIR = Path(os.environ.get("COHORTA_BUILD_DIR") or REPO / ".build" / "release").resolve()
SYSTEMD_ANALYZE = shutil.which("systemd-analyze") or "/usr/bin/systemd-analyze"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HOST = "cohorta.test"
UNITS = ["cohorta-fcgi.socket", "cohorta-fcgi.service", "cohorta-runner.service", "cohorta-ws.service"]
SNIPPETS = ["cohorta-http.conf", "cohorta-site.conf", "cohorta-fastcgi.conf", "cohorta-ws.conf", "security-headers.conf"]


def install(root: Path) -> None:
    result = subprocess.run([str(REPO / "scripts/install.sh"), "--root", str(root), "--host", HOST, "--bin-dir",
                             str(BUILD_DIR)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def staged(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("root")
    install(root)
    return root


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def unit_settings(path: Path) -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith(("#", ";", "[")):
            key, value = line.split("=", 1)
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


# ── layout ──

def test_install_stages_the_documented_layout_with_its_modes(staged):
    expected = {
        "usr/lib/cohorta/cohorta-fcgi": 0o755, "usr/lib/cohorta/cohorta-ws": 0o755,
        "usr/share/cohorta/web/index.html": 0o644, "usr/share/cohorta/web": 0o755, "usr/share/cohorta/prompts": 0o755,
        "usr/lib/sysusers.d/cohorta.conf": 0o644, "usr/lib/tmpfiles.d/cohorta.conf": 0o644,
        "etc/cohorta": 0o750, "etc/cohorta/cohorta.env": 0o640, "etc/cohorta/credentials": 0o700,
        "etc/cohorta/credentials/jwt_secret": 0o600, "etc/cohorta/credentials/llm_api_key": 0o600,
        "etc/nginx/sites-available/cohorta.conf": 0o644, "var/www/letsencrypt": 0o755,
        **{f"usr/lib/systemd/system/{unit}": 0o644 for unit in UNITS},
        **{f"etc/nginx/snippets/{snippet}": 0o644 for snippet in SNIPPETS},
    }
    wrong = {path: oct(mode(staged / path)) for path, want in expected.items()
             if not (staged / path).exists() or mode(staged / path) != want}
    assert not wrong, f"missing or wrong mode: {wrong}"
    assert not list((staged / "usr/share/cohorta").glob("*.new")), "a half-swapped tree was left behind"
    prompts = sorted(p.relative_to(REPO / "prompts") for p in (REPO / "prompts").rglob("*.md"))
    assert prompts and prompts == sorted(p.relative_to(staged / "usr/share/cohorta/prompts")
                                         for p in (staged / "usr/share/cohorta/prompts").rglob("*.md"))
    assert (staged / "etc/cohorta/cohorta.env").read_text() == (REPO / "deploy/cohorta.env.example").read_text()
    assert re.fullmatch(r"[0-9a-f]{64}\n?", (staged / "etc/cohorta/credentials/jwt_secret").read_text())
    assert (staged / "etc/cohorta/credentials/llm_api_key").read_text() == ""
    link = staged / "etc/nginx/sites-enabled/cohorta.conf"
    assert link.is_symlink() and not os.readlink(link).startswith("/") and link.resolve().is_file()
    for unit in UNITS:
        assert (staged / "usr/lib/systemd/system" / unit).read_bytes() == (REPO / "deploy" / unit).read_bytes()


def documented_paths() -> list[str]:
    """The installed paths of docs/deploy.md's "Where everything goes" table (first column; a bare name is a
    sibling of the path before it, `.key` replaces that path's extension)."""
    paths = []
    for row in re.findall(r"^\| (`/[^|]*)\|", (REPO / "docs/deploy.md").read_text(), re.M):
        base = Path("/")
        for name in re.findall(r"`([^`]+)`", row):
            name = name.replace("HOST", HOST)
            if name.startswith("/"):
                base = Path(name)
                paths.append(name)
            elif name.startswith("."):
                paths.append(str(base.with_suffix(name)))
            else:
                paths.append(str(base.parent / name))
    return [path for path in paths if not path.startswith(("/run/", "/var/log/"))]


def test_every_path_in_the_deploy_guide_is_where_the_install_puts_it(staged):
    paths = documented_paths()
    assert len(paths) >= 15, paths
    missing = [path for path in paths if not list(staged.glob(path.lstrip("/")))]
    assert not missing, f"docs/deploy.md names paths the install does not create: {missing}"


def test_the_site_names_the_host_and_a_certificate_that_exists(staged):
    site = (staged / "etc/nginx/sites-available/cohorta.conf").read_text()
    assert "cohorta.example.com" not in site
    assert re.findall(r"server_name (\S+);", site) == [HOST, HOST]
    certificate = re.search(r"^\s*ssl_certificate\s+(\S+);", site, re.M).group(1)
    key = re.search(r"^\s*ssl_certificate_key\s+(\S+);", site, re.M).group(1)
    assert certificate == f"/etc/cohorta/tls/{HOST}.selfsigned.crt", "no Let's Encrypt files: the placeholder"
    assert (staged / certificate.lstrip("/")).is_file() and mode(staged / key.lstrip("/")) == 0o600


def test_the_units_nginx_and_tmpfiles_agree_on_every_path(staged):
    units = {unit: unit_settings(staged / "usr/lib/systemd/system" / unit) for unit in UNITS}
    tmpfiles = (staged / "usr/lib/tmpfiles.d/cohorta.conf").read_text()
    created = set(re.findall(r"^d (\S+) ", tmpfiles, re.M))
    for name, settings in units.items():
        for command in settings.get("ExecStart", []):
            assert (staged / command.split()[0].lstrip("/")).is_file(), f"{name}: {command}"
        for credential in settings.get("LoadCredential", []):
            assert (staged / credential.split(":", 1)[1].lstrip("/")).is_file(), f"{name}: {credential}"
        for path in settings.get("ReadWritePaths", []):
            assert path in created, f"{name}: ReadWritePaths={path} is not made by tmpfiles.d (226/NAMESPACE)"
        if name.endswith(".service"):
            assert settings["Environment"] == ["COHORTA_ENV_FILE=/etc/cohorta/cohorta.env"]
            assert settings["User"] == ["cohorta"] and settings["KillMode"] == ["mixed"]
            assert settings["RestartPreventExitStatus"] == ["78"] and settings["Restart"] == ["on-failure"]
    fcgi_socket = units["cohorta-fcgi.socket"]["ListenStream"][0]
    site = (staged / "etc/nginx/sites-available/cohorta.conf").read_text()
    # The pool's socket is listed twice (max_fails=0) so nginx can resend an idempotent request (design.md).
    assert site.count(f"server unix:{fcgi_socket} max_fails=0;") == 2, "the FastCGI upstream"
    assert "server unix:/run/cohorta/ws.sock;" in site
    assert "root /usr/share/cohorta/web;" in site
    sysusers = (staged / "usr/lib/sysusers.d/cohorta.conf").read_text()
    assert re.search(r"^u cohorta ", sysusers, re.M)


def test_a_second_install_keeps_the_settings_and_the_secret(tmp_path):
    root = tmp_path / "root"
    install(root)
    env = root / "etc/cohorta/cohorta.env"
    env.write_text(env.read_text() + "COHORTA_LOG_LEVEL=debug\n")
    secret = (root / "etc/cohorta/credentials/jwt_secret").read_text()
    # The Makefile entry point, with DESTDIR as docs/deploy.md shows it.
    result = subprocess.run(["make", "-s", "install", f"DESTDIR={root}"], cwd=REPO, capture_output=True, text=True,
                            timeout=120, env={**os.environ, "COHORTA_BIN_DIR": str(BUILD_DIR), "COHORTA_HOST": HOST})
    assert result.returncode == 0, result.stdout + result.stderr
    assert env.read_text().endswith("COHORTA_LOG_LEVEL=debug\n")
    assert (root / "etc/cohorta/credentials/jwt_secret").read_text() == secret
    assert "keeping" in result.stderr and "nothing was started" in result.stderr


def test_every_setting_the_code_reads_is_documented_in_the_example():
    read = set()
    for source in (REPO / "Sources").rglob("*.swift"):
        read |= set(re.findall(r'"((?:COHORTA|STRIPE)_[A-Z0-9_]+)"', source.read_text()))
    documented = set(re.findall(r"^#?((?:COHORTA|STRIPE)_[A-Z0-9_]+)=", (REPO / "deploy/cohorta.env.example").read_text(),
                                re.M))
    assert read, "no setting names found in Sources/"
    assert read - documented == set(), "read in Sources/ but missing from deploy/cohorta.env.example"
    assert documented - read == set(), "documented in deploy/cohorta.env.example but never read"


# ── systemd ──

@pytest.fixture(scope="module")
def systemd_root(staged, tmp_path_factory) -> Path:
    """A copy of the staged root with what `verify --root` resolves besides our units: the stock units
    (sysinit.target …) and /bin/kill (ExecReload). Skips only when systemd-analyze cannot verify a known-good
    unit in it (the reason is given)."""
    if not Path(SYSTEMD_ANALYZE).is_file():
        pytest.skip(f"systemd-analyze not installed ({SYSTEMD_ANALYZE})")
    root = tmp_path_factory.mktemp("systemd") / "root"
    shutil.copytree(staged, root, symlinks=True)
    for stock in Path("/usr/lib/systemd/system").iterdir():
        target = root / "usr/lib/systemd/system" / stock.name
        if stock.is_symlink() and not target.is_symlink():
            target.symlink_to(os.readlink(stock))
        elif stock.is_file() and not target.exists():
            shutil.copy2(stock, target)
    (root / "bin").mkdir(exist_ok=True)
    shutil.copy2(shutil.which("kill") or "/usr/bin/kill", root / "bin/kill")
    probe = verify(root, "[Service]\nExecStart=/bin/kill -l\n")
    if probe.returncode != 0 or (probe.stdout + probe.stderr).strip():
        pytest.skip(f"systemd-analyze verify is unusable here: {(probe.stderr or probe.stdout).strip()[:300]}")
    return root


def verify(root: Path, unit_text: str | None = None, units: list[str] = UNITS) -> subprocess.CompletedProcess:
    """`systemd-analyze verify` on units of root (or on unit_text, written there as probe.service). Absolute
    paths: the files are parsed, and warned about, as given."""
    if unit_text is not None:
        (root / "usr/lib/systemd/system/probe.service").write_text(unit_text)
        units = ["probe.service"]
    paths = [str(root / "usr/lib/systemd/system" / unit) for unit in units]
    return subprocess.run([SYSTEMD_ANALYZE, "verify", f"--root={root}", *paths], capture_output=True, text=True,
                          timeout=60)


def test_systemd_analyze_verify_finds_nothing_to_report(systemd_root):
    result = verify(systemd_root)
    assert result.returncode == 0 and not (result.stdout + result.stderr).strip(), result.stdout + result.stderr


def test_systemd_analyze_verify_reports_a_bad_unit(systemd_root):
    """The check above can fail: a typo in a unit is reported."""
    text = (systemd_root / "usr/lib/systemd/system/cohorta-ws.service").read_text()
    result = verify(systemd_root, text.replace("NoNewPrivileges=yes", "NoNewPrivileges=yes\nProtectSytem=strict"))
    assert "ProtectSytem" in result.stdout + result.stderr


def test_systemd_analyze_security_rates_every_service_ok(systemd_root):
    services = [unit for unit in UNITS if unit.endswith(".service")]
    # --threshold=20: exit status 1 when any unit's exposure is above 2.0 (systemd's "OK" band ends at 3.9).
    result = subprocess.run([SYSTEMD_ANALYZE, "security", "--offline=yes", f"--root={systemd_root}", "--threshold=20",
                             "--no-pager", *services], capture_output=True, text=True, timeout=60)
    levels = re.findall(r"Overall exposure level for (\S+): (\d+\.\d+)", result.stdout + result.stderr)
    assert len(levels) == len(services) and result.returncode == 0, levels or result.stderr


# ── nginx ──

def render_nginx(staged: Path, tmp_path: Path, http_port: int = 80, https_port: int = 443) -> list[str]:
    """The staged site as installed in a temp nginx prefix, every absolute path it opens moved into the staged
    root or tmp_path (nginx -t opens the log files and loads the certificate), nothing root-owned touched.
    Returns the nginx command line without -t / -g."""
    if not Path(NGINX).is_file():
        pytest.skip(f"nginx not installed ({NGINX})")
    conf = staged / "etc/nginx"
    for name in ("fastcgi_params", "mime.types"):
        shutil.copy2(Path("/etc/nginx") / name, tmp_path / name)
    site = (conf / "sites-available/cohorta.conf").read_text()
    for absolute in ("/etc/cohorta/", "/usr/share/cohorta/", "/var/www/"):
        site = site.replace(absolute, f"{staged}{absolute}")
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    if (http_port, https_port) != (80, 443):
        site = site.replace("listen [::]:80;", "").replace("listen [::]:443 ssl http2;", "")
        site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
        site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    (tmp_path / "snippets").symlink_to(conf / "snippets")
    (tmp_path / "cohorta.conf").write_text(site)
    # As root, workers would drop to nobody, who cannot read a pytest temp folder.
    user = "user root root;" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(f"""
{user}
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{}}
http {{
    include mime.types;
    access_log off;
    client_body_temp_path {tmp_path}/body;
    fastcgi_temp_path {tmp_path}/fastcgi;
    proxy_temp_path {tmp_path}/proxy;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    include cohorta.conf;
}}
""")
    return [NGINX, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(tmp_path / "nginx.conf")]


def test_nginx_accepts_the_production_site(staged, tmp_path):
    result = subprocess.run([*render_nginx(staged, tmp_path), "-t"], capture_output=True, text=True, timeout=60)
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "test is successful" in output, output
    assert "[warn]" not in output and "[emerg]" not in output, output


def test_the_production_site_redirects_to_tls_and_answers_with_its_headers(staged, tmp_path):
    """The rendered site on loopback ports: http → https, the security headers, the API's JSON error shape when
    cohorta-fcgi is down, /metrics on plain http from loopback."""
    http_port, https_port = free_port(), free_port()
    nginx = subprocess.Popen([*render_nginx(staged, tmp_path, http_port, https_port), "-g", "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and nginx.poll() is None:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", https_port)) == 0:
                    break
            time.sleep(0.1)
        assert nginx.poll() is None, nginx.stderr.read() if nginx.stderr else ""
        headers = {"Host": HOST}
        redirect = requests.get(f"http://127.0.0.1:{http_port}/personas?x=1", headers=headers,
                                allow_redirects=False, timeout=10)
        assert redirect.status_code == 301 and redirect.headers["Location"] == f"https://{HOST}/personas?x=1"
        spoofed = requests.get(f"http://127.0.0.1:{http_port}/", headers={"Host": "evil.example"},
                               allow_redirects=False, timeout=10)
        assert spoofed.headers.get("Location", "").startswith(f"https://{HOST}/")
        metrics = requests.get(f"http://127.0.0.1:{http_port}/metrics", headers=headers, timeout=10)
        assert metrics.status_code == 502, "loopback reaches the (absent) app instead of being redirected"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the self-signed placeholder
            page = requests.get(f"https://127.0.0.1:{https_port}/", headers=headers, verify=False, timeout=10)
            api = requests.get(f"https://127.0.0.1:{https_port}/api/health", headers=headers, verify=False,
                               timeout=10)
        assert page.status_code == 200 and "<html" in page.text.lower()
        for response in (page, api):
            assert response.headers["Strict-Transport-Security"].startswith("max-age=")
            assert "default-src 'self'" in response.headers["Content-Security-Policy"]
            assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert api.status_code == 502 and api.json()["error"]["code"] == "unavailable"
    finally:
        nginx.send_signal(signal.SIGQUIT)
        try:
            nginx.wait(timeout=15)
        except subprocess.TimeoutExpired:
            nginx.kill()
            nginx.wait()


# ── MongoDB: admin migrate ──

class NX:
    def __init__(self, directory: Path):
        self.port = free_port()
        nx = os.environ.get("COHORTA_NX27017") or shutil.which("nx-27017", path=str(Path(sys.executable).parent)) \
            or str(REPO / ".venv/bin/nx-27017")
        self.process = subprocess.Popen([nx, "--db", "memory", "-p", str(self.port), "--log-file",
                                         str(directory / "nx.log"), "--pid-file", str(directory / "nx.pid")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("nx-27017 did not start")

    @property
    def uri(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/?directConnection=true&serverSelectionTimeoutMS=5000"

    def stop(self) -> None:
        for sig in (signal.SIGINT, signal.SIGKILL):
            if self.process.poll() is None:
                self.process.send_signal(sig)
                try:
                    self.process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass


@pytest.fixture
def nx(tmp_path):
    server = NX(tmp_path)
    yield server
    server.stop()


def migrate(uri: str, *arguments: str, database: str = "cohorta_migrate", mdwe: bool = False):
    env = {"COHORTA_MONGO_URI": uri, "COHORTA_MONGO_DB": database, "COHORTA_JWT_SECRET": os.urandom(32).hex()}
    return subprocess.run([str(BUILD_DIR / "cohorta-fcgi"), "admin", "migrate", *arguments], env=env,
                          capture_output=True, text=True, timeout=120,
                          preexec_fn=refuse_write_execute_memory if mdwe else None)


def index_listing(uri: str, database: str) -> dict[str, list]:
    with pymongo.MongoClient(uri) as client:
        db = client[database]
        return {name: sorted((list(index["key"].items()), index.get("unique", False),
                              index.get("expireAfterSeconds")) for index in db[name].list_indexes())
                for name in sorted(db.list_collection_names())}


def test_admin_migrate_creates_every_index_once(nx):
    first = migrate(nx.uri)
    assert first.returncode == 0, first.stderr
    after_first = index_listing(nx.uri, "cohorta_migrate")
    assert {"users", "credit_transactions", "tasks", "sessions"} <= after_first.keys()
    assert ([["email", 1]], True, None) in [(list(map(list, keys)), unique, ttl) for keys, unique, ttl
                                             in after_first["users"]]
    assert "(created)" in first.stdout and 'msg="migration finished"' in first.stderr

    second = migrate(nx.uri)
    assert second.returncode == 0, second.stderr
    assert index_listing(nx.uri, "cohorta_migrate") == after_first
    assert "(created)" not in second.stdout
    assert re.search(r'msg="migration finished" collections=\d+ created=0 ', second.stderr), second.stderr
    reported = set(re.findall(r"^(\w+): \d+ indexes, 0 created$", second.stdout, re.M))
    assert reported == set(after_first), second.stdout


def test_admin_migrate_explains_a_bad_uri_and_an_unreachable_database():
    bad = migrate("mongodb://127.0.0.1:27017/?directConnection=true&bogus=%%")
    assert bad.returncode == 78, bad.stderr
    assert 'msg="invalid configuration"' in bad.stderr and "setting=COHORTA_MONGO_URI" in bad.stderr
    not_mongo = migrate("http://127.0.0.1/")
    assert not_mongo.returncode == 78 and "setting=COHORTA_MONGO_URI" in not_mongo.stderr
    closed = f"mongodb://127.0.0.1:{free_port()}/?directConnection=true&serverSelectionTimeoutMS=300"
    unreachable = migrate(closed, "--attempts", "2")
    assert unreachable.returncode == 1, unreachable.stderr
    assert unreachable.stderr.count('msg="database not ready"') == 2
    assert 'msg="database unreachable; giving up"' in unreachable.stderr
    usage = migrate(closed, "--attempts", "zero")
    assert usage.returncode == 64 and "admin migrate" in usage.stderr


# ── make install into / (in a throwaway mount namespace) ──

# /etc, /usr, /var and /run become overlays whose upper layers are in a temp folder, inside a private mount
# namespace: the real install (user, /run/cohorta, chgrp, migrate, the stock nginx.conf) runs as on a server and
# vanishes with the namespace. Every overlay is checked before anything is installed.
OVERLAY_INSTALL = r"""
set -eu
mount --make-rprivate /
for d in etc usr var run; do
    mkdir -p "$UPPER/$d/u" "$UPPER/$d/w"
    mount -t overlay overlay -o "lowerdir=/$d,upperdir=$UPPER/$d/u,workdir=$UPPER/$d/w" "/$d" || exit 3
    [ "$(findmnt -n -o FSTYPE --target "/$d")" = overlay ] || exit 3
done
make -s -C "$REPO" install INSTALL_ARGS="--no-packages --bin-dir $BIN"
make -s -C "$REPO" install INSTALL_ARGS="--no-packages --bin-dir $BIN"
stat -c '%n %U:%G %a' /etc/cohorta /etc/cohorta/cohorta.env /run/cohorta /run/cohorta/metrics
nginx -t
"""


def test_make_install_as_root_sets_up_the_machine(nx, tmp_path):
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("findmnt"):
        pytest.skip("needs root, unshare and findmnt")
    installed_before = Path("/etc/cohorta/cohorta.env").exists()
    env = {**os.environ, "UPPER": str(tmp_path / "upper"), "REPO": str(REPO), "BIN": str(BUILD_DIR),
           "COHORTA_HOST": HOST, "COHORTA_MONGO_URI": nx.uri}  # the environment wins over the env file
    result = subprocess.run(["unshare", "--mount", "sh", "-c", OVERLAY_INSTALL], env=env, capture_output=True,
                            text=True, timeout=180)
    output = result.stdout + result.stderr
    if result.returncode == 3 or "unshare failed" in output:
        pytest.skip(f"no private overlay mounts here: {output.strip()[-300:]}")
    assert result.returncode == 0, output
    assert re.search(r'migration finished" collections=\d+ created=0 ', output), "the second run created indexes"
    assert "/etc/cohorta root:cohorta 750" in output and "/etc/cohorta/cohorta.env root:cohorta 640" in output
    assert "/run/cohorta cohorta:www-data 2750" in output and "/run/cohorta/metrics cohorta:cohorta 750" in output
    assert "systemd is not PID 1 here" in output and "systemctl enable --now" in output
    assert "test is successful" in output
    assert Path("/etc/cohorta/cohorta.env").exists() == installed_before, "the install escaped its namespace"


# ── MemoryDenyWriteExecute= ──

PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 1


def refuse_write_execute_memory() -> None:
    """In the child before exec: the kernel's own W^X lock (Linux ≥ 6.3), what MemoryDenyWriteExecute=yes
    enforces with seccomp. Inherited across fork and exec."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_MDWE)")


def test_the_swift_binaries_run_with_write_execute_memory_refused(nx, tmp_path):
    """The units set MemoryDenyWriteExecute=yes: the Swift runtime, Foundation, libmongoc and libwebsockets
    must never map memory writable and executable. migrate, the FastCGI supervisor with its workers and
    cohorta-ws all answer under the lock."""
    probe = subprocess.run([sys.executable, "-c", "import ctypes; print(ctypes.CDLL(None).prctl(65, 1, 0, 0, 0))"],
                           capture_output=True, text=True)
    if probe.stdout.strip() != "0":
        pytest.skip("this kernel has no PR_SET_MDWE (Linux < 6.3)")
    assert migrate(nx.uri, mdwe=True).returncode == 0
    metrics = tmp_path / "metrics"
    metrics.mkdir()
    env = {"PATH": os.environ.get("PATH", ""), "COHORTA_MONGO_URI": nx.uri, "COHORTA_MONGO_DB": "cohorta_mdwe",
           "COHORTA_JWT_SECRET": os.urandom(32).hex(), "COHORTA_FCGI_SOCKET": str(tmp_path / "fcgi.sock"),
           "COHORTA_WS_SOCKET": str(tmp_path / "ws.sock"), "COHORTA_METRICS_DIR": str(metrics),
           "COHORTA_FCGI_WORKERS": "1", "COHORTA_FCGI_THREADS": "2"}
    processes = [subprocess.Popen([str(BUILD_DIR / name), *argv], env=env, stdout=subprocess.DEVNULL,
                                  stderr=open(tmp_path / f"{name}.log", "w"), preexec_fn=refuse_write_execute_memory)
                 for name, argv in (("cohorta-fcgi", ["serve"]), ("cohorta-ws", []))]
    try:
        deadline, health, ws = time.monotonic() + 60, "", ""
        while time.monotonic() < deadline and not ('"status":"ok"' in health and '"status":"ok"' in ws):
            time.sleep(0.3)
            assert all(p.poll() is None for p in processes), (tmp_path / "cohorta-fcgi.log").read_text() \
                + (tmp_path / "cohorta-ws.log").read_text()
            health = fastcgi_get(tmp_path / "fcgi.sock", "/api/health")
            ws = unix_get(tmp_path / "ws.sock", "/ws/health")
        assert '"status":"ok"' in health and '"status":"ok"' in ws, (health, ws)
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        codes = [process.wait(timeout=30) for process in processes]
    assert codes == [0, 0], codes


def unix_exchange(path: Path, request: bytes) -> bytes:
    """Sends request on a Unix socket and reads until the server closes; b"" when nothing listens yet."""
    try:
        with socket.socket(socket.AF_UNIX) as client:
            client.settimeout(10)
            client.connect(str(path))
            client.sendall(request)
            chunks = []
            while chunk := client.recv(65536):
                chunks.append(chunk)
            return b"".join(chunks)
    except OSError:
        return b""


def unix_get(path: Path, target: str) -> str:
    request = f"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode()
    return unix_exchange(path, request).decode(errors="replace")


def fastcgi_get(path: Path, target: str) -> str:
    """One FastCGI GET (request id 1, responder role, no keep-conn): the STDOUT records' bytes."""
    def record(kind: int, content: bytes) -> bytes:
        return struct.pack(">BBHHBx", 1, kind, 1, len(content), 0) + content
    params = b"".join(bytes([len(k), len(v)]) + k + v for k, v in (
        (b"REQUEST_METHOD", b"GET"), (b"REQUEST_URI", target.encode()), (b"DOCUMENT_URI", target.encode()),
        (b"SERVER_PROTOCOL", b"HTTP/1.1")))
    reply = unix_exchange(path, record(1, struct.pack(">HB5x", 1, 0)) + record(4, params) + record(4, b"")
                          + record(5, b""))
    out, offset = b"", 0
    while offset + 8 <= len(reply):
        _, kind, _, length, padding = struct.unpack(">BBHHB", reply[offset:offset + 7])
        if kind == 6:
            out += reply[offset + 8:offset + 8 + length]
        offset += 8 + length + padding
    return out.decode(errors="replace")
