"""Chats in the CCP: a customer on /chat is answered by agent1 in the chat's tab, transferred
to agent2 through a quick connect, and agent2 reads the whole conversation; an agent whose
routing profile takes three chats at once works them in three tabs, moving between them with
the keyboard. Screenshots in .artifacts/e2e/<test>/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.e2e.browser import BrowserContexts, DemoServer, Screenshots
from tests.e2e.connect import connect_client, demo_instance_id
from tests.e2e.people import Agent

NARROW = {"viewport": {"width": 400, "height": 900}}
PHONE = {"viewport": {"width": 360, "height": 720}}


class ApiChatCustomer:
    """A customer chatting through the public chat API and the Participant Service, as a chat
    widget of one's own would."""

    def __init__(self, http: httpx.Client, name: str, first_message: str) -> None:
        self.http = http
        self.name = name
        started = http.post(
            "/api/v1/chat/start",
            json={"instance": "demo", "displayName": name, "initialMessage": first_message},
        )
        started.raise_for_status()
        connection = http.post(
            "/participant/connection",
            headers={"X-Amz-Bearer": started.json()["ParticipantToken"]},
            json={"Type": ["CONNECTION_CREDENTIALS"], "ConnectParticipant": True},
        )
        connection.raise_for_status()
        self.token = connection.json()["ConnectionCredentials"]["ConnectionToken"]

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = self.http.post(path, headers={"X-Amz-Bearer": self.token}, json=body)
        answer.raise_for_status()
        result: dict[str, Any] = answer.json()
        return result

    def say(self, text: str) -> None:
        self._post("/participant/message", {"ContentType": "text/plain", "Content": text})

    def messages_from_agents(self) -> list[str]:
        items = self._post("/participant/transcript", {"MaxResults": 100})["Transcript"]
        return [
            item["Content"]
            for item in items
            if item["Type"] == "MESSAGE" and item["ParticipantRole"] == "AGENT"
        ]


@pytest.fixture
def chat_http(demo_server: DemoServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=demo_server.base_url, timeout=10) as http:
        yield http


def _transcript(agent: Agent) -> Any:
    return agent.page.get_by_role("log", name="Transcript")


def _say(agent: Agent, text: str) -> None:
    box = agent.page.get_by_role("textbox", name="Message", exact=True)
    box.fill(text)
    box.press("Enter")
    expect(_transcript(agent).locator(".from-agent", has_text=text)).to_be_visible()


def test_a_chat_answered_by_agent1_and_transferred_to_agent2_keeps_its_history(
    browser_context: BrowserContexts, demo_server: DemoServer, shot: Screenshots
) -> None:
    passwords = demo_server.passwords
    agent1 = Agent(browser_context.page("agent1", **NARROW), "agent1", passwords["agent1"])
    agent2 = Agent(browser_context.page("agent2", **NARROW), "agent2", passwords["agent2"])
    agent1.set_status("Available")
    agent1.expect_state("Available")

    # The customer starts a chat on /chat.
    customer = browser_context.page("customer", **PHONE)
    customer.goto("/chat")
    customer.get_by_label("Your name").fill("Ana")
    customer.get_by_label("First message").fill("My parcel is late.")
    customer.get_by_role("button", name="Start chat").click()
    conversation = customer.get_by_role("log", name="Conversation")
    expect(conversation).to_contain_text("My parcel is late.")

    # agent1 is offered it in a ringing tab, with the customer's first message.
    tab = agent1.page.get_by_role("tab", name=re.compile(r"^Chat: Ana"))
    expect(tab).to_have_accessible_name("Chat: Ana (Incoming)")
    expect(agent1.page.get_by_role("heading", name="Incoming chat")).to_be_visible()
    expect(agent1.page.get_by_role("tabpanel")).to_contain_text("My parcel is late.")
    shot(agent1.page, "01-chat-offered")
    agent1.button("Accept").click()
    expect(agent1.page.get_by_role("heading", name="Chat", exact=True)).to_be_visible()
    expect(tab).to_have_accessible_name("Chat: Ana (Connected)")
    demo_server.clock.advance(95)
    expect(agent1.page.get_by_test_id("contact-timer")).to_have_text("1:35")

    # The transcript: the flow's greeting (a system message), the customer's message.
    transcript = _transcript(agent1)
    expect(transcript).to_have_attribute("aria-live", "polite")
    expect(transcript.locator(".from-system")).to_contain_text("Please hold")
    expect(transcript.locator(".from-customer")).to_contain_text("My parcel is late.")

    # They talk: Enter sends; the customer's typing shows; receipts say Read.
    _say(agent1, "Hello Ana, let me check.")
    expect(conversation).to_contain_text("Hello Ana, let me check.")
    expect(agent1.page.get_by_test_id("receipt").last).to_have_text("Read")
    customer.get_by_label("Message", exact=True).press_sequentially("It is order 1234")
    expect(agent1.page.locator(".typing")).to_have_text("Ana is typing…")
    customer.get_by_label("Message", exact=True).press("Enter")
    expect(transcript.locator(".from-customer", has_text="It is order 1234")).to_be_visible()
    expect(agent1.page.locator(".typing")).to_have_text("")
    # Shift+Enter starts a new line instead of sending.
    box = agent1.page.get_by_role("textbox", name="Message", exact=True)
    box.press_sequentially("Found it.")
    box.press("Shift+Enter")
    box.press_sequentially("It leaves today.")
    expect(box).to_have_value("Found it.\nIt leaves today.")
    agent1.button("Send").click()
    expect(transcript.locator(".from-agent", has_text="It leaves today.")).to_be_visible()
    expect(box).to_have_value("")
    shot(agent1.page, "02-chat-conversation")

    # Transfer to agent2 through agent2's quick connect: agents and queues only.
    agent2.set_status("Available")
    agent2.expect_state("Available")
    agent1.button("Transfer").click()
    quick_connects = agent1.page.get_by_role("list", name="Quick connects list")
    expect(quick_connects).to_contain_text("agent2 qc")
    expect(quick_connects).not_to_contain_text("Supervisor mobile")
    shot(agent1.page, "03-chat-transfer")
    agent1.button("agent2 qc").click()
    expect(agent1.page.get_by_role("heading", name="After contact work")).to_be_visible()
    expect(transcript).to_contain_text("It leaves today.")

    # agent2 gets the chat with everything said before it.
    agent2.expect_incoming("Ana")
    agent2.button("Accept").click()
    history = _transcript(agent2)
    for line in ("My parcel is late.", "Hello Ana, let me check.", "It is order 1234"):
        expect(history).to_contain_text(line)
    expect(history.locator(".from-agent", has_text="Found it.")).to_contain_text("It leaves today.")
    _say(agent2, "Hi Ana, I am taking over from here.")
    expect(conversation).to_contain_text("Hi Ana, I am taking over from here.")
    shot(agent2.page, "04-chat-after-transfer")
    agent1.button("Close contact").click()
    agent1.expect_state("Available")

    # End chat, after contact work, Close contact.
    agent2.button("End chat").click()
    expect(agent2.page.get_by_role("heading", name="After contact work")).to_be_visible()
    expect(customer.get_by_role("heading", name="Chat ended")).to_be_visible()
    agent2.button("Close contact").click()
    agent2.expect_state("Available")
    expect(agent2.page.get_by_role("tab")).to_have_count(0)


def test_three_chats_at_once_in_tabs_reached_by_keyboard(
    browser_context: BrowserContexts,
    demo_server: DemoServer,
    shot: Screenshots,
    chat_http: httpx.Client,
) -> None:
    # The admin lets agents of the Basic Routing Profile take three chats at once.
    connect = connect_client(demo_server)
    instance_id = demo_instance_id(demo_server)
    profiles = connect.list_routing_profiles(InstanceId=instance_id)["RoutingProfileSummaryList"]
    basic = next(p for p in profiles if p["Name"] == "Basic Routing Profile")
    connect.update_routing_profile_concurrency(
        InstanceId=instance_id,
        RoutingProfileId=basic["Id"],
        MediaConcurrencies=[
            {"Channel": "VOICE", "Concurrency": 1},
            {"Channel": "CHAT", "Concurrency": 3},
            {"Channel": "TASK", "Concurrency": 1},
        ],
    )

    agent = Agent(
        browser_context.page("agent1", **NARROW), "agent1", demo_server.passwords["agent1"]
    )
    agent.set_status("Available")
    agent.expect_state("Available")
    page = agent.page
    tabs = page.get_by_role("tablist", name="Contacts")

    def tab(name: str) -> Any:
        return tabs.get_by_role("tab", name=re.compile(rf"^Chat: {name} "))

    # The first chat takes the screen; accepted.
    ana = ApiChatCustomer(chat_http, "Ana", "Where is my parcel?")
    expect(page.get_by_role("heading", name="Incoming chat")).to_be_visible()
    agent.button("Accept").click()
    expect(tab("Ana")).to_have_accessible_name("Chat: Ana (Connected)")
    demo_server.clock.advance(70)

    # The second rings in its own tab while agent1 stays on Ana's chat; the arrow key opens
    # it, Tab reaches Accept.
    ben = ApiChatCustomer(chat_http, "Ben", "I want to change my address.")
    # (His first message is unread: the tab counts it.)
    expect(tab("Ben")).to_have_accessible_name("Chat: Ben (Incoming), 1 new message")
    expect(tab("Ana")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("heading", name="Chat", exact=True)).to_be_visible()
    tab("Ana").focus()
    page.keyboard.press("ArrowRight")
    expect(tab("Ben")).to_be_focused()
    expect(tab("Ben")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("heading", name="Incoming chat")).to_be_visible()
    page.keyboard.press("Tab")
    expect(agent.button("Accept")).to_be_focused()
    page.keyboard.press("Enter")
    expect(tab("Ben")).to_have_accessible_name("Chat: Ben (Connected)")
    demo_server.clock.advance(25)

    # The third: End goes to the last tab.
    chloe = ApiChatCustomer(chat_http, "Chloe", "Do you ship to Norway?")
    expect(tab("Chloe")).to_have_accessible_name("Chat: Chloe (Incoming), 1 new message")
    tab("Ben").focus()
    page.keyboard.press("End")
    expect(tab("Chloe")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(tab("Chloe")).to_have_accessible_name("Chat: Chloe (Connected)")
    expect(tabs.get_by_role("tab")).to_have_count(3)
    _say(agent, "Yes, we ship to Norway.")

    # Ana writes while Chloe's chat is on screen: her tab counts the new message.
    ana.say("Hello?")
    expect(tab("Ana")).to_have_accessible_name("Chat: Ana (Connected), 1 new message")
    shot(page, "01-three-chats")

    # Home goes to the first tab: Ana's message is there, read, and answered.
    tab("Chloe").focus()
    page.keyboard.press("Home")
    expect(tab("Ana")).to_be_focused()
    expect(_transcript(agent)).to_contain_text("Hello?")
    expect(tab("Ana")).to_have_accessible_name("Chat: Ana (Connected)")
    _say(agent, "Your parcel arrives tomorrow.")
    tab("Ana").focus()
    page.keyboard.press("ArrowLeft")
    expect(tab("Chloe")).to_be_focused()
    expect(_transcript(agent)).to_contain_text("Yes, we ship to Norway.")
    shot(page, "02-three-chats-keyboard")

    assert ana.messages_from_agents() == ["Your parcel arrives tomorrow."]
    assert chloe.messages_from_agents() == ["Yes, we ship to Norway."]
    assert ben.messages_from_agents() == []
