"""Who hears about what: one event-bus subscription per instance (while any of its agents has a
socket open), fanned out to the sockets of the agents each change concerns.

A change concerns an agent when it is their own agent state, or a contact whose agent side is
theirs or that is in their list of contacts. A change of the configuration a desk shows (agent
statuses, quick connects and the queues they belong to, routing and security profiles, users)
concerns every agent following the instance: an admin adding a status puts it in every open
CCP's list; a desk left as it was sends nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from opencontact.domain.agent_statuses import AgentStatus
from opencontact.domain.agents import Agent
from opencontact.domain.contacts import Contact
from opencontact.domain.errors import DomainError
from opencontact.domain.queues import Queue
from opencontact.domain.quick_connects import QuickConnect
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.domain.security_profiles import SecurityProfile
from opencontact.domain.users import User
from opencontact.engine.bus import Changed, EventBus
from opencontact.engine.center import ContactCenter

Follower = Callable[[], None]

# The configuration an agent's desk is made from (statuses, quick connects, settings).
_DESK_CONFIGURATION = (AgentStatus, QuickConnect, Queue, RoutingProfile, SecurityProfile, User)


@dataclass
class _Instance:
    stop_following: Callable[[], None]
    followers: dict[str, list[Follower]] = field(default_factory=dict)


class AgentFeeds:
    def __init__(self, center: ContactCenter, bus: EventBus) -> None:
        self._center = center
        self._bus = bus
        self._instances: dict[str, _Instance] = {}

    def follow(self, instance_id: str, user_id: str, follower: Follower) -> Callable[[], None]:
        """Call `follower()` after every change that concerns the user; returns how to stop."""
        instance = self._instances.get(instance_id)
        if instance is None:
            stop = self._bus.subscribe(instance_id, lambda event: self._changed(event))
            instance = self._instances[instance_id] = _Instance(stop)
        instance.followers.setdefault(user_id, []).append(follower)

        def stop_following() -> None:
            followers = instance.followers.get(user_id, [])
            if follower in followers:
                followers.remove(follower)
            if not followers:
                instance.followers.pop(user_id, None)
            if not instance.followers and self._instances.get(instance_id) is instance:
                del self._instances[instance_id]
                instance.stop_following()

        return stop_following

    def _changed(self, event: Changed) -> None:
        instance = self._instances.get(event.instance_id)
        if instance is None:
            return
        for user_id in self._concerned(event, instance):
            for follower in list(instance.followers.get(user_id, ())):
                follower()

    def _concerned(self, event: Changed, instance: _Instance) -> set[str]:
        entity = event.entity
        if isinstance(entity, Agent):
            return {entity.id}
        if isinstance(entity, _DESK_CONFIGURATION):
            return set(instance.followers)
        if not isinstance(entity, Contact):
            return set()
        users = {entity.agent.user_id} if entity.agent else set()
        try:
            live = self._center.state(event.instance_id).live
        except DomainError:  # the instance is gone; its followers hear it from their own checks
            return set(instance.followers)
        for user_id in instance.followers:
            agent = live.agent(user_id)
            if agent is not None and entity.id in agent.contact_ids:
                users.add(user_id)
        return users
