"""The fake Stripe (scripts/fake-stripe.py) on its own: Checkout Session creation like Stripe's API (form
encoding, bearer key, idempotency), the pay page, and webhooks as Stripe sends them (signed per attempt,
retried on non-2xx), driven by the /__fake/ knobs. A small receiver in the test stands in for the app."""

import hashlib
import hmac
import json
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode

import pytest
import requests

from sim_helpers import REPO

sys.path.insert(0, str(REPO / "scripts"))
from fake_stripe.forms import FormError, parse_form  # noqa: E402

SCRIPT = REPO / "scripts" / "fake-stripe.py"
SECRET = "whsec_unit_test_secret"
KEY = "sk_test_unit"


class Receiver(ThreadingHTTPServer):
    """Stands in for the app's webhook: records every POST and answers with queued statuses (then 200)."""
    daemon_threads = True
    request_queue_size = 128

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _ReceiverHandler)
        self.lock = threading.Lock()
        self.received = []  # (headers dict, raw body)
        self.statuses = []

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/api/billing/webhook"

    def events(self):
        with self.lock:
            return [json.loads(body) for _, body in self.received]


class _ReceiverHandler(BaseHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        with self.server.lock:
            self.server.received.append((dict(self.headers), body))
            status = self.server.statuses.pop(0) if self.server.statuses else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()


class Fake:
    def __init__(self, receiver, *args):
        probe = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
        port = probe.server_address[1]
        probe.server_close()
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [sys.executable, str(SCRIPT), "--port", str(port), "--webhook-url", receiver.url, "--webhook-secret",
             SECRET, "--secret-key", KEY, "--retry-delays", "0.05,0.1", *args],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 10
        while True:
            try:
                requests.get(self.base + "/health", timeout=1)
                return
            except requests.ConnectionError:
                assert self.process.poll() is None and time.monotonic() < deadline, self.process.stderr.read()
                time.sleep(0.05)

    def create(self, key=None, api_key=KEY, **overrides):
        params = {"mode": "payment", "success_url": "http://app.test/billing?session_id={CHECKOUT_SESSION_ID}",
                  "cancel_url": "http://app.test/billing?canceled=1", "client_reference_id": "user_1",
                  "line_items[0][price_data][currency]": "usd", "line_items[0][price_data][unit_amount]": "4900",
                  "line_items[0][price_data][product_data][name]": "Starter", "line_items[0][quantity]": "1",
                  "metadata[user_id]": "user_1", "metadata[pack]": "starter", "metadata[credits]": "50",
                  "payment_intent_data[metadata][user_id]": "user_1",
                  "payment_intent_data[metadata][credits]": "50", **overrides}
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        if key:
            headers["Idempotency-Key"] = key
        return requests.post(self.base + "/v1/checkout/sessions", data=urlencode(params), headers=headers,
                             timeout=5)

    def session(self):
        response = self.create()
        assert response.status_code == 200, response.text
        return response.json()

    def knob(self, path, **body):
        response = requests.post(f"{self.base}/__fake/{path}", json=body, timeout=30)
        assert response.status_code in (200, 202), response.text
        return response.json()

    def settled(self):
        assert self.knob("wait", timeout=10)["idle"]
        return requests.get(self.base + "/__fake/deliveries", timeout=5).json()["deliveries"]


@pytest.fixture
def receiver():
    server = Receiver()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def fake(receiver):
    running = Fake(receiver)
    yield running
    running.process.send_signal(signal.SIGTERM)
    assert running.process.wait(timeout=10) == 0


def verified(headers, body):
    """The event when the Stripe-Signature header verifies like stripe-python's (any v1 over "<t>.<body>")."""
    pairs = [item.split("=", 1) for item in headers["Stripe-Signature"].split(",")]
    t = next(value for name, value in pairs if name == "t")
    expected = hmac.new(SECRET.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    assert any(name == "v1" and hmac.compare_digest(value, expected) for name, value in pairs), headers
    assert abs(time.time() - int(t)) < 60
    return json.loads(body)


# ── form encoding ──

def test_brackets_nest_and_indexed_keys_become_arrays():
    body = b"a=1&line_items%5B0%5D%5Bprice_data%5D%5Bunit_amount%5D=4900&line_items%5B1%5D%5Bquantity%5D=2&m%5Bk%5D="
    assert parse_form(body) == {"a": "1", "m": {"k": ""}, "line_items": [{"price_data": {"unit_amount": "4900"}},
                                                                         {"quantity": "2"}]}


@pytest.mark.parametrize("body", [b"x%5B%5D=1", b"x%5B1%5D=1", b"x=1&x%5Ba%5D=2", b"x=1&x=2", b"%5Bx%5D=1",
                                  b"x%5B00%5D=1", b"\xff=1"])
def test_unindexed_gapped_mixed_or_repeated_keys_are_refused(body):
    with pytest.raises(FormError):
        parse_form(body)


# ── the API ──

def test_a_checkout_session_is_created_from_the_form(fake):
    session = fake.session()
    assert session["id"].startswith("cs_test_") and session["object"] == "checkout.session"
    assert session["url"] == f"{fake.base}/pay/{session['id']}"
    assert (session["amount_total"], session["currency"]) == (4900, "usd")
    assert session["client_reference_id"] == "user_1"
    assert session["metadata"] == {"user_id": "user_1", "pack": "starter", "credits": "50"}
    assert (session["payment_status"], session["status"], session["payment_intent"]) == ("unpaid", "open", None)
    retrieved = requests.get(f"{fake.base}/v1/checkout/sessions/{session['id']}",
                             headers={"Authorization": f"Bearer {KEY}"}, timeout=5)
    assert retrieved.json() == session


def test_amount_total_is_unit_amount_times_quantity_over_all_items(fake):
    response = fake.create(**{"line_items[0][quantity]": "2", "line_items[1][price_data][currency]": "usd",
                              "line_items[1][price_data][unit_amount]": "100", "line_items[1][quantity]": "3",
                              "line_items[1][price_data][product_data][name]": "Extra"})
    assert response.json()["amount_total"] == 2 * 4900 + 300


@pytest.mark.parametrize("api_key, message", [(None, "You did not provide"), ("sk_test_other", "Invalid API Key")])
def test_the_api_needs_the_bearer_key(fake, api_key, message):
    response = fake.create(api_key=api_key)
    assert response.status_code == 401 and message in response.json()["error"]["message"]


@pytest.mark.parametrize("overrides, param", [
    ({"coupon": "x"}, "coupon"),
    ({"line_items[0][price_data][unit_amount]": "49.00"}, "line_items[0][price_data][unit_amount]"),
    ({"line_items[0][price_data][currency]": "xxx"}, "line_items[0][price_data][currency]"),
    ({"mode": "subscription"}, "mode"),
    ({"success_url": "javascript:alert(1)"}, "success_url"),
])
def test_bad_parameters_get_stripes_400_naming_the_param(fake, overrides, param):
    response = fake.create(**overrides)
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "invalid_request_error"
    assert response.json()["error"]["param"] == param


def test_an_idempotency_key_replays_the_first_answer_and_refuses_other_parameters(fake):
    first = fake.create(key="key-1")
    again = fake.create(key="key-1")
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    other = fake.create(key="key-1", client_reference_id="user_2")
    assert other.status_code == 400 and other.json()["error"]["type"] == "idempotency_error"
    assert fake.create(key="key-2").json()["id"] != first.json()["id"]
    assert fake.create().json()["id"] != fake.create().json()["id"]


def test_queued_create_faults_answer_first_and_say_retry(fake):
    fake.knob("faults", create=[503, 409])
    assert [fake.create(key="k").status_code for _ in range(3)] == [503, 409, 200]


# ── the pay page and the events it causes ──

def test_the_pay_page_offers_three_buttons_and_paying_sends_a_signed_completed_event(fake, receiver):
    session = fake.session()
    page = requests.get(session["url"], timeout=5)
    assert page.status_code == 200 and '<html lang="en">' in page.text and "49.00 USD" in page.text
    for label in ("Pay now", "Pay later (async)", "Cancel"):
        assert f">{label}</button>" in page.text
    paid = requests.post(session["url"], data={"action": "pay"}, allow_redirects=False, timeout=5)
    assert paid.status_code == 303
    assert paid.headers["Location"] == f"http://app.test/billing?session_id={session['id']}"
    assert [d["status"] for d in fake.settled()] == [200]
    headers, body = receiver.received[0]
    event = verified(headers, body)
    assert event["id"].startswith("evt_") and event["object"] == "event"
    assert event["type"] == "checkout.session.completed" and isinstance(event["created"], int)
    paid_session = event["data"]["object"]
    assert paid_session["payment_status"] == "paid" and paid_session["payment_intent"].startswith("pi_")
    charge = requests.get(f"{fake.base}/__fake/sessions/{session['id']}", timeout=5).json()["charge"]
    assert charge["metadata"] == {"user_id": "user_1", "credits": "50"}
    assert charge["payment_intent"] == paid_session["payment_intent"]
    assert "Pay now" not in requests.get(session["url"], timeout=5).text


def test_cancel_returns_to_the_cancel_url_and_sends_nothing(fake, receiver):
    session = fake.session()
    cancelled = requests.post(session["url"], data={"action": "cancel"}, allow_redirects=False, timeout=5)
    assert cancelled.headers["Location"] == "http://app.test/billing?canceled=1"
    assert fake.settled() == [] and receiver.received == []


def test_a_failing_endpoint_gets_retries_each_freshly_signed(fake, receiver):
    receiver.statuses = [500, 503]
    session = fake.session()
    fake.knob(f"sessions/{session['id']}/pay")
    assert [d["status"] for d in fake.settled()] == [500, 503, 200]
    signatures = {headers["Stripe-Signature"] for headers, _ in receiver.received}
    assert len(signatures) == 3
    assert len({verified(headers, body)["id"] for headers, body in receiver.received}) == 1


def test_async_payment_completes_unpaid_then_settles(fake, receiver):
    session = fake.session()
    requests.post(session["url"], data={"action": "pay_async"}, allow_redirects=False, timeout=5)
    fake.knob(f"sessions/{session['id']}/settle", outcome="succeeded")
    fake.settled()
    completed, succeeded = receiver.events()
    assert completed["type"] == "checkout.session.completed"
    assert completed["data"]["object"]["payment_status"] == "unpaid"
    assert completed["data"]["object"]["payment_intent"].startswith("pi_")
    assert succeeded["type"] == "checkout.session.async_payment_succeeded"
    assert succeeded["data"]["object"]["payment_status"] == "paid"
    other = fake.session()
    fake.knob(f"sessions/{other['id']}/pay", **{"async": True})
    failed = fake.knob(f"sessions/{other['id']}/settle", outcome="failed")["emitted"]
    assert [event["type"] for event in failed] == ["checkout.session.async_payment_failed"]


def test_refunds_report_the_cumulative_amount_refunded(fake, receiver):
    session = fake.session()
    fake.knob(f"sessions/{session['id']}/pay")
    fake.knob(f"sessions/{session['id']}/refund", amount=1000)
    fake.knob(f"sessions/{session['id']}/refund")
    fake.settled()
    refunds = [event["data"]["object"] for event in receiver.events() if event["type"] == "charge.refunded"]
    assert [(c["amount"], c["amount_refunded"], c["refunded"]) for c in refunds] == [(4900, 1000, False),
                                                                                     (4900, 4900, True)]
    assert refunds[0]["metadata"] == {"user_id": "user_1", "credits": "50"}
    over = requests.post(f"{fake.base}/__fake/sessions/{session['id']}/refund", json={"amount": 1}, timeout=5)
    assert over.status_code == 400


def test_disputes_and_expiry_send_their_events(fake, receiver):
    paid = fake.session()
    fake.knob(f"sessions/{paid['id']}/pay")
    dispute = fake.knob(f"sessions/{paid['id']}/dispute")["emitted"][0]
    assert dispute["type"] == "charge.dispute.created" and dispute["data"]["object"]["charge"].startswith("ch_")
    open_one = fake.session()
    assert fake.knob(f"sessions/{open_one['id']}/expire")["emitted"][0]["type"] == "checkout.session.expired"
    late = requests.post(open_one["url"], data={"action": "pay"}, allow_redirects=False, timeout=5)
    assert late.status_code == 409
    fake.settled()
    assert [e["type"] for e in receiver.events()] == ["checkout.session.completed", "charge.dispute.created",
                                                      "checkout.session.expired"]


# ── delivery knobs ──

def test_held_events_are_sent_in_the_chosen_order(fake, receiver):
    session = fake.session()
    ids = []
    for path, body in (("pay", {"async": True}), ("settle", {}), ("refund", {"amount": 100})):
        ids.append(fake.knob(f"sessions/{session['id']}/{path}", send=False, **body)["emitted"][0]["id"])
    assert fake.settled() == []
    fake.knob("send", events=[ids[2], ids[0], ids[1]])
    fake.settled()
    assert [event["id"] for event in receiver.events()] == [ids[2], ids[0], ids[1]]


def test_an_event_is_redelivered_many_times_concurrently(fake, receiver):
    session = fake.session()
    event = fake.knob(f"sessions/{session['id']}/pay", send=False)["emitted"][0]
    fake.knob(f"events/{event['id']}/redeliver", times=20, concurrent=True)
    deliveries = fake.settled()
    assert len(deliveries) == 20 and {d["event"] for d in deliveries} == {event["id"]}
    assert len({d["delivery"] for d in deliveries}) == 20
    assert {verified(headers, body)["id"] for headers, body in receiver.received} == {event["id"]}


@pytest.mark.parametrize("kind", ["bad", "missing", "stale"])
def test_bad_signatures_are_sent_once_unless_retry_is_asked(fake, receiver, kind):
    receiver.statuses = [400, 400, 400]
    session = fake.session()
    event = fake.knob(f"sessions/{session['id']}/pay", send=False)["emitted"][0]
    fake.knob(f"events/{event['id']}/redeliver", signature=kind)
    assert [(d["status"], d["signature"]) for d in fake.settled()] == [(400, kind)]
    headers, body = receiver.received[0]
    if kind == "missing":
        assert "Stripe-Signature" not in headers
    else:
        with pytest.raises(AssertionError):
            verified(headers, body)


def test_a_delay_holds_the_delivery(fake, receiver):
    session = fake.session()
    event = fake.knob(f"sessions/{session['id']}/pay", send=False)["emitted"][0]
    started = time.monotonic()
    fake.knob(f"events/{event['id']}/redeliver", delay_ms=300)
    assert receiver.received == []
    fake.settled()
    assert time.monotonic() - started >= 0.3 and len(receiver.received) == 1


def test_knobs_refuse_bad_options(fake):
    assert requests.post(f"{fake.base}/__fake/send", json={"events": "x"}, timeout=5).status_code == 400
    assert requests.post(f"{fake.base}/__fake/events/evt_nope/redeliver", json={}, timeout=5).status_code == 404
    session = fake.session()
    pay = requests.post(f"{fake.base}/__fake/sessions/{session['id']}/pay", json={"times": 0}, timeout=5)
    assert pay.status_code == 400
