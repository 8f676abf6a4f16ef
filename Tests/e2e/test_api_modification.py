"""Persona modification by instruction on the real stack (nginx, FastCGI, runner, LLM simulator):
POST /api/personas/{id}/modify queues a `persona_modification` task whose result is a diff of the persona;
nothing changes until the client PATCHes the changes it accepts. docs/openapi.yaml is the specification."""

import time

import pytest

from stack import expect_error


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


PERSONA = {"name": "Maya Chen", "age": 34, "gender": "female", "location": "Leeds", "occupation": "ICU nurse",
           "income_band": "upper_middle", "attitude": "enthusiast", "bio": "Works nights and shops on her phone.",
           "quote": "Time is money.",
           "psychographics": {"values": ["convenience", "quality"], "motivations": ["saving time"],
                              "frustrations": ["long queues"], "interests": ["cycling"]},
           "behaviours": {"shopping": ["buys premium brands online"], "media": ["radio"], "technology": ["iPhone"]}}


class Client:
    """One signed-in user."""

    def __init__(self, stack):
        self.stack = stack
        self.token, self.user = stack.new_user()
        self.http = stack.session()

    def request(self, method: str, path: str, **kwargs):
        return self.http.request(method, self.stack.url(path), headers=bearer(self.token), timeout=10, **kwargs)

    def create(self) -> dict:
        response = self.request("POST", "/api/personas", json=PERSONA)
        assert response.status_code == 201, response.text
        return response.json()

    def modify(self, persona_id: str, instruction) -> str:
        response = self.request("POST", f"/api/personas/{persona_id}/modify", json={"instruction": instruction})
        assert response.status_code == 202, response.text
        assert set(response.json()) == {"task_id"}
        return response.json()["task_id"]

    def finished_task(self, task_id: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            response = self.request("GET", f"/api/tasks/{task_id}")
            assert response.status_code == 200, response.text
            task = response.json()
            if task["status"] in ("succeeded", "failed", "cancelled"):
                return task
            time.sleep(0.2)
        pytest.fail(f"task {task_id} did not finish in {timeout}s: {task}")


def value_at(persona: dict, field: str):
    group, _, name = field.partition(".")
    return persona[group][name] if name else persona[group]


def patch_for(persona: dict, change: dict) -> dict:
    """The PATCH body that applies one change (a list replaces its group's list, the others stay)."""
    group, _, name = change["field"].partition(".")
    return {group: {**persona[group], name: change["after"]}} if name else {group: change["after"]}


@pytest.fixture
def ada(stack):
    return Client(stack)


def test_an_instruction_yields_a_diff_of_the_current_persona_that_the_user_can_apply(ada):
    persona = ada.create()
    task = ada.finished_task(ada.modify(persona["id"], "make her more price-sensitive"))
    assert task["kind"] == "persona_modification"
    assert task["status"] == "succeeded", task
    result = task["result"]
    assert result["persona_id"] == persona["id"]
    assert isinstance(result["dropped"], int) and len(result["notes"]) == result["dropped"]
    changes = result["changes"]
    assert changes, f"the model's suggestions were all dropped: {result['notes']}"
    for change in changes:
        assert set(change) == {"field", "before", "after", "reason"}
        assert change["before"] == value_at(persona, change["field"]), change
        assert change["after"] != change["before"], change

    unchanged = ada.request("GET", f"/api/personas/{persona['id']}").json()
    assert unchanged == persona, "nothing is written until the user accepts a change"

    change = changes[0]
    applied = ada.request("PATCH", f"/api/personas/{persona['id']}", json=patch_for(persona, change))
    assert applied.status_code == 200, applied.text
    stored = ada.request("GET", f"/api/personas/{persona['id']}").json()
    assert value_at(stored, change["field"]) == change["after"]


def test_another_users_or_an_unknown_persona_is_not_found(stack, ada):
    persona = ada.create()
    eve = Client(stack)
    for persona_id in (persona["id"], "ffffffffffffffffffffffff", "not-an-id"):
        response = eve.request("POST", f"/api/personas/{persona_id}/modify", json={"instruction": "make her older"})
        expect_error(response, 404, "not_found")
    assert eve.request("GET", "/api/tasks").json()["total"] == 0


@pytest.mark.parametrize("body", [{"instruction": "ab"}, {"instruction": "   ab  "}, {"instruction": "x" * 1001},
                                  {"instruction": 42}, {}, {"instruction": "make her older", "seed": 1}],
                         ids=["short", "short-trimmed", "long", "number", "missing", "extra-field"])
def test_a_bad_instruction_is_refused_and_starts_nothing(ada, body):
    persona = ada.create()
    response = ada.request("POST", f"/api/personas/{persona['id']}/modify", json=body)
    expect_error(response, 400, "invalid_input")
    assert ada.request("GET", "/api/tasks").json()["total"] == 0


def test_signing_in_is_required(stack, ada):
    persona = ada.create()
    response = stack.session().post(stack.url(f"/api/personas/{persona['id']}/modify"),
                                    json={"instruction": "make her older"}, timeout=10)
    expect_error(response, 401, "unauthenticated")


def test_an_identical_request_is_replayed_from_llm_calls_with_no_new_tokens(stack):
    """The replay ledger: the same persona and instruction again is answered from llm_calls; the simulator
    sees no new completion and the usage row says replayed with zero tokens."""
    import requests
    from bson import ObjectId
    from pymongo import MongoClient

    client = Client(stack)
    persona = client.create()
    # Unique, so the first request is fresh even when another test already asked something similar.
    instruction = f"make her more price-sensitive ({time.time_ns()})"
    first = client.finished_task(client.modify(persona["id"], instruction))
    completions = requests.get(f"{stack.simulator_url}/__stats", timeout=5).json()["completions"]

    again = client.finished_task(client.modify(persona["id"], instruction))
    assert again["status"] == first["status"] == "succeeded"
    assert again["result"]["changes"] == first["result"]["changes"]
    assert requests.get(f"{stack.simulator_url}/__stats", timeout=5).json()["completions"] == completions

    with MongoClient(stack.mongo_uri) as mongo:
        events = list(mongo[stack.db_name].usage_events.find({"user_id": {"$in": [ObjectId(client.user["id"])]}}))
    assert [event["replayed"] in (True, 1) for event in events].count(True) == 1, events
    replayed = next(event for event in events if event["replayed"] in (True, 1))
    assert replayed["prompt_tokens"] == replayed["completion_tokens"] == 0
