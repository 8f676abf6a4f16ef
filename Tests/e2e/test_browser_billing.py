"""Billing in a real browser against the real stack and the fake Stripe (scripts/fake-stripe.py): a user buys a
credit pack end to end (Buy → the fake's pay page → "Pay now" → back on /billing, which polls the checkout until
the credits are granted and shows the new balance, in the shell's pill and the ledger too); a cancelled checkout
comes back to a calm note; a session start refused for want of credits (402 insufficient_credits) gets the app's
"Not enough credits" dialog, which Escape closes; one refused for the monthly limit (402 quota_exceeded) gets
"Monthly limit reached" with the reset day, and its link leads to My Usage and its quota bar. Every test checks
that the page logged no console error and broke no Content-Security-Policy rule."""

import re
import uuid

import requests
from playwright.sync_api import Page, expect

# The page fixtures and the console/CSP recorder are the web shell's (test_browser.py); the account with personas
# and a guided group and the simulator fixture are the sessions API suite's; admin adjustments the credits suite's.
from test_api_credits import adjust, admin_token  # noqa: F401  (admin_token: a fixture)
from test_api_sessions import Researcher, simulator  # noqa: F401  (simulator: a fixture)
from test_browser import browser, session  # noqa: F401  (pytest fixtures used by name below)

GRANT_TIMEOUT_MS = 30_000


def sign_in(page: Page, token: str, path: str) -> None:
    page.goto("/login")
    page.evaluate("token => localStorage.setItem('auth_token', token)", token)
    page.goto(path)


def me(stack, token: str) -> dict:
    response = requests.get(stack.url("/api/auth/me"), headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["user"]


def packs(stack, token: str) -> list[dict]:
    response = requests.get(stack.url("/api/billing/packs"), headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["packs"]


def test_a_pack_bought_through_checkout_lands_on_the_balance(session, stack):
    page = session.page
    session.allowed_failed_requests.add("/favicon.ico")  # the fake Stripe's pay page has none
    token, user = stack.new_user()
    before = me(stack, token)["credits_balance"]
    starter = packs(stack, token)[0]

    sign_in(page, token, "/billing")
    expect(page.get_by_role("heading", level=1)).to_have_text("Billing")
    expect(page.get_by_test_id("billing-balance")).to_have_text(f"{before:,}")
    shown = page.get_by_test_id("pack")
    expect(shown).to_have_count(len(packs(stack, token)))
    card = page.locator(f"[data-testid=pack][data-pack='{starter['id']}']")
    expect(card.get_by_test_id("pack-credits")).to_have_text(f"{starter['credits']:,}")
    expect(card.get_by_test_id("pack-price")).to_have_text(f"${starter['price_cents'] // 100:,}.{starter['price_cents'] % 100:02d}")
    expect(card.get_by_test_id("pack-per-credit")).to_have_text(re.compile(r"^\$\d+\.\d\d per credit$"))

    # Buy → the fake's Checkout page → Pay now → back on Billing, which waits for the webhook's grant.
    card.get_by_test_id("pack-buy").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(stack.stripe_url)}/pay/cs_"))
    page.get_by_role("button", name="Pay now").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(stack.base_url)}/billing\?session_id=cs_"))
    status = page.get_by_test_id("checkout-status")
    expect(status).to_have_attribute("data-state", "granted", timeout=GRANT_TIMEOUT_MS)
    expect(status.get_by_test_id("checkout-title")).to_have_text(f"Payment received — {starter['credits']} credits added")

    after = before + starter["credits"]
    assert me(stack, token)["credits_balance"] == after
    expect(page.get_by_test_id("billing-balance")).to_have_text(f"{after:,}")
    expect(page.locator(".credits-pill")).to_contain_text(f"{after:,}")
    expect(page.locator("[data-testid=credit-row][data-kind=purchase]")).to_have_count(1)

    # A reload of the return URL finds the same, granted checkout: nothing more is added.
    page.reload()
    expect(page.get_by_test_id("checkout-status")).to_have_attribute("data-state", "granted", timeout=GRANT_TIMEOUT_MS)
    expect(page.get_by_test_id("billing-balance")).to_have_text(f"{after:,}")
    assert me(stack, token)["credits_balance"] == after
    session.expect_clean()


def test_a_cancelled_checkout_comes_back_to_a_calm_note(session, stack):
    page = session.page
    session.allowed_failed_requests.add("/favicon.ico")  # the fake Stripe's pay page has none
    token, _ = stack.new_user()
    before = me(stack, token)["credits_balance"]
    sign_in(page, token, "/billing")
    page.get_by_test_id("pack-buy").first.click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(stack.stripe_url)}/pay/cs_"))
    page.get_by_role("button", name="Cancel").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(stack.base_url)}/billing\?canceled=1"))
    status = page.get_by_test_id("checkout-status")
    expect(status).to_have_attribute("data-state", "canceled")
    expect(status).to_contain_text("You have not been charged")
    expect(page.get_by_test_id("billing-balance")).to_have_text(f"{before:,}")
    session.expect_clean()


def researcher_on_group_page(session, stack) -> Researcher:
    """A researcher with a runnable group, signed in on the group's page; its start's 402 is expected."""
    ada = Researcher(stack, max_turns=12)
    session.allowed_failed_requests.add(f"/api/focus-groups/{ada.group}/sessions")
    sign_in(session.page, ada.token, f"/focus-groups/{ada.group}")
    return ada


def start_refused(page: Page, before_confirm) -> None:
    """Opens the start preflight, runs `before_confirm` (which makes the start fail), then confirms."""
    page.get_by_test_id("fg-start").click()
    expect(page.get_by_test_id("preflight")).to_be_visible()
    before_confirm()
    page.get_by_test_id("preflight-confirm").click()


def test_a_start_refused_for_credits_gets_the_not_enough_credits_dialog(session, stack, simulator, admin_token):  # noqa: F811
    page = session.page
    ada = researcher_on_group_page(session, stack)

    def drain():
        balance = me(stack, ada.token)["credits_balance"]
        response = adjust(stack, admin_token, ada.user["id"], -balance, "e2e: spend it all", key=str(uuid.uuid4()))
        assert response.status_code == 200, response.text

    start_refused(page, drain)
    dialog = page.get_by_test_id("credits-dialog")
    expect(dialog).to_be_visible()
    expect(page.get_by_role("dialog", name="Not enough credits")).to_be_visible()
    expect(dialog.get_by_test_id("credits-dialog-action")).to_have_text("Buy credits")
    expect(dialog.get_by_test_id("credits-dialog-action")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(page.get_by_test_id("fg-start")).to_be_focused()
    expect(page).to_have_url(re.compile(rf"/focus-groups/{ada.group}$"))
    session.expect_clean()


def test_a_start_refused_for_the_monthly_limit_gets_the_limit_dialog(session, stack, simulator, admin_token):  # noqa: F811
    page = session.page
    ada = researcher_on_group_page(session, stack)

    def no_room_left():
        response = requests.put(stack.url(f"/api/admin/users/{ada.user['id']}/quota"), timeout=10,
                                headers={"Authorization": f"Bearer {admin_token}"}, json={"monthly_usd": "0.00"})
        assert response.status_code in (200, 204), response.text

    start_refused(page, no_room_left)
    dialog = page.get_by_test_id("quota-dialog")
    expect(dialog).to_be_visible()
    expect(page.get_by_role("dialog", name="Monthly limit reached")).to_be_visible()
    quota = requests.get(stack.url("/api/quota/me"), headers={"Authorization": f"Bearer {ada.token}"}, timeout=10).json()
    expect(dialog.get_by_test_id("quota-dialog-quota-resets")).to_have_attribute("datetime", quota["resets_at"])
    expect(dialog.get_by_test_id("quota-dialog-quota-limit")).to_have_text("$0.00")
    dialog.get_by_test_id("quota-dialog-action").click()
    expect(page).to_have_url(re.compile(r"/usage$"))
    expect(page.get_by_test_id("quota-dialog")).to_have_count(0)
    expect(page.get_by_test_id("usage-quota-limit")).to_have_text("$0.00")
    expect(page.get_by_test_id("usage-quota-resets")).to_have_attribute("datetime", quota["resets_at"])
    session.expect_clean()

