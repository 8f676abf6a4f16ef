"""GET /api/usage/me on the real stack: after a generated panel, every figure equals the exact sum of the user's
`usage_events` rows and ledger entries (read straight from the database), the days are zero-filled UTC days,
another user's usage never shows, and a bad range is a JSON field error. docs/openapi.yaml is the specification."""

import datetime
import time
import uuid

from bson import ObjectId
from pymongo import MongoClient

from stack import expect_error

FIGURES = ("calls", "replayed_calls", "prompt_tokens", "completion_tokens", "total_tokens", "cost_micro_usd")


class Client:
    def __init__(self, stack):
        self.stack = stack
        self.token, self.user = stack.new_user()
        self.http = stack.session()
        self.http.headers["Authorization"] = f"Bearer {self.token}"

    def get(self, path: str, **params):
        return self.http.get(self.stack.url(path), params=params, timeout=10)

    def generate_panel(self, count: int) -> str:
        brief = f"Retired teachers who garden and might try a seed subscription ({uuid.uuid4().hex})."
        response = self.http.post(self.stack.url("/api/personas/generate"), json={"brief": brief, "count": count},
                                  timeout=10)
        assert response.status_code == 202, response.text
        task_id = response.json()["task_id"]
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            task = self.get(f"/api/tasks/{task_id}").json()
            if task["status"] in ("succeeded", "failed", "cancelled"):
                assert task["status"] == "succeeded", task
                return task_id
            time.sleep(0.25)
        raise AssertionError("the generation never finished")


def figures_of(events: list[dict]) -> dict:
    prompt = sum(event["prompt_tokens"] for event in events)
    completion = sum(event["completion_tokens"] for event in events)
    return {
        "calls": len(events),
        "replayed_calls": sum(1 for event in events if event["replayed"] in (True, 1)),
        "prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion,
        "cost_micro_usd": sum(event["cost_micro_usd"] for event in events),
    }


def stored_events(stack, user_id: str) -> list[dict]:
    with MongoClient(stack.mongo_uri) as mongo:
        return list(mongo[stack.db_name].usage_events.find({"user_id": {"$in": [ObjectId(user_id)]}}))


def test_usage_after_a_panel_matches_the_stored_events_and_the_ledger_exactly(stack):
    ada = Client(stack)
    task_id = ada.generate_panel(count=2)
    response = ada.get("/api/usage/me")
    assert response.status_code == 200, response.text
    report = response.json()

    events = stored_events(stack, ada.user["id"])
    assert events, "the generation recorded no usage"
    expected = figures_of(events)
    assert {key: report["totals"][key] for key in FIGURES} == expected
    micro = expected["cost_micro_usd"]
    assert report["totals"]["cost_usd"] == f"{micro // 1_000_000}.{micro % 1_000_000:06d}"

    today = datetime.datetime.now(datetime.timezone.utc).date()
    assert report["to"] == today.isoformat()
    assert report["from"] == (today - datetime.timedelta(days=29)).isoformat()
    assert [day["date"] for day in report["by_day"]] == [
        (today - datetime.timedelta(days=offset)).isoformat() for offset in range(29, -1, -1)]
    assert sum(day["calls"] for day in report["by_day"]) == expected["calls"]

    by_feature = {row["feature"]: row for row in report["by_feature"]}
    assert set(by_feature) == {event["feature"] for event in events}
    assert {"persona_basic_profiles", "persona_detail"} <= set(by_feature)
    for feature, row in by_feature.items():
        assert {key: row[key] for key in FIGURES} == figures_of([e for e in events if e["feature"] == feature])
    assert sum(row["calls"] for row in report["by_model"]) == expected["calls"]
    assert [row["object"] for row in report["by_object"]] == [f"task:{task_id}"]

    credits = ada.get("/api/credits", per_page=100).json()
    assert report["credits"] == {"balance": credits["balance"], "added": 50, "used": 4}
    assert credits["balance"] == 46


def test_a_range_in_the_past_is_empty_and_another_users_usage_never_shows(stack):
    ada = Client(stack)
    report = ada.get("/api/usage/me", **{"from": "2025-01-01", "to": "2025-01-07"}).json()
    assert len(report["by_day"]) == 7 and report["totals"]["calls"] == 0
    assert report["by_feature"] == [] and report["by_object"] == []
    assert report["credits"] == {"balance": 50, "added": 0, "used": 0}

    bob = Client(stack)
    bob.generate_panel(count=1)
    assert ada.get("/api/usage/me").json()["totals"]["calls"] == 0


def test_bad_ranges_are_field_errors_and_signed_out_is_refused(stack):
    ada = Client(stack)
    expect_error(ada.get("/api/usage/me", **{"from": "2026-02-30"}), 400, "invalid_input")
    refused = ada.get("/api/usage/me", **{"from": "2026-11-24", "to": "2026-11-01"})
    expect_error(refused, 400, "invalid_input")
    assert refused.json()["error"]["field"] == "from"
    too_long = ada.get("/api/usage/me", **{"from": "2024-01-01", "to": "2026-01-01"})
    assert too_long.json()["error"]["field"] == "to"
    expect_error(stack.session().get(stack.url("/api/usage/me"), timeout=10), 401, "unauthenticated")
