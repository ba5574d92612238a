"""What the browser tests share: the demo server on a virtual clock, Debian's Chromium, one
isolated browser context per person (whose page errors fail the test), screenshots, signing in.

Everything here is Playwright's sync API: the tests are plain functions, so no asyncio loop
runs in the test thread (pytest-asyncio only runs `async def` tests in one), and the server
runs on its own thread and loop (`LiveServer`).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    WebError,
    expect,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from opencontact.testing import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
# Headless Chromium as the machine runs it: no sandbox (the tests run as root in CI), no GPU,
# and none of Chromium's own traffic to Google, which the closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Long enough for a page to react to a WebSocket message on a busy CI machine, short enough that
# a test which waits for something that never comes fails in seconds.
ACTION_TIMEOUT_MS = 10_000
EXPECT_TIMEOUT_MS = 5_000
SCREENSHOT_TIMEOUT_MS = 30_000

# Chromium logs every HTTP error answer as a console error. A 4xx is an answer the page is
# expected to handle (and show: the tests assert that); a 5xx or a script error is a bug.
HANDLED_HTTP_ERROR = re.compile(
    r"^Failed to load resource: the server responded with a status of 4\d\d\b"
)

_SAFE_NAME = re.compile(r"[^\w.-]+")


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless. Never skipped: `make test` installs it when it is missing."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Debian's Chromium at {CHROMIUM}. `make test` installs it "
            "(apt-get install chromium); run that, or install the package yourself.",
            pytrace=False,
        )
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


class ServerClock:
    """The live server's virtual clock. Time stands still until a test moves it: `advance`
    asks the server (POST /sim/clock/advance), so every timer that falls due (offer timeouts,
    after-contact work, flow waits) fires on the server's own event loop, in order. Browser
    contexts that follow it have `Date.now()` fixed at the same moment, so what the pages show
    (durations, "since" times) is what the server knows; their timers keep running in real
    time, so the pages still render and reconnect as usual."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.Client(base_url=base_url, timeout=10)
        self._followers: list[BrowserContext] = []

    def now(self) -> datetime:
        answer = self._http.get("/sim/clock")
        answer.raise_for_status()
        return _moment(answer.json())

    def advance(self, seconds: float) -> datetime:
        """Move time forward on the server and in every following browser context."""
        answer = self._http.post("/sim/clock/advance", json={"seconds": seconds})
        if answer.status_code != 200:
            raise AssertionError(f"the server would not advance its clock: {answer.text}")
        moment = _moment(answer.json())
        for context in self._followers:
            context.clock.set_fixed_time(moment)
        return moment

    def follow(self, context: BrowserContext) -> None:
        context.clock.set_fixed_time(self.now())
        self._followers.append(context)
        context.on("close", self._forget)

    def _forget(self, context: BrowserContext) -> None:
        if context in self._followers:
            self._followers.remove(context)

    def close(self) -> None:
        self._http.close()


def _moment(body: Mapping[str, Any]) -> datetime:
    assert body.get("virtual") is True, f"the server does not run on a virtual clock: {body}"
    return datetime.fromisoformat(str(body["now"]))


@dataclass(frozen=True)
class DemoServer:
    """A running OpenContact with the demo instance (`opencontact serve --demo`)."""

    server: LiveServer
    base_url: str
    instance_alias: str
    phone_number: str
    passwords: Mapping[str, str]
    clock: ServerClock


class BrowserContexts:
    """Opens isolated browser contexts on the demo server, one per person (agent1, agent2, the
    customer's phone): separate storage, so separate sessions. Uncaught exceptions and console
    errors of their pages are collected; the test fails with them (see conftest)."""

    def __init__(self, browser: Browser, server: DemoServer, artifacts: Path) -> None:
        self._browser = browser
        self._server = server
        self._artifacts = artifacts
        self._contexts: dict[str, BrowserContext] = {}
        self._allowed: list[re.Pattern[str]] = [HANDLED_HTTP_ERROR]
        self._errors: list[str] = []

    def __call__(
        self, name: str = "browser", *, follow_server_clock: bool = True, **options: Any
    ) -> BrowserContext:
        """A new context; `options` go to Playwright's `new_context` (viewport, locale...)."""
        if name in self._contexts:
            raise ValueError(f"there is already a browser context named {name!r}")
        context = self._browser.new_context(base_url=self._server.base_url, **options)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        if follow_server_clock:
            self._server.clock.follow(context)
        context.on("weberror", lambda error: self._page_error(name, error))
        context.on("console", lambda message: self._console(name, message))
        self._contexts[name] = context
        return context

    def page(self, name: str = "browser", **options: Any) -> Page:
        """A page in a new context of its own: the usual case of one person, one tab."""
        return self(name, **options).new_page()

    def allow_console_error(self, pattern: str) -> None:
        """Tolerate console errors matching `pattern` (a regular expression), for a test that
        makes one happen on purpose (a server restart logs a failed WebSocket, say)."""
        self._allowed.append(re.compile(pattern))

    @property
    def errors(self) -> list[str]:
        return list(self._errors)

    def capture_failure(self) -> list[Path]:
        """A screenshot of every open page, for a test that failed."""
        saved = []
        for name, context in self._contexts.items():
            for number, page in enumerate(context.pages, start=1):
                if page.is_closed():
                    continue
                path = self._artifacts / f"failed-{_SAFE_NAME.sub('-', name)}-{number}.png"
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=path, full_page=True)
                except Exception:  # the test's own failure is what matters, not this
                    continue
                saved.append(path)
        return saved

    def close(self) -> None:
        for context in self._contexts.values():
            context.close()

    def _page_error(self, name: str, error: WebError) -> None:
        where = error.page.url if error.page else "a page"
        self._errors.append(f"{name}: uncaught error on {where}: {error.error.stack}")

    def _console(self, name: str, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        if any(pattern.search(message.text) for pattern in self._allowed):
            return
        where = message.location.get("url") or (message.page.url if message.page else "a page")
        self._errors.append(f"{name}: console error at {where}: {message.text}")


class Screenshots:
    """`shot(page, "03-agent-accepts")`: a PNG of the whole page in this test's artifacts
    folder (.artifacts/e2e/<test name>/), for people to look at; returns its path."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __call__(self, page: Page, name: str) -> Path:
        if not re.fullmatch(r"[\w.-]+", name):
            raise ValueError(f"a screenshot name is letters, digits, '-', '_' or '.': {name!r}")
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{name}.png"
        # A picture for people, not an assertion: a busy machine may take a while to paint it.
        # A full-page capture resizes the page first, which a starved renderer can be slow to
        # do; then the visible part is still worth having.
        try:
            page.screenshot(path=path, full_page=True, timeout=SCREENSHOT_TIMEOUT_MS)
        except PlaywrightTimeoutError:
            page.screenshot(path=path, timeout=SCREENSHOT_TIMEOUT_MS)
        return path


def artifacts_folder(root: Path, test_name: str) -> Path:
    """This test's folder under .artifacts/e2e, emptied of an earlier run's files (it is made
    again when the test saves its first screenshot)."""
    folder = root / ".artifacts" / "e2e" / _SAFE_NAME.sub("-", test_name).strip("-")
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def sign_in(
    page: Page, username: str, password: str, next: str = "/ccp-v2", *, instance: str = "demo"
) -> None:
    """Sign in through /login as a person would, and wait until the page `next` is shown."""
    page.goto(f"/login?{urlencode({'next': next})}")
    page.get_by_label("Instance", exact=True).fill(instance)
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"^https?://[^/]+" + re.escape(next) + "$"))
