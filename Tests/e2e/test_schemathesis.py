"""Schemathesis against the real stack: every operation in docs/openapi.yaml, fuzzed from its schema.

Each operation gets its documented examples, schemathesis' coverage cases (boundary and invalid values for
every parameter and body field) and a bounded number of generated cases, valid and invalid, sent through
nginx as a real user (an admin for `/api/admin/*`). Every answer passes all of schemathesis' checks: no 5xx,
a documented status, content type and headers, a body matching the documented schema, invalid input refused
with a 4xx, and authentication enforced.

The run is seeded and derandomized, so it sends the same requests every time, and bounded (a few examples
per operation) to stay within about three minutes on a loaded 2-core box. It runs on a stack of its own,
since admin operations fuzz global settings and prices that the rest of the suite relies on.

Schemathesis' own engine runs it (the way its CLI does) rather than its pytest plugin, which does not
support pytest 9.2's node ids yet.
"""

import os
from datetime import datetime, timezone
from pathlib import Path

import pymongo  # installed with nx-27017, which depends on it
import pytest
import schemathesis
from bson import ObjectId
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events

from stack import REPO, Stack, StackError

SPEC_PATH = REPO / "docs" / "openapi.yaml"
SEED = 20_260_801
# About 4,500 requests in under a minute on an idle 2-core box (100 examples: 7,000 in two minutes, and found
# nothing more); COHORTA_SCHEMATHESIS_EXAMPLES raises it for a long run.
EXAMPLES_PER_OPERATION = int(os.environ.get("COHORTA_SCHEMATHESIS_EXAMPLES", "30"))

# Operations whose valid-looking requests may rightly get a 400 for a rule JSON Schema cannot state; for them
# `positive_data_acceptance` also accepts 400 (each answer still has to match the Error schema).
CROSS_FIELD_RULES = {
    "/api/admin/usage": "`from` must not be after `to`, and the range covers at most 366 days",
    "/api/admin/usage.csv": "`from` must not be after `to`, and the range covers at most 366 days",
    "/api/auth/password": "`current_password` must be the user's password",
    "/api/admin/pricing": "`effective_from` must not be more than 60 s in the past",
    "/api/admin/settings": "pack ids must be unique",
}
# Schemathesis' default answers to valid input, plus 402: it refuses valid input for the account's state
# (balance, quota), as 409 does.
POSITIVE_ACCEPTED_ALWAYS = ["2xx", "3xx", "401", "402", "403", "404", "409", "429", "5xx"]
POSITIVE_ACCEPTED = [*POSITIVE_ACCEPTED_ALWAYS, "400"]

# Passwords are limited to 72 bytes (bcrypt), which JSON Schema can only say in characters (`maxLength: 72`):
# ASCII strings keep the two the same.
ASCII_ONLY = ("/api/auth/register", "/api/auth/password")

# Paths whose `{id}` is one of the user's own objects (an admin's target user under /api/admin), so the
# generated bodies and queries reach the code behind the ownership check instead of a 404. DELETE keeps the
# generated ids (a deleted fixture would turn every later case into a 404), and so do the operations that queue
# AI work on an object (guide and section generation, persona modification, image stimuli, session starts):
# with real ids they would keep the runner busy for minutes; test_api_* cover them with real objects.
OWNED_IDS = {
    "/api/personas/{id}": "persona",
    "/api/folders/{id}": "folder",
    "/api/customer-data/{id}": "dataset",
    "/api/focus-groups/{id}": "group",
    "/api/focus-groups/{id}/sessions/estimate": "group",
    "/api/tasks/{id}": "task",
    "/api/admin/users/{id}": "target",
    "/api/admin/users/{id}/quota": "target",
    "/api/admin/users/{id}/credits": "target",
}

# Operations left out, each with the reason.
SKIPPED = {
    "/api/billing/webhook": "Stripe signs it; unsigned requests are refused with 400 before any work "
                            "(test_api_billing.py covers signed and unsigned deliveries)",
}


def config(base_url: str, tokens: dict[str, str]) -> SchemathesisConfig:
    def bearer(role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens[role]}"}

    return SchemathesisConfig.from_dict({
        "seed": SEED,
        "base-url": base_url,
        "workers": 1,
        "generation": {"mode": "all", "max-examples": EXAMPLES_PER_OPERATION, "deterministic": True,
                       "database": "none", "no-shrink": True},
        "phases": {"examples": {"enabled": True}, "fuzzing": {"enabled": True}, "stateful": {"enabled": False},
                   # TRACE is left out of the undeclared methods tried: nginx refuses it for every URL before
                   # any routing, with its own 405 page and no Allow header (test_api_nginx.py), so it says nothing
                   # about the API.
                   "coverage": {"enabled": True, "unexpected-methods": ["PUT", "POST", "DELETE", "OPTIONS", "PATCH"]}},
        "checks": {"enabled": True, "positive_data_acceptance": {"expected-statuses": POSITIVE_ACCEPTED_ALWAYS}},
        "request-timeout": 30,
        "headers": bearer("user"),
        "operations": [
            *({"include-path": path, "enabled": False} for path in SKIPPED),
            {"include-path-regex": "^/api/admin/", "headers": bearer("admin")},
            # Each of these ends every token of its user: a user of their own keeps the others working.
            {"include-path": "/api/auth/logout-all", "headers": bearer("logout")},
            {"include-path": "/api/auth/password", "headers": bearer("password")},
            *({"include-path": path, "checks": {"positive_data_acceptance": {"expected-statuses": POSITIVE_ACCEPTED}}}
              for path in CROSS_FIELD_RULES),
            *({"include-path": path, "generation": {"codec": "ascii"}} for path in ASCII_ONLY),
        ],
    })


@pytest.fixture(scope="module")
def stack():
    """A stack of this module's own (see the module docstring); stopped when the module ends."""
    build_dir = Path(os.environ.get("COHORTA_BUILD_DIR") or REPO / ".build" / "release")
    try:
        running = Stack(build_dir=build_dir.resolve()).start()
    except StackError as error:
        pytest.fail(str(error))
    try:
        yield running
    finally:
        running.stop()
        running.remove_files()


@pytest.fixture(scope="module")
def tokens(stack) -> dict[str, str]:
    admin_email, admin_password = stack.register()
    stack.make_admin(admin_email, admin_password)
    return {"admin": stack.login(admin_email, admin_password),
            **{role: stack.new_user()[0] for role in ("user", "logout", "password")}}


@pytest.fixture(scope="module")
def owned_ids(stack, tokens) -> dict[str, str]:
    """The objects OWNED_IDS points at: made through the API as the fuzzed user, except a task, which is
    stored directly with a kind no runner executes (as test_openapi.py does), so it stays queued."""
    http = stack.session()

    def create(path: str, token: str = tokens["user"], **kwargs) -> str:
        response = http.post(stack.url(path), headers={"Authorization": f"Bearer {token}", **kwargs.pop("headers", {})},
                             timeout=30, **kwargs)
        assert response.status_code == 201, f"POST {path}: {response.status_code} {response.text}"
        return response.json()["id"]

    persona = {"age": 34, "gender": "female", "location": "Leeds", "occupation": "ICU nurse",
               "income_band": "middle", "attitude": "pragmatist"}
    panel = [create("/api/personas", json={"name": f"Person {letter}", **persona}) for letter in "ABC"]
    group = create("/api/focus-groups", json={"name": "Meal-kit concept test", "participant_ids": panel,
                                              "objective": "Learn what would make busy parents try a meal kit."})
    dataset = create("/api/customer-data", data=b"age,city,spend\n34,Leeds,120\n51,Bristol,80\n",
                     headers={"Content-Type": "text/csv"})
    folder = create("/api/folders", json={"name": "Commuters"})
    _, target = stack.new_user()
    me = http.get(stack.url("/api/auth/me"), headers={"Authorization": f"Bearer {tokens['user']}"}, timeout=30)
    task = ObjectId()
    now = datetime.now(timezone.utc)
    with pymongo.MongoClient(stack.mongo_uri) as client:
        client[stack.db_name]["tasks"].insert_one({
            "_id": task, "user_id": ObjectId(me.json()["user"]["id"]), "kind": "e2e.schemathesis", "status": "queued",
            "progress": {"done": 0, "total": 0, "message": "Waiting for a runner"}, "input": {}, "checkpoint": None,
            "result": None, "error": None, "attempts": 0, "lease": None, "cancel_requested": False,
            "created_at": now, "times": {"updated_at": now, "finished_at": None, "expires_at": None}})
    return {"persona": panel[0], "group": group, "dataset": dataset, "folder": folder, "task": str(task),
            "target": target["id"]}


def describe(recorder, case_id: str, check) -> str:
    """One failure: the operation, the check, what it found, how to repeat it and what the API answered."""
    info = check.failure_info
    steps = "\n".join(step.curl for step in info.steps) or info.code_sample
    response = recorder.find_response(case_id=case_id)
    answer = f"answered {response.status_code}: {response.text[:300]}" if response is not None else ""
    return f"{recorder.label}: [{check.name}] {info.failure.title}\n{info.failure.message}\n{steps}\n{answer}"


def test_every_operation_conforms_to_the_spec(stack, tokens, owned_ids):
    schema = schemathesis.openapi.from_path(SPEC_PATH, config=config(stack.base_url, tokens))

    @schema.hook
    def map_path_parameters(context, path_parameters):
        owned = OWNED_IDS.get(context.operation.path)
        if owned is None or context.operation.method.upper() == "DELETE":
            return path_parameters
        return {**path_parameters, "id": owned_ids[owned]}

    failures: list[str] = []
    errors: list[str] = []
    tested: set[str] = set()
    sent = 0
    for event in schemathesis.engine.from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            if event.status != Status.SKIP:
                tested.add(event.recorder.label)
            sent += len(event.recorder.interactions)
            for case_id, checks in event.recorder.checks.items():
                failures.extend(describe(event.recorder, case_id, check) for check in checks if check.failure_info)
        elif isinstance(event, events.NonFatalError):
            errors.append(f"{event.label}: {event.info.format()}")
        elif isinstance(event, events.FatalError):
            raise event.exception
    print(f"schemathesis sent {sent} requests to {len(tested)} operations")
    documented = {f"{method.upper()} {path}" for path, item in schema.raw_schema["paths"].items()
                  for method in item if method in ("get", "put", "post", "delete", "patch") and path not in SKIPPED}
    assert tested == documented, f"untested: {sorted(documented - tested)}"
    unique = sorted(set(failures))
    assert not errors, "\n\n".join(errors)
    assert not unique, f"{len(unique)} failures:\n\n" + "\n\n".join(unique)
