"""Random schemas from the supported subset: every answer validates, whatever the property names say."""

import json
import os
import random

import pytest

from sim_helpers import schema_body, violations

CASES = int(os.environ.get("SIM_FUZZ_CASES", "150"))  # more for a longer soak
NAMES = ["name", "first_name", "age", "gender", "location", "occupation", "income_band", "attitude", "bio", "quote",
         "values", "motivations", "frustrations", "interests", "shopping", "media", "technology", "summary",
         "themes", "title", "questions", "rows", "source", "id", "email", "speaker", "text", "minutes", "score",
         "provenance", "tags", "confidence", "hue", "year", "rank", "description", "next_speaker", "done"]


def random_schema(rng, depth=0):
    kind = rng.choice(["object", "array", "string", "integer", "number", "boolean", "enum"] if depth < 3
                      else ["string", "integer", "number", "boolean", "enum"])
    if kind == "object":
        names = rng.sample(NAMES, rng.randint(1, 5))
        schema = {"type": "object", "properties": {name: random_schema(rng, depth + 1) for name in names},
                  "required": rng.sample(names, rng.randint(0, len(names)))}
        if rng.random() < 0.7:
            schema["additionalProperties"] = False
        return schema
    if kind == "array":
        low = rng.randint(0, 3)
        schema = {"type": "array", "items": random_schema(rng, depth + 1), "minItems": low}
        if rng.random() < 0.7:
            schema["maxItems"] = low + rng.randint(0, 4)
        return schema
    if kind == "string":
        schema = {"type": "string"}
        if rng.random() < 0.5:
            schema["minLength"] = rng.randint(0, 30)
        if rng.random() < 0.5:
            schema["maxLength"] = schema.get("minLength", 0) + rng.randint(0, 40)
        return schema
    if kind in ("integer", "number"):
        schema = {"type": kind}
        low = rng.randint(-50, 100) + (rng.choice([0, 0.5, 0.25]) if kind == "number" else 0)
        gap = rng.randint(2 if kind == "integer" else 1, 30)
        if rng.random() < 0.6:
            schema["exclusiveMinimum" if rng.random() < 0.3 else "minimum"] = low
        if rng.random() < 0.6:
            schema["exclusiveMaximum" if rng.random() < 0.3 else "maximum"] = low + gap
        return schema
    if kind == "boolean":
        return {"type": "boolean"}
    return {"enum": rng.sample(["a", "b", "female", "male", "low", "high", 1, 2, None], rng.randint(1, 4))}


@pytest.mark.parametrize("case", range(CASES))
def test_random_schemas_are_satisfied(simulator, case):
    rng = random.Random(case)
    schema = random_schema(rng)
    if rng.random() < 0.5:
        schema = {"type": "object", "properties": {"root": schema}, "required": ["root"],
                  "additionalProperties": False}
    body = schema_body(schema, f"Generate {rng.randint(1, 6)} personas about running shoes.", seed=case)
    value = json.loads(simulator.content(body))
    assert violations(value, schema) == [], json.dumps(schema)
