"""The chat customer's tokens, as Amazon Connect's participant service has them.

A *participant token* (the `ParticipantToken` StartChatContact answers) lets the customer open a
connection, once or many times; a *connection token* (`ConnectionToken`, from
CreateParticipantConnection) lets them send, read the transcript, leave and follow the chat over
the WebSocket. Both are `Seal` tokens (see `api/agent/sessions.py`) under their own key,
`participant.key` in the data dir: the server keeps no table of them and they survive a restart.
Each names the instance, the chat's first contact and the customer's participant id; a kind
claim keeps one kind from passing for the other. Whether the chat is still going is not in the
token: whoever takes a token checks the contact on every use (`api/participant/chats.py`).

    token = base64url(claims JSON) "." base64url(HMAC-SHA256(key, that first part))

The composition root (`opencontact/app.py`) makes one `ParticipantTokens` on the data dir's key
and hands it to everyone who issues or reads these tokens: the Connect API (StartChatContact),
the widget's `/api/v1/chat/start` and the participant service. A server accepts only tokens
signed with its own key, even when several run in one process (tests).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from opencontact.api.agent.sessions import Seal, SessionKey

KEY_FILE = "participant.key"
# How long a connection token lasts (Amazon Connect: a day); the chat ending stops it sooner.
CONNECTION_LIFETIME = timedelta(days=1)
NOT_VALID = "The participant token is not valid."
CONNECTION_NOT_VALID = "The connection token is not valid."

_PARTICIPANT = "p"
_CONNECTION = "c"


class InvalidParticipantToken(Exception):
    """The token cannot be used; `message` says why, for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ParticipantClaims:
    instance_id: str
    # The chat's first contact (its InitialContactId): a transfer does not change the token.
    contact_id: str
    participant_id: str


@dataclass(frozen=True)
class ConnectionClaims:
    instance_id: str
    contact_id: str
    participant_id: str
    expires_at: datetime

    @property
    def participant(self) -> ParticipantClaims:
        return ParticipantClaims(self.instance_id, self.contact_id, self.participant_id)


class _MemoryKey(SessionKey):
    """A key that lives as long as the object: for unit tests, which name no data dir."""

    def __init__(self) -> None:
        super().__init__(Path("<memory>"))
        self._random = secrets.token_bytes(32)

    def get(self) -> bytes:
        return self._random


class ParticipantTokens:
    """Issues and reads participant and connection tokens under one key."""

    def __init__(self, key: SessionKey) -> None:
        self._seal = Seal(key)

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> ParticipantTokens:
        """Under the data dir's `participant.key` (written the first time it is needed)."""
        return cls(SessionKey(data_dir / KEY_FILE))

    @classmethod
    def in_memory(cls) -> ParticipantTokens:
        """Under a random key of its own, gone with the object (unit tests)."""
        return cls(_MemoryKey())

    def participant_token(self, instance_id: str, contact_id: str, participant_id: str) -> str:
        """The ParticipantToken of a chat's customer: `contact_id` is the chat's first contact."""
        return self._seal.seal(
            {"t": _PARTICIPANT, "i": instance_id, "c": contact_id, "p": participant_id}
        )

    def read_participant_token(self, token: str) -> ParticipantClaims:
        """The claims of a genuine participant token; InvalidParticipantToken otherwise."""
        payload = self._seal.open(token)
        try:
            if payload is None or payload.get("t") != _PARTICIPANT:
                raise ValueError
            return ParticipantClaims(str(payload["i"]), str(payload["c"]), str(payload["p"]))
        except (ValueError, KeyError, TypeError):
            raise InvalidParticipantToken(NOT_VALID) from None

    def connection_token(self, claims: ParticipantClaims, expires_at: datetime) -> str:
        """The ConnectionToken CreateParticipantConnection gives the holder of a participant
        token."""
        return self._seal.seal(
            {
                "t": _CONNECTION,
                "i": claims.instance_id,
                "c": claims.contact_id,
                "p": claims.participant_id,
                "e": int(expires_at.timestamp()),
            }
        )

    def read_connection_token(self, token: str, now: datetime) -> ConnectionClaims:
        """The claims of a genuine, unexpired connection token; InvalidParticipantToken
        otherwise."""
        payload = self._seal.open(token)
        try:
            if payload is None or payload.get("t") != _CONNECTION:
                raise ValueError
            expires = payload["e"]
            if not isinstance(expires, int):
                raise ValueError
            claims = ConnectionClaims(
                str(payload["i"]),
                str(payload["c"]),
                str(payload["p"]),
                datetime.fromtimestamp(expires, UTC),
            )
        except (ValueError, KeyError, TypeError):
            raise InvalidParticipantToken(CONNECTION_NOT_VALID) from None
        if claims.expires_at <= now:
            raise InvalidParticipantToken("The connection has expired; create a new one.")
        return claims
