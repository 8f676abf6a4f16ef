"""Stripe's webhook signature (reliability-anchors §2.1, §3): HMAC-SHA256 keyed with the whole `whsec_…`
string (not base64-decoded) over "<t>.<raw body>", sent as `Stripe-Signature: t=<unix>,v1=<hex>`.
Tests import `signature_header` to sign bodies of their own."""

import hashlib
import hmac

WRONG_SECRET = "whsec_not_the_configured_secret"
STALE_SECONDS = 3600  # older than any verifier's tolerance (300 s)
SIGNATURES = ("valid", "bad", "missing", "stale")


def signature(secret, timestamp, payload):
    return hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()


def signature_header(secret, timestamp, payload):
    return f"t={timestamp},v1={signature(secret, timestamp, payload)}"


def headers_for(kind, secret, now, payload):
    """The Stripe-Signature header for one delivery attempt: `valid`, `bad` (another secret), `missing`, or
    `stale` (correctly signed an hour ago)."""
    if kind == "missing":
        return {}
    if kind == "bad":
        return {"Stripe-Signature": signature_header(WRONG_SECRET, now, payload)}
    if kind == "stale":
        return {"Stripe-Signature": signature_header(secret, now - STALE_SECONDS, payload)}
    return {"Stripe-Signature": signature_header(secret, now, payload)}
