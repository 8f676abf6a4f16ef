#!/usr/bin/env python3
"""Cohorta's local fake Stripe (Python 3 standard library only).

Usage: fake-stripe.py --webhook-secret whsec_… [--webhook-url URL] [--port P] [--host 127.0.0.1]
                      [--secret-key sk_test_…] [--retry-delays 5,30,120,600] [--public-url URL]

Stripe's API: POST /v1/checkout/sessions (form-encoded, Bearer sk_test_…, Idempotency-Key),
GET /v1/checkout/sessions/<id>, GET /v1/events/<id>. The customer's page: GET/POST /pay/<id>.
Test knobs (JSON) under /__fake/: see scripts/fake_stripe/README.md.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fake_stripe.server import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
