"""Panel generation on the real stack with the LLM simulator: GET /api/pricing, GET /api/personas/sampling-plan,
POST /api/personas/generate and the `persona_generation` task run by `cohorta-fcgi runner`. Covers a full
panel (personas, charges, ledger, diversity), the 402 preflight, a persona failing on injected model faults
(not charged), cancellation, another user's task, and kill -9 of the runner mid-generation (the task resumes
after the lease expires and nothing is charged twice). docs/openapi.yaml is the specification."""

import os
import signal
import time
import uuid
from pathlib import Path

import pytest
import requests

from stack import expect_error, new_password, unique_email

MAIN_MODEL = "cohorta-sim-main"


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def brief() -> str:
    # Unique per test: an identical request would be replayed from llm_calls and never reach the simulator.
    return f"Commuters in mid-sized European cities who might switch to an e-bike subscription ({uuid.uuid4().hex})."


class Client:
    def __init__(self, stack):
        self.stack = stack
        self.token, self.user = stack.new_user()
        self.http = stack.session()

    def request(self, method: str, path: str, **kwargs):
        return self.http.request(method, self.stack.url(path), headers=bearer(self.token), timeout=10, **kwargs)

    def generate(self, **body) -> str:
        response = self.request("POST", "/api/personas/generate", json={"brief": brief(), **body})
        assert response.status_code == 202, response.text
        return response.json()["task_id"]

    def task(self, task_id: str) -> dict:
        response = self.request("GET", f"/api/tasks/{task_id}")
        assert response.status_code == 200, response.text
        return response.json()

    def wait(self, task_id: str, until, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            task = self.task(task_id)
            if until(task):
                return task
            assert time.monotonic() < deadline, f"task never reached the state: {task}"
            time.sleep(0.25)

    def finished(self, task_id: str, timeout: float = 60) -> dict:
        return self.wait(task_id, lambda task: task["status"] in ("succeeded", "failed", "cancelled"), timeout)

    def generated(self, task_id: str) -> list[dict]:
        items = self.request("GET", "/api/personas", params={"per_page": 100}).json()["items"]
        return [item for item in items if item["generation"]["task_id"] == task_id]

    def credits(self) -> dict:
        response = self.request("GET", "/api/credits", params={"per_page": 100})
        assert response.status_code == 200, response.text
        return response.json()

    def debits(self) -> list[dict]:
        return [item for item in self.credits()["items"] if item["kind"] == "debit"]


@pytest.fixture
def ada(stack):
    return Client(stack)


@pytest.fixture
def simulator(stack):
    url = stack.simulator_url
    requests.delete(f"{url}/__faults", timeout=5)
    yield url
    requests.delete(f"{url}/__faults", timeout=5)


def inject(url: str, faults: list) -> None:
    response = requests.post(f"{url}/__faults", json={"faults": faults, "model": MAIN_MODEL}, timeout=5)
    assert response.status_code in (200, 201, 204), response.text


def assert_ledger_consistent(client: Client, created: int) -> None:
    credits = client.credits()
    assert sum(item["amount"] for item in credits["items"]) == credits["balance"]
    assert len([item for item in credits["items"] if item["kind"] == "debit"]) == created


def test_pricing_and_sampling_plan(stack, ada):
    pricing = ada.request("GET", "/api/pricing")
    assert pricing.status_code == 200, pricing.text
    assert pricing.json() == {"persona_creation_cost": 2, "focus_group_run_cost": 40}
    plan = ada.request("GET", "/api/personas/sampling-plan")
    assert plan.status_code == 200, plan.text
    dimensions = {dimension["name"]: dimension["levels"] for dimension in plan.json()["dimensions"]}
    assert set(dimensions) == {"age_band", "gender", "income_band", "attitude"}
    assert all(level["weight"] > 0 and level["value"] for levels in dimensions.values() for level in levels)
    expect_error(stack.session().get(stack.url("/api/pricing")), 401, "unauthenticated")
    expect_error(stack.session().get(stack.url("/api/personas/sampling-plan")), 401, "unauthenticated")


def test_generate_validates_its_body(stack, ada):
    def post(body):
        return ada.request("POST", "/api/personas/generate", json=body)

    expect_error(post({"brief": "too short"}), 400, "invalid_input", "brief")
    expect_error(post({"brief": brief(), "count": 0}), 400, "invalid_input", "count")
    expect_error(post({"brief": brief(), "count": 25}), 400, "invalid_input", "count")
    expect_error(post({"brief": brief(), "count": 2.5}), 400, "invalid_input", "count")
    expect_error(post({"brief": brief(), "sampling": {"age_band": ["12-17"]}}), 400, "invalid_input", "sampling")
    expect_error(post({"brief": brief(), "owner": "x"}), 400, "invalid_input", "owner")
    expect_error(post({"brief": brief(), "folder_id": "0" * 24}), 404, "not_found", "folder_id")
    assert ada.request("GET", "/api/tasks").json()["total"] == 0


def test_a_panel_of_six_is_generated_saved_and_charged(stack, ada, simulator):
    folder = ada.request("POST", "/api/folders", json={"name": "Commuters"}).json()
    task_id = ada.generate(count=6, folder_id=folder["id"], sampling={"attitude": ["skeptic", "enthusiast"]})
    task = ada.finished(task_id)
    assert task["status"] == "succeeded", task
    assert task["kind"] == "persona_generation"
    assert task["progress"]["done"] == task["progress"]["total"] == 7
    result = task["result"]
    assert result["created"] == 6 and result["failed"] == 0 and result["credits_charged"] == 12
    assert [entry["index"] for entry in result["personas"]] == list(range(6))
    assert all(entry["status"] == "created" and entry["persona_id"] and entry["name"] for entry in result["personas"])
    assert 0 <= result["diversity"]["score"] <= 100
    assert 0 <= result["diversity"]["coverage"] <= 1 and 0 <= result["diversity"]["mean_distance"] <= 1
    assert result["regenerated"] >= 0
    personas = ada.generated(task_id)
    assert sorted(p["id"] for p in personas) == sorted(entry["persona_id"] for entry in result["personas"])
    for persona in personas:
        assert persona["folder_id"] == folder["id"]
        assert persona["attitude"] in ("skeptic", "enthusiast")
        assert persona["generation"]["brief"].startswith("Commuters")
        assert persona["bio"] and persona["quote"] and persona["psychographics"]["values"]
        assert persona["provenance"]["bio"]["source"] == "inferred"
    assert ada.credits()["balance"] == 50 - 12
    assert_ledger_consistent(ada, created=6)


def test_a_panel_bigger_than_the_balance_gets_402_and_no_task(stack, simulator):
    admin_email = unique_email("admin")
    admin_password = stack.make_admin(admin_email)
    admin_token = stack.login(admin_email, admin_password)
    client = Client(stack)
    response = stack.session().post(stack.url(f"/api/admin/users/{client.user['id']}/credits"),
                                     headers=bearer(admin_token), json={"amount": -45, "reason": "e2e"})
    assert response.status_code == 200, response.text
    before = requests.get(f"{simulator}/__stats", timeout=5).json()["completions"]
    error = expect_error(client.request("POST", "/api/personas/generate", json={"brief": brief(), "count": 3}), 402,
                         "insufficient_credits")
    assert error["message"] == "This panel needs 6 credits; your balance is 5."
    assert client.request("GET", "/api/tasks").json()["total"] == 0
    assert requests.get(f"{simulator}/__stats", timeout=5).json()["completions"] == before


def test_a_persona_whose_model_calls_keep_failing_fails_alone_and_costs_nothing(stack, ada, simulator):
    # Three detail calls stream slowly while the fourth meets four 500s in a row (the gateway's four attempts).
    inject(simulator, [{"kind": "slow_stream", "chunk_delay_ms": 60}] * 3 + ["500"] * 4)
    task = ada.finished(ada.generate(count=6), timeout=120)
    assert task["status"] == "succeeded", task
    result = task["result"]
    failed = [entry for entry in result["personas"] if entry["status"] == "failed"]
    assert result["created"] == 5 and result["failed"] == 1, result
    assert failed[0]["error"]["code"] == "generation_failed" and "persona_id" not in failed[0]
    assert result["credits_charged"] == 10
    assert len(ada.generated(task["id"])) == 5
    assert ada.credits()["balance"] == 40
    assert_ledger_consistent(ada, created=5)


def test_cancelling_stops_the_panel_and_keeps_what_was_made(stack, ada, simulator):
    inject(simulator, [{"kind": "slow_stream", "chunk_delay_ms": 40}] * 12)
    task_id = ada.generate(count=12)
    ada.wait(task_id, lambda task: task["status"] == "running" and task["progress"]["done"] >= 1)
    cancel = ada.request("DELETE", f"/api/tasks/{task_id}")
    assert cancel.status_code == 202, cancel.text
    task = ada.finished(task_id, timeout=60)
    assert task["status"] == "cancelled", task
    made = len(ada.generated(task_id))
    assert made < 12
    time.sleep(2)
    assert len(ada.generated(task_id)) == made
    assert ada.credits()["balance"] == 50 - 2 * made
    assert_ledger_consistent(ada, created=made)


def test_cancelling_interrupts_a_slow_model_call_within_seconds(stack, ada, simulator):
    # Every chunk takes 2 s, so the first call alone would stream for well over a minute.
    inject(simulator, [{"kind": "slow_stream", "chunk_delay_ms": 2000}] * 4)
    task_id = ada.generate(count=3)
    ada.wait(task_id, lambda task: task["status"] == "running")
    time.sleep(1)  # the stage-1 call is now streaming
    cancel = ada.request("DELETE", f"/api/tasks/{task_id}")
    assert cancel.status_code == 202, cancel.text
    cancelled_at = time.monotonic()
    task = ada.finished(task_id, timeout=30)
    assert task["status"] == "cancelled", task
    assert time.monotonic() - cancelled_at < 5, "the in-flight call was not abandoned promptly"
    assert ada.generated(task_id) == []
    assert ada.credits()["balance"] == 50


def test_another_users_generation_task_is_not_found(stack, ada, simulator):
    task_id = ada.generate(count=1)
    bob = Client(stack)
    expect_error(bob.request("GET", f"/api/tasks/{task_id}"), 404, "not_found")
    expect_error(bob.request("DELETE", f"/api/tasks/{task_id}"), 404, "not_found")
    assert ada.finished(task_id)["status"] == "succeeded"


def runner_worker_pid(stack) -> int:
    supervisor = stack.process("runner").pid
    children = Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split()
    assert children, "the runner supervisor has no worker process"
    return int(children[0])


def test_killing_the_runner_mid_generation_resumes_without_charging_twice(stack, ada, simulator):
    inject(simulator, [{"kind": "slow_stream", "chunk_delay_ms": 40}] * 8)
    task_id = ada.generate(count=6)
    ada.wait(task_id, lambda task: task["progress"]["done"] >= 2, timeout=90)
    os.kill(runner_worker_pid(stack), signal.SIGKILL)
    task = ada.finished(task_id, timeout=120)
    assert task["status"] == "succeeded", task
    assert task["attempts"] >= 2
    result = task["result"]
    assert result["created"] == 6, result
    assert result["credits_charged"] == 12
    assert len(ada.generated(task_id)) == 6
    assert ada.credits()["balance"] == 50 - 12
    assert_ledger_consistent(ada, created=6)
