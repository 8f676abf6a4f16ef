"""A minimal FastCGI client (the responder role, one request per connection, as nginx talks to the pool),
so a test can send a request to one chosen cohorta-fcgi pool without nginx choosing for it."""

from __future__ import annotations

import socket
import struct

VERSION, BEGIN_REQUEST, END_REQUEST, PARAMS, STDIN, STDOUT, STDERR = 1, 1, 3, 4, 5, 6, 7
RESPONDER, REQUEST_ID = 1, 1


def _record(kind: int, content: bytes) -> bytes:
    return struct.pack(">BBHHBx", VERSION, kind, REQUEST_ID, len(content), 0) + content


def _pair(name: str, value: str) -> bytes:
    def length(data: bytes) -> bytes:
        return struct.pack(">B", len(data)) if len(data) < 128 else struct.pack(">I", len(data) | 0x80000000)

    key, val = name.encode(), value.encode()
    return length(key) + length(val) + key + val


def request(socket_path: str, method: str, path: str, headers: dict[str, str] | None = None,
            body: bytes = b"", timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """Sends one request; returns (status, headers with lower-case names, body)."""
    params = {"REQUEST_METHOD": method, "REQUEST_URI": path, "DOCUMENT_URI": path.split("?")[0],
              "QUERY_STRING": path.partition("?")[2], "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
              "CONTENT_LENGTH": str(len(body)), "REQUEST_ID": "scale-test"}
    for name, value in (headers or {}).items():
        key = name.upper().replace("-", "_")
        params[key if key == "CONTENT_TYPE" else "HTTP_" + key] = value
    encoded = b"".join(_pair(name, value) for name, value in params.items())
    message = _record(BEGIN_REQUEST, struct.pack(">HB5x", RESPONDER, 0)) + _record(PARAMS, encoded) \
        + _record(PARAMS, b"") + (_record(STDIN, body) if body else b"") + _record(STDIN, b"")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(timeout)
        connection.connect(socket_path)
        connection.sendall(message)
        received, output = b"", b""
        while True:
            chunk = connection.recv(65536)
            if not chunk:
                break
            received += chunk
        while len(received) >= 8:
            _, kind, _, length, padding = struct.unpack(">BBHHBx", received[:8])
            if kind == STDOUT:
                output += received[8:8 + length]
            received = received[8 + length + padding:]
    head, _, content = output.partition(b"\r\n\r\n")
    fields = dict(line.split(": ", 1) for line in head.decode().split("\r\n") if ": " in line)
    lowered = {name.lower(): value for name, value in fields.items()}
    return int(lowered.get("status", "200").split()[0]), lowered, content
