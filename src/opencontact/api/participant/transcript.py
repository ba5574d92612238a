"""GetTranscript's paging, as the participant service's model describes it: a scan from a start
position (the most recent item unless StartPosition says otherwise), FORWARD or BACKWARD in time,
MaxResults items a page (10 unless given), each page sorted ASCENDING or DESCENDING (the
default) by time, and a NextToken that continues the scan.

Pure: it pages a chat's items, oldest first, as the store keeps them. A transcript only grows,
so a position in it stays valid between pages.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, Protocol, TypeVar

from opencontact.domain.errors import InvalidParameter

DEFAULT_PAGE = 10
FORWARD, BACKWARD = "FORWARD", "BACKWARD"
ASCENDING, DESCENDING = "ASCENDING", "DESCENDING"
_BAD_TOKEN = "The NextToken is not one this transcript gave out."


class Timed(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def at(self) -> datetime: ...


ItemT = TypeVar("ItemT", bound=Timed)


@dataclass(frozen=True)
class Page(Generic[ItemT]):
    items: list[ItemT]
    next_token: str | None


def page(items: Sequence[ItemT], params: Mapping[str, Any], chat_id: str) -> Page[ItemT]:
    """The page GetTranscript's parameters ask for; `chat_id` (the initial contact id) ties
    NextTokens to their chat."""
    size = int(params.get("MaxResults") or DEFAULT_PAGE)
    start_position = params.get("StartPosition") or {}
    token = params.get("NextToken")
    if token is not None:
        start, direction = _read_token(token, chat_id, len(items))
    else:
        default = FORWARD if start_position else BACKWARD
        direction = str(params.get("ScanDirection") or default)
        start = _start(items, start_position, direction)
    if direction == FORWARD:
        chosen = list(items[start : start + size])
        following = start + size if start + size < len(items) else None
    else:
        low = max(0, start - size + 1)
        chosen = list(items[low : start + 1]) if start >= 0 else []
        following = low - 1 if low > 0 else None
    if str(params.get("SortOrder") or DESCENDING) == DESCENDING:
        chosen.reverse()
    next_token = None if following is None else _token(following, direction, chat_id)
    return Page(chosen, next_token)


def _start(items: Sequence[Timed], position: Mapping[str, Any], direction: str) -> int:
    if position.get("Id") is not None:
        for index, item in enumerate(items):
            if item.id == position["Id"]:
                return index
        raise InvalidParameter(f"The transcript has no item '{position['Id']}'.")
    if position.get("AbsoluteTime") is not None:
        moment = _instant(str(position["AbsoluteTime"]))
        if direction == FORWARD:
            return next((i for i, item in enumerate(items) if item.at >= moment), len(items))
        return max((i for i, item in enumerate(items) if item.at <= moment), default=-1)
    if position.get("MostRecent") is not None:
        return max(0, len(items) - 1 - int(position["MostRecent"]))
    return 0 if direction == FORWARD else len(items) - 1


def _instant(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidParameter(
            f"StartPosition.AbsoluteTime '{text}' is not an ISO 8601 time "
            "(yyyy-MM-ddThh:mm:ss.SSSZ)."
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _token(index: int, direction: str, chat_id: str) -> str:
    body = json.dumps({"n": index, "d": direction, "c": chat_id}, separators=(",", ":"))
    return base64.urlsafe_b64encode(body.encode()).decode("ascii")


def _read_token(token: str, chat_id: str, length: int) -> tuple[int, str]:
    try:
        payload = json.loads(base64.urlsafe_b64decode(token.encode("ascii")))
        index, direction = payload["n"], payload["d"]
        valid = (
            payload["c"] == chat_id
            and isinstance(index, int)
            and direction in (FORWARD, BACKWARD)
            and 0 <= index < max(length, 1)
        )
    except (ValueError, KeyError, TypeError, UnicodeError, binascii.Error):
        valid = False
    if not valid:
        raise InvalidParameter(_BAD_TOKEN)
    return index, direction
