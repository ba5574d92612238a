"""StartChatContact issues the ParticipantToken with the participant tokens the Connect API was
given; a Connect API built without them refuses before any chat starts, saying why."""

from __future__ import annotations

from pathlib import Path

import pytest

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.operations import handlers
from opencontact.api.participant.tokens import ParticipantClaims, ParticipantTokens
from opencontact.domain.base import Channel
from opencontact.domain.contact_flows import ContactFlow
from tests.support.engine import ContactCenterUnderTest, contact_center

SAMPLE_INBOUND = "Sample inbound flow (first contact experience)"


def start_chat(cc: ContactCenterUnderTest, tokens: ParticipantTokens | None) -> ConnectCall:
    flow = cc.state.directory.find_by_name(ContactFlow, SAMPLE_INBOUND)
    assert flow is not None
    params = {
        "InstanceId": cc.instance_id,
        "ContactFlowId": flow.id,
        "ParticipantDetails": {"DisplayName": "Ana"},
    }
    return ConnectCall(
        "StartChatContact", params, "us-east-1", cc.runtime.center, participant_tokens=tokens
    )


def chats(cc: ContactCenterUnderTest) -> list[str]:
    return [c.id for c in cc.state.live.contacts.values() if c.channel is Channel.CHAT]


async def test_the_participant_token_is_signed_with_the_tokens_given(tmp_path: Path) -> None:
    tokens = ParticipantTokens.in_memory()
    async with contact_center(tmp_path) as cc:
        started = await handlers()["StartChatContact"](start_chat(cc, tokens))
        assert tokens.read_participant_token(started["ParticipantToken"]) == ParticipantClaims(
            cc.instance_id, started["ContactId"], started["ParticipantId"]
        )


async def test_without_participant_tokens_no_chat_starts(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        with pytest.raises(RuntimeError, match="needs the server's participant tokens"):
            await handlers()["StartChatContact"](start_chat(cc, None))
        await cc.settle()
        assert chats(cc) == []
