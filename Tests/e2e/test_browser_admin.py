"""The Admin area in a real browser against the real stack: an administrator finds a user by e-mail, opens them
(/admin/users/<id>), grants credits with a reason and sees the new balance and the audit entry with that reason; the
user then sees the adjustment, with its reason, in their credit history. The tabs are ARIA tabs that can be linked to
(/admin/<tab>) and moved through with the arrow keys; a non-admin gets "No access" at the same paths. Every test
checks that the page logged no console error and broke no Content-Security-Policy rule."""

import re

import requests
from playwright.sync_api import expect

from stack import unique_email
from test_browser import browser, session  # noqa: F401  (pytest fixtures used by name below)
from test_browser_billing import sign_in
from test_browser_sessions import screenshot


def balance(stack, token: str) -> int:
    response = requests.get(stack.url("/api/auth/me"), headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["user"]["credits_balance"]


def admin_token(stack) -> str:
    email = unique_email("admin")
    return stack.login(email, stack.make_admin(email))


def test_an_admin_adjusts_credits_with_a_reason_and_sees_it_in_the_audit_trail(session, stack):
    page = session.page
    admin = admin_token(stack)
    user_token, user = stack.new_user()
    before = balance(stack, user_token)

    sign_in(page, admin, "/admin")
    expect(page.get_by_role("heading", level=1)).to_have_text("Admin")
    users_tab = page.get_by_role("tab", name="Users")
    expect(users_tab).to_have_attribute("aria-selected", "true")
    page.get_by_test_id("admin-user-search").fill(user["email"])
    expect(page.get_by_test_id("admin-user-row")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/admin/users\?q="))
    page.get_by_test_id("admin-user-link").click()

    expect(page).to_have_url(f"{stack.base_url}/admin/users/{user['id']}")
    expect(page.get_by_test_id("admin-user-email")).to_have_text(user["email"])
    expect(page.get_by_test_id("admin-user-balance")).to_have_text(f"{before:,}")

    # The reason is required: the form says so and sends nothing.
    page.get_by_test_id("admin-credit-amount").fill("25")
    page.get_by_test_id("admin-credit-submit").click()
    expect(page.get_by_test_id("admin-credit-reason")).to_have_attribute("aria-invalid", "true")
    assert balance(stack, user_token) == before

    page.get_by_test_id("admin-credit-reason").fill("Conference bonus")
    page.get_by_test_id("admin-credit-submit").click()
    expect(page.get_by_test_id("admin-user-balance")).to_have_text(f"{before + 25:,}")
    assert balance(stack, user_token) == before + 25
    entry = page.locator("[data-testid=admin-audit-entry][data-action=adjust_credits]")
    expect(entry).to_have_count(1)
    expect(entry.get_by_test_id("admin-audit-details")).to_contain_text("Conference bonus")
    expect(entry.get_by_test_id("admin-audit-details")).to_contain_text("25")
    screenshot(page, "admin-user")

    # Back to the list, then the tabs: deep links and the arrow keys.
    page.get_by_test_id("admin-back").click()
    expect(page).to_have_url(f"{stack.base_url}/admin/users")
    page.get_by_role("tab", name="Users").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Usage")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tab", name="Usage")).to_be_focused()
    expect(page).to_have_url(f"{stack.base_url}/admin/usage")
    page.go_back()
    expect(page.get_by_role("tab", name="Users")).to_have_attribute("aria-selected", "true")
    session.expect_clean()

    # The user sees the adjustment and its reason in their credit history.
    page.evaluate("localStorage.removeItem('auth_token')")
    sign_in(page, user_token, "/billing")
    row = page.locator("[data-testid=credit-row][data-kind=admin_adjustment]")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Conference bonus")
    expect(row).to_contain_text("+25")
    session.expect_clean()


def test_a_non_admin_gets_no_access_at_every_admin_path(session, stack):
    page = session.page
    token, _ = stack.new_user()
    for path in ("/admin", "/admin/users", "/admin/settings"):
        sign_in(page, token, path)
        expect(page).to_have_title(re.compile(r"^No access"))
        expect(page.get_by_role("tablist")).to_have_count(0)
    session.expect_clean()
