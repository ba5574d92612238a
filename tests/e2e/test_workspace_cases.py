"""Cases in the agent application (/agent-app-v2), in a real browser: during a call the agent
creates a case from the contact, comments on it and closes it; on a second call the case is
found by search and that contact linked to it; once the admin takes Cases.Edit away, the
server refuses the next change and the panel says why.

The demo Agent security profile has no Cases permission; the test grants them through the
Amazon Connect API (UpdateSecurityProfile), as an admin's script would.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
from playwright.sync_api import Locator, expect

from tests.e2e.browser import BrowserContexts, DemoServer, Screenshots
from tests.e2e.connect import connect_client, demo_instance_id
from tests.e2e.people import Agent

FIRST_CALLER = "+15555550100"
SECOND_CALLER = "+15555550142"
CASES = ["Cases.View", "Cases.Create", "Cases.Edit"]
PROFILE_ID = "profile-1842"


def _agent_profile_permissions(demo_server: DemoServer, change: Any) -> None:
    """Replace the demo Agent security profile's permissions with change(current)."""
    connect = connect_client(demo_server)
    instance_id = demo_instance_id(demo_server)
    profiles = connect.list_security_profiles(InstanceId=instance_id)["SecurityProfileSummaryList"]
    [agent] = [p for p in profiles if p["Name"] == "Agent"]
    current = connect.list_security_profile_permissions(
        InstanceId=instance_id, SecurityProfileId=agent["Id"]
    )["Permissions"]
    connect.update_security_profile(
        InstanceId=instance_id, SecurityProfileId=agent["Id"], Permissions=change(current)
    )


def _call(demo_server: DemoServer, caller: str) -> None:
    httpx.post(
        f"{demo_server.base_url}/sim/calls", json={"from": caller, "to": demo_server.phone_number}
    ).raise_for_status()


def _contact_on_desk(demo_server: DemoServer, username: str) -> str:
    """The id of the one contact on a user's desk (read through the agent API)."""
    with httpx.Client(base_url=demo_server.base_url) as http:
        login = http.post(
            "/api/v1/sessions",
            json={
                "instance": demo_server.instance_alias,
                "username": username,
                "password": demo_server.passwords[username],
            },
        )
        token = login.json()["token"]
        desk = http.get("/api/v1/agent", headers={"Authorization": f"Bearer {token}"}).json()
    [contact] = desk["contacts"]
    return str(contact["contactId"])


def test_an_agent_works_a_case_across_two_calls_and_the_server_enforces_the_permission(
    browser_context: BrowserContexts, demo_server: DemoServer, shot: Screenshots
) -> None:
    _agent_profile_permissions(demo_server, lambda current: sorted({*current, *CASES}))
    page = browser_context.page("agent1", viewport={"width": 1280, "height": 900})
    agent = Agent(page, "agent1", demo_server.passwords["agent1"], path="/agent-app-v2")
    agent.set_status("Available")
    agent.expect_state("Available")
    panel: Locator = page.get_by_role("tabpanel")

    # A call comes in; the agent accepts it and opens Cases: nothing linked to this contact.
    _call(demo_server, FIRST_CALLER)
    agent.expect_incoming(FIRST_CALLER)
    agent.button("Accept").click()
    agent.expect_state("On contact")
    # The Customer profile panel announces the caller's profile; Cases carries it over.
    page.evaluate(
        "([contactId, profileId]) => document.dispatchEvent(new CustomEvent("
        "'workspace:customer-profile', {detail: {contactId, profileId}}))",
        [_contact_on_desk(demo_server, "agent1"), PROFILE_ID],
    )
    page.get_by_role("tab", name="Cases").click()
    expect(panel.get_by_text("No case is linked to this contact yet.")).to_be_visible()
    expect(panel.get_by_text("This customer has no cases.")).to_be_visible()

    # Create case from the contact: title, summary, status.
    panel.get_by_role("button", name="Create case").click()
    expect(panel.get_by_label("Title")).to_be_focused()
    panel.get_by_role("button", name="Create case").click()
    expect(panel.get_by_role("alert")).to_have_text("Give the case a title.")
    panel.get_by_label("Title").fill("Router keeps dropping the connection")
    panel.get_by_label("Summary").fill("Drops every evening since the firmware update.")
    panel.get_by_label("Status").select_option("Open")
    shot(page, "01-create-case-from-the-contact")
    panel.get_by_role("button", name="Create case").click()
    heading = panel.get_by_role("heading", name="Router keeps dropping the connection")
    expect(heading).to_be_visible()
    expect(panel.get_by_role("status")).to_contain_text(re.compile(r"Case \d{8} created\."))
    reference = re.search(r"\d{8}", panel.get_by_role("status").inner_text())
    assert reference is not None
    linked = panel.get_by_role("region", name="Linked contacts")
    expect(linked.get_by_role("listitem")).to_have_count(1)
    expect(linked).to_contain_text("(on screen)")
    expect(panel.get_by_role("button", name="Link this contact")).to_have_count(0)

    # A comment, then the case is closed.
    panel.get_by_role("button", name="Add comment").click()
    expect(panel.get_by_role("alert")).to_have_text("Write the comment first.")
    panel.get_by_label("New comment").fill("Asked the customer to restart the router tonight.")
    panel.get_by_role("button", name="Add comment").click()
    comments = panel.get_by_role("region", name="Comments")
    expect(comments.get_by_role("listitem")).to_have_count(1)
    expect(comments).to_contain_text("Asked the customer to restart the router tonight.")
    panel.get_by_label("Status").select_option("Closed")
    panel.get_by_role("button", name="Save case").click()
    expect(panel.get_by_role("status")).to_contain_text("Case saved.")
    facts = panel.locator(".case-facts")
    expect(facts).to_contain_text("Closed")
    expect(facts).to_contain_text(PROFILE_ID)
    shot(page, "02-case-commented-and-closed")

    # The call ends; after-contact work; the contact is closed.
    agent.button("End call").click()
    agent.expect_state("After contact work")
    agent.button("Close contact").click()
    agent.expect_state("Available")

    # A second call, from another number: no case linked to it yet; search finds the case.
    _call(demo_server, SECOND_CALLER)
    agent.expect_incoming(SECOND_CALLER)
    agent.button("Accept").click()
    agent.expect_state("On contact")
    # The case stays open from the first call; back to the list of the contact on screen.
    panel.get_by_role("button", name="All cases").click()
    expect(panel.get_by_text("No case is linked to this contact yet.")).to_be_visible()
    search = panel.get_by_role("search")
    search.get_by_label("Title, summary or reference").fill("router")
    search.get_by_label("Status").select_option("Closed")
    search.get_by_role("button", name="Search").click()
    found = panel.get_by_role("region", name="Find cases").get_by_role(
        "button", name=re.compile("Router keeps dropping")
    )
    expect(found).to_have_count(1)
    expect(found).to_contain_text(reference.group(0))
    shot(page, "03-search-finds-the-case")
    found.click()
    panel.get_by_role("button", name="Link this contact").click()
    expect(panel.get_by_role("status")).to_contain_text("This contact is linked to the case.")
    expect(linked.get_by_role("listitem")).to_have_count(2)
    shot(page, "04-second-contact-linked")

    # Back on the list, the case is now one of this contact's cases.
    panel.get_by_role("button", name="All cases").click()
    of_contact = panel.get_by_role("region", name="Cases of this contact")
    expect(
        of_contact.get_by_role("button", name=re.compile("Router keeps dropping"))
    ).to_be_visible()

    # The admin takes Cases.Edit away: the page still shows the form, the server refuses.
    _agent_profile_permissions(
        demo_server, lambda current: [p for p in current if p != "Cases.Edit"]
    )
    of_contact.get_by_role("button", name=re.compile("Router keeps dropping")).click()
    panel.get_by_label("New comment").fill("One more note.")
    panel.get_by_role("button", name="Add comment").click()
    expect(panel.get_by_role("alert")).to_contain_text(
        "Your security profile does not allow editing cases (Cases.Edit)."
    )
    expect(panel.get_by_role("region", name="Comments").get_by_role("listitem")).to_have_count(1)
    shot(page, "05-server-refuses-without-cases-edit")
