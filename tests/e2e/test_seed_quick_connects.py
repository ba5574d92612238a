"""The quick-connect tutorial (seeds/001_23edf66dc6c0118c.txt), step by step in its order, in a
real browser: a phone-number quick connect used while idle and on a call, the Default agent
transfer flow in the flow designer, a new User quick connect added to BasicQueue's quick
connects, a transfer to agent2 through it, then a Queue quick connect and a transfer to the
queue. Screenshots in .artifacts/e2e/<test>/.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.browser import BrowserContexts, DemoServer, Screenshots, sign_in
from tests.e2e.people import Agent, Customer, OutsidePhone

CUSTOMER = "+15555550100"
SUPERVISOR = "+15555550123"


def test_quick_connect_tutorial(
    browser_context: BrowserContexts, demo_server: DemoServer, shot: Screenshots
) -> None:
    passwords = demo_server.passwords
    number = demo_server.phone_number
    narrow = {"viewport": {"width": 400, "height": 760}}
    agent1 = Agent(browser_context.page("agent1", **narrow), "agent1", passwords["agent1"])
    agent2 = Agent(browser_context.page("agent2", **narrow), "agent2", passwords["agent2"])
    customer = Customer(browser_context.page("customer"), CUSTOMER)
    supervisor = OutsidePhone(browser_context.page("supervisor"), SUPERVISOR)

    # Phone number quick connects work while idle: Quick connects lists them to call out.
    agent1.button("Quick connects").click()
    quick_connects = agent1.page.get_by_role("list", name="Quick connects list")
    expect(quick_connects).to_contain_text("Supervisor mobile")
    expect(quick_connects).not_to_contain_text("agent2 qc")
    shot(agent1.page, "01-ccp-quick-connects-idle")
    agent1.button("Supervisor mobile").click()
    supervisor.expect_ringing(number)
    supervisor.answer()
    expect(agent1.page.get_by_role("heading", name="Connected")).to_be_visible()
    shot(agent1.page, "02-ccp-quick-connect-call")
    agent1.button("End call").click()
    agent1.button("Close contact").click()

    # User and queue quick connects appear while the agent is on a contact.
    agent1.set_status("Available")
    customer.call(number)
    agent1.expect_incoming(CUSTOMER)
    agent1.button("Accept").click()
    agent1.button("Quick connects").click()
    expect(quick_connects).to_contain_text("agent2 qc")
    expect(quick_connects).to_contain_text("BasicQueue qc")
    shot(agent1.page, "03-ccp-quick-connects-on-call")
    agent1.button("Back").click()

    # How a transfer to an agent works: the Default agent transfer flow, in the flow designer.
    admin = browser_context.page("admin")
    sign_in(admin, "admin", passwords["admin"], next="/admin")
    _admin_menu(admin, "Flows")
    admin.get_by_role("link", name="Default agent transfer", exact=True).click()
    diagram = admin.get_by_role("group", name="Flow diagram")
    prompt = diagram.get_by_role("button", name="Play prompt: Text: Transferring now...")
    expect(prompt).to_be_visible()
    expect(diagram.get_by_role("button", name=re.compile("^Set working queue"))).to_be_visible()
    expect(diagram.get_by_role("button", name=re.compile("^Transfer to queue"))).to_be_visible()
    shot(admin, "04-default-agent-transfer")
    # The prompt can be changed there: the block's settings, then Save and Publish.
    prompt.click()
    admin.get_by_label("Text", exact=True).fill("Transferring you to a colleague now...")
    admin.get_by_role("button", name="Save", exact=True).click()
    admin.get_by_role("button", name="Publish", exact=True).click()
    expect(admin.get_by_role("status")).to_contain_text("Published")
    expect(
        diagram.get_by_role(
            "button", name="Play prompt: Text: Transferring you to a colleague now..."
        )
    ).to_be_visible()
    shot(admin, "04-default-agent-transfer-edited")

    # Create a User quick connect (Routing - Quick connects - Add new) for agent2 with the
    # Default agent transfer flow...
    _admin_menu(admin, "Quick connects")
    shot(admin, "05-quick-connects")
    admin.get_by_role("button", name="Add new").click()
    admin.get_by_label("Name", exact=True).fill("mav2 user qc")
    admin.get_by_label("Description").fill("Transfer to agent2")
    admin.get_by_label("Type").select_option(label="User")
    admin.get_by_label("User", exact=True).select_option(label="agent2")
    admin.get_by_label("Contact flow").select_option(label="Default agent transfer")
    shot(admin, "06-add-user-quick-connect")
    admin.get_by_role("button", name="Save").click()
    expect(admin.get_by_role("link", name="mav2 user qc", exact=True)).to_be_visible()

    # ...and add it to the queue's Quick connects (Routing - Queues - BasicQueue).
    _admin_menu(admin, "Queues")
    admin.get_by_role("link", name="BasicQueue", exact=True).click()
    admin.get_by_label("Add quick connect").select_option(label="mav2 user qc (User)")
    admin.get_by_role("button", name="Add", exact=True).click()
    shot(admin, "07-queue-quick-connects")
    admin.get_by_role("button", name="Save").click()
    expect(admin).to_have_url(re.compile("/admin/queues$"))

    # Test: agent1, on the call, transfers to mav2 through the new quick connect; the agent
    # transfer flow puts the call in agent2's queue and agent2 is offered it.
    agent2.set_status("Available")
    agent1.button("Quick connects").click()
    expect(quick_connects).to_contain_text("mav2 user qc")
    shot(agent1.page, "08-transfer-to-agent-list")
    agent1.button("mav2 user qc").click()
    agent2.expect_incoming(CUSTOMER)
    shot(agent2.page, "09-agent2-offered")
    agent2.button("Accept").click()
    parties = agent1.page.get_by_role("list", name="Parties on this call")
    expect(parties.get_by_role("listitem").nth(1)).to_contain_text("Connected")
    shot(agent1.page, "10-transferred-to-agent")
    agent1.button("Leave").click()
    expect(agent2.page.get_by_role("heading", name="Connected")).to_be_visible()
    customer.expect_state("Connected")
    agent1.button("Close contact").click()

    # A Queue quick connect: type Queue with the Default queue transfer flow. agent2 transfers
    # the call to BasicQueue, where agent1 (Available) is offered it.
    _admin_menu(admin, "Quick connects")
    admin.get_by_role("button", name="Add new").click()
    admin.get_by_label("Name", exact=True).fill("BasicQueue transfer")
    admin.get_by_label("Type").select_option(label="Queue")
    admin.get_by_label("Queue", exact=True).select_option(label="BasicQueue")
    admin.get_by_label("Contact flow").select_option(label="Default queue transfer")
    shot(admin, "11-add-queue-quick-connect")
    admin.get_by_role("button", name="Save").click()
    _admin_menu(admin, "Queues")
    admin.get_by_role("link", name="BasicQueue", exact=True).click()
    admin.get_by_label("Add quick connect").select_option(label="BasicQueue transfer (Queue)")
    admin.get_by_role("button", name="Add", exact=True).click()
    admin.get_by_role("button", name="Save").click()
    expect(admin).to_have_url(re.compile("/admin/queues$"))

    agent1.set_status("Available")
    agent2.button("Quick connects").click()
    agent2.button("BasicQueue transfer").click()
    agent1.expect_incoming(CUSTOMER)
    agent1.button("Accept").click()
    shot(agent1.page, "12-transferred-to-queue")
    agent2.button("Leave").click()
    expect(agent1.page.get_by_role("heading", name="Connected")).to_be_visible()
    customer.expect_state("Connected")
    customer.hang_up()
    agent1.button("Close contact").click()
    agent2.button("Close contact").click()


def _admin_menu(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Admin website").get_by_role(
        "link", name=name, exact=True
    ).click()
