"""The real Cohorta stack for end-to-end tests.

`Stack` starts nx-27017 (in memory), the LLM simulator, the fake Stripe, `cohorta-fcgi serve`, `cohorta-ws`
and nginx (rendered from nginx/dev.conf.template, so the production snippets are what is tested) on free
loopback ports, with sockets, logs and nginx's prefix in a fresh temp folder, and stops them all in `stop()`.

Every request a test sends through `stack.session()` is checked for 5xx answers (see conftest.py).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter

REPO = Path(__file__).resolve().parents[2]
LOG_NAMES = ("mongo", "llm", "stripe", "fcgi", "runner", "ws", "nginx-error", "nginx-access")


class StackError(RuntimeError):
    pass


class SourceAddressAdapter(HTTPAdapter):
    """Sends from a chosen loopback address (127.0.0.0/8 is all local on Linux), so tests that trip
    per-IP limits get an IP of their own and cannot throttle each other."""

    def __init__(self, source_ip: str, **kwargs):
        self.source_ip = source_ip
        super().__init__(**kwargs)

    def init_poolmanager(self, connections, maxsize, block=False, **kwargs):
        kwargs["source_address"] = (self.source_ip, 0)
        super().init_poolmanager(connections, maxsize, block, **kwargs)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.com"


def new_password() -> str:
    return "pw-" + secrets.token_urlsafe(12)


class Stack:
    """One running stack. Attributes (docs/contracts.md): base_url, ws_url, jwt_secret, mongo_uri, db_name, repo,
    simulator_url, stripe_url, stripe_secret_key, stripe_webhook_secret."""

    # nginx limits the sign-in routes at the production rate, but only for this address: the test that checks
    # nginx's 429 sends its burst from it, and the rest of the suite signs in freely from other addresses.
    AUTH_RATE = "1r/s"
    AUTH_LIMITED_ADDRESS = "127.0.0.3"
    # nginx cuts slow clients (slowloris) after this instead of production's 15 s, so that test takes seconds.
    CLIENT_TIMEOUT = "2s"

    def __init__(self, build_dir: Path, repo: Path = REPO, dev_mode: bool = False, web_root: Path | None = None):
        self.repo = repo
        self.web_root = web_root or repo / "web"
        self.build_dir = build_dir
        self.dev_mode = dev_mode
        self.jwt_secret = secrets.token_hex(32)
        self.db_name = "cohorta_e2e"
        self.mongo_uri = ""
        self.simulator_url = ""  # the LLM simulator's root, e.g. http://127.0.0.1:PORT (its API is under /v1)
        # The fake Stripe (scripts/fake-stripe.py): its root (API under /v1, knobs under /__fake/), the key the
        # app sends it, and the secret it signs webhooks with. Retries are quick, so tests can wait them out.
        self.stripe_url = ""
        self.stripe_secret_key = "sk_test_cohorta_e2e_" + secrets.token_hex(8)
        self.stripe_webhook_secret = "whsec_cohorta_e2e_" + secrets.token_hex(16)
        self.stripe_retry_delays = "0.2,0.4,0.8,1.6,3.2"
        self._web_port = 0
        self.base_url = ""
        self.ws_url = ""
        self.server_errors: list[str] = []  # "METHOD URL -> status", from every stack.session()
        self.exit_codes: dict[str, int] = {}
        self._dir = Path(tempfile.mkdtemp(prefix="cohorta-e2e-"))
        self.log_dir = self._dir / "logs"
        self.log_dir.mkdir()
        self._processes: dict[str, subprocess.Popen] = {}
        self._log_files = []

    # ── lifecycle ──

    def start(self) -> "Stack":
        for binary in ("cohorta-fcgi", "cohorta-ws"):
            if not os.access(self.build_dir / binary, os.X_OK):
                raise StackError(f"{self.build_dir / binary} is missing: run `swift build -c release` "
                                 "(or set COHORTA_BUILD_DIR)")
        try:
            self._web_port = free_port()  # known before nginx starts: the fake Stripe posts webhooks to it
            self._start_mongo()
            self._start_simulator()
            self._start_stripe()
            self._start_services()
            self._start_nginx()
            self._wait_for_health()
        except (OSError, subprocess.SubprocessError, StackError) as error:
            tails = self.log_tails()
            self.stop()
            raise StackError(f"the stack did not start: {error} (logs in {self.log_dir})\n{tails}") from None
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stops nginx first, the database last; each gets SIGKILL if it ignores its signal for 10 s."""
        extra_ws = [(name, signal.SIGTERM) for name in self._processes if name.startswith("ws-")]
        order = (("nginx", signal.SIGQUIT), ("fcgi", signal.SIGTERM), ("runner", signal.SIGTERM),
                 ("ws", signal.SIGTERM), *extra_ws, ("llm", signal.SIGTERM), ("stripe", signal.SIGTERM),
                 ("mongo", signal.SIGTERM))
        for name, sig in order:
            self._stop_process(name, sig)
        for log in self._log_files:
            log.close()
        self._log_files.clear()

    def _stop_process(self, name: str, sig: int) -> None:
        """Sends `sig` and waits; SIGKILL after 10 s. Records the exit code."""
        process = self._processes.pop(name, None)
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.exit_codes[name] = process.returncode

    def remove_files(self) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)

    @property
    def env(self) -> dict[str, str]:
        """The environment the Cohorta processes (and the admin CLI) run with. The caller's COHORTA_*
        variables are dropped, so a developer's shell settings never leak into the test stack."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("COHORTA_")}
        env.update({
            "COHORTA_DEV_MODE": "1" if self.dev_mode else "0",
            "COHORTA_JWT_SECRET": self.jwt_secret,
            "COHORTA_MONGO_URI": self.mongo_uri,
            "COHORTA_MONGO_DB": self.db_name,
            "COHORTA_FCGI_SOCKET": str(self._dir / "fcgi.sock"),
            "COHORTA_WS_SOCKET": str(self._dir / "ws.sock"),
            "COHORTA_METRICS_DIR": str(self._dir / "metrics"),
            "COHORTA_FCGI_WORKERS": "2",
            "COHORTA_FCGI_THREADS": "8",
            "COHORTA_LOG_LEVEL": "info",
            "COHORTA_LLM_BASE_URL": f"{self.simulator_url}/v1",
            "COHORTA_LLM_SIMULATED": "1",
            "COHORTA_PROMPTS_DIR": str(self.repo / "prompts"),
            # Admin changes to the credit settings reach every process within a second (the default is 60 s).
            "COHORTA_SETTINGS_CACHE_SECONDS": "1",
            "COHORTA_PUBLIC_URL": f"http://127.0.0.1:{self._web_port}",
            "STRIPE_API_BASE": self.stripe_url,
            "STRIPE_SECRET_KEY": self.stripe_secret_key,
            "STRIPE_WEBHOOK_SECRET": self.stripe_webhook_secret,
        })
        return env

    def process(self, name: str) -> subprocess.Popen:
        """The running service `name` (mongo, fcgi, ws, nginx), for tests that signal it."""
        return self._processes[name]

    # ── cohorta-ws: crash, restart, more instances (tests of live rooms) ──

    def kill_ws(self) -> None:
        """SIGKILL to cohorta-ws, as a crash: no drain, no close frames, its unix socket file left behind."""
        process = self._processes["ws"]
        process.kill()
        process.wait()
        self.exit_codes["ws"] = process.returncode

    def restart_ws(self) -> None:
        """Starts cohorta-ws again with the same settings (after kill_ws) and waits until it accepts on its
        socket. The stale socket file of a killed process is left for cohorta-ws to deal with, as after a crash
        under systemd."""
        self._start_ws("ws", self.env)

    def start_extra_ws(self, env_overrides: dict[str, str] | None = None) -> tuple[str, int]:
        """Another cohorta-ws sharing the database, on its own unix socket and a free loopback port (not
        behind nginx). Returns (name, port); its URL is ws://127.0.0.1:PORT/ws. Stop it with stop_ws(name)."""
        number = 2
        while f"ws-{number}" in self._processes:
            number += 1
        name, port = f"ws-{number}", free_port()
        env = {**self.env, "COHORTA_WS_SOCKET": str(self._dir / f"{name}.sock"), "COHORTA_WS_PORT": str(port),
               **(env_overrides or {})}
        self._start_ws(name, env)
        self._wait_until(name, lambda: _accepts_tcp(port), f"port {port}")
        return name, port

    def stop_ws(self, name: str) -> int | None:
        """SIGTERM to an instance from start_extra_ws (a drain: clients get 1001); returns its exit code."""
        self._stop_process(name, signal.SIGTERM)
        return self.exit_codes.get(name)

    def _start_ws(self, name: str, env: dict[str, str]) -> None:
        self._launch(name, [str(self.build_dir / "cohorta-ws")], env)
        socket_path = Path(env["COHORTA_WS_SOCKET"])
        self._wait_until(name, lambda: _accepts_unix(socket_path), str(socket_path))

    def _launch(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> None:
        log = open(self.log_dir / f"{name}.log", "ab")
        self._log_files.append(log)
        self._processes[name] = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
            start_new_session=True)

    def _require_running(self, name: str) -> None:
        process = self._processes[name]
        if process.poll() is not None:
            raise StackError(f"{name} exited with status {process.returncode}")

    def _wait_until(self, name: str, ready, what: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not ready():
            self._require_running(name)
            if time.monotonic() > deadline:
                raise StackError(f"{name}: {what} not ready after {timeout:.0f} s")
            time.sleep(0.1)

    def _start_mongo(self) -> None:
        port = free_port()
        self.mongo_uri = f"mongodb://127.0.0.1:{port}/?directConnection=true&serverSelectionTimeoutMS=3000"
        nx = os.environ.get("COHORTA_NX27017") or shutil.which("nx-27017", path=str(Path(sys.executable).parent)) \
            or str(self.repo / ".venv" / "bin" / "nx-27017")
        # nx-27017 logs to its console as well as to --log-file; keep the console copy only.
        self._launch("mongo", [str(nx), "--db", "memory", "-p", str(port), "--log-file", os.devnull,
                               "--pid-file", str(self._dir / "nx-27017.pid")])
        self._wait_until("mongo", lambda: _accepts_tcp(port), f"port {port}")

    def _start_simulator(self) -> None:
        port = free_port()
        self.simulator_url = f"http://127.0.0.1:{port}"
        self._launch("llm", [sys.executable, str(self.repo / "scripts" / "llm-simulator.py"), "--port", str(port)])
        self._wait_until("llm", lambda: _accepts_tcp(port), f"port {port}")

    def _start_stripe(self) -> None:
        port = free_port()
        self.stripe_url = f"http://127.0.0.1:{port}"
        self._launch("stripe", [sys.executable, str(self.repo / "scripts" / "fake-stripe.py"), "--port", str(port),
                                "--webhook-url", f"http://127.0.0.1:{self._web_port}/api/billing/webhook",
                                "--webhook-secret", self.stripe_webhook_secret, "--secret-key", self.stripe_secret_key,
                                "--retry-delays", self.stripe_retry_delays, "--webhook-timeout", "5"])
        self._wait_until("stripe", lambda: _accepts_tcp(port), f"port {port}")

    def _start_services(self) -> None:
        env = self.env
        self._launch("fcgi", [str(self.build_dir / "cohorta-fcgi"), "serve"], env)
        self._launch("runner", [str(self.build_dir / "cohorta-fcgi"), "runner"], env)
        fcgi_socket = Path(env["COHORTA_FCGI_SOCKET"])
        self._start_ws("ws", env)
        self._wait_until("fcgi", fcgi_socket.is_socket, str(fcgi_socket))

    def _start_nginx(self) -> None:
        port = self._web_port or free_port()
        prefix = self._dir / "nginx"
        self._render_nginx(prefix, port)
        self._launch("nginx", ["nginx", "-p", str(prefix), "-c", "conf/nginx.conf",
                               "-e", str(self.log_dir / "nginx-error.log")])
        self.base_url = f"http://127.0.0.1:{port}"
        self.ws_url = f"ws://127.0.0.1:{port}/ws"
        self._wait_until("nginx", lambda: _accepts_tcp(port), f"port {port}")

    def _render_nginx(self, prefix: Path, port: int) -> None:
        """Writes nginx's config into `prefix` (a hook: subclasses render another topology)."""
        env = self.env
        subprocess.run(
            [sys.executable, str(self.repo / "scripts" / "render-nginx.py"), "--prefix", str(prefix),
             "--port", str(port), "--web-root", str(self.web_root),
             "--fcgi-socket", env["COHORTA_FCGI_SOCKET"], "--ws-socket", env["COHORTA_WS_SOCKET"],
             "--auth-rate", self.AUTH_RATE, "--auth-limited-only", self.AUTH_LIMITED_ADDRESS, "--log-dir", str(self.log_dir),
             "--client-timeout", self.CLIENT_TIMEOUT],
            check=True, stdout=subprocess.DEVNULL)

    def _wait_for_health(self) -> None:
        def healthy() -> bool:
            for name in ("fcgi", "runner", "ws"):
                self._require_running(name)
            try:
                return self.session().get(f"{self.base_url}/api/health", timeout=2).status_code == 200
            except requests.RequestException:
                return False

        self._wait_until("nginx", healthy, "/api/health", timeout=60.0)

    # ── diagnostics ──

    def log_tails(self, lines: int = 40) -> str:
        parts = []
        extra_ws = sorted(path.stem for path in self.log_dir.glob("ws-*.log"))
        for name in (*LOG_NAMES, *extra_ws):
            path = self.log_dir / f"{name}.log"
            if path.exists() and path.stat().st_size:
                text = path.read_text(errors="replace").splitlines()[-lines:]
                parts.append(f"── last {len(text)} lines of {name}.log ──\n" + "\n".join(text))
        for name, process in self._processes.items():
            if process.poll() is not None:
                parts.append(f"── {name} exited with status {process.returncode} ──")
        return "\n".join(parts) or "(no logs)"

    # ── HTTP helpers ──

    def session(self, source_ip: str = "127.0.0.1") -> requests.Session:
        """A requests session to base_url that records every 5xx answer in `server_errors`."""
        session = requests.Session()
        session.trust_env = False  # never send loopback traffic through an http_proxy from the environment
        if source_ip != "127.0.0.1":
            session.mount("http://", SourceAddressAdapter(source_ip))

        def record_server_error(response, *args, **kwargs):
            if response.status_code >= 500:
                self.server_errors.append(f"{response.request.method} {response.url} -> {response.status_code}")

        session.hooks["response"].append(record_server_error)
        return session

    def url(self, path: str) -> str:
        return self.base_url + path

    def register(self, email: str | None = None, password: str | None = None) -> tuple[str, str]:
        email = email or unique_email()
        password = password or new_password()
        response = self.session().post(self.url("/api/auth/register"), json={"email": email, "password": password})
        if response.status_code != 201:
            raise StackError(f"register {email}: {response.status_code} {response.text}")
        return email, password

    def login(self, email: str, password: str) -> str:
        return self._login(email, password)["token"]

    def _login(self, email: str, password: str) -> dict:
        response = self.session().post(self.url("/api/auth/login"), json={"email": email, "password": password})
        if response.status_code != 200:
            raise StackError(f"login {email}: {response.status_code} {response.text}")
        return response.json()

    def new_user(self) -> tuple[str, dict]:
        """Registers and signs in a fresh user: (token, user JSON)."""
        body = self._login(*self.register())
        return body["token"], body["user"]

    def make_admin(self, email: str, password: str | None = None) -> str:
        """Runs `cohorta-fcgi admin create-admin --email E` (password on stdin) against this stack: creates
        the admin, or promotes an existing account (pass its password then). Returns the password."""
        password = password or new_password()
        result = subprocess.run(
            [str(self.build_dir / "cohorta-fcgi"), "admin", "create-admin", "--email", email],
            input=password + "\n", env=self.env, capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise StackError(f"create-admin {email} exited {result.returncode}:\n{result.stderr}")
        return password


def _accepts_tcp(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def message_like(stored: dict, seq: int, text: str) -> dict:
    """A session_messages document for `seq`, shaped like `stored` (one the runner wrote in the same session),
    as if the runner had stored another turn: what tests and benchmarks insert to drive the live rooms."""
    return {**stored, "_id": f"{stored['session_id']}:{seq:06d}", "seq": seq, "text": text,
            "created_at": datetime.now(timezone.utc).replace(tzinfo=None)}


def _accepts_unix(path: Path) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(0.5)
            probe.connect(str(path))
            return True
    except OSError:
        return False


def expect_error(response: requests.Response, status: int, code: str | None = None, field: str | None = None) -> dict:
    """Asserts the API's error shape {"error": {"code", "message", "field"?}} with this status; returns the error."""
    assert response.status_code == status, f"expected {status}, got {response.status_code}: {response.text[:300]}"
    assert response.headers.get("Content-Type", "").startswith("application/json"), response.headers
    error = response.json()["error"]
    assert isinstance(error["code"], str) and isinstance(error["message"], str) and error["message"], error
    if code is not None:
        assert error["code"] == code, error
    if field is not None:
        assert error.get("field") == field, error
    return error
