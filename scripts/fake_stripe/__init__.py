"""Cohorta's fake Stripe: Checkout Sessions, a local pay page and signed webhooks. See README.md."""
