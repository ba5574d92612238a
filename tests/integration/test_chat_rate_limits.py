"""Rate limits on chat customers, with limits small enough that the request after the last one
allowed comes at once (no waiting for a window): chats started from one address and on one
instance (POST /api/v1/chat/start answers 429 TooManyRequests with Retry-After, and no chat
starts), SendMessage and SendEvent per participant (boto3's connectparticipant client raises
ThrottlingException, and nothing is posted), and no limits at all with 0. Every test has a
server of its own, so its counts start from zero.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
from botocore.config import Config

from opencontact.config import ChatRateLimits, Settings
from tests.integration.test_agent_api import AgentApiUnderTest, agent_api_center, served

TYPING = "application/vnd.amazonaws.connect.event.typing"


def customer_at(api: AgentApiUnderTest, address: str) -> httpx.AsyncClient:
    """An HTTP client whose requests reach the server from `address` (the ASGI client)."""
    transport = httpx.ASGITransport(app=api.app, client=(address, 50_000))
    return httpx.AsyncClient(transport=transport, base_url="http://opencontact")


async def start(http: httpx.AsyncClient, name: str = "Ana") -> httpx.Response:
    return await http.post("/api/v1/chat/start", json={"instance": "demo", "displayName": name})


def live_chats(api: AgentApiUnderTest) -> int:
    return len(api.cc.state.live.contacts)


def participant_client(url: str) -> Any:
    # One attempt: boto3 would otherwise retry a ThrottlingException after a backoff.
    return boto3.client(
        "connectparticipant",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="anything",
        aws_secret_access_key="at-all",
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
    )


async def test_chats_started_from_one_address_beyond_its_limit_are_refused(
    tmp_path: Path,
) -> None:
    limits = ChatRateLimits(starts_per_client_per_minute=2)
    async with (
        agent_api_center(tmp_path, chat_rate_limits=limits) as api,
        customer_at(api, "203.0.113.5") as ana,
        customer_at(api, "198.51.100.7") as ben,
    ):
        for name in ("Ana", "Ana again"):
            assert (await start(ana, name)).status_code == 200
        assert live_chats(api) == 2

        refused = await start(ana, "Ana a third time")
        assert refused.status_code == 429
        assert refused.json()["error"] == "TooManyRequests"
        assert "from your address" in refused.json()["message"]
        assert "try again in" in refused.json()["message"]
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert live_chats(api) == 2

        # Refused requests do not count, nor push the retry time back.
        again = await start(ana)
        assert again.status_code == 429
        assert int(again.headers["retry-after"]) <= int(refused.headers["retry-after"])

        # Another address has a limit of its own.
        assert (await start(ben, "Ben")).status_code == 200
        assert live_chats(api) == 3

        # Bad input is refused as before and counts for nothing.
        missing = await ben.post(
            "/api/v1/chat/start", json={"instance": "nowhere", "displayName": "Ben"}
        )
        assert missing.status_code == 404
        assert (await start(ben, "Ben again")).status_code == 200
        assert live_chats(api) == 4


async def test_chats_started_on_one_instance_beyond_its_limit_are_refused(
    tmp_path: Path,
) -> None:
    limits = ChatRateLimits(starts_per_client_per_minute=5, starts_per_instance_per_minute=3)
    async with (
        agent_api_center(tmp_path, chat_rate_limits=limits) as api,
        customer_at(api, "203.0.113.5") as ana,
        customer_at(api, "198.51.100.7") as ben,
        customer_at(api, "192.0.2.44") as cy,
    ):
        assert (await start(ana)).status_code == 200
        assert (await start(ana)).status_code == 200
        assert (await start(ben, "Ben")).status_code == 200

        for http in (ben, cy):
            refused = await start(http, "Ben or Cy")
            assert refused.status_code == 429
            assert set(refused.json()) == {"error", "message"}
            assert refused.json()["error"] == "TooManyRequests"
            assert "instance 'demo'" in refused.json()["message"]
            assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert live_chats(api) == 3


async def test_a_participant_flooding_sendmessage_is_throttled(tmp_path: Path) -> None:
    limits = ChatRateLimits(participant_sends_per_second=3)
    async with (
        agent_api_center(tmp_path, chat_rate_limits=limits) as api,
        served(api.app) as url,
    ):
        started = (await start(api.http)).json()
        other = (await start(api.http, "Ben")).json()
        participant = participant_client(url)

        def connect(token: str) -> str:
            connection = participant.create_participant_connection(
                ParticipantToken=token, Type=["CONNECTION_CREDENTIALS"]
            )
            return str(connection["ConnectionCredentials"]["ConnectionToken"])

        def flood(token: str) -> tuple[int, Any]:
            sent = 0
            try:
                for n in range(4):
                    participant.send_message(
                        ConnectionToken=token, ContentType="text/plain", Content=f"m{n}"
                    )
                    sent += 1
            except participant.exceptions.ThrottlingException as error:
                return sent, error.response
            return sent, None

        def messages(token: str) -> list[str]:
            items = participant.get_transcript(ConnectionToken=token, MaxResults=100)
            transcript = items["Transcript"]
            return [
                i["Content"]
                for i in transcript
                if i["Type"] == "MESSAGE" and i["ParticipantRole"] == "CUSTOMER"
            ]

        def typing(token: str, times: int) -> None:
            for _ in range(times):
                participant.send_event(ConnectionToken=token, ContentType=TYPING)

        run = asyncio.to_thread
        token = await run(connect, started["ParticipantToken"])
        sent, refusal = await run(flood, token)
        assert sent == 3
        assert refusal is not None
        assert refusal["ResponseMetadata"]["HTTPStatusCode"] == 429
        assert refusal["Error"]["Code"] == "ThrottlingException"
        assert "at most 3 SendMessage requests a second" in refusal["Message"]
        assert refusal["ResponseMetadata"]["HTTPHeaders"]["retry-after"] == "1"
        # The refused message was not posted.
        assert await run(messages, token) == ["m2", "m1", "m0"]

        # SendEvent has a limit of its own, and so has every other participant.
        await run(typing, token, 3)
        with pytest.raises(participant.exceptions.ThrottlingException):
            await run(typing, token, 1)
        other_token = await run(connect, other["ParticipantToken"])
        assert (await run(flood, other_token))[0] == 3


async def test_limits_of_zero_are_no_limits(tmp_path: Path) -> None:
    off = ChatRateLimits(0, 0, 0)
    async with agent_api_center(tmp_path, chat_rate_limits=off) as api:
        for n in range(15):
            assert (await start(api.http, f"Customer {n}")).status_code == 200, n
        assert live_chats(api) == 15

        started = (await start(api.http)).json()
        bearer = {"X-Amz-Bearer": started["ParticipantToken"]}
        connection = await api.http.post(
            "/participant/connection", json={"Type": ["CONNECTION_CREDENTIALS"]}, headers=bearer
        )
        token = connection.json()["ConnectionCredentials"]["ConnectionToken"]
        for n in range(15):
            sent = await api.http.post(
                "/participant/message",
                json={"ContentType": "text/plain", "Content": f"m{n}"},
                headers={"X-Amz-Bearer": token},
            )
            assert sent.status_code == 200, (n, sent.text)


def test_the_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CLIENT", "INSTANCE"):
        monkeypatch.delenv(f"OPENCONTACT_CHAT_STARTS_PER_{name}", raising=False)
    monkeypatch.delenv("OPENCONTACT_PARTICIPANT_SENDS_PER_SECOND", raising=False)
    assert Settings().chat_rate_limits == ChatRateLimits(10, 600, 10)
    monkeypatch.setenv("OPENCONTACT_CHAT_STARTS_PER_CLIENT", "0")
    monkeypatch.setenv("OPENCONTACT_CHAT_STARTS_PER_INSTANCE", "1000")
    monkeypatch.setenv("OPENCONTACT_PARTICIPANT_SENDS_PER_SECOND", "5")
    assert Settings().chat_rate_limits == ChatRateLimits(0, 1000, 5)
    monkeypatch.setenv("OPENCONTACT_CHAT_STARTS_PER_CLIENT", "ten")
    with pytest.raises(ValueError, match="OPENCONTACT_CHAT_STARTS_PER_CLIENT"):
        Settings()
