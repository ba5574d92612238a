"""The admin website (/admin) in a real browser: what an admin does in the seeds (a custom
agent status, a user's desk phone and auto-accept, a User quick connect added to a queue's Quick
connects) and around them (a reset password, phone numbers and their flows, a routing profile's
channels), the live refresh of a list, and an agent who may not use the website."""

from __future__ import annotations

from collections.abc import Mapping

from playwright.sync_api import Page, expect

from tests.e2e.browser import BrowserContexts, Screenshots, sign_in


def _admin(browser_context: BrowserContexts, passwords: Mapping[str, str]) -> Page:
    page = browser_context.page("admin")
    sign_in(page, "admin", passwords["admin"], next="/admin")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    return page


def _menu(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Admin website").get_by_role(
        "link", name=name, exact=True
    ).click()


def test_admin_adds_an_agent_status_and_a_duplicate_is_refused_in_the_servers_words(
    browser_context: BrowserContexts, demo_passwords: Mapping[str, str]
) -> None:
    page = _admin(browser_context, demo_passwords)
    _menu(page, "Agent status")
    page.get_by_role("button", name="Add new agent status").click()
    page.get_by_label("Status name").fill("Lunch")
    page.get_by_label("Description").fill("Out for lunch")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Lunch", exact=True)).to_be_visible()
    expect(page).to_have_title("Agent status · Amazon Connect admin · OpenContact")

    page.get_by_role("button", name="Add new agent status").click()
    page.get_by_label("Status name").fill("Lunch")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("named 'Lunch' already exists")


def test_a_change_made_elsewhere_appears_in_the_open_list(
    browser_context: BrowserContexts, demo_passwords: Mapping[str, str]
) -> None:
    page = _admin(browser_context, demo_passwords)
    _menu(page, "Agent status")
    expect(page.get_by_role("link", name="Offline", exact=True)).to_be_visible()
    # Another admin (here: the same token from a script) adds a status; no reload, no polling.
    page.evaluate(
        """() => fetch('/api/v1/admin/operations/CreateAgentStatus', {
            method: 'POST',
            headers: {
              'Authorization': 'Bearer ' +
                JSON.parse(localStorage.getItem('opencontact.session')).token,
              'Content-Type': 'application/json'},
            body: JSON.stringify({Name: 'Training', State: 'ENABLED'})})"""
    )
    expect(page.get_by_role("link", name="Training", exact=True)).to_be_visible()


def test_admin_sets_a_desk_phone_and_auto_accept_for_a_user(
    browser_context: BrowserContexts, demo_passwords: Mapping[str, str]
) -> None:
    page = _admin(browser_context, demo_passwords)
    _menu(page, "User management")
    page.get_by_role("link", name="agent1", exact=True).click()
    page.get_by_label("Desk phone", exact=True).check()
    page.get_by_label("Desk phone number").fill("+12065550100")
    page.get_by_label("Auto-accept calls").check()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url("/admin/users")
    expect(page.get_by_role("row", name="agent1")).to_contain_text("Desk phone")

    page.get_by_role("link", name="agent1", exact=True).click()
    expect(page.get_by_label("Desk phone number")).to_have_value("+12065550100")
    expect(page.get_by_label("Auto-accept calls")).to_be_checked()


def test_admin_resets_a_users_password_and_the_user_signs_in_with_it(
    browser_context: BrowserContexts, demo_passwords: Mapping[str, str]
) -> None:
    page = _admin(browser_context, demo_passwords)
    _menu(page, "User management")
    page.get_by_role("link", name="agent2", exact=True).click()
    reset = page.get_by_role("form", name="Reset password")
    reset.get_by_label("New password").fill("weak")
    reset.get_by_role("button", name="Set password").click()
    expect(reset.get_by_role("alert")).to_contain_text("8 to 64 characters")

    reset.get_by_label("New password").fill("Agent2Spring")
    reset.get_by_role("button", name="Set password").click()
    expect(reset.get_by_role("status")).to_have_text(
        "The password of agent2 is changed; their open sessions have ended."
    )
    expect(reset.get_by_label("New password")).to_have_value("")

    agent2 = browser_context.page("agent2")
    sign_in(agent2, "agent2", "Agent2Spring")
    expect(agent2.get_by_role("button", name="Offline")).to_be_visible()


def test_admin_sees_each_numbers_flow_claims_a_number_and_points_it_at_a_flow(
    browser_context: BrowserContexts, demo_passwords: Mapping[str, str], shot: Screenshots
) -> None:
    page = _admin(browser_context, demo_passwords)
    _menu(page, "Phone numbers")
    demo_flow = page.get_by_label("Contact flow for +18005550199")
    expect(demo_flow.locator("option:checked")).to_have_text(
        "Sample inbound flow (first contact experience)"
    )
    expect(page.get_by_role("button", name="Save flow for +18005550199")).to_be_disabled()

    page.get_by_role("button", name="Claim a number").click()
    page.get_by_label("Prefix").fill("+1206")
    page.get_by_role("button", name="Search").click()
    claim = page.get_by_role("form", name="Claim")
    picked = claim.get_by_role("radio").first
    number = picked.get_attribute("value") or ""
    assert number.startswith("+1206")
    claim.get_by_label("Description").fill("Support line")
    claim.get_by_role("button", name="Save").click()
    expect(page).to_have_url("/admin/phone-numbers")

    flow = page.get_by_label(f"Contact flow for {number}")
    expect(flow.locator("option:checked")).to_have_text("No flow")
    flow.select_option(label="Sample inbound flow (first contact experience)")
    page.get_by_role("button", name=f"Save flow for {number}").click()
    expect(page.get_by_role("status")).to_have_text(
        f"Calls to {number} now start the flow Sample inbound flow (first contact experience)."
    )
    expect(flow.locator("option:checked")).to_have_text(
        "Sample inbound flow (first contact experience)"
    )
    expect(page.get_by_role("button", name=f"Save flow for {number}")).to_be_disabled()
    expect(page.get_by_role("row", name=number)).to_contain_text("Support line")
    shot(page, "01-phone-numbers")


def test_admin_lets_agents_take_three_chats_and_calls_alongside(
    browser_context: BrowserContexts, demo_passwords: Mapping[str, str], shot: Screenshots
) -> None:
    page = _admin(browser_context, demo_passwords)
    _menu(page, "Routing profiles")
    page.get_by_role("link", name="Basic Routing Profile", exact=True).click()
    page.get_by_label("Chat", exact=True).check()
    page.get_by_label("Maximum chat contacts per agent").fill("3")
    page.get_by_label("While on a chat contact, offer other channels too").check()
    page.get_by_label("Maximum chat contacts per agent").fill("11")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_be_visible()
    page.get_by_label("Maximum chat contacts per agent").fill("3")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url("/admin/routing-profiles")

    page.get_by_role("link", name="Basic Routing Profile", exact=True).click()
    expect(page.get_by_label("Chat", exact=True)).to_be_checked()
    expect(page.get_by_label("Maximum chat contacts per agent")).to_have_value("3")
    expect(page.get_by_label("While on a chat contact, offer other channels too")).to_be_checked()
    expect(
        page.get_by_label("While on a voice contact, offer other channels too")
    ).not_to_be_checked()
    shot(page, "01-routing-profile")


def test_admin_creates_a_user_quick_connect_and_adds_it_to_the_queue(
    browser_context: BrowserContexts, demo_passwords: Mapping[str, str]
) -> None:
    page = _admin(browser_context, demo_passwords)
    _menu(page, "Quick connects")
    page.get_by_role("button", name="Add new").click()
    page.get_by_label("Name", exact=True).fill("mav2 user qc")
    page.get_by_label("Type").select_option(label="User")
    page.get_by_label("User", exact=True).select_option(label="agent2")
    expect(page.get_by_label("Contact flow")).to_have_value(
        page.get_by_label("Contact flow")
        .locator("option", has_text="Default agent transfer")
        .get_attribute("value")
        or ""
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="mav2 user qc", exact=True)).to_be_visible()

    _menu(page, "Queues")
    page.get_by_role("link", name="BasicQueue", exact=True).click()
    page.get_by_label("Add quick connect").select_option(label="mav2 user qc (User)")
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url("/admin/queues")
    page.get_by_role("link", name="BasicQueue", exact=True).click()
    expect(page.get_by_role("list", name="Quick connects of this queue")).to_contain_text(
        "mav2 user qc"
    )


def test_deleting_a_quick_connect_asks_first(
    browser_context: BrowserContexts, demo_passwords: Mapping[str, str]
) -> None:
    page = _admin(browser_context, demo_passwords)
    _menu(page, "Quick connects")
    page.get_by_role("button", name="Add new").click()
    page.get_by_label("Name", exact=True).fill("Support line")
    page.get_by_label("Type").select_option(label="Phone number")
    page.get_by_label("Phone number").fill("+12065550123")
    page.get_by_role("button", name="Save").click()

    page.get_by_role("button", name="Delete Support line").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("link", name="Support line", exact=True)).to_be_visible()

    page.get_by_role("button", name="Delete Support line").click()
    dialog.get_by_role("button", name="Delete").click()
    expect(page.get_by_role("link", name="Support line", exact=True)).to_have_count(0)


def test_an_agent_is_told_the_admin_website_is_not_for_their_profile(
    browser_context: BrowserContexts, demo_passwords: Mapping[str, str]
) -> None:
    page = browser_context.page("agent1")
    sign_in(page, "agent1", demo_passwords["agent1"], next="/admin")
    expect(page.get_by_role("alert")).to_have_text(
        "Your security profile does not allow the admin website."
    )
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()
