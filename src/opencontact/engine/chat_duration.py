"""How long a chat may last (StartChatContact's ChatDurationInMinutes, 25 hours by default).

The deadline is the chat's, not a segment's: it is set when the chat starts, every transfer
segment carries it on, and one clock timer per chat (keyed by the chat's first contact) ends
whichever segment is in progress when it comes, with the disconnect reason EXPIRED. The chat's
end is posted and an agent on it goes to after-contact work, as when anyone ends a chat. The
timer is cancelled when the chat ends otherwise (`engine.chat_items.chat_ending`);
`engine.recovery` arms it again after a restart, or ends the chat at once if its time passed
while the server was down.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from opencontact.domain.base import Channel, Env, Outcome
from opencontact.domain.contacts import Contact, ContactState, DisconnectReason
from opencontact.engine import contact_work
from opencontact.engine import effects as fx
from opencontact.engine.chat_items import deadline_timer
from opencontact.engine.effects import LiveCommand
from opencontact.engine.state import InstanceState
from opencontact.engine.work import Work


def deadline(now: datetime, minutes: int) -> datetime:
    return now + timedelta(minutes=minutes)


def arm(work: Work, chat: Contact) -> Contact:
    """Start the chat's timer for the time it has left; a chat whose time is already over
    (the server was down then) ends now. Returns the contact as it is after that."""
    if chat.channel is not Channel.CHAT or chat.chat_expires_at is None:
        return chat
    if chat.state is ContactState.ENDED:
        return chat
    left = (chat.chat_expires_at - work.now).total_seconds()
    if left <= 0:
        return _expire(work, chat)
    work.effect(
        fx.StartTimer(
            deadline_timer(chat.initial_contact_id), left, chat_expired(chat.initial_contact_id)
        )
    )
    return chat


def chat_expired(initial_contact_id: str) -> LiveCommand:
    """The timer's command: the chat's segment in progress now (after transfers, the newest
    one) ends; a chat already over is left as it is."""

    def command(state: InstanceState, env: Env) -> Outcome[None]:
        work = Work(state, env)
        for segment in _segments_in_progress(work, initial_contact_id):
            _expire(work, segment)
        return work.outcome(None)

    return command


def _segments_in_progress(work: Work, initial_contact_id: str) -> list[Contact]:
    return [
        c
        for c in work.contacts()
        if c.channel is Channel.CHAT
        and c.initial_contact_id == initial_contact_id
        and c.state is not ContactState.ENDED
    ]


def _expire(work: Work, chat: Contact) -> Contact:
    detail = "the chat reached its duration (ChatDurationInMinutes)"
    return contact_work.end_contact(work, chat, DisconnectReason.EXPIRED, detail=detail)
