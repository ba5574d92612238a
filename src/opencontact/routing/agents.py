"""Agents as routing sees them: can they take a contact, on which channels, and who goes first.

An agent is offered contacts only while the status they chose is routable (Available) and no
system state (Missed, Rejected, Error) holds them, and only on channels where their routing
profile gives them a free slot that cross-channel concurrency allows.

When several agents could take a contact, Amazon Connect offers it to the one handling the
fewest contacts across all channels, and among those to the one available longest; the user id
breaks what is left of a tie, so the outcome never depends on the order of calls. That order is
an agent's *rank*. For every profile and channel the roster keeps the agents ready for one more
contact sorted by rank, so the best agent for a new contact is read off in one look per profile.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from opencontact.domain.agent_statuses import AgentStatusType
from opencontact.domain.base import Channel
from opencontact.routing.profiles import ProfilePlan
from opencontact.routing.timeline import to_micros

# (contacts held across all channels, available since, user id): lower is offered first.
Rank = tuple[int, int, str]


@dataclass(frozen=True)
class AgentSlots:
    """What the engine tells the router about one agent."""

    user_id: str
    routing_profile_id: str
    # The type of the status the agent chose: ROUTABLE (Available), CUSTOM or OFFLINE.
    status_type: AgentStatusType
    # When the agent last became free: the longest-available agent is offered first.
    available_since: datetime
    # Slots taken per channel: contacts offered, connected, on hold or in after contact work.
    busy: Mapping[Channel, int] = field(default_factory=dict)
    # Missed, Rejected or Error: nothing is routed until the agent chooses a status again.
    system_state: str | None = None

    @property
    def routable(self) -> bool:
        return self.status_type is AgentStatusType.ROUTABLE and self.system_state is None


class RosterAgent:
    """An agent in the roster; `busy` and `rank` follow the offers the router has made."""

    __slots__ = ("busy", "open", "rank", "slots")

    def __init__(self, slots: AgentSlots, busy: dict[Channel, int]) -> None:
        self.slots = slots
        self.busy = busy
        self.rank: Rank = (
            sum(busy.values()),
            to_micros(slots.available_since),
            slots.user_id,
        )
        self.open: frozenset[Channel] = frozenset()

    @property
    def user_id(self) -> str:
        return self.slots.user_id

    @property
    def profile_id(self) -> str:
        return self.slots.routing_profile_id

    @property
    def held(self) -> int:
        return self.rank[0]


class Roster:
    """Every agent the router knows, and per profile and channel the agents ready for one more
    contact, best rank first."""

    def __init__(self, plans: Mapping[str, ProfilePlan]) -> None:
        self._plans = plans
        self._agents: dict[str, RosterAgent] = {}
        self._ready: dict[tuple[str, Channel], list[Rank]] = {}
        self._members: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self._agents)

    def get(self, user_id: str) -> RosterAgent | None:
        return self._agents.get(user_id)

    def put(self, slots: AgentSlots) -> RosterAgent:
        """Inserts or replaces an agent."""
        previous = self._agents.get(slots.user_id)
        if previous is not None:
            self._detach(previous)
        busy = {channel: count for channel, count in slots.busy.items() if count > 0}
        agent = RosterAgent(slots, busy)
        self._attach(agent)
        return agent

    def remove(self, user_id: str) -> bool:
        agent = self._agents.get(user_id)
        if agent is None:
            return False
        self._detach(agent)
        return True

    def take_slot(self, agent: RosterAgent, channel: Channel) -> None:
        """The router offered the agent a contact on `channel`: that slot is now taken."""
        self._detach(agent)
        agent.busy[channel] = agent.busy.get(channel, 0) + 1
        held, since, user_id = agent.rank
        agent.rank = (held + 1, since, user_id)
        self._attach(agent)

    def replan(self, profile_id: str) -> set[str]:
        """The profile changed: recomputes its agents' open channels; returns their ids."""
        members = set(self._members.get(profile_id, ()))
        for user_id in members:
            agent = self._agents[user_id]
            self._detach(agent)
            self._attach(agent)
        return members

    def first_ready(self, profile_id: str, channel: Channel) -> Rank | None:
        """The best-ranked agent of the profile with a free slot on `channel`."""
        ready = self._ready.get((profile_id, channel))
        return ready[0] if ready else None

    def _attach(self, agent: RosterAgent) -> None:
        profile_id = agent.profile_id
        plan = self._plans.get(profile_id)
        if plan is None or not agent.slots.routable:
            agent.open = frozenset()
        else:
            agent.open = plan.open_channels(agent.busy)
        for channel in agent.open:
            insort(self._ready.setdefault((profile_id, channel), []), agent.rank)
        self._agents[agent.user_id] = agent
        self._members.setdefault(profile_id, set()).add(agent.user_id)

    def _detach(self, agent: RosterAgent) -> None:
        profile_id = agent.profile_id
        for channel in agent.open:
            key = (profile_id, channel)
            ready = self._ready[key]
            del ready[bisect_left(ready, agent.rank)]
            if not ready:
                del self._ready[key]
        del self._agents[agent.user_id]
        members = self._members[profile_id]
        members.discard(agent.user_id)
        if not members:
            del self._members[profile_id]
