"""The HTTP side of the fake: Stripe's API (/v1), the pay page (/pay/<id>), the knobs (/__fake/), /health.

Threads: ThreadingHTTPServer runs a thread per connection; Account and Deliverer guard their own state, the
create-fault queue has `_faults_lock`. The main thread runs serve_forever; a signal handler starts shutdown.
"""

import argparse
import json
import os
import signal
import sys
import threading
import time
import urllib.parse
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import admin
from .account import Account, StateError
from .delivery import Deliverer
from .forms import FormError, parse_form
from .page import ACTIONS, fill, not_found_page, pay_page

MAX_BODY = 1 << 20
DEFAULT_RETRY_DELAYS = "5,30,120,600"


class FakeStripe(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, webhook_url, webhook_secret, secret_key=None, retry_delays=(), timeout=10.0,
                 public_url=None):
        super().__init__(address, Handler)
        host, port = self.server_address[:2]
        self.public_url = (public_url or f"http://{host}:{port}").rstrip("/")
        self.secret_key = secret_key
        self.auto_deliver = True
        self.account = Account()
        self.stopping = threading.Event()
        self.deliverer = Deliverer(webhook_url, webhook_secret, retry_delays, timeout, self.log, self.stopping)
        self._faults_lock = threading.Lock()
        self._create_faults = []  # statuses for the next session creations; guarded by _faults_lock
        self._log_lock = threading.Lock()

    def log(self, level, message, **fields):
        now = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        pairs = [("ts", now), ("level", level), ("msg", message), *fields.items()]
        line = " ".join(f"{key}={_logfmt(value)}" for key, value in pairs if value is not None)
        with self._log_lock:
            print(line, file=sys.stderr, flush=True)

    def run_until_signalled(self):
        """Serves on a thread until SIGTERM or SIGINT arrives; the main thread waits for it with sigwait (the
        signals are blocked first, so every thread started from here on leaves them to the main thread)."""
        stop_signals = {signal.SIGTERM, signal.SIGINT}
        signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)
        serving = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        serving.start()
        received = signal.sigwait(stop_signals)
        self.stopping.set()  # deliveries waiting between retries give up
        self.log("info", "stopping", signal=signal.Signals(received).name)
        self.shutdown()
        self.server_close()
        self.log("info", "stopped")

    def config(self):
        return {"auto_deliver": self.auto_deliver, "webhook_url": self.deliverer.url,
                "retry_delays": self.deliverer.retry_delays, "public_url": self.public_url}

    def configure(self, body):
        if "auto_deliver" in body:
            self.auto_deliver = admin._flag(body, "auto_deliver", True)
        if "webhook_url" in body:
            if not isinstance(body["webhook_url"], str):
                raise admin.AdminError("webhook_url must be a URL")
            self.deliverer.url = body["webhook_url"]
        if "retry_delays" in body:
            self.deliverer.retry_delays = retry_delays(body["retry_delays"])
        return self.config()

    def queue_create_faults(self, statuses):
        if not isinstance(statuses, list) or not all(status in (409, 429, 500, 502, 503) for status in statuses):
            raise admin.AdminError("create must be a list of statuses among 409, 429, 500, 502, 503")
        with self._faults_lock:
            self._create_faults.extend(statuses)
            return list(self._create_faults)

    def next_create_fault(self):
        with self._faults_lock:
            return self._create_faults.pop(0) if self._create_faults else None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "cohorta-fake-stripe/1"
    sys_version = ""

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass  # _send writes one line per request

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def do_DELETE(self):
        self._handle("DELETE")

    def _handle(self, method):
        self._started = time.monotonic()
        split = urllib.parse.urlsplit(self.path)
        path, query = split.path.rstrip("/") or "/", dict(urllib.parse.parse_qsl(split.query))
        try:
            body = self._body()
            if path == "/health":
                self._json(200, {"status": "ok", "fake_stripe": True})
            elif path.startswith("/__fake/"):
                self._json(*admin.route(self.server, method, path, query, _json_object(body)))
            elif path.startswith("/pay/"):
                self._pay(method, path[len("/pay/"):], body)
            elif path.startswith("/v1/"):
                self._api(method, path, body)
            else:
                self._stripe_error(404, "invalid_request_error", f"Unrecognized request URL ({method}: {path}).")
        except admin.AdminError as error:
            self._json(400, {"error": {"code": "invalid_knob", "message": str(error)}})
        except StateError as error:
            self._stripe_error(error.status, "invalid_request_error", str(error), code=error.code)
        except FormError as error:
            self._stripe_error(400, "invalid_request_error", str(error), param=error.param)

    # ── Stripe's API ──

    def _api(self, method, path, body):
        api_key = self._api_key()
        if api_key is None:
            return
        if method == "POST" and path == "/v1/checkout/sessions":
            fault = self.server.next_create_fault()
            if fault is not None:
                self._stripe_error(fault, "api_error", "Simulated failure (fake Stripe).",
                                   headers={"Stripe-Should-Retry": "true"})
                return
            key = self.headers.get("Idempotency-Key")
            if key is not None and not 0 < len(key) <= 255:
                self._stripe_error(400, "invalid_request_error", "Idempotency keys are 1 to 255 characters.")
                return
            params = parse_form(body)
            raw = sorted(urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True))
            status, payload, replayed = self.server.account.create_session(api_key, key, params, raw,
                                                                          self.server.public_url)
            headers = {"Idempotency-Key": key} if key else {}
            if replayed:
                headers["Idempotent-Replayed"] = "true"
            self._json(status, payload, headers, session=payload.get("id"), replayed=replayed)
        elif method == "GET" and path.startswith("/v1/checkout/sessions/"):
            self._json(200, self.server.account.session(path.rsplit("/", 1)[-1]))
        elif method == "GET" and path.startswith("/v1/events/"):
            self._json(200, self.server.account.event(path.rsplit("/", 1)[-1]))
        else:
            self._stripe_error(404, "invalid_request_error", f"Unrecognized request URL ({method}: {path}).")

    def _api_key(self):
        header = self.headers.get("Authorization", "")
        key = header[7:].strip() if header.startswith("Bearer ") else ""
        required = self.server.secret_key
        if (required and key == required) or (not required and key.startswith("sk_test_")):
            return key
        message = "You did not provide an API key." if not key else "Invalid API Key provided."
        self._stripe_error(401, "invalid_request_error", message, headers={"WWW-Authenticate": 'Bearer realm="Stripe"'})
        return None

    # ── the pay page ──

    def _pay(self, method, session_id, body):
        account = self.server.account
        try:
            session = account.session(session_id)
        except StateError:
            self._send(404, not_found_page(session_id).encode(), "text/html; charset=utf-8")
            return
        if method == "GET":
            page = pay_page(session, account.line_items(session_id))
            self._send(200, page.encode(), "text/html; charset=utf-8")
            return
        action = dict(urllib.parse.parse_qsl(body.decode("utf-8", "replace"))).get("action")
        if action not in ACTIONS:
            self._send(400, b"Unknown action", "text/plain; charset=utf-8")
            return
        if session["status"] != "open":
            self._send(409, pay_page(session, account.line_items(session_id)).encode(), "text/html; charset=utf-8")
            return
        target = session["cancel_url"] or f"{self.server.public_url}/pay/{session_id}"
        if action != "cancel":
            events = account.pay(session_id, asynchronous=action == "pay_async")
            if self.server.auto_deliver:
                self.server.deliverer.send(events)
            target = session["success_url"]
        self._send(303, b"", "text/plain", {"Location": fill(target, session_id)}, action=action)

    # ── plumbing ──

    def _body(self):
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            raise FormError("Invalid Content-Length.")
        return self.rfile.read(length) if length else b""

    def _json(self, status, payload, headers=None, **log):
        data = json.dumps(payload, indent=2).encode()
        self._send(status, data, "application/json", headers, **log)

    def _stripe_error(self, status, kind, message, code=None, param=None, headers=None):
        error = {"type": kind, "message": message, **({"code": code} if code else {}),
                 **({"param": param} if param else {})}
        self._json(status, {"error": error}, headers)

    def _send(self, status, data, content_type, headers=None, **log):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", f"req_{os.urandom(7).hex()}")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        elapsed = (time.monotonic() - self._started) * 1000
        self.server.log("info" if status < 500 else "warning", "request", method=self.command,
                        path=self.path.split("?", 1)[0], status=status, ms=f"{elapsed:.1f}", **log)


def _json_object(body):
    if not body:
        return {}
    try:
        value = json.loads(body)
    except ValueError as error:
        raise admin.AdminError(f"the body is not JSON: {error}") from None
    if not isinstance(value, dict):
        raise admin.AdminError("the body must be a JSON object")
    return value


def _logfmt(value):
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return json.dumps(text) if not text or any(char in text for char in ' "=') else text


def retry_delays(value):
    """Seconds between attempts, from "0.2,0.5,1" or a JSON list."""
    items = value.split(",") if isinstance(value, str) else value
    try:
        delays = [float(item) for item in items if str(item).strip()]
    except (TypeError, ValueError):
        raise admin.AdminError(f"retry delays must be numbers of seconds, not {value!r}") from None
    if any(delay < 0 for delay in delays):
        raise admin.AdminError("retry delays must not be negative")
    return delays


def main(argv=None):
    env = os.environ.get
    parser = argparse.ArgumentParser(description="Cohorta's fake Stripe (Checkout Sessions and webhooks).")
    parser.add_argument("--port", type=int, default=int(env("FAKE_STRIPE_PORT", "12111")),
                        help="TCP port (0: any free port; default 12111)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--webhook-url", default=env("FAKE_STRIPE_WEBHOOK_URL"),
                        help="where events are POSTed, e.g. http://127.0.0.1:8080/api/billing/webhook")
    parser.add_argument("--webhook-secret", default=env("FAKE_STRIPE_WEBHOOK_SECRET"),
                        help="the whsec_… signing secret (or FAKE_STRIPE_WEBHOOK_SECRET)")
    parser.add_argument("--secret-key", default=env("FAKE_STRIPE_SECRET_KEY"),
                        help="accept only this API key (default: any sk_test_… key)")
    parser.add_argument("--retry-delays", default=env("FAKE_STRIPE_RETRY_DELAYS", DEFAULT_RETRY_DELAYS),
                        help=f"seconds between delivery attempts (default {DEFAULT_RETRY_DELAYS})")
    parser.add_argument("--webhook-timeout", type=float, default=10.0, help="seconds per attempt (default 10)")
    parser.add_argument("--public-url", default=env("FAKE_STRIPE_PUBLIC_URL"),
                        help="base of the pay page URLs (default http://HOST:PORT)")
    args = parser.parse_args(argv)
    if not args.webhook_secret or not args.webhook_secret.startswith("whsec_") or args.webhook_secret.strip() \
            != args.webhook_secret:
        parser.error("--webhook-secret (or FAKE_STRIPE_WEBHOOK_SECRET) must be a whsec_… string without spaces")
    try:
        delays = retry_delays(args.retry_delays)
    except admin.AdminError as error:
        parser.error(str(error))
    try:
        server = FakeStripe((args.host, args.port), args.webhook_url, args.webhook_secret, args.secret_key,
                            delays, args.webhook_timeout, args.public_url)
    except OSError as error:
        print(f"fake-stripe: cannot listen on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 78

    host, port = server.server_address[:2]
    server.log("info", "listening", host=host, port=port, webhook_url=args.webhook_url or "(none)",
               retry_delays=",".join(f"{delay:g}" for delay in delays))
    server.run_until_signalled()
    return 0
