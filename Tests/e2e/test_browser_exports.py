"""Exports in a real browser against the real stack (runner + LLM simulator): a researcher exports a finished focus
group session as Markdown from its page (the dialog, the progress bar, then the download, which Playwright catches)
and the file carries the synthetic-data notice and the transcript; Synthetic Users exports the selection as CSV,
whose first line is the notice. Every test checks that the page logged no console error and broke no
Content-Security-Policy rule."""

import re

from playwright.sync_api import Page, expect

# The account with six personas and a guided group, and the simulator fixture, are the sessions API suite's.
from test_api_sessions import Researcher, simulator  # noqa: F401  (simulator: a fixture)
from test_browser import browser, session  # noqa: F401  (pytest fixtures used by name below)
from test_browser_billing import sign_in

NOTICE = "Synthetic data — not human research participants"
EXPORT_TIMEOUT_MS = 60_000


def export(page: Page, format_label: str) -> str:
    """Chooses the format in the open export dialog, exports and returns the downloaded file's text."""
    dialog = page.get_by_role("dialog")
    dialog.get_by_text(format_label, exact=True).click()
    with page.expect_download(timeout=EXPORT_TIMEOUT_MS) as caught:
        dialog.get_by_test_id("export-start").click()
    download = caught.value
    expect(dialog.get_by_test_id("export-done")).to_contain_text(download.suggested_filename)
    expect(dialog.get_by_test_id("export-progress")).to_have_attribute("value", re.compile(r"^\d+$"))
    with open(download.path(), encoding="utf-8") as file:
        return download.suggested_filename + "\n" + file.read()


def test_a_session_report_is_exported_and_downloaded_with_the_notice(session, stack, simulator):
    page = session.page
    ada = Researcher(stack, max_turns=12)
    sid = ada.start()["id"]
    ada.finished(sid)
    said = [message["text"] for message in ada.messages(sid)]

    sign_in(page, ada.token, f"/sessions/{sid}")
    expect(page.get_by_test_id("session-name")).to_have_text("Meal-kit concept test")
    page.get_by_test_id("export-session").click()
    expect(page.get_by_role("dialog")).to_contain_text("Export the session")
    expect(page.get_by_test_id("export-format")).to_have_count(5)

    name, text = export(page, "Markdown").split("\n", 1)
    assert re.fullmatch(r"cohorta-session-meal-kit-concept-test-\d{8}\.md", name), name
    assert NOTICE in text
    assert said[0][:40] in text, "the transcript is in the file"

    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_test_id("export-session")).to_be_focused()
    session.expect_clean()


def test_selected_personas_are_exported_as_csv(session, stack):
    page = session.page
    ada = Researcher(stack)
    sign_in(page, ada.token, "/personas")
    page.get_by_test_id("view-list").click()
    rows = page.get_by_test_id("persona-row")
    expect(rows).to_have_count(6)
    page.get_by_role("checkbox", name=re.compile("Maya Chen")).check()
    page.get_by_role("checkbox", name=re.compile("Tom Berger")).check()

    page.get_by_test_id("export-personas").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_test_id("export-scope").first).to_be_checked()  # the selection comes first
    name, text = export(page, "CSV").split("\n", 1)
    assert re.fullmatch(r"cohorta-personas-\d{8}-\d{4}\.csv", name), name
    lines = text.splitlines()
    assert lines[0].startswith("# ") and NOTICE in lines[0]
    assert "Maya Chen" in text and "Tom Berger" in text and "Ana Ruiz" not in text
    session.expect_clean()
