"""Model prices in e2e tests, set as an operator sets them: POST /api/admin/pricing by an administrator. Prices
are never deleted or back-dated, so "putting a price back" means a new entry in force from now."""

import contextlib

from stack import unique_email

_admin_tokens: dict[int, str] = {}


def admin_token(stack) -> str:
    """One administrator per stack (created with the admin CLI), signed in once."""
    if id(stack) not in _admin_tokens:
        email = unique_email("pricing-admin")
        password = stack.make_admin(email)
        _admin_tokens[id(stack)] = stack._login(email, password)["token"]
    return _admin_tokens[id(stack)]


def admin_call(stack, method: str, path: str, body: dict | None = None, token: str | None = None):
    headers = {"Authorization": f"Bearer {token or admin_token(stack)}"}
    return getattr(stack.session(), method)(stack.url(path), headers=headers, json=body, timeout=10)


def set_price(stack, model: str, input_usd: str, output_usd: str, effective_from: str | None = None) -> dict:
    """Prices `model` in USD per million tokens from `effective_from` (default now); returns the entry."""
    body = {"model": model, "input_usd_per_mtok": input_usd, "output_usd_per_mtok": output_usd}
    if effective_from:
        body["effective_from"] = effective_from
    response = admin_call(stack, "post", "/api/admin/pricing", body)
    assert response.status_code == 201, response.text
    return response.json()


def current_prices(stack) -> dict[str, tuple[str, str]]:
    response = admin_call(stack, "get", "/api/admin/pricing")
    assert response.status_code == 200, response.text
    return {item["model"]: (item["current"]["input_usd_per_mtok"], item["current"]["output_usd_per_mtok"])
            for item in response.json()["models"] if item["current"]}


@contextlib.contextmanager
def prices_in_force(stack, prices: dict[str, tuple[str, str]]):
    """The given models cost `prices` (USD per million prompt and completion tokens) while inside; afterwards
    each model's earlier price (zero when it had none) is in force again."""
    before = current_prices(stack)
    for model, (prompt, completion) in prices.items():
        set_price(stack, model, prompt, completion)
    try:
        yield
    finally:
        for model in prices:
            set_price(stack, model, *before.get(model, ("0", "0")))
