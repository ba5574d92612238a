"""The live-contact operations where time matters, on the demo instance and a virtual clock:
missed offers and dismissing them, how long a caller has waited, hold and after-contact work
durations, how long an outbound call rings, and retries racing each other.

The handlers are called as the Connect API calls them (with parameters already validated)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.errors import ConnectError
from opencontact.api.connect.operations import handlers
from opencontact.api.connect.operations.metrics import figures
from opencontact.domain.base import Channel
from opencontact.domain.errors import InvalidRequest
from opencontact.domain.phone_numbers import PhoneNumber
from opencontact.domain.queues import Queue
from opencontact.engine import commands
from opencontact.engine.metrics import queue_figures
from tests.support.engine import ContactCenterUnderTest, contact_center

CUSTOMER = "+15555550100"
OUTSIDE = "+12065550042"


async def api(cc: ContactCenterUnderTest, operation: str, **params: Any) -> Any:
    call = ConnectCall(
        operation, {"InstanceId": cc.instance_id, **params}, "us-east-1", cc.runtime.center
    )
    result = await handlers()[operation](call)
    await cc.settle()
    return result


def basic_queue(cc: ContactCenterUnderTest) -> Queue:
    queue = cc.state.directory.find_by_name(Queue, "BasicQueue")
    assert queue is not None
    return queue


def inbound_flow_id(cc: ContactCenterUnderTest) -> str:
    number = cc.state.directory.find_by_name(PhoneNumber, cc.demo_number)
    assert number is not None
    assert number.contact_flow_id is not None
    return number.contact_flow_id


async def caller_waits(cc: ContactCenterUnderTest) -> str:
    call = cc.carrier.place_call(CUSTOMER, cc.demo_number)
    await cc.settle()
    return cc.contact_of_call(call)


async def metric(cc: ContactCenterUnderTest, name: str, **request: Any) -> float:
    found = await api(
        cc,
        "GetCurrentMetricData",
        Filters={"Queues": [basic_queue(cc).id]},
        CurrentMetrics=[{"Name": name}],
        **request,
    )
    value: float = found["MetricResults"][0]["Collections"][0]["Value"]
    return value


async def user_contacts(cc: ContactCenterUnderTest, username: str) -> list[dict[str, Any]]:
    found = await api(cc, "GetCurrentUserData", Filters={"Agents": [cc.user_id(username)]})
    [data] = found["UserDataList"]
    contacts: list[dict[str, Any]] = data["Contacts"]
    return contacts


async def test_a_missed_offer_shows_until_the_agent_dismisses_it(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        agent1 = cc.user_id("agent1")
        await cc.available("agent1")
        contact_id = await caller_waits(cc)
        await cc.advance(20)  # the offer times out
        [missed] = await user_contacts(cc, "agent1")
        assert (missed["ContactId"], missed["AgentContactState"]) == (contact_id, "MISSED")
        assert await metric(cc, "AGENTS_ERROR") == 1
        assert await metric(cc, "AGENTS_AVAILABLE") == 0

        await api(cc, "DismissUserContact", UserId=agent1, ContactId=contact_id)
        # Routable again: the waiting call is offered to the agent once more.
        [offered] = await user_contacts(cc, "agent1")
        assert (offered["ContactId"], offered["AgentContactState"]) == (contact_id, "INCOMING")
        assert await metric(cc, "AGENTS_ERROR") == 0


async def test_only_the_agent_who_missed_a_contact_can_dismiss_it(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        await cc.available("agent1")
        await cc.run(commands.set_status(cc.user_id("agent2"), "Offline"))
        contact_id = await caller_waits(cc)
        await cc.advance(20)
        with pytest.raises(InvalidRequest, match="not with the agent"):
            await api(cc, "DismissUserContact", UserId=cc.user_id("agent2"), ContactId=contact_id)
        [missed] = await user_contacts(cc, "agent1")
        assert missed["AgentContactState"] == "MISSED"


async def test_the_oldest_caller_age_is_seconds_when_grouped_and_milliseconds_when_not(
    tmp_path: Path,
) -> None:
    async with contact_center(tmp_path) as cc:
        await caller_waits(cc)
        await cc.advance(30)
        assert await metric(cc, "OLDEST_CONTACT_AGE", Groupings=["QUEUE"]) == 30
        assert await metric(cc, "OLDEST_CONTACT_AGE") == 30_000
        assert await metric(cc, "CONTACTS_IN_QUEUE") == 1


async def test_hold_and_after_contact_work_durations_are_on_the_record(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        agent1 = cc.user_id("agent1")
        await cc.available("agent1")
        contact_id = await caller_waits(cc)
        await cc.run(commands.accept(agent1, contact_id))
        await cc.run(commands.hold(agent1, contact_id))
        await cc.advance(30)
        live = (await api(cc, "DescribeContact", ContactId=contact_id))["Contact"]
        assert live["AgentInfo"]["AgentInitiatedHoldDuration"] == 30  # still on hold
        [on_hold] = await user_contacts(cc, "agent1")
        assert on_hold["AgentContactState"] == "CONNECTED_ONHOLD"

        await cc.run(commands.resume(agent1, contact_id))
        await cc.run(commands.end(agent1, contact_id))
        await cc.advance(45)
        await cc.run(commands.close(agent1, contact_id))
        record = (await api(cc, "DescribeContact", ContactId=contact_id))["Contact"]
        agent = record["AgentInfo"]
        assert agent["AgentInitiatedHoldDuration"] == 30
        assert agent["AfterContactWorkDuration"] == 45
        assert record["DisconnectReason"] == "AGENT_DISCONNECT"


async def test_an_outbound_call_rings_for_the_time_asked_then_ends(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        request = {
            "DestinationPhoneNumber": OUTSIDE,
            "ContactFlowId": inbound_flow_id(cc),
            "SourcePhoneNumber": cc.demo_number,
        }
        short = (await api(cc, "StartOutboundVoiceContact", RingTimeoutInSeconds=15, **request))[
            "ContactId"
        ]
        default = (await api(cc, "StartOutboundVoiceContact", **request))["ContactId"]
        await cc.advance(16)
        ended = (await api(cc, "DescribeContact", ContactId=short))["Contact"]
        assert ended["DisconnectReason"] == "OTHER"
        ringing = (await api(cc, "DescribeContact", ContactId=default))["Contact"]
        assert "DisconnectTimestamp" not in ringing
        await cc.advance(45)  # Connect's default: 60 seconds
        ringing = (await api(cc, "DescribeContact", ContactId=default))["Contact"]
        assert ringing["DisconnectReason"] == "OTHER"


async def test_retries_racing_with_one_token_start_one_contact(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        request = {
            "Name": "Once",
            "ContactFlowId": inbound_flow_id(cc),
            "ClientToken": "token-1",
        }
        ids = await asyncio.gather(*(api(cc, "StartTaskContact", **request) for _ in range(3)))
        assert len({found["ContactId"] for found in ids}) == 1


async def test_a_failed_start_forgets_its_token(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        request = {
            "DestinationPhoneNumber": OUTSIDE,
            "ContactFlowId": inbound_flow_id(cc),
            "SourcePhoneNumber": cc.demo_number,
            "ClientToken": "token-2",
        }
        await api(cc, "UpdateInstanceAttribute", AttributeType="OUTBOUND_CALLS", Value="false")
        with pytest.raises(ConnectError) as refused:
            await api(cc, "StartOutboundVoiceContact", **request)
        assert refused.value.code == "OutboundContactNotPermittedException"
        await api(cc, "UpdateInstanceAttribute", AttributeType="OUTBOUND_CALLS", Value="true")
        placed = await api(cc, "StartOutboundVoiceContact", **request)
        assert cc.state.live.contact(placed["ContactId"]) is not None


async def test_queue_figures_agree_with_flows_check_metric_data(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        queue = basic_queue(cc)
        agent1 = cc.user_id("agent1")

        def compare() -> None:
            now = cc.clock.now()
            engine = queue_figures(cc.state, queue.id, now)
            api_side = figures(cc.state, [queue], frozenset(Channel), now)
            assert api_side["CONTACTS_IN_QUEUE"] == engine.contacts_in_queue
            assert api_side["OLDEST_CONTACT_AGE"] == round(engine.oldest_contact_age_seconds)
            assert api_side["AGENTS_ONLINE"] == engine.agents_online
            assert api_side["AGENTS_STAFFED"] == engine.agents_staffed
            assert api_side["AGENTS_AVAILABLE"] == engine.agents_available
            assert api_side["AGENTS_ON_CONTACT"] == engine.agents_on_contact
            assert api_side["AGENTS_AFTER_CONTACT_WORK"] == engine.agents_after_contact_work
            assert api_side["AGENTS_NON_PRODUCTIVE"] == engine.agents_non_productive

        compare()
        await cc.available("agent1")
        compare()
        contact_id = await caller_waits(cc)
        await cc.advance(5)
        compare()
        await cc.run(commands.accept(agent1, contact_id))
        compare()
        await cc.run(commands.end(agent1, contact_id))
        compare()
