"""NextToken / MaxResults paging over lists that the handlers build in a stable order.

A token is opaque to clients; it carries the offset of the next page and a fingerprint of
the operation, so a token from one listing is refused by another.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from typing import TypeVar

from opencontact.domain.errors import InvalidParameter

T = TypeVar("T")


def page(
    items: Sequence[T],
    next_token: str | None,
    max_results: int | None,
    default_max: int,
    scope: str,
) -> tuple[Sequence[T], str | None]:
    """One page of `items` and the token for the next, if any."""
    start = _offset(next_token, scope) if next_token else 0
    size = max_results or default_max
    chunk = items[start : start + size]
    following = start + size
    token = _token(following, scope) if following < len(items) else None
    return chunk, token


def _token(offset: int, scope: str) -> str:
    raw = json.dumps({"o": offset, "s": scope}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _offset(token: str, scope: str) -> int:
    try:
        padded = token + "=" * (-len(token) % 4)
        decoded = json.loads(base64.urlsafe_b64decode(padded.encode()))
        offset = decoded["o"]
        token_scope = decoded["s"]
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise InvalidParameter("NextToken is not a token this listing gave out.") from None
    if token_scope != scope or not isinstance(offset, int) or offset < 0:
        raise InvalidParameter("NextToken is not a token this listing gave out.")
    return offset
