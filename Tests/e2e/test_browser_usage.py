"""My Usage in a real browser against the real stack (runner + LLM simulator): after a generated panel and an edit
by instruction, the tiles and tables show exactly the numbers of GET /api/usage/me, the day chart has one bar per
day, a persona row links to its profile, a preset changes the URL and the chart (and Back undoes it), an impossible
custom range shows the API's error on its field, and a new user sees the empty state. Every test also checks that
the page logged no console error and broke no Content-Security-Policy rule."""

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from playwright.sync_api import Page, expect

from pricing import prices_in_force

# The page fixtures and the console/CSP recorder are the web shell's (test_browser.py); the API client that
# generates a panel is the generation tests'.
from test_api_generation import Client
from test_browser import browser, session  # noqa: F401  (pytest fixtures used by name below)

GENERATION_TIMEOUT_S = 120
# The simulator's models cost nothing unless priced; these are gpt-4.1's and gpt-4.1-mini's list prices in US
# dollars per million prompt and completion tokens, so the page has real cents to show.
PRICES = {"cohorta-sim-main": ("2.00", "8.00"), "cohorta-sim-mini": ("0.40", "1.60")}
FEATURE_LABELS = {"persona_basic_profiles": "Persona profiles", "persona_detail": "Persona details",
                  "persona_modification": "Persona edits"}


@pytest.fixture
def priced_models(stack):
    """Prices the simulator's models for one test (through the admin API), then puts back what was."""
    with prices_in_force(stack, PRICES):
        yield


def usd(amount: str, places: int | None = None) -> str:
    """The page's dollar format (web/js/lib/format.js formatUsd): exact, rounded half up; cents from $1, four
    decimals from 1¢, six below; without `places`, trailing zeros dropped down to two decimals."""
    value = Decimal(amount)
    decimals = places or usd_places(amount)
    text = f"{value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):,.{decimals}f}"
    if places is None:
        whole, _, fraction = text.partition(".")
        text = f"{whole}.{fraction.rstrip('0').ljust(2, '0')}"
    return f"${text}"


def usd_places(amount: str) -> int:
    value = Decimal(amount)
    return 2 if value == 0 or value >= 1 else 4 if value >= Decimal("0.01") else 6


def sign_in(page: Page, client: Client, path: str) -> None:
    page.goto("/login")
    page.evaluate("token => localStorage.setItem('auth_token', token)", client.token)
    page.goto(path)


def utc_today() -> datetime.date:
    return datetime.datetime.now(datetime.timezone.utc).date()


def expect_rows(page: Page, table: str, rows: list[dict], key: str, total: dict | None) -> None:
    """Every row of the API's list in the table with the same calls, tokens and spend (one column format)."""
    places = max(usd_places(row["cost_usd"]) for row in rows + ([total] if total else []))
    shown = page.get_by_test_id(table).locator("tbody [data-testid=usage-row]")
    expect(shown).to_have_count(len(rows))
    for index, row in enumerate(rows):
        line = shown.nth(index)
        expect(line).to_have_attribute("data-key", row[key] or "none")
        expect(line.get_by_test_id("cell-calls")).to_have_text(f"{row['calls']:,}")
        expect(line.get_by_test_id("cell-tokens")).to_have_text(f"{row['total_tokens']:,}")
        expect(line.get_by_test_id("cell-spend")).to_have_text(usd(row["cost_usd"], places))
        expect(line.get_by_test_id("cell-spend")).to_have_attribute("data-usd", row["cost_usd"])
    if total:
        footer = page.get_by_test_id(table).get_by_test_id("usage-total")
        expect(footer.get_by_test_id("cell-calls")).to_have_text(f"{total['calls']:,}")
        expect(footer.get_by_test_id("cell-spend")).to_have_text(usd(total["cost_usd"], places))


def test_usage_shows_the_api_figures_charts_and_ranges(session, stack, priced_models):
    client = Client(stack)
    task_id = client.generate(count=2)
    assert client.finished(task_id, timeout=GENERATION_TIMEOUT_S)["status"] == "succeeded"
    persona = client.generated(task_id)[0]
    modify = client.request("POST", f"/api/personas/{persona['id']}/modify",
                            json={"instruction": "Make them more price-sensitive"})
    assert modify.status_code == 202, modify.text
    assert client.finished(modify.json()["task_id"])["status"] == "succeeded"
    response = client.request("GET", "/api/usage/me")
    assert response.status_code == 200, response.text
    report = response.json()
    totals, credits = report["totals"], report["credits"]
    assert credits["used"] == 4  # two personas at 2 credits; an edit by instruction is not charged
    assert Decimal(totals["cost_usd"]) > 0

    page = session.page
    sign_in(page, client, "/usage")
    expect(page.get_by_role("heading", level=1)).to_have_text("My Usage")

    # The tiles.
    expect(page.get_by_test_id("usage-spend")).to_have_text(usd(totals["cost_usd"]))
    expect(page.get_by_test_id("usage-tokens")).to_have_text(f"{totals['total_tokens']:,}")
    expect(page.get_by_test_id("usage-prompt-tokens")).to_have_text(f"{totals['prompt_tokens']:,}")
    expect(page.get_by_test_id("usage-completion-tokens")).to_have_text(f"{totals['completion_tokens']:,}")
    expect(page.get_by_test_id("usage-calls")).to_have_text(f"{totals['calls']:,}")
    replayed = totals["replayed_calls"]
    expect(page.get_by_test_id("usage-replayed")).to_have_text(f"{replayed:,}" if replayed else "None served from cache")
    expect(page.get_by_test_id("usage-credits-used")).to_have_text("4")
    expect(page.get_by_test_id("usage-credits-added")).to_have_text(f"+{credits['added']}")
    expect(page.get_by_test_id("usage-balance")).to_have_text(str(credits["balance"]))
    expect(page.locator('[data-testid=range-preset][data-preset="30d"]')).to_have_attribute("aria-pressed", "true")

    # The charts: a bar per day of the range and per feature, labelled images of the spend; the switch charts
    # calls instead.
    expect(page.get_by_test_id("day-bar")).to_have_count(len(report["by_day"]))
    assert len(report["by_day"]) == 30
    day_chart = page.get_by_test_id("day-chart")
    expect(day_chart).to_have_attribute("role", "img")
    expect(day_chart.locator("title").first).to_have_text("Spend per day")
    expect(day_chart.locator("desc")).to_contain_text(f"{usd(totals['cost_usd'])} in total")
    expect(page.get_by_test_id("feature-bar")).to_have_count(len(report["by_feature"]))
    page.get_by_test_id("usage-days").locator('[data-testid=measure-option][data-measure="calls"]').click()
    expect(day_chart.locator("title").first).to_have_text("Calls per day")
    expect(day_chart.locator("desc")).to_contain_text(f"{totals['calls']:,} in total")
    expect(page.get_by_test_id("day-bar")).to_have_count(30)

    # The tables, row by row.
    assert set(FEATURE_LABELS) <= {row["feature"] for row in report["by_feature"]}
    expect_rows(page, "usage-by-feature", report["by_feature"], "feature", totals)
    for feature, label in FEATURE_LABELS.items():
        expect(page.locator(f'[data-testid=usage-by-feature] [data-key="{feature}"] th')).to_have_text(label)
    expect_rows(page, "usage-by-model", report["by_model"], "model", totals)
    expect_rows(page, "usage-by-object", report["by_object"], "object", None)
    expect(page.locator(f'[data-testid=usage-by-object] [data-key="task:{task_id}"] th')).to_have_text(f"Task {task_id[-6:]}")
    link = page.locator(f'[data-testid=usage-object-link][data-id="{persona["id"]}"]')
    expect(link).to_have_attribute("href", f"/personas/{persona['id']}")
    expect(link).to_have_text(persona["name"])  # named from the persona list
    page.get_by_test_id("usage-days").locator("summary").click()
    expect_rows(page, "usage-by-day", report["by_day"], "date", totals)

    # Last 7 days: a new URL (Back returns to the 30 days), seven bars; a reload keeps it.
    today = utc_today()
    week = f"/usage?from={today - datetime.timedelta(days=6)}&to={today}"
    page.locator('[data-testid=range-preset][data-preset="7d"]').click()
    expect(page).to_have_url(f"{stack.base_url}{week}")
    expect(page.get_by_test_id("day-bar")).to_have_count(7)
    expect(page.locator('[data-testid=range-preset][data-preset="7d"]')).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("range-from")).to_have_value(str(today - datetime.timedelta(days=6)))
    page.reload()
    expect(page.get_by_test_id("day-bar")).to_have_count(7)
    page.go_back()
    expect(page).to_have_url(f"{stack.base_url}/usage")
    expect(page.get_by_test_id("day-bar")).to_have_count(30)

    # From after To: the API's message on the From field, and the URL says what was asked for.
    start, end = today, today - datetime.timedelta(days=3)
    refused = client.request("GET", "/api/usage/me", params={"from": str(start), "to": str(end)})
    assert refused.status_code == 400 and refused.json()["error"]["field"] == "from"
    session.allowed_failed_requests.add(f"/api/usage/me?from={start}&to={end}")  # Chromium logs the expected 400
    page.get_by_test_id("range-from").fill(str(start))
    page.get_by_test_id("range-to").fill(str(end))
    page.get_by_test_id("range-apply").click()
    from_field = page.locator(".field").filter(has=page.get_by_test_id("range-from"))
    expect(from_field.locator(".field-error")).to_have_text(refused.json()["error"]["message"])
    expect(page.get_by_test_id("range-from")).to_have_attribute("aria-invalid", "true")
    expect(page).to_have_url(re.compile(rf"/usage\?from={start}&to={end}$"))
    expect(page.get_by_test_id("day-bar")).to_have_count(0)
    session.expect_clean()


def test_a_new_user_sees_the_empty_state(session, stack):
    client = Client(stack)
    page = session.page
    sign_in(page, client, "/usage")
    empty = page.get_by_test_id("usage-empty")
    expect(empty).to_be_visible()
    expect(empty.get_by_role("heading")).to_have_text("No usage in these dates")
    expect(empty.get_by_test_id("usage-empty-generate")).to_have_attribute("href", "/personas")
    balance = client.request("GET", "/api/credits").json()["balance"]
    expect(empty.get_by_test_id("usage-balance")).to_have_text(str(balance))
    expect(page.get_by_test_id("usage-tiles")).to_have_count(0)
    expect(page.get_by_test_id("range-caption")).to_contain_text("30 days")
    session.expect_clean()
