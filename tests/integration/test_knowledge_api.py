"""The knowledge base through the agent API (/api/v1/knowledge), on SQLite (FTS5) and on
PostgreSQL (full-text search): editors create, change, publish and delete articles; agents search
the published ones (ranked: the title counts most), read them and get suggestions for their
contact; whatever people type never breaks a search; bad input is refused with nothing changed;
the security profile is checked on every operation; everything is still there after a restart.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from opencontact.demo import demo_admin_id
from opencontact.knowledge_samples import SAMPLES, add_sample_articles
from opencontact.store.knowledge import KnowledgeStore
from tests.conftest import BACKENDS, database_url_for
from tests.integration.test_agent_api import AgentApiUnderTest, ApiAgent
from tests.integration.test_chat_api import start_chat
from tests.support.engine import START, ContactCenterUnderTest, contact_center

EDITOR = ["Wisdom.View", "Wisdom.Edit"]
READER = ["Wisdom.View"]

REFUNDS = {
    "title": "Refunds for cancelled orders",
    "body": "## Steps\n\n1. Check the **order number**.\n2. Send the money back within 14 days.",
    "tags": ["Billing", " money back "],
    "status": "PUBLISHED",
}
# Articles that say nothing of refunds, so that ranking has a corpus to weigh words against.
FILLER = [
    ("Opening hours", "We are open nine to five on weekdays.", ["hours"]),
    ("Password reset", "Send the customer a reset link by email.", ["accounts"]),
    ("Delivery times", "Parcels take three days within the country.", ["shipping"]),
    ("Changing an address", "Addresses can change until the parcel ships.", ["shipping"]),
]


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> str | None:
    """None for SQLite (a file in the data dir); a PostgreSQL database of this test's own."""
    return database_url_for(request.param, request, own=True)


@asynccontextmanager
async def knowledge_center(
    data_dir: Path, database_url: str | None, *, later: float = 0
) -> AsyncIterator[AgentApiUnderTest]:
    start_at = START + timedelta(seconds=later)
    async with contact_center(data_dir, start_at=start_at, database_url=database_url) as cc:
        await _without_sample_articles(cc)
        transport = httpx.ASGITransport(app=cc.runtime.asgi)
        async with httpx.AsyncClient(transport=transport, base_url="http://opencontact") as http:
            yield AgentApiUnderTest(cc, cc.runtime.asgi, http)


async def _without_sample_articles(cc: ContactCenterUnderTest) -> None:
    """The demo starts with sample articles (written by its admin); these tests count and rank
    their own."""
    samples = {sample["title"] for sample in json.loads(SAMPLES.read_text(encoding="utf-8"))}
    assert cc.runtime.demo is not None
    author = demo_admin_id(cc.runtime.center, cc.runtime.demo)
    store = KnowledgeStore(cc.runtime.store.database)
    listed = await store.list(cc.instance_id, published_only=False, limit=100)
    for article in listed.items:
        if article.title in samples and article.created_by == author:
            await store.delete(cc.instance_id, article.id)


async def create(editor: ApiAgent, **article: Any) -> dict[str, Any]:
    return await editor.ok("POST", "/knowledge/articles", article)


async def with_filler(editor: ApiAgent) -> None:
    for title, body, tags in FILLER:
        await create(editor, title=title, body=body, tags=tags, status="PUBLISHED")


async def search(agent: ApiAgent, query: str, **params: str) -> list[dict[str, Any]]:
    response = await agent.http.get(
        "/api/v1/knowledge/search", params={"q": query, **params}, headers=agent.headers
    )
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def titles(results: list[dict[str, Any]]) -> list[str]:
    return [result["title"] for result in results]


def highlighted(result: dict[str, Any]) -> list[str]:
    return [segment["text"].lower() for segment in result["snippet"] if segment["match"]]


async def test_an_editor_writes_an_article_and_an_agent_finds_and_reads_it(
    tmp_path: Path, database_url: str | None
) -> None:
    async with knowledge_center(tmp_path, database_url) as api:
        editor = await api.user_with("editor", EDITOR)
        agent = await api.user_with("reader", READER)
        await with_filler(editor)
        created = await create(editor, **REFUNDS)
        assert created["title"] == "Refunds for cancelled orders"
        assert created["tags"] == ["billing", "money-back"]
        assert created["status"] == "PUBLISHED"
        assert created["createdBy"] == {"userId": editor.user_id, "username": "editor"}
        assert created["createdAt"] == created["updatedAt"] == START.isoformat()

        [found] = await search(agent, "money back")
        assert found["articleId"] == created["articleId"]
        assert found["tags"] == ["billing", "money-back"]
        assert found["score"] > 0
        assert "money" in highlighted(found)
        # The snippet is the body's words without its Markdown.
        snippet = "".join(segment["text"] for segment in found["snippet"])
        assert "**" not in snippet
        assert "##" not in snippet

        article = await agent.ok("GET", f"/knowledge/articles/{created['articleId']}")
        assert article["body"] == REFUNDS["body"]
        assert titles(await search(agent, "refund", tags="billing")) == [created["title"]]
        assert await search(agent, "refund", tags="shipping") == []


async def test_a_title_match_ranks_above_a_body_only_match(
    tmp_path: Path, database_url: str | None
) -> None:
    async with knowledge_center(tmp_path, database_url) as api:
        editor = await api.user_with("editor", EDITOR)
        await with_filler(editor)
        await create(
            editor,
            title="Late parcels",
            body="If a parcel is late, apologise and offer a voucher.",
            status="PUBLISHED",
        )
        await create(
            editor,
            title="Voucher codes",
            body="Vouchers are codes customers type at checkout.",
            status="PUBLISHED",
        )
        results = await search(editor, "voucher")
        assert titles(results) == ["Voucher codes", "Late parcels"]
        assert results[0]["score"] > results[1]["score"]
        assert "voucher" in highlighted(results[1])


@pytest.mark.parametrize(
    "query",
    ['"', "*", "NEAR(", "OR", "-", "AND", "NOT", "'", '"unterminated', "a:b", "(((", "^", "+-*"],
)
async def test_no_typed_query_breaks_the_search(tmp_path: Path, query: str) -> None:
    async with knowledge_center(tmp_path, None) as api:
        editor = await api.user_with("editor", EDITOR)
        await create(editor, **REFUNDS)
        assert await search(editor, query) == []


async def test_search_syntax_and_hostile_input_on_both_databases(
    tmp_path: Path, database_url: str | None
) -> None:
    async with knowledge_center(tmp_path, database_url) as api:
        editor = await api.user_with("editor", EDITOR)
        await with_filler(editor)
        await create(editor, **REFUNDS)
        await create(
            editor,
            title="Café opening",
            body="Der Kaffee im Café kostet zwei Euro. 日本語の案内もあります。",
            status="PUBLISHED",
        )
        for hostile in ['"', "*", "NEAR(", "OR", "-", "'", '" OR "', "NEAR(refund", "title:x"]:
            response = await editor.http.get(
                "/api/v1/knowledge/search", params={"q": hostile}, headers=editor.headers
            )
            assert response.status_code == 200, (hostile, response.text)
        assert titles(await search(editor, "refunds*")) == [REFUNDS["title"]]
        assert titles(await search(editor, "(refunds)")) == [REFUNDS["title"]]
        assert await search(editor, "NEAR(refunds") == []
        assert titles(await search(editor, '"money back"')) == [REFUNDS["title"]]
        assert titles(await search(editor, "refunds -cancelled")) == []
        assert set(titles(await search(editor, "refunds OR parcels"))) == {
            REFUNDS["title"],
            "Delivery times",
            "Changing an address",
        }
        assert titles(await search(editor, "café")) == ["Café opening"]
        assert titles(await search(editor, "kaffee")) == ["Café opening"]
        assert await search(editor, "") == []


async def test_agents_never_see_drafts(tmp_path: Path, database_url: str | None) -> None:
    async with knowledge_center(tmp_path, database_url) as api:
        editor = await api.user_with("editor", EDITOR)
        agent = await api.user_with("reader", READER)
        draft = await create(editor, title="Refunds (new policy)", body="Not final yet.")
        assert draft["status"] == "DRAFT"
        article_id = draft["articleId"]
        assert await search(agent, "refunds") == []
        await agent.error(
            "GET",
            f"/knowledge/articles/{article_id}",
            None,
            404,
            "ResourceNotFound",
            "no knowledge article",
        )
        # The editor sees drafts in the management list and reads them.
        listing = await editor.ok("GET", "/knowledge/articles?status=DRAFT")
        assert [a["articleId"] for a in listing["articles"]] == [article_id]
        assert (await editor.ok("GET", f"/knowledge/articles/{article_id}"))["status"] == "DRAFT"
        matching = await editor.ok("GET", "/knowledge/articles?q=refunds")
        assert [r["articleId"] for r in matching["articles"]] == [article_id]
        assert matching["articles"][0]["score"] > 0

        published = await editor.ok("POST", f"/knowledge/articles/{article_id}/publish")
        assert published["status"] == "PUBLISHED"
        assert titles(await search(agent, "refunds")) == ["Refunds (new policy)"]
        await editor.ok("POST", f"/knowledge/articles/{article_id}/unpublish")
        assert await search(agent, "refunds") == []


async def test_an_editor_changes_and_deletes_an_article(
    tmp_path: Path, database_url: str | None
) -> None:
    async with knowledge_center(tmp_path, database_url) as api:
        editor = await api.user_with("editor", EDITOR)
        created = await create(editor, **REFUNDS)
        article_id = created["articleId"]
        await api.cc.advance(60)
        changed = await editor.ok(
            "PATCH", f"/knowledge/articles/{article_id}", {"title": "Refund rules", "tags": []}
        )
        assert changed["title"] == "Refund rules"
        assert changed["tags"] == []
        assert changed["body"] == REFUNDS["body"]
        assert changed["updatedAt"] == (START + timedelta(seconds=60)).isoformat()
        assert titles(await search(editor, "rules")) == ["Refund rules"]
        assert await search(editor, "cancelled") == []
        assert await search(editor, "refund", tags="billing") == []

        deleted = await editor.call("DELETE", f"/knowledge/articles/{article_id}")
        assert deleted.status_code == 204
        assert await search(editor, "refund") == []
        for method in ("GET", "DELETE"):
            await editor.error(
                method,
                f"/knowledge/articles/{article_id}",
                None,
                404,
                "ResourceNotFound",
                "",
            )
        await editor.error(
            "PATCH",
            f"/knowledge/articles/{article_id}",
            {"title": "x"},
            404,
            "ResourceNotFound",
            "no knowledge article",
        )


async def test_bad_input_is_refused_and_changes_nothing(
    tmp_path: Path, database_url: str | None
) -> None:
    async with knowledge_center(tmp_path, database_url) as api:
        editor = await api.user_with("editor", EDITOR)
        created = await create(editor, **REFUNDS)
        path = f"/knowledge/articles/{created['articleId']}"
        bad = [
            ("POST", "/knowledge/articles", {"title": "   ", "body": "x"}, "needs a title"),
            ("POST", "/knowledge/articles", {"title": "x" * 256}, "at most 255"),
            ("POST", "/knowledge/articles", {"title": "t", "body": "b" * 100_001}, "100,000"),
            ("POST", "/knowledge/articles", {"title": "t", "tags": ["a/b"]}, "hyphens"),
            ("POST", "/knowledge/articles", {"title": "t", "tags": ["x" * 51]}, "longer than"),
            ("POST", "/knowledge/articles", {"title": "t", "status": "LIVE"}, "status"),
            ("POST", "/knowledge/articles", {"body": "no title"}, "title"),
            ("POST", "/knowledge/articles", {"title": "t", "colour": "red"}, "colour"),
            ("PATCH", path, {"title": ""}, "needs a title"),
            ("PATCH", path, {"tags": [f"t{i}" for i in range(21)]}, "at most 20 tags"),
        ]
        for method, target, body, words in bad:
            await editor.error(method, target, body, 400, "InvalidParameter", words)
        await editor.error(
            "GET",
            "/knowledge/search?q=x&nextToken=abc",
            None,
            400,
            "InvalidParameter",
            "nextToken",
        )
        await editor.error(
            "GET",
            "/knowledge/search?q=x&maxResults=0",
            None,
            400,
            "InvalidParameter",
            "maxResults",
        )
        assert await editor.ok("GET", path) == created
        listing = await editor.ok("GET", "/knowledge/articles")
        assert [a["articleId"] for a in listing["articles"]] == [created["articleId"]]


async def test_results_come_in_pages(tmp_path: Path) -> None:
    async with knowledge_center(tmp_path, None) as api:
        editor = await api.user_with("editor", EDITOR)
        for number in range(5):
            await create(editor, title=f"Refund case {number}", body="refund", status="PUBLISHED")
        first = await editor.ok("GET", "/knowledge/search?q=refund&maxResults=3")
        assert len(first["results"]) == 3
        second = await editor.ok(
            "GET", f"/knowledge/search?q=refund&maxResults=3&nextToken={first['nextToken']}"
        )
        assert len(second["results"]) == 2
        assert second["nextToken"] is None
        seen = {r["articleId"] for r in first["results"] + second["results"]}
        assert len(seen) == 5


async def test_the_security_profile_is_checked_on_every_operation(
    tmp_path: Path, database_url: str | None
) -> None:
    async with knowledge_center(tmp_path, database_url) as api:
        editor = await api.user_with("editor", EDITOR)
        reader = await api.user_with("reader", READER)
        nobody = await api.login("agent1")
        article_id = (await create(editor, **REFUNDS))["articleId"]
        path = f"/knowledge/articles/{article_id}"
        for method, target in [
            ("GET", "/knowledge/search?q=refund"),
            ("GET", path),
            ("GET", "/knowledge/suggestions?contactId=any"),
        ]:
            await nobody.error(method, target, None, 403, "AccessDenied", "(Wisdom.View)")
        managing: list[tuple[str, str, Any]] = [
            ("GET", "/knowledge/articles", None),
            ("POST", "/knowledge/articles", {"title": "Mine"}),
            ("PATCH", path, {"title": "Mine"}),
            ("POST", f"{path}/publish", None),
            ("POST", f"{path}/unpublish", None),
            ("DELETE", path, None),
        ]
        for user in (nobody, reader):
            for method, target, body in managing:
                await user.error(
                    method,
                    target,
                    body,
                    403,
                    "AccessDenied",
                    "Your security profile does not allow managing the knowledge base "
                    "(Wisdom.Edit).",
                )
        assert (await editor.ok("GET", path))["title"] == REFUNDS["title"]
        assert (await api.http.get("/api/v1/knowledge/search?q=x")).status_code == 401


async def test_suggestions_for_a_call_come_from_its_attributes(
    tmp_path: Path, database_url: str | None
) -> None:
    async with knowledge_center(tmp_path, database_url) as api:
        editor = await api.user_with("editor", EDITOR)
        agent = await api.user_with("reader", READER)
        await with_filler(editor)
        await create(editor, **REFUNDS)
        await agent.ok("PUT", "/agent/status", {"status": "Available"})
        await api.customer_calls()
        [offered] = (await agent.desk())["contacts"]
        contact_id = offered["contactId"]
        await agent.ok(
            "PATCH",
            f"/agent/contacts/{contact_id}/attributes",
            {"attributes": {"intent": "refund"}},
        )
        answer = await agent.ok("GET", f"/knowledge/suggestions?contactId={contact_id}")
        assert answer["contactId"] == contact_id
        assert {"term": "refund", "source": "attribute intent"} in answer["terms"]
        assert titles(answer["suggestions"])[0] == REFUNDS["title"]
        assert {"term": "refund", "source": "attribute intent"} in answer["suggestions"][0][
            "reasons"
        ]
        # Someone else's contact is not found, whoever asks.
        other = await api.user_with("other", READER)
        await other.error(
            "GET",
            f"/knowledge/suggestions?contactId={contact_id}",
            None,
            404,
            "ResourceNotFound",
            "not one of your contacts",
        )


async def test_suggestions_for_a_chat_read_what_the_customer_wrote(tmp_path: Path) -> None:
    async with knowledge_center(tmp_path, None) as api:
        editor = await api.user_with("editor", EDITOR)
        agent = await api.user_with("reader", READER)
        await with_filler(editor)
        await create(editor, **REFUNDS)
        await agent.ok("PUT", "/agent/status", {"status": "Available"})
        customer = await start_chat(api, initialMessage="Hello, where is my parcel?")
        answer = await agent.ok("GET", f"/knowledge/suggestions?contactId={customer.contact_id}")
        assert {"term": "parcel", "source": "the customer's messages"} in answer["terms"]
        assert set(titles(answer["suggestions"])) == {"Delivery times", "Changing an address"}
        assert all(s["reasons"] for s in answer["suggestions"])


async def test_articles_survive_a_restart(tmp_path: Path, database_url: str | None) -> None:
    async with knowledge_center(tmp_path, database_url) as api:
        editor = await api.user_with("editor", EDITOR)
        created = await create(editor, **REFUNDS)
        draft = await create(editor, title="Draft about refunds")
    async with knowledge_center(tmp_path, database_url, later=3600) as api:
        editor = await api.login("editor", "Passw0rd1")
        assert await editor.ok("GET", f"/knowledge/articles/{created['articleId']}") == created
        assert titles(await search(editor, "refunds")) == [REFUNDS["title"]]
        listing = await editor.ok("GET", "/knowledge/articles")
        assert {a["articleId"] for a in listing["articles"]} == {
            created["articleId"],
            draft["articleId"],
        }


async def test_the_knowledge_panel_is_available_to_agents_with_the_permission(
    tmp_path: Path,
) -> None:
    async with knowledge_center(tmp_path, None) as api:
        agent = await api.user_with("reader", READER)
        panel = await agent.ok("GET", "/agent/workspace/knowledge")
        assert panel["allowed"] is True
        assert panel["available"] is True


async def test_the_sample_articles_are_added_once_and_agents_find_them(tmp_path: Path) -> None:
    async with knowledge_center(tmp_path, None) as api:
        agent = await api.user_with("reader", READER)
        database = api.cc.runtime.store.database
        added = await add_sample_articles(database, api.cc.instance_id, agent.user_id, START)
        assert added == 6
        assert await add_sample_articles(database, api.cc.instance_id, agent.user_id, START) == 0
        found = await search(agent, "parcel late")
        assert titles(found)[0] == "Where is my parcel?"
