"""Checkout Session creation: validates parameters the way Stripe does for `mode=payment` and builds the object.

Only what Cohorta sends (and a few neighbours) is accepted; anything else gets Stripe's "Received unknown
parameter" 400, so a typo in the app's encoder fails loudly instead of being ignored.
"""

from .forms import FormError

TOP_LEVEL = {"mode", "line_items", "success_url", "cancel_url", "client_reference_id", "metadata",
             "payment_intent_data", "customer_email", "customer", "expires_at", "payment_method_types", "locale",
             "allow_promotion_codes", "submit_type", "billing_address_collection", "expand", "currency"}
LINE_ITEM = {"price", "price_data", "quantity"}
PRICE_DATA = {"currency", "unit_amount", "product_data", "tax_behavior"}
PRODUCT_DATA = {"name", "description", "images", "metadata"}
PAYMENT_INTENT_DATA = {"metadata", "description", "receipt_email", "statement_descriptor",
                       "statement_descriptor_suffix", "capture_method"}
CURRENCIES = {"usd", "eur", "gbp"}
SESSION_LIFETIME = 24 * 3600


def session_object(session_id, params, base_url, now):
    """The Checkout Session Stripe would return for these (parsed) parameters, the PaymentIntent's metadata
    and the line items as (name, quantity, amount) for the pay page; raises FormError."""
    _known(params, TOP_LEVEL, "")
    if params.get("mode") != "payment":
        raise FormError("The fake supports only mode=payment.", "mode")
    success_url = _url(params, "success_url", required=True)
    cancel_url = _url(params, "cancel_url", required=False)
    items = params.get("line_items")
    if not isinstance(items, list) or not items:
        raise FormError("line_items is required in payment mode.", "line_items")
    amounts = [_line_item(item, f"line_items[{n}]") for n, item in enumerate(items)]
    currencies = {currency for _, currency, _ in amounts}
    if len(currencies) != 1:
        raise FormError("All line items must use the same currency.", "line_items")
    reference = params.get("client_reference_id")
    if reference is not None and (not isinstance(reference, str) or not 0 < len(reference) <= 200):
        raise FormError("client_reference_id must be 1 to 200 characters.", "client_reference_id")
    intent_data = params.get("payment_intent_data", {})
    if not isinstance(intent_data, dict):
        raise FormError("Invalid object", "payment_intent_data")
    _known(intent_data, PAYMENT_INTENT_DATA, "payment_intent_data")
    total = sum(amount for amount, _, _ in amounts)
    return {
        "id": session_id, "object": "checkout.session", "livemode": False, "mode": "payment",
        "created": now, "expires_at": now + SESSION_LIFETIME, "url": f"{base_url}/pay/{session_id}",
        "success_url": success_url, "cancel_url": cancel_url, "client_reference_id": reference,
        "metadata": metadata(params.get("metadata"), "metadata"),
        "amount_subtotal": total, "amount_total": total, "currency": currencies.pop(),
        "customer": params.get("customer"), "customer_email": params.get("customer_email"),
        "payment_intent": None, "payment_status": "unpaid", "status": "open",
    }, metadata(intent_data.get("metadata"), "payment_intent_data[metadata]"), [line for _, _, line in amounts]


def metadata(value, param):
    """Stripe's metadata rules: at most 50 string keys up to 40 characters, values up to 500."""
    if value is None or value == "":
        return {}
    if not isinstance(value, dict):
        raise FormError("Invalid object", param)
    if len(value) > 50:
        raise FormError("Metadata can have at most 50 keys.", param)
    for key, item in value.items():
        if len(key) > 40 or not isinstance(item, str) or len(item) > 500:
            raise FormError(f"Invalid metadata entry {key!r}: keys up to 40 characters, string values up to 500.",
                            f"{param}[{key}]")
    return dict(value)


def _line_item(item, param):
    if not isinstance(item, dict):
        raise FormError("Invalid object", param)
    _known(item, LINE_ITEM, param)
    if "price" in item:
        raise FormError(f"No such price: '{item['price']}' (the fake knows only price_data)", f"{param}[price]")
    price = item.get("price_data")
    if not isinstance(price, dict):
        raise FormError("You must specify either price or price_data.", param)
    _known(price, PRICE_DATA, f"{param}[price_data]")
    currency = price.get("currency")
    if currency not in CURRENCIES:
        raise FormError(f"Invalid currency: {currency}", f"{param}[price_data][currency]")
    product = price.get("product_data")
    if not isinstance(product, dict) or not product.get("name"):
        raise FormError("Missing required param: product_data[name].", f"{param}[price_data][product_data][name]")
    _known(product, PRODUCT_DATA, f"{param}[price_data][product_data]")
    unit_amount = _whole(price.get("unit_amount"), f"{param}[price_data][unit_amount]", minimum=0)
    quantity = _whole(item.get("quantity"), f"{param}[quantity]", minimum=1)
    return unit_amount * quantity, currency, (product["name"], quantity, unit_amount * quantity)


def _whole(value, param, minimum):
    if not isinstance(value, str) or not value.isdigit() or int(value) < minimum:
        raise FormError(f"Invalid integer: {value}", param)
    return int(value)


def _url(params, name, required):
    value = params.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise FormError(f"Not a valid URL: {name}", name)
    return value


def _known(params, allowed, prefix):
    for key in params:
        if key not in allowed:
            name = f"{prefix}[{key}]" if prefix else key
            raise FormError(f"Received unknown parameter: {name}", name)
