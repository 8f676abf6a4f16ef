"""The administrators' prices and credit settings through nginx: every route refuses a non-admin (403) and an
anonymous caller (401); prices are effective-dated per million tokens, never back-dated, and a price change
prices only later usage; the credit settings are validated, audited field by field, and reach registration,
the pack list and checkout within the settings cache time (1 s in this stack); the admin's user view counts
sessions and the last 30 days' usage. docs/openapi.yaml is the specification."""

import datetime
import time

import pytest

from pricing import admin_call, prices_in_force, set_price
from stack import expect_error
from test_api_usage import Client

ADMIN_ROUTES = [
    ("get", "/api/admin/pricing", None),
    ("post", "/api/admin/pricing", {"model": "gpt-x", "input_usd_per_mtok": "1", "output_usd_per_mtok": "1"}),
    ("get", "/api/admin/settings", None),
    ("put", "/api/admin/settings", {"trial_credits": 1}),
]
CACHE_SECONDS = 1
USD_FIELDS = {"id", "model", "input_usd_per_mtok", "output_usd_per_mtok", "effective_from", "created_by", "created_at"}


def call(stack, method, path, token=None, body=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return getattr(stack.session(), method)(stack.url(path), headers=headers, json=body, timeout=10)


@pytest.fixture
def restored_settings(stack):
    """The credit settings as they were before the test, put back afterwards."""
    before = admin_call(stack, "get", "/api/admin/settings").json()
    yield before
    body = {key: value for key, value in before.items() if key != "cache_seconds"}
    assert admin_call(stack, "put", "/api/admin/settings", body).status_code == 200
    time.sleep(CACHE_SECONDS + 0.2)


def audit_entries(stack, action: str) -> list[dict]:
    response = admin_call(stack, "get", "/api/admin/audit?per_page=100")
    assert response.status_code == 200, response.text
    return [entry for entry in response.json()["items"] if entry["action"] == action]


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_ROUTES)
def test_every_route_refuses_a_non_admin_and_an_anonymous_caller(stack, method, path, body):
    token, _ = stack.new_user()
    expect_error(call(stack, method, path, token, body), 403, "forbidden")
    expect_error(call(stack, method, path, None, body), 401)


def test_prices_are_effective_dated_listed_and_audited(stack):
    model = f"gpt-e2e-{time.time_ns()}"
    now = set_price(stack, model, "3", 15.5)
    assert set(now) == USD_FIELDS and now["input_usd_per_mtok"] == "3.000000"
    assert now["output_usd_per_mtok"] == "15.500000"
    tomorrow = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)).date().isoformat()
    later = set_price(stack, model, "2.50", "10", effective_from=tomorrow)
    assert later["effective_from"] == f"{tomorrow}T00:00:00Z"
    replaced = set_price(stack, model, "4", "16")

    listed = {item["model"]: item for item in admin_call(stack, "get", "/api/admin/pricing").json()["models"]}
    assert listed["cohorta-sim-main"]["current"] is not None, "the simulator models are seeded"
    entry = listed[model]
    assert entry["current"]["id"] == replaced["id"]
    assert [item["id"] for item in entry["scheduled"]] == [later["id"]]
    assert [item["id"] for item in entry["history"]] == [now["id"]]
    audited = [item for item in audit_entries(stack, "set_price") if item["details"]["model"] == model]
    assert len(audited) == 3 and audited[0]["details"]["input_usd_per_mtok"] == "4.000000"


@pytest.mark.parametrize(("change", "field"), [
    ({"effective_from": "2020-01-01"}, "effective_from"),
    ({"effective_from": "next week"}, "effective_from"),
    ({"input_usd_per_mtok": "-1"}, "input_usd_per_mtok"),
    ({"output_usd_per_mtok": "1000.01"}, "output_usd_per_mtok"),
    ({"model": "no spaces"}, "model"),
    ({"model": "x" * 101}, "model"),
    ({"currency": "EUR"}, "currency"),
])
def test_a_bad_price_is_a_field_error(stack, change, field):
    body = {"model": "gpt-x", "input_usd_per_mtok": "1", "output_usd_per_mtok": "1", **change}
    expect_error(admin_call(stack, "post", "/api/admin/pricing", body), 400, field=field)


def test_a_price_change_prices_only_later_usage(stack):
    ada = Client(stack)
    main, mini = "cohorta-sim-main", "cohorta-sim-mini"
    with prices_in_force(stack, {main: ("1.00", "2.00"), mini: ("1.00", "2.00")}):
        ada.generate_panel(1)
        first = ada.get("/api/usage/me").json()
        first_cost = int(first["totals"]["cost_micro_usd"])
        assert first_cost > 0
        with prices_in_force(stack, {main: ("100.00", "200.00"), mini: ("100.00", "200.00")}):
            again = ada.get("/api/usage/me").json()
            assert int(again["totals"]["cost_micro_usd"]) == first_cost, "recorded usage is never repriced"
            ada.generate_panel(1)
            after = ada.get("/api/usage/me").json()
    added = int(after["totals"]["cost_micro_usd"]) - first_cost
    added_tokens = after["totals"]["total_tokens"] - first["totals"]["total_tokens"]
    assert added_tokens > 0
    # A price in USD per million tokens is micro-dollars per token. The first calls cost at most the old output
    # price per token (2, plus rounding up per call); the new ones at least the new input price (100). The ratio
    # of the two per-token costs depends on each panel's input/output mix, so the bounds are per price.
    first_calls = first["totals"]["calls"]
    assert first_cost <= 2 * first["totals"]["total_tokens"] + first_calls
    assert added >= 100 * added_tokens


def test_settings_are_validated_audited_and_reach_every_process(stack, restored_settings):
    before = restored_settings
    assert before["cache_seconds"] == CACHE_SECONDS
    assert isinstance(before["monthly_quota_usd"], str) and before["credit_packs"]
    new = {key: value for key, value in before.items() if key != "cache_seconds"}
    new["trial_credits"] = before["trial_credits"] + 7
    new["monthly_quota_usd"] = "12.50"
    packs = [dict(pack) for pack in before["credit_packs"]]
    packs[0]["active"] = False
    packs.append({"id": "e2e-team", "name": "Team", "price_cents": 99900, "credits": 1500, "active": True})
    new["credit_packs"] = packs
    saved = admin_call(stack, "put", "/api/admin/settings", new)
    assert saved.status_code == 200, saved.text
    assert saved.json() == {**new, "monthly_quota_usd": "12.500000", "cache_seconds": CACHE_SECONDS}

    entry = audit_entries(stack, "update_settings")[0]
    assert entry["details"]["trial_credits"] == f"{before['trial_credits']} → {new['trial_credits']}"
    assert entry["details"]["monthly_quota_usd"].endswith("→ 12.500000")
    assert f"credit_packs.{packs[0]['id']}" in entry["details"] and "credit_packs.e2e-team" in entry["details"]

    time.sleep(CACHE_SECONDS + 0.2)
    token, user = stack.new_user()
    assert user["credits_balance"] == new["trial_credits"]
    listed = call(stack, "get", "/api/billing/packs", token)
    assert listed.status_code == 200, listed.text
    assert [pack["id"] for pack in listed.json()["packs"]] == [pack["id"] for pack in packs[1:]]
    expect_error(call(stack, "post", "/api/billing/checkout", token, {"pack": packs[0]["id"]}), 400, field="pack")
    quota = call(stack, "get", "/api/quota/me", token).json()
    assert quota["limit_usd"] == "12.500000"


@pytest.mark.parametrize(("change", "field"), [
    ({"trial_credits": -1}, "trial_credits"),
    ({"persona_creation_cost": 1.5}, "persona_creation_cost"),
    ({"monthly_quota_usd": "100000.01"}, "monthly_quota_usd"),
    ({"credit_packs": []}, "credit_packs"),
    ({"unknown": 1}, "unknown"),
])
def test_bad_settings_are_field_errors_and_change_nothing(stack, restored_settings, change, field):
    body = {key: value for key, value in restored_settings.items() if key != "cache_seconds"}
    expect_error(admin_call(stack, "put", "/api/admin/settings", {**body, **change}), 400, field=field)
    assert admin_call(stack, "get", "/api/admin/settings").json() == restored_settings


def test_a_pack_price_below_stripes_minimum_and_no_active_pack_are_refused(stack, restored_settings):
    body = {key: value for key, value in restored_settings.items() if key != "cache_seconds"}
    cheap = [{**body["credit_packs"][0], "price_cents": 49}]
    expect_error(admin_call(stack, "put", "/api/admin/settings", {**body, "credit_packs": cheap}), 400,
                 field="credit_packs[0].price_cents")
    idle = [{**pack, "active": False} for pack in body["credit_packs"]]
    expect_error(admin_call(stack, "put", "/api/admin/settings", {**body, "credit_packs": idle}), 400,
                 field="credit_packs")


def test_the_admin_user_view_counts_sessions_and_recent_usage(stack):
    ada = Client(stack)
    with prices_in_force(stack, {"cohorta-sim-mini": ("1.00", "2.00"), "cohorta-sim-main": ("1.00", "2.00")}):
        ada.generate_panel(1)
    usage = ada.get("/api/usage/me").json()["totals"]
    detail = admin_call(stack, "get", f"/api/admin/users/{ada.user['id']}")
    assert detail.status_code == 200, detail.text
    body = detail.json()
    assert body["sessions"] == 0
    assert body["usage_30d"]["calls"] == usage["calls"]
    cost = int(usage["cost_micro_usd"])
    assert cost > 0 and body["usage_30d"]["cost_usd"] == f"{cost // 1_000_000}.{cost % 1_000_000:06d}"
