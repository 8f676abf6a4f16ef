"""Monthly spend limits on the real stack (nginx, FastCGI pool, runner, LLM simulator): a launch at the limit is a
402 `quota_exceeded` that names the limit and the reset and leaves nothing behind (no charge, no task, no session,
no usage event, no model call); a running session stops at the limit (paused, with its transcript) and resumes
after the limit is raised; the admin override and the way back to the default; and `quota.spent_usd` equals the
exact sum of the month's `usage_events`. docs/openapi.yaml is the specification."""

import datetime
import uuid

from pymongo import MongoClient

from pricing import prices_in_force
from stack import expect_error
from test_api_sessions import Researcher, completions, simulator, slow_down  # noqa: F401 (simulator: a fixture)
from test_api_usage import stored_events

QUOTA_FIELDS = {"limit_usd", "spent_usd", "remaining_usd", "month", "resets_at"}


def dollars(micro: int) -> str:
    return f"{micro // 1_000_000}.{micro % 1_000_000:06d}"


def this_month() -> tuple[str, str]:
    """The current UTC month ("YYYY-MM") and when it resets (midnight UTC on the next month's first day)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    following = (now.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return now.strftime("%Y-%m"), following.strftime("%Y-%m-%dT00:00:00Z")


class Admin:
    """A signed-in administrator who sets users' monthly limits."""

    def __init__(self, stack):
        self.stack = stack
        email = f"quota-admin-{uuid.uuid4().hex[:8]}@example.com"
        password = stack.make_admin(email)
        self.http = stack.session()
        self.http.headers["Authorization"] = f"Bearer {stack.login(email, password)}"

    def set_quota(self, user_id: str, monthly_usd):
        return self.http.put(self.stack.url(f"/api/admin/users/{user_id}/quota"), json={"monthly_usd": monthly_usd},
                             timeout=10)

    def limit(self, user_id: str, monthly_usd) -> dict:
        response = self.set_quota(user_id, monthly_usd)
        assert response.status_code == 200, response.text
        return response.json()


SIMULATOR_MODELS = ("cohorta-sim-main", "cohorta-sim-mini")


def expensive_models(stack):
    """Both simulator models cost real money while inside ($20 and $80 per million prompt and completion
    tokens); each earlier price is in force again afterwards."""
    return prices_in_force(stack, {model: ("20.00", "80.00") for model in SIMULATOR_MODELS})


def quota_of(researcher: Researcher) -> dict:
    response = researcher.request("GET", "/api/quota/me")
    assert response.status_code == 200, response.text
    quota = response.json()
    assert set(quota) == QUOTA_FIELDS, quota
    return quota


def month_cost(stack, user_id: str) -> int:
    month, _ = this_month()
    return sum(event["cost_micro_usd"] for event in stored_events(stack, user_id)
               if event["created_at"].strftime("%Y-%m") == month)


def nothing_left_behind(stack, researcher: Researcher) -> dict:
    """What a refused launch must not change: balance, ledger, tasks, sessions, usage events."""
    return {"balance": researcher.balance(),
            "ledger": researcher.request("GET", "/api/credits").json()["total"],
            "tasks": researcher.request("GET", "/api/tasks").json()["total"],
            "sessions": len(researcher.request("GET", f"/api/focus-groups/{researcher.group}/sessions").json()["items"]),
            "usage_events": len(stored_events(stack, researcher.user["id"]))}


def test_at_the_limit_a_launch_is_a_402_with_nothing_spent(stack, simulator):
    ada, admin = Researcher(stack), Admin(stack)
    admin.limit(ada.user["id"], "0")
    before, calls = nothing_left_behind(stack, ada), completions(simulator)
    _, resets_at = this_month()

    refused = expect_error(ada.request("POST", f"/api/focus-groups/{ada.group}/sessions"), 402, "quota_exceeded")
    message = refused["message"]
    assert "$0.00" in message and resets_at[:10] in message, message
    expect_error(ada.request("POST", "/api/personas/generate",
                             json={"brief": "Retired teachers who garden and might try a seed subscription.",
                                   "count": 3}), 402, "quota_exceeded")
    expect_error(ada.request("POST", f"/api/focus-groups/{ada.group}/guide/generate"), 402, "quota_exceeded")

    assert nothing_left_behind(stack, ada) == before
    assert completions(simulator) == calls, "no model call"
    assert quota_of(ada)["remaining_usd"] == "0.000000"


def test_a_session_whose_estimate_exceeds_what_is_left_is_refused(stack, simulator):
    ada, admin = Researcher(stack), Admin(stack)
    with expensive_models(stack):
        estimate = ada.request("GET", f"/api/focus-groups/{ada.group}/sessions/estimate").json()
        admin.limit(ada.user["id"], "0.50")  # under the run's $2.00 cap and its estimate
        before = nothing_left_behind(stack, ada)
        refused = expect_error(ada.request("POST", f"/api/focus-groups/{ada.group}/sessions"), 402, "quota_exceeded")
    assert "estimated" in refused["message"] and "$0.50" in refused["message"], (refused, estimate)
    assert nothing_left_behind(stack, ada) == before


def test_a_running_session_pauses_at_the_limit_and_resumes_after_a_raise(stack, simulator):
    ada, admin = Researcher(stack), Admin(stack)
    with expensive_models(stack):
        slow_down(simulator, turns=6)
        session = ada.start()
        ada.wait_for_messages(session["id"], 2)
        admin.limit(ada.user["id"], "0.01")  # already spent: the next call is refused
        paused = ada.wait(session["id"], lambda s: s["status"] in ("paused", "finished", "failed"), what="paused")
        assert paused["status"] == "paused", paused
        assert "monthly AI usage limit" in paused["failure"] and "$0.01" in paused["failure"], paused["failure"]
        calls = completions(simulator)
        kept = ada.messages(session["id"])
        assert len(kept) >= 2 and [m["seq"] for m in kept] == list(range(1, len(kept) + 1))
        quota = quota_of(ada)
        assert int(quota["spent_usd"].replace(".", "")) >= 10_000 and quota["remaining_usd"] == "0.000000"
        assert quota["spent_usd"] == dollars(month_cost(stack, ada.user["id"]))
        expect_error(ada.request("POST", f"/api/sessions/{session['id']}/resume"), 402, "quota_exceeded")
        assert ada.session(session["id"])["status"] == "paused"
        assert completions(simulator) == calls, "nothing beyond the limit"

        admin.limit(ada.user["id"], "100.00")
        resumed = ada.request("POST", f"/api/sessions/{session['id']}/resume")
        assert resumed.status_code == 202, resumed.text
        done = ada.finished(session["id"])
    assert done["status"] == "finished" and done["failure"] is None, done
    assert [m["text"] for m in ada.messages(session["id"])[:len(kept)]] == [m["text"] for m in kept]


def test_an_override_and_back_to_the_default(stack):
    ada, admin = Researcher(stack), Admin(stack)
    month, resets_at = this_month()
    default = quota_of(ada)
    assert default["month"] == month and default["resets_at"] == resets_at
    assert default["spent_usd"] == "0.000000" and default["remaining_usd"] == default["limit_usd"]

    raised = admin.limit(ada.user["id"], "25.00")
    assert raised == {**default, "limit_usd": "25.000000", "remaining_usd": "25.000000"}
    assert quota_of(ada) == raised
    assert admin.limit(ada.user["id"], None) == default
    assert quota_of(ada) == default

    expect_error(admin.set_quota(ada.user["id"], "-1"), 400, "invalid_input", "monthly_usd")
    expect_error(admin.set_quota(ada.user["id"], 25), 400, "invalid_input", "monthly_usd")
    missing = admin.http.put(stack.url(f"/api/admin/users/{ada.user['id']}/quota"), json={}, timeout=10)
    expect_error(missing, 400, "invalid_input", "monthly_usd")
    expect_error(admin.set_quota("65f0c0ffee00000000000000", "1.00"), 404, "not_found")
    expect_error(ada.request("PUT", f"/api/admin/users/{ada.user['id']}/quota", json={"monthly_usd": "999.00"}),
                 403, "forbidden")
    assert quota_of(ada) == default


def test_usage_me_quota_equals_the_month_of_usage_events(stack, simulator):
    ada = Researcher(stack)
    with expensive_models(stack):
        ada.finished(ada.start()["id"])
    usage = ada.request("GET", "/api/usage/me")
    assert usage.status_code == 200, usage.text
    body = usage.json()
    assert {"from", "to", "totals", "by_day", "by_feature", "by_model", "by_object", "credits"} < set(body)
    spent = month_cost(stack, ada.user["id"])
    assert spent > 0
    assert body["quota"] == quota_of(ada)
    assert body["quota"]["spent_usd"] == dollars(spent)
    with MongoClient(stack.mongo_uri) as mongo:
        month, _ = this_month()
        counter = mongo[stack.db_name].usage_months.find_one({"_id": f"{ada.user['id']}:{month}"})
    assert counter["spent_micro_usd"] == spent
    assert counter["calls"] == len(stored_events(stack, ada.user["id"]))
