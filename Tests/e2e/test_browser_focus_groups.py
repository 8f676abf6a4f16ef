"""Focus Groups in a real browser against the real stack (runner + LLM simulator): create a group by picking personas
(a field error for too few, and the API's error for a persona deleted meanwhile), add a concept, upload an image and
see its AI description, generate the discussion guide, edit a question, regenerate one section, delete the group.
The pages also fit a 390 px phone. Every test checks that the page logged no console error and broke no
Content-Security-Policy rule.

Personas are created through the API with the token of a fresh user; the browser signs in by storing that token.
"""

import re
import struct
import zlib

import pytest
from playwright.sync_api import Page, expect

# The page fixtures and the console/CSP recorder are the web shell's (test_browser.py).
from test_browser import browser, session  # noqa: F401  (pytest fixtures used by name below)

TASK_TIMEOUT_MS = 90_000

PEOPLE = [
    {"name": "Maya Okafor", "age": 34, "gender": "female", "occupation": "Product manager", "location": "Lisbon, Portugal", "attitude": "enthusiast", "income_band": "middle"},
    {"name": "Daniel Weiss", "age": 52, "gender": "male", "occupation": "Civil engineer", "location": "Munich, Germany", "attitude": "skeptic", "income_band": "upper_middle"},
    {"name": "Priya Raman", "age": 27, "gender": "female", "occupation": "UX researcher", "location": "Bangalore, India", "attitude": "enthusiast", "income_band": "middle"},
    {"name": "Tomás Silva", "age": 41, "gender": "male", "occupation": "Chef", "location": "Porto, Portugal", "attitude": "pragmatist", "income_band": "lower_middle"},
]

OBJECTIVE = "Learn what would make busy parents try a weekly meal-kit subscription, and what would stop them."


def small_png(width: int = 24, height: int = 16) -> bytes:
    """A valid RGB PNG: a green box with a darker band, built without an imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"".join(bytes((30, 120 if 5 <= y <= 9 else 170, 70)) for _ in range(width)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


class Account:
    """A fresh user with personas created through the API."""

    def __init__(self, stack):
        self.stack = stack
        self.token, self.user = stack.new_user()
        self.http = stack.session()
        self.http.headers["Authorization"] = f"Bearer {self.token}"
        self.personas = {person["name"]: self.post("/api/personas", person) for person in PEOPLE}

    def post(self, path: str, body: dict) -> dict:
        response = self.http.post(self.stack.url(path), json=body, timeout=10)
        assert response.status_code == 201, response.text
        return response.json()

    def get(self, path: str) -> dict:
        response = self.http.get(self.stack.url(path), timeout=10)
        assert response.status_code == 200, response.text
        return response.json()

    def delete(self, path: str) -> None:
        response = self.http.delete(self.stack.url(path), timeout=10)
        assert response.status_code == 204, response.text

    def sign_in(self, page: Page, path: str = "/focus-groups") -> None:
        page.goto("/login")
        page.evaluate("token => localStorage.setItem('auth_token', token)", self.token)
        page.goto(path)


@pytest.fixture
def account(stack):
    return Account(stack)


def pick(page: Page, name: str) -> None:
    page.get_by_test_id("picker-option").and_(page.locator(f'[data-name="{name}"]')).get_by_test_id("picker-option-check").check()


def group_id_of(page: Page) -> str:
    match = re.search(r"/focus-groups/([^/?#]+)$", page.url)
    assert match, page.url
    return match.group(1)


def section_texts(page: Page) -> list[str]:
    return [page.get_by_test_id("guide-section").nth(index).inner_text() for index in range(page.get_by_test_id("guide-section").count())]


def test_a_focus_group_is_created_given_stimuli_and_a_guide_that_is_edited_and_regenerated(session, stack, account):
    page = session.page
    session.allowed_failed_requests.add("/api/focus-groups")  # the expected 400 of a deleted participant
    account.sign_in(page)

    # An empty list invites the first group.
    expect(page.get_by_role("heading", level=1)).to_have_text("Focus Groups")
    expect(page.get_by_test_id("fg-empty")).to_be_visible()
    page.get_by_test_id("empty-new-focus-group").click()
    expect(page).to_have_url(f"{stack.base_url}/focus-groups/new")
    expect(page.get_by_role("heading", level=1)).to_have_text("New focus group")

    page.get_by_test_id("fg-name").fill("Meal-kit concept test")
    page.get_by_test_id("fg-objective").fill(OBJECTIVE)
    page.get_by_test_id("fg-audience").fill("Parents of children under 10 in mid-sized European cities.")
    page.get_by_test_id("fg-language").select_option("other")  # a tag the list does not have
    page.get_by_test_id("fg-language-tag").fill("en-GB")
    expect(page.get_by_test_id("picker-option")).to_have_count(len(PEOPLE))

    # Two participants are too few: the picker says so and nothing is created.
    pick(page, "Maya Okafor")
    pick(page, "Daniel Weiss")
    expect(page.get_by_test_id("picker-chosen-item")).to_have_count(2)
    page.get_by_test_id("fg-submit").click()
    expect(page.get_by_test_id("participants-error")).to_be_visible()
    expect(page.get_by_test_id("participants-error")).to_contain_text("at least 3")
    expect(page).to_have_url(f"{stack.base_url}/focus-groups/new")

    # A participant deleted meanwhile: the API's `participant_ids` error lands on the picker too.
    pick(page, "Tomás Silva")
    account.delete(f"/api/personas/{account.personas['Tomás Silva']['id']}")
    page.get_by_test_id("fg-submit").click()
    expect(page.get_by_test_id("participants-error")).to_be_visible()
    expect(page).to_have_url(f"{stack.base_url}/focus-groups/new")
    page.get_by_test_id("picker-chosen-item").filter(has_text="Tomás Silva").get_by_test_id("picker-remove").click()
    pick(page, "Priya Raman")
    expect(page.get_by_test_id("participants-error")).to_be_hidden()

    # A concept, then the settings.
    page.get_by_test_id("concept-title").fill("Concept A: 20-minute dinners")
    page.get_by_test_id("concept-text").fill("A weekly box of pre-portioned ingredients and recipe cards for five dinners, each ready in 20 minutes, from 45 euros a week.")
    page.get_by_test_id("concept-add").click()
    expect(page.get_by_test_id("stimulus")).to_have_count(1)
    page.get_by_test_id("fg-max-turns").fill("40")
    page.get_by_test_id("fg-usd-cap").fill("3.50")
    page.get_by_test_id("fg-submit").click()

    # The group's page.
    expect(page).to_have_url(re.compile(r"/focus-groups/(?!new$)[^/]+$"))
    group_id = group_id_of(page)
    expect(page.get_by_test_id("fg-name")).to_have_text("Meal-kit concept test")
    expect(page.get_by_test_id("fg-participant-name")).to_have_text(["Maya Okafor", "Daniel Weiss", "Priya Raman"])
    expect(page.get_by_test_id("fg-settings")).to_contain_text("$3.50")
    expect(page.get_by_test_id("fg-start")).to_be_enabled()
    saved = account.get(f"/api/focus-groups/{group_id}")
    assert [person["name"] for person in saved["participants"]] == ["Maya Okafor", "Daniel Weiss", "Priya Raman"]
    assert saved["settings"]["max_turns"] == 40 and saved["settings"]["usd_cap"].startswith("3.5")
    assert saved["language"] == "en-GB"

    # An image, uploaded on the edit page: its description is written by a task and appears.
    page.get_by_test_id("fg-edit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit Meal-kit concept test")
    page.get_by_test_id("image-title").fill("Box design")
    page.get_by_test_id("image-input").set_input_files(files=[{"name": "box.png", "mimeType": "image/png", "buffer": small_png()}])
    image = page.get_by_test_id("stimulus").and_(page.locator('[data-kind="image"]'))
    expect(image).to_have_count(1)
    expect(image.get_by_test_id("stimulus-description")).to_be_visible(timeout=TASK_TIMEOUT_MS)
    expect(image.locator("img")).to_have_attribute("src", re.compile(r"^blob:"))

    # Stimuli of an existing group are saved at once: a second concept, then deleted again.
    page.get_by_test_id("concept-title").fill("Concept B: family packs")
    page.get_by_test_id("concept-text").fill("The same box in a family size, with a kids' recipe every week.")
    page.get_by_test_id("concept-add").click()
    expect(page.get_by_test_id("stimulus")).to_have_count(3)
    titles = [stimulus["title"] for stimulus in account.get(f"/api/focus-groups/{group_id}")["stimuli"]]
    assert titles == ["Concept A: 20-minute dinners", "Box design", "Concept B: family packs"]
    page.get_by_test_id("stimulus").filter(has_text="Concept B").get_by_test_id("stimulus-delete").click()
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("stimulus")).to_have_count(2)
    assert len(account.get(f"/api/focus-groups/{group_id}")["stimuli"]) == 2
    page.get_by_test_id("fg-cancel").click()

    # The group's page shows both stimuli, the image as a thumbnail.
    expect(page).to_have_url(f"{stack.base_url}/focus-groups/{group_id}")
    expect(page.get_by_test_id("fg-stimuli").get_by_test_id("stimulus")).to_have_count(2)
    expect(page.get_by_test_id("fg-stimuli").locator("img")).to_have_attribute("src", re.compile(r"^blob:"))

    # Generate the guide: a task with a progress bar, then the sections.
    page.get_by_test_id("guide-generate").click()
    expect(page.get_by_test_id("guide-task")).to_be_visible()
    expect(page.get_by_test_id("guide-section").first).to_be_visible(timeout=TASK_TIMEOUT_MS)
    expect(page.get_by_test_id("guide-version")).to_have_text(re.compile(r"Version \d+"))
    expect(page.get_by_test_id("guide-question").first).to_be_visible()
    version = account.get(f"/api/focus-groups/{group_id}")["guide"]["version"]

    # Edit a question and save; a reload shows it.
    page.get_by_test_id("guide-edit").click()
    expect(page.get_by_test_id("guide-editor")).to_be_visible()
    question = page.get_by_test_id("guide-question-text").first
    question.fill("")
    page.get_by_test_id("guide-save").click()
    expect(page.get_by_test_id("guide-form").locator(".field-error:not([hidden])")).to_contain_text("Write the question")  # an empty question is refused
    question.fill("What does a good weeknight dinner look like in your home?")
    page.get_by_test_id("guide-save").click()
    expect(page.get_by_test_id("guide-editor")).to_have_count(0)
    expect(page.get_by_test_id("guide-question").first).to_have_text(re.compile("What does a good weeknight dinner look like"))
    expect(page.get_by_test_id("guide-version")).to_have_text(f"Version {version + 1}")
    page.reload()
    expect(page.get_by_test_id("guide-question").first).to_have_text(re.compile("What does a good weeknight dinner look like"))

    # Regenerate one section: it is rewritten, the others stay as they were.
    sections = page.get_by_test_id("guide-section")
    count = sections.count()
    target = 1 if count > 1 else 0
    before = section_texts(page)
    sections.nth(target).get_by_test_id("guide-section-regenerate").click()
    expect(page.get_by_test_id("guide-section-task")).to_be_visible()
    expect(page.get_by_test_id("guide-section-task")).to_have_count(0, timeout=TASK_TIMEOUT_MS)
    expect(page.get_by_test_id("guide-version")).to_have_text(f"Version {version + 2}")
    after = section_texts(page)
    assert len(after) == count
    assert [text for index, text in enumerate(after) if index != target] == [text for index, text in enumerate(before) if index != target]

    # Delete the group from its page: back to an empty list.
    page.get_by_test_id("fg-delete").click()
    page.get_by_test_id("confirm").click()
    expect(page).to_have_url(f"{stack.base_url}/focus-groups")
    expect(page.get_by_test_id("fg-empty")).to_be_visible()
    session.expect_clean()


GUIDE = {
    "introduction": "Welcome, everyone. There are no right or wrong answers: we want your honest views.",
    "sections": [
        {"title": "Warm-up", "goal": "Get to know how dinners happen on a weekday.", "minutes": 5, "turn_budget": 8,
         "questions": [{"text": "How do you plan dinners on a weekday?", "probes": ["What makes it hard?", "Who decides?"]}], "poll": None},
        {"title": "The concept", "goal": "First reactions to Concept A.", "minutes": 15, "turn_budget": 14,
         "questions": [{"text": "What is your first reaction to this box?", "probes": []}, {"text": "What would make you try it?", "probes": ["And stop you?"]}],
         "poll": {"kind": "likert", "question": "How likely are you to try it in the next month?", "options": ["Very unlikely", "Unlikely", "Neutral", "Likely", "Very likely"], "samples": 3}},
    ],
    "closing": "Thank you all for your time and your candour.",
}


def test_the_list_and_the_group_page_fit_a_phone(session, stack, account):
    page = session.page
    ids = [account.personas[name]["id"] for name in ("Maya Okafor", "Daniel Weiss", "Priya Raman", "Tomás Silva")]
    group = account.post("/api/focus-groups", {"name": "A rather long focus group name to see how the card wraps", "objective": OBJECTIVE, "participant_ids": ids,
                                               "stimuli": [{"kind": "concept", "title": "Concept A", "text": "A weekly box of ingredients."}]})
    response = account.http.patch(stack.url(f"/api/focus-groups/{group['id']}"), json={"guide": GUIDE}, timeout=10)
    assert response.status_code == 200, response.text
    page.set_viewport_size({"width": 390, "height": 844})
    account.sign_in(page)

    expect(page.get_by_test_id("fg-card")).to_have_count(1)
    expect(page.get_by_test_id("fg-guide-status")).to_have_attribute("data-status", "ready")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_test_id("fg-link").click()
    expect(page.get_by_test_id("guide-section")).to_have_count(2)
    expect(page.get_by_test_id("guide-poll")).to_contain_text("Likert scale")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_test_id("guide-edit").click()
    expect(page.get_by_test_id("guide-edit-section")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.goto(f"/focus-groups/{group['id']}/edit")
    expect(page.get_by_test_id("picker-chosen-item")).to_have_count(4)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    session.expect_clean()
