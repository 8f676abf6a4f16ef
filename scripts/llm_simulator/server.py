"""The HTTP side: OpenAI-compatible endpoints, fault injection, stats, auth, logging and shutdown.

Threads: ThreadingHTTPServer runs one thread per connection; FaultQueue and Stats are shared and guarded by
their own lock. The main thread runs serve_forever; a signal handler only starts the shutdown.
"""

import argparse
import json
import os
import signal
import sys
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .completion import CREATED, Completion, RequestError

MODELS = ["cohorta-sim-main", "cohorta-sim-mini"]
FAULT_KINDS = ("429", "500", "timeout", "malformed_json", "slow_stream", "invalid_schema", "break_character",
               "repeat_last")
# Faults that change what a participant or moderator says: only a plain-text (no schema) completion takes them.
TEXT_FAULTS = ("break_character", "repeat_last")
DEFAULT_TIMEOUT_SECONDS = 30.0
DEFAULT_CHUNK_DELAY_MS = 300
# Between the chunks of a streamed plain-text answer (a turn the live rooms show as it is written), so drafts
# are visible; JSON answers are not paced. Overridden by --text-pace-ms or this environment variable.
DEFAULT_TEXT_PACE_MS = 20
TEXT_PACE_ENV = "LLM_SIMULATOR_TEXT_PACE_MS"


class FaultQueue:
    """Faults queued by tests, consumed one per completion request (the first whose model matches)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._queue = []

    def add(self, body):
        if not isinstance(body, dict) or not isinstance(body.get("faults"), list):
            raise ValueError("expected {\"faults\": [kind, …]}")
        entries = []
        for item in body["faults"]:
            entry = dict(item) if isinstance(item, dict) else {"kind": item}
            entry["kind"] = str(entry.get("kind", entry.get("type", "")))
            if entry["kind"] not in FAULT_KINDS:
                raise ValueError(f"unknown fault {entry['kind']!r}; known: {', '.join(FAULT_KINDS)}")
            for key in ("retry_after", "timeout_seconds", "model", "chunk_delay_ms"):
                if key in body and key not in entry:
                    entry[key] = body[key]
            for key in ("retry_after", "timeout_seconds", "chunk_delay_ms"):
                if key in entry and (isinstance(entry[key], bool) or not isinstance(entry[key], (int, float))
                                     or entry[key] < 0):
                    raise ValueError(f"{key} must be a non-negative number")
            entries.append(entry)
        with self._lock:
            self._queue.extend(entries)
            return len(self._queue)

    def clear(self):
        with self._lock:
            self._queue.clear()

    def take(self, model, plain_text):
        """The first queued fault for `model`; a text fault waits for a plain-text completion."""
        with self._lock:
            for position, entry in enumerate(self._queue):
                if entry.get("model") in (None, model) and (plain_text or entry["kind"] not in TEXT_FAULTS):
                    return self._queue.pop(position)
        return None

    def pending(self):
        with self._lock:
            return [dict(entry) for entry in self._queue]


class Stats:
    def __init__(self):
        self._lock = threading.Lock()
        self.reset()

    def reset(self):
        self.completions = 0
        self.by_model = {}
        self.faults = {}
        self.prompt_tokens = 0
        self.completion_tokens = 0

    def count(self, model):
        with self._lock:
            self.completions += 1
            self.by_model[model] = self.by_model.get(model, 0) + 1

    def fault(self, kind):
        with self._lock:
            self.faults[kind] = self.faults.get(kind, 0) + 1

    def tokens(self, usage):
        with self._lock:
            self.prompt_tokens += usage["prompt_tokens"]
            self.completion_tokens += usage["completion_tokens"]

    def snapshot(self, pending):
        with self._lock:
            return {"completions": self.completions, "by_model": dict(self.by_model), "faults_served": dict(self.faults),
                    "prompt_tokens": self.prompt_tokens, "completion_tokens": self.completion_tokens,
                    "pending_faults": pending}


class Simulator(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the default 5 resets connections when a runner opens many at once

    def __init__(self, address, require_key=None, log_file=None, latency_ms=0, chunk_delay_ms=0, text_pace_ms=0):
        super().__init__(address, Handler)
        self.require_key = require_key
        self.latency = latency_ms / 1000        # before every answer, like a real model's time to first token
        self.chunk_delay = chunk_delay_ms / 1000  # between stream chunks when no slow_stream fault applies
        self.text_pace = text_pace_ms / 1000    # at least this between the chunks of a plain-text stream
        self.faults = FaultQueue()
        self.stats = Stats()
        self.stopping = threading.Event()
        self._log_lock = threading.Lock()
        self._log_file = open(log_file, "a", encoding="utf-8") if log_file else None

    def log(self, level, message, **fields):
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        parts = [f"ts={now}", f"level={level}", f'msg="{message}"']
        for key, value in fields.items():
            if value is None:
                continue
            text = str(value).lower() if isinstance(value, bool) else str(value)
            parts.append(f'{key}="{text}"' if (" " in text or not text) else f"{key}={text}")
        line = " ".join(parts)
        with self._log_lock:
            print(line, file=sys.stderr, flush=True)
            if self._log_file:
                self._log_file.write(line + "\n")
                self._log_file.flush()

    def server_close(self):
        super().server_close()
        if self._log_file:
            self._log_file.close()
            self._log_file = None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "cohorta-llm-simulator/1"
    sys_version = ""

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass  # one line per request is written by _finish instead

    # --- routing ---

    def do_GET(self):
        self._started = time.monotonic()
        path = self.path.split("?", 1)[0].rstrip("/")
        if path == "/health":
            self._json(200, {"status": "ok", "simulator": True})
        elif path == "/__stats":
            self._json(200, self.server.stats.snapshot(self.server.faults.pending()))
        elif path == "/__faults":
            self._json(200, {"pending": self.server.faults.pending()})
        elif path in ("/v1/models", "/models"):
            if self._authorised():
                self._json(200, {"object": "list", "data": [self._model(name) for name in MODELS]})
        elif path.startswith("/v1/models/") or path.startswith("/models/"):
            if self._authorised():
                self._json(200, self._model(path.rsplit("/", 1)[-1]))
        else:
            self._error(404, f"Unknown path {path}", "invalid_request_error", "not_found")

    def do_POST(self):
        self._started = time.monotonic()
        path = self.path.split("?", 1)[0].rstrip("/")
        body = self._read_json()
        if body is _INVALID:
            return
        if path == "/__faults":
            try:
                pending = self.server.faults.add(body)
            except ValueError as error:
                self._error(400, str(error), "invalid_request_error", "invalid_fault")
                return
            self._json(200, {"queued": len(body["faults"]), "pending": pending})
        elif path in ("/v1/chat/completions", "/chat/completions") or (
                path.startswith("/openai/deployments/") and path.endswith("/chat/completions")):
            if self._authorised():
                deployment = path.split("/")[3] if path.startswith("/openai/") else None
                self._completion(body, deployment)
        else:
            self._error(404, f"Unknown path {path}", "invalid_request_error", "not_found")

    def do_DELETE(self):
        self._started = time.monotonic()
        path = self.path.split("?", 1)[0].rstrip("/")
        if path == "/__faults":
            self.server.faults.clear()
            self._json(200, {"pending": []})
        elif path == "/__stats":
            self.server.stats.reset()
            self._json(200, self.server.stats.snapshot(self.server.faults.pending()))
        else:
            self._error(404, f"Unknown path {path}", "invalid_request_error", "not_found")

    # --- chat completions ---

    def _completion(self, body, deployment):
        if not isinstance(body, dict):
            self._error(400, "The request body must be a JSON object.", "invalid_request_error", "invalid_body")
            return
        model = body.get("model") or deployment
        if not isinstance(model, str) or not model:
            self._error(400, "You must provide a model parameter.", "invalid_request_error", "missing_model")
            return
        stream = body.get("stream") is True
        self.server.stats.count(model)
        try:
            completion = Completion(body, model)
        except RequestError as error:
            self._error(400, str(error), "invalid_request_error", "invalid_request", model=model)
            return
        except Exception as error:  # noqa: BLE001 - a simulator bug must answer, not drop the connection
            self._error(500, f"The simulator could not answer: {type(error).__name__}: {error}", "server_error",
                        "simulator_error", model=model)
            return
        fault = self.server.faults.take(model, plain_text=not completion.is_json)
        kind = fault["kind"] if fault else None
        if kind:
            self.server.stats.fault(kind)
        log = {"model": model, "stream": stream, "fault": kind}
        if kind == "429":
            retry_after = fault.get("retry_after", 1)
            self._error(429, "Rate limit reached for requests (simulated).", "rate_limit_error",
                        "rate_limit_exceeded", headers={"Retry-After": _number_text(retry_after),
                                                        "retry-after-ms": str(int(retry_after * 1000))}, **log)
            return
        if kind == "500":
            self._error(500, "The server had an error while processing your request (simulated).", "server_error",
                        "internal_error", **log)
            return
        if kind == "timeout":
            if self.server.stopping.wait(fault.get("timeout_seconds", DEFAULT_TIMEOUT_SECONDS)):
                return
        elif kind == "malformed_json":
            completion.break_json()
        elif kind == "invalid_schema":
            completion.break_schema()
        elif kind == "break_character":
            completion.break_character()
        elif kind == "repeat_last":
            completion.repeat_last()
        if kind == "slow_stream":
            delay = fault.get("chunk_delay_ms", DEFAULT_CHUNK_DELAY_MS) / 1000
        elif completion.is_json:
            delay = self.server.chunk_delay
        else:
            delay = max(self.server.chunk_delay, self.server.text_pace)
        if self.server.latency and self.server.stopping.wait(self.server.latency):
            return
        usage = completion.usage
        log.update(prompt_tokens=usage["prompt_tokens"], completion_tokens=usage["completion_tokens"])
        self.server.stats.tokens(usage)
        try:
            if stream:
                options = body.get("stream_options")
                include_usage = isinstance(options, dict) and options.get("include_usage") is True
                self._stream(completion, include_usage, delay, log)
            else:
                if kind == "slow_stream":
                    self.server.stopping.wait(min(3.0, delay * len(completion.pieces())))
                self._json(200, completion.response(), **log)
        except (BrokenPipeError, ConnectionResetError):
            self._finish(499, **log)

    def _stream(self, completion, include_usage, delay, log):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        # HTTP/1.1 clients get chunked transfer; an HTTP/1.0 client reads until the connection closes.
        self._chunked = self.request_version != "HTTP/1.0"
        if self._chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.send_header("X-Request-Id", completion.id)
        self.end_headers()
        first = True
        for chunk in completion.chunks(include_usage):
            if delay and not first and self.server.stopping.wait(delay):
                return
            first = False
            self._write_chunk("data: " + json.dumps(chunk, ensure_ascii=False, separators=(",", ":")) + "\n\n")
        self._write_chunk("data: [DONE]\n\n")
        if self._chunked:
            self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()
        self._finish(200, **log)

    def _write_chunk(self, text):
        data = text.encode()
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n" if self._chunked else data)
        self.wfile.flush()

    # --- helpers ---

    def _authorised(self):
        required = self.server.require_key
        if not required:
            return True
        header = self.headers.get("Authorization", "")
        key = header[7:].strip() if header.lower().startswith("bearer ") else self.headers.get("api-key", "")
        if key == required:
            return True
        self._error(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key")
        return False

    def _read_json(self):
        length = self.headers.get("Content-Length")
        try:
            raw = self.rfile.read(int(length)) if length else b""
        except ValueError:
            raw = b""
        if not raw:
            return {}
        try:
            return json.loads(raw)
        except (ValueError, UnicodeDecodeError) as error:
            self._error(400, f"We could not parse the JSON body of your request: {error}", "invalid_request_error",
                        "invalid_json")
            return _INVALID

    @staticmethod
    def _model(name):
        return {"id": name, "object": "model", "created": CREATED, "owned_by": "cohorta-simulator"}

    def _json(self, status, payload, headers=None, **log):
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()
        self._finish(status, **log)

    def _error(self, status, message, kind, code, headers=None, **log):
        self._json(status, {"error": {"message": message, "type": kind, "param": None, "code": code}}, headers,
                   **log)

    def _finish(self, status, **fields):
        elapsed = (time.monotonic() - getattr(self, "_started", time.monotonic())) * 1000
        self.server.log("info" if status < 500 else "warning", "request", method=self.command,
                        path=self.path.split("?", 1)[0], status=status, duration_ms=f"{elapsed:.1f}", **fields)


_INVALID = object()


def _number_text(value):
    return str(int(value)) if float(value).is_integer() else str(value)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Cohorta's OpenAI-compatible LLM simulator.")
    parser.add_argument("--port", type=int, default=8089, help="TCP port (0: any free port; default 8089)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--require-key", metavar="K", help="answer 401 unless Bearer/api-key is K")
    parser.add_argument("--log-file", metavar="PATH", help="also append the request log to PATH")
    parser.add_argument("--latency-ms", type=int, default=0, metavar="MS",
                        help="wait MS before every completion answer (default 0; for benchmarks)")
    parser.add_argument("--chunk-delay-ms", type=int, default=0, metavar="MS",
                        help="wait MS between stream chunks (default 0; for benchmarks)")
    parser.add_argument("--text-pace-ms", type=int, default=None, metavar="MS",
                        help=f"wait at least MS between the chunks of a streamed plain-text answer, so live drafts "
                             f"are visible (default ${TEXT_PACE_ENV} or {DEFAULT_TEXT_PACE_MS}; 0: no pace)")
    args = parser.parse_args(argv)
    text_pace_ms = args.text_pace_ms
    if text_pace_ms is None:
        setting = os.environ.get(TEXT_PACE_ENV, "").strip()
        try:
            text_pace_ms = int(setting) if setting else DEFAULT_TEXT_PACE_MS
        except ValueError:
            parser.error(f"{TEXT_PACE_ENV} must be a whole number of milliseconds, not {setting!r}")
    if args.latency_ms < 0 or args.chunk_delay_ms < 0 or text_pace_ms < 0:
        parser.error("--latency-ms, --chunk-delay-ms and --text-pace-ms must not be negative")
    try:
        server = Simulator((args.host, args.port), require_key=args.require_key, log_file=args.log_file,
                           latency_ms=args.latency_ms, chunk_delay_ms=args.chunk_delay_ms,
                           text_pace_ms=text_pace_ms)
    except OSError as error:
        print(f"llm-simulator: cannot listen on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 78

    def stop(signum, _frame):
        if not server.stopping.is_set():
            server.stopping.set()
            server.log("info", "stopping", signal=signal.Signals(signum).name)
            threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    host, port = server.server_address[:2]
    server.log("info", "listening", host=host, port=port, require_key=bool(args.require_key),
               text_pace_ms=text_pace_ms)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.log("info", "stopped")
        server.server_close()
    return 0
