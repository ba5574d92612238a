"""The customer's chat: /chat in a phone-sized window, an agent answering in the CCP, typing,
read receipts, ending the chat and downloading its transcript; a dropped connection and a
reload that continue the same chat; and another website that embeds the chat with the script
tag of docs/chat-widget.md."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import FrameLocator, Locator, Page, expect

from tests.e2e.browser import BrowserContexts, DemoServer, Screenshots
from tests.e2e.people import Agent

PHONE = {"width": 360, "height": 720}
# What the demo's Sample inbound flow says first, to callers and chat customers alike.
GREETING = "Please hold while we connect you to the next available agent."


class ChatCustomer:
    """The customer on /chat (or in the widget's frame): finds everything by role and label."""

    def __init__(self, where: Page | FrameLocator) -> None:
        self.where = where

    @property
    def log(self) -> Locator:
        return self.where.get_by_role("log", name="Conversation")

    @property
    def typing(self) -> Locator:
        return self.where.locator(".chat-typing")

    def button(self, name: str) -> Locator:
        return self.where.get_by_role("button", name=name, exact=True)

    def start(self, name: str, first_message: str = "") -> None:
        self.where.get_by_label("Your name").fill(name)
        if first_message:
            self.where.get_by_label("First message").fill(first_message)
        self.button("Start chat").click()
        expect(self.log).to_contain_text(GREETING)

    def my_message(self, text: str) -> Locator:
        return self.log.locator(".chat-message.from-customer", has_text=text)

    def their_messages(self, text: str) -> Locator:
        return self.log.locator(".chat-message.from-agent", has_text=text)


def _chat_tab_open(agent: Agent) -> None:
    """The agent accepts the chat offered to them; the CCP shows its tab."""
    expect(agent.page.get_by_role("heading", name=re.compile("^Incoming"))).to_be_visible()
    agent.button("Accept").click()
    expect(agent.page.get_by_role("heading", name="Chat")).to_be_visible()


def _agent_says(agent: Agent, text: str) -> None:
    box = agent.page.get_by_label("Message", exact=True)
    box.press_sequentially(text)
    box.press("Enter")


def test_a_customer_chats_with_an_agent_ends_the_chat_and_downloads_the_transcript(
    browser_context: BrowserContexts, demo_server: DemoServer, shot: Screenshots
) -> None:
    agent = Agent(browser_context.page("agent1"), "agent1", demo_server.passwords["agent1"])
    agent.set_status("Available")
    agent.expect_state("Available")

    # The customer uses the keyboard only: the name field has the focus when the form is
    # ready, Tab moves on, Enter on Start chat starts.
    page = browser_context.page("customer", viewport=PHONE)
    customer = ChatCustomer(page)
    page.goto("/chat")
    expect(page.get_by_label("Your name")).to_be_focused()
    shot(page, "01-start-form")
    page.keyboard.type("Ana")
    page.keyboard.press("Tab")
    page.keyboard.type("My order has not arrived.")
    page.keyboard.press("Tab")
    expect(customer.button("Start chat")).to_be_focused()
    page.keyboard.press("Enter")
    expect(customer.log).to_contain_text(GREETING)
    expect(customer.my_message("My order has not arrived.")).to_be_visible()

    # agent1 gets the chat, accepts it and starts typing: the customer sees it.
    _chat_tab_open(agent)
    # Agents appear by their first name, as in Amazon Connect (the demo's agent1 is Agent One).
    expect(customer.log.get_by_text("Agent joined")).to_be_visible()
    agent.page.get_by_label("Message", exact=True).press_sequentially("Hello Ana")
    expect(customer.typing).to_contain_text("is typing…")
    shot(page, "02-agent-typing")
    agent.page.get_by_label("Message", exact=True).press_sequentially(", let me look.")
    agent.page.get_by_label("Message", exact=True).press("Enter")
    expect(customer.their_messages("Hello Ana, let me look.")).to_be_visible()
    expect(customer.typing).to_have_text("")

    # The agent has the customer's message on screen: the customer sees it read. The
    # customer has the agent's on screen: the agent sees it read.
    expect(customer.my_message("My order has not arrived.").locator(".chat-receipt")).to_have_text(
        "Read"
    )
    expect(agent.page.get_by_test_id("receipt").last).to_have_text("Read")

    # The customer answers with Enter in the composer, which has the focus.
    expect(page.get_by_label("Message", exact=True)).to_be_focused()
    page.keyboard.type("It is order 1234.")
    page.keyboard.press("Enter")
    expect(customer.my_message("It is order 1234.")).to_be_visible()
    expect(agent.page.get_by_role("log", name="Transcript")).to_contain_text("It is order 1234.")
    expect(customer.my_message("It is order 1234.").locator(".chat-receipt")).to_have_text("Read")
    shot(page, "03-conversation")

    # End chat asks first; Keep chatting changes nothing.
    customer.button("End chat").click()
    dialog = page.get_by_role("dialog", name="End this chat?")
    expect(dialog).to_be_visible()
    shot(page, "04-end-chat-confirmation")
    dialog.get_by_role("button", name="Keep chatting").click()
    expect(dialog).to_be_hidden()
    customer.button("End chat").click()
    dialog.get_by_role("button", name="Yes, end chat").click()
    expect(page.get_by_role("heading", name="Chat ended")).to_be_visible()
    expect(page.get_by_label("Message", exact=True)).to_have_count(0)
    expect(agent.page.get_by_role("heading", name="After contact work")).to_be_visible()
    shot(page, "05-chat-ended")

    with page.expect_download() as download:
        customer.button("Download transcript").click()
    assert re.fullmatch(r"chat-transcript-[\w-]+\.txt", download.value.suggested_filename)
    text = Path(download.value.path()).read_text(encoding="utf-8")
    lines = [line.split("] ", 1)[-1] for line in text.splitlines() if line.startswith("[")]
    assert any(line.startswith("System: ") and GREETING in line for line in lines)
    assert "Ana: My order has not arrived." in lines
    assert "Agent: Hello Ana, let me look." in lines
    assert "Ana: It is order 1234." in lines
    assert lines.index("Ana: My order has not arrived.") < lines.index("Ana: It is order 1234.")

    # Reloading the ended chat still shows it; Start a new chat goes back to the form.
    page.reload()
    expect(page.get_by_role("heading", name="Chat ended")).to_be_visible()
    expect(customer.my_message("It is order 1234.")).to_be_visible()
    customer.button("Start a new chat").click()
    expect(page.get_by_label("Your name")).to_be_visible()


def test_a_dropped_connection_and_a_reload_continue_the_same_chat_without_duplicates(
    browser_context: BrowserContexts, demo_server: DemoServer
) -> None:
    agent = Agent(browser_context.page("agent1"), "agent1", demo_server.passwords["agent1"])
    agent.set_status("Available")
    page = browser_context.page("customer", viewport=PHONE)
    customer = ChatCustomer(page)
    page.goto(f"/chat?instance={demo_server.instance_alias}")
    customer.start("Ben", "Hello")
    _chat_tab_open(agent)
    _agent_says(agent, "First answer")
    expect(customer.their_messages("First answer")).to_be_visible()

    # The socket drops: the page says so, reconnects by itself and catches up.
    page.evaluate("window.__opencontactChat.drop()")
    expect(page.get_by_role("status").filter(has_text="reconnecting")).to_be_visible()
    expect(page.get_by_text("reconnecting")).to_have_count(0)
    _agent_says(agent, "Second answer")
    expect(customer.their_messages("Second answer")).to_be_visible()

    # A reload continues the same chat (sessionStorage), each item once.
    page.reload()
    expect(customer.their_messages("Second answer")).to_be_visible()
    page.get_by_label("Message", exact=True).fill("Still here")
    page.get_by_label("Message", exact=True).press("Enter")
    expect(agent.page.get_by_role("log", name="Transcript")).to_contain_text("Still here")
    expect(customer.their_messages("First answer")).to_have_count(1)
    expect(customer.their_messages("Second answer")).to_have_count(1)
    expect(customer.my_message("Hello")).to_have_count(1)
    expect(customer.my_message("Still here")).to_have_count(1)

    # The agent ends the chat: the customer's page says so.
    agent.button("End chat").click()
    expect(page.get_by_role("heading", name="Chat ended")).to_be_visible()
    expect(customer.log).to_contain_text("Chat ended")


def test_the_customer_is_told_of_a_transfer_and_of_the_next_agent_joining(
    browser_context: BrowserContexts, demo_server: DemoServer, shot: Screenshots
) -> None:
    passwords = demo_server.passwords
    agent1 = Agent(browser_context.page("agent1"), "agent1", passwords["agent1"])
    agent2 = Agent(browser_context.page("agent2"), "agent2", passwords["agent2"])
    agent1.set_status("Available")
    agent1.expect_state("Available")
    page = browser_context.page("customer", viewport=PHONE)
    customer = ChatCustomer(page)
    page.goto("/chat")
    customer.start("Dan", "Can I change my address?")
    _chat_tab_open(agent1)
    _agent_says(agent1, "I will pass you to a colleague.")
    expect(customer.their_messages("I will pass you to a colleague.")).to_be_visible()

    agent2.set_status("Available")
    agent2.expect_state("Available")
    agent1.button("Transfer").click()
    agent1.button("agent2 qc").click()
    expect(customer.log).to_contain_text("You are being transferred")
    _chat_tab_open(agent2)
    # Both demo agents are called Agent (their first name): two joined the chat.
    expect(customer.log.get_by_text("Agent joined")).to_have_count(2)
    _agent_says(agent2, "Hello Dan, I can change it.")
    expect(customer.their_messages("Hello Dan, I can change it.")).to_be_visible()
    expect(customer.their_messages("I will pass you to a colleague.")).to_have_count(1)
    shot(page, "01-transferred")


def test_the_server_refusing_to_start_a_chat_is_said_plainly(
    browser_context: BrowserContexts, demo_server: DemoServer
) -> None:
    page = browser_context.page("customer", viewport=PHONE)
    page.goto("/chat?instance=no-such-instance")
    page.get_by_label("Your name").fill("Ana")
    page.get_by_role("button", name="Start chat").click()
    expect(page.get_by_role("alert")).to_contain_text("no-such-instance")
    expect(page.get_by_role("log")).to_have_count(0)


class _Shop:
    """Another website, on an origin of its own (a second local server), whose page embeds the
    chat with the documented script tag. Served from loopback like OpenContact, so that
    Chromium's local network access rules treat the two alike, as two public sites would be."""

    def __init__(self, opencontact: str) -> None:
        page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<style>button {{ background: rgb(255, 0, 0); }} * {{ font-family: serif; }}</style></head>
<body><h1>The shop</h1><button type="button">Buy</button>
<script src="{opencontact}/chat/widget.js" data-instance="demo" async></script>
</body></html>""".encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("content-type", "text/html; charset=utf-8")
                self.send_header("content-length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, format: str, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("localhost", 0), Handler)
        self.url = f"http://localhost:{self._server.server_address[1]}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def shop(demo_server: DemoServer) -> Iterator[_Shop]:
    site = _Shop(demo_server.base_url)
    yield site
    site.close()


def test_another_website_embeds_the_chat_with_a_script_tag(
    browser_context: BrowserContexts, shop: _Shop, shot: Screenshots
) -> None:
    page = browser_context.page("shopper", viewport={"width": 1024, "height": 760})
    page.goto(shop.url)
    launcher = page.get_by_role("button", name="Chat with us")
    expect(launcher).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    # The shop's styles do not reach the widget, and the widget's do not reach the shop.
    assert launcher.evaluate("b => getComputedStyle(b).backgroundColor") != "rgb(255, 0, 0)"
    buy = page.get_by_role("button", name="Buy")
    assert buy.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(255, 0, 0)"

    launcher.click()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    frame = page.frame_locator('iframe[title="Chat with us"]')
    frame_element = page.locator('iframe[title="Chat with us"]')
    assert "instance=demo" in (frame_element.get_attribute("src") or "")
    customer = ChatCustomer(frame)
    customer.start("Cleo", "Do you ship abroad?")
    shot(page, "06-widget-open")

    # Hide chat keeps the conversation; the button brings it back as it was. Escape in the
    # chat hides it too.
    page.get_by_role("button", name="Hide chat").click()
    expect(frame_element).to_be_hidden()
    expect(launcher).to_be_focused()
    launcher.click()
    expect(customer.my_message("Do you ship abroad?")).to_be_visible()
    frame.get_by_label("Message", exact=True).press("Escape")
    expect(frame_element).to_be_hidden()
    expect(launcher).to_be_focused()

    # The site's next page (here: the same one again) continues the same chat.
    page.reload()
    page.get_by_role("button", name="Chat with us").click()
    expect(customer.my_message("Do you ship abroad?")).to_be_visible()
    expect(customer.button("End chat")).to_be_visible()
