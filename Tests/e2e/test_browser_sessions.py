"""Focus group sessions in a real browser against the real stack (runner + LLM simulator): start a session from the
group page after the cost preflight, watch messages arrive in the discussion panel, interject with an @mention and
see the mentioned persona answer next, pause and resume, wait for the finish and read the report with its themes and
polls, fork from a message with a rewritten line and open the compare view. A balance spent between the preflight and
the start gets the credits dialog with the way to Billing; a group without a guide explains why it cannot start.
Every test checks that the page logged no console error and broke no Content-Security-Policy rule; screenshots
(desktop and 390 px) go to $COHORTA_SCREENSHOTS when it is set.

The account, its six personas and the group with a fixed guide are made through the API (test_api_sessions.py's
Researcher); the browser signs in by storing the account's token.
"""

import os
import re
from pathlib import Path

import requests
from playwright.sync_api import Page, expect

# The page fixtures and the console/CSP recorder are the web shell's (test_browser.py); the account with personas and
# a guided group, the simulator fixture and its slow-down are the sessions API suite's.
from test_api_sessions import MAIN_MODEL, Researcher, grant, simulator, slow_down  # noqa: F401  (simulator: a fixture)
from test_browser import browser, session  # noqa: F401  (pytest fixtures used by name below)

RUN_TIMEOUT_MS = 150_000
LEA = 4  # Lea Novak's index in test_api_sessions.PEOPLE


def sign_in(page: Page, researcher: Researcher, path: str) -> None:
    page.goto("/login")
    page.evaluate("token => localStorage.setItem('auth_token', token)", researcher.token)
    page.goto(path)


def screenshot(page: Page, name: str) -> None:
    """Desktop and phone screenshots of the page as it is, when COHORTA_SCREENSHOTS names a folder."""
    folder = os.environ.get("COHORTA_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.screenshot(path=f"{folder}/{name}-desktop.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(300)
    page.screenshot(path=f"{folder}/{name}-390.png", full_page=True)
    page.set_viewport_size(size)


def session_id_of(page: Page) -> str:
    match = re.search(r"/sessions/([^/?#]+)$", page.url)
    assert match, page.url
    return match.group(1)


def status(page: Page):
    return page.get_by_test_id("session-status")


def break_character(simulator: str) -> None:
    """The next two plain-text main-tier answers talk as an AI. The quality gate checks participants' turns, so
    whichever of them is a participant's (one is, as the moderator never speaks twice in a row) is regenerated."""
    response = requests.post(f"{simulator}/__faults", timeout=5, json={"faults": ["break_character"] * 2, "model": MAIN_MODEL})
    assert response.status_code in (200, 201, 204), response.text


def test_a_session_is_started_steered_reported_forked_and_compared(session, stack, simulator):
    page = session.page
    ada = Researcher(stack, max_turns=40)  # room for the researcher's turns: the run still completes the guide
    slow_down(simulator, turns=4, chunk_delay_ms=120)
    break_character(simulator)
    slow_down(simulator, turns=40, chunk_delay_ms=120)
    sign_in(page, ada, f"/focus-groups/{ada.group}")
    expect(page.get_by_test_id("fg-sessions-empty")).to_be_visible()

    # The preflight: credits, estimated dollars and calls, then the start.
    page.get_by_test_id("fg-start").click()
    preflight = page.get_by_test_id("preflight")
    expect(preflight).to_be_visible()
    expect(page.get_by_test_id("preflight-credits")).to_have_text("40 credits")
    expect(page.get_by_test_id("preflight-usd")).to_have_text(re.compile(r"≈ \$|No price"))
    expect(page.get_by_test_id("preflight-cap-warning")).to_have_count(0)
    page.get_by_test_id("preflight-confirm").click()
    expect(page).to_have_url(re.compile(r"/sessions/[^/]+$"))
    sid = session_id_of(page)
    expect(page.get_by_test_id("session-name")).to_have_text("Meal-kit concept test")

    # Messages arrive in the discussion panel; the moderator opens.
    messages = page.get_by_test_id("message")
    expect(messages.nth(2)).to_be_visible(timeout=30_000)
    expect(messages.first).to_have_attribute("data-speaker", "moderator")
    expect(page.get_by_test_id("participant")).to_have_count(6)
    screenshot(page, "session-live")

    # An interjection with an @mention: "@Le" offers Lea Novak, Enter picks her, Enter sends.
    box = page.get_by_test_id("composer-input")
    box.press_sequentially("@Le")
    expect(page.get_by_test_id("mention-list")).to_be_visible()
    page.wait_for_timeout(1500)  # the page polls meanwhile: the box keeps the focus and the list stays open
    expect(box).to_be_focused()
    expect(page.get_by_test_id("mention-list")).to_be_visible()
    expect(page.get_by_test_id("mention-option")).to_have_text(re.compile("Lea Novak"))
    expect(box).to_have_attribute("aria-activedescendant", page.get_by_test_id("mention-option").get_attribute("id"))
    box.press("Enter")
    expect(page.get_by_test_id("composer-mention")).to_contain_text("Lea Novak")
    expect(box).to_have_value("@Lea Novak ")
    expect(page.get_by_test_id("mention-list")).to_be_hidden()
    box.press_sequentially("what would you pay for it?")
    box.press("Enter")
    expect(box).to_have_value("")
    said = page.locator("[data-testid=message][data-speaker=human]")
    expect(said).to_have_count(1, timeout=30_000)
    expect(said.get_by_test_id("message-text")).to_have_text("@Lea Novak what would you pay for it?")
    answer = page.locator('[data-testid=message][data-speaker=human] + [data-testid=message]')
    expect(answer).to_have_attribute("data-persona-id", ada.personas[LEA], timeout=30_000)

    # Scrolled up, the view stays put and a pill offers the new messages.
    page.get_by_test_id("chat-scroll").evaluate("element => element.scrollTo(0, 0)")
    pill = page.get_by_test_id("new-messages")
    expect(pill).to_be_visible(timeout=30_000)
    pill.click()
    expect(pill).to_be_hidden()

    # Take over: the researcher moderates, the group answers; then hand back to the AI.
    page.get_by_test_id("control-take-over").click()
    expect(status(page)).to_have_attribute("data-status", "taken_over", timeout=30_000)
    expect(status(page)).to_have_text("You are moderating")
    expect(page.get_by_test_id("composer")).to_contain_text("Speak as the moderator")
    box.fill("Let me ask you all: what did you eat last night?")
    box.press("Enter")
    expect(said).to_have_count(2, timeout=30_000)
    expect(page.locator("[data-testid=message][data-speaker=human] + [data-testid=message]").nth(1)).to_have_attribute("data-speaker", "persona", timeout=30_000)
    page.get_by_test_id("control-hand-back").click()
    expect(status(page)).to_have_attribute("data-status", "running", timeout=30_000)

    # Pause from the keyboard (nothing is said while paused; the focus moves on to Resume), then resume.
    page.get_by_test_id("control-pause").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("control-pause")).to_have_attribute("aria-busy", "true")
    expect(status(page)).to_have_attribute("data-status", "paused", timeout=30_000)
    expect(page.get_by_test_id("control-resume")).to_be_focused()
    expect(page.get_by_test_id("session-note")).to_contain_text("nothing is billed")
    expect(page.get_by_test_id("composer-input")).to_be_disabled()
    held = messages.count()
    page.wait_for_timeout(1500)
    expect(messages).to_have_count(held)
    page.get_by_test_id("control-resume").click()
    expect(status(page)).not_to_have_attribute("data-status", "paused", timeout=15_000)

    # The finish: the report with its themes and quotes, the polls, Replay and Fork on each message.
    expect(status(page)).to_have_attribute("data-status", "finished", timeout=RUN_TIMEOUT_MS)
    report = page.get_by_test_id("report")
    expect(report).to_be_visible()
    expect(page.get_by_test_id("report-summary")).not_to_be_empty()
    expect(page.get_by_test_id("report-partial")).to_have_count(0)
    expect(report.get_by_test_id("theme").first).to_be_visible()
    expect(page.get_by_test_id("poll")).to_have_count(3)
    expect(page.locator("[data-testid=poll][data-kind=likert]").get_by_test_id("poll-mean")).to_contain_text("95% CI")
    expect(page.get_by_test_id("control-replay")).to_be_visible()
    regenerated = page.get_by_test_id("message-regenerated")
    expect(regenerated.first).to_have_attribute("aria-label", re.compile(r"Regenerated by the quality gate: broke character"))
    quote = report.get_by_test_id("quote-link").first
    seq = quote.get_attribute("data-seq")
    quote.click()
    expect(page.locator(f"#message-{seq}")).to_be_focused()
    done = ada.session(sid)
    assert done["status"] == "finished" and done["end_reason"] == "completed", done
    expect(page.get_by_test_id("participant").first).to_have_attribute("data-turns", str(done["participants"][0]["turns"]))
    screenshot(page, "session-report")

    # Fork from message 6 with a rewritten line: a new session, and the compare view from it.
    grant(stack, ada, 40)
    sixth = page.locator("[data-testid=message][data-seq='6']")
    sixth.get_by_test_id("fork-message").click()
    dialog = page.get_by_test_id("fork-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_test_id("fork-text").fill("Honestly, I would only try it if it were half the price.")
    dialog.get_by_test_id("fork-submit").click()
    expect(page).not_to_have_url(re.compile(rf"/sessions/{sid}$"))
    expect(page).to_have_url(re.compile(r"/sessions/[^/]+$"))
    fork_id = session_id_of(page)
    expect(page.get_by_test_id("fork-parent")).to_contain_text("message 6")
    expect(page.locator("[data-testid=message][data-seq='6'] [data-testid=message-text]")).to_have_text("Honestly, I would only try it if it were half the price.")
    page.get_by_test_id("compare-parent").click()
    expect(page).to_have_url(re.compile(rf"/sessions/{sid}/compare/{fork_id}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare sessions")
    expect(page.get_by_test_id("compare-prefix")).to_contain_text("shares the first 5 messages")
    expect(page.get_by_test_id("compare-prefix")).to_contain_text("message 6 was rewritten")
    expect(page.get_by_test_id("compare-left")).to_have_attribute("data-id", sid)
    expect(page.get_by_test_id("compare-right")).to_have_attribute("data-id", fork_id)
    expect(page.get_by_test_id("compare-right-status")).to_have_attribute("data-status", "finished", timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_test_id("compare-right").get_by_test_id("theme").first).to_be_visible()
    screenshot(page, "session-compare")

    # The group page lists both sessions.
    page.goto(f"/focus-groups/{ada.group}")
    expect(page.get_by_test_id("fg-session")).to_have_count(2)
    expect(page.locator(f"[data-testid=fg-session][data-id='{sid}']").get_by_test_id("fg-session-status")).to_have_text("Finished")
    session.expect_clean()


def test_a_balance_spent_after_the_preflight_gets_the_way_to_billing(session, stack, simulator):
    page = session.page
    ada = Researcher(stack, max_turns=12)
    session.allowed_failed_requests.add(f"/api/focus-groups/{ada.group}/sessions")  # the expected 402
    sign_in(page, ada, f"/focus-groups/{ada.group}")
    page.get_by_test_id("fg-start").click()
    expect(page.get_by_test_id("preflight")).to_be_visible()
    ada.start()  # another tab spends the credits meanwhile
    page.get_by_test_id("preflight-confirm").click()
    dialog = page.get_by_test_id("credits-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Not enough credits")
    expect(page).to_have_url(re.compile(rf"/focus-groups/{ada.group}$"))
    dialog.get_by_test_id("credits-dialog-action").click()
    expect(page).to_have_url(re.compile(r"/billing$"))
    expect(page.get_by_test_id("credits-dialog")).to_have_count(0)

    # Now the preflight itself says the balance is short.
    page.goto(f"/focus-groups/{ada.group}")
    page.get_by_test_id("fg-start").click()
    expect(page.get_by_test_id("preflight-short")).to_be_visible()
    expect(page.get_by_test_id("preflight-confirm")).to_be_disabled()
    session.expect_clean()


def test_a_group_without_a_guide_explains_why_it_cannot_start(session, stack):
    page = session.page
    ada = Researcher(stack)
    body = {"name": "No guide yet", "participant_ids": ada.personas[:3], "objective": "Learn what parents cook on weekdays."}
    created = ada.request("POST", "/api/focus-groups", json=body)
    assert created.status_code == 201, created.text
    group = created.json()["id"]
    session.allowed_failed_requests.add(f"/api/focus-groups/{group}/sessions/estimate")  # the expected 409
    sign_in(page, ada, f"/focus-groups/{group}")
    page.get_by_test_id("fg-start").click()
    dialog = page.get_by_test_id("not-startable-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("discussion guide")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(page.get_by_test_id("fg-start")).to_be_focused()
    session.expect_clean()
