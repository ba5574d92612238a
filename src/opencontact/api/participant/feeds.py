"""Who hears about a chat's new items: one event-bus subscription per instance (while any of its
chats has a customer's socket open), fanned out to the sockets of each chat by its first contact
(`initial_contact_id`), so a customer keeps hearing the chat across transfers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from opencontact.engine.bus import ChatItemPosted, Event, EventBus

Listener = Callable[[ChatItemPosted], None]


@dataclass
class _Instance:
    stop_following: Callable[[], None]
    listeners: dict[str, list[Listener]] = field(default_factory=dict)


class ChatFeeds:
    def __init__(self, bus: EventBus) -> None:
        self._bus = bus
        self._instances: dict[str, _Instance] = {}

    def follow(self, instance_id: str, chat_id: str, listener: Listener) -> Callable[[], None]:
        """Call `listener(posted)` for every item posted to the chat; returns how to stop."""
        instance = self._instances.get(instance_id)
        if instance is None:
            stop = self._bus.subscribe(instance_id, self._posted)
            instance = self._instances[instance_id] = _Instance(stop)
        instance.listeners.setdefault(chat_id, []).append(listener)

        def stop_following() -> None:
            listeners = instance.listeners.get(chat_id, [])
            if listener in listeners:
                listeners.remove(listener)
            if not listeners:
                instance.listeners.pop(chat_id, None)
            if not instance.listeners and self._instances.get(instance_id) is instance:
                del self._instances[instance_id]
                instance.stop_following()

        return stop_following

    def _posted(self, event: Event) -> None:
        if not isinstance(event, ChatItemPosted):
            return
        instance = self._instances.get(event.instance_id)
        if instance is None:
            return
        for listener in list(instance.listeners.get(event.initial_contact_id, ())):
            listener(event)
