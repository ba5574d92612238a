"""/login in a real browser: the sign-in of every page (Instance, Username, Password, Sign in),
then back to the page that sent the user there."""

from __future__ import annotations

import re
from collections.abc import Mapping

from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser import BrowserContexts, Screenshots, sign_in


def _at(path: str) -> re.Pattern[str]:
    """The URL of `path` on the test server, exactly."""
    return re.compile(r"^http://127\.0\.0\.1:\d+" + re.escape(path) + "$")


def _login_form(page: Page) -> tuple[Locator, Locator, Locator, Locator]:
    """Instance, Username, Password and Sign in, in the order Tab visits them."""
    return (
        page.get_by_label("Instance", exact=True),
        page.get_by_label("Username", exact=True),
        page.get_by_label("Password", exact=True),
        page.get_by_role("button", name="Sign in"),
    )


def test_the_instance_of_a_one_instance_server_is_filled_in(
    browser_context: BrowserContexts, shot: Screenshots
) -> None:
    page = browser_context.page()
    page.goto("/login")

    expect(page.get_by_role("heading", name="Sign in to OpenContact")).to_be_visible()
    expect(page.get_by_label("Instance", exact=True)).to_have_value("demo")
    expect(page.get_by_label("Username", exact=True)).to_be_focused()
    shot(page, "01-sign-in-page")


def test_a_wrong_password_is_refused_with_the_servers_sentence(
    browser_context: BrowserContexts, shot: Screenshots
) -> None:
    page = browser_context.page()
    page.goto("/login?next=/ccp-v2")
    page.get_by_label("Username", exact=True).fill("agent1")
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("alert")).to_have_text("The username or password is not right.")
    shot(page, "01-wrong-password")
    expect(page).to_have_url(_at("/login?next=/ccp-v2"))
    expect(page.get_by_role("button", name="Sign in")).to_be_enabled()
    expect(page.get_by_label("Username", exact=True)).to_have_value("agent1")


def test_signing_in_leads_to_the_page_asked_for(
    browser_context: BrowserContexts, demo_passwords: Mapping[str, str], shot: Screenshots
) -> None:
    page = browser_context.page()
    page.goto("/login?next=/ccp-v2")
    page.get_by_label("Username", exact=True).fill("agent1")
    page.get_by_label("Password", exact=True).fill(demo_passwords["agent1"])
    shot(page, "01-filled-in")
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(_at("/ccp-v2"))


def test_the_sign_in_helper_signs_each_person_in_their_own_context(
    browser_context: BrowserContexts, demo_passwords: Mapping[str, str]
) -> None:
    first = browser_context.page("agent1")
    second = browser_context.page("agent2")
    sign_in(first, "agent1", demo_passwords["agent1"], next="/ccp-v2")
    sign_in(second, "agent2", demo_passwords["agent2"], next="/ccp-v2")

    # Each context keeps its own session: two agents at once, as in the seed walkthroughs.
    sessions = [
        page.evaluate("JSON.parse(localStorage.getItem('opencontact.session')).user.username")
        for page in (first, second)
    ]
    assert sessions == ["agent1", "agent2"]


def test_a_link_cannot_send_a_signed_in_user_to_another_site(
    browser_context: BrowserContexts, demo_passwords: Mapping[str, str]
) -> None:
    page = browser_context.page()
    page.goto("/login?next=//example.com/phish")
    page.get_by_label("Username", exact=True).fill("agent1")
    page.get_by_label("Password", exact=True).fill(demo_passwords["agent1"])
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(_at("/ccp-v2"))


def test_the_instance_comes_from_the_link(
    browser_context: BrowserContexts, demo_passwords: Mapping[str, str], shot: Screenshots
) -> None:
    page = browser_context.page()
    page.goto("/login?instance=elsewhere&next=/ccp-v2")
    expect(page.get_by_label("Instance", exact=True)).to_have_value("elsewhere")

    page.get_by_label("Username", exact=True).fill("agent1")
    page.get_by_label("Password", exact=True).fill(demo_passwords["agent1"])
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("alert")).to_have_text("There is no instance 'elsewhere' here.")
    shot(page, "01-no-such-instance")
    expect(page).to_have_url(_at("/login?instance=elsewhere&next=/ccp-v2"))


def test_missing_fields_are_named_before_anything_is_sent(
    browser_context: BrowserContexts,
) -> None:
    page = browser_context.page()
    page.goto("/login")
    expect(page.get_by_label("Instance", exact=True)).to_have_value("demo")
    page.get_by_label("Username", exact=True).fill("agent1")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("alert")).to_have_text(
        "Enter the instance, your username and your password."
    )
    expect(page).to_have_url(_at("/login"))


def test_signing_in_with_the_keyboard_alone(
    browser_context: BrowserContexts, demo_passwords: Mapping[str, str], shot: Screenshots
) -> None:
    page = browser_context.page()
    page.goto("/login?next=/ccp-v2")
    instance, username, password, sign_in_button = _login_form(page)
    expect(instance).to_have_value("demo")
    expect(username).to_be_focused()

    page.keyboard.type("agent1")
    page.keyboard.press("Tab")
    expect(password).to_be_focused()
    page.keyboard.type(demo_passwords["agent1"])
    page.keyboard.press("Tab")
    expect(sign_in_button).to_be_focused()
    shot(page, "01-sign-in-focused")
    page.keyboard.press("Enter")

    expect(page).to_have_url(_at("/ccp-v2"))


def test_the_enter_key_in_the_password_field_signs_in(
    browser_context: BrowserContexts, demo_passwords: Mapping[str, str]
) -> None:
    page = browser_context.page()
    page.goto("/login?next=/ccp-v2")
    expect(page.get_by_label("Instance", exact=True)).to_have_value("demo")
    expect(page.get_by_label("Username", exact=True)).to_be_focused()
    page.keyboard.type("agent1")
    page.keyboard.press("Tab")
    page.keyboard.type(demo_passwords["agent1"])
    page.keyboard.press("Enter")

    expect(page).to_have_url(_at("/ccp-v2"))
