"""cohorta-ws end to end through nginx (/ws), docs/realtime.md: the token in the first frame (never the URL),
hello, ping/pong, errors that keep the connection open, 4001 for bad, expired, forged, late or missing
authentication, the Origin check at the handshake, 1009 above 64 KiB, 1003 for binary frames, 4029 above the
per-user connection limit, and the health endpoint.

`Live`, the client the room tests (test_ws_rooms.py) use too, lives here.
"""
from __future__ import annotations

import json
import socket
import threading
import time
import uuid

import pytest
import requests
import websocket
from bson import ObjectId
from pymongo import MongoClient

from stack import free_port
from test_api_auth import claims_of, forgeries, sign

UNAUTHENTICATED, SLOW_CONSUMER, TOO_MANY_CONNECTIONS = 4001, 4008, 4029


class Live:
    """One WebSocket to cohorta-ws. A reader thread keeps every frame the server sends, in order, with its
    arrival time (`time.monotonic()`), so a test can wait for frames while a run goes on and then look at
    everything that arrived. `close_code` is the server's close status, or None when the connection was cut
    without a close frame (once `closed` is set)."""

    def __init__(self, url: str, token: str | None = None, *, timeout: float = 10, **options):
        self.ws = websocket.create_connection(url, timeout=timeout, **options)
        self.ws.settimeout(None)
        self.frames: list[dict] = []
        self.arrivals: list[float] = []
        self.close_code: int | None = None
        self.closed = threading.Event()
        self.hello: dict | None = None
        self._cursor = 0
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        if token is not None:
            self.send("auth", token=token)
            self.hello = self.next(lambda frame: True)
            assert self.hello["type"] == "hello", self.hello

    def __enter__(self) -> "Live":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # Reader thread.
    def _read(self) -> None:
        try:
            while True:
                opcode, frame = self.ws.recv_data_frame()
                if opcode == websocket.ABNF.OPCODE_CLOSE:
                    self.close_code = int.from_bytes(frame.data[:2], "big") if len(frame.data) >= 2 else None
                    return
                with self._changed:
                    self.frames.append(json.loads(frame.data))
                    self.arrivals.append(time.monotonic())
                    self._changed.notify_all()
        except (websocket.WebSocketException, OSError, ValueError):
            pass
        finally:
            with self._changed:
                self.closed.set()
                self._changed.notify_all()

    def send(self, type_: str, **fields) -> None:
        self.ws.send(json.dumps({"type": type_, **fields}))

    def request(self, type_: str, timeout: float = 10, **fields) -> dict:
        """Sends a frame with a fresh request_id and returns the frame that answers it (reply or error)."""
        request_id = uuid.uuid4().hex[:12]
        self.send(type_, request_id=request_id, **fields)
        return self.next(lambda frame: frame.get("request_id") == request_id, timeout, f"the answer to {type_}")

    def next(self, matches, timeout: float = 10, what: str = "a frame") -> dict:
        """The first frame after the previous match that `matches`; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for index in range(self._cursor, len(self.frames)):
                    if matches(self.frames[index]):
                        self._cursor = index + 1
                        return self.frames[index]
                left = deadline - time.monotonic()
                assert left > 0 and not self.closed.is_set(), (
                    f"no {what} within {timeout} s (closed: {self.closed.is_set()}, code {self.close_code}); "
                    f"last frames: {[frame.get('type') for frame in self.frames[-8:]]}")
                self._changed.wait(left)

    def until(self, condition, timeout: float = 10, what: str = "the condition") -> None:
        """Waits until `condition()` (called under the frames' lock) holds; fails after `timeout` seconds."""
        with self._changed:
            if not self._changed.wait_for(condition, timeout):
                raise AssertionError(f"not {what} within {timeout} s (closed: {self.closed.is_set()}, code "
                                     f"{self.close_code}); last frames: {[f.get('type') for f in self.frames[-8:]]}")

    def wait_closed(self, timeout: float = 10) -> int | None:
        assert self.closed.wait(timeout), f"still open after {timeout} s"
        return self.close_code

    def of(self, session_id: str, type_: str | None = None) -> list[dict]:
        """The frames received so far about one session (of one type)."""
        with self._changed:
            return [frame for frame in self.frames if frame.get("session_id") == session_id
                    and (type_ is None or frame["type"] == type_)]

    def close(self) -> None:
        try:
            self.ws.send_close()
        except (websocket.WebSocketException, OSError):
            pass
        self.closed.wait(2)
        self.ws.shutdown()


def expect_refused(stack, **options) -> None:
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        Live(stack.ws_url, **options).close()
    assert refused.value.status_code == 403


# ── authentication in the first frame ──


def test_the_auth_frame_is_answered_with_hello(stack):
    token, user = stack.new_user()
    with Live(stack.ws_url, token) as live:
        assert live.hello == {"type": "hello", "user_id": user["id"], "heartbeat_seconds": 30}


def test_a_token_in_the_url_is_not_authentication(stack):
    token, _ = stack.new_user()
    with Live(f"{stack.ws_url}?token={token}") as live:
        live.send("ping")
        assert live.wait_closed() == UNAUTHENTICATED
        assert live.frames == []


def test_ping_is_answered_with_pong_echoing_the_request_id(stack):
    token, _ = stack.new_user()
    with Live(stack.ws_url, token) as live:
        live.send("ping")
        assert live.next(lambda frame: True) == {"type": "pong"}
        assert live.request("ping") == {"type": "pong", "request_id": live.frames[-1]["request_id"]}


@pytest.mark.parametrize("frame, code", [
    (json.dumps({"type": "subscribe", "request_id": "r-1"}), "unknown_type"),
    ("not json", "bad_request"),
    ("[]", "bad_request"),
    (json.dumps({"type": 5}), "bad_request"),
    (json.dumps({"kind": "ping"}), "bad_request"),
    (json.dumps({"type": "ping", "request_id": "x" * 65}), "bad_request"),
    (json.dumps({"type": "join", "request_id": "r-1"}), "bad_request"),
    (json.dumps({"type": "auth", "token": "again", "request_id": "r-1"}), "bad_request"),
], ids=["unknown-type", "not-json", "array", "type-not-a-string", "no-type", "long-request-id", "join-without-session",
        "second-auth"])
def test_a_frame_that_cannot_be_carried_out_gets_an_error_and_the_connection_stays_open(stack, frame, code):
    token, _ = stack.new_user()
    with Live(stack.ws_url, token) as live:
        live.ws.send(frame)
        error = live.next(lambda frame: True)
        assert error["type"] == "error" and error["code"] == code and error["message"], error
        if '"request_id": "r-1"' in frame:
            assert error["request_id"] == "r-1"
        assert live.request("ping")["type"] == "pong"


def first_frames(token: str) -> dict[str, str]:
    """First frames that are not a valid `auth`, each closed with 4001."""
    return {"ping first": json.dumps({"type": "ping"}), "not json": "{auth", "auth without token": '{"type":"auth"}',
            "empty token": '{"type":"auth","token":""}', "token not a string": '{"type":"auth","token":42}',
            "join first": json.dumps({"type": "join", "session_id": "x", "token": token})}


def test_bad_expired_and_forged_tokens_and_other_first_frames_are_closed_with_4001(stack):
    token, _ = stack.new_user()
    _, other = stack.new_user()
    first = {name: json.dumps({"type": "auth", "token": forged})
             for name, forged in forgeries(token, stack.jwt_secret, other["id"]).items()}
    first.update(first_frames(token))
    wrong = {}
    for name, frame in first.items():
        with Live(stack.ws_url) as live:
            live.ws.send(frame)
            code = live.wait_closed()
            if code != UNAUTHENTICATED or live.frames:
                wrong[name] = (code, live.frames)
    assert not wrong, f"not closed with 4001 (or answered first): {wrong}"


def test_a_token_resigned_with_the_stack_secret_is_accepted(stack):
    """The control for the forgeries above: the forged tokens differ from a good one only where named."""
    token, user = stack.new_user()
    with Live(stack.ws_url, sign(claims_of(token), stack.jwt_secret)) as live:
        assert live.hello["user_id"] == user["id"]


def test_a_token_of_a_deleted_user_is_closed_with_4001(stack):
    token, user = stack.new_user()
    with MongoClient(stack.mongo_uri) as mongo:
        assert mongo[stack.db_name].users.delete_one({"_id": ObjectId(user["id"])}).deleted_count == 1
    with Live(stack.ws_url) as live:
        live.send("auth", token=token)
        assert live.wait_closed() == UNAUTHENTICATED


def test_no_auth_within_5_seconds_is_closed_with_4001_while_an_authenticated_socket_stays(stack):
    token, _ = stack.new_user()
    with Live(stack.ws_url) as silent, Live(stack.ws_url, token) as signed_in:
        opened = time.monotonic()
        assert silent.wait_closed(timeout=10) == UNAUTHENTICATED
        waited = time.monotonic() - opened
        assert 4.5 <= waited <= 7.5, f"closed after {waited:.1f} s, not about 5 s"
        assert signed_in.request("ping")["type"] == "pong"


# ── the handshake: Origin ──


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1:{other}", "http://localhost:{port}",
                                    "http://127.0.0.1.evil.example:{port}", "null", "ws://127.0.0.1:{port}"])
def test_a_foreign_origin_is_refused_with_403_at_the_handshake(stack, origin):
    port = stack.base_url.rsplit(":", 1)[1]
    expect_refused(stack, origin=origin.format(port=port, other=free_port()))


@pytest.mark.parametrize("options", [{"origin": "{base}"}, {"origin": "{base}/"}, {"suppress_origin": True}],
                         ids=["own-origin", "own-origin-with-slash", "no-origin"])
def test_the_own_origin_and_no_origin_are_let_through_to_the_token_check(stack, options):
    token, _ = stack.new_user()
    options = {key: value.format(base=stack.base_url) if isinstance(value, str) else value
               for key, value in options.items()}
    with Live(stack.ws_url, token, **options) as live:
        assert live.hello["type"] == "hello"


# ── frame limits ──


def test_a_message_above_64_kib_is_closed_with_1009_and_64_kib_is_not(stack):
    token, _ = stack.new_user()
    with Live(stack.ws_url, token) as live:
        frame = json.dumps({"type": "ping", "request_id": "edge", "pad": ""})
        live.ws.send(frame.replace('"pad": ""', '"pad": "' + "x" * (64 * 1024 - len(frame)) + '"'))
        assert live.next(lambda frame: True) == {"type": "pong", "request_id": "edge"}
        live.ws.send(json.dumps({"type": "ping", "pad": "x" * (64 * 1024)}))
        assert live.wait_closed() == 1009


def test_a_binary_frame_is_closed_with_1003(stack):
    token, _ = stack.new_user()
    with Live(stack.ws_url, token) as live:
        live.ws.send_binary(json.dumps({"type": "ping"}).encode())
        assert live.wait_closed() == 1003


def admitted(stack, token: str) -> bool:
    """Authenticates a new connection: True for hello; False when it is closed with 4029."""
    with Live(stack.ws_url) as live:
        live.send("auth", token=token)
        live.until(lambda: live.frames or live.closed.is_set(), what="answered")
        if live.frames:
            return live.frames[0]["type"] == "hello"
        assert live.close_code == TOO_MANY_CONNECTIONS, live.close_code
        return False


def test_a_user_above_the_connection_limit_is_closed_with_4029(stack):
    token, _ = stack.new_user()
    held = [Live(stack.ws_url, token) for _ in range(16)]
    try:
        assert not admitted(stack, token)
        held.pop().close()
        deadline = time.monotonic() + 5
        while not admitted(stack, token):  # the server counts the close a moment later
            assert time.monotonic() < deadline, "a closed connection still counts against the limit"
    finally:
        for live in held:
            live.close()


# ── plain HTTP ──


def test_health_answers_ok_json(stack):
    response = requests.get(f"{stack.base_url}/ws/health", timeout=5)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"status": "ok"}
