"""The rules of cases (domain/cases.py): building, changing, closing and reopening, searching."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from opencontact.domain.cases import (
    KEEP,
    CaseStatus,
    CaseUpdate,
    case_search,
    comment,
    open_case,
    page_token,
    reference_number,
    token_position,
    update_case,
)
from opencontact.domain.errors import InvalidParameter

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def test_a_new_case_is_open_and_trimmed() -> None:
    case = open_case(
        case_id="c1", reference="00000042", title="  Refund ", summary=" twice ", by="u1", at=NOW
    )
    assert (case.title, case.summary, case.status) == ("Refund", "twice", CaseStatus.OPEN)
    assert (case.created_at, case.updated_at, case.closed_at) == (NOW, NOW, None)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"title": " "}, "a case needs a title"),
        ({"title": "x" * 201}, "at most 200"),
        ({"title": "A", "status": "Closed"}, "use one of open, pending, closed"),
        ({"title": "A", "customer_id": "a b"}, "no spaces"),
    ],
)
def test_bad_fields_are_refused_with_a_sentence(fields: dict[str, str], words: str) -> None:
    with pytest.raises(InvalidParameter, match=words):
        open_case(case_id="c1", reference="1", by="u1", at=NOW, **fields)


def test_closing_records_when_and_reopening_clears_it() -> None:
    case = open_case(case_id="c1", reference="1", title="A", by="u1", at=NOW)
    later = NOW + timedelta(minutes=5)
    closed = update_case(case, CaseUpdate(status="closed"), by="u2", at=later)
    assert (closed.status, closed.closed_at, closed.updated_by) == (CaseStatus.CLOSED, later, "u2")
    again = update_case(closed, CaseUpdate(summary="more"), by="u2", at=later + timedelta(1))
    assert again.closed_at == later
    reopened = update_case(again, CaseUpdate(status="pending"), by="u1", at=later)
    assert reopened.closed_at is None


def test_an_update_that_changes_nothing_is_refused() -> None:
    case = open_case(case_id="c1", reference="1", title="A", by="u1", at=NOW)
    with pytest.raises(InvalidParameter, match="Say what to change"):
        update_case(case, CaseUpdate(), by="u1", at=NOW)
    assert update_case(case, CaseUpdate(assignee_id=None), by="u1", at=NOW).assignee_id is None
    assert CaseUpdate(title=KEEP).empty


def test_comments_need_text() -> None:
    with pytest.raises(InvalidParameter, match="needs some text"):
        comment(item_id="i", case_id="c", body="  ", by="u", at=NOW)


def test_reference_numbers_have_eight_digits() -> None:
    assert reference_number(42) == "00000042"
    with pytest.raises(ValueError, match="8 digits"):
        reference_number(10**8)


def test_page_tokens_round_trip_and_foreign_ones_are_refused() -> None:
    assert token_position(page_token(17)) == 17
    for token in ("bogus", "YWZ0ZXI6", page_token(1)[:-1] + "!"):
        with pytest.raises(InvalidParameter, match="nextToken"):
            token_position(token)


def test_search_criteria_are_checked() -> None:
    search = case_search(text="  router ", status="open", max_results=None)
    assert (search.text, search.status, search.limit) == ("router", CaseStatus.OPEN, 25)
    with pytest.raises(InvalidParameter, match="maxResults"):
        case_search(max_results=101)
