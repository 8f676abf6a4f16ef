"""docs/openapi.yaml is a valid OpenAPI 3.1 document and matches the running API.

Static: the spec validates, and every example matches its schema. Live (the `stack` fixture): every
operation, sent with its documented example and a fresh user's token, answers a status the spec lists
for it, with a body that matches the schema documented for that status.
"""

from pathlib import Path

import pytest
import yaml
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
SPEC = yaml.safe_load(SPEC_PATH.read_text())
SPEC_URI = "urn:cohorta:openapi"
REGISTRY = Registry().with_resource(SPEC_URI, Resource.from_contents(SPEC, default_specification=DRAFT202012))
METHODS = ("get", "put", "post", "delete", "patch")
OPERATIONS = [(path, method) for path, item in SPEC["paths"].items() for method in item if method in METHODS]


def pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def resolve(node: dict) -> dict:
    """Follows a local `$ref` (the spec only uses `#/components/...` references)."""
    while "$ref" in node:
        target = SPEC
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def assert_matches(instance, *location: str) -> None:
    """Validates `instance` against the schema at `location` (JSON pointer parts into the spec)."""
    OAS31Validator({"$ref": f"{SPEC_URI}#/{pointer(*location)}"}, registry=REGISTRY).validate(instance)


def schema_location(path: str, method: str, status: str) -> tuple[str, ...] | None:
    """Where the JSON schema of this response lives, following a `$ref` to components/responses."""
    response = SPEC["paths"][path][method]["responses"][status]
    base = ("paths", path, method, "responses", status)
    if "$ref" in response:
        base = tuple(response["$ref"].removeprefix("#/").split("/"))
        response = resolve(response)
    if "application/json" not in response.get("content", {}):
        return None
    return base + ("content", "application/json", "schema")


def media_examples(media: dict) -> list:
    if "example" in media:
        return [media["example"]]
    return [resolve(example)["value"] for example in media.get("examples", {}).values()]


# ── static ──


def test_spec_is_valid_openapi_3_1():
    assert SPEC["openapi"].startswith("3.1")
    validate(SPEC)


def test_every_example_matches_its_schema():
    checked = 0
    for path, method in OPERATIONS:
        operation = SPEC["paths"][path][method]
        body = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if body:
            for example in media_examples(body):
                assert_matches(example, "paths", path, method, "requestBody", "content", "application/json", "schema")
                checked += 1
        for status in operation["responses"]:
            location = schema_location(path, method, status)
            if location is None:
                continue
            media = resolve(SPEC["paths"][path][method]["responses"][status])["content"]["application/json"]
            for example in media_examples(media):
                assert_matches(example, *location)
                checked += 1
    assert checked > len(OPERATIONS)


def test_every_operation_documents_its_errors_with_the_error_schema():
    for path, method in OPERATIONS:
        operation = SPEC["paths"][path][method]
        statuses = set(operation["responses"])
        assert "500" in statuses, f"{method.upper()} {path}"
        if operation.get("security", SPEC["security"]):
            assert "401" in statuses, f"{method.upper()} {path} needs a token but lists no 401"
        if "requestBody" in operation:
            assert {"400", "413", "415"} <= statuses, f"{method.upper()} {path}"
        for status in statuses - {"200", "201", "204"}:
            media = resolve(operation["responses"][status])["content"]["application/json"]
            assert resolve(media["schema"]) is SPEC["components"]["schemas"]["Error"], f"{method.upper()} {path} {status}"


# ── live ──


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OPERATIONS])
def test_every_operation_answers_with_a_documented_status(stack, path, method):
    token, user = stack.new_user()
    operation = SPEC["paths"][path][method]
    parameters = [resolve(parameter) for parameter in operation.get("parameters", [])]

    url_path = path.replace("{id}", user["id"])  # the only path parameter: a real user's id
    query = {p["name"]: p["example"] for p in parameters if p["in"] == "query"}
    headers = {p["name"]: p["example"] for p in parameters if p["in"] == "header"}
    if operation.get("security", SPEC["security"]):
        headers["Authorization"] = f"Bearer {token}"
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    json_body = media_examples(body)[0] if body else None

    response = stack.session().request(method.upper(), stack.url(url_path), params=query, headers=headers,
                                       json=json_body, timeout=10)

    status = str(response.status_code)
    assert status in operation["responses"], (
        f"{method.upper()} {path} answered {status}, not one of {sorted(operation['responses'])}: {response.text[:300]}")
    location = schema_location(path, method, status)
    if location is None:
        assert not response.content, response.text[:300]
    else:
        assert response.headers.get("Content-Type", "").startswith("application/json"), response.headers
        assert_matches(response.json(), *location)
