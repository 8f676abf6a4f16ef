"""cohorta-ws end to end through nginx (/ws): handshake auth, hello, ping/pong, errors, health.

Uses the session fixture `stack` from conftest.py (docs/contracts.md, "Local stack").
"""
import base64
import hashlib
import hmac
import json
import time

import pytest
import requests
import websocket


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def forge_token(secret: str, alg: str = "HS256", **overrides) -> str:
    """An HS256 token signed with `secret` (or unsigned for alg none), claims overridable."""
    now = int(time.time())
    claims = {"iss": "cohorta", "aud": "cohorta-web", "sub": "6567a1b2c3d4e5f601234567", "ver": 0,
              "iat": now, "nbf": now, "exp": now + 600, "jti": "e2e"}
    claims.update(overrides)
    head = _b64(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    body = _b64(json.dumps(claims).encode())
    mac = b"" if alg == "none" else hmac.new(secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{_b64(mac)}"


def connect(stack, token):
    url = stack.ws_url if token is None else f"{stack.ws_url}?token={token}"
    return websocket.create_connection(url, timeout=5)


def expect_refused(stack, token):
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        connect(stack, token).close()
    assert refused.value.status_code == 403


def test_valid_token_gets_hello_with_user_id(stack):
    token, user = stack.new_user()
    ws = connect(stack, token)
    try:
        assert json.loads(ws.recv()) == {"type": "hello", "user_id": user["id"]}
    finally:
        ws.close()


def test_ping_is_answered_with_pong(stack):
    token, _ = stack.new_user()
    ws = connect(stack, token)
    try:
        ws.recv()
        ws.send(json.dumps({"type": "ping"}))
        assert json.loads(ws.recv()) == {"type": "pong"}
    finally:
        ws.close()


@pytest.mark.parametrize("frame", [json.dumps({"type": "join", "room": "x"}), "not json", "[]"])
def test_anything_else_gets_unknown_type_error(stack, frame):
    token, _ = stack.new_user()
    ws = connect(stack, token)
    try:
        ws.recv()
        ws.send(frame)
        reply = json.loads(ws.recv())
        assert reply["type"] == "error" and reply["code"] == "unknown_type" and reply["message"]
    finally:
        ws.close()


def test_missing_token_is_refused_with_403(stack):
    expect_refused(stack, None)


def test_token_signed_with_another_secret_is_refused(stack):
    expect_refused(stack, forge_token("x" * 40))


def test_expired_token_is_refused(stack):
    past = int(time.time()) - 7200
    expect_refused(stack, forge_token(stack.jwt_secret, iat=past, nbf=past, exp=past + 60))


@pytest.mark.parametrize("alg", ["none", "HS512"])
def test_algorithm_confusion_is_refused(stack, alg):
    expect_refused(stack, forge_token(stack.jwt_secret, alg=alg))


def test_wrong_audience_is_refused(stack):
    expect_refused(stack, forge_token(stack.jwt_secret, aud="someone-else"))


def test_garbage_token_is_refused(stack):
    expect_refused(stack, "not.a.jwt")


def test_forged_token_with_the_right_secret_is_accepted(stack):
    """Sanity check that forge_token matches the server's rules (so the refusals above are meaningful)."""
    ws = connect(stack, forge_token(stack.jwt_secret))
    try:
        assert json.loads(ws.recv())["type"] == "hello"
    finally:
        ws.close()


def test_health_answers_ok_json(stack):
    response = requests.get(f"{stack.base_url}/ws/health", timeout=5)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"status": "ok"}
