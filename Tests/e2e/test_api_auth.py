"""Accounts and tokens through nginx: registration, sign-in, revocation, forged tokens, input validation,
throttling. docs/openapi.yaml is the specification."""

import base64
import concurrent.futures
import hashlib
import hmac
import json
import secrets
import time
from datetime import datetime, timezone

import pytest

from stack import expect_error, new_password, unique_email

USER_KEYS = {"id", "email", "role", "credits_balance", "created_at"}


def parse_time(text: str) -> datetime:
    parsed = datetime.fromisoformat(text)
    assert parsed.tzinfo is not None, f"{text} has no time zone"
    return parsed


def assert_user(user: dict, email: str) -> None:
    assert set(user) == USER_KEYS, f"User JSON must have exactly {sorted(USER_KEYS)}: {sorted(user)}"
    assert user["email"] == email
    assert user["role"] in ("user", "admin")
    assert isinstance(user["credits_balance"], int) and user["credits_balance"] >= 0
    assert isinstance(user["id"], str) and user["id"]
    parse_time(user["created_at"])


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


# ── tokens built by hand (no PyJWT): HS256 over base64url(header).base64url(claims) ──


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_json(value: dict) -> str:
    return b64url(json.dumps(value, separators=(",", ":")).encode())


def claims_of(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def sign(claims: dict, secret: str, header: dict | None = None) -> str:
    signing_input = b64url_json(header or {"alg": "HS256", "typ": "JWT"}) + "." + b64url_json(claims)
    signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64url(signature)


# ── registration and sign-in ──


def test_register_then_login_then_me_returns_the_same_user(stack):
    http = stack.session()
    email, password = unique_email(), new_password()
    registered = http.post(stack.url("/api/auth/register"), json={"email": email, "password": password})
    assert registered.status_code == 201, registered.text
    assert isinstance(registered.json()["message"], str)

    login = http.post(stack.url("/api/auth/login"), json={"email": email, "password": password})
    assert login.status_code == 200, login.text
    body = login.json()
    assert_user(body["user"], email)
    assert body["user"]["role"] == "user"
    expires_in = parse_time(body["expires_at"]).timestamp() - time.time()
    assert 86400 - 300 < expires_in < 86400 + 300, f"default token lifetime is 24 h, got {expires_in:.0f} s"
    claims = claims_of(body["token"])
    assert claims["iss"] == "cohorta" and claims["aud"] == "cohorta-web" and claims["sub"] == body["user"]["id"]

    me = http.get(stack.url("/api/auth/me"), headers=bearer(body["token"]))
    assert me.status_code == 200, me.text
    assert me.json()["user"] == body["user"]


def test_email_is_normalised_so_one_mailbox_is_one_account(stack):
    http = stack.session()
    email, password = unique_email(), new_password()
    stack.register("  " + email.upper() + " ", password)
    login = http.post(stack.url("/api/auth/login"), json={"email": email, "password": password})
    assert login.status_code == 200, login.text
    assert login.json()["user"]["email"] == email


def test_registering_a_taken_email_answers_exactly_like_a_new_one(stack):
    http = stack.session()
    email, password = unique_email(), new_password()
    first = http.post(stack.url("/api/auth/register"), json={"email": email, "password": password})
    again = http.post(stack.url("/api/auth/register"), json={"email": email, "password": new_password()})
    fresh = http.post(stack.url("/api/auth/register"), json={"email": unique_email(), "password": new_password()})
    assert first.status_code == again.status_code == fresh.status_code == 201
    assert first.content == again.content == fresh.content
    # The second registration changed nothing: the first password still works.
    assert stack.login(email, password)


def test_unknown_email_and_wrong_password_get_the_identical_401(stack):
    http = stack.session("127.0.0.11")
    email, _ = stack.register()
    unknown = http.post(stack.url("/api/auth/login"), json={"email": unique_email(), "password": new_password()})
    wrong = http.post(stack.url("/api/auth/login"), json={"email": email, "password": new_password()})
    expect_error(unknown, 401, "unauthenticated")
    expect_error(wrong, 401, "unauthenticated")
    assert unknown.json()["error"]["message"] == "Invalid email or password."
    assert unknown.content == wrong.content


# ── revocation ──


def test_password_change_revokes_every_older_token(stack):
    http = stack.session()
    email, password = stack.register()
    old_token, other_old_token = stack.login(email, password), stack.login(email, password)
    replacement = new_password()

    changed = http.post(stack.url("/api/auth/password"), headers=bearer(old_token),
                        json={"current_password": password, "new_password": replacement})
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert_user(body["user"], email)
    parse_time(body["expires_at"])

    expect_error(http.get(stack.url("/api/auth/me"), headers=bearer(old_token)), 401, "unauthenticated")
    expect_error(http.get(stack.url("/api/auth/me"), headers=bearer(other_old_token)), 401, "unauthenticated")
    assert http.get(stack.url("/api/auth/me"), headers=bearer(body["token"])).status_code == 200
    expect_error(http.post(stack.url("/api/auth/login"), json={"email": email, "password": password}), 401)
    assert stack.login(email, replacement)


def test_password_change_needs_the_current_password(stack):
    http = stack.session("127.0.0.12")
    email, password = stack.register()
    token = stack.login(email, password)
    refused = http.post(stack.url("/api/auth/password"), headers=bearer(token),
                        json={"current_password": new_password(), "new_password": new_password()})
    assert 400 <= refused.status_code < 500, refused.text
    expect_error(refused, refused.status_code)
    assert http.get(stack.url("/api/auth/me"), headers=bearer(token)).status_code == 200
    assert stack.login(email, password)


def test_logout_all_revokes_every_token_including_the_one_used(stack):
    http = stack.session()
    email, password = stack.register()
    used, other = stack.login(email, password), stack.login(email, password)
    logout = http.post(stack.url("/api/auth/logout-all"), headers=bearer(used))
    assert logout.status_code == 204, logout.text
    for token in (used, other):
        expect_error(http.get(stack.url("/api/auth/me"), headers=bearer(token)), 401, "unauthenticated")
    fresh = stack.login(email, password)
    assert http.get(stack.url("/api/auth/me"), headers=bearer(fresh)).status_code == 200


# ── forged and broken tokens ──


def test_token_resigned_with_the_stack_secret_is_accepted(stack):
    """The control for the forgeries below: this file's HS256 signing matches the server's."""
    token, _ = stack.new_user()
    resigned = sign(claims_of(token), stack.jwt_secret)
    response = stack.session().get(stack.url("/api/auth/me"), headers=bearer(resigned))
    assert response.status_code == 200, "HS256 over the UTF-8 bytes of COHORTA_JWT_SECRET: " + response.text


def forgeries(token: str, secret: str, other_user_id: str) -> dict[str, str]:
    claims = claims_of(token)
    now = int(time.time())
    header, payload, signature = token.split(".")
    flipped = signature[:10] + ("A" if signature[10] != "A" else "B") + signature[11:]
    return {
        "expired": sign({**claims, "iat": now - 7200, "nbf": now - 7200, "exp": now - 600}, secret),
        "not yet valid": sign({**claims, "iat": now + 3600, "nbf": now + 3600, "exp": now + 7200}, secret),
        "wrong secret": sign(claims, secrets.token_hex(32)),
        "alg none": b64url_json({"alg": "none", "typ": "JWT"}) + "." + b64url_json(claims) + ".",
        "alg none, signature kept": b64url_json({"alg": "none", "typ": "JWT"}) + "." + payload + "." + signature,
        "other user's id, signature kept": header + "." + b64url_json({**claims, "sub": other_user_id}) + "." + signature,
        "signature flipped": header + "." + payload + "." + flipped,
        "wrong audience": sign({**claims, "aud": "someone-else"}, secret),
        "wrong issuer": sign({**claims, "iss": "someone-else"}, secret),
        "newer token version": sign({**claims, "ver": int(claims["ver"]) + 1}, secret),
        "two parts": header + "." + payload,
        "garbage": "not-a-token",
    }


def test_forged_expired_and_malformed_tokens_get_401(stack):
    http = stack.session()
    token, _ = stack.new_user()
    _, other = stack.new_user()
    failures = []
    for name, forged in forgeries(token, stack.jwt_secret, other["id"]).items():
        response = http.get(stack.url("/api/auth/me"), headers=bearer(forged))
        if response.status_code != 401 or response.json().get("error", {}).get("code") != "unauthenticated":
            failures.append(f"{name}: {response.status_code} {response.text[:120]}")
    assert not failures, "accepted or mis-answered forgeries:\n" + "\n".join(failures)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer"}, {"Authorization": "Basic dXNlcjpwdw=="},
                                     {"Cookie": "token=x; session=y"}])
def test_requests_without_a_bearer_token_get_401(stack, headers):
    expect_error(stack.session().get(stack.url("/api/auth/me"), headers=headers), 401, "unauthenticated")


# ── authorisation ──


def test_admin_routes_are_forbidden_to_users(stack):
    http = stack.session()
    token, user = stack.new_user()
    _, other = stack.new_user()
    for target in (other["id"], user["id"]):
        response = http.post(stack.url(f"/api/admin/users/{target}/credits"), headers=bearer(token),
                             json={"amount": 100, "reason": "self-service"})
        expect_error(response, 403, "forbidden")
    anonymous = http.post(stack.url(f"/api/admin/users/{other['id']}/credits"), json={"amount": 1, "reason": "x"})
    expect_error(anonymous, 401, "unauthenticated")
    assert http.get(stack.url("/api/auth/me"), headers=bearer(token)).json()["user"] == user


# ── input validation ──

STRONG = "correct-horse-battery"


@pytest.mark.parametrize("path", ["/api/auth/register", "/api/auth/login"])
@pytest.mark.parametrize(
    "body, field",
    [
        ({"email": {"$gt": ""}, "password": STRONG}, "email"),
        ({"email": {"$ne": None}, "password": {"$ne": None}}, None),
        ({"email": "someone@example.com", "password": {"$gt": ""}}, "password"),
        ({"email": 123, "password": STRONG}, "email"),
        ({"email": ["someone@example.com"], "password": STRONG}, "email"),
        ({"email": "someone@example.com", "password": 12345678}, "password"),
        ({"email": "someone@example.com"}, "password"),
        ({"password": STRONG}, "email"),
        ({"email": None, "password": STRONG}, "email"),
    ],
    ids=["email-operator", "both-operators", "password-operator", "email-number", "email-array", "password-number",
         "missing-password", "missing-email", "email-null"])
def test_wrong_types_and_operators_get_400_naming_the_field(stack, path, body, field):
    response = stack.session("127.0.0.13").post(stack.url(path), json=body)
    expect_error(response, 400, "invalid_input", field)


def test_invalid_email_and_weak_password_are_refused_at_registration(stack):
    http = stack.session()
    expect_error(http.post(stack.url("/api/auth/register"), json={"email": "not-an-email", "password": STRONG}),
                 400, "invalid_input", "email")
    expect_error(http.post(stack.url("/api/auth/register"), json={"email": unique_email(), "password": "short"}),
                 400, "invalid_input", "password")
    expect_error(http.post(stack.url("/api/auth/register"), json={"email": unique_email(), "password": "x" * 73}),
                 400, "invalid_input", "password")


@pytest.mark.parametrize("raw", [b'{"email": "a@example.com", "password": ', b"{'email': 1}", b"\xff\xfe{}",
                                 b'{"email": "a@example.com"} trailing'],
                         ids=["truncated", "single-quotes", "not-utf8", "trailing-garbage"])
def test_malformed_json_gets_400_invalid_json(stack, raw):
    response = stack.session().post(stack.url("/api/auth/register"), data=raw,
                                    headers={"Content-Type": "application/json"})
    expect_error(response, 400, "invalid_json")


@pytest.mark.parametrize("raw", [b"", b"[]", b'"text"', b"null"], ids=["empty", "array", "string", "null"])
def test_a_body_that_is_not_a_json_object_gets_400(stack, raw):
    response = stack.session().post(stack.url("/api/auth/register"), data=raw,
                                    headers={"Content-Type": "application/json"})
    error = expect_error(response, 400)
    assert error["code"] in ("invalid_json", "invalid_input"), error


def test_a_body_that_is_not_json_gets_415(stack):
    body = json.dumps({"email": unique_email(), "password": STRONG})
    for content_type in ("text/plain", "application/x-www-form-urlencoded"):
        response = stack.session().post(stack.url("/api/auth/register"), data=body,
                                        headers={"Content-Type": content_type})
        expect_error(response, 415, "unsupported_media_type")


def test_bodies_over_the_limits_get_413_json(stack):
    http = stack.session()
    filler = "x" * (3 * 1024 * 1024)  # above nginx's client_max_body_size (2m)
    expect_error(http.post(stack.url("/api/auth/register"), json={"email": unique_email(), "password": filler}),
                 413, "payload_too_large")
    filler = "x" * (1536 * 1024)  # passes nginx, above the app's COHORTA_MAX_BODY_BYTES (1 MiB)
    expect_error(http.post(stack.url("/api/auth/register"), json={"email": unique_email(), "password": filler}),
                 413, "payload_too_large")


def test_unknown_routes_get_404_json_and_wrong_methods_405_json(stack):
    http = stack.session()
    expect_error(http.get(stack.url("/api/no-such-route")), 404, "not_found")
    expect_error(http.post(stack.url("/api/auth/nope"), json={}), 404, "not_found")
    expect_error(http.delete(stack.url("/api/auth/login")), 405, "method_not_allowed")


# ── throttling (each test sends from a loopback address of its own; see stack.SourceAddressAdapter) ──


def test_repeated_login_failures_on_one_account_get_429_with_retry_after(stack):
    email, password = stack.register()
    attacker = stack.session("127.0.0.2")
    statuses = []
    for _ in range(30):
        response = attacker.post(stack.url("/api/auth/login"), json={"email": email, "password": new_password()})
        statuses.append(response.status_code)
        if response.status_code != 401:
            break
    assert statuses[-1] == 429, f"no 429 after {len(statuses)} failed sign-ins: {statuses}"
    assert len(statuses) >= 4, f"a few typos must not lock an account: {statuses}"
    expect_error(response, 429, "rate_limited")
    assert 0 < int(response.headers["Retry-After"]) <= 3600, response.headers

    # While throttled, even the right password is not evaluated: from this address, or from another.
    expect_error(attacker.post(stack.url("/api/auth/login"), json={"email": email, "password": password}), 429)
    elsewhere = stack.session("127.0.0.4").post(stack.url("/api/auth/login"), json={"email": email, "password": password})
    expect_error(elsewhere, 429, "rate_limited")


def test_login_failures_across_many_accounts_from_one_address_get_429(stack):
    def attempt(_):
        return stack.session("127.0.0.5").post(stack.url("/api/auth/login"), json={"email": unique_email(), "password": new_password()})

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        responses = list(pool.map(attempt, range(100)))
    statuses = [response.status_code for response in responses]
    assert set(statuses) <= {401, 429}, statuses
    throttled = [response for response in responses if response.status_code == 429]
    assert throttled, "100 failed sign-ins from one address were all evaluated"
    expect_error(throttled[0], 429, "rate_limited")
    assert int(throttled[0].headers["Retry-After"]) > 0
