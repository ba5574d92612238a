"""Which chat a customer's token stands for, and the segment of it they are on now.

A token names the chat's first contact; a transfer continues the chat in a new contact (segment)
with the same `initial_contact_id`. The customer's segment now is the live CHAT contact of that
chain that has them as its customer and has not ended. When there is none, the chat is over
(the customer left, an agent ended it, the flow disconnected it) and the token no longer works:
AccessDenied, as in Amazon Connect. The check is made on every use — on the instance's writer,
in the same step as the command, when the use changes something.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from opencontact.api.participant.tokens import (
    ConnectionClaims,
    InvalidParticipantToken,
    ParticipantClaims,
    ParticipantTokens,
)
from opencontact.domain.base import Channel, Env, Outcome
from opencontact.domain.contacts import Contact, ContactState
from opencontact.domain.errors import AccessDenied, DomainError
from opencontact.engine.center import ContactCenter
from opencontact.engine.commands import Command
from opencontact.engine.state import InstanceState

T = TypeVar("T")

CHAT_OVER = "The chat has ended; this participant can no longer take part in it."


def customer_segment(state: InstanceState, claims: ParticipantClaims) -> Contact | None:
    """The contact of the chain the customer is on now, or None when the chat is over."""
    current: Contact | None = None
    for contact in state.live.contacts.values():
        if (
            contact.initial_contact_id == claims.contact_id
            and contact.channel is Channel.CHAT
            and contact.customer_participant_id == claims.participant_id
            and contact.state is not ContactState.ENDED
            and (current is None or contact.initiated_at >= current.initiated_at)
        ):
            current = contact
    return current


def require_segment(state: InstanceState, claims: ParticipantClaims) -> Contact:
    contact = customer_segment(state, claims)
    if contact is None:
        raise AccessDenied(CHAT_OVER)
    return contact


def on_customer_segment(
    claims: ParticipantClaims, command: Callable[[Contact], Command[T]]
) -> Command[T]:
    """`command` for the customer's segment as it is when the command runs."""

    def confined(state: InstanceState, env: Env) -> Outcome[T]:
        return command(require_segment(state, claims))(state, env)

    return confined


@dataclass(frozen=True)
class CustomerChat:
    """A checked token: the chat, the customer, and their segment when it was checked."""

    claims: ParticipantClaims
    segment: Contact

    @property
    def instance_id(self) -> str:
        return self.claims.instance_id

    @property
    def chat_id(self) -> str:
        return self.claims.contact_id


class ChatParticipants:
    """Checks customers' tokens (signed by `tokens`) against the contact center as it is now."""

    def __init__(self, center: ContactCenter, tokens: ParticipantTokens) -> None:
        self.center = center
        self.tokens = tokens

    def by_participant_token(self, token: str | None) -> CustomerChat:
        claims = _read(self.tokens.read_participant_token, token)
        return self._ongoing(claims)

    def by_connection_token(self, token: str | None) -> tuple[ConnectionClaims, CustomerChat]:
        now = self.center.clock.now()
        connection = _read(lambda t: self.tokens.read_connection_token(t, now), token)
        return connection, self._ongoing(connection.participant)

    def state(self, claims: ParticipantClaims) -> InstanceState:
        try:
            return self.center.state(claims.instance_id)
        except DomainError:  # the instance is gone
            raise AccessDenied(CHAT_OVER) from None

    def env(self, state: InstanceState) -> Env:
        return self.center.env(state.instance.region)

    async def run(self, claims: ParticipantClaims, command: Command[T]) -> T:
        """Run a command on the chat's instance; returns once its changes are durable."""
        env = self.env(self.state(claims))
        return await self.center.live(claims.instance_id, None, lambda state: command(state, env))

    def _ongoing(self, claims: ParticipantClaims) -> CustomerChat:
        return CustomerChat(claims, require_segment(self.state(claims), claims))


def _read(reader: Callable[[str], T], token: str | None) -> T:
    if not token:
        raise AccessDenied("Send the token in the X-Amz-Bearer header.")
    try:
        return reader(token)
    except InvalidParticipantToken as invalid:
        raise AccessDenied(invalid.message) from None
