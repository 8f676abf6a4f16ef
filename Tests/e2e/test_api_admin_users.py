"""The administrators' Users API and audit log through nginx: every admin route refuses a non-admin (403)
and an anonymous caller (401); search pages newest first; disabling revokes the user's tokens and refuses
sign-in until re-enabled; a credit adjustment shows in the ledger, the balance and the audit log.
docs/openapi.yaml is the specification."""

import pytest

from stack import expect_error, new_password, unique_email

ADMIN_ROUTES = [
    ("get", "/api/admin/users", None),
    ("get", "/api/admin/users/{id}", None),
    ("patch", "/api/admin/users/{id}", {"disabled": True}),
    ("get", "/api/admin/audit", None),
    ("post", "/api/admin/users/{id}/credits", {"amount": 5, "reason": "not allowed"}),
    ("put", "/api/admin/users/{id}/quota", {"monthly_usd": "1.00"}),
]


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def admin(stack):
    email = unique_email("admin")
    password = stack.make_admin(email)
    body = stack._login(email, password)
    return body["token"], body["user"]


def call(stack, method, path, token=None, body=None):
    headers = bearer(token) if token else {}
    return getattr(stack.session(), method)(stack.url(path), headers=headers, json=body)


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_ROUTES)
def test_every_admin_route_refuses_a_non_admin_and_an_anonymous_caller(stack, method, path, body):
    token, user = stack.new_user()
    path = path.format(id=user["id"])
    expect_error(call(stack, method, path, token, body), 403, "forbidden")
    expect_error(call(stack, method, path, None, body), 401)
    me = call(stack, "get", "/api/auth/me", token)
    assert me.status_code == 200, me.text
    assert me.json()["user"]["role"] == "user" and me.json()["user"]["credits_balance"] == user["credits_balance"]


def test_search_is_case_insensitive_literal_newest_first_and_paged(stack, admin):
    token, _ = admin
    tag = unique_email("find").split("@")[0]
    ids = [stack._login(*stack.register(f"{tag}-{n}@example.com"))["user"]["id"] for n in range(3)]
    first = call(stack, "get", f"/api/admin/users?q={tag.upper()}&per_page=2", token)
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["total"] == 3 and body["page"] == 1 and body["per_page"] == 2
    assert set(body["items"][0]) == {"id", "email", "role", "credits_balance", "disabled", "created_at"}
    second = call(stack, "get", f"/api/admin/users?q={tag}&per_page=2&page=2", token).json()
    assert [item["id"] for item in body["items"] + second["items"]] == ids[::-1]
    assert call(stack, "get", "/api/admin/users?q=.*", token).json()["total"] == 0
    expect_error(call(stack, "get", "/api/admin/users?per_page=0", token), 400)


def test_disabling_revokes_tokens_and_refuses_sign_in_until_enabled(stack, admin):
    token, me = admin
    email, password = unique_email("off"), new_password()
    stack.register(email, password)
    body = stack._login(email, password)
    user_token, user_id = body["token"], body["user"]["id"]

    disabled = call(stack, "patch", f"/api/admin/users/{user_id}", token, {"disabled": True})
    assert disabled.status_code == 200, disabled.text
    assert disabled.json()["disabled"] is True
    expect_error(call(stack, "get", "/api/auth/me", user_token), 401)
    refused = stack.session().post(stack.url("/api/auth/login"), json={"email": email, "password": password})
    wrong = stack.session().post(stack.url("/api/auth/login"), json={"email": email, "password": "wrong-" + password})
    assert expect_error(refused, 401)["message"] == expect_error(wrong, 401)["message"]

    enabled = call(stack, "patch", f"/api/admin/users/{user_id}", token, {"disabled": False})
    assert enabled.status_code == 200 and enabled.json()["disabled"] is False
    assert call(stack, "get", "/api/auth/me", stack.login(email, password)).status_code == 200

    expect_error(call(stack, "patch", f"/api/admin/users/{me['id']}", token, {"disabled": True}), 409, "conflict")
    expect_error(call(stack, "patch", f"/api/admin/users/{me['id']}", token, {"role": "user"}), 409, "conflict")
    expect_error(call(stack, "patch", f"/api/admin/users/{user_id}", token, {"role": "root"}), 400)
    actions = [entry["action"] for entry in
               call(stack, "get", f"/api/admin/audit?user_id={user_id}", token).json()["items"]]
    assert actions == ["enable_user", "disable_user"]


def test_a_credit_adjustment_shows_in_the_ledger_the_balance_and_the_audit_log(stack, admin):
    token, me = admin
    user_token, user = stack.new_user()
    adjusted = call(stack, "post", f"/api/admin/users/{user['id']}/credits", token,
                    {"amount": 25, "reason": "e2e goodwill"})
    assert adjusted.status_code == 200, adjusted.text
    entry = adjusted.json()["entry"]

    ledger = call(stack, "get", "/api/credits", user_token).json()
    assert ledger["balance"] == user["credits_balance"] + 25
    assert ledger["items"][0]["id"] == entry["id"] and ledger["items"][0]["kind"] == "admin_adjustment"

    detail = call(stack, "get", f"/api/admin/users/{user['id']}", token)
    assert detail.status_code == 200, detail.text
    assert detail.json()["credits_balance"] == ledger["balance"]
    assert detail.json()["personas"] == 0 and "limit_usd" in detail.json()["quota"]

    audit = call(stack, "get", f"/api/admin/audit?user_id={user['id']}", token).json()
    assert [item["action"] for item in audit["items"]] == ["view_user", "adjust_credits"]
    adjustment = audit["items"][1]
    assert adjustment["admin_id"] == me["id"] and adjustment["target_user_id"] == user["id"]
    assert adjustment["details"] == {"amount": "25", "reason": "e2e goodwill", "entry_id": entry["id"]}
