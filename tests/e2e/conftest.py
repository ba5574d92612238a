"""Fixtures of the browser tests.

    def test_x(browser_context, demo_passwords, server_clock, shot):
        agent = browser_context.page("agent1")
        sign_in(agent, "agent1", demo_passwords["agent1"])
        server_clock.advance(30)
        shot(agent, "01-offer-missed")

Each test gets its own server (the demo instance, fresh, on a virtual clock) and closes its own
browser contexts; Chromium itself starts once for all the browser tests.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from opencontact.clock import VirtualClock
from opencontact.config import Settings
from opencontact.testing import LiveServer
from tests.e2e.browser import (
    BrowserContexts,
    DemoServer,
    Screenshots,
    ServerClock,
    artifacts_folder,
    launch_chromium,
)


@pytest.fixture(scope="package")
def playwright_driver() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="package")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    chromium = launch_chromium(playwright_driver)
    yield chromium
    chromium.close()


@pytest.fixture
def demo_server(tmp_path: Path) -> Iterator[DemoServer]:
    """`opencontact serve --demo` on a free port, its clock virtual. The clock starts at the
    real present, so that a browser which does not follow it (`follow_server_clock=False`)
    still finds its 12-hour session valid."""
    clock = VirtualClock(datetime.now(UTC).replace(microsecond=0))
    with LiveServer(Settings(data_dir=tmp_path / "server", demo=True), clock) as server:
        assert server.runtime is not None
        assert server.runtime.demo is not None
        demo = server.runtime.demo
        server_clock = ServerClock(server.base_url)
        try:
            yield DemoServer(
                server=server,
                base_url=server.base_url,
                instance_alias=demo.instance.alias or "demo",
                phone_number=demo.phone_number,
                passwords=dict(demo.passwords),
                clock=server_clock,
            )
        finally:
            server_clock.close()


@pytest.fixture
def server_clock(demo_server: DemoServer) -> ServerClock:
    return demo_server.clock


@pytest.fixture
def demo_passwords(demo_server: DemoServer) -> Mapping[str, str]:
    """Username -> password of the demo users: agent1, agent2, admin."""
    return demo_server.passwords


@pytest.fixture
def artifacts(request: pytest.FixtureRequest) -> Path:
    return artifacts_folder(request.config.rootpath, request.node.name)


@pytest.fixture
def browser_context(
    browser: Browser, demo_server: DemoServer, artifacts: Path
) -> Iterator[BrowserContexts]:
    contexts = BrowserContexts(browser, demo_server, artifacts)
    yield contexts
    contexts.close()


@pytest.fixture
def shot(artifacts: Path) -> Screenshots:
    return Screenshots(artifacts)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A test whose pages reported errors fails with them, even if its assertions held; a
    failed test leaves a screenshot of every page it had open."""
    report = yield
    contexts = getattr(item, "funcargs", {}).get("browser_context")
    if report.when != "call" or not isinstance(contexts, BrowserContexts):
        return report
    errors = contexts.errors
    if errors:
        text = "\n".join(errors)
        report.sections.append(("errors in the pages", text))
        if report.passed:
            report.outcome = "failed"
            report.longrepr = f"The pages reported errors:\n{text}"
    if report.failed:
        saved = contexts.capture_failure()
        if saved:
            report.sections.append(("screenshots", "\n".join(str(path) for path in saved)))
    return report
