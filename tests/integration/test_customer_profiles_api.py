"""Customer profiles through the agent API, on SQLite and on PostgreSQL: each operation with
good and bad input (a refusal changes nothing), a caller's profile found from the offered call
and its contact history, the security profile checked by the server for every operation, and
profiles kept across a restart."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from alembic import command
from sqlalchemy import create_engine, text

from opencontact.domain.security_profiles import SecurityProfile, update_security_profile
from opencontact.store.database import normalise, sqlite_url
from opencontact.store.migrate import alembic_config
from tests.conftest import BACKENDS, database_url_for
from tests.integration.test_agent_api import CUSTOMER, AgentApiUnderTest, ApiAgent
from tests.support.engine import START, contact_center

VIEW, CREATE, EDIT = "CustomerProfiles.View", "CustomerProfiles.Create", "CustomerProfiles.Edit"

ANA = {
    "FirstName": "Ana",
    "LastName": "Lopez",
    "PhoneNumber": "(206) 555-0100",
    "MobilePhoneNumber": "+44 20 7946 0958",
    "EmailAddress": "Ana.Lopez@Example.com",
    "AccountNumber": "AC-1001",
    "Address": {"Address1": "1 Main St", "City": "Seattle", "PostalCode": "98101"},
    "Attributes": {"tier": "gold", "language": "es"},
}


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> str | None:
    return database_url_for(request.param, request, own=True)


@asynccontextmanager
async def profiles_api(
    data_dir: Path, database_url: str | None, **kwargs: Any
) -> AsyncIterator[AgentApiUnderTest]:
    async with contact_center(data_dir, database_url=database_url, **kwargs) as cc:
        transport = httpx.ASGITransport(app=cc.runtime.asgi)
        async with httpx.AsyncClient(transport=transport, base_url="http://opencontact") as http:
            yield AgentApiUnderTest(cc, cc.runtime.asgi, http)


async def grant(api: AgentApiUnderTest, profile_name: str, *permissions: str) -> None:
    """Add permissions to one of the demo instance's security profiles."""
    profile = api.cc.state.directory.find_by_name(SecurityProfile, profile_name)
    assert profile is not None
    center = api.cc.runtime.center
    env = center.env("us-east-1")
    granted = set(profile.permissions) | set(permissions)
    await center.change(
        api.cc.instance_id,
        None,
        lambda d: update_security_profile(d, env, profile.id, permissions=granted),
    )


async def search(agent: ApiAgent, key: str, *values: str) -> list[dict[str, Any]]:
    answer = await agent.ok("POST", "/customer-profiles/search", {"KeyName": key, "Values": values})
    items: list[dict[str, Any]] = answer["Items"]
    return items


async def test_a_profile_is_created_found_changed_and_deleted(
    tmp_path: Path, database_url: str | None
) -> None:
    async with profiles_api(tmp_path, database_url) as api:
        admin = await api.login("admin")
        created = (await admin.ok("POST", "/customer-profiles", ANA))["Profile"]
        profile_id = created["ProfileId"]
        assert len(profile_id) == 32
        assert created["FullName"] == "Ana Lopez"
        assert created["PhoneNumber"] == "+12065550100"
        assert created["MobilePhoneNumber"] == "+442079460958"
        assert created["EmailAddress"] == "Ana.Lopez@Example.com"
        assert created["Address"] == {
            "Address1": "1 Main St",
            "City": "Seattle",
            "PostalCode": "98101",
        }
        assert created["Attributes"] == {"tier": "gold", "language": "es"}
        assert created["Version"] == 1
        assert await admin.ok("GET", f"/customer-profiles/{profile_id}") == created

        # Every search key finds her, the way people type it.
        for key, value in [
            ("_phone", "+1 206 555 0100"),
            ("_phone", "+442079460958"),
            ("_email", "ana.lopez@example.COM"),
            ("_fullName", "lop"),
            ("_account", "AC-1001"),
            ("_profileId", profile_id),
        ]:
            assert [p["ProfileId"] for p in await search(admin, key, value)] == [profile_id], key
        assert await search(admin, "_phone", "+12065550199") == []
        assert await search(admin, "_fullName", "100%") == []

        changed = await admin.ok(
            "PUT",
            f"/customer-profiles/{profile_id}",
            {
                "LastName": "López",
                "MobilePhoneNumber": "",
                "BusinessEmailAddress": "ana@shop.example",
                "Address": {"City": "Tacoma", "PostalCode": ""},
                "Attributes": {"tier": "platinum", "language": ""},
                "ExpectedVersion": 1,
            },
        )
        profile = changed["Profile"]
        assert profile["FullName"] == "Ana López"
        assert "MobilePhoneNumber" not in profile
        assert profile["Address"] == {"Address1": "1 Main St", "City": "Tacoma"}
        assert profile["Attributes"] == {"tier": "platinum"}
        assert profile["Version"] == 2
        assert profile["LastUpdatedAt"] == START.isoformat()
        assert await search(admin, "_phone", "+442079460958") == []
        assert [p["ProfileId"] for p in await search(admin, "_email", "ANA@shop.example")] == [
            profile_id
        ]

        # Someone who opened version 1 is told, and the profile keeps version 2.
        await admin.error(
            "PUT",
            f"/customer-profiles/{profile_id}",
            {"FirstName": "Anna", "ExpectedVersion": 1},
            409,
            "InvalidRequest",
            "changed by someone else",
        )
        assert await admin.ok("GET", f"/customer-profiles/{profile_id}") == profile

        deleted = await admin.ok("DELETE", f"/customer-profiles/{profile_id}")
        assert deleted == {"Message": f"Profile {profile_id} deleted."}
        await admin.error(
            "GET", f"/customer-profiles/{profile_id}", None, 404, "ResourceNotFound", ""
        )
        assert await search(admin, "_email", "ana.lopez@example.com") == []


async def test_bad_input_is_refused_with_a_reason_and_changes_nothing(
    tmp_path: Path, database_url: str | None
) -> None:
    async with profiles_api(tmp_path, database_url) as api:
        admin = await api.login("admin")
        for body, words in [
            ({"FirstName": "Bo", "PhoneNumber": "call me"}, "PhoneNumber 'call me' is not a phone"),
            ({"FirstName": "Bo", "PhoneNumber": "+1"}, "PhoneNumber '+1' is not a phone number"),
            ({"FirstName": "Bo", "EmailAddress": "bo@"}, "EmailAddress 'bo@' is not an email"),
            ({"FirstName": "B" * 256}, "FirstName is longer than 255 characters"),
            ({"Attributes": {"tier": "gold"}}, "A profile needs at least a name"),
            ({"FirstName": "   "}, "A profile needs at least a name"),
            ({"FirstName": "Bo", "Nickname": "B"}, "'Nickname' is not a field"),
            ({"FirstName": "Bo", "Address": {"Town": "X"}}, "'Address.Town' is not a field"),
            ({"FirstName": "Bo", "Attributes": {" ": "x"}}, "Attribute names are 1 to 255"),
        ]:
            await admin.error("POST", "/customer-profiles", body, 400, "InvalidParameter", words)
        assert await search(admin, "_fullName", "bo") == []

        created = await admin.ok("POST", "/customer-profiles", ANA)
        path = f"/customer-profiles/{created['ProfileId']}"
        before = await admin.ok("GET", path)
        for body, words in [
            ({"PhoneNumber": "12"}, "PhoneNumber '12' is not a phone number"),
            ({"HomePhoneNumber": "+1 206 555 01", "LastName": "Ruiz"}, "HomePhoneNumber"),
            ({}, "Name at least one field to change"),
            (
                {
                    "FirstName": "",
                    "LastName": "",
                    "PhoneNumber": "",
                    "MobilePhoneNumber": "",
                    "EmailAddress": "",
                    "AccountNumber": "",
                },
                "A profile needs at least",
            ),
            ({"ExpectedVersion": 0, "FirstName": "A"}, "ExpectedVersion"),
        ]:
            await admin.error("PUT", path, body, 400, "InvalidParameter", words)
        assert await admin.ok("GET", path) == before

        await admin.error(
            "POST",
            "/customer-profiles/search",
            {"KeyName": "_nickname", "Values": ["x"]},
            400,
            "InvalidParameter",
            "KeyName '_nickname' is not a search key",
        )
        await admin.error(
            "POST",
            "/customer-profiles/search",
            {"KeyName": "_phone", "Values": ["abc"]},
            400,
            "InvalidParameter",
            "Values 'abc' is not a phone number",
        )
        await admin.error(
            "POST",
            "/customer-profiles/search",
            {"KeyName": "_email", "Values": []},
            400,
            "InvalidParameter",
            "Values",
        )
        await admin.error(
            "POST",
            "/customer-profiles/search?NextToken=abc",
            {"KeyName": "_email", "Values": ["a@b.co"]},
            400,
            "InvalidParameter",
            "NextToken",
        )
        await admin.error(
            "GET",
            "/customer-profiles/not-an-id",
            None,
            400,
            "InvalidParameter",
            "ProfileId 'not-an-id' is not a profile id",
        )
        unknown = "/customer-profiles/" + "0" * 32
        for method, path_, body in [
            ("GET", unknown, None),
            ("PUT", unknown, {"FirstName": "X"}),
            ("DELETE", unknown, None),
            ("GET", unknown + "/objects", None),
        ]:
            await admin.error(
                method,
                path_,
                body,
                404,
                "ResourceNotFound",
                f"no customer profile '{'0' * 32}'",
            )
        await admin.error(
            "GET",
            f"{path}/objects?ObjectTypeName=Order",
            None,
            400,
            "InvalidParameter",
            "ObjectTypeName 'Order' is not an object type here",
        )


async def test_the_caller_s_profile_and_past_contacts_are_found_from_the_offered_call(
    tmp_path: Path, database_url: str | None
) -> None:
    async with profiles_api(tmp_path, database_url) as api:
        await grant(api, "Agent", VIEW, CREATE, EDIT)
        agent = await api.login("agent1")
        await agent.ok("PUT", "/agent/status", {"status": "Available"})

        # An unknown caller: no profile, and what a new one would start from.
        await api.customer_calls()
        [offered] = (await agent.desk())["contacts"]
        first_call = offered["contactId"]
        lookup = await agent.ok("GET", f"/customer-profiles/for-contact/{first_call}")
        assert lookup == {
            "ContactId": first_call,
            "SearchedBy": [{"KeyName": "_phone", "Values": [CUSTOMER]}],
            "Items": [],
            "SuggestedProfile": {"PhoneNumber": CUSTOMER},
        }
        created = await agent.ok(
            "POST", "/customer-profiles", {**lookup["SuggestedProfile"], "FirstName": "Ana"}
        )
        profile_id = created["ProfileId"]
        lookup = await agent.ok("GET", f"/customer-profiles/for-contact/{first_call}")
        assert [p["ProfileId"] for p in lookup["Items"]] == [profile_id]

        await agent.ok("POST", f"/agent/contacts/{first_call}/accept")
        await api.cc.settle()
        await api.cc.advance(30)
        await agent.ok("POST", f"/agent/contacts/{first_call}/end")
        await api.cc.settle()
        # In after-contact work the profile is still found, and can be edited.
        lookup = await agent.ok("GET", f"/customer-profiles/for-contact/{first_call}")
        assert [p["ProfileId"] for p in lookup["Items"]] == [profile_id]
        await agent.ok("PUT", f"/customer-profiles/{profile_id}", {"LastName": "Lopez"})
        await agent.ok("POST", f"/agent/contacts/{first_call}/close")
        await agent.ok("PUT", "/agent/status", {"status": "Available"})

        await api.cc.advance(60)
        await api.customer_calls()
        [second] = (await agent.desk())["contacts"]
        second_call = second["contactId"]
        await api.customer_calls("+15555550111")  # someone else, not in her history
        await api.cc.settle()

        history = await agent.ok("GET", f"/customer-profiles/{profile_id}/objects")
        assert history["NextToken"] is None
        records = [json.loads(item["Object"]) for item in history["Items"]]
        assert [item["ObjectTypeName"] for item in history["Items"]] == ["CTR", "CTR"]
        assert [r["ContactId"] for r in records] == [second_call, first_call]
        past = records[1]
        assert past["Channel"] == "VOICE"
        assert past["InitiationMethod"] == "INBOUND"
        assert past["Queue"]["Name"] == "BasicQueue"
        assert past["Agent"]["Username"] == "agent1"
        assert past["DisconnectReason"] == "AGENT_DISCONNECT"
        assert past["InitiationTimestamp"] == START.isoformat()
        assert past["CustomerEndpoint"] == {"Type": "TELEPHONE_NUMBER", "Address": CUSTOMER}

        page = await agent.ok("GET", f"/customer-profiles/{profile_id}/objects?MaxResults=1")
        assert [i["ProfileObjectUniqueKey"] for i in page["Items"]] == [second_call]
        rest = await agent.ok(
            "GET",
            f"/customer-profiles/{profile_id}/objects?MaxResults=1&NextToken={page['NextToken']}",
        )
        assert [i["ProfileObjectUniqueKey"] for i in rest["Items"]] == [first_call]
        assert rest["NextToken"] is None

        # Another agent's contact is not this agent's to look up.
        agent2 = await api.login("agent2")
        await agent2.error(
            "GET",
            f"/customer-profiles/for-contact/{second_call}",
            None,
            404,
            "ResourceNotFound",
            "not one of your contacts",
        )


async def test_the_server_checks_the_security_profile_for_every_operation(
    tmp_path: Path, database_url: str | None
) -> None:
    async with profiles_api(tmp_path, database_url) as api:
        admin = await api.login("admin")
        profile_id = (await admin.ok("POST", "/customer-profiles", ANA))["ProfileId"]
        path = f"/customer-profiles/{profile_id}"
        agent = await api.login("agent1")  # the Agent profile has none of the permissions
        await agent.ok("PUT", "/agent/status", {"status": "Available"})
        await api.customer_calls()
        [offered] = (await agent.desk())["contacts"]
        for method, path_, body, permission in [
            (
                "POST",
                "/customer-profiles/search",
                {"KeyName": "_phone", "Values": [CUSTOMER]},
                VIEW,
            ),
            ("GET", path, None, VIEW),
            ("GET", f"{path}/objects", None, VIEW),
            ("GET", f"/customer-profiles/for-contact/{offered['contactId']}", None, VIEW),
            ("POST", "/customer-profiles", {"FirstName": "Bo"}, CREATE),
            ("PUT", path, {"FirstName": "Bo"}, EDIT),
            ("DELETE", path, None, EDIT),
        ]:
            error = await agent.error(method, path_, body, 403, "AccessDenied", permission)
            assert error["message"].startswith("Your security profile does not allow"), error

        # Allowed to look, not to change.
        await grant(api, "Agent", VIEW)
        assert (await agent.ok("GET", path))["FirstName"] == "Ana"
        await agent.error(
            "POST", "/customer-profiles", {"FirstName": "Bo"}, 403, "AccessDenied", CREATE
        )
        await agent.error("PUT", path, {"FirstName": "Bo"}, 403, "AccessDenied", EDIT)
        await agent.error("DELETE", path, None, 403, "AccessDenied", EDIT)
        assert (await admin.ok("GET", path))["FirstName"] == "Ana"
        assert await search(admin, "_fullName", "bo") == []

        response = await api.http.get(f"/api/v1{path}")
        assert response.status_code == 401


async def test_profiles_and_their_history_survive_a_restart(
    tmp_path: Path, database_url: str | None
) -> None:
    async with profiles_api(tmp_path, database_url) as api:
        admin = await api.login("admin")
        created = await admin.ok("POST", "/customer-profiles", {**ANA, "PhoneNumber": CUSTOMER})
        profile_id = created["ProfileId"]
        await admin.ok("PUT", f"/customer-profiles/{profile_id}", {"FirstName": "Anita"})
        await api.customer_calls()
        await api.cc.settle()
        profile = await admin.ok("GET", f"/customer-profiles/{profile_id}")

    later = START + timedelta(hours=1)
    async with profiles_api(tmp_path, database_url, start_at=later) as api:
        admin = await api.login("admin")
        assert await admin.ok("GET", f"/customer-profiles/{profile_id}") == profile
        assert profile["FirstName"] == "Anita"
        assert [p["ProfileId"] for p in await search(admin, "_phone", CUSTOMER)] == [profile_id]
        history = await admin.ok("GET", f"/customer-profiles/{profile_id}/objects")
        assert len(history["Items"]) == 1


async def test_the_api_is_documented(tmp_path: Path) -> None:
    async with profiles_api(tmp_path, None) as api:
        document = (await api.http.get("/api/v1/openapi.json")).json()
        paths = document["paths"]
        assert set(paths["/customer-profiles/{profile_id}"]) == {"get", "put", "delete"}
        assert paths["/customer-profiles/search"]["post"]["summary"] == "SearchProfiles"
        assert "422" not in paths["/customer-profiles"]["post"]["responses"]
        assert "ProfileView" in document["components"]["schemas"]


def test_contacts_stored_before_profiles_existed_join_their_customer_s_history(
    tmp_path: Path, database_url: str | None
) -> None:
    """Revision 0004 gives contacts already stored their customer's phone number and email."""
    url = normalise(database_url or sqlite_url(tmp_path))
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.upgrade(config, "0003")
            connection.execute(
                text("INSERT INTO instances (id, alias, body) VALUES ('i-1', 'old', '{}')")
            )
            bodies = {
                "call": {"customer_endpoint": {"type": "TELEPHONE_NUMBER", "address": CUSTOMER}},
                "chat": {"attributes": {"Email": " Ana@Example.com", "phone": "+1 206-555-0100"}},
                "task": {"attributes": {}},
            }
            for contact_id, body in bodies.items():
                connection.execute(
                    text(
                        "INSERT INTO contacts (id, instance_id, channel, state, "
                        "initiation_method, initial_contact_id, initiated_at, over, body) "
                        "VALUES (:id, 'i-1', 'VOICE', 'ENDED', 'INBOUND', :id, :at, :over, :body)"
                    ),
                    {"id": contact_id, "at": START, "over": True, "body": json.dumps(body)},
                )
            command.upgrade(config, "head")
            rows = connection.execute(
                text("SELECT id, customer_phone, customer_email FROM contacts ORDER BY id")
            ).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in rows] == [
        ("call", CUSTOMER, None),
        ("chat", "+12065550100", "ana@example.com"),
        ("task", None, None),
    ]
