"""The test knobs under /__fake/ (JSON in, JSON out): drive payments, refunds, disputes and expiry, and control
how events reach the app (duplicates, order, concurrency, delay, signatures). See README.md.

`route(fake, method, path, query, body)` returns (status, payload); the fake is the server object.
"""

from .account import StateError
from .signing import SIGNATURES

MAX_COPIES = 500


class AdminError(ValueError):
    pass


def route(fake, method, path, query, body):
    parts = path.strip("/").split("/")[1:]  # after "__fake"
    if parts == ["config"]:
        return (200, fake.config()) if method == "GET" else (200, fake.configure(body))
    if parts == ["deliveries"]:
        if method == "DELETE":
            fake.deliverer.clear()
            return 200, {"deliveries": []}
        return 200, {"deliveries": fake.deliverer.attempts(query.get("event"))}
    if parts == ["wait"] and method == "POST":
        idle = fake.deliverer.wait_idle(_number(body, "timeout", 30.0))
        return 200, {"idle": idle, "in_flight": fake.deliverer.in_flight()}
    if parts == ["events"] and method == "GET":
        return 200, {"events": fake.account.events(query.get("session"), query.get("type"))}
    if parts == ["send"] and method == "POST":
        ids = body.get("events")
        if not isinstance(ids, list) or not all(isinstance(item, str) for item in ids):
            raise AdminError("events must be a list of event ids, in the order to deliver them")
        events = [fake.account.event(event_id) for event_id in ids]
        fake.deliverer.send(events, **send_options(body))
        return 202, {"sending": ids}
    if len(parts) == 3 and parts[0] == "events" and parts[2] == "redeliver" and method == "POST":
        event = fake.account.event(parts[1])
        fake.deliverer.send([event], **send_options(body))
        return 202, {"sending": [event["id"]]}
    if len(parts) >= 2 and parts[0] == "sessions":
        return _session(fake, method, parts[1], parts[2:], body)
    if parts == ["faults"] and method == "POST":
        return 200, {"pending": fake.queue_create_faults(body.get("create"))}
    raise StateError(f"Unknown admin path {method} {path}", 404, "not_found")


def _session(fake, method, session_id, action, body):
    account = fake.account
    if not action and method == "GET":
        return 200, account.details(session_id)
    if len(action) != 1 or method != "POST":
        raise StateError(f"Unknown admin path {method} /__fake/sessions/{session_id}/{'/'.join(action)}", 404,
                         "not_found")
    name = action[0]
    if name == "pay":
        events = account.pay(session_id, asynchronous=_flag(body, "async", False))
    elif name == "settle":
        outcome = body.get("outcome", "succeeded")
        if outcome not in ("succeeded", "failed"):
            raise AdminError("outcome must be succeeded or failed")
        events = account.settle(session_id, succeeded=outcome == "succeeded")
    elif name == "expire":
        events = account.expire(session_id)
    elif name == "refund":
        amount = body.get("amount")
        events = account.refund(session_id, amount)
    elif name == "dispute":
        events = account.dispute(session_id, str(body.get("reason", "fraudulent")))
    else:
        raise StateError(f"Unknown session action {name}", 404, "not_found")
    if _flag(body, "send", fake.auto_deliver):
        fake.deliverer.send(events, **send_options(body))
    return 200, {**account.details(session_id), "emitted": events}


def send_options(body):
    """Delivery options shared by every knob that sends: times, concurrent, delay_ms, signature, retry."""
    signature = body.get("signature", "bad" if body.get("bad_signature") is True else "valid")
    if signature not in SIGNATURES:
        raise AdminError(f"signature must be one of {', '.join(SIGNATURES)}")
    copies = body.get("times", 1)
    if isinstance(copies, bool) or not isinstance(copies, int) or not 1 <= copies <= MAX_COPIES:
        raise AdminError(f"times must be a whole number from 1 to {MAX_COPIES}")
    return {"copies": copies, "concurrent": _flag(body, "concurrent", False),
            "delay": _number(body, "delay_ms", 0) / 1000, "signature": signature,
            "retry": _flag(body, "retry", signature == "valid")}


def _flag(body, name, default):
    value = body.get(name, default)
    if not isinstance(value, bool):
        raise AdminError(f"{name} must be true or false")
    return value


def _number(body, name, default):
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise AdminError(f"{name} must be a non-negative number")
    return value
