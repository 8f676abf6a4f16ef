"""The local "Checkout" page: what the customer sees at a session's url. Three buttons POST back to it."""

from html import escape

ACTIONS = {"pay": "Pay now", "pay_async": "Pay later (async)", "cancel": "Cancel"}

_STYLE = """body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f8fa;color:#1a1f36}
main{max-width:28rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin-top:0}table{width:100%;border-collapse:collapse;margin:1rem 0}
th,td{text-align:left;padding:.3rem 0;border-bottom:1px solid #e3e8ee}td.amount,th.amount{text-align:right}
.buttons{display:flex;gap:.5rem;flex-wrap:wrap}button{font:inherit;padding:.6rem 1rem;border-radius:6px;
border:1px solid #635bff;background:#fff;color:#3d35c8;cursor:pointer}button.primary{background:#635bff;color:#fff}
button:focus-visible{outline:3px solid #1a1f36;outline-offset:2px}.note{color:#4f566b;font-size:.9rem}"""


def money(cents, currency):
    return f"{cents / 100:,.2f} {currency.upper()}"


def pay_page(session, items):
    """The page for `session`: the order and the three buttons while it is open, else its state."""
    rows = "".join(f"<tr><td>{escape(name)} × {quantity}</td><td class=\"amount\">"
                   f"{money(amount, session['currency'])}</td></tr>" for name, quantity, amount in items)
    order = (f"<table><caption class=\"note\">Order summary</caption><thead><tr><th scope=\"col\">Item</th>"
             f"<th scope=\"col\" class=\"amount\">Amount</th></tr></thead><tbody>{rows}</tbody><tfoot><tr>"
             f"<th scope=\"row\">Total</th><td class=\"amount\" id=\"total\">"
             f"{money(session['amount_total'], session['currency'])}</td></tr></tfoot></table>")
    if session["status"] == "open":
        buttons = "".join(f"<button type=\"submit\" name=\"action\" value=\"{action}\"{_primary(action)}>"
                          f"{label}</button>" for action, label in ACTIONS.items())
        body = (f"{order}<form method=\"post\" action=\"/pay/{escape(session['id'])}\" aria-label=\"Payment\">"
                f"<div class=\"buttons\">{buttons}</div></form>"
                "<p class=\"note\">A local test page: no card, no money. “Pay later” completes the checkout "
                "unpaid; settle it with POST /__fake/sessions/&lt;id&gt;/settle.</p>")
    else:
        back = session["success_url"] if session["status"] == "complete" else session["cancel_url"]
        link = f"<p><a href=\"{escape(fill(back, session['id']))}\">Return to the site</a></p>" if back else ""
        body = f"{order}<p role=\"status\">This checkout is {escape(session['status'])}.</p>{link}"
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>Pay {money(session['amount_total'], session['currency'])} · Fake Stripe Checkout</title>"
            f"<style>{_STYLE}</style></head><body><main><h1>Fake Stripe Checkout</h1>"
            f"<p class=\"note\">Session <code>{escape(session['id'])}</code></p>{body}</main></body></html>")


def _primary(action):
    return ' class="primary"' if action == "pay" else ""


def not_found_page(session_id):
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found · Fake Stripe"
            f"</title></head><body><main><h1>No such checkout</h1><p>{escape(session_id)} is not a checkout "
            f"session of this fake.</p></main></body></html>")


def fill(url, session_id):
    """Stripe replaces the literal {CHECKOUT_SESSION_ID} in success and cancel URLs."""
    return url.replace("{CHECKOUT_SESSION_ID}", session_id)
