"""The CCP beyond the tutorials' path: a dropped connection that resynchronises by itself,
keyboard-only use of the status menu, and the agent application's permission gate."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import expect

from tests.e2e.browser import BrowserContexts, DemoServer
from tests.e2e.people import Agent

CUSTOMER = "+15555550100"


def test_a_dropped_connection_reconnects_by_itself_and_the_page_stays_live(
    browser_context: BrowserContexts, demo_server: DemoServer
) -> None:
    agent = Agent(browser_context.page("agent1"), "agent1", demo_server.passwords["agent1"])
    agent.set_status("Available")
    agent.expect_state("Available")
    # The connection drops as a network failure would: the page says so, reconnects by itself
    # (the server's snapshot resynchronises it) and goes on showing changes as they happen.
    agent.page.evaluate("window.__opencontactFeed.drop()")
    expect(agent.page.get_by_role("status")).to_contain_text("reconnecting")
    expect(agent.page.get_by_text("reconnecting")).to_have_count(0)
    httpx.post(
        f"{demo_server.base_url}/sim/calls", json={"from": CUSTOMER, "to": demo_server.phone_number}
    ).raise_for_status()
    agent.expect_incoming(CUSTOMER)


def test_the_status_menu_works_from_the_keyboard(
    browser_context: BrowserContexts, demo_server: DemoServer
) -> None:
    agent = Agent(browser_context.page("agent1"), "agent1", demo_server.passwords["agent1"])
    menu_button = agent.page.get_by_role("button", name=re.compile("Change status"))
    menu_button.focus()
    agent.page.keyboard.press("Enter")
    expect(agent.page.get_by_role("menuitemradio", name="Available")).to_be_focused()
    agent.page.keyboard.press("Enter")
    agent.expect_state("Available")
    expect(menu_button).to_be_focused()


def test_the_agent_application_opens_the_panels_a_profile_allows(
    browser_context: BrowserContexts, demo_server: DemoServer
) -> None:
    page = browser_context.page("admin")
    Agent(page, "admin", demo_server.passwords["admin"], path="/agent-app-v2")
    page.get_by_role("tab", name="Knowledge").click()
    # The admin's profile allows the knowledge base: its search box, no refusal; the demo's
    # sample articles are there to find.
    panel = page.get_by_role("tabpanel", name="Knowledge")
    panel.get_by_label("Search knowledge").fill("refund")
    panel.get_by_label("Search knowledge").press("Enter")
    expect(panel.get_by_role("button", name="Refunds for cancelled orders")).to_be_visible()
    expect(panel.get_by_role("alert")).to_have_count(0)
