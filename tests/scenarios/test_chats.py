"""Chats on the engine: a customer starts a chat, the flow greets them and queues the chat, an
agent accepts it (no phone), they write to each other, one of them leaves; chats transferred to
another agent or a queue keep their whole conversation; an agent holds several chats at once as
the routing profile allows, next to a call or not as its cross-channel setting says; flows take
typed replies and wait for the customer; a restart loses nothing of a chat."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from opencontact.domain.base import Channel, Outcome, Put
from opencontact.domain.chats import (
    DEFAULT_CHAT_MINUTES,
    ChatItem,
    ChatItemType,
    ChatSender,
    ParticipantRole,
)
from opencontact.domain.contact_flows import ContactFlow, ContactFlowType, create_contact_flow
from opencontact.domain.contacts import ContactState, DisconnectReason
from opencontact.domain.errors import InvalidParameter, InvalidRequest, ResourceNotFound
from opencontact.domain.queues import Queue
from opencontact.domain.quick_connects import QuickConnect
from opencontact.domain.routing_profiles import (
    CrossChannelBehavior,
    MediaConcurrency,
    RoutingProfile,
    update_routing_profile_concurrency,
)
from opencontact.engine import commands
from opencontact.engine.bus import ChatItemPosted, Event
from opencontact.engine.chats import ChatStart, agent_chat_sender
from opencontact.engine.state import InstanceState
from opencontact.engine.views import chat_item_view
from tests.support.engine import ContactCenterUnderTest, contact_center

INBOUND = "Sample inbound flow (first contact experience)"
GREETING = "Thank you for calling. Please hold while we connect you to the next available agent."


class ChatCenter:
    """The contact center under test, with what a chat test needs: starting chats as the
    widget does, posting as the customer or an agent, reading transcripts and the bus."""

    def __init__(self, cc: ContactCenterUnderTest) -> None:
        self.cc = cc
        self.posted: list[ChatItemPosted] = []
        cc.runtime.bus.subscribe(cc.instance_id, self._heard)

    def _heard(self, event: Event) -> None:
        if isinstance(event, ChatItemPosted):
            self.posted.append(event)

    async def start(
        self,
        name: str = "Ana",
        message: str | None = None,
        flow: str = INBOUND,
        *,
        minutes: int | None = None,
        attributes: dict[str, str] | None = None,
    ) -> ChatStart:
        """A chat as the widget starts it (`minutes`: StartChatContact's ChatDurationInMinutes;
        the default when left out)."""
        found = self.cc.state.directory.find_by_name(ContactFlow, flow)
        assert found is not None
        return await self.cc.run(
            commands.start_chat(
                flow_id=found.id,
                display_name=name,
                attributes=attributes or {},
                initial_message=message,
                duration_minutes=DEFAULT_CHAT_MINUTES if minutes is None else minutes,
            )
        )

    def customer(self, chat: ChatStart) -> ChatSender:
        return ChatSender(
            ParticipantRole.CUSTOMER, chat.participant_id, chat.contact.customer_display_name
        )

    def agent(self, username: str) -> ChatSender:
        return agent_chat_sender(self.cc.state, self.cc.user_id(username))

    async def customer_says(self, chat: ChatStart, text: str) -> ChatItem:
        return await self.cc.run(
            commands.post_chat_message(chat.contact.id, self.customer(chat), text, "text/plain")
        )

    async def agent_says(self, username: str, contact_id: str, text: str) -> ChatItem:
        return await self.cc.run(
            commands.post_chat_message(contact_id, self.agent(username), text, "text/plain")
        )

    async def transcript(self, chat: ChatStart) -> list[ChatItem]:
        return await self.cc.runtime.store.chat_transcript(
            self.cc.instance_id, chat.contact.initial_contact_id
        )

    async def lines(self, chat: ChatStart) -> list[tuple[str, str, str | None]]:
        """The transcript as a person reads it: (what, who, text)."""
        return [
            (i.type.value, i.display_name or i.participant_role.value, i.content)
            for i in await self.transcript(chat)
        ]

    def offered_chats(self, username: str) -> list[str]:
        return [
            c["contactId"]
            for c in self.cc.agent(username)["contacts"]
            if c["channel"] == "CHAT" and c["state"] == "OFFERED"
        ]

    async def add_flow(self, name: str, *actions: dict[str, Any]) -> ContactFlow:
        content = json.dumps(
            {
                "Version": "2019-10-30",
                "StartAction": actions[0]["Identifier"],
                "Actions": list(actions),
            }
        )
        env = self.cc.runtime.center.env("us-east-1")
        return await self.cc.runtime.center.change(
            self.cc.instance_id,
            None,
            lambda d: create_contact_flow(
                d, env, name=name, flow_type=ContactFlowType.CONTACT_FLOW, content=content
            ),
        )

    async def set_concurrency(self, *media: MediaConcurrency) -> None:
        profile = self.cc.state.directory.find_by_name(RoutingProfile, "Basic Routing Profile")
        assert profile is not None
        env = self.cc.runtime.center.env("us-east-1")
        await self.cc.runtime.center.change(
            self.cc.instance_id,
            None,
            lambda d: update_routing_profile_concurrency(
                d, env, profile.id, media_concurrencies=media
            ),
        )


@asynccontextmanager
async def chat_center(tmp_path: Path) -> AsyncIterator[ChatCenter]:
    async with contact_center(tmp_path) as cc:
        yield ChatCenter(cc)


def action(
    identifier: str,
    kind: str,
    parameters: dict[str, Any],
    then: str | None = None,
    *,
    errors: dict[str, str] | None = None,
    conditions: dict[str, str] | None = None,
) -> dict[str, Any]:
    transitions: dict[str, Any] = {}
    if then:
        transitions["NextAction"] = then
    if errors:
        transitions["Errors"] = [{"NextAction": n, "ErrorType": e} for e, n in errors.items()]
    if conditions:
        transitions["Conditions"] = [
            {"NextAction": n, "Condition": {"Operator": "Equals", "Operands": [value]}}
            for value, n in conditions.items()
        ]
    return {
        "Identifier": identifier,
        "Type": kind,
        "Parameters": parameters,
        "Transitions": transitions,
    }


def say(identifier: str, text: str, then: str | None = None) -> dict[str, Any]:
    return action(identifier, "MessageParticipant", {"Text": text}, then)


def to_basic_queue(identifier: str, queue_arn: str) -> list[dict[str, Any]]:
    return [
        action(identifier, "UpdateContactTargetQueue", {"QueueId": queue_arn}, f"{identifier}-q"),
        action(f"{identifier}-q", "TransferContactToQueue", {}, f"{identifier}-x"),
        action(f"{identifier}-x", "DisconnectParticipant", {}),
    ]


def basic_queue(cc: ContactCenterUnderTest) -> Queue:
    queue = cc.state.directory.find_by_name(Queue, "BasicQueue")
    assert queue is not None
    return queue


# -- one chat from start to close ----------------------------------------------------------------


async def test_a_customer_chats_with_an_agent_until_the_customer_leaves(tmp_path: Path) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        agent1 = cc.user_id("agent1")
        chat = await chats.start("Ana", "Hello, my order is late")
        contact = cc.contact(chat.contact.id)
        assert contact.channel is Channel.CHAT
        assert contact.state is ContactState.QUEUED
        assert contact.connected_to_system_at is not None
        assert contact.customer_participant_id == chat.participant_id

        await cc.available("agent1")
        [offered] = cc.agent("agent1")["contacts"]
        assert offered["channel"] == "CHAT"
        assert offered["customer"]["displayName"] == "Ana"
        await cc.run(commands.accept(agent1, chat.contact.id))
        assert cc.agent("agent1")["state"] == "On contact"  # no phone to wait for

        await chats.customer_says(chat, "Order A-17")
        await chats.agent_says("agent1", chat.contact.id, "Let me look.")
        await cc.run(
            commands.post_chat_event(
                chat.contact.id, chats.customer(chat), ChatItemType.TYPING, None
            )
        )
        reply = await chats.agent_says("agent1", chat.contact.id, "It ships today.")
        read = await cc.run(
            commands.post_chat_event(
                chat.contact.id, chats.customer(chat), ChatItemType.MESSAGE_READ, reply.id
            )
        )
        await cc.run(commands.customer_left_chat(chat.contact.id))

        assert cc.agent("agent1")["state"] == "After contact work"
        ended = cc.contact(chat.contact.id)
        assert ended.disconnect_reason is DisconnectReason.CUSTOMER_DISCONNECT
        agent_name = chats.agent("agent1").display_name
        assert await chats.lines(chat) == [
            ("PARTICIPANT_JOINED", "Ana", None),
            ("MESSAGE", "Ana", "Hello, my order is late"),
            ("MESSAGE", "SYSTEM_MESSAGE", GREETING),
            ("PARTICIPANT_JOINED", agent_name, None),
            ("MESSAGE", "Ana", "Order A-17"),
            ("MESSAGE", agent_name, "Let me look."),
            ("MESSAGE", agent_name, "It ships today."),
            ("MESSAGE_READ", "Ana", json.dumps({"messageId": reply.id})),
            ("PARTICIPANT_LEFT", "Ana", None),
            ("CHAT_ENDED", "SYSTEM_MESSAGE", None),
        ]
        # Everything was published live, typing too (which the transcript does not keep).
        published = [p.item.type for p in chats.posted]
        assert ChatItemType.TYPING in published
        assert len(published) == 11
        assert all(p.initial_contact_id == chat.contact.id for p in chats.posted)
        assert chat_item_view(read)["MessageMetadata"] == {
            "MessageId": reply.id,
            "Receipts": [
                {
                    "ReadTimestamp": chat_item_view(read)["AbsoluteTime"],
                    "RecipientParticipantId": chat.participant_id,
                }
            ],
        }

        with pytest.raises(InvalidRequest, match="ended"):
            await chats.customer_says(chat, "Still there?")
        await cc.run(commands.close(agent1, chat.contact.id))
        assert cc.agent("agent1")["state"] == "Available"
        record = await cc.record(chat.contact.id)
        assert record.customer_display_name == "Ana"


async def test_the_agent_ends_the_chat(tmp_path: Path) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        agent1 = cc.user_id("agent1")
        await cc.available("agent1")
        chat = await chats.start()
        await cc.run(commands.accept(agent1, chat.contact.id))
        await cc.run(commands.end(agent1, chat.contact.id))
        lines = await chats.lines(chat)
        agent_name = chats.agent("agent1").display_name
        assert lines[-2:] == [
            ("PARTICIPANT_LEFT", agent_name, None),
            ("CHAT_ENDED", "SYSTEM_MESSAGE", None),
        ]
        assert cc.contact(chat.contact.id).disconnect_reason is DisconnectReason.AGENT_DISCONNECT
        assert cc.agent("agent1")["state"] == "After contact work"
        with pytest.raises(InvalidRequest):
            await chats.agent_says("agent1", chat.contact.id, "One more thing")


async def test_messages_are_checked(tmp_path: Path) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        with pytest.raises(InvalidParameter, match="display name"):
            await chats.start("  ")
        chat = await chats.start()
        customer = chats.customer(chat)
        with pytest.raises(InvalidParameter, match="text/plain or text/markdown"):
            await cc.run(
                commands.post_chat_message(chat.contact.id, customer, "{}", "application/json")
            )
        with pytest.raises(InvalidParameter, match="16,384"):
            await cc.run(
                commands.post_chat_message(chat.contact.id, customer, "x" * 16_385, "text/plain")
            )
        with pytest.raises(InvalidParameter, match="empty"):
            await cc.run(commands.post_chat_message(chat.contact.id, customer, " ", "text/plain"))
        with pytest.raises(InvalidParameter, match="messageId"):
            await cc.run(
                commands.post_chat_event(chat.contact.id, customer, ChatItemType.MESSAGE_READ, None)
            )
        with pytest.raises(InvalidRequest, match="not with this agent"):
            await chats.agent_says("agent1", chat.contact.id, "Hi")
        stranger = ChatSender(ParticipantRole.CUSTOMER, "someone-else", "Eve")
        with pytest.raises(InvalidRequest, match="not the customer"):
            await cc.run(commands.post_chat_message(chat.contact.id, stranger, "Hi", "text/plain"))
        with pytest.raises(ResourceNotFound):
            await cc.run(commands.post_chat_message("no-such-chat", customer, "Hi", "text/plain"))
        await chats.customer_says(chat, "**bold**")
        assert (await chats.transcript(chat))[-1].content == "**bold**"


# -- transfers ----------------------------------------------------------------------------------


async def test_a_chat_transferred_to_another_agent_keeps_its_whole_conversation(
    tmp_path: Path,
) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        agent1, agent2 = cc.user_id("agent1"), cc.user_id("agent2")
        await cc.available("agent1")
        chat = await chats.start("Ana", "I need a refund")
        await cc.run(commands.accept(agent1, chat.contact.id))
        await chats.agent_says("agent1", chat.contact.id, "Passing you to billing.")
        agent2_qc = cc.state.directory.find_by_name(QuickConnect, "agent2 qc")
        assert agent2_qc is not None

        await cc.run(
            commands.transfer(
                agent1, chat.contact.id, quick_connect_id=agent2_qc.id, phone_number=None
            )
        )
        assert cc.agent("agent1")["state"] == "After contact work"
        # The customer writes on while the transfer waits for agent2.
        await chats.customer_says(chat, "Thanks!")
        await cc.available("agent2")
        [offered] = cc.agent("agent2")["contacts"]
        assert offered["channel"] == "CHAT"
        assert offered["initiationMethod"] == "TRANSFER"
        assert offered["previousContactId"] == chat.contact.id
        assert offered["customer"]["displayName"] == "Ana"
        segment = offered["contactId"]
        await cc.run(commands.accept(agent2, segment))
        await chats.agent_says("agent2", segment, "Billing here. Refund done.")
        await chats.customer_says(chat, "Great")

        one, two = chats.agent("agent1").display_name, chats.agent("agent2").display_name
        assert await chats.lines(chat) == [
            ("PARTICIPANT_JOINED", "Ana", None),
            ("MESSAGE", "Ana", "I need a refund"),
            ("MESSAGE", "SYSTEM_MESSAGE", GREETING),
            ("PARTICIPANT_JOINED", one, None),
            ("MESSAGE", one, "Passing you to billing."),
            ("MESSAGE", "SYSTEM_MESSAGE", "Transferring now..."),
            ("TRANSFER_SUCCEEDED", "SYSTEM_MESSAGE", None),
            ("PARTICIPANT_LEFT", one, None),
            ("MESSAGE", "Ana", "Thanks!"),
            ("PARTICIPANT_JOINED", two, None),
            ("MESSAGE", two, "Billing here. Refund done."),
            ("MESSAGE", "Ana", "Great"),
        ]
        items = await chats.transcript(chat)
        assert {i.contact_id for i in items} == {chat.contact.id, segment}
        assert cc.contact(segment).initial_contact_id == chat.contact.id
        assert cc.contact(segment).customer_participant_id == chat.participant_id

        # agent1 finishes their part; the customer leaves agent2.
        await cc.run(commands.close(agent1, chat.contact.id))
        await cc.run(commands.customer_left_chat(chat.contact.id))
        assert cc.agent("agent2")["state"] == "After contact work"
        assert (await chats.lines(chat))[-1] == ("CHAT_ENDED", "SYSTEM_MESSAGE", None)


async def test_a_chat_transferred_to_a_queue_goes_to_the_next_free_agent(tmp_path: Path) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        agent1, agent2 = cc.user_id("agent1"), cc.user_id("agent2")
        await cc.available("agent1")
        chat = await chats.start()
        await cc.run(commands.accept(agent1, chat.contact.id))
        await cc.available("agent2")  # free, so the queue offers the chat to agent2 first
        queue_qc = cc.state.directory.find_by_name(QuickConnect, "BasicQueue qc")
        assert queue_qc is not None
        await cc.run(
            commands.transfer(
                agent1, chat.contact.id, quick_connect_id=queue_qc.id, phone_number=None
            )
        )
        [segment] = [
            c for c in cc.state.live.contacts.values() if c.previous_contact_id == chat.contact.id
        ]
        assert segment.queue_id == basic_queue(cc).id
        assert segment.initiation_method.value == "TRANSFER"
        assert chats.offered_chats("agent2") == [segment.id]
        await cc.run(commands.accept(agent2, segment.id))
        await cc.run(commands.end(agent2, segment.id))
        lines = await chats.lines(chat)
        assert ("TRANSFER_SUCCEEDED", "SYSTEM_MESSAGE", None) in lines
        assert lines[-1] == ("CHAT_ENDED", "SYSTEM_MESSAGE", None)
        assert [line[0] for line in lines].count("CHAT_ENDED") == 1


async def test_a_chat_cannot_be_held_joined_or_sent_to_a_phone_number(tmp_path: Path) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        agent1 = cc.user_id("agent1")
        await cc.available("agent1")
        chat = await chats.start()
        await cc.run(commands.accept(agent1, chat.contact.id))
        with pytest.raises(InvalidRequest, match="on hold"):
            await cc.run(commands.hold(agent1, chat.contact.id))
        with pytest.raises(InvalidRequest, match="calls only"):
            await cc.run(commands.join(agent1, chat.contact.id))
        with pytest.raises(InvalidRequest, match="calls only"):
            await cc.run(commands.swap(agent1, chat.contact.id))
        phone_qc = cc.state.directory.find_by_name(QuickConnect, "Supervisor mobile")
        assert phone_qc is not None
        with pytest.raises(InvalidRequest, match="agent or a queue"):
            await cc.run(
                commands.transfer(
                    agent1, chat.contact.id, quick_connect_id=phone_qc.id, phone_number=None
                )
            )
        with pytest.raises(InvalidRequest, match="calls only"):
            await cc.run(
                commands.transfer(
                    agent1, chat.contact.id, quick_connect_id=None, phone_number="+12065550100"
                )
            )
        assert cc.agent("agent1")["state"] == "On contact"


async def test_a_transfer_whose_flow_refuses_the_chat_leaves_it_with_the_agent(
    tmp_path: Path,
) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        agent1 = cc.user_id("agent1")
        await chats.add_flow(
            "Closed transfer",
            say("sorry", "Billing is closed.", "bye"),
            action("bye", "DisconnectParticipant", {}),
        )
        closed = cc.state.directory.find_by_name(ContactFlow, "Closed transfer")
        queue_qc = cc.state.directory.find_by_name(QuickConnect, "BasicQueue qc")
        assert closed is not None
        assert queue_qc is not None

        def repoint(state: InstanceState, _env: object) -> Outcome[None]:
            # The queue quick connect now runs a transfer flow that hangs up at once.
            return Outcome(None, [Put(replace(queue_qc, contact_flow_id=closed.id))])

        await cc.run(repoint)
        await cc.available("agent1")
        chat = await chats.start()
        await cc.run(commands.accept(agent1, chat.contact.id))
        await cc.run(
            commands.transfer(
                agent1, chat.contact.id, quick_connect_id=queue_qc.id, phone_number=None
            )
        )
        assert cc.agent("agent1")["state"] == "On contact"
        assert cc.contact(chat.contact.id).state is ContactState.CONNECTED
        lines = await chats.lines(chat)
        assert lines[-2:] == [
            ("MESSAGE", "SYSTEM_MESSAGE", "Billing is closed."),
            ("TRANSFER_FAILED", "SYSTEM_MESSAGE", None),
        ]
        await chats.customer_says(chat, "Ok, I stay with you")
        assert (await chats.transcript(chat))[-1].contact_id == chat.contact.id


# -- several chats at once, and calls beside them --------------------------------------------------


async def test_an_agent_with_chat_concurrency_3_gets_three_chats_at_once(tmp_path: Path) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        agent1 = cc.user_id("agent1")
        await chats.set_concurrency(
            MediaConcurrency(Channel.VOICE, 1), MediaConcurrency(Channel.CHAT, 3)
        )
        started = [await chats.start(name) for name in ("Ana", "Bo", "Cy", "Di")]
        await cc.available("agent1")
        offered = chats.offered_chats("agent1")
        assert sorted(offered) == sorted(c.contact.id for c in started[:3])
        for contact_id in offered:
            await cc.run(commands.accept(agent1, contact_id))
        desk = cc.agent("agent1")
        assert [c["state"] for c in desk["contacts"]] == ["CONNECTED"] * 3
        assert cc.contact(started[3].contact.id).state is ContactState.QUEUED
        for chat in started[:3]:
            await chats.agent_says(
                "agent1", chat.contact.id, f"Hello {chat.contact.customer_display_name}"
            )
        # Closing one chat frees a slot: the fourth customer is offered at once.
        await cc.run(commands.end(agent1, started[0].contact.id))
        assert chats.offered_chats("agent1") == []
        await cc.run(commands.close(agent1, started[0].contact.id))
        assert chats.offered_chats("agent1") == [started[3].contact.id]


@pytest.mark.parametrize(
    ("behavior", "call_offered"),
    [
        (CrossChannelBehavior.ROUTE_CURRENT_CHANNEL_ONLY, False),
        (CrossChannelBehavior.ROUTE_ANY_CHANNEL, True),
    ],
)
async def test_a_call_reaches_an_agent_on_a_chat_only_if_the_chat_allows_other_channels(
    tmp_path: Path, behavior: CrossChannelBehavior, call_offered: bool
) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        agent1 = cc.user_id("agent1")
        await chats.set_concurrency(
            MediaConcurrency(Channel.VOICE, 1),
            MediaConcurrency(Channel.CHAT, 2, behavior),
        )
        await cc.available("agent1")
        chat = await chats.start()
        await cc.run(commands.accept(agent1, chat.contact.id))
        leg = cc.carrier.place_call("+15555550100", cc.demo_number)
        await cc.settle()
        call = cc.contact(cc.contact_of_call(leg))
        channels = {c["channel"]: c["state"] for c in cc.agent("agent1")["contacts"]}
        if call_offered:
            assert call.agent is not None
            assert call.agent.user_id == agent1
            assert "VOICE" in channels
        else:
            assert call.state is ContactState.QUEUED
            assert channels == {"CHAT": "CONNECTED"}
            await cc.run(commands.end(agent1, chat.contact.id))
            await cc.run(commands.close(agent1, chat.contact.id))
            assert cc.contact(call.id).agent is not None  # free again: the call comes


async def test_a_call_blocks_chats_while_voice_allows_no_other_channel(tmp_path: Path) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        await cc.available("agent1")
        leg = cc.carrier.place_call("+15555550100", cc.demo_number)
        await cc.settle()
        call_id = cc.contact_of_call(leg)
        assert cc.contact(call_id).agent is not None
        chat = await chats.start()
        assert cc.contact(chat.contact.id).state is ContactState.QUEUED


# -- flows on chats ------------------------------------------------------------------------------


async def test_a_flow_asks_a_question_and_takes_the_typed_reply(tmp_path: Path) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        queue_arn = basic_queue(cc).arn
        await chats.add_flow(
            "Chat menu",
            action(
                "ask",
                "GetParticipantInput",
                {
                    "Text": "Type sales or support.",
                    "StoreInput": "False",
                    "InputTimeLimitSeconds": "60",
                },
                "again",
                errors={"InputTimeLimitExceeded": "late", "NoMatchingCondition": "again"},
                conditions={"sales": "sales", "support": "support"},
            ),
            say("again", "Sorry, I did not get that.", "ask"),
            say("late", "No answer; goodbye.", "bye"),
            action("bye", "DisconnectParticipant", {}),
            action(
                "sales",
                "UpdateContactAttributes",
                {"Attributes": {"team": "sales"}},
                "number",
            ),
            action(
                "support",
                "UpdateContactAttributes",
                {"Attributes": {"team": "support"}},
                "number",
            ),
            action(
                "number",
                "GetParticipantInput",
                {"Text": "Your order number?", "StoreInput": "True", "InputTimeLimitSeconds": "30"},
                "keep",
                errors={"InputTimeLimitExceeded": "late", "NoMatchingError": "late"},
            ),
            action(
                "keep",
                "UpdateContactAttributes",
                {"Attributes": {"order": "$.StoredCustomerInput"}},
                "to-queue",
            ),
            *to_basic_queue("to-queue", queue_arn),
        )
        chat = await chats.start(flow="Chat menu")
        await chats.customer_says(chat, "billing")
        await chats.customer_says(chat, " Support ")  # conditions compare exactly: case matters
        await chats.customer_says(chat, "support")
        assert cc.contact(chat.contact.id).attributes == {"team": "support"}
        await chats.customer_says(chat, "A-17 please")
        contact = cc.contact(chat.contact.id)
        assert contact.attributes == {"team": "support", "order": "A-17 please"}
        assert contact.state is ContactState.QUEUED
        system = [line[2] for line in await chats.lines(chat) if line[1] == "SYSTEM_MESSAGE"]
        assert system == [
            "Type sales or support.",
            "Sorry, I did not get that.",
            "Type sales or support.",
            "Sorry, I did not get that.",
            "Type sales or support.",
            "Your order number?",
        ]

        late = await chats.start("Bo", flow="Chat menu")
        await cc.advance(59)
        assert cc.contact(late.contact.id).state is ContactState.IN_FLOW
        await cc.advance(1)
        ended = await cc.record(late.contact.id)
        assert ended.state is ContactState.ENDED
        assert ended.disconnect_reason is DisconnectReason.CONTACT_FLOW_DISCONNECT
        assert (await chats.lines(late))[-2:] == [
            ("MESSAGE", "SYSTEM_MESSAGE", "No answer; goodbye."),
            ("CHAT_ENDED", "SYSTEM_MESSAGE", None),
        ]


async def test_a_flow_waits_for_the_customer_to_come_back(tmp_path: Path) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        queue_arn = basic_queue(cc).arn
        music = await chats.add_flow(
            "Waiting music",
            say("queue-hello", "You are next in line.", "pause"),
            action(
                "pause",
                "Wait",
                {"TimeoutSeconds": "60"},
                "queue-hello",
                conditions={"WaitCompleted": "queue-hello"},
                errors={"NoMatchingError": "stop"},
            ),
            action("stop", "EndFlowExecution", {}),
        )
        await chats.add_flow(
            "Chat wait",
            say("hello", "Write when you are ready.", "wait"),
            action(
                "wait",
                "Wait",
                {"TimeoutSeconds": "300", "Events": ["CustomerReturned"]},
                "gone",
                conditions={"CustomerReturned": "back", "WaitCompleted": "gone"},
                errors={"NoMatchingError": "gone"},
            ),
            action(
                "back",
                "UpdateContactEventHooks",
                {"EventHooks": {"CustomerQueue": music.arn}},
                "to-queue",
            ),
            *to_basic_queue("to-queue", queue_arn),
            say("gone", "We closed the chat.", "end"),
            action("end", "DisconnectParticipant", {}),
        )
        chat = await chats.start(flow="Chat wait")
        await cc.advance(120)
        assert cc.contact(chat.contact.id).state is ContactState.IN_FLOW
        await chats.customer_says(chat, "I am back")
        assert cc.contact(chat.contact.id).state is ContactState.QUEUED
        await cc.advance(60)  # the chat's own customer queue flow says it again
        system = [line[2] for line in await chats.lines(chat) if line[1] == "SYSTEM_MESSAGE"]
        assert system == [
            "Write when you are ready.",
            "You are next in line.",
            "You are next in line.",
        ]

        gone = await chats.start("Bo", flow="Chat wait")
        await cc.advance(300)
        assert (await cc.record(gone.contact.id)).state is ContactState.ENDED
        assert (await chats.lines(gone))[-2][2] == "We closed the chat."


async def test_an_inbound_flow_that_ends_ends_the_chat(tmp_path: Path) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        await chats.add_flow("Ends", say("hi", "Hi.", "end"), action("end", "EndFlowExecution", {}))
        chat = await chats.start(flow="Ends")
        contact = await cc.record(chat.contact.id)
        assert contact.state is ContactState.ENDED
        assert contact.disconnect_reason is DisconnectReason.CONTACT_FLOW_DISCONNECT
        assert (await chats.lines(chat))[-2:] == [
            ("MESSAGE", "SYSTEM_MESSAGE", "Hi."),
            ("CHAT_ENDED", "SYSTEM_MESSAGE", None),
        ]


# -- a restart ------------------------------------------------------------------------------------


async def test_a_chat_goes_on_after_a_restart(tmp_path: Path) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        agent1 = cc.user_id("agent1")
        await cc.available("agent1")
        talking = await chats.start("Ana", "Hi")
        await cc.run(commands.accept(agent1, talking.contact.id))
        await chats.agent_says("agent1", talking.contact.id, "Hello Ana")
        waiting = await chats.start("Bo", "Anyone?")  # offered to agent1 (two chats at once)
        assert chats.offered_chats("agent1") == [waiting.contact.id]

    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        agent1 = cc.user_id("agent1")
        assert cc.contact(talking.contact.id).state is ContactState.CONNECTED
        await chats.customer_says(talking, "Still here")
        await chats.agent_says("agent1", talking.contact.id, "Me too")
        assert [line[2] for line in await chats.lines(talking) if line[0] == "MESSAGE"] == [
            "Hi",
            GREETING,
            "Hello Ana",
            "Still here",
            "Me too",
        ]
        # The offer was made again after the restart.
        assert chats.offered_chats("agent1") == [waiting.contact.id]
        await cc.run(commands.accept(agent1, waiting.contact.id))
        await cc.run(commands.customer_left_chat(waiting.contact.id))
        assert (await chats.lines(waiting))[-1][0] == "CHAT_ENDED"


# -- the chat's duration --------------------------------------------------------------------------


async def _jump(cc: ContactCenterUnderTest, seconds: float) -> None:
    """Move the clock a long way at once (timers due on the way fire in order)."""
    cc.clock.advance(seconds)
    await cc.settle()


async def test_a_chat_ends_when_its_duration_is_over(tmp_path: Path) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        agent1 = cc.user_id("agent1")
        await cc.available("agent1")
        chat = await chats.start("Ana", "Hi", minutes=60)
        await cc.run(commands.accept(agent1, chat.contact.id))
        left_early = await chats.start("Bo", "Quick question", minutes=60)
        await cc.run(commands.customer_left_chat(left_early.contact.id))

        await _jump(cc, 3598)
        await cc.advance(1)
        assert cc.contact(chat.contact.id).state is ContactState.CONNECTED
        await cc.advance(1)

        ended = cc.contact(chat.contact.id)
        assert ended.state is ContactState.ENDED
        assert ended.disconnect_reason is DisconnectReason.EXPIRED
        assert cc.agent("agent1")["state"] == "After contact work"
        agent_name = chats.agent("agent1").display_name
        assert (await chats.lines(chat))[-2:] == [
            ("PARTICIPANT_LEFT", agent_name, None),
            ("CHAT_ENDED", "SYSTEM_MESSAGE", None),
        ]
        with pytest.raises(InvalidRequest, match="ended"):
            await chats.customer_says(chat, "Hello?")
        # A chat that ended before its time stays as it ended.
        assert [line[0] for line in await chats.lines(left_early)].count("CHAT_ENDED") == 1
        record = await cc.record(left_early.contact.id)
        assert record.disconnect_reason is DisconnectReason.CUSTOMER_DISCONNECT


async def test_a_chat_lasts_25_hours_unless_told_otherwise(tmp_path: Path) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        chat = await chats.start("Ana", "Anyone there?")  # nobody is available: it waits
        assert cc.contact(chat.contact.id).state is ContactState.QUEUED
        await _jump(cc, 25 * 3600 - 1)
        assert cc.contact(chat.contact.id).state is ContactState.QUEUED
        await cc.advance(1)
        record = await cc.record(chat.contact.id)  # over, and no agent had it
        assert record.disconnect_reason is DisconnectReason.EXPIRED
        assert (await chats.lines(chat))[-1] == ("CHAT_ENDED", "SYSTEM_MESSAGE", None)


async def test_a_chat_s_duration_is_from_60_minutes_to_7_days(tmp_path: Path) -> None:
    async with chat_center(tmp_path) as chats:
        for minutes in (59, 10_081, 0):
            with pytest.raises(InvalidParameter, match="ChatDurationInMinutes"):
                await chats.start(minutes=minutes)
        week = await chats.start(minutes=10_080)
        assert chats.cc.contact(week.contact.id).chat_expires_at == (
            chats.cc.clock.now() + timedelta(days=7)
        )


async def test_a_transferred_chat_keeps_the_chat_s_deadline(tmp_path: Path) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        agent1, agent2 = cc.user_id("agent1"), cc.user_id("agent2")
        await cc.available("agent1")
        chat = await chats.start("Ana", "I need a refund", minutes=60)
        await cc.run(commands.accept(agent1, chat.contact.id))
        await _jump(cc, 1800)
        agent2_qc = cc.state.directory.find_by_name(QuickConnect, "agent2 qc")
        assert agent2_qc is not None
        await cc.run(
            commands.transfer(
                agent1, chat.contact.id, quick_connect_id=agent2_qc.id, phone_number=None
            )
        )
        await cc.run(commands.close(agent1, chat.contact.id))
        await cc.available("agent2")
        [offered] = cc.agent("agent2")["contacts"]
        segment = offered["contactId"]
        await cc.run(commands.accept(agent2, segment))

        await _jump(cc, 1799)  # an hour after the chat started, not after the transfer
        assert cc.contact(segment).state is ContactState.CONNECTED
        await cc.advance(1)
        assert cc.contact(segment).disconnect_reason is DisconnectReason.EXPIRED
        assert cc.agent("agent2")["state"] == "After contact work"
        lines = await chats.lines(chat)
        assert lines[-1] == ("CHAT_ENDED", "SYSTEM_MESSAGE", None)
        assert [line[0] for line in lines].count("CHAT_ENDED") == 1


@pytest.mark.parametrize(("down_for", "expires_after_restart"), [(600, True), (7200, False)])
async def test_a_chat_s_deadline_holds_across_a_restart(
    tmp_path: Path, down_for: int, expires_after_restart: bool
) -> None:
    """The timer lived in memory; recovery arms it again for the time the chat has left, or
    ends the chat at once if its time ran out while the server was down."""
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        agent1 = cc.user_id("agent1")
        await cc.available("agent1")
        chat = await chats.start("Ana", "Hi", minutes=60)
        await cc.run(commands.accept(agent1, chat.contact.id))
        await _jump(cc, 1200)
        restarted_at = cc.clock.now() + timedelta(seconds=down_for)

    async with contact_center(tmp_path, start_at=restarted_at) as cc:
        chats = ChatCenter(cc)
        if expires_after_restart:
            assert cc.contact(chat.contact.id).state is ContactState.CONNECTED
            await _jump(cc, 3600 - 1200 - down_for - 1)
            assert cc.contact(chat.contact.id).state is ContactState.CONNECTED
            await cc.advance(1)
        ended = cc.contact(chat.contact.id)
        assert ended.disconnect_reason is DisconnectReason.EXPIRED
        assert cc.agent("agent1")["state"] == "After contact work"
        assert (await chats.lines(chat))[-1] == ("CHAT_ENDED", "SYSTEM_MESSAGE", None)
