"""Signing in to the console with the account's access key pair, and checking a console token
on every request against the key pair the server accepts now."""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from datetime import datetime

from opencontact.api.agent.errors import NotAuthenticated
from opencontact.api.console.tokens import ConsoleTokens, InvalidConsoleToken
from opencontact.config import ApiCredentials
from opencontact.domain.errors import InvalidParameter

WRONG_KEYS = "The access key ID or secret access key is not right."
# us-east-1, eu-central-1, us-gov-west-1, ap-southeast-2, ...: the shape of every AWS region.
_REGION = re.compile(r"^[a-z]{2}(-[a-z]+){1,2}-[0-9]{1,2}$")


@dataclass(frozen=True)
class ConsoleSession:
    """A checked console token: the account, acting in one region."""

    token: str
    access_key_id: str
    region: str
    expires_at: datetime


def check_region(region: str) -> None:
    if not _REGION.match(region):
        raise InvalidParameter(f"'{region}' is not an AWS region name (like us-east-1).")


class ConsoleAuth:
    def __init__(self, credentials: ApiCredentials, tokens: ConsoleTokens) -> None:
        self._credentials = credentials
        self._tokens = tokens

    def sign_in(self, access_key_id: str, secret_access_key: str, region: str) -> ConsoleSession:
        check_region(region)
        # Both parts compared in constant time, and both always: the time taken does not tell
        # which part was wrong, nor how much of it was right.
        key_ok = _same(access_key_id, self._credentials.access_key_id)
        secret_ok = _same(secret_access_key, self._credentials.secret_access_key)
        if not (key_ok and secret_ok):
            raise NotAuthenticated(WRONG_KEYS)
        claims = self._tokens.issue(access_key_id, secret_access_key, region)
        return ConsoleSession(
            self._tokens.encode(claims), claims.access_key_id, claims.region, claims.expires_at
        )

    def check(self, token: str | None) -> ConsoleSession:
        """The session a token stands for, if it may still be used (NotAuthenticated if not)."""
        if not token:
            raise NotAuthenticated(
                "Sign in to the console first: send the token from POST /api/v1/console/sessions "
                "as 'Authorization: Bearer <token>'."
            )
        try:
            claims = self._tokens.decode(token)
        except InvalidConsoleToken as invalid:
            raise NotAuthenticated(invalid.message) from None
        if claims.access_key_id != self._credentials.access_key_id or not hmac.compare_digest(
            claims.credential, self._tokens.fingerprint(self._credentials.secret_access_key)
        ):
            raise NotAuthenticated(
                "The access keys have changed since you signed in; sign in again."
            )
        return ConsoleSession(token, claims.access_key_id, claims.region, claims.expires_at)


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())
