"""The agent-basics tutorial (seeds/000_d2798ad5c04e4717.txt), step by step in its order, in a
real browser: the pages, agent statuses, an incoming call with hold and resume, a missed call,
after-call work with a task, calling out, transferring through a quick connect and a
three-way call, the desk phone, and the admin's user settings with auto-accept.

agent1 and agent2 work in two browser contexts, the customer on /phone, outside numbers on
/phone?number=...; each step leaves a screenshot in .artifacts/e2e/<test>/.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.browser import BrowserContexts, DemoServer, Screenshots
from tests.e2e.people import Agent, Customer, OutsidePhone

CUSTOMER = "+15555550100"


def test_agent_basics_tutorial(
    browser_context: BrowserContexts, demo_server: DemoServer, shot: Screenshots
) -> None:
    passwords = demo_server.passwords
    number = demo_server.phone_number

    # The console's Connect view: where instances are created and configured.
    console = browser_context.page("console")
    runtime = demo_server.server.runtime
    assert runtime is not None
    console.goto("/console")
    console.get_by_label("Access key ID").fill(runtime.credentials.access_key_id)
    console.get_by_label("Secret access key").fill(runtime.credentials.secret_access_key)
    console.get_by_role("button", name="Sign in").click()
    console.get_by_role("link", name="demo", exact=True).click()
    expect(console.get_by_role("link", name="Open admin website")).to_be_visible()
    shot(console, "01-console-instance")

    # The Connect admin website, opened from there.
    admin = console
    admin.get_by_role("link", name="Open admin website").click()
    admin.get_by_label("Username", exact=True).fill("admin")
    admin.get_by_label("Password", exact=True).fill(passwords["admin"])
    admin.get_by_role("button", name="Sign in").click()
    expect(admin.get_by_role("heading", name="Dashboard")).to_be_visible()
    shot(admin, "02-admin-dashboard")

    # The agent pages: the basic CCP, and the agent application whose customer profile,
    # cases and knowledge panels need permissions the default Agent profile does not have.
    agent1 = Agent(
        browser_context.page("agent1", viewport={"width": 400, "height": 760}),
        "agent1",
        passwords["agent1"],
    )
    shot(agent1.page, "03-ccp")
    app_page = browser_context.page("agent1-app")
    Agent(app_page, "agent1", passwords["agent1"], path="/agent-app-v2")
    app_page.get_by_role("tab", name=re.compile("Customer profile")).click()
    expect(app_page.get_by_role("alert")).to_have_text(
        "Your security profile does not allow Customer profile (CustomerProfiles.View)."
    )
    shot(app_page, "04-agent-app-without-permission")
    app_page.context.close()

    # Agent status: only Available and Offline to begin with; only Available gets calls.
    agent1.expect_state("Offline")
    assert agent1.statuses() == ["Available", "Offline"]
    # The admin adds a custom status (Users - Agent status - Add new agent status); it
    # appears in every agent's list at once, and the agent can choose it.
    _admin_menu(admin, "Agent status")
    shot(admin, "04-admin-agent-statuses")
    admin.get_by_role("button", name="Add new agent status").click()
    admin.get_by_label("Status name").fill("Lunch")
    admin.get_by_label("Description").fill("Out for lunch")
    shot(admin, "04-admin-new-agent-status")
    admin.get_by_role("button", name="Save").click()
    expect(admin.get_by_role("link", name="Lunch", exact=True)).to_be_visible()
    expect(agent1.page.get_by_role("button", name=re.compile("Change status"))).to_be_visible()
    agent1.page.get_by_role("button", name=re.compile("Change status")).click()
    expect(agent1.page.get_by_role("menuitemradio", name="Lunch")).to_be_visible()
    agent1.page.keyboard.press("Escape")
    agent1.set_status("Lunch")
    agent1.expect_state("Lunch")
    agent1.set_status("Available")
    agent1.expect_state("Available")

    # An incoming call: the CCP rings with the caller's number; Accept, Hold, Resume.
    customer = Customer(browser_context.page("customer"), CUSTOMER)
    customer.call(number)
    agent1.expect_incoming(CUSTOMER)
    expect(agent1.page.locator(".contact-card.incoming")).to_be_visible()
    assert agent1.page.evaluate("window.__opencontactRinging") is True
    shot(agent1.page, "05-incoming-call")
    agent1.button("Accept").click()
    expect(agent1.page.get_by_role("heading", name="Connected")).to_be_visible()
    agent1.expect_state("On contact")
    customer.expect_state("Connected")
    shot(agent1.page, "06-call-accepted")
    agent1.button("Hold").click()
    expect(agent1.page.get_by_role("heading", name="On hold")).to_be_visible()
    customer.expect_state("On hold")
    shot(agent1.page, "07-call-on-hold")
    agent1.button("Resume").click()
    expect(agent1.page.get_by_role("heading", name="Connected")).to_be_visible()
    customer.expect_state("Connected")

    agent1.button("End call").click()
    expect(agent1.page.get_by_role("heading", name="After contact work")).to_be_visible()
    agent1.button("Close contact").click()
    agent1.expect_state("Available")

    # A missed call: not accepted in time (20 s), the agent becomes Missed and gets no more
    # contacts until they choose a status again; the call waits in the queue meanwhile.
    customer.call(number)
    agent1.expect_incoming(CUSTOMER)
    demo_server.clock.advance(21)
    agent1.expect_state("Missed")
    expect(agent1.page.get_by_role("alert")).to_contain_text("You missed a contact")
    shot(agent1.page, "08-missed-call")
    agent1.button("Set status to Available").click()
    agent1.expect_incoming(CUSTOMER)
    agent1.button("Accept").click()
    expect(agent1.page.get_by_role("heading", name="Connected")).to_be_visible()

    # After the call: After contact work, where a task can be created for later (it needs a
    # quick connect as its destination).
    customer.hang_up()
    expect(agent1.page.get_by_role("heading", name="After contact work")).to_be_visible()
    agent1.expect_state("After contact work")
    shot(agent1.page, "09-after-call-work")
    agent1.button("Create task").click()
    agent1.page.get_by_label("Name").fill("Call the customer back")
    agent1.page.get_by_label("Description").fill("Confirm the refund reached their account.")
    agent1.page.get_by_label("Quick connect").select_option(label="agent2 qc")
    shot(agent1.page, "10-create-task")
    agent1.page.get_by_role("button", name="Create task").click()
    expect(agent1.page.get_by_role("status")).to_contain_text("Task created.")
    agent1.button("Close contact").click()
    agent1.expect_state("Available")

    # agent2 receives the task.
    agent2 = Agent(
        browser_context.page("agent2", viewport={"width": 400, "height": 760}),
        "agent2",
        passwords["agent2"],
    )
    agent2.set_status("Available")
    expect(agent2.page.get_by_role("heading", name="Incoming task")).to_be_visible()
    expect(agent2.page.get_by_test_id("caller")).to_have_text("Call the customer back")
    agent2.button("Accept").click()
    expect(agent2.page.get_by_role("heading", name="Task")).to_be_visible()
    agent2.button("End task").click()
    agent2.button("Close contact").click()
    agent2.set_status("Offline")
    agent2.expect_state("Offline")

    # Calling out: Number pad. Numbers outside the region's countries and emergency numbers
    # are refused with a sentence saying why.
    agent1.set_status("Offline")
    agent1.button("Number pad").click()
    agent1.page.get_by_label("Phone number").fill("911")
    agent1.button("Call").click()
    agent1.refused("emergency number")
    agent1.page.get_by_label("Phone number").fill("+33 1 23 45 67 89")
    agent1.button("Call").click()
    agent1.refused(re.compile("not allowed|may not call|cannot call", re.IGNORECASE))
    shot(agent1.page, "11-outbound-refused")
    outside = OutsidePhone(browser_context.page("outside"), "+12065550100")
    agent1.page.get_by_label("Phone number").fill("+1 206 555 0100")
    agent1.button("Call").click()
    expect(agent1.page.get_by_role("heading", name=re.compile("^Calling"))).to_be_visible()
    outside.expect_ringing(number)
    outside.answer()
    expect(agent1.page.get_by_role("heading", name="Connected")).to_be_visible()
    shot(agent1.page, "12-outbound-connected")
    agent1.button("End call").click()
    agent1.button("Close contact").click()

    # Transferring: on a call, Quick connects lists the agents, queues and numbers of the
    # agent's queues; agent1 picks agent2's, the customer is held, agent2 is reached.
    agent1.set_status("Available")
    customer.call(number)
    agent1.expect_incoming(CUSTOMER)
    agent1.button("Accept").click()
    agent2.set_status("Available")
    agent1.button("Quick connects").click()
    expect(agent1.page.get_by_role("list", name="Quick connects list")).to_contain_text("agent2 qc")
    shot(agent1.page, "13-quick-connects")
    agent1.button("agent2 qc").click()
    agent2.expect_incoming(CUSTOMER)
    parties = agent1.page.get_by_role("list", name="Parties on this call")
    expect(parties).to_contain_text("On hold")
    agent2.button("Accept").click()
    expect(parties.get_by_role("listitem").nth(1)).to_contain_text("Connected")
    shot(agent1.page, "14-transfer-connected")

    # Join: a three-way call; Leave: agent1 drops out, the customer and agent2 stay.
    agent1.button("Join").click()
    expect(parties.get_by_role("listitem").first).to_contain_text("Connected")
    shot(agent1.page, "15-three-way-call")
    agent1.button("Leave").click()
    expect(agent1.page.get_by_role("heading", name="After contact work")).to_be_visible()
    expect(agent2.page.get_by_role("heading", name="Connected")).to_be_visible()
    customer.expect_state("Connected")
    agent1.button("Close contact").click()
    agent2.button("End call").click()
    agent2.button("Close contact").click()
    agent2.set_status("Offline")

    # Transfers to emergency numbers are refused too.
    customer.call(number)
    agent1.expect_incoming(CUSTOMER)
    agent1.button("Accept").click()
    agent1.button("Quick connects").click()
    agent1.page.get_by_label("Phone number").fill("911")
    agent1.button("Transfer").click()
    agent1.refused("emergency number")
    agent1.button("Back").click()
    agent1.button("End call").click()
    agent1.button("Close contact").click()

    # The agent's own phone: Settings, Desk phone with their number (checked like any number
    # the instance calls); calls then ring that phone.
    agent1.button("Settings").click()
    agent1.page.get_by_label("Desk phone").check()
    agent1.page.get_by_label("Phone number").fill("+33 1 23 45 67 89")
    agent1.button("Save").click()
    agent1.refused(re.compile("not allowed|may not call|cannot call", re.IGNORECASE))
    agent1.page.get_by_label("Phone number").fill("+1 206 555 0111")
    agent1.button("Save").click()
    expect(agent1.page.get_by_role("status")).to_contain_text("Settings saved.")
    shot(agent1.page, "16-settings-desk-phone")
    agent1.button("Back").click()
    desk = OutsidePhone(browser_context.page("desk-phone"), "+12065550111")
    customer.call(number)
    desk.expect_ringing(number)
    shot(desk.page, "17-desk-phone-rings")
    desk.answer()
    expect(agent1.page.get_by_role("heading", name="Connected")).to_be_visible()
    customer.expect_state("Connected")
    customer.hang_up()
    agent1.button("Close contact").click()

    # The admin's side of the same settings: User management shows agent1's desk phone; for
    # agent2 (Softphone) the admin turns on Auto-accept calls.
    _admin_menu(admin, "User management")
    admin.get_by_role("link", name="agent1", exact=True).click()
    expect(admin.get_by_label("Desk phone number")).to_have_value("+12065550111")
    shot(admin, "18-admin-user-desk-phone")
    admin.get_by_role("button", name="Cancel").click()
    admin.get_by_role("link", name="agent2", exact=True).click()
    admin.get_by_label("Auto-accept calls").check()
    shot(admin, "19-admin-user-auto-accept")
    admin.get_by_role("button", name="Save").click()
    expect(admin).to_have_url(re.compile("/admin/users$"))

    # Auto-accept: agent2's next call connects without Accept.
    agent1.set_status("Offline")
    agent2.set_status("Available")
    customer.call(number)
    expect(agent2.page.get_by_role("heading", name="Connected")).to_be_visible()
    customer.expect_state("Connected")
    shot(agent2.page, "20-auto-accepted")
    customer.hang_up()
    agent2.button("Close contact").click()


def _admin_menu(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Admin website").get_by_role(
        "link", name=name, exact=True
    ).click()
