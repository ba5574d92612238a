"""Cases through the agent API (/api/v1/cases), on SQLite and on PostgreSQL: creating a case
from a contact, reading, changing, commenting, linking contacts, searching; bad input refused
with nothing changed; the security profile checked on every operation; everything still there
after a restart.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from opencontact.api.agent.case_routes import (
    CaseList,
    CaseView,
    ContactContent,
    RelatedItemList,
    RelatedItemView,
    UserRef,
)
from opencontact.api.agent.schemas import field_names
from tests.conftest import BACKENDS, database_url_for
from tests.integration.test_agent_api import AgentApiUnderTest, ApiAgent
from tests.support.engine import START, contact_center

ALL_CASES = ["Cases.View", "Cases.Create", "Cases.Edit"]


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> str | None:
    """None for SQLite (a file in the data dir); a PostgreSQL database of this test's own."""
    return database_url_for(request.param, request, own=True)


@asynccontextmanager
async def cases_center(
    data_dir: Path, database_url: str | None, *, later: float = 0
) -> AsyncIterator[AgentApiUnderTest]:
    """The demo instance on the server's own ASGI app; `later` seconds after START (to start
    again on the same data)."""
    start_at = START + timedelta(seconds=later)
    async with contact_center(data_dir, start_at=start_at, database_url=database_url) as cc:
        transport = httpx.ASGITransport(app=cc.runtime.asgi)
        async with httpx.AsyncClient(transport=transport, base_url="http://opencontact") as http:
            yield AgentApiUnderTest(cc, cc.runtime.asgi, http)


async def _contact(api: AgentApiUnderTest, number: str = "+15555550100") -> str:
    """A customer calls the demo number: their contact's id."""
    leg = await api.customer_calls(number)
    return api.cc.contact_of_call(leg)


async def _all_cases(agent: ApiAgent) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = (await agent.ok("GET", "/cases?maxResults=100"))["cases"]
    return cases


async def test_an_agent_creates_a_case_from_a_contact_and_reads_it_back(
    tmp_path: Path, database_url: str | None
) -> None:
    async with cases_center(tmp_path, database_url) as api:
        agent = await api.user_with("casey", ALL_CASES)
        contact_id = await _contact(api)
        created = await agent.ok(
            "POST",
            "/cases",
            {
                "title": "  Refund for order 1042 ",
                "summary": "Charged twice.",
                "customerId": "profile-7",
                "contactId": contact_id,
            },
        )
        assert created["title"] == "Refund for order 1042"
        assert created["status"] == "open"
        assert created["summary"] == "Charged twice."
        assert created["customerId"] == "profile-7"
        assert created["assignee"] is None
        assert re.fullmatch(r"\d{8}", created["referenceNumber"])
        assert created["createdBy"] == {
            "userId": agent.user_id,
            "username": "casey",
            "name": "Test casey",
        }
        assert created["createdAt"] == START.isoformat()
        assert created["closedAt"] is None

        assert await agent.ok("GET", f"/cases/{created['caseId']}") == created
        items = await agent.ok("GET", f"/cases/{created['caseId']}/related-items")
        [linked] = items["relatedItems"]
        assert linked["type"] == "Contact"
        assert linked["contact"] == {"contactId": contact_id, "channel": "VOICE"}
        assert linked["comment"] is None
        assert items["nextToken"] is None

        # What the OpenAPI document says is what is sent.
        assert set(created) == field_names(CaseView)
        assert set(created["createdBy"]) == field_names(UserRef)
        assert set(items) == field_names(RelatedItemList)
        assert set(linked) == field_names(RelatedItemView)
        assert set(linked["contact"]) == field_names(ContactContent)
        assert set(await agent.ok("GET", "/cases")) == field_names(CaseList)
        CaseView.model_validate(created)
        RelatedItemList.model_validate(items)


async def test_bad_input_to_create_is_refused_and_nothing_is_created(
    tmp_path: Path, database_url: str | None
) -> None:
    async with cases_center(tmp_path, database_url) as api:
        agent = await api.user_with("casey", ALL_CASES)
        bad: list[tuple[dict[str, Any], int, str, str]] = [
            ({"title": "   "}, 400, "InvalidParameter", "title: a case needs a title."),
            ({}, 400, "InvalidParameter", "title: Field required."),
            ({"title": "x" * 201}, 400, "InvalidParameter", "at most 200 characters"),
            ({"title": "A", "status": "resolved"}, 400, "InvalidParameter", "status: Input"),
            ({"title": "A", "priority": 1}, 400, "InvalidParameter", "'priority' is not a field"),
            ({"title": "A", "customerId": "two words"}, 400, "InvalidParameter", "no spaces"),
            ({"title": "A", "contactId": "nope"}, 404, "ResourceNotFound", "no contact 'nope'"),
            ({"title": "A", "assigneeId": "nobody"}, 404, "ResourceNotFound", "no user 'nobody'"),
        ]
        for body, status, code, words in bad:
            await agent.error("POST", "/cases", body, status, code, words)
        assert await _all_cases(agent) == []
        missing = await agent.call("GET", "/cases/no-such-case")
        assert missing.status_code == 404
        assert missing.json() == {
            "error": "ResourceNotFound",
            "message": "There is no case 'no-such-case' in this instance.",
        }


async def test_an_update_changes_what_it_names_and_closing_is_recorded(
    tmp_path: Path, database_url: str | None
) -> None:
    async with cases_center(tmp_path, database_url) as api:
        agent = await api.user_with("casey", ALL_CASES)
        case = await agent.ok("POST", "/cases", {"title": "Broken router", "summary": "No WiFi"})
        path = f"/cases/{case['caseId']}"

        await api.cc.advance(60)
        closed = await agent.ok("PATCH", path, {"status": "closed", "assigneeId": agent.user_id})
        assert closed["status"] == "closed"
        assert closed["title"] == "Broken router"
        assert closed["summary"] == "No WiFi"
        assert closed["assignee"]["username"] == "casey"
        assert closed["closedAt"] == closed["updatedAt"] != case["updatedAt"]
        assert closed["createdAt"] == case["createdAt"]

        reopened = await agent.ok("PATCH", path, {"status": "pending", "assigneeId": None})
        assert reopened["status"] == "pending"
        assert reopened["closedAt"] is None
        assert reopened["assignee"] is None

        bad: list[tuple[Any, int, str, str]] = [
            ({}, 400, "InvalidParameter", "Say what to change"),
            ({"status": "done"}, 400, "InvalidParameter", "status"),
            ({"title": None}, 400, "InvalidParameter", "title: give a value"),
            ({"title": " "}, 400, "InvalidParameter", "a case needs a title"),
            ({"summary": "y" * 4001}, 400, "InvalidParameter", "4000"),
            ({"assigneeId": "ghost"}, 404, "ResourceNotFound", "no user 'ghost'"),
        ]
        for body, status, code, words in bad:
            await agent.error("PATCH", path, body, status, code, words)
        assert await agent.ok("GET", path) == reopened
        await agent.error(
            "PATCH", "/cases/nope", {"status": "open"}, 404, "ResourceNotFound", "nope"
        )


async def test_comments_are_kept_newest_first(tmp_path: Path, database_url: str | None) -> None:
    async with cases_center(tmp_path, database_url) as api:
        agent = await api.user_with("casey", ALL_CASES)
        case = await agent.ok("POST", "/cases", {"title": "Late delivery"})
        path = f"/cases/{case['caseId']}"
        first = await agent.ok("POST", f"{path}/comments", {"body": "Called the courier."})
        await api.cc.advance(5)
        second = await agent.ok("POST", f"{path}/comments", {"body": "Parcel found."})
        assert first["type"] == "Comment"
        assert first["comment"] == {"body": "Called the courier."}
        assert first["createdBy"]["username"] == "casey"

        items = await agent.ok("GET", f"{path}/related-items?type=Comment")
        assert [i["relatedItemId"] for i in items["relatedItems"]] == [
            second["relatedItemId"],
            first["relatedItemId"],
        ]
        await agent.error(
            "POST", f"{path}/comments", {"body": "  "}, 400, "InvalidParameter", "text"
        )
        await agent.error("POST", f"{path}/comments", {}, 400, "InvalidParameter", "body")
        await agent.error(
            "POST", "/cases/nope/comments", {"body": "hi"}, 404, "ResourceNotFound", "nope"
        )
        await agent.error(
            "GET", f"{path}/related-items?type=File", None, 400, "InvalidParameter", "type"
        )
        assert len((await agent.ok("GET", f"{path}/related-items"))["relatedItems"]) == 2


async def test_a_further_contact_is_linked_once_and_finds_the_case(
    tmp_path: Path, database_url: str | None
) -> None:
    async with cases_center(tmp_path, database_url) as api:
        agent = await api.user_with("casey", ALL_CASES)
        first = await _contact(api)
        case = await agent.ok("POST", "/cases", {"title": "Billing", "contactId": first})
        path = f"/cases/{case['caseId']}"
        second = await _contact(api, "+15555550111")
        linked = await agent.ok("POST", f"{path}/contacts", {"contactId": second})
        assert linked["contact"] == {"contactId": second, "channel": "VOICE"}

        await agent.error(
            "POST",
            f"{path}/contacts",
            {"contactId": second},
            409,
            "InvalidRequest",
            "already linked",
        )
        await agent.error(
            "POST",
            f"{path}/contacts",
            {"contactId": "gone"},
            404,
            "ResourceNotFound",
            "no contact 'gone'",
        )
        await agent.error(
            "POST",
            "/cases/nope/contacts",
            {"contactId": second},
            404,
            "ResourceNotFound",
            "no case 'nope'",
        )
        contacts = await agent.ok("GET", f"{path}/related-items?type=Contact")
        assert [i["contact"]["contactId"] for i in contacts["relatedItems"]] == [second, first]

        found = await agent.ok("GET", f"/cases?contactId={second}")
        assert [c["caseId"] for c in found["cases"]] == [case["caseId"]]
        assert (await agent.ok("GET", "/cases?contactId=other"))["cases"] == []


async def test_search_filters_and_pages_newest_first(
    tmp_path: Path, database_url: str | None
) -> None:
    async with cases_center(tmp_path, database_url) as api:
        agent = await api.user_with("casey", ALL_CASES)
        titles = ["Router broken", "Refund 100% please", "Address change", "ROUTER slow"]
        made = []
        for title in titles:
            made.append(await agent.ok("POST", "/cases", {"title": title, "customerId": "c-1"}))
        await agent.ok("PATCH", f"/cases/{made[2]['caseId']}", {"status": "closed"})
        other = await agent.ok(
            "POST", "/cases", {"title": "Other", "summary": "the router again", "customerId": "c-2"}
        )

        def titles_of(answer: dict[str, Any]) -> list[str]:
            return [case["title"] for case in answer["cases"]]

        assert titles_of(await agent.ok("GET", "/cases?text=router")) == [
            "Other",
            "ROUTER slow",
            "Router broken",
        ]
        assert titles_of(await agent.ok("GET", "/cases?text=100%25")) == ["Refund 100% please"]
        assert titles_of(await agent.ok("GET", "/cases?text=_")) == []
        reference = made[0]["referenceNumber"]
        assert titles_of(await agent.ok("GET", f"/cases?text={reference}")) == ["Router broken"]
        assert titles_of(await agent.ok("GET", "/cases?status=closed")) == ["Address change"]
        assert titles_of(await agent.ok("GET", "/cases?customerId=c-2")) == ["Other"]
        assert titles_of(await agent.ok("GET", "/cases?customerId=c-1&status=open")) == [
            "ROUTER slow",
            "Refund 100% please",
            "Router broken",
        ]

        seen: list[str] = []
        token = None
        pages = 0
        while True:
            query = "/cases?maxResults=2" + (f"&nextToken={token}" if token else "")
            page = await agent.ok("GET", query)
            seen += titles_of(page)
            pages += 1
            token = page["nextToken"]
            if token is None:
                break
        assert pages == 3
        assert seen == [other["title"], *reversed(titles)]

        await agent.error(
            "GET", "/cases?nextToken=bogus", None, 400, "InvalidParameter", "nextToken"
        )
        await agent.error("GET", "/cases?maxResults=0", None, 400, "InvalidParameter", "maxResults")
        await agent.error("GET", "/cases?status=lost", None, 400, "InvalidParameter", "status")


async def test_every_operation_checks_the_security_profile(
    tmp_path: Path, database_url: str | None
) -> None:
    async with cases_center(tmp_path, database_url) as api:
        owner = await api.user_with("casey", ALL_CASES)
        contact_id = await _contact(api)
        case = await owner.ok("POST", "/cases", {"title": "Kept as it is"})
        path = f"/cases/{case['caseId']}"

        agent1 = await api.login("agent1")  # the demo Agent profile: no Cases permission
        reader = await api.user_with("reader", ["Cases.View"])
        creator = await api.user_with("creator", ["Cases.Create"])
        operations: list[tuple[str, str, Any, str]] = [
            ("GET", "/cases", None, "Cases.View"),
            ("GET", path, None, "Cases.View"),
            ("GET", f"{path}/related-items", None, "Cases.View"),
            ("POST", "/cases", {"title": "Sneaky"}, "Cases.Create"),
            ("PATCH", path, {"status": "closed"}, "Cases.Edit"),
            ("POST", f"{path}/comments", {"body": "Sneaky"}, "Cases.Edit"),
            ("POST", f"{path}/contacts", {"contactId": contact_id}, "Cases.Edit"),
        ]
        for method, where, body, permission in operations:
            await agent1.error(method, where, body, 403, "AccessDenied", f"({permission})")
            granted = {"reader": "Cases.View", "creator": "Cases.Create"}
            for user, name in ((reader, "reader"), (creator, "creator")):
                if granted[name] != permission:
                    await user.error(method, where, body, 403, "AccessDenied", permission)
        assert (await reader.ok("GET", path))["title"] == "Kept as it is"
        made = await creator.ok("POST", "/cases", {"title": "Allowed"})
        assert made["createdBy"]["username"] == "creator"

        titles = [c["title"] for c in await _all_cases(owner)]
        assert titles == ["Allowed", "Kept as it is"]
        assert (await owner.ok("GET", path)) == case
        assert (await owner.ok("GET", f"{path}/related-items"))["relatedItems"] == []
        panel = await reader.ok("GET", "/agent/workspace/cases")
        assert (panel["allowed"], panel["available"]) == (True, True)
        await agent1.error("GET", "/agent/workspace/cases", None, 403, "AccessDenied", "Cases")


async def test_cases_survive_a_restart(tmp_path: Path, database_url: str | None) -> None:
    async with cases_center(tmp_path, database_url) as api:
        agent = await api.user_with("casey", ALL_CASES)
        contact_id = await _contact(api)
        case = await agent.ok("POST", "/cases", {"title": "Durable", "contactId": contact_id})
        path = f"/cases/{case['caseId']}"
        case = await agent.ok("PATCH", path, {"status": "pending", "summary": "Waiting"})
        await agent.ok("POST", f"{path}/comments", {"body": "Before the restart."})
        items = await agent.ok("GET", f"{path}/related-items")
        token = agent.token

    async with cases_center(tmp_path, database_url, later=3600) as api:
        again = ApiAgent(api.http, token, agent.user)
        assert await again.ok("GET", path) == case
        assert await again.ok("GET", f"{path}/related-items") == items
        assert [c["caseId"] for c in await _all_cases(again)] == [case["caseId"]]
