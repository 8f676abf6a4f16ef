"""Credits through nginx: the ledger explains the balance, admin adjustments are idempotent and atomic under
concurrency, and a debit never takes a balance below zero. docs/openapi.yaml is the specification."""

import concurrent.futures
import threading
import uuid

import pytest

from stack import expect_error, unique_email

ENTRY_KEYS = {"id", "amount", "balance_after", "kind", "reason", "created_at"}


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def admin_token(stack):
    email = unique_email("admin")
    password = stack.make_admin(email)
    return stack.login(email, password)


def adjust(stack, admin_token, user_id, amount, reason="e2e adjustment", key=None, session=None):
    headers = bearer(admin_token)
    if key is not None:
        headers["Idempotency-Key"] = key
    return (session or stack.session()).post(stack.url(f"/api/admin/users/{user_id}/credits"), headers=headers,
                                             json={"amount": amount, "reason": reason})


def credits_page(stack, token, page=1, per_page=20):
    response = stack.session().get(stack.url(f"/api/credits?page={page}&per_page={per_page}"), headers=bearer(token))
    assert response.status_code == 200, response.text
    return response.json()


def whole_ledger(stack, token, per_page=20):
    """Every entry, newest first, walking all pages; checks the paging fields on the way."""
    first = credits_page(stack, token, 1, per_page)
    items, page = list(first["items"]), 1
    while len(items) < first["total"]:
        page += 1
        body = credits_page(stack, token, page, per_page)
        assert body["page"] == page and body["per_page"] == per_page
        assert body["items"], f"page {page} is empty but total is {first['total']}"
        items.extend(body["items"])
    assert len(items) == first["total"]
    assert len({item["id"] for item in items}) == len(items), "an entry appears on two pages"
    return first["balance"], items


def test_a_new_user_starts_with_a_trial_grant_that_explains_the_balance(stack):
    token, user = stack.new_user()
    balance, items = whole_ledger(stack, token)
    assert balance == user["credits_balance"] == sum(item["amount"] for item in items)
    assert [item["kind"] for item in items] == ["trial_grant"]
    assert set(items[0]) == ENTRY_KEYS, sorted(items[0])
    assert items[0]["balance_after"] == balance


def test_admin_adjustments_show_in_the_users_ledger_newest_first(stack, admin_token):
    token, user = stack.new_user()
    start = user["credits_balance"]
    for amount, reason in ((30, "goodwill"), (-5, "correction"), (12, "promo")):
        response = adjust(stack, admin_token, user["id"], amount, reason)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["replayed"] is False
        assert body["entry"]["amount"] == amount and body["entry"]["reason"] == reason
        assert body["entry"]["balance_after"] == body["balance"]

    balance, items = whole_ledger(stack, token, per_page=2)
    assert balance == start + 37 == sum(item["amount"] for item in items)
    assert [(item["amount"], item["reason"], item["kind"]) for item in items[:3]] == [
        (12, "promo", "admin_adjustment"), (-5, "correction", "admin_adjustment"), (30, "goodwill", "admin_adjustment")]
    # Newest first, and each entry's balance_after follows from the one before it.
    for newer, older in zip(items, items[1:]):
        assert newer["balance_after"] - newer["amount"] == older["balance_after"], (newer, older)
    me = stack.session().get(stack.url("/api/auth/me"), headers=bearer(token)).json()["user"]
    assert me["credits_balance"] == balance


def test_concurrent_debits_never_overdraw_and_the_ledger_explains_the_balance(stack, admin_token):
    token, user = stack.new_user()
    assert adjust(stack, admin_token, user["id"], 100, "race stake").status_code == 200
    balance = credits_page(stack, token)["balance"]
    amount, racers = 7, 50
    expected_successes = balance // amount
    assert expected_successes < racers, "the race must run out of credits"

    start = threading.Barrier(racers)

    def debit(_):
        session = stack.session()
        start.wait()
        return adjust(stack, admin_token, user["id"], -amount, "race debit", session=session)

    with concurrent.futures.ThreadPoolExecutor(max_workers=racers) as pool:
        responses = list(pool.map(debit, range(racers)))

    statuses = [response.status_code for response in responses]
    assert statuses.count(200) == expected_successes, statuses
    assert statuses.count(402) == racers - expected_successes, statuses
    for refused in (response for response in responses if response.status_code == 402):
        expect_error(refused, 402, "insufficient_credits")

    final, items = whole_ledger(stack, token)
    assert final == balance - expected_successes * amount
    assert final == sum(item["amount"] for item in items)
    assert sum(1 for item in items if item["reason"] == "race debit") == expected_successes
    assert min(item["balance_after"] for item in items) >= 0


def test_an_adjustment_with_the_same_idempotency_key_applies_once(stack, admin_token):
    token, user = stack.new_user()
    start = user["credits_balance"]
    key = f"e2e-{uuid.uuid4()}"
    first = adjust(stack, admin_token, user["id"], 25, "once only", key)
    again = adjust(stack, admin_token, user["id"], 25, "once only", key)
    assert first.status_code == again.status_code == 200, (first.text, again.text)
    assert first.json()["replayed"] is False and again.json()["replayed"] is True
    assert first.json()["entry"] == again.json()["entry"]
    balance, items = whole_ledger(stack, token)
    assert balance == start + 25 == sum(item["amount"] for item in items)


def test_concurrent_replays_of_one_idempotency_key_apply_once(stack, admin_token):
    token, user = stack.new_user()
    start = user["credits_balance"]
    key = f"e2e-{uuid.uuid4()}"
    racers = 20
    barrier = threading.Barrier(racers)

    def replay(_):
        session = stack.session()
        barrier.wait()
        return adjust(stack, admin_token, user["id"], 40, "grant once", key, session=session)

    with concurrent.futures.ThreadPoolExecutor(max_workers=racers) as pool:
        responses = list(pool.map(replay, range(racers)))
    applied = [r for r in responses if r.status_code == 200 and r.json()["replayed"] is False]
    others = [r for r in responses if r not in applied]
    assert len(applied) == 1, [(r.status_code, r.text[:80]) for r in responses]
    for response in others:
        # A replay answers with the first entry; a replay that lost a race may say 409 instead.
        assert response.status_code in (200, 409), response.text
        if response.status_code == 200:
            assert response.json()["entry"] == applied[0].json()["entry"]
    balance, items = whole_ledger(stack, token)
    assert balance == start + 40 == sum(item["amount"] for item in items)


@pytest.mark.parametrize(
    "body, field",
    [
        ({"amount": 0, "reason": "nothing"}, "amount"),
        ({"amount": "10", "reason": "string amount"}, "amount"),
        ({"amount": 1.5, "reason": "fraction"}, "amount"),
        ({"reason": "no amount"}, "amount"),
        ({"amount": 10, "reason": ""}, "reason"),
        ({"amount": 10, "reason": "r" * 201}, "reason"),
        ({"amount": 10}, "reason"),
        ({"amount": {"$inc": 1000}, "reason": "operator"}, "amount"),
    ],
    ids=["zero", "string", "fraction", "missing-amount", "empty-reason", "long-reason", "missing-reason", "operator"])
def test_invalid_adjustments_get_400_naming_the_field(stack, admin_token, body, field):
    _, user = stack.new_user()
    response = stack.session().post(stack.url(f"/api/admin/users/{user['id']}/credits"), headers=bearer(admin_token),
                                    json=body)
    expect_error(response, 400, "invalid_input", field)


def test_an_adjustment_for_an_unknown_user_gets_404(stack, admin_token):
    expect_error(adjust(stack, admin_token, "0" * 24, 10), 404, "not_found")
    malformed = adjust(stack, admin_token, "not-an-id", 10)
    assert malformed.status_code in (400, 404), malformed.text
    expect_error(malformed, malformed.status_code)


def test_a_debit_larger_than_the_balance_gets_402_and_changes_nothing(stack, admin_token):
    token, user = stack.new_user()
    expect_error(adjust(stack, admin_token, user["id"], -(user["credits_balance"] + 1)), 402, "insufficient_credits")
    balance, items = whole_ledger(stack, token)
    assert balance == user["credits_balance"] and len(items) == 1


@pytest.mark.parametrize("query", ["page=0", "per_page=0", "per_page=101", "page=abc", "per_page=-1"])
def test_out_of_range_paging_gets_400(stack, query):
    token, _ = stack.new_user()
    response = stack.session().get(stack.url(f"/api/credits?{query}"), headers=bearer(token))
    expect_error(response, 400, "invalid_input")


def test_credits_need_a_token(stack):
    expect_error(stack.session().get(stack.url("/api/credits")), 401, "unauthenticated")
