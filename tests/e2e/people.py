"""The people of the seed walkthroughs, as page objects: an agent at the CCP, a customer on
/phone, an outside phone (a desk phone or transfer target) on /phone?number=..., and the admin
on /admin. Each finds the page's controls by role and accessible name, as a person (or a screen
reader) would."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser import sign_in


class Agent:
    def __init__(self, page: Page, username: str, password: str, path: str = "/ccp-v2") -> None:
        self.page = page
        self.username = username
        sign_in(page, username, password, next=path)
        expect(self.state).to_be_visible()

    @property
    def state(self) -> Locator:
        return self.page.get_by_test_id("agent-state")

    def button(self, name: str) -> Locator:
        return self.page.get_by_role("button", name=name, exact=True)

    def statuses(self) -> list[str]:
        self.page.get_by_role("button", name=re.compile("Change status")).click()
        names = self.page.get_by_role("menuitemradio").all_inner_texts()
        self.page.keyboard.press("Escape")
        return [name.replace("✓", "").strip() for name in names]  # ✓ marks the current one

    def set_status(self, name: str) -> None:
        self.page.get_by_role("button", name=re.compile("Change status")).click()
        self.page.get_by_role("menuitemradio", name=name, exact=True).click()

    def expect_state(self, text: str) -> None:
        expect(self.state).to_have_text(text)

    def expect_incoming(self, caller: str) -> None:
        expect(self.page.get_by_role("heading", name=re.compile("^Incoming"))).to_be_visible()
        expect(self.page.get_by_test_id("caller")).to_have_text(caller)

    def refused(self, words: str | re.Pattern[str]) -> None:
        expect(self.page.get_by_role("alert")).to_contain_text(words)


class Customer:
    """The customer's phone: /phone, first tab."""

    def __init__(self, page: Page, number: str = "+15555550100") -> None:
        self.page = page
        page.goto("/phone")
        page.get_by_label("Your number").fill(number)

    def call(self, number: str) -> None:
        self.page.get_by_label("Number to call").fill(number)
        self.page.get_by_role("button", name="Call", exact=True).click()
        expect(self.page.get_by_role("heading", name=f"Call to {number}")).to_be_visible()

    def expect_heard(self, text: str) -> None:
        expect(self.page.locator(".transcript")).to_contain_text(text)

    def expect_state(self, words: str) -> None:
        expect(self.page.get_by_role("status", name="Call state")).to_contain_text(words)

    def hang_up(self) -> None:
        self.page.get_by_role("button", name="Hang up").click()


class OutsidePhone:
    """An outside number's phone (a desk phone, a transfer target): /phone?number=..."""

    def __init__(self, page: Page, number: str) -> None:
        self.page = page
        self.number = number
        page.goto(f"/phone?number={number.replace('+', '%2B')}")
        expect(page.get_by_role("heading", name=f"Calls to {number}")).to_be_visible()

    def answer(self) -> None:
        self.page.get_by_role("button", name="Answer").click()

    def expect_ringing(self, caller: str) -> None:
        expect(
            self.page.get_by_role("listitem", name=f"Ringing call from {caller}")
        ).to_be_visible()
