"""Synthetic Users in a real browser against the real stack: search, folders, moving personas, the profile and its
editor, bulk delete, the remembered grid/list choice, the generation placeholder and the 375 px layout. Every test
also checks that the page logged no console error and broke no Content-Security-Policy rule.

Personas are created through the API with the token of a fresh user; the browser signs in by storing that token.
"""

import re

import pytest
from playwright.sync_api import Page, expect

# The page fixtures and the console/CSP recorder are the web shell's (test_browser.py).
from test_browser import browser, session  # noqa: F401  (pytest fixtures used by name below)

PEOPLE = [
    {"name": "Maya Okafor", "age": 34, "gender": "female", "occupation": "Product manager", "location": "Lisbon, Portugal", "attitude": "enthusiast", "income_band": "middle"},
    {"name": "Daniel Weiss", "age": 52, "gender": "male", "occupation": "Civil engineer", "location": "Munich, Germany", "attitude": "skeptic", "income_band": "upper_middle"},
    {"name": "Priya Raman", "age": 27, "gender": "female", "occupation": "UX researcher", "location": "Bangalore, India", "attitude": "enthusiast", "income_band": "middle"},
]


class Account:
    """A fresh user with personas created through the API."""

    def __init__(self, stack):
        self.stack = stack
        self.token, self.user = stack.new_user()
        self.http = stack.session()
        self.http.headers["Authorization"] = f"Bearer {self.token}"
        self.personas = {person["name"]: self.create(person) for person in PEOPLE}

    def create(self, fields: dict) -> dict:
        response = self.http.post(self.stack.url("/api/personas"), json=fields, timeout=10)
        assert response.status_code == 201, response.text
        return response.json()

    def get(self, persona_id: str) -> dict:
        response = self.http.get(self.stack.url(f"/api/personas/{persona_id}"), timeout=10)
        assert response.status_code == 200, response.text
        return response.json()

    def total(self) -> int:
        response = self.http.get(self.stack.url("/api/personas?per_page=1"), timeout=10)
        assert response.status_code == 200, response.text
        return response.json()["total"]

    def sign_in(self, page: Page, path: str = "/personas") -> None:
        page.goto("/login")
        page.evaluate("token => localStorage.setItem('auth_token', token)", self.token)
        page.goto(path)


@pytest.fixture
def account(stack):
    return Account(stack)


def cards(page: Page):
    return page.get_by_test_id("persona-card")


def card(page: Page, name: str):
    return cards(page).filter(has=page.get_by_role("link", name=name, exact=True))


def folder(page: Page, name: str):
    return page.get_by_test_id("folder-item").and_(page.locator(f'[data-name="{name}"]'))


def test_search_narrows_the_grid_and_clearing_brings_everyone_back(session, stack, account):
    page = session.page
    account.sign_in(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Synthetic Users")
    expect(cards(page)).to_have_count(3)
    expect(page.get_by_test_id("result-count")).to_have_text("3 personas")

    page.get_by_test_id("persona-search").fill("maya")
    expect(cards(page)).to_have_count(1)
    expect(card(page, "Maya Okafor")).to_be_visible()
    expect(page.get_by_test_id("result-count")).to_contain_text("1 persona")
    expect(page).to_have_url(re.compile(r"/personas\?q=maya$"))

    page.get_by_test_id("clear-filters").click()
    expect(cards(page)).to_have_count(3)

    page.get_by_test_id("filter-gender").select_option("male")
    expect(cards(page)).to_have_count(1)
    expect(card(page, "Daniel Weiss")).to_be_visible()
    session.expect_clean()


def test_a_new_folder_receives_a_moved_persona_and_shows_it(session, stack, account):
    page = session.page
    account.sign_in(page)
    expect(cards(page)).to_have_count(3)

    page.get_by_test_id("new-folder").click()
    page.get_by_test_id("folder-name").fill("Wave 1")
    page.get_by_test_id("folder-submit").click()
    expect(folder(page, "Wave 1")).to_be_visible()
    expect(folder(page, "Wave 1").locator(".folder-count")).to_have_text("0")

    card(page, "Maya Okafor").get_by_test_id("persona-select").check()
    expect(page.get_by_test_id("selection-count")).to_contain_text("1")
    page.get_by_test_id("bulk-move").click()
    page.get_by_test_id("move-target").select_option(label="Wave 1")
    page.get_by_test_id("move-submit").click()

    expect(folder(page, "Wave 1").locator(".folder-count")).to_have_text("1")
    expect(page.get_by_test_id("bulk-bar")).to_be_hidden()
    folder(page, "Wave 1").click()
    expect(folder(page, "Wave 1")).to_have_attribute("aria-current", "true")
    expect(cards(page)).to_have_count(1)
    expect(card(page, "Maya Okafor")).to_be_visible()

    maya = account.get(account.personas["Maya Okafor"]["id"])
    assert maya["folder_id"] == folder(page, "Wave 1").get_attribute("data-key")
    session.expect_clean()


def test_the_profile_opens_from_the_grid_and_an_edit_is_saved(session, stack, account):
    page = session.page
    maya = account.personas["Maya Okafor"]
    account.sign_in(page)

    card(page, "Maya Okafor").get_by_role("link", name="Maya Okafor").click()
    expect(page).to_have_url(f"{stack.base_url}/personas/{maya['id']}")
    expect(page.get_by_test_id("persona-name")).to_have_text("Maya Okafor")
    expect(page.get_by_test_id("persona-occupation")).to_have_text("Product manager")
    current = page.get_by_role("navigation", name="Main").locator("a[aria-current=page]")
    expect(current).to_have_text("Synthetic Users")

    page.get_by_test_id("edit-persona").click()
    expect(page.get_by_test_id("persona-editor")).to_be_visible()
    page.get_by_test_id("field-age").fill("")
    page.get_by_test_id("save-persona").click()
    expect(page.get_by_test_id("field-age")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_test_id("field-age")).to_be_focused()

    page.get_by_test_id("field-age").fill("35")
    page.get_by_test_id("field-occupation").fill("Head of product")
    page.get_by_test_id("field-psychographics-values").fill("Curiosity")
    page.get_by_test_id("field-psychographics-values").press("Enter")
    page.get_by_test_id("save-persona").click()

    expect(page.get_by_test_id("persona-profile")).to_be_visible()
    expect(page.get_by_test_id("persona-occupation")).to_have_text("Head of product")
    expect(page.get_by_test_id("chips-psychographics-values")).to_contain_text("Curiosity")
    saved = account.get(maya["id"])
    assert saved["occupation"] == "Head of product"
    assert saved["age"] == 35
    assert "Curiosity" in saved["psychographics"]["values"]
    assert saved["name"] == "Maya Okafor"

    page.reload()
    expect(page.get_by_test_id("persona-occupation")).to_have_text("Head of product")
    session.expect_clean()


def test_bulk_delete_asks_first_and_leaves_the_empty_state(session, stack, account):
    page = session.page
    account.sign_in(page)
    expect(cards(page)).to_have_count(3)

    page.get_by_test_id("select-all").check()
    expect(page.get_by_test_id("selection-count")).to_contain_text("3")
    page.get_by_test_id("bulk-delete").click()
    page.get_by_role("button", name="Cancel").click()
    expect(cards(page)).to_have_count(3)
    assert account.total() == 3

    page.get_by_test_id("bulk-delete").click()
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("persona-empty")).to_be_visible()
    expect(cards(page)).to_have_count(0)
    assert account.total() == 0
    expect(page.get_by_test_id("folder-all").locator(".folder-count")).to_have_text("0")

    page.get_by_test_id("empty-generate").click()
    expect(page.get_by_test_id("generate-dialog")).to_be_visible()
    page.get_by_test_id("gen-close").click()
    expect(page.get_by_test_id("generate-dialog")).to_have_count(0)
    session.expect_clean()


def test_the_list_view_is_remembered_and_another_users_persona_is_not_found(session, stack, account):
    page = session.page
    session.allowed_failed_requests.add("/api/personas/" + account.personas["Priya Raman"]["id"])
    account.sign_in(page)

    page.get_by_test_id("view-list").click()
    expect(page.get_by_test_id("persona-row")).to_have_count(3)
    expect(page.get_by_test_id("view-list")).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(page.get_by_test_id("persona-row")).to_have_count(3)
    expect(cards(page)).to_have_count(0)

    other = Account(stack)
    other.sign_in(page, f"/personas/{account.personas['Priya Raman']['id']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Persona not found")
    session.expect_clean()


def test_the_page_fits_a_375_pixel_screen(session, stack, account):
    page = session.page
    page.set_viewport_size({"width": 375, "height": 812})
    account.sign_in(page)
    expect(cards(page)).to_have_count(3)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.get_by_test_id("folder-toggle").click()
    expect(page.get_by_test_id("folder-all")).to_be_visible()
    page.get_by_test_id("folder-none").click()
    expect(page.get_by_test_id("folder-all")).to_be_hidden()

    page.goto(f"/personas/{account.personas['Maya Okafor']['id']}?edit=1")
    expect(page.get_by_test_id("persona-editor")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    session.expect_clean()
