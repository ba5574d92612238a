"""Console session tokens: signed like the agent's (`api/agent/sessions.py`), under their own
key (`console-session.key` in the data dir), so that neither kind of token can pass for the
other.

The token format is `Seal`'s. A token carries the access key ID, the region, when it expires
and a keyed fingerprint of the secret access key it was issued for: changing the key pair ends
every console session.

    token = base64url(claims JSON) "." base64url(HMAC-SHA256(key, that first part))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from opencontact.api.agent.sessions import Seal, SessionKey
from opencontact.clock import Clock

KEY_FILE = "console-session.key"
CONSOLE_SESSION_LIFETIME = timedelta(hours=12)
NOT_VALID = "The console session is not valid; sign in again."


class InvalidConsoleToken(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ConsoleClaims:
    access_key_id: str
    region: str
    expires_at: datetime
    # A keyed fingerprint of the secret access key signed in with.
    credential: str


class ConsoleTokens:
    def __init__(
        self, key: SessionKey, clock: Clock, lifetime: timedelta = CONSOLE_SESSION_LIFETIME
    ) -> None:
        self._seal = Seal(key)
        self._clock = clock
        self.lifetime = lifetime

    def fingerprint(self, secret_access_key: str) -> str:
        return self._seal.fingerprint(b"secret", secret_access_key)

    def issue(self, access_key_id: str, secret_access_key: str, region: str) -> ConsoleClaims:
        expires = (self._clock.now() + self.lifetime).replace(microsecond=0)
        return ConsoleClaims(access_key_id, region, expires, self.fingerprint(secret_access_key))

    def encode(self, claims: ConsoleClaims) -> str:
        return self._seal.seal(
            {
                "k": claims.access_key_id,
                "r": claims.region,
                "e": int(claims.expires_at.timestamp()),
                "c": claims.credential,
            }
        )

    def decode(self, token: str) -> ConsoleClaims:
        """The claims of a genuine, unexpired token; InvalidConsoleToken otherwise."""
        payload = self._seal.open(token)
        try:
            if payload is None:
                raise ValueError
            claims = ConsoleClaims(
                access_key_id=str(payload["k"]),
                region=str(payload["r"]),
                expires_at=datetime.fromtimestamp(int(payload["e"]), UTC),
                credential=str(payload["c"]),
            )
        except (ValueError, KeyError, TypeError):
            raise InvalidConsoleToken(NOT_VALID) from None
        if claims.expires_at <= self._clock.now():
            raise InvalidConsoleToken("Your console session has expired; sign in again.")
        return claims
