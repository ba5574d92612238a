"""The browser tests' virtual clock: the pages' `Date` is the server's time, and moves only
when the test moves the server's clock."""

from __future__ import annotations

from datetime import datetime

from playwright.sync_api import expect

from tests.e2e.browser import BrowserContexts, ServerClock


def test_pages_show_the_time_of_the_servers_virtual_clock(
    browser_context: BrowserContexts, server_clock: ServerClock
) -> None:
    page = browser_context.page()
    page.goto("/login")
    expect(page.get_by_label("Username", exact=True)).to_be_visible()
    start = server_clock.now()

    def page_time() -> datetime:
        return datetime.fromisoformat(page.evaluate("new Date().toISOString()"))

    assert page_time() == start
    later = server_clock.advance(90)
    assert (later - start).total_seconds() == 90
    assert page_time() == later
    # A page opened after the clock moved starts at the server's time too.
    other = browser_context("second").new_page()
    other.goto("/login")
    assert datetime.fromisoformat(other.evaluate("new Date().toISOString()")) == later
