"""The Customer profile panel of /agent-app-v2 in Chromium: a call from a known number shows the
caller's profile while it still rings; the agent accepts, ends the call and edits the profile in
after-contact work; an unknown caller gets a profile in one click; an agent whose security
profile lacks the permissions is refused by the server."""

from __future__ import annotations

from typing import Any

import httpx
from playwright.sync_api import Page, expect

from tests.e2e.browser import BrowserContexts, DemoServer, Screenshots
from tests.e2e.connect import connect_client, demo_instance_id
from tests.e2e.people import Agent, Customer

CUSTOMER = "+15555550100"
STRANGER = "+15555550111"
PROFILE_PERMISSIONS = ("CustomerProfiles.View", "CustomerProfiles.Create", "CustomerProfiles.Edit")


def grant_agent_profile(demo_server: DemoServer, *permissions: str) -> None:
    """Give the demo's Agent security profile these permissions (UpdateSecurityProfile)."""
    connect = connect_client(demo_server)
    instance_id = demo_instance_id(demo_server)
    summaries = connect.list_security_profiles(InstanceId=instance_id)["SecurityProfileSummaryList"]
    agent_profile = next(s for s in summaries if s["Name"] == "Agent")
    current = connect.list_security_profile_permissions(
        InstanceId=instance_id, SecurityProfileId=agent_profile["Id"]
    )["Permissions"]
    connect.update_security_profile(
        InstanceId=instance_id,
        SecurityProfileId=agent_profile["Id"],
        Permissions=sorted({*current, *permissions}),
    )


def create_profile(demo_server: DemoServer, profile: dict[str, Any]) -> str:
    """A profile made through the agent API, as the admin."""
    with httpx.Client(base_url=demo_server.base_url) as http:
        login = http.post(
            "/api/v1/sessions",
            json={
                "instance": demo_server.instance_alias,
                "username": "admin",
                "password": demo_server.passwords["admin"],
            },
        )
        token = login.json()["token"]
        made = http.post(
            "/api/v1/customer-profiles",
            json=profile,
            headers={"Authorization": f"Bearer {token}"},
        )
        assert made.status_code == 201, made.text
        return str(made.json()["ProfileId"])


def panel(page: Page) -> Any:
    return page.get_by_role("tabpanel", name="Customer profile")


def test_a_known_caller_s_profile_shows_before_accept_and_is_edited_in_acw(
    browser_context: BrowserContexts, demo_server: DemoServer, shot: Screenshots
) -> None:
    grant_agent_profile(demo_server, *PROFILE_PERMISSIONS)
    create_profile(
        demo_server,
        {
            "FirstName": "Ana",
            "LastName": "Lopez",
            "PhoneNumber": CUSTOMER,
            "EmailAddress": "ana.lopez@example.com",
            "Address": {"Address1": "1 Main St", "City": "Seattle", "PostalCode": "98101"},
            "Attributes": {"tier": "gold"},
        },
    )
    agent = Agent(
        browser_context.page("agent1"),
        "agent1",
        demo_server.passwords["agent1"],
        path="/agent-app-v2",
    )
    page = agent.page
    # No contact: a search box.
    expect(panel(page).get_by_role("heading", name="Find a customer")).to_be_visible()
    panel(page).get_by_label("Search by").select_option("_fullName")
    panel(page).get_by_label("Phone number, email or name").fill("lopez")
    panel(page).get_by_role("button", name="Search").click()
    expect(panel(page).get_by_role("button", name="Ana Lopez")).to_be_visible()
    shot(page, "01-search")

    agent.set_status("Available")
    customer = Customer(browser_context.page("customer"), CUSTOMER)
    customer.call(demo_server.phone_number)
    agent.expect_incoming(CUSTOMER)
    # Still ringing: the caller's profile is on screen already.
    expect(panel(page).get_by_role("heading", name="Ana Lopez")).to_be_visible()
    expect(panel(page)).to_contain_text("ana.lopez@example.com")
    expect(panel(page)).to_contain_text("Seattle")
    expect(panel(page)).to_contain_text("gold")
    expect(agent.button("Accept")).to_be_visible()
    shot(page, "02-profile-before-accept")

    agent.button("Accept").click()
    agent.expect_state("On contact")
    agent.button("End call").click()
    agent.expect_state("After contact work")
    # The call just ended is in her past contacts.
    history = panel(page).get_by_role("region", name="Past contacts")
    expect(history.get_by_role("listitem")).to_have_count(1)
    expect(history).to_contain_text("BasicQueue")
    expect(history).to_contain_text("Agent disconnect")

    panel(page).get_by_role("button", name="Edit").click()
    expect(panel(page).get_by_label("First name")).to_be_focused()
    panel(page).get_by_label("Mobile phone").fill("not a number")
    panel(page).get_by_role("button", name="Save").click()
    expect(panel(page).get_by_role("alert")).to_contain_text(
        "MobilePhoneNumber 'not a number' is not a phone number"
    )
    shot(page, "03-edit-refused")
    panel(page).get_by_label("Mobile phone").fill("(206) 555-0142")
    panel(page).get_by_label("Last name").fill("López")
    panel(page).get_by_label("City").fill("Tacoma")
    panel(page).get_by_role("button", name="Save").click()
    expect(panel(page).get_by_role("heading", name="Ana López")).to_be_visible()
    expect(panel(page).get_by_role("status")).to_contain_text("Profile saved.")
    expect(panel(page)).to_contain_text("+12065550142")
    expect(panel(page)).to_contain_text("Tacoma")
    expect(panel(page).get_by_role("button", name="Edit")).to_be_focused()
    expect(history.get_by_role("listitem")).to_have_count(1)
    shot(page, "04-edited-in-acw")

    # Escape leaves the form without changing anything.
    panel(page).get_by_role("button", name="Edit").click()
    panel(page).get_by_label("City").fill("Nowhere")
    page.keyboard.press("Escape")
    expect(panel(page)).to_contain_text("Tacoma")
    agent.button("Close contact").click()
    expect(panel(page).get_by_role("heading", name="Find a customer")).to_be_visible()


def test_an_unknown_caller_gets_a_profile_in_one_click(
    browser_context: BrowserContexts, demo_server: DemoServer, shot: Screenshots
) -> None:
    grant_agent_profile(demo_server, *PROFILE_PERMISSIONS)
    agent = Agent(
        browser_context.page("agent1"),
        "agent1",
        demo_server.passwords["agent1"],
        path="/agent-app-v2",
    )
    page = agent.page
    agent.set_status("Available")
    Customer(browser_context.page("customer"), STRANGER).call(demo_server.phone_number)
    agent.expect_incoming(STRANGER)
    expect(panel(page)).to_contain_text(f"No customer profile for {STRANGER}.")
    shot(page, "01-unknown-caller")
    panel(page).get_by_role("button", name="Create profile").click()
    expect(panel(page).get_by_role("heading", name=STRANGER)).to_be_visible()
    expect(panel(page).get_by_role("status")).to_contain_text("Profile created.")
    shot(page, "02-profile-created")


def test_an_agent_without_the_permissions_is_refused_by_the_server(
    browser_context: BrowserContexts, demo_server: DemoServer, shot: Screenshots
) -> None:
    agent = Agent(
        browser_context.page("agent1"),
        "agent1",
        demo_server.passwords["agent1"],
        path="/agent-app-v2",
    )
    page = agent.page
    expect(panel(page)).to_contain_text(
        "Your security profile does not allow Customer profile (CustomerProfiles.View)."
    )
    shot(page, "01-no-permission")

    # Allowed to look but not to create: the server says no to Create profile.
    grant_agent_profile(demo_server, "CustomerProfiles.View")
    page.reload()
    expect(agent.state).to_be_visible()
    agent.set_status("Available")
    Customer(browser_context.page("customer"), STRANGER).call(demo_server.phone_number)
    agent.expect_incoming(STRANGER)
    panel(page).get_by_role("button", name="Create profile").click()
    expect(panel(page).get_by_role("alert")).to_contain_text(
        "Your security profile does not allow creating customer profiles (CustomerProfiles.Create)."
    )
    shot(page, "02-create-refused")
