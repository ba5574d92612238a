"""GetTranscript's paging (api/participant/transcript.py), on a chat of 7 items a minute apart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from opencontact.api.participant.transcript import page
from opencontact.domain.errors import InvalidParameter

START = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Item:
    id: str
    at: datetime


ITEMS = [Item(f"i{n}", START + timedelta(minutes=n)) for n in range(7)]


def ids(params: dict[str, Any]) -> tuple[list[str], str | None]:
    found = page(ITEMS, params, "chat-1")
    return [item.id for item in found.items], found.next_token


def test_by_default_the_most_recent_ten_newest_first() -> None:
    assert ids({}) == (["i6", "i5", "i4", "i3", "i2", "i1", "i0"], None)


def test_backward_pages_continue_with_the_next_token() -> None:
    first, token = ids({"MaxResults": 3, "SortOrder": "ASCENDING"})
    assert first == ["i4", "i5", "i6"]
    second, token = ids({"MaxResults": 3, "SortOrder": "ASCENDING", "NextToken": token})
    assert second == ["i1", "i2", "i3"]
    third, token = ids({"MaxResults": 3, "SortOrder": "ASCENDING", "NextToken": token})
    assert (third, token) == (["i0"], None)


def test_forward_from_a_start_position() -> None:
    assert ids({"StartPosition": {"Id": "i2"}, "MaxResults": 2, "SortOrder": "ASCENDING"})[0] == [
        "i2",
        "i3",
    ]
    at = (START + timedelta(minutes=4, seconds=30)).isoformat().replace("+00:00", "Z")
    assert ids({"StartPosition": {"AbsoluteTime": at}, "SortOrder": "ASCENDING"}) == (
        ["i5", "i6"],
        None,
    )
    backward = {"StartPosition": {"AbsoluteTime": at}, "ScanDirection": "BACKWARD"}
    assert ids({**backward, "MaxResults": 2})[0] == ["i4", "i3"]
    assert ids({"StartPosition": {"MostRecent": 1}, "SortOrder": "ASCENDING"})[0] == ["i5", "i6"]


def test_an_empty_transcript_has_no_pages() -> None:
    assert page([], {}, "chat-1").items == []
    assert page([], {"ScanDirection": "FORWARD"}, "chat-1").next_token is None


@pytest.mark.parametrize(
    "params",
    [
        {"StartPosition": {"Id": "missing"}},
        {"StartPosition": {"AbsoluteTime": "yesterday"}},
        {"NextToken": "garbage"},
    ],
)
def test_bad_positions_and_tokens_are_refused(params: dict[str, Any]) -> None:
    with pytest.raises(InvalidParameter):
        page(ITEMS, params, "chat-1")


def test_a_next_token_belongs_to_its_chat() -> None:
    token = page(ITEMS, {"MaxResults": 2}, "chat-1").next_token
    assert token is not None
    with pytest.raises(InvalidParameter):
        page(ITEMS, {"NextToken": token}, "chat-2")
