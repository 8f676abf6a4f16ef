"""docs/openapi.yaml is a valid OpenAPI 3.1 document and matches the running API.

Static: the spec validates, and every example matches its schema. Live (the `stack` fixture): every
operation, sent with its documented example and a fresh user's token, answers a status the spec lists
for it, with a body that matches the schema documented for that status. The task routes are also checked
against tasks seeded into the database, since no route starts a task yet.
"""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pymongo  # installed with nx-27017, which depends on it
import pytest
import yaml
from bson import ObjectId
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
        for status in statuses - {"200", "201", "202", "204"}:
            media = resolve(operation["responses"][status])["content"]["application/json"]
            assert resolve(media["schema"]) is SPEC["components"]["schemas"]["Error"], f"{method.upper()} {path} {status}"


# ── live ──


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OPERATIONS])
def test_every_operation_answers_with_a_documented_status(stack, path, method):
    token, user = stack.new_user()
    operation = SPEC["paths"][path][method]
    parameters = [resolve(parameter) for parameter in operation.get("parameters", [])]

    # `{id}`: a real user's id (an unknown persona, folder or task id elsewhere: 404); any other path
    # parameter (a stimulus id) takes its example.
    url_path = path.replace("{id}", user["id"])
    for parameter in parameters:
        if parameter["in"] == "path" and parameter["name"] != "id":
            url_path = url_path.replace("{" + parameter["name"] + "}", str(parameter["example"]))
    query = {p["name"]: p["example"] for p in parameters if p["in"] == "query"}
    headers = {p["name"]: p["example"] for p in parameters if p["in"] == "header"}
    if operation.get("security", SPEC["security"]):
        headers["Authorization"] = f"Bearer {token}"
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    json_body = media_examples(body)[0] if body else None

    response = stack.session().request(method.upper(), stack.url(url_path), params=query, headers=headers,
                                       json=json_body, timeout=10)
    assert_documented(response, path, method)


def assert_documented(response, path: str, method: str) -> None:
    """The answer's status is listed for the operation, and its body matches the schema for that status."""
    operation = SPEC["paths"][path][method]
    status = str(response.status_code)
    assert status in operation["responses"], (
        f"{method.upper()} {path} answered {status}, not one of {sorted(operation['responses'])}: {response.text[:300]}")
    location = schema_location(path, method, status)
    if location is None:
        assert not response.content, response.text[:300]
    else:
        assert response.headers.get("Content-Type", "").startswith("application/json"), response.headers
        assert_matches(response.json(), *location)


def test_task_routes_answer_with_the_documented_task(stack):
    """Tasks of every state, seeded as `MongoTaskStore` stores them (docs/contracts.md), read, listed and
    cancelled through the API: each answer is documented. The kind has no executor, so no runner takes them."""
    token, user = stack.new_user()
    other_token, _ = stack.new_user()
    session = stack.session()

    def call(method: str, url_path: str, as_token: str = token, **params):
        return session.request(method, stack.url(url_path), params=params,
                               headers={"Authorization": f"Bearer {as_token}"}, timeout=10)

    now = datetime.now(timezone.utc).replace(microsecond=0)
    later = now + timedelta(days=7)

    def task(status: str, age: int, **fields) -> dict:
        created = now - timedelta(minutes=age)
        finished = created + timedelta(seconds=30) if status in ("succeeded", "failed", "cancelled") else None
        document = {
            "_id": ObjectId(), "user_id": ObjectId(user["id"]), "kind": "e2e.openapi", "status": status,
            "progress": {"done": 0, "total": 0, "message": "Waiting for a runner"}, "input": {"n": 1},
            "checkpoint": None, "result": None, "error": None, "attempts": 0, "lease": None,
            "cancel_requested": False, "created_at": created,
            "times": {"updated_at": finished or created, "finished_at": finished,
                      "expires_at": later if finished else None},
        }
        return document | fields

    queued = task("queued", 1)
    running = task("running", 2, attempts=1, lease={"owner": "e2e-elsewhere", "expires_at": later},
                   progress={"done": 3, "total": 10, "message": "Step 4 of 10"})
    succeeded = task("succeeded", 3, attempts=1, result={"ids": ["a", "b"], "count": 2},
                     progress={"done": 10, "total": 10, "message": "Done"})
    failed = task("failed", 4, attempts=4, error={"code": "attempts_exhausted", "message": "Stopped."})
    seeded = [queued, running, succeeded, failed]  # newest first
    ids = [str(document["_id"]) for document in seeded]

    with pymongo.MongoClient(stack.mongo_uri) as client:
        tasks = client[stack.db_name]["tasks"]
        tasks.insert_many(seeded)
        try:
            listed = call("GET", "/api/tasks")
            assert_documented(listed, "/api/tasks", "get")
            assert listed.status_code == 200
            assert [item["id"] for item in listed.json()["items"]] == ids
            assert listed.json()["total"] == 4

            second = call("GET", "/api/tasks", page=2, per_page=3)
            assert_documented(second, "/api/tasks", "get")
            assert [item["id"] for item in second.json()["items"]] == ids[3:]

            for bad in ({"per_page": 0}, {"per_page": 101}, {"page": 0}, {"page": "x"}):
                answer = call("GET", "/api/tasks", **bad)
                assert_documented(answer, "/api/tasks", "get")
                assert answer.status_code == 400, bad
                assert answer.json()["error"]["field"] == next(iter(bad)), answer.text

            for task_id, document in zip(ids, seeded):
                read = call("GET", f"/api/tasks/{task_id}")
                assert_documented(read, "/api/tasks/{id}", "get")
                assert read.status_code == 200 and read.json()["status"] == document["status"]
            assert call("GET", f"/api/tasks/{ids[2]}").json()["result"] == {"ids": ["a", "b"], "count": 2}

            cancelled = call("DELETE", f"/api/tasks/{ids[0]}")
            assert_documented(cancelled, "/api/tasks/{id}", "delete")
            assert cancelled.status_code == 202
            assert cancelled.json()["status"] == "cancelled" and cancelled.json()["error"]["code"] == "cancelled"

            flagged = call("DELETE", f"/api/tasks/{ids[1]}")
            assert_documented(flagged, "/api/tasks/{id}", "delete")
            assert flagged.status_code == 202
            assert flagged.json()["status"] == "running" and flagged.json()["cancel_requested"] is True

            for finished in (ids[0], ids[2], ids[3]):
                again = call("DELETE", f"/api/tasks/{finished}")
                assert_documented(again, "/api/tasks/{id}", "delete")
                assert again.status_code == 409

            # Another user's task, an unknown id and a malformed one look alike.
            for method in ("GET", "DELETE"):
                for unknown, as_token in ((ids[1], other_token), (str(ObjectId()), token), ("not-an-id", token)):
                    answer = call(method, f"/api/tasks/{unknown}", as_token)
                    assert_documented(answer, "/api/tasks/{id}", method.lower())
                    assert answer.status_code == 404, (method, unknown)
            assert call("GET", "/api/tasks", as_token=other_token).json()["total"] == 0
        finally:
            tasks.delete_many({"_id": {"$in": [document["_id"] for document in seeded]}})
