"""Discussion guide generation on the real stack (nginx, FastCGI, runner, LLM simulator): POST
/api/focus-groups/{id}/guide/generate and …/guide/sections/{section_id}/regenerate queue `discussion_guide` and
`discussion_guide_section` tasks whose result is `{"guide": …}`, also saved on the group with the next version.
docs/openapi.yaml is the specification."""

import time
import uuid

import pytest
import requests

from stack import expect_error

MAIN_MODEL = "cohorta-sim-main"
PEOPLE = [("Maya Chen", 34, "female", "ICU nurse", "enthusiast"),
          ("Tom Berger", 58, "male", "Retired teacher", "skeptic"),
          ("Ana Ruiz", 41, "female", "Chef", "pragmatist")]


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


class Client:
    """One signed-in user with three personas."""

    def __init__(self, stack):
        self.stack = stack
        self.token, self.user = stack.new_user()
        self.http = stack.session()
        self.personas = [self.persona(*person) for person in PEOPLE]

    def request(self, method: str, path: str, **kwargs):
        return self.http.request(method, self.stack.url(path), headers=bearer(self.token), timeout=10, **kwargs)

    def persona(self, name, age, gender, occupation, attitude) -> str:
        body = {"name": name, "age": age, "gender": gender, "location": "Leeds", "occupation": occupation,
                "income_band": "middle", "attitude": attitude, "bio": f"{name} cooks most weekday evenings."}
        response = self.request("POST", "/api/personas", json=body)
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def group(self, language: str = "en", max_turns: int = 60) -> dict:
        # A unique objective: an identical group elsewhere in the suite would be replayed from llm_calls.
        body = {"name": "Meal-kit concept test", "language": language, "participant_ids": self.personas,
                "objective": f"Learn what would make busy parents try meal kits ({uuid.uuid4().hex[:8]}).",
                "audience": "Parents of children under 10",
                "stimuli": [{"kind": "concept", "title": "Concept A",
                             "text": "A weekly box of fresh ingredients and recipes, delivered on Sundays."}],
                "settings": {"max_turns": max_turns}}
        response = self.request("POST", "/api/focus-groups", json=body)
        assert response.status_code == 201, response.text
        return response.json()

    def stored(self, group_id: str) -> dict:
        response = self.request("GET", f"/api/focus-groups/{group_id}")
        assert response.status_code == 200, response.text
        return response.json()

    def start(self, path: str) -> str:
        response = self.request("POST", path)
        assert response.status_code == 202, response.text
        assert set(response.json()) == {"task_id"}
        return response.json()["task_id"]

    def generate(self, group_id: str) -> str:
        return self.start(f"/api/focus-groups/{group_id}/guide/generate")

    def regenerate(self, group_id: str, section_id: str) -> str:
        return self.start(f"/api/focus-groups/{group_id}/guide/sections/{section_id}/regenerate")

    def wait(self, task_id: str, until, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            response = self.request("GET", f"/api/tasks/{task_id}")
            assert response.status_code == 200, response.text
            task = response.json()
            if until(task):
                return task
            assert time.monotonic() < deadline, f"task never reached the state: {task}"
            time.sleep(0.2)

    def finished(self, task_id: str, timeout: float = 30) -> dict:
        return self.wait(task_id, lambda task: task["status"] in ("succeeded", "failed", "cancelled"), timeout)

    def written(self, group_id: str) -> dict:
        task = self.finished(self.generate(group_id))
        assert task["status"] == "succeeded", task
        return task["result"]["guide"]


@pytest.fixture
def ada(stack):
    return Client(stack)


@pytest.fixture
def simulator(stack):
    url = stack.simulator_url
    requests.delete(f"{url}/__faults", timeout=5)
    yield url
    requests.delete(f"{url}/__faults", timeout=5)


def completions(simulator: str) -> int:
    return requests.get(f"{simulator}/__stats", timeout=5).json()["completions"]


def slow_stream(simulator: str, chunk_delay_ms: int) -> None:
    """The next main-tier answer streams its chunks this far apart."""
    response = requests.post(f"{simulator}/__faults", timeout=5, json={
        "faults": [{"kind": "slow_stream", "chunk_delay_ms": chunk_delay_ms}], "model": MAIN_MODEL})
    assert response.status_code in (200, 201, 204), response.text


def assert_within_limits(guide: dict) -> None:
    """GuideLimits, and the ids DiscussionGuide assigns by position."""
    assert 1 <= len(guide["sections"]) <= 8
    assert 0 < len(guide["introduction"]) <= 1000 and 0 < len(guide["closing"]) <= 1000
    for n, section in enumerate(guide["sections"], 1):
        assert section["id"] == f"s{n}"
        assert 0 < len(section["title"]) <= 120 and len(section["goal"]) <= 500
        assert 1 <= section["minutes"] <= 60 and 2 <= section["turn_budget"] <= 40
        assert 1 <= len(section["questions"]) <= 6
        for m, question in enumerate(section["questions"], 1):
            assert question["id"] == f"s{n}q{m}"
            assert 0 < len(question["text"]) <= 500 and len(question["probes"]) <= 4
        poll = section["poll"]
        if poll is not None:
            assert poll["id"] == f"s{n}p" and poll["kind"] in ("likert", "choice", "ranking")
            assert 2 <= len(poll["options"]) <= 7 and 1 <= poll["samples"] <= 5
            assert len({option.lower() for option in poll["options"]}) == len(poll["options"])
            if poll["kind"] == "likert":
                assert len(poll["options"]) in (5, 7)


def test_a_generated_guide_fits_the_group_and_is_saved_on_it(ada):
    group = ada.group()
    assert group["guide"] is None
    task = ada.finished(ada.generate(group["id"]))
    assert task["kind"] == "discussion_guide" and task["status"] == "succeeded", task
    assert task["progress"]["done"] == task["progress"]["total"] == 1
    guide = task["result"]["guide"]
    assert ada.stored(group["id"])["guide"] == guide
    assert guide["version"] == 1
    assert_within_limits(guide)
    assert 3 <= len(guide["sections"]) <= 5
    budget = sum(section["turn_budget"] for section in guide["sections"])
    assert 54 <= budget <= 66, f"turn budgets add up to {budget}, not about 60"
    polls = [section["poll"] for section in guide["sections"] if section["poll"]]
    assert {poll["kind"] for poll in polls} >= {"likert", "ranking"}, polls
    assert guide["sections"][0]["poll"] is None
    assert "Concept A" in " ".join(q["text"] for section in guide["sections"] for q in section["questions"])


def test_a_german_group_gets_a_guide_in_german(ada):
    guide = ada.written(ada.group(language="de")["id"])
    assert_within_limits(guide)
    assert guide["introduction"].startswith("Herzlich willkommen"), guide["introduction"]


def test_rewriting_a_section_keeps_the_others_and_bumps_the_version(ada):
    group = ada.group()
    before = ada.written(group["id"])
    task = ada.finished(ada.regenerate(group["id"], "s2"))
    assert task["kind"] == "discussion_guide_section" and task["status"] == "succeeded", task
    after = ada.stored(group["id"])["guide"]
    assert task["result"]["guide"] == after
    assert after["version"] == before["version"] + 1
    assert_within_limits(after)
    assert [section["id"] for section in after["sections"]] == [section["id"] for section in before["sections"]]
    for index, section in enumerate(before["sections"]):
        if section["id"] != "s2":
            assert after["sections"][index] == section
    assert after["introduction"] == before["introduction"] and after["closing"] == before["closing"]
    rewritten = after["sections"][1]
    assert {q["text"] for q in rewritten["questions"]}.isdisjoint({q["text"] for q in before["sections"][1]["questions"]})
    assert [q["id"] for q in rewritten["questions"]] == [f"s2q{m}" for m in range(1, len(rewritten["questions"]) + 1)]


def test_an_identical_request_is_replayed_from_llm_calls_at_no_cost(stack, ada, simulator):
    from bson import ObjectId
    from pymongo import MongoClient

    group = ada.group()
    first = ada.written(group["id"])
    before = completions(simulator)
    again = ada.written(group["id"])
    assert completions(simulator) == before, "the unchanged request reached the model again"
    assert again["version"] == first["version"] + 1
    assert {**again, "version": first["version"]} == first
    with MongoClient(stack.mongo_uri) as mongo:
        events = [event for event in mongo[stack.db_name].usage_events.find(
            {"user_id": {"$in": [ObjectId(ada.user["id"])]}}) if event["feature"] == "discussion_guide"]
    replayed = [event for event in events if event["replayed"] in (True, 1)]
    assert len(events) == 2 and len(replayed) == 1, events
    assert replayed[0]["prompt_tokens"] == replayed[0]["completion_tokens"] == 0


def test_another_users_or_an_unknown_group_or_section_is_not_found(stack, ada):
    group = ada.group()
    ada.written(group["id"])
    eve = Client(stack)
    for path in (f"/api/focus-groups/{group['id']}/guide/generate",
                 f"/api/focus-groups/{group['id']}/guide/sections/s1/regenerate",
                 "/api/focus-groups/ffffffffffffffffffffffff/guide/generate",
                 "/api/focus-groups/not-an-id/guide/generate"):
        expect_error(eve.request("POST", path), 404, "not_found")
    assert eve.request("GET", "/api/tasks").json()["total"] == 0
    expect_error(ada.request("POST", f"/api/focus-groups/{group['id']}/guide/sections/s9/regenerate"), 404,
                 "not_found")


def test_rewriting_a_section_of_a_group_without_a_guide_is_a_conflict(ada):
    group = ada.group()
    expect_error(ada.request("POST", f"/api/focus-groups/{group['id']}/guide/sections/s1/regenerate"), 409,
                 "conflict")
    assert ada.request("GET", "/api/tasks").json()["total"] == 0


def test_signing_in_is_required(stack, ada):
    group = ada.group()
    response = stack.session().post(stack.url(f"/api/focus-groups/{group['id']}/guide/generate"), timeout=10)
    expect_error(response, 401, "unauthenticated")


def test_cancelling_abandons_the_model_call_and_saves_nothing(ada, simulator):
    slow_stream(simulator, chunk_delay_ms=2000)  # the guide alone would stream for minutes
    group = ada.group()
    task_id = ada.generate(group["id"])
    ada.wait(task_id, lambda task: task["status"] == "running")
    time.sleep(1)  # the call is now streaming
    cancel = ada.request("DELETE", f"/api/tasks/{task_id}")
    assert cancel.status_code == 202, cancel.text
    cancelled_at = time.monotonic()
    task = ada.finished(task_id)
    assert task["status"] == "cancelled", task
    assert time.monotonic() - cancelled_at < 5, "the in-flight call was not abandoned promptly"
    time.sleep(1)
    assert ada.stored(group["id"])["guide"] is None


def test_a_group_deleted_while_its_guide_is_written_fails_the_task(ada, simulator):
    slow_stream(simulator, chunk_delay_ms=10)
    group = ada.group()
    task_id = ada.generate(group["id"])
    ada.wait(task_id, lambda task: task["status"] == "running")
    assert ada.request("DELETE", f"/api/focus-groups/{group['id']}").status_code == 204
    task = ada.finished(task_id)
    assert task["status"] == "failed" and task["error"]["code"] == "focus_group_not_found", task
