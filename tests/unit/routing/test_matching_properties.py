"""The incremental router makes exactly the offers a brute-force pass over everything makes.

The reference below re-reads the rules from the domain objects themselves (RoutingProfile,
AgentSlots, WaitingContact) and, at every match, looks at every agent and every contact:
while some agent may take some contact, the agent with the fewest contacts, then available
longest, then lowest user id, takes the contact it is to be served first. A hypothesis state
machine changes profiles, agents and contacts at random, lets time pass, and checks each
match against it, along with the rules each single offer must obey and that `next_due` never
sleeps past a moment when a delay lets an offer be made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule

from opencontact.domain.agent_statuses import AgentStatusType
from opencontact.domain.base import Channel
from opencontact.domain.routing_profiles import (
    CrossChannelBehavior,
    MediaConcurrency,
    QueueReference,
    RoutingProfile,
)
from opencontact.routing import AgentSlots, Offer, Router, WaitingContact
from tests.unit.routing.builders import ANY, CHAT, ONLY, TASK, VOICE, at, profile

QUEUES = ["q1", "q2"]
CHANNELS = [VOICE, CHAT, TASK]
PROFILE_IDS = ["p1", "p2", "p3"]
USERS = ["u1", "u2", "u3", "u4", "u5"]
CONTACT_IDS = [f"c{n}" for n in range(12)]

Profiles = Mapping[str, RoutingProfile]


# -- the reference ---------------------------------------------------------------------------


def _config_delay_priority(
    routing_profile: RoutingProfile, contact: WaitingContact
) -> tuple[int, int] | None:
    config = routing_profile.config_for(QueueReference(contact.queue_id, contact.channel))
    return None if config is None else (config.priority, config.delay)


def may_take(profiles: Profiles, agent: AgentSlots, contact: WaitingContact, now: datetime) -> bool:
    """Every rule an offer must obey, checked from scratch."""
    if agent.status_type is not AgentStatusType.ROUTABLE or agent.system_state is not None:
        return False
    routing_profile = profiles.get(agent.routing_profile_id)
    if routing_profile is None:
        return False
    if agent.busy.get(contact.channel, 0) >= routing_profile.concurrency(contact.channel):
        return False
    behaviours = {m.channel: m.cross_channel_behavior for m in routing_profile.media_concurrencies}
    for other, count in agent.busy.items():
        allows_others = behaviours.get(other) is CrossChannelBehavior.ROUTE_ANY_CHANNEL
        if count > 0 and other is not contact.channel and not allows_others:
            return False
    if contact.agent_id is not None:
        return contact.agent_id == agent.user_id
    config = _config_delay_priority(routing_profile, contact)
    if config is None:
        return False
    _, delay = config
    return delay == 0 or contact.routing_time + timedelta(seconds=delay) <= now


def reference_match(
    profiles: Profiles,
    agents: Mapping[str, AgentSlots],
    contacts: Mapping[str, WaitingContact],
    now: datetime,
) -> list[Offer]:
    agents = dict(agents)
    waiting = dict(contacts)
    joined = {contact_id: n for n, contact_id in enumerate(contacts)}

    def precedence(agent: AgentSlots, contact: WaitingContact) -> tuple[int, int, datetime, int]:
        if contact.agent_id is not None:
            step_priority = 0
        else:
            config = _config_delay_priority(profiles[agent.routing_profile_id], contact)
            assert config is not None
            step_priority = config[0]
        return (
            step_priority,
            contact.queue_priority,
            contact.routing_time,
            joined[contact.contact_id],
        )

    offers: list[Offer] = []
    while True:
        chosen: tuple[tuple[int, datetime, str], AgentSlots, WaitingContact] | None = None
        for agent in agents.values():
            options = [c for c in waiting.values() if may_take(profiles, agent, c, now)]
            if not options:
                continue
            rank = (sum(agent.busy.values()), agent.available_since, agent.user_id)
            if chosen is None or rank < chosen[0]:
                chosen = (rank, agent, min(options, key=partial(precedence, agent)))
        if chosen is None:
            return offers
        _, agent, contact = chosen
        offers.append(Offer(contact.contact_id, agent.user_id, contact.channel, contact.queue_id))
        del waiting[contact.contact_id]
        agents[agent.user_id] = with_offer(agent, contact)


def reference_next_delay(
    profiles: Profiles,
    agents: Mapping[str, AgentSlots],
    contacts: Mapping[str, WaitingContact],
    now: datetime,
) -> datetime | None:
    """The first moment after `now` when a delay lets some agent take some contact."""
    moments = []
    for contact in contacts.values():
        for agent in agents.values():
            routing_profile = profiles.get(agent.routing_profile_id)
            if routing_profile is None or contact.agent_id is not None:
                continue
            config = _config_delay_priority(routing_profile, contact)
            if config is None or config[1] == 0:
                continue
            due = contact.routing_time + timedelta(seconds=config[1])
            if due > now and may_take(profiles, agent, contact, due):
                moments.append(due)
    return min(moments, default=None)


def with_offer(agent: AgentSlots, contact: WaitingContact) -> AgentSlots:
    busy = dict(agent.busy)
    busy[contact.channel] = busy.get(contact.channel, 0) + 1
    return replace(agent, busy=busy)


# -- random inputs ---------------------------------------------------------------------------


@st.composite
def routing_profiles(draw: st.DrawFn, profile_id: str | None = None) -> RoutingProfile:
    channels = draw(st.lists(st.sampled_from(CHANNELS), min_size=1, max_size=3, unique=True))
    media = [
        MediaConcurrency(
            channel,
            1 if channel is VOICE else draw(st.integers(1, 3)),
            draw(st.sampled_from([ONLY, ANY])),
        )
        for channel in channels
    ]
    pairs = draw(
        st.lists(
            # Mostly channels the profile routes; now and then one it does not.
            st.tuples(st.sampled_from(QUEUES), st.sampled_from([*channels, *channels, *CHANNELS])),
            min_size=2,
            max_size=6,
            unique=True,
        )
    )
    steps = [
        (queue_id, channel, draw(st.integers(1, 3)), draw(st.sampled_from([0, 0, 10, 30])))
        for queue_id, channel in pairs
    ]
    return profile(profile_id or draw(st.sampled_from(PROFILE_IDS)), steps, media)


def agent_slots(
    user_id: str | None = None,
) -> st.SearchStrategy[AgentSlots]:
    return st.builds(
        AgentSlots,
        user_id=st.sampled_from(USERS) if user_id is None else st.just(user_id),
        routing_profile_id=st.sampled_from([*PROFILE_IDS, *PROFILE_IDS, "p-unknown"]),
        status_type=st.sampled_from(
            [AgentStatusType.ROUTABLE] * 6 + [AgentStatusType.CUSTOM, AgentStatusType.OFFLINE]
        ),
        available_since=st.integers(0, 100).map(at),
        busy=st.one_of(
            st.just({}),
            st.just({}),
            st.dictionaries(st.sampled_from(CHANNELS), st.integers(0, 2), max_size=2),
        ),
        system_state=st.sampled_from([None] * 6 + ["MISSED"]),
    )


# (contact id, queue, channel, seconds waited already, queue priority, time adjustment)
Arrival = tuple[str, str, Channel, int, int, int]
arrivals: st.SearchStrategy[Arrival] = st.tuples(
    st.sampled_from(CONTACT_IDS),
    st.sampled_from(QUEUES + [f"aq-{user}" for user in USERS[:2]]),
    st.sampled_from(CHANNELS),
    st.integers(0, 60),
    st.sampled_from([5, 5, 1, 2]),
    st.sampled_from([0, 0, 15, 45, -20]),
)


# -- the machine -----------------------------------------------------------------------------


class RouterAgainstReference(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.router = Router()
        self.profiles: dict[str, RoutingProfile] = {}
        self.agents: dict[str, AgentSlots] = {}
        self.contacts: dict[str, WaitingContact] = {}
        self.now = at(100)

    @initialize(
        routing_profiles=st.tuples(*(routing_profiles(profile_id) for profile_id in PROFILE_IDS)),
        agents=st.tuples(*(agent_slots(user_id) for user_id in USERS)),
    )
    def open_the_contact_center(
        self, routing_profiles: tuple[RoutingProfile, ...], agents: tuple[AgentSlots, ...]
    ) -> None:
        for routing_profile in routing_profiles:
            self.edit_a_profile(routing_profile)
        for slots in agents:
            self.change_an_agent(slots)

    @rule(routing_profile=routing_profiles())
    def edit_a_profile(self, routing_profile: RoutingProfile) -> None:
        self.router.set_profile(routing_profile)
        self.profiles[routing_profile.id] = routing_profile

    @rule(slots=agent_slots())
    def change_an_agent(self, slots: AgentSlots) -> None:
        self.router.set_agent(slots)
        self.agents[slots.user_id] = slots

    @rule(
        profile_id=st.sampled_from(PROFILE_IDS),
        user_id=st.sampled_from(USERS),
        contact_id=st.sampled_from(CONTACT_IDS),
        which=st.sampled_from(["profile", "agent", "contact", "contact", "contact"]),
    )
    def remove_something(self, profile_id: str, user_id: str, contact_id: str, which: str) -> None:
        if which == "profile":
            self.router.remove_profile(profile_id)
            self.profiles.pop(profile_id, None)
        elif which == "agent":
            assert self.router.remove_agent(user_id) == (user_id in self.agents)
            self.agents.pop(user_id, None)
        else:
            assert self.router.remove_contact(contact_id) == (contact_id in self.contacts)
            self.contacts.pop(contact_id, None)

    @rule(arrivals=st.lists(arrivals, min_size=1, max_size=4))
    def enqueue_contacts(self, arrivals: list[Arrival]) -> None:
        for contact_id, queue, channel, waited, priority, adjust in arrivals:
            contact = WaitingContact(
                contact_id,
                queue,
                channel,
                self.now - timedelta(seconds=waited),
                queue_priority=priority,
                queue_time_adjustment_seconds=adjust,
                agent_id=queue.removeprefix("aq-") if queue.startswith("aq-") else None,
            )
            self.router.add_contact(contact)
            self.contacts[contact_id] = contact

    @rule(seconds=st.integers(0, 40))
    def let_time_pass(self, seconds: int) -> None:
        self.now += timedelta(seconds=seconds)

    @rule()
    def match(self) -> None:
        self._match()

    @rule()
    def wake_up_when_due(self) -> None:
        self._match()
        due = self.router.next_due(self.now)
        if due is not None:
            self.now = due
            self._match()

    def _match(self) -> None:
        expected = reference_match(self.profiles, self.agents, self.contacts, self.now)
        offers = self.router.match(self.now)
        assert offers == expected
        for offer in offers:
            agent = self.agents[offer.user_id]
            contact = self.contacts.pop(offer.contact_id)
            assert may_take(self.profiles, agent, contact, self.now)
            self.agents[offer.user_id] = with_offer(agent, contact)
        # Settled: nobody can take anything more now.
        assert reference_match(self.profiles, self.agents, self.contacts, self.now) == []
        due = self.router.next_due(self.now)
        assert due is None or due > self.now
        first_possible = reference_next_delay(self.profiles, self.agents, self.contacts, self.now)
        if first_possible is not None:
            assert due is not None
            assert due <= first_possible


RouterAgainstReference.TestCase.settings = settings(
    max_examples=300, stateful_step_count=40, deadline=None
)
test_router_matches_the_brute_force_reference = RouterAgainstReference.TestCase
