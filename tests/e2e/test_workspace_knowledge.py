"""The knowledge base in a real browser: the admin writes an article in /admin (Markdown with a
preview, tags), publishes it; an agent whose security profile has Wisdom.View searches it in
/agent-app-v2 and opens it; an agent without the permission is refused by the server. The
permission is granted through the Amazon Connect API, as an admin's script would."""

from __future__ import annotations

import re
from collections.abc import Mapping

from playwright.sync_api import Page, expect

from tests.e2e.browser import BrowserContexts, DemoServer, Screenshots, sign_in
from tests.e2e.connect import connect_client, demo_instance_id
from tests.e2e.people import Agent

BODY = """# Refunds

Customers get their **money back** within 14 days.

- Check the order number
- Send the refund

<script>alert('not run')</script>
"""


def _give_knowledge_to(demo_server: DemoServer, username: str) -> None:
    """`username` gets a security profile with the CCP and Wisdom.View (through
    UpdateUserSecurityProfiles)."""
    connect = connect_client(demo_server)
    instance_id = demo_instance_id(demo_server)
    profile = connect.create_security_profile(
        InstanceId=instance_id,
        SecurityProfileName="Knowledge reader",
        Permissions=["BasicAgentAccess", "Wisdom.View"],
    )
    users = connect.list_users(InstanceId=instance_id)["UserSummaryList"]
    [user] = [u for u in users if u["Username"] == username]
    connect.update_user_security_profiles(
        InstanceId=instance_id,
        UserId=user["Id"],
        SecurityProfileIds=[profile["SecurityProfileId"]],
    )


def _menu(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Admin website").get_by_role(
        "link", name=name, exact=True
    ).click()


def test_admin_publishes_an_article_and_an_agent_with_the_permission_reads_it(
    browser_context: BrowserContexts,
    demo_server: DemoServer,
    demo_passwords: Mapping[str, str],
    shot: Screenshots,
) -> None:
    _give_knowledge_to(demo_server, "agent2")

    admin = browser_context.page("admin")
    sign_in(admin, "admin", demo_passwords["admin"], next="/admin")
    _menu(admin, "Knowledge base")
    expect(admin.get_by_role("heading", name="Knowledge base")).to_be_visible()
    admin.get_by_role("button", name="Add article").click()
    admin.get_by_label("Title").fill("Refund policy")
    admin.get_by_label("Tags").fill("Billing, refunds")
    admin.get_by_label("Body").fill(BODY)
    preview = admin.get_by_role("region", name="Preview")
    expect(preview.get_by_role("heading", name="Refunds")).to_be_visible()
    expect(preview.locator("strong")).to_have_text("money back")
    # HTML in an article is text, never markup.
    expect(preview).to_contain_text("<script>alert('not run')</script>")
    assert preview.locator("script").count() == 0
    shot(admin, "01-admin-writes-an-article")
    admin.get_by_role("button", name="Save").click()

    row = admin.get_by_role("row", name=re.compile("Refund policy"))
    expect(row).to_contain_text("Draft")
    expect(row).to_contain_text("billing, refunds")
    row.get_by_role("button", name="Publish Refund policy").click()
    expect(admin.get_by_role("status")).to_contain_text("Refund policy is published")
    expect(row).to_contain_text("Published")
    shot(admin, "02-admin-published")

    app = browser_context.page("agent2-app")
    Agent(app, "agent2", demo_passwords["agent2"], path="/agent-app-v2")
    app.get_by_role("tab", name=re.compile("Knowledge")).click()
    app.get_by_label("Search knowledge").fill("money back")
    app.get_by_label("Search knowledge").press("Enter")
    results = app.get_by_role("region", name=re.compile("Results for"))
    result = results.get_by_role("button", name="Refund policy")
    expect(result).to_be_visible()
    expect(results.locator("mark").first).to_have_text(re.compile("money", re.IGNORECASE))
    shot(app, "03-agent-searches")

    # Keyboard: the result is a button; Enter opens the article, Back returns to the results.
    result.focus()
    app.keyboard.press("Enter")
    article = app.get_by_role("article")
    expect(article.get_by_role("heading", name="Refund policy")).to_be_focused()
    expect(article.get_by_role("heading", name="Refunds")).to_be_visible()
    expect(article.get_by_role("listitem").filter(has_text="Send the refund")).to_be_visible()
    shot(app, "04-agent-reads-the-article")
    article.get_by_role("button", name="Back to knowledge").click()
    expect(app.get_by_role("button", name="Refund policy")).to_be_focused()


def test_an_agent_without_the_permission_is_refused(
    browser_context: BrowserContexts, demo_passwords: Mapping[str, str], shot: Screenshots
) -> None:
    app = browser_context.page("agent1-app")
    Agent(app, "agent1", demo_passwords["agent1"], path="/agent-app-v2")
    app.get_by_role("tab", name=re.compile("Knowledge")).click()
    expect(app.get_by_role("alert")).to_have_text(
        "Your security profile does not allow Knowledge (Wisdom.View)."
    )
    # Not only hidden: the server refuses the search itself.
    status = app.evaluate(
        """() => fetch('/api/v1/knowledge/search?q=refund', {headers: {Authorization: 'Bearer ' +
            JSON.parse(localStorage.getItem('opencontact.session')).token}})
            .then((response) => response.status)"""
    )
    assert status == 403
    shot(app, "01-agent-refused")
