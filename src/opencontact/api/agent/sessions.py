"""Login tokens: signed, so the server keeps no session table and tokens survive a restart.

A token carries the instance, the user, when it expires and a fingerprint of the user's password
hash, signed with HMAC-SHA256 under a random key kept in the data directory (`session.key`,
readable by its owner only). Changing a password therefore ends that user's sessions, and
deleting the key file ends everybody's.

    token = base64url(claims JSON) "." base64url(HMAC-SHA256(key, that first part))
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from opencontact.clock import Clock

KEY_FILE = "session.key"
SESSION_LIFETIME = timedelta(hours=12)
_KEY_BYTES = 32


class InvalidToken(Exception):
    """The token cannot be used; `message` says why, for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SessionClaims:
    instance_id: str
    user_id: str
    expires_at: datetime
    # A keyed fingerprint of the password hash the user logged in with.
    credential: str


class SessionKey:
    """The signing key, read from (or, the first time, written to) `path` when first needed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._key: bytes | None = None

    def get(self) -> bytes:
        if self._key is None:
            self._key = _load_or_create(self.path)
        return self._key


def _load_or_create(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: two servers starting on one data dir cannot both write a key.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        try:
            key = bytes.fromhex(path.read_text().strip())
        except ValueError:
            key = b""
        if len(key) != _KEY_BYTES:
            raise RuntimeError(
                f"{path} does not hold a session key; delete it to create a new one "
                "(everybody will have to log in again)."
            ) from None
        return key
    key = secrets.token_bytes(_KEY_BYTES)
    with os.fdopen(descriptor, "w") as file:
        file.write(key.hex() + "\n")
    return key


def _encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Seal:
    """Signed JSON claims under one key: the token format of the agent's sessions and the
    console's (each with its own key, so that neither kind of token passes for the other)."""

    def __init__(self, key: SessionKey) -> None:
        self._key = key

    def fingerprint(self, purpose: bytes, secret: str) -> str:
        """A keyed digest of a secret (a password hash, a secret key): a token can name the
        credential it was issued for without carrying it."""
        digest = hmac.new(self._key.get(), purpose + b":" + secret.encode(), hashlib.sha256)
        return digest.hexdigest()[:16]

    def seal(self, payload: dict[str, Any]) -> str:
        body = _encode(json.dumps(payload, separators=(",", ":")).encode())
        return f"{body}.{self._sign(body)}"

    def open(self, token: str) -> dict[str, Any] | None:
        """The payload of a token this key signed; None for anything else."""
        body, dot, signature = token.strip().partition(".")
        if (
            not token.isascii()
            or not dot
            or not body
            or not hmac.compare_digest(signature, self._sign(body))
        ):
            return None
        try:
            payload = json.loads(_decode(body))
        except (ValueError, binascii.Error):
            return None
        return payload if isinstance(payload, dict) else None

    def _sign(self, body: str) -> str:
        return _encode(hmac.new(self._key.get(), body.encode("ascii"), hashlib.sha256).digest())


class SessionTokens:
    """Issues and checks tokens; time comes from the contact center's clock."""

    def __init__(
        self, key: SessionKey, clock: Clock, lifetime: timedelta = SESSION_LIFETIME
    ) -> None:
        self._seal = Seal(key)
        self._clock = clock
        self.lifetime = lifetime

    def fingerprint(self, password_hash: str) -> str:
        return self._seal.fingerprint(b"credential", password_hash)

    def issue(self, instance_id: str, user_id: str, password_hash: str) -> SessionClaims:
        expires = (self._clock.now() + self.lifetime).replace(microsecond=0)
        return SessionClaims(instance_id, user_id, expires, self.fingerprint(password_hash))

    def encode(self, claims: SessionClaims) -> str:
        return self._seal.seal(
            {
                "i": claims.instance_id,
                "u": claims.user_id,
                "e": int(claims.expires_at.timestamp()),
                "c": claims.credential,
            }
        )

    def decode(self, token: str) -> SessionClaims:
        """The claims of a genuine, unexpired token; InvalidToken otherwise."""
        payload = self._seal.open(token)
        try:
            if payload is None:
                raise ValueError
            claims = SessionClaims(
                instance_id=str(payload["i"]),
                user_id=str(payload["u"]),
                expires_at=datetime.fromtimestamp(int(payload["e"]), UTC),
                credential=str(payload["c"]),
            )
        except (ValueError, KeyError, TypeError):
            raise InvalidToken("The session token is not valid; log in again.") from None
        if claims.expires_at <= self._clock.now():
            raise InvalidToken("Your session has expired; log in again.")
        return claims
