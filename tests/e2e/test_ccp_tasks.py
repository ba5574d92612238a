"""Tasks in the CCP: one created in a call's after contact work goes to a queue and another agent
works it (its name, description and the contact it came from; Pause, Resume, End task, Close
contact); one started through the Connect API carries references (web addresses as links) and
is transferred to an agent through a quick connect, then to a queue, where a supervisor reads
what the earlier segment was from its contact record. Screenshots in .artifacts/e2e/<test>/."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import expect

from tests.e2e.browser import BrowserContexts, DemoServer, Screenshots
from tests.e2e.connect import connect_client, demo_instance_id
from tests.e2e.people import Agent

CUSTOMER = "+15555550100"
NARROW = {"viewport": {"width": 400, "height": 900}}


def test_a_task_from_after_contact_work_is_worked_by_another_agent(
    browser_context: BrowserContexts, demo_server: DemoServer, shot: Screenshots
) -> None:
    passwords = demo_server.passwords
    agent1 = Agent(browser_context.page("agent1", **NARROW), "agent1", passwords["agent1"])
    agent2 = Agent(browser_context.page("agent2", **NARROW), "agent2", passwords["agent2"])

    # agent1 takes a call; agent2 becomes available once the call is agent1's.
    agent1.set_status("Available")
    agent1.expect_state("Available")
    httpx.post(
        f"{demo_server.base_url}/sim/calls", json={"from": CUSTOMER, "to": demo_server.phone_number}
    ).raise_for_status()
    agent1.expect_incoming(CUSTOMER)
    agent1.button("Accept").click()
    expect(agent1.page.get_by_role("heading", name="Connected")).to_be_visible()
    agent2.set_status("Available")
    agent2.expect_state("Available")

    # After the call, agent1 creates a task for the queue (BasicQueue's quick connect).
    agent1.button("End call").click()
    expect(agent1.page.get_by_role("heading", name="After contact work")).to_be_visible()
    agent1.button("Create task").click()
    agent1.page.get_by_label("Name").fill("Refund follow-up")
    agent1.page.get_by_label("Description").fill("Check that the refund reached the customer.")
    agent1.page.get_by_label("Quick connect").select_option(label="BasicQueue qc")
    agent1.button("Add reference").click()
    expect(agent1.page.get_by_label("Reference 1 name")).to_be_focused()
    agent1.page.get_by_label("Reference 1 name").fill("Refund ticket")
    agent1.page.get_by_role("button", name="Create task").click()
    expect(agent1.page.get_by_role("alert")).to_have_text(
        "Give each reference both a name and a link, or remove it."
    )
    agent1.page.get_by_label("Reference 1 link").fill("https://tickets.example.com/R-981")
    agent1.page.get_by_role("button", name="Create task").click()
    expect(agent1.page.get_by_role("status")).to_contain_text("Task created.")
    agent1.set_status("Offline")
    agent1.button("Close contact").click()
    agent1.expect_state("Offline")

    # agent2 is offered it: a ringing tab and the offer card with its name and description.
    tab = agent2.page.get_by_role("tab", name=re.compile(r"^Task: Refund follow-up"))
    expect(tab).to_have_attribute("aria-selected", "true")
    expect(tab).to_have_accessible_name(re.compile(r"\(Incoming\)$"))
    expect(agent2.page.get_by_role("heading", name="Incoming task")).to_be_visible()
    panel = agent2.page.get_by_role("tabpanel")
    expect(agent2.page.get_by_test_id("caller")).to_have_text("Refund follow-up")
    expect(panel).to_contain_text("Check that the refund reached the customer.")
    assert agent2.page.evaluate("window.__opencontactRinging") is True
    shot(agent2.page, "01-task-offered")

    # Accepted: the task, its reference, where it came from (agent1's call), its timer.
    agent2.button("Accept").click()
    expect(agent2.page.get_by_role("heading", name="Task", exact=True)).to_be_visible()
    reference = agent2.page.get_by_role("definition").filter(has_text="tickets.example.com")
    expect(reference.get_by_role("link")).to_have_attribute(
        "href", "https://tickets.example.com/R-981"
    )
    expect(agent2.page.get_by_role("term").filter(has_text="Refund ticket")).to_be_visible()
    expect(tab).to_have_accessible_name(re.compile(r"\(Connected\)$"))
    origin = agent2.page.get_by_role("definition").filter(has_text=CUSTOMER)
    expect(origin).to_contain_text(f"A contact with {CUSTOMER}")
    call_id = agent2.page.locator(".origin code").inner_text()
    assert re.fullmatch(r"[0-9a-f-]{36}", call_id)
    demo_server.clock.advance(75)
    expect(agent2.page.get_by_test_id("contact-timer")).to_have_text("1:15")
    shot(agent2.page, "02-task-connected")

    # Pause and Resume.
    agent2.button("Pause").click()
    expect(agent2.page.get_by_role("heading", name="Task paused")).to_be_visible()
    expect(tab).to_have_accessible_name(re.compile(r"\(Paused\)$"))
    demo_server.clock.advance(30)
    expect(panel).to_contain_text("Paused for 0:30")
    shot(agent2.page, "03-task-paused")
    agent2.button("Resume").click()
    expect(agent2.page.get_by_role("heading", name="Task", exact=True)).to_be_visible()

    # End task, then after contact work and Close contact.
    agent2.button("End task").click()
    expect(agent2.page.get_by_role("heading", name="After contact work")).to_be_visible()
    expect(tab).to_have_accessible_name(re.compile(r"\(After contact work\)$"))
    agent2.button("Close contact").click()
    agent2.expect_state("Available")
    expect(agent2.page.get_by_role("tab")).to_have_count(0)

    # A task started through the Connect API, after that call, with references.
    connect = connect_client(demo_server)
    instance_id = demo_instance_id(demo_server)
    quick_connects = connect.list_quick_connects(InstanceId=instance_id)["QuickConnectSummaryList"]
    by_name = {qc["Name"]: qc["Id"] for qc in quick_connects}
    connect.start_task_contact(
        InstanceId=instance_id,
        Name="Replace the router",
        Description="The customer's router fails every evening.\nShip a new one.",
        QuickConnectId=by_name["agent2 qc"],
        PreviousContactId=call_id,
        References={
            "Order": {"Value": "https://shop.example.com/orders/4711", "Type": "URL"},
            "Model": {"Value": "XR-500", "Type": "STRING"},
        },
    )
    agent2.expect_incoming("Replace the router")
    agent2.button("Accept").click()
    references = agent2.page.get_by_role("definition").get_by_role(
        "link", name="https://shop.example.com/orders/4711"
    )
    expect(references).to_have_attribute("target", "_blank")
    expect(agent2.page.locator(".references")).to_contain_text("XR-500")
    expect(agent2.page.locator(".origin")).to_contain_text("Previous contact")
    expect(agent2.page.locator(".origin code")).to_have_text(call_id)
    shot(agent2.page, "04-task-with-references")

    # Transfer: the quick connects of agents and queues (no phone numbers for a task).
    agent1.set_status("Available")
    agent1.expect_state("Available")
    agent2.button("Transfer").click()
    quick_connect_list = agent2.page.get_by_role("list", name="Quick connects list")
    expect(quick_connect_list).to_contain_text("agent1 qc")
    expect(quick_connect_list).not_to_contain_text("Supervisor mobile")
    expect(agent2.page.get_by_label("Phone number")).to_have_count(0)
    shot(agent2.page, "05-task-transfer")
    agent2.button("agent1 qc").click()
    agent1.expect_incoming("Replace the router")
    agent1.button("Accept").click()
    expect(
        agent1.page.get_by_role("link", name="https://shop.example.com/orders/4711")
    ).to_be_visible()
    expect(agent1.page.get_by_role("heading", name="Task", exact=True)).to_be_visible()
    expect(agent2.page.get_by_role("heading", name="After contact work")).to_be_visible()

    # A supervisor (ContactSearch.View) reads what the earlier contacts were, from their
    # records: agent1 sends the task to the queue, where only the admin is available.
    admin = Agent(browser_context.page("admin", **NARROW), "admin", passwords["admin"])
    admin.set_status("Available")
    admin.expect_state("Available")
    agent1.button("Transfer").click()
    agent1.button("BasicQueue qc").click()
    admin.expect_incoming("Replace the router")
    admin.button("Accept").click()
    origin = admin.page.locator(".origin")
    expect(origin).to_contain_text("Transferred from")
    expect(origin).to_contain_text('Task "Replace the router", ended')
    shot(admin.page, "06-task-origin-for-a-supervisor")
