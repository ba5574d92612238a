"""Who hears about what: one event-bus subscription per instance (while any of its agents has a
socket open), fanned out to the sockets of the agents each change concerns.

A change concerns an agent when it is their own agent state, or a contact whose agent side is
theirs or that is in their list of contacts. A change of the configuration a desk shows (agent
statuses, quick connects and the queues they belong to, routing and security profiles, users)
concerns every agent following the instance: an admin adding a status puts it in every open
CCP's list; a desk left as it was sends nothing.

A new chat item (ChatItemPosted) goes to every following agent who has a contact of that chat
(offered, connected or in after-contact work, any segment), with the id of their contact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from opencontact.domain.agent_statuses import AgentStatus
from opencontact.domain.agents import Agent
from opencontact.domain.contacts import Contact
from opencontact.domain.errors import DomainError
from opencontact.domain.queues import Queue
from opencontact.domain.quick_connects import QuickConnect
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.domain.security_profiles import SecurityProfile
from opencontact.domain.users import User
from opencontact.engine.bus import Changed, ChatItemPosted, Event, EventBus
from opencontact.engine.center import ContactCenter
from opencontact.engine.views import chat_item_view

Follower = Callable[[], None]
# Told (the agent's contact id, the item's view) of each new item of a chat the agent has.
ChatFollower = Callable[[str, dict[str, Any]], None]

# The configuration an agent's desk is made from (statuses, quick connects, settings).
_DESK_CONFIGURATION = (AgentStatus, QuickConnect, Queue, RoutingProfile, SecurityProfile, User)


@dataclass
class _Instance:
    stop_following: Callable[[], None]
    followers: dict[str, list[Follower]] = field(default_factory=dict)
    chat_followers: dict[str, list[ChatFollower]] = field(default_factory=dict)


class AgentFeeds:
    def __init__(self, center: ContactCenter, bus: EventBus) -> None:
        self._center = center
        self._bus = bus
        self._instances: dict[str, _Instance] = {}

    def follow(
        self,
        instance_id: str,
        user_id: str,
        follower: Follower,
        on_chat: ChatFollower | None = None,
    ) -> Callable[[], None]:
        """Call `follower()` after every change that concerns the user, and `on_chat` with each
        new item of the chats they have; returns how to stop."""
        instance = self._instances.get(instance_id)
        if instance is None:
            stop = self._bus.subscribe(instance_id, lambda event: self._changed(event))
            instance = self._instances[instance_id] = _Instance(stop)
        instance.followers.setdefault(user_id, []).append(follower)
        if on_chat is not None:
            instance.chat_followers.setdefault(user_id, []).append(on_chat)

        def stop_following() -> None:
            followers = instance.followers.get(user_id, [])
            if follower in followers:
                followers.remove(follower)
            if not followers:
                instance.followers.pop(user_id, None)
            chat_followers = instance.chat_followers.get(user_id, [])
            if on_chat in chat_followers:
                chat_followers.remove(on_chat)
            if not chat_followers:
                instance.chat_followers.pop(user_id, None)
            if not instance.followers and self._instances.get(instance_id) is instance:
                del self._instances[instance_id]
                instance.stop_following()

        return stop_following

    def _changed(self, event: Event) -> None:
        if isinstance(event, ChatItemPosted):
            self._chat_item(event)
            return
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

    def _chat_item(self, posted: ChatItemPosted) -> None:
        """To each following agent with a contact of the chain (offered, connected or in
        after-contact work), with that contact's id."""
        instance = self._instances.get(posted.instance_id)
        if instance is None or not instance.chat_followers:
            return
        try:
            live = self._center.state(posted.instance_id).live
        except DomainError:
            return
        view: dict[str, Any] | None = None
        for contact in list(live.contacts.values()):
            user_id = contact.agent_id
            if contact.initial_contact_id != posted.initial_contact_id or user_id is None:
                continue
            for on_chat in list(instance.chat_followers.get(user_id, ())):
                view = view or chat_item_view(posted.item)
                on_chat(contact.id, view)
