"""The event bus: every change an instance's writer makes durable is published here, in order,
for whoever follows that instance (the agents' WebSockets, tests). In-process; a Redis or NATS
bus can take its place across nodes.

Two kinds of event: `Changed` (an entity was stored or removed) and `ChatItemPosted` (a chat
got a new item, typing indicators included, which are never stored). A subscriber receives both
and picks what it follows."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from opencontact.domain.base import Entity
from opencontact.domain.chats import ChatItem

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Changed:
    instance_id: str
    entity: Entity
    removed: bool = False


@dataclass(frozen=True)
class ChatItemPosted:
    """A new item in a chat, published after the batch that posted it is durable (typing
    items too, though they are never stored)."""

    instance_id: str
    contact_id: str
    initial_contact_id: str
    item: ChatItem


Event = Changed | ChatItemPosted
Subscriber = Callable[[Event], None]


class EventBus:
    def __init__(self) -> None:
        self._subscribers: dict[str, list[Subscriber]] = defaultdict(list)

    def subscribe(self, instance_id: str, subscriber: Subscriber) -> Callable[[], None]:
        """Follow an instance; returns the function that stops following it."""
        self._subscribers[instance_id].append(subscriber)

        def unsubscribe() -> None:
            if subscriber in self._subscribers[instance_id]:
                self._subscribers[instance_id].remove(subscriber)

        return unsubscribe

    def publish(self, event: Event) -> None:
        for subscriber in list(self._subscribers.get(event.instance_id, ())):
            try:
                subscriber(event)
            except Exception:
                log.exception("a subscriber of instance %s failed", event.instance_id)
