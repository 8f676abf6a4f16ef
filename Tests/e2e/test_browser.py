"""The web shell in a real browser against the real stack (nginx + FastCGI pool + database).

Covers registration, sign-in, sign-out, the dashboard balance, route guards, admin-only navigation, and that no
page logs a console error or violates the Content-Security-Policy.
"""

import base64
import json
import time
import uuid
from dataclasses import dataclass, field

import pytest
import requests
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--disable-dev-shm-usage", "--disable-gpu", "--no-sandbox"]
PASSWORD = "correct horse battery staple"

# Runs before any page script (and outside the CSP): records violations the console might not show.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
});
"""


@dataclass
class BrowserSession:
    """A page plus everything it reported that a clean page should not."""

    page: Page
    problems: list[str] = field(default_factory=list)
    allowed_failed_requests: set[str] = field(default_factory=set)

    def on_console(self, message: ConsoleMessage) -> None:
        text = message.text
        if message.type == "error" and text.startswith("Failed to load resource"):
            url = message.location.get("url", "")
            if any(url.endswith(path) for path in self.allowed_failed_requests):
                return
        if message.type == "error" or "Content Security Policy" in text:
            self.problems.append(f"console {message.type}: {text} ({message.location.get('url', '')})")

    def expect_clean(self) -> None:
        violations = self.page.evaluate("window.__cspViolations ?? []")
        assert not violations, f"CSP violations: {violations}"
        assert not self.problems, "console problems:\n" + "\n".join(self.problems)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def session(browser: Browser, stack):
    context = browser.new_context(base_url=stack.base_url, viewport={"width": 1280, "height": 800})
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(10_000)
    current = BrowserSession(page)
    page.on("console", current.on_console)
    page.on("pageerror", lambda error: current.problems.append(f"page error: {error}"))
    yield current
    context.close()


def fresh_email() -> str:
    return f"web-{uuid.uuid4().hex[:12]}@example.com"


def balance_of(stack, email: str, password: str) -> int:
    token = stack.login(email, password)
    response = requests.get(f"{stack.base_url}/api/auth/me", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["user"]["credits_balance"]


def sign_in(page: Page, email: str, password: str) -> None:
    page.get_by_test_id("login-email").fill(email)
    page.get_by_test_id("login-password").fill(password)
    page.get_by_test_id("login-submit").click()


def stored_token(page: Page):
    return page.evaluate("localStorage.getItem('auth_token')")


def test_registering_lands_on_dashboard_and_signing_out_and_in_again_shows_the_balance(session, stack):
    page = session.page
    email = fresh_email()

    page.goto("/register")
    page.get_by_test_id("register-email").fill(email)
    page.get_by_test_id("register-password").fill(PASSWORD)
    page.get_by_test_id("register-submit").click()

    expect(page).to_have_url(f"{stack.base_url}/dashboard")
    trial_credits = balance_of(stack, email, PASSWORD)
    assert trial_credits > 0
    expect(page.get_by_test_id("credit-balance")).to_have_text(str(trial_credits))
    expect(page.locator("[data-testid=credit-row][data-kind=trial_grant]")).to_have_count(1)

    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("sign-out").click()
    expect(page).to_have_url(f"{stack.base_url}/login")
    assert stored_token(page) is None

    sign_in(page, email, PASSWORD)
    expect(page).to_have_url(f"{stack.base_url}/dashboard")
    expect(page.get_by_test_id("credit-balance")).to_have_text(str(trial_credits))
    session.expect_clean()


def test_wrong_password_shows_an_error_and_stays_signed_out(session, stack):
    page = session.page
    session.allowed_failed_requests.add("/api/auth/login")  # the expected 401 is logged by Chromium
    email, _ = stack.register()

    page.goto("/login")
    sign_in(page, email, "not the right password")

    error = page.get_by_test_id("form-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Invalid email or password")
    expect(page.get_by_test_id("login-submit")).to_be_enabled()
    expect(page).to_have_url(f"{stack.base_url}/login")
    assert stored_token(page) is None
    session.expect_clean()


def test_signed_out_visitor_is_sent_to_login_and_back_to_the_page_after_signing_in(session, stack):
    page = session.page
    email, password = stack.register()

    page.goto("/focus-groups")
    expect(page).to_have_url(f"{stack.base_url}/login?next=%2Ffocus-groups")
    sign_in(page, email, password)

    expect(page).to_have_url(f"{stack.base_url}/focus-groups")
    expect(page.get_by_role("heading", level=1)).to_have_text("Focus Groups")
    expect(page.get_by_test_id("fg-empty")).to_be_visible()
    current = page.get_by_role("navigation", name="Main").locator("a[aria-current=page]")
    expect(current).to_have_text("Focus Groups")
    session.expect_clean()


def test_expired_token_sends_the_user_to_login_without_calling_the_api(session, stack):
    page = session.page
    header = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').rstrip(b"=").decode()
    expired = {"sub": "000000000000000000000000", "ver": 0, "exp": int(time.time()) - 60}
    payload = base64.urlsafe_b64encode(json.dumps(expired).encode()).rstrip(b"=").decode()
    page.goto("/login")
    page.evaluate("token => localStorage.setItem('auth_token', token)", f"{header}.{payload}.c2ln")

    page.goto("/dashboard")

    expect(page).to_have_url(f"{stack.base_url}/login?next=%2Fdashboard")
    assert stored_token(page) is None
    session.expect_clean()


def test_admin_link_is_shown_only_to_admins(session, stack):
    page = session.page
    email, password = stack.register()
    admin_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Admin")

    page.goto("/login")
    sign_in(page, email, password)
    expect(page).to_have_url(f"{stack.base_url}/dashboard")
    expect(admin_link).to_be_hidden()

    password = stack.make_admin(email, password) or password  # promotes the existing account
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("sign-out").click()
    sign_in(page, email, password)
    expect(admin_link).to_be_visible()
    admin_link.click()
    expect(page).to_have_url(f"{stack.base_url}/admin/users")  # the Admin area opens on its Users tab
    expect(page.get_by_role("heading", level=1)).to_have_text("Admin")
    session.expect_clean()
