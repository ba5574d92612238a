"""/console in a real browser: the AWS account signs in with the access key pair, creates an
instance with the wizard (with an administrator), whose admin then signs in to the admin
website; the telephony switches and deleting an instance."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.browser import BrowserContexts, DemoServer, Screenshots

ADMIN_PASSWORD = "Adm1nPassword"


def _keys(demo_server: DemoServer) -> tuple[str, str]:
    """The access key pair the server printed."""
    runtime = demo_server.server.runtime
    assert runtime is not None
    return runtime.credentials.access_key_id, runtime.credentials.secret_access_key


def _sign_in(page: Page, demo_server: DemoServer, secret: str | None = None) -> None:
    key_id, right_secret = _keys(demo_server)
    page.goto("/console")
    page.get_by_label("Access key ID").fill(key_id)
    page.get_by_label("Secret access key").fill(secret or right_secret)
    page.get_by_role("button", name="Sign in").click()


def _create(page: Page, alias: str, *, admin: bool = True) -> None:
    """The Create instance wizard, step by step, with the defaults but outbound calls off."""
    page.get_by_role("link", name="Create instance").click()
    page.get_by_label("Access URL alias").fill(alias)
    page.get_by_role("button", name="Next").click()
    if admin:
        page.get_by_label("First name").fill("Ada")
        page.get_by_label("Last name").fill("Boss")
        page.get_by_label("Username").fill("boss")
        page.get_by_label("Password", exact=True).fill(ADMIN_PASSWORD)
        page.get_by_label("Confirm password").fill(ADMIN_PASSWORD)
    else:
        page.get_by_label("No administrator").check()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Outbound calls").uncheck()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Review and create")).to_be_visible()
    page.get_by_role("button", name="Create instance").click()


def test_wrong_keys_are_refused_and_the_right_ones_list_the_instances(
    browser_context: BrowserContexts, demo_server: DemoServer, shot: Screenshots
) -> None:
    page = browser_context.page()
    _sign_in(page, demo_server, secret="not-the-secret")
    expect(page.get_by_role("alert")).to_have_text(
        "The access key ID or secret access key is not right."
    )
    expect(page.get_by_label("Region")).to_have_value("us-east-1")
    shot(page, "01-wrong-keys")

    page.get_by_label("Secret access key").fill(_keys(demo_server)[1])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Instances"))).to_be_focused()
    demo = page.get_by_role("row").filter(has=page.get_by_role("link", name="demo", exact=True))
    expect(demo).to_contain_text("Store users in Amazon Connect")
    shot(page, "02-instances")


def test_an_instance_created_with_an_administrator_opens_to_that_administrator(
    browser_context: BrowserContexts, demo_server: DemoServer, shot: Screenshots
) -> None:
    page = browser_context.page()
    _sign_in(page, demo_server)
    page.get_by_role("link", name="Create instance").click()
    page.get_by_label("Access URL alias").fill("-acme")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("alert")).to_contain_text("letters, digits and hyphens")
    page.get_by_role("link", name="Cancel").click()

    _create(page, "acme-support")
    # Five calls in a row, one of them hashing the password: on a busy machine, more than the
    # usual few seconds.
    expect(page.get_by_role("heading", name="acme-support", exact=True)).to_be_visible(
        timeout=15_000
    )
    expect(page.get_by_role("status")).to_contain_text(
        "Instance acme-support created, with the administrator boss."
    )
    expect(page.get_by_role("switch", name="Inbound calls")).to_be_checked()
    expect(page.get_by_role("switch", name="Outbound calls")).not_to_be_checked()
    expect(page.get_by_role("link", name="Open Contact Control Panel")).to_have_attribute(
        "href", "/login?instance=acme-support&next=/ccp-v2"
    )
    shot(page, "01-created")

    page.get_by_role("link", name="Instances", exact=True).click()
    expect(page.get_by_role("link", name="acme-support", exact=True)).to_be_visible()
    page.get_by_role("link", name="acme-support", exact=True).click()
    page.get_by_role("link", name="Open admin website").click()
    expect(page.get_by_label("Instance", exact=True)).to_have_value("acme-support")
    page.get_by_label("Username", exact=True).fill("boss")
    page.get_by_label("Password", exact=True).fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # Signing in checks a password hash: give a busy machine the same room as above.
    expect(page).to_have_url(re.compile(r"/admin$"), timeout=15_000)
    shot(page, "02-admin-website")


def test_a_duplicate_alias_is_shown_and_nothing_is_created(
    browser_context: BrowserContexts, demo_server: DemoServer
) -> None:
    page = browser_context.page()
    _sign_in(page, demo_server)
    _create(page, "demo", admin=False)
    expect(page.get_by_role("alert")).to_have_text(
        "The alias 'demo' is already used by another instance."
    )
    page.get_by_role("link", name="Cancel").click()
    expect(page.get_by_role("row")).to_have_count(2)  # the header and demo


def test_telephony_switches_and_deleting_an_instance(
    browser_context: BrowserContexts, demo_server: DemoServer, shot: Screenshots
) -> None:
    page = browser_context.page()
    _sign_in(page, demo_server)
    _create(page, "short-lived", admin=False)
    page.get_by_role("switch", name="Outbound calls").check()
    expect(page.get_by_role("status")).to_contain_text("Outbound calls enabled.")

    page.get_by_role("button", name="Delete").click()
    dialog = page.get_by_role("dialog", name="Delete instance")
    expect(dialog.get_by_role("button", name="Delete")).to_be_disabled()
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)

    page.get_by_role("button", name="Delete").click()
    dialog.get_by_label("To confirm, type short-lived").fill("short-lived")
    shot(page, "01-confirm-delete")
    dialog.get_by_role("button", name="Delete").click()
    expect(page.get_by_role("status")).to_contain_text("Instance short-lived deleted.")
    expect(page.get_by_role("link", name="short-lived", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="demo", exact=True)).to_be_visible()
