"""Stripe's request encoding: `application/x-www-form-urlencoded` with bracket nesting.

`line_items[0][price_data][unit_amount]=4900` becomes {"line_items": [{"price_data": {"unit_amount": "4900"}}]}.
Arrays are always indexed (stripe-python's `_api_encode`); an object whose keys are 0..n-1 becomes a list.
Values stay strings, as Stripe receives them.
"""

import re
import urllib.parse

_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")
_PART = re.compile(r"\[([^\[\]]*)\]")


class FormError(ValueError):
    """A body Stripe would refuse with 400 invalid_request_error; `param` names the offending key."""

    def __init__(self, message, param=None):
        super().__init__(message)
        self.param = param


def parse_form(body):
    """The nested parameters of a form-encoded body (bytes)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise FormError("The request body is not valid UTF-8.") from None
    root = {}
    for key, value in urllib.parse.parse_qsl(text, keep_blank_values=True):
        _insert(root, key_path(key), value, key)
    return _arrays(root, "")


def key_path(key):
    """["line_items", "0", "quantity"] for "line_items[0][quantity]"."""
    match = _KEY.match(key)
    if not match:
        raise FormError(f"Invalid parameter name: {key}", key)
    parts = [match.group(1), *_PART.findall(match.group(2))]
    if any(part == "" for part in parts):
        raise FormError(f"Invalid array: {key} (arrays must be indexed, like {match.group(1)}[0])", key)
    return parts


def _insert(node, parts, value, key):
    for part in parts[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise FormError(f"Invalid parameter: {key} mixes a value and an object", key)
        node = child
    if parts[-1] in node:
        raise FormError(f"Received the parameter {key} more than once", key)
    node[parts[-1]] = value


def _arrays(node, prefix):
    if not isinstance(node, dict):
        return node
    converted = {key: _arrays(value, f"{prefix}[{key}]" if prefix else key) for key, value in node.items()}
    if converted and all(key.isdigit() for key in converted):
        indexes = sorted(int(key) for key in converted)
        if indexes != list(range(len(indexes))) or any(key != str(int(key)) for key in converted):
            raise FormError(f"Invalid array: {prefix} must be indexed 0..{len(indexes) - 1} without gaps", prefix)
        return [converted[str(index)] for index in indexes]
    return converted
