"""The router: which waiting contact is offered to which agent, now.

Amazon Connect's rules, as implemented here:

- An agent takes contacts from the queues of its routing profile, on channels where it has a
  free slot that cross-channel concurrency allows (`profiles.ProfilePlan.open_channels`).
- Of the contacts an agent may take, the profile's queue priority decides (1 first); a queue's
  delay keeps its contacts from this profile's agents until they have waited that long; then
  the contact's own queue priority; then the contact waiting longest (routing time, so a queue
  time adjustment counts). Contacts in the agent's own queue come before all of these, with no
  delay, and go to no one else.
- Of the agents that may take a contact, the one handling the fewest contacts, then the one
  available longest (`agents.Rank`).

Matching. `match(now)` makes offers one at a time, as if agents asked in turn: the best-ranked
agent that can take any contact takes the contact it is to be served first; that slot is taken,
the agent's rank drops, and it asks again if it still has a free slot; until no agent can take
any contact. A contact arriving alone thus goes to the best-ranked agent allowed to take it, and
an agent becoming free alone takes its best contact.

Incremental. After a match nobody can take anything: the router is settled. Only a change can
unsettle it: a contact added (new pairs all include it), an agent set or a profile edited (new
pairs include those agents), or time reaching a queue delay (that contact). So a match starts
from those alone: the changed agents, and for the changed contacts the best-ranked agent allowed
to take them, their *nominee* (contacts the same agents may take share one). It then pops the
best-ranked candidate; if it can still take a contact it is offered its best one, and the
contacts whose nominee it was get a new one.
The best-ranked agent with anything to take is always among the candidates, so the offers are
exactly those of a pass over everything, at the cost of the changes only.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import datetime

from opencontact.domain.base import Channel
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.routing.agents import AgentSlots, Rank, Roster, RosterAgent
from opencontact.routing.delays import DueTimes
from opencontact.routing.profiles import ProfileIndex, ProfilePlan
from opencontact.routing.timeline import from_micros, to_micros
from opencontact.routing.waiting import Waiting, WaitingContact, WaitingRoom

# What makes a contact come first for one agent: (profile queue priority, 0 for the agent's own
# queue; the contact's queue priority; its routing time; the order it joined in).
_Precedence = tuple[int, int, int, int]
# Contacts the same agents may take: (channel, owner of their agent queue, or the profiles
# serving their queue whose delay they have reached).
_Group = tuple[Channel, str | None, tuple[str, ...]]


@dataclass(frozen=True)
class Offer:
    """A contact to ring an agent on."""

    contact_id: str
    user_id: str
    channel: Channel
    queue_id: str


class Router:
    """Matches waiting contacts with agents; pure, deterministic and incremental.

    The engine reports every change and calls `match` after them. `match` applies its own
    offers: an offered contact leaves the queue and the agent's slot on its channel is taken,
    so calling it again offers nothing twice. The engine then records the offers and confirms
    them with `set_agent` and `remove_contact` (removing a contact that is gone is harmless).
    A missed or rejected offer comes back with `add_contact` (its original enqueue time keeps
    its place) and `set_agent` (with the system state that now blocks the agent).
    """

    def __init__(self) -> None:
        self._plans: dict[str, ProfilePlan] = {}
        self._index = ProfileIndex()
        self._waiting = WaitingRoom()
        self._roster = Roster(self._plans)
        self._due = DueTimes()
        self._changed_contacts: set[str] = set()
        self._changed_agents: set[str] = set()

    # -- routing profiles ----------------------------------------------------------------------

    def set_profile(self, profile: RoutingProfile) -> None:
        """Adds or replaces a routing profile (agents name it by id)."""
        previous = self._plans.get(profile.id)
        if previous is not None:
            self._index.remove(previous)
        plan = ProfilePlan.of(profile)
        self._plans[profile.id] = plan
        for lane_key, delay_us in self._index.add(plan):
            lane = self._waiting.lane(lane_key)
            for contact_id in lane or ():
                waiting = self._waiting.get(contact_id)
                if waiting is not None:
                    self._due.schedule(waiting, delay_us)
        self._changed_agents |= self._roster.replan(profile.id)

    def remove_profile(self, profile_id: str) -> None:
        """Its agents take nothing more until they are given a profile the router knows."""
        plan = self._plans.pop(profile_id, None)
        if plan is not None:
            self._index.remove(plan)
            self._roster.replan(profile_id)

    # -- contacts ------------------------------------------------------------------------------

    def add_contact(self, contact: WaitingContact) -> None:
        """Puts a contact in its queue, or replaces it (same id) with a new priority or time
        adjustment; a replaced contact keeps its place among otherwise equal contacts."""
        waiting = self._waiting.add(contact)
        if contact.agent_id is None:
            for delay_us in self._index.delays_on(contact.lane):
                self._due.schedule(waiting, delay_us)
        self._changed_contacts.add(contact.contact_id)

    def remove_contact(self, contact_id: str) -> bool:
        """Takes a contact out of its queue; False if it was not waiting."""
        self._changed_contacts.discard(contact_id)
        return self._waiting.remove(contact_id) is not None

    def contact(self, contact_id: str) -> WaitingContact | None:
        waiting = self._waiting.get(contact_id)
        return None if waiting is None else waiting.contact

    @property
    def contacts_waiting(self) -> int:
        return len(self._waiting)

    # -- agents --------------------------------------------------------------------------------

    def set_agent(self, slots: AgentSlots) -> None:
        """Adds or replaces an agent (status, profile, busy slots, available since)."""
        self._roster.put(slots)
        self._changed_agents.add(slots.user_id)

    def remove_agent(self, user_id: str) -> bool:
        self._changed_agents.discard(user_id)
        return self._roster.remove(user_id)

    def agent(self, user_id: str) -> AgentSlots | None:
        found = self._roster.get(user_id)
        return None if found is None else found.slots

    # -- routing -------------------------------------------------------------------------------

    def match(self, now: datetime) -> list[Offer]:
        """Every offer that can be made at `now`, in the order they were decided."""
        now_us = to_micros(now)
        self._changed_contacts.update(self._due.pop_due(now_us, self._waiting.is_current))
        candidates: list[Rank] = []
        for user_id in self._changed_agents:
            changed = self._roster.get(user_id)
            if changed is not None and changed.open:
                candidates.append(changed.rank)
        heapq.heapify(candidates)
        # Changed contacts that the same agents may take share one nominee.
        group_of: dict[str, _Group] = {}
        waiting_in: dict[_Group, int] = {}
        for contact_id in self._changed_contacts:
            group = self._group(contact_id, now_us)
            if group is not None:
                group_of[contact_id] = group
                waiting_in[group] = waiting_in.get(group, 0) + 1
        nominations: dict[str, list[_Group]] = {}
        for group in waiting_in:
            self._nominate(group, candidates, nominations)
        self._changed_agents.clear()
        self._changed_contacts.clear()

        offers: list[Offer] = []
        settled: set[str] = set()
        while candidates:
            rank = heapq.heappop(candidates)
            user_id = rank[2]
            agent = self._roster.get(user_id)
            if agent is None or agent.rank != rank or user_id in settled:
                continue  # offered something since it was pushed, or found to have nothing
            waiting = self._first_for(agent, now_us)
            if waiting is None:
                settled.add(user_id)  # nothing becomes possible later in this match
                continue
            contact = waiting.contact
            self._waiting.remove(contact.contact_id)
            self._roster.take_slot(agent, contact.channel)
            offers.append(Offer(contact.contact_id, user_id, contact.channel, contact.queue_id))
            if contact.contact_id in group_of:
                waiting_in[group_of[contact.contact_id]] -= 1
            if agent.open:
                heapq.heappush(candidates, agent.rank)
            for group in nominations.pop(user_id, ()):
                if waiting_in[group] > 0:
                    self._nominate(group, candidates, nominations)
        return offers

    def next_due(self, now: datetime) -> datetime | None:
        """When to call `match` again if nothing else changes: the earliest moment a waiting
        contact reaches a queue delay some profile applies to it (so an agent who could not
        take it may now). It may be a moment when still no agent can; None when no delay is
        pending. `now` itself when changes have not been matched yet."""
        if self._changed_agents or self._changed_contacts:
            return now
        due_us = self._due.first(self._waiting.is_current)
        return None if due_us is None else from_micros(due_us, now)

    # -- matching ------------------------------------------------------------------------------

    def _group(self, contact_id: str, now_us: int) -> _Group | None:
        """Who may take the contact now: its owner's agent queue, or the profiles serving its
        queue and channel whose delay it has reached. None if nobody may."""
        waiting = self._waiting.get(contact_id)
        if waiting is None:
            return None
        contact = waiting.contact
        if contact.agent_id is not None:
            return (contact.channel, contact.agent_id, ())
        profiles = sorted(
            profile_id
            for profile_id, delay_us in self._index.profiles_on(contact.lane)
            if not delay_us or waiting.routing_us + delay_us <= now_us
        )
        return (contact.channel, None, tuple(profiles)) if profiles else None

    def _nominate(
        self, group: _Group, candidates: list[Rank], nominations: dict[str, list[_Group]]
    ) -> None:
        """Makes the best-ranked agent allowed to take the group's contacts a candidate."""
        channel, owner_id, profiles = group
        best: Rank | None = None
        if owner_id is not None:
            owner = self._roster.get(owner_id)
            if owner is not None and channel in owner.open:
                best = owner.rank
        for profile_id in profiles:
            ready = self._roster.first_ready(profile_id, channel)
            if ready is not None and (best is None or ready < best):
                best = ready
        if best is not None:
            heapq.heappush(candidates, best)
            nominations.setdefault(best[2], []).append(group)

    def _first_for(self, agent: RosterAgent, now_us: int) -> Waiting | None:
        """The contact the agent is to be offered first, if it may take any."""
        open_ = agent.open
        best: _Precedence | None = None
        best_id = ""
        for queue_id in self._waiting.agent_queues_of(agent.user_id):
            for channel in open_:
                lane = self._waiting.lane((queue_id, channel))
                first = lane.first(None) if lane is not None else None
                if first is not None:
                    priority, (routing_us, order, contact_id) = first
                    precedence = (0, priority, routing_us, order)
                    if best is None or precedence < best:
                        best, best_id = precedence, contact_id
        plan = self._plans.get(agent.profile_id)
        if best is None and plan is not None:
            for step in plan.steps:
                if best is not None and step.priority > best[0]:
                    break  # steps come by priority: nothing further can win
                if step.channel not in open_:
                    continue
                lane = self._waiting.lane(step.lane)
                if lane is None or lane.owner is not None:
                    continue  # nobody waiting, or an agent's own queue (never in a profile)
                first = lane.first(now_us - step.delay_us if step.delay_us else None)
                if first is not None:
                    priority, (routing_us, order, contact_id) = first
                    precedence = (step.priority, priority, routing_us, order)
                    if best is None or precedence < best:
                        best, best_id = precedence, contact_id
        return None if best is None else self._waiting.get(best_id)
