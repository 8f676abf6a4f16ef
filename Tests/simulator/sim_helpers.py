"""Request bodies and schema validation shared by the simulator tests."""

import json
from pathlib import Path

try:
    import jsonschema
except ImportError:  # the venv normally has it; the small checker below covers the subset we use
    jsonschema = None

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "llm-simulator.py"

PROFILE_SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["profiles"],
    "properties": {"profiles": {
        "type": "array", "minItems": 1, "maxItems": 20,
        "items": {
            "type": "object", "additionalProperties": False,
            "required": ["name", "age", "gender", "location", "occupation", "income_band", "attitude", "bio", "quote"],
            "properties": {
                "name": {"type": "string", "minLength": 3, "maxLength": 60},
                "age": {"type": "integer", "minimum": 18, "maximum": 90},
                "gender": {"type": "string", "enum": ["female", "male", "non-binary"]},
                "location": {"type": "string", "minLength": 2},
                "occupation": {"type": "string", "minLength": 2},
                "income_band": {"type": "string", "enum": ["low", "lower-middle", "middle", "upper-middle", "high"]},
                "attitude": {"type": "string"},
                "bio": {"type": "string", "minLength": 40, "maxLength": 400},
                "quote": {"type": "string", "maxLength": 200},
            },
        },
    }},
}

LIST = {"type": "array", "items": {"type": "string", "minLength": 2}, "minItems": 2, "maxItems": 5}
DETAIL_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["name", "age", "gender", "bio", "psychographics", "behaviours", "provenance"],
    "properties": {
        "name": {"type": "string"}, "age": {"type": "integer", "minimum": 18, "maximum": 99},
        "gender": {"type": "string"}, "bio": {"type": "string"},
        "psychographics": {"type": "object", "additionalProperties": False,
                           "required": ["values", "motivations", "frustrations", "interests"],
                           "properties": {"values": LIST, "motivations": LIST, "frustrations": LIST,
                                          "interests": LIST}},
        "behaviours": {"type": "object", "additionalProperties": False,
                       "required": ["shopping", "media", "technology"],
                       "properties": {"shopping": LIST, "media": LIST, "technology": LIST}},
        "provenance": {"type": "object", "additionalProperties": {
            "type": "object", "additionalProperties": False, "required": ["source", "rows"],
            "properties": {"source": {"type": "string", "enum": ["inferred", "customer_data"]},
                           "rows": {"type": "array", "items": {"type": "integer", "minimum": 1}}}}},
    },
}

SLOTS = [
    {"age_band": "25-34", "gender": "female", "income_band": "middle", "attitude": "enthusiast"},
    {"age_band": "35-44", "gender": "male", "income_band": "high", "attitude": "skeptic"},
    {"age_band": "45-54", "gender": "female", "income_band": "low", "attitude": "price-conscious"},
    {"age_band": "18-24", "gender": "non-binary", "income_band": "middle", "attitude": "pragmatist"},
    {"age_band": "55-64", "gender": "male", "income_band": "upper-middle", "attitude": "loyalist"},
    {"age_band": "65+", "gender": "female", "income_band": "lower-middle", "attitude": "cautious"},
]


def schema_body(schema, user, model="cohorta-sim-mini", system="Answer with JSON only.", **extra):
    return {"model": model, "temperature": 0.7, "seed": 1,
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
            "response_format": {"type": "json_schema", "json_schema": {"name": "out", "schema": schema,
                                                                        "strict": True}},
            **extra}


def profiles_body(slots=SLOTS, brief="Urban parents who buy organic groceries online", **extra):
    lines = "\n".join(f"{n + 1}. " + ", ".join(f"{k}: {v}" for k, v in slot.items()) for n, slot in enumerate(slots))
    user = (f"Generate {len(slots)} persona profiles, one per slot.\n<data name=\"brief\">{brief}</data>\n"
            f"Slots:\n{lines}")
    return schema_body(PROFILE_SCHEMA, user, **extra)


def chat_body(text, system="You are Maria Lopez, a 42-year-old nurse. attitude: skeptic", **extra):
    return {"model": "cohorta-sim-main", "messages": [{"role": "system", "content": system},
                                                      {"role": "user", "content": text}], **extra}


def violations(value, schema):
    """Schema violations as strings (empty when valid)."""
    if jsonschema is not None:
        validator = jsonschema.Draft202012Validator(schema)
        return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(value)]
    return _check(value, schema, "")


def _check(value, schema, path):
    errors = []
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds] if kinds else []
    python = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
    if kinds and not any((kind == "integer" and isinstance(value, int) and not isinstance(value, bool))
                         or (kind == "number" and isinstance(value, (int, float)) and not isinstance(value, bool))
                         or (kind in python and isinstance(value, python[kind])) for kind in kinds):
        return [f"{path}: {value!r} is not {kinds}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in enum")
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                errors.append(f"{path}: missing {name}")
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for name, item in value.items():
            if name in properties:
                errors += _check(item, properties[name], f"{path}/{name}")
            elif extra is False:
                errors.append(f"{path}: unexpected {name}")
            elif isinstance(extra, dict):
                errors += _check(item, extra, f"{path}/{name}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
            errors.append(f"{path}: {len(value)} items")
        for n, item in enumerate(value):
            errors += _check(item, schema.get("items", {}), f"{path}/{n}")
    if isinstance(value, str) and not schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", len(value)):
        errors.append(f"{path}: length {len(value)}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"] or "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{path}: {value} out of range")
    return errors


def sse_events(response):
    """The JSON payloads of an SSE response, and whether it ended with [DONE]."""
    events, done = [], False
    for line in response.iter_lines(decode_unicode=True):
        if not line or not line.startswith("data: "):
            continue
        payload = line[len("data: "):]
        if payload == "[DONE]":
            done = True
            continue
        events.append(json.loads(payload))
    return events, done
