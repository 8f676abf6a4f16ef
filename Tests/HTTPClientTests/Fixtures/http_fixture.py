#!/usr/bin/env python3
"""Loopback HTTP server for HTTPClientTests (standard library only).

Binds 127.0.0.1 on a free port, prints "PORT <n>" on stdout, and serves until its stdin closes
(the test stops it, or the test process dies) or it is killed:
  /echo            any method: JSON {method, path, headers, body, json, client_port}
  /status/<n>      answers status n with a JSON error body
  /slow?ms=N       sleeps N ms, then answers 200
  /big?bytes=N     N bytes with a Content-Length
  /big-chunked?bytes=N   N bytes, chunked (no Content-Length)
  /headers         repeated and mixed-case response headers
  /redirect        302 to /echo
  /redirect-file   302 to file:///etc/passwd
  /sse             a slow event stream split mid-line, then [DONE], then holds the connection open
"""
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

SSE_CHUNKS = [
    b": keep-alive comment\r\n\r\n",
    b"data: first\r\n\r\n",
    b"event: delta\nid: 7\nda",
    b"ta: line one\ndata: line two\n\n",
    b'data: {"text":"h\xc3\xa9',
    b'llo"}\r',
    b"\n\r\n",
    b"data: [DONE]\n\n",
]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_bytes(self, status, body, content_type="application/json", extra=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def send_chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def handle_any(self):
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if url.path == "/echo":
            try:
                parsed = json.loads(body) if body else None
            except ValueError:
                parsed = None
            reply = {
                "method": self.command,
                "path": self.path,
                "headers": dict(self.headers.items()),
                "body": body.decode("utf-8", "replace"),
                "json": parsed,
                "client_port": self.client_address[1],
            }
            self.send_bytes(200, json.dumps(reply).encode())
        elif url.path.startswith("/status/"):
            status = int(url.path.rsplit("/", 1)[1])
            error = {"error": {"code": "unavailable", "message": "try later"}}
            self.send_bytes(status, json.dumps(error).encode(), extra=[("Retry-After", "3")])
        elif url.path == "/slow":
            time.sleep(int(query.get("ms", "3000")) / 1000)
            self.send_bytes(200, b'{"slow":true}')
        elif url.path == "/big":
            self.send_bytes(200, b"x" * int(query["bytes"]), "text/plain")
        elif url.path == "/big-chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            remaining = int(query["bytes"])
            while remaining > 0:
                part = min(remaining, 4096)
                self.send_chunk(b"x" * part)
                remaining -= part
            self.send_chunk(b"")
        elif url.path == "/headers":
            self.send_bytes(200, b"{}", extra=[("X-Custom-Thing", "one"), ("x-custom-thing", "two"),
                                               ("X-Spaced", "  padded value  ")])
        elif url.path == "/redirect":
            self.send_bytes(302, b"", extra=[("Location", "/echo")])
        elif url.path == "/redirect-file":
            self.send_bytes(302, b"", extra=[("Location", "file:///etc/passwd")])
        elif url.path == "/sse":
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for chunk in SSE_CHUNKS:
                self.send_chunk(chunk)
                time.sleep(0.1)
            time.sleep(5)  # a client that stops at [DONE] must not wait for this
            self.send_chunk(b"")
        else:
            self.send_bytes(404, b'{"error":{"code":"not_found","message":"no such fixture"}}')

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any

    def do_HEAD(self):
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients that abort on purpose (size cap, [DONE]) reset their connections


def exit_when_stdin_closes():
    sys.stdin.buffer.read()
    os._exit(0)


def main():
    # The test runner spawns us from a thread that blocks most signals; restore the defaults.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    server = QuietServer(("127.0.0.1", 0), Handler)
    sys.stdout.write("PORT %d\n" % server.server_address[1])
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
