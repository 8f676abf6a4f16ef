"""The administrators' usage report, its CSV download and the business analytics on the real stack (nginx, the
FastCGI pool, the runner, nx-27017, the LLM simulator and the fake Stripe). Real usage comes from real features:
a generated panel and a whole focus-group session; real revenue from a pack bought and half refunded through the
fake Stripe. Every figure is checked against the rows stored in MongoDB; every route refuses a non-admin (403)
and an anonymous caller (401) and is audited. docs/openapi.yaml is the specification; CONTRACT-7 (B) the API."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from bson import ObjectId
from pymongo import MongoClient

from stack import expect_error, unique_email
from test_api_billing import Buyer, knob, wait_for_deliveries
from test_api_sessions import Researcher
from test_api_usage import Client

ROUTES = ["/api/admin/usage", "/api/admin/usage.csv", "/api/admin/analytics"]
FIGURES = ("calls", "prompt_tokens", "completion_tokens")


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def usd(micro: int) -> str:
    sign = "-" if micro < 0 else ""
    return f"{sign}{abs(micro) // 1_000_000}.{abs(micro) % 1_000_000:06d}"


def micro(text: str) -> int:
    return int(Decimal(text) * 1_000_000)


@pytest.fixture(scope="module")
def admin(stack):
    email = unique_email("insights-admin")
    password = stack.make_admin(email)
    return stack.login(email, password)


@pytest.fixture(scope="module")
def db(stack):
    client = MongoClient(stack.mongo_uri)
    yield client[stack.db_name]
    client.close()


def get(stack, token, path, **params):
    return stack.session().get(stack.url(path), headers=bearer(token), params=params, timeout=30)


def ok(response) -> dict:
    assert response.status_code == 200, response.text
    return response.json()


def today() -> datetime.date:
    return datetime.datetime.now(datetime.timezone.utc).date()


def events_of(db, user_id: str) -> list[dict]:
    return list(db.usage_events.find({"user_id": {"$in": [ObjectId(user_id)]}}))


def figures(events: list[dict]) -> dict:
    return {"calls": len(events), "prompt_tokens": sum(e["prompt_tokens"] for e in events),
            "completion_tokens": sum(e["completion_tokens"] for e in events),
            "cost_usd": usd(sum(e["cost_micro_usd"] for e in events))}


@pytest.mark.parametrize("path", ROUTES)
def test_every_insights_route_refuses_a_non_admin_and_an_anonymous_caller(stack, path):
    token, _ = stack.new_user()
    expect_error(get(stack, token, path), 403, "forbidden")
    expect_error(stack.session().get(stack.url(path), timeout=10), 401)


def test_a_bad_range_or_day_count_is_a_field_error(stack, admin):
    expect_error(get(stack, admin, "/api/admin/usage", **{"from": "2026-02-02", "to": "2026-02-01"}), 400,
                 field="from")
    expect_error(get(stack, admin, "/api/admin/usage.csv", **{"from": "2025-01-01", "to": "2026-01-02"}), 400,
                 field="to")
    expect_error(get(stack, admin, "/api/admin/usage", **{"from": "2026-2-1"}), 400, field="from")
    for days in ("0", "367", "x"):
        expect_error(get(stack, admin, "/api/admin/analytics", days=days), 400, field="days")


def test_real_usage_signups_and_a_stripe_purchase_show_in_the_report_the_csv_and_the_analytics(stack, admin, db):
    before = ok(get(stack, admin, "/api/admin/analytics", days=1))["totals"]

    panel = Client(stack)  # a signup that generates a panel of 2 (LLM calls, personas)
    panel.generate_panel(count=2)
    researcher = Researcher(stack)  # a signup with 6 personas who runs one whole session
    session = researcher.start()
    assert researcher.finished(session["id"])["status"] == "finished"
    buyer = Buyer(stack)  # a signup who buys the starter pack, then gets half of it refunded
    pack = next(p for p in buyer.get("/api/billing/packs")["packs"] if p["id"] == "starter")
    checkout_id = buyer.checkout("starter")
    knob(stack, f"sessions/{checkout_id}/pay")
    knob(stack, f"sessions/{checkout_id}/refund", amount=pack["price_cents"] // 2)
    wait_for_deliveries(stack)
    clawed = pack["credits"] * (pack["price_cents"] // 2) // pack["price_cents"]
    refunded_cents = (clawed * pack["price_cents"] * 2 + pack["credits"]) // (2 * pack["credits"])

    # The usage report: the users' rows equal their stored events; the totals equal every event of the range.
    day = today().isoformat()
    report = ok(get(stack, admin, "/api/admin/usage", **{"from": day, "to": day}))
    assert (report["from"], report["to"]) == (day, day)
    start = datetime.datetime.combine(today(), datetime.time(), tzinfo=datetime.timezone.utc)
    everything = list(db.usage_events.find({"created_at": {"$gte": start, "$lt": start + datetime.timedelta(1)}}))
    assert report["totals"] == figures(everything)
    assert [row["day"] for row in report["by_day"]] == [day] and report["by_day"][0]["calls"] == len(everything)
    rows = {row["user_id"]: row for row in report["by_user"]}
    for user in (panel.user, researcher.user):
        assert rows[user["id"]] == {"user_id": user["id"], "email": user["email"], **figures(events_of(db, user["id"]))}
    assert buyer.user["id"] not in rows
    costs = [micro(row["cost_usd"]) for row in report["by_user"]]
    assert costs == sorted(costs, reverse=True)
    assert sum(row["calls"] for row in report["by_feature"]) == sum(row["calls"] for row in report["by_model"]) \
        == report["totals"]["calls"]
    assert {"persona_response", "moderator"} <= {row["feature"] for row in report["by_feature"]}

    # The CSV: the same cells, one row per day × user × feature × model.
    download = stack.session().get(stack.url("/api/admin/usage.csv"), headers=bearer(admin),
                                   params={"from": day, "to": day}, timeout=30)
    assert download.status_code == 200, download.text
    assert download.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert download.headers["Content-Disposition"] == f'attachment; filename="cohorta-usage-{day}-to-{day}.csv"'
    table = list(csv.DictReader(io.StringIO(download.content.decode("utf-8"))))
    assert list(table[0]) == ["day", "user_id", "email", "feature", "model", "calls", "prompt_tokens",
                              "completion_tokens", "cost_usd"]
    mine = [row for row in table if row["user_id"] == researcher.user["id"]]
    assert {row["email"] for row in mine} == {researcher.user["email"]} and {row["day"] for row in mine} == {day}
    assert len({(row["feature"], row["model"]) for row in mine}) == len(mine)
    for key in FIGURES:
        assert sum(int(row[key]) for row in mine) == rows[researcher.user["id"]][key]
    assert usd(sum(micro(row["cost_usd"]) for row in mine)) == rows[researcher.user["id"]]["cost_usd"]
    assert sum(int(row["calls"]) for row in table) == len(everything)

    # The analytics: today's deltas are exactly what the three users did.
    analytics = ok(get(stack, admin, "/api/admin/analytics", days=1))
    assert (analytics["from"], analytics["to"]) == (day, day) and [d["day"] for d in analytics["days"]] == [day]
    after = analytics["totals"]
    assert analytics["days"][0] == {"day": day, **after}
    owners = {ObjectId(panel.user["id"]), ObjectId(researcher.user["id"])}
    personas = sum(1 for persona in db.personas.find({}, {"user_id": 1}) if persona["user_id"] in owners)
    assert after["signups"] - before["signups"] == 3
    assert after["personas"] - before["personas"] == personas == 2 + 6
    assert after["sessions"] - before["sessions"] == 1
    assert after["active_users"] - before["active_users"] == 2  # the buyer only paid: not active
    assert after["revenue_cents"] - before["revenue_cents"] == pack["price_cents"] - refunded_cents
    spend = sum(e["cost_micro_usd"] for e in events_of(db, panel.user["id"]) + events_of(db, researcher.user["id"]))
    assert micro(after["llm_spend_usd"]) - micro(before["llm_spend_usd"]) == spend
    assert micro(after["margin_usd"]) == after["revenue_cents"] * 10_000 - micro(after["llm_spend_usd"])
    top = analytics["top_users"]
    assert len(top) <= 10 and [micro(u["spend_usd"]) for u in top] == sorted((micro(u["spend_usd"]) for u in top),
                                                                             reverse=True)
    for user in top:
        if user["user_id"] == researcher.user["id"]:
            assert user["email"] == researcher.user["email"] and user["revenue_cents"] == 0
            assert user["calls"] == len(events_of(db, researcher.user["id"]))

    # Each read is in the audit log with its range.
    audit = ok(get(stack, admin, "/api/admin/audit", per_page=10))["items"]
    actions = {entry["action"]: entry for entry in audit}
    for action in ("view_usage", "export_usage", "view_analytics"):
        assert actions[action]["details"] == {"from": day, "to": day}, action
        assert actions[action].get("target_user_id") is None
