"""The fake account's state: Checkout Sessions, PaymentIntents, charges, refunds, disputes and events.

Every change returns the events Stripe would emit for it, already stored; the caller decides whether to
deliver them. One lock guards everything here (the HTTP server runs a thread per connection).
"""

import copy
import hashlib
import json
import secrets
import threading
import time

from .checkout import session_object


class StateError(ValueError):
    """An action that does not fit the object's state (HTTP 400), or an unknown id (HTTP 404)."""

    def __init__(self, message, status=400, code="invalid_state"):
        super().__init__(message)
        self.status = status
        self.code = code


def new_id(prefix):
    return f"{prefix}_{secrets.token_hex(12)}"


class Account:
    def __init__(self, clock=time.time):
        self._clock = clock
        self._lock = threading.Lock()
        self._sessions = {}    # cs id → session object
        self._intent_metadata = {}  # cs id → payment_intent_data[metadata]
        self._items = {}       # cs id → [(product name, quantity, amount)] for the pay page
        self._failed = set()   # cs ids whose async payment failed
        self._charges = {}     # cs id → charge object (once the payment succeeded)
        self._events = {}      # evt id → event (insertion order = creation order)
        self._event_session = {}  # evt id → cs id
        self._idempotency = {}  # (api key, Idempotency-Key) → (fingerprint, status, body)

    def now(self):
        return int(self._clock())

    # ── the API: idempotent creation ──

    def create_session(self, api_key, idempotency_key, params, raw_params, base_url):
        """(status, body, replayed) for POST /v1/checkout/sessions; `raw_params` fingerprints the request."""
        fingerprint = hashlib.sha256(json.dumps(raw_params, sort_keys=True).encode()).hexdigest()
        with self._lock:
            if idempotency_key:
                stored = self._idempotency.get((api_key, idempotency_key))
                if stored is not None:
                    if stored[0] != fingerprint:
                        return 400, _idempotency_error(idempotency_key), False
                    return stored[1], copy.deepcopy(stored[2]), True
            status, body = self._create(params, base_url)
            if idempotency_key:
                self._idempotency[(api_key, idempotency_key)] = (fingerprint, status, copy.deepcopy(body))
            return status, body, False

    def _create(self, params, base_url):
        session, intent_metadata, items = session_object(new_id("cs_test"), params, base_url, self.now())
        self._sessions[session["id"]] = session
        self._intent_metadata[session["id"]] = intent_metadata
        self._items[session["id"]] = items
        return 200, copy.deepcopy(session)

    # ── reads ──

    def session(self, session_id):
        with self._lock:
            return copy.deepcopy(self._session(session_id))

    def line_items(self, session_id):
        with self._lock:
            self._session(session_id)
            return list(self._items[session_id])

    def details(self, session_id):
        """The session with its charge and its events (for the admin API)."""
        with self._lock:
            session = copy.deepcopy(self._session(session_id))
            charge = copy.deepcopy(self._charges.get(session_id))
            events = [copy.deepcopy(event) for event_id, event in self._events.items()
                      if self._event_session.get(event_id) == session_id]
        return {"session": session, "charge": charge, "events": events}

    def event(self, event_id):
        with self._lock:
            event = self._events.get(event_id)
            if event is None:
                raise StateError(f"No such event: '{event_id}'", 404, "resource_missing")
            return copy.deepcopy(event)

    def events(self, session_id=None, event_type=None):
        with self._lock:
            return [copy.deepcopy(event) for event_id, event in self._events.items()
                    if (session_id is None or self._event_session.get(event_id) == session_id)
                    and (event_type is None or event["type"] == event_type)]

    # ── what a customer or the bank does ──

    def pay(self, session_id, asynchronous=False):
        """The customer pays: a card (paid at once) or an async method (completed unpaid; settles later)."""
        with self._lock:
            session = self._open_session(session_id)
            session["payment_intent"] = new_id("pi")
            session["status"] = "complete"
            if asynchronous:
                return [self._emit("checkout.session.completed", session)]
            self._succeed(session)
            return [self._emit("checkout.session.completed", session)]

    def settle(self, session_id, succeeded):
        """The async payment method settles: async_payment_succeeded or async_payment_failed."""
        with self._lock:
            session = self._session(session_id)
            if session["status"] != "complete" or session["payment_status"] != "unpaid" \
                    or session_id in self._charges or session_id in self._failed:
                raise StateError(f"{session_id} has no async payment waiting to settle")
            if succeeded:
                self._succeed(session)
                return [self._emit("checkout.session.async_payment_succeeded", session)]
            self._failed.add(session_id)
            return [self._emit("checkout.session.async_payment_failed", session)]

    def expire(self, session_id):
        with self._lock:
            session = self._open_session(session_id)
            session["status"] = "expired"
            return [self._emit("checkout.session.expired", session)]

    def refund(self, session_id, amount=None):
        """A (partial) refund of the session's charge; charge.refunded carries the cumulative amount_refunded."""
        with self._lock:
            charge = self._charge(session_id)
            remaining = charge["amount"] - charge["amount_refunded"]
            amount = remaining if amount is None else amount
            if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= remaining:
                raise StateError(f"amount must be a whole number of cents from 1 to {remaining}")
            refund = {"id": new_id("re"), "object": "refund", "amount": amount, "charge": charge["id"],
                      "currency": charge["currency"], "payment_intent": charge["payment_intent"],
                      "status": "succeeded", "created": self.now()}
            charge["amount_refunded"] += amount
            charge["refunded"] = charge["amount_refunded"] == charge["amount"]
            charge["refunds"]["data"].insert(0, refund)
            charge["refunds"]["total_count"] += 1
            return [self._emit("charge.refunded", charge, session_id)]

    def dispute(self, session_id, reason="fraudulent"):
        with self._lock:
            charge = self._charge(session_id)
            charge["disputed"] = True
            dispute = {"id": new_id("dp"), "object": "dispute", "amount": charge["amount"], "charge": charge["id"],
                       "currency": charge["currency"], "payment_intent": charge["payment_intent"],
                       "reason": reason, "status": "needs_response", "created": self.now(), "metadata": {}}
            return [self._emit("charge.dispute.created", dispute, session_id)]

    # ── internals (lock held) ──

    def _session(self, session_id):
        session = self._sessions.get(session_id)
        if session is None:
            raise StateError(f"No such checkout.session: '{session_id}'", 404, "resource_missing")
        return session

    def _open_session(self, session_id):
        session = self._session(session_id)
        if session["status"] != "open":
            raise StateError(f"{session_id} is {session['status']}, not open")
        return session

    def _charge(self, session_id):
        self._session(session_id)
        charge = self._charges.get(session_id)
        if charge is None:
            raise StateError(f"{session_id} has no successful charge yet")
        return charge

    def _succeed(self, session):
        session["payment_status"] = "paid"
        self._charges[session["id"]] = {
            "id": new_id("ch"), "object": "charge", "amount": session["amount_total"],
            "amount_captured": session["amount_total"], "amount_refunded": 0, "currency": session["currency"],
            "created": self.now(), "disputed": False, "livemode": False, "paid": True,
            "payment_intent": session["payment_intent"], "refunded": False, "status": "succeeded",
            "metadata": dict(self._intent_metadata.get(session["id"], {})),
            "refunds": {"object": "list", "data": [], "has_more": False, "total_count": 0},
        }

    def _emit(self, event_type, data_object, session_id=None):
        event = {"id": new_id("evt"), "object": "event", "api_version": "2024-06-20", "created": self.now(),
                 "livemode": False, "pending_webhooks": 1, "request": {"id": None, "idempotency_key": None},
                 "type": event_type, "data": {"object": copy.deepcopy(data_object)}}
        self._events[event["id"]] = event
        self._event_session[event["id"]] = session_id or data_object["id"]
        return copy.deepcopy(event)


def _idempotency_error(key):
    return {"error": {"type": "idempotency_error", "message": (
        f"Keys for idempotent requests can only be used with the same parameters they were first used with. "
        f"Try using a key other than '{key}' if you meant to execute a different request.")}}
