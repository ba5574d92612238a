"""Which agents' sockets hear about a change: their own agent state, a contact whose agent side
is theirs or that is in their contact list — nobody else's; and the terminal's wording of the
messages they get."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import cast

from opencontact.api.agent.feeds import AgentFeeds
from opencontact.cli_agent import describe
from opencontact.domain.agent_statuses import AgentStatus, AgentStatusType
from opencontact.domain.agents import Agent
from opencontact.domain.base import Channel
from opencontact.domain.contacts import (
    AgentLeg,
    AgentLegState,
    Contact,
    ContactState,
    InitiationMethod,
)
from opencontact.domain.live import Live
from opencontact.engine.bus import Changed, EventBus, Subscriber
from opencontact.engine.center import ContactCenter

NOW = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


def _agent(user_id: str, *contact_ids: str) -> Agent:
    return Agent(
        id=user_id,
        arn=f"arn:agent/{user_id}",
        status_id="available",
        status_since=NOW,
        available_since=NOW,
        contact_ids=contact_ids,
    )


def _contact(contact_id: str, agent: str | None) -> Contact:
    leg = AgentLeg(agent, AgentLegState.CONNECTED, offered_at=NOW) if agent else None
    return Contact(
        id=contact_id,
        arn=f"arn:contact/{contact_id}",
        channel=Channel.VOICE,
        initiation_method=InitiationMethod.INBOUND,
        initial_contact_id=contact_id,
        state=ContactState.CONNECTED,
        agent=leg,
        initiated_at=NOW,
        last_updated_at=NOW,
    )


class _State:
    def __init__(self, live: Live) -> None:
        self.live = live


class _Center:
    def __init__(self, live: Live) -> None:
        self.live = live

    def state(self, instance_id: str) -> _State:
        return _State(self.live)


class _CountingBus(EventBus):
    def __init__(self) -> None:
        super().__init__()
        self.following = 0

    def subscribe(self, instance_id: str, subscriber: Subscriber) -> Callable[[], None]:
        self.following += 1
        stop = super().subscribe(instance_id, subscriber)

        def unsubscribe() -> None:
            self.following -= 1
            stop()

        return unsubscribe


def _feeds(live: Live) -> tuple[AgentFeeds, _CountingBus, list[str]]:
    bus = _CountingBus()
    feeds = AgentFeeds(cast(ContactCenter, _Center(live)), bus)
    heard: list[str] = []
    return feeds, bus, heard


def _hears(heard: list[str], user: str) -> Callable[[], None]:
    return lambda: heard.append(user)


def test_an_agent_change_reaches_only_that_agent() -> None:
    feeds, bus, heard = _feeds(Live())
    feeds.follow("i", "agent1", lambda: heard.append("agent1"))
    feeds.follow("i", "agent2", lambda: heard.append("agent2"))
    bus.publish(Changed("i", _agent("agent1")))
    bus.publish(Changed("other-instance", _agent("agent2")))
    assert heard == ["agent1"]


def test_a_contact_change_reaches_its_agent_and_whoever_lists_it() -> None:
    holder = _agent("agent2", "c1")
    feeds, bus, heard = _feeds(Live(agents=[holder]))
    for user in ("agent1", "agent2", "agent3"):
        feeds.follow("i", user, _hears(heard, user))
    bus.publish(Changed("i", _contact("c1", "agent1")))
    assert sorted(heard) == ["agent1", "agent2"]
    heard.clear()
    bus.publish(Changed("i", replace(_contact("c1", None), id="c2")))
    assert heard == []


def test_a_change_of_desk_configuration_reaches_every_agent_of_the_instance() -> None:
    feeds, bus, heard = _feeds(Live())
    feeds.follow("i", "agent1", lambda: heard.append("agent1"))
    feeds.follow("i", "agent2", lambda: heard.append("agent2"))
    lunch = AgentStatus(
        id="s1",
        arn="arn:aws:connect:us-east-1:1:instance/i/agent-state/s1",
        name="Lunch",
        status_type=AgentStatusType.CUSTOM,
        last_modified_time=datetime(2026, 3, 2, tzinfo=UTC),
        last_modified_region="us-east-1",
    )
    bus.publish(Changed("i", lunch))
    bus.publish(Changed("nowhere", lunch))
    assert sorted(heard) == ["agent1", "agent2"]


def test_the_bus_is_followed_only_while_someone_listens() -> None:
    feeds, bus, heard = _feeds(Live())
    stop1 = feeds.follow("i", "agent1", lambda: heard.append("one"))
    stop2 = feeds.follow("i", "agent1", lambda: heard.append("two"))
    assert bus.following == 1
    stop1()
    stop1()
    bus.publish(Changed("i", _agent("agent1")))
    assert heard == ["two"]
    stop2()
    assert bus.following == 0
    bus.publish(Changed("i", _agent("agent1")))
    assert heard == ["two"]


def test_the_terminal_describes_an_event_a_line_per_contact_and_party() -> None:
    message = {
        "type": "agent",
        "agent": {
            "username": "agent1",
            "state": "On contact",
            "contacts": [
                {
                    "contactId": "c1",
                    "channel": "VOICE",
                    "initiationMethod": "INBOUND",
                    "customer": {"phoneNumber": "+15555550100"},
                    "state": "CONNECTED",
                    "thirdParties": [{"kind": "AGENT", "label": "agent2", "state": "CONNECTING"}],
                }
            ],
        },
    }
    assert describe(message).splitlines() == [
        "agent: agent1 is On contact",
        "  contact c1 (VOICE INBOUND, +15555550100): CONNECTED",
        "    AGENT agent2: CONNECTING",
    ]
    assert describe({"type": "pong"}) == "pong"
