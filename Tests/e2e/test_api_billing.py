"""Buying credits through Stripe Checkout, end to end: nginx, the real FastCGI workers and nx-27017, with the
fake Stripe (scripts/fake-stripe.py) as the payment provider. The fake creates the Checkout Sessions the app
asks for, takes the "payment" on its pay page, and delivers signed webhooks with retries; its /__fake/ knobs
duplicate, reorder, delay and corrupt deliveries. Whatever happens, each checkout grants exactly once, and
after every test each user's balance equals the sum of their ledger. docs/openapi.yaml is the specification;
CONTRACT-6 (B1) the API."""

import itertools
import json
import os
import signal
import sys
import time
import warnings
from datetime import datetime, timezone
from pathlib import Path

import pytest
import requests
from bson import ObjectId
from pymongo import MongoClient

from stack import REPO, expect_error
from test_api_credits import bearer, whole_ledger

sys.path.insert(0, str(REPO / "scripts"))
from fake_stripe.signing import signature_header  # noqa: E402

WEBHOOK = "/api/billing/webhook"


@pytest.fixture(scope="module")
def db(stack):
    client = MongoClient(stack.mongo_uri)
    yield client[stack.db_name]
    client.close()


@pytest.fixture(autouse=True)
def every_balance_is_explained_by_the_ledger(stack, db):
    """After each test: for every user, credits_balance = Σ credit_transactions.amount (plus any change still
    in flight on the user document, whose entry the next history read inserts; docs/design.md)."""
    knob(stack, "deliveries", method="DELETE")
    yield
    wait_for_deliveries(stack)
    entries = {}
    for entry in db.credit_transactions.find({}, {"user_id": 1, "amount": 1}):
        entries.setdefault(entry["user_id"], {})[entry["_id"]] = entry["amount"]
    wrong = []
    for user in db.users.find({}, {"credits_balance": 1, "pending_ledger": 1}):
        ledger = entries.get(user["_id"], {})
        in_flight = sum(item["amount"] for item in user.get("pending_ledger") or [] if item["entry_id"] not in ledger)
        if user["credits_balance"] != sum(ledger.values()) + in_flight:
            wrong.append((str(user["_id"]), user["credits_balance"], sum(ledger.values()), in_flight))
    assert not wrong, f"balance ≠ ledger sum (user, balance, ledger, in flight): {wrong}"


# ── the fake's knobs ──

def knob(stack, path, method="POST", **body):
    response = requests.request(method, f"{stack.stripe_url}/__fake/{path}", json=body or None, timeout=60)
    assert response.status_code in (200, 202), f"{path}: {response.status_code} {response.text[:300]}"
    return response.json()


def wait_for_deliveries(stack, timeout=30):
    assert knob(stack, "wait", timeout=timeout)["idle"], "the fake still has deliveries in flight"


def deliveries(stack, event_id=None):
    query = f"?event={event_id}" if event_id else ""
    return requests.get(f"{stack.stripe_url}/__fake/deliveries{query}", timeout=10).json()["deliveries"]


def final_statuses(attempts):
    """The status of each delivery's last attempt."""
    last = {}
    for attempt in attempts:
        last[attempt["delivery"]] = attempt["status"]
    return list(last.values())


# ── the app's billing API ──

class Buyer:
    def __init__(self, stack):
        self.stack = stack
        self.token, self.user = stack.new_user()
        self.http = stack.session()
        self.http.headers.update(bearer(self.token))

    def get(self, path):
        response = self.http.get(self.stack.url(path), timeout=10)
        assert response.status_code == 200, f"GET {path}: {response.status_code} {response.text[:300]}"
        return response.json()

    def balance(self):
        return self.get("/api/billing/packs")["balance"]

    def checkout(self, pack="starter"):
        response = self.http.post(self.stack.url("/api/billing/checkout"), json={"pack": pack}, timeout=30)
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["url"] == f"{self.stack.stripe_url}/pay/{body['checkout_id']}", body
        return body["checkout_id"]

    def status(self, checkout_id):
        return self.get(f"/api/billing/checkout/{checkout_id}")

    def purchases(self, db, checkout_id):
        return list(db.credit_transactions.find({"idempotency_key": f"stripe:checkout:{checkout_id}"}))

    def amounts(self, db):
        user = ObjectId(self.user["id"])
        return sorted((entry["kind"], entry["amount"]) for entry in db.credit_transactions.find()
                      if entry["user_id"] == user and entry["kind"] != "trial_grant")


def held_payment(stack, buyer, pack="starter"):
    """A checkout paid by card whose checkout.session.completed event is held by the fake (not yet sent)."""
    checkout_id = buyer.checkout(pack)
    return checkout_id, knob(stack, f"sessions/{checkout_id}/pay", send=False)["emitted"][0]


# ── tests ──

def test_packs_come_with_prices_and_the_balance(stack):
    buyer = Buyer(stack)
    body = buyer.get("/api/billing/packs")
    assert body["balance"] == buyer.user["credits_balance"]
    packs = {pack["id"]: pack for pack in body["packs"]}
    assert {"starter", "pro", "scale"} <= set(packs), packs
    for pack in packs.values():
        assert pack["price_usd"] == f"{pack['price_cents'] // 100}.{pack['price_cents'] % 100:02d}", pack
        assert isinstance(pack["credits"], int) and pack["credits"] > 0


def test_each_pack_is_bought_through_the_pay_page(stack, db):
    buyer = Buyer(stack)
    expected = buyer.balance()
    for pack in buyer.get("/api/billing/packs")["packs"]:
        checkout_id = buyer.checkout(pack["id"])
        session = knob(stack, f"sessions/{checkout_id}", method="GET")["session"]
        assert (session["amount_total"], session["currency"]) == (pack["price_cents"], "usd")
        assert session["client_reference_id"] == buyer.user["id"]
        assert session["metadata"].get("pack") == pack["id"]
        before = buyer.status(checkout_id)
        assert (before["status"], before["granted"], before["credits"]) == ("open", False, pack["credits"])
        page = requests.get(session["url"], timeout=10)
        assert page.status_code == 200 and "Pay now" in page.text
        paid = requests.post(session["url"], data={"action": "pay"}, allow_redirects=False, timeout=10)
        assert paid.status_code == 303 and paid.headers["Location"].startswith(stack.base_url), paid.headers
        wait_for_deliveries(stack)
        expected += pack["credits"]
        assert buyer.balance() == expected, pack
        assert [(e["kind"], e["amount"]) for e in buyer.purchases(db, checkout_id)] == [("purchase", pack["credits"])]
        after = buyer.status(checkout_id)
        assert (after["checkout_id"], after["pack"], after["status"], after["granted"]) == (
            checkout_id, pack["id"], "paid", True)
    assert set(final_statuses(deliveries(stack))) == {200}
    balance, items = whole_ledger(stack, buyer.token)  # the user's history shows the purchases
    assert balance == expected == sum(item["amount"] for item in items)
    assert sorted(item["kind"] for item in items) == ["purchase", "purchase", "purchase", "trial_grant"]


def test_checkout_input_and_ownership(stack):
    buyer, other = Buyer(stack), Buyer(stack)
    for body in ({"pack": "platinum"}, {}, {"pack": 3}):
        response = buyer.http.post(stack.url("/api/billing/checkout"), json=body, timeout=10)
        expect_error(response, 400, "invalid_input", "pack")
    checkout_id = buyer.checkout("starter")
    expect_error(other.http.get(stack.url(f"/api/billing/checkout/{checkout_id}"), timeout=10), 404)
    expect_error(stack.session().post(stack.url("/api/billing/checkout"), json={"pack": "starter"}), 401)


def test_one_event_delivered_50_times_at_once_grants_once(stack, db):
    buyer = Buyer(stack)
    start = buyer.balance()
    checkout_id, event = held_payment(stack, buyer)
    knob(stack, f"events/{event['id']}/redeliver", times=50, concurrent=True)
    wait_for_deliveries(stack)
    knob(stack, f"events/{event['id']}/redeliver", times=5)  # and again, one after the other
    wait_for_deliveries(stack)
    statuses = final_statuses(deliveries(stack, event["id"]))
    assert len(statuses) == 55 and set(statuses) == {200}, sorted(set(map(str, statuses)))
    assert len(buyer.purchases(db, checkout_id)) == 1
    assert buyer.balance() == start + 50


@pytest.mark.parametrize("order", list(itertools.permutations(("completed", "succeeded", "refunded"))),
                         ids=lambda order: "-".join(order))
def test_any_order_of_completed_async_success_and_refund_ends_the_same(stack, db, order):
    buyer = Buyer(stack)
    start = buyer.balance()
    checkout_id = buyer.checkout("starter")
    events = {"completed": knob(stack, f"sessions/{checkout_id}/pay", send=False, **{"async": True}),
              "succeeded": knob(stack, f"sessions/{checkout_id}/settle", send=False, outcome="succeeded"),
              "refunded": knob(stack, f"sessions/{checkout_id}/refund", send=False, amount=2450)}
    ids = [events[name]["emitted"][0]["id"] for name in order]
    knob(stack, "send", events=ids)
    wait_for_deliveries(stack)
    knob(stack, "send", events=ids)  # every event once more: replays change nothing
    wait_for_deliveries(stack)
    assert set(final_statuses(deliveries(stack, ids[0]))) == {200}
    assert buyer.amounts(db) == [("purchase", 50), ("refund", -25)]
    assert buyer.balance() == start + 25
    status = buyer.status(checkout_id)
    assert (status["status"], status["granted"]) == ("paid", True)


def test_failed_async_payments_and_expired_checkouts_grant_nothing(stack, db):
    buyer = Buyer(stack)
    start = buyer.balance()
    failed = buyer.checkout("starter")
    knob(stack, f"sessions/{failed}/pay", **{"async": True})
    knob(stack, f"sessions/{failed}/settle", outcome="failed")
    expired = buyer.checkout("pro")
    knob(stack, f"sessions/{expired}/expire")
    wait_for_deliveries(stack)
    assert set(final_statuses(deliveries(stack))) == {200}
    assert (buyer.status(failed)["status"], buyer.status(failed)["granted"]) == ("failed", False)
    assert (buyer.status(expired)["status"], buyer.status(expired)["granted"]) == ("expired", False)
    assert buyer.amounts(db) == [] and buyer.balance() == start


def test_a_full_refund_and_a_dispute_after_a_purchase(stack, db):
    buyer = Buyer(stack)
    start = buyer.balance()
    checkout_id = buyer.checkout("pro")
    knob(stack, f"sessions/{checkout_id}/pay")
    knob(stack, f"sessions/{checkout_id}/refund", amount=9950)
    # Delivered before the full refund is made: the fake, like Stripe, does not keep events in order, and a full
    # refund arriving first takes back all 220 at once (the partial one then adds nothing).
    wait_for_deliveries(stack)
    knob(stack, f"sessions/{checkout_id}/refund")
    knob(stack, f"sessions/{checkout_id}/dispute")
    wait_for_deliveries(stack)
    assert set(final_statuses(deliveries(stack))) == {200}
    # Cumulative: floor(220 × 9950 / 19900) = 110 at the first level, then the rest at the full refund.
    assert buyer.amounts(db) == [("purchase", 220), ("refund", -110), ("refund", -110)]
    assert buyer.balance() == start


def worker_pids(stack):
    supervisor = stack.process("fcgi").pid
    return {int(pid) for pid in Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split()}


def wait_until(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def cut_short(attempt):
    return attempt["status"] in (None, 502)


def test_workers_killed_mid_delivery_still_grant_exactly_once_per_checkout(stack, db):
    buyers = [Buyer(stack) for _ in range(4)]
    starts = [buyer.balance() for buyer in buyers]
    held = [held_payment(stack, buyer, "starter") for buyer in buyers for _ in range(2)]
    ids = [event["id"] for _, event in held]
    config = knob(stack, "config", method="GET")
    knob(stack, "config", retry_delays=[0.3, 0.6, 1, 2, 3, 4, 5])  # ~16 s: enough for a respawn with backoff
    try:
        # A wave of every event each 100 ms (under nginx's webhook rate) while the workers are killed, up to
        # four times or until a kill cuts a delivery short (nginx answers 502, or the connection drops).
        for wave in range(20):
            knob(stack, "send", events=ids, concurrent=True, delay_ms=wave * 100)
        for _ in range(4):
            time.sleep(0.1)
            for pid in worker_pids(stack):
                os.kill(pid, signal.SIGKILL)
            wait_until(lambda: len(worker_pids(stack)) == 2)
            if any(cut_short(attempt) for attempt in deliveries(stack)):
                break
        wait_for_deliveries(stack, timeout=60)
    finally:
        knob(stack, "config", retry_delays=config["retry_delays"])
    attempts = deliveries(stack)
    if not any(cut_short(attempt) for attempt in attempts):
        # Processing takes milliseconds, so a kill can miss; the stripe_events test below is the deterministic
        # "died mid-event" case.
        warnings.warn("no webhook delivery was cut short by the kills this time")
    assert all(status == 200 for status in final_statuses(attempts)), final_statuses(attempts)
    for checkout_id, _ in held:
        assert [e["amount"] for e in db.credit_transactions.find(
            {"idempotency_key": f"stripe:checkout:{checkout_id}"})] == [50], checkout_id
    wait_until(lambda: stack.session().get(stack.url("/api/health"), timeout=5).status_code == 200)
    for buyer, start in zip(buyers, starts):
        assert buyer.balance() == start + 100
        buyer.get("/api/credits")  # a history read completes any change a killed worker left in flight
        assert not db.users.find_one({"_id": ObjectId(buyer.user["id"])}).get("pending_ledger")


def test_an_event_received_but_never_processed_is_processed_on_redelivery(stack, db):
    buyer = Buyer(stack)
    start = buyer.balance()
    checkout_id, event = held_payment(stack, buyer)
    # As if a worker recorded the event and died before processing it.
    db.stripe_events.insert_one({"_id": event["id"], "type": event["type"],
                                 "received_at": datetime.now(timezone.utc), "processed_at": None})
    knob(stack, f"events/{event['id']}/redeliver")
    wait_for_deliveries(stack)
    assert buyer.balance() == start + 50
    assert db.stripe_events.find_one({"_id": event["id"]}).get("processed_at") is not None
    knob(stack, f"events/{event['id']}/redeliver", times=3)
    wait_for_deliveries(stack)
    assert set(final_statuses(deliveries(stack, event["id"]))) == {200}
    assert len(buyer.purchases(db, checkout_id)) == 1 and buyer.balance() == start + 50


@pytest.mark.parametrize("signature", ["bad", "stale", "missing"])
def test_a_badly_signed_delivery_gets_400_and_grants_nothing(stack, db, signature):
    buyer = Buyer(stack)
    start = buyer.balance()
    checkout_id, event = held_payment(stack, buyer)
    knob(stack, f"events/{event['id']}/redeliver", signature=signature)
    wait_for_deliveries(stack)
    attempts = deliveries(stack, event["id"])
    assert [attempt["status"] for attempt in attempts] == [400], attempts
    assert json.loads(attempts[0]["response"])["error"]["code"] in ("invalid_signature", "invalid_input")
    assert buyer.balance() == start and buyer.purchases(db, checkout_id) == []
    assert buyer.status(checkout_id)["granted"] is False


def signed(stack, body, **overrides):
    timestamp = int(time.time())
    return {"Content-Type": "application/json",
            "Stripe-Signature": signature_header(stack.stripe_webhook_secret, timestamp, body), **overrides}


@pytest.mark.parametrize("body, headers", [
    (b'{"id": "evt_1", "type": "checkout.session.completed", "data": {', None),
    (b"[]", None),
    (b"", None),
    (b'{"id": "evt_2", "type": "checkout.session.completed"}', None),
    (b"\xff\xfe not utf-8", None),
    (b'{"id": "evt_3"}', {"Stripe-Signature": "t=abc,v1=zz"}),
    (b'{"id": "evt_4"}', {"Stripe-Signature": ""}),
], ids=["truncated-json", "not-an-object", "empty", "no-data", "not-utf8", "junk-header", "empty-header"])
def test_malformed_webhooks_get_400_never_5xx(stack, body, headers):
    response = stack.session().post(stack.url(WEBHOOK), data=body, headers=signed(stack, body, **(headers or {})),
                                    timeout=10)
    error = expect_error(response, 400)
    assert error["code"] in ("invalid_signature", "invalid_input"), error


def test_a_correctly_signed_event_for_a_forged_session_grants_nothing(stack, db):
    buyer = Buyer(stack)
    start = buyer.balance()
    event = {"id": "evt_forged_0001", "object": "event", "type": "checkout.session.completed", "created": 1,
             "data": {"object": {"id": "cs_test_forged", "object": "checkout.session", "payment_status": "paid",
                                 "client_reference_id": buyer.user["id"], "amount_total": 4900, "currency": "usd",
                                 "metadata": {"user_id": buyer.user["id"], "pack": "scale", "credits": "600"}}}}
    body = json.dumps(event).encode()
    response = stack.session().post(stack.url(WEBHOOK), data=body, headers=signed(stack, body), timeout=10)
    assert response.status_code in (200, 400), response.text
    assert buyer.balance() == start and buyer.amounts(db) == []


def test_unknown_event_types_get_200(stack):
    body = json.dumps({"id": "evt_unknown_type", "object": "event", "type": "customer.created", "created": 1,
                       "data": {"object": {"id": "cus_1", "object": "customer"}}}).encode()
    response = stack.session().post(stack.url(WEBHOOK), data=body, headers=signed(stack, body), timeout=10)
    assert response.status_code == 200, response.text
