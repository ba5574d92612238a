"""Cases: a customer's issue followed across contacts, modelled on Amazon Connect Cases.

A case belongs to one instance and has a fixed set of fields, named after Amazon Connect Cases'
system fields: a title, a status (`open`, `pending`, `closed`), a summary, the customer (a
customer profile id), the assignee (a user of the instance), a reference number people can
read out on the phone, and who created and last changed it, when. What happens around a case
are its *related items*: comments, and the contacts it was discussed on.

Cases are records, not engine state: they are not loaded into memory, and their store module
(store/cases.py) reads and writes them. This module is pure: it builds and changes the values
and checks them, raising InvalidParameter with a sentence for a person.
"""

from __future__ import annotations

import base64
import binascii
import enum
from dataclasses import dataclass, replace
from datetime import datetime

from opencontact.domain.errors import InvalidParameter

TITLE_MAX = 200
SUMMARY_MAX = 4000
COMMENT_MAX = 15000
CUSTOMER_ID_MAX = 128
SEARCH_TEXT_MAX = 200
PAGE_SIZE_DEFAULT = 25
PAGE_SIZE_MAX = 100
REFERENCE_DIGITS = 8


class CaseStatus(enum.StrEnum):
    """Amazon Connect Cases' default statuses."""

    OPEN = "open"
    PENDING = "pending"
    CLOSED = "closed"


class RelatedItemType(enum.StrEnum):
    """The kinds of related item kept here (Amazon's CreateRelatedItem names)."""

    COMMENT = "Comment"
    CONTACT = "Contact"


@dataclass(frozen=True)
class Case:
    id: str
    reference_number: str
    title: str
    status: CaseStatus
    summary: str
    customer_id: str | None
    assignee_id: str | None
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    closed_at: datetime | None = None


@dataclass(frozen=True)
class RelatedItem:
    """A comment (`body`) or a linked contact (`contact_id`, `channel`) of a case."""

    id: str
    case_id: str
    type: RelatedItemType
    associated_at: datetime
    created_by: str
    body: str | None = None
    contact_id: str | None = None
    channel: str | None = None


class _Keep(enum.Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP
"""An update's value for a field it leaves as it is (None clears an optional field)."""


@dataclass(frozen=True)
class CaseUpdate:
    title: str | _Keep = KEEP
    status: str | _Keep = KEEP
    summary: str | _Keep = KEEP
    customer_id: str | _Keep | None = KEEP
    assignee_id: str | _Keep | None = KEEP

    @property
    def empty(self) -> bool:
        return all(value is KEEP for value in vars(self).values())


@dataclass(frozen=True)
class CaseSearch:
    """What SearchCases filters on; every criterion given must hold. Newest first."""

    text: str | None = None
    status: CaseStatus | None = None
    customer_id: str | None = None
    contact_id: str | None = None
    limit: int = PAGE_SIZE_DEFAULT
    # The position of the last case of the previous page (see page_token).
    after: int | None = None


# -- checking values ---------------------------------------------------------------------------


def check_title(title: str) -> str:
    title = title.strip()
    if not title:
        raise InvalidParameter("title: a case needs a title.")
    if len(title) > TITLE_MAX:
        raise InvalidParameter(f"title: at most {TITLE_MAX} characters (this has {len(title)}).")
    return title


def check_status(status: str) -> CaseStatus:
    try:
        return CaseStatus(status)
    except ValueError:
        allowed = ", ".join(s.value for s in CaseStatus)
        raise InvalidParameter(
            f"status: '{status}' is not a case status; use one of {allowed}."
        ) from None


def check_summary(summary: str) -> str:
    summary = summary.strip()
    if len(summary) > SUMMARY_MAX:
        raise InvalidParameter(
            f"summary: at most {SUMMARY_MAX} characters (this has {len(summary)})."
        )
    return summary


def check_customer_id(customer_id: str | None) -> str | None:
    """A customer profile id, kept as given (the case does not own the profile)."""
    if customer_id is None:
        return None
    customer_id = customer_id.strip()
    if not customer_id:
        return None
    if len(customer_id) > CUSTOMER_ID_MAX or any(c.isspace() for c in customer_id):
        raise InvalidParameter(
            f"customerId: a customer profile id has no spaces and at most {CUSTOMER_ID_MAX} "
            "characters."
        )
    return customer_id


def check_comment(body: str) -> str:
    body = body.strip()
    if not body:
        raise InvalidParameter("body: a comment needs some text.")
    if len(body) > COMMENT_MAX:
        raise InvalidParameter(f"body: at most {COMMENT_MAX} characters (this has {len(body)}).")
    return body


def reference_number(number: int) -> str:
    """The reference number for a random number in [0, 10**8): eight digits, as Amazon's."""
    if not 0 <= number < 10**REFERENCE_DIGITS:
        raise ValueError(f"a reference number has {REFERENCE_DIGITS} digits")
    return str(number).zfill(REFERENCE_DIGITS)


# -- building and changing cases ---------------------------------------------------------------


def open_case(
    *,
    case_id: str,
    reference: str,
    title: str,
    status: str = CaseStatus.OPEN,
    summary: str = "",
    customer_id: str | None = None,
    assignee_id: str | None = None,
    by: str,
    at: datetime,
) -> Case:
    """A new case, checked. The assignee must be a user of the instance: the caller knows."""
    checked = check_status(status)
    return Case(
        id=case_id,
        reference_number=reference,
        title=check_title(title),
        status=checked,
        summary=check_summary(summary),
        customer_id=check_customer_id(customer_id),
        assignee_id=assignee_id,
        created_at=at,
        created_by=by,
        updated_at=at,
        updated_by=by,
        closed_at=at if checked is CaseStatus.CLOSED else None,
    )


def check_update(update: CaseUpdate) -> CaseUpdate:
    """The update with its values checked (and trimmed); InvalidParameter if one is not right,
    or if it changes nothing at all."""
    if update.empty:
        raise InvalidParameter(
            "Say what to change: title, status, summary, customerId or assigneeId."
        )
    return CaseUpdate(
        title=update.title if update.title is KEEP else check_title(update.title),
        status=update.status if update.status is KEEP else check_status(update.status),
        summary=update.summary if update.summary is KEEP else check_summary(update.summary),
        customer_id=(
            update.customer_id
            if update.customer_id is KEEP
            else check_customer_id(update.customer_id)
        ),
        assignee_id=update.assignee_id,
    )


def update_case(case: Case, update: CaseUpdate, *, by: str, at: datetime) -> Case:
    """The case with a checked update applied. Closing sets `closed_at`; reopening clears it."""
    update = check_update(update)
    changed = case
    if update.title is not KEEP:
        changed = replace(changed, title=update.title)
    if update.summary is not KEEP:
        changed = replace(changed, summary=update.summary)
    if update.customer_id is not KEEP:
        changed = replace(changed, customer_id=update.customer_id)
    if update.assignee_id is not KEEP:
        changed = replace(changed, assignee_id=update.assignee_id)
    if update.status is not KEEP:
        status = CaseStatus(update.status)
        if status is not case.status:
            closed_at = at if status is CaseStatus.CLOSED else None
            changed = replace(changed, status=status, closed_at=closed_at)
    return replace(changed, updated_at=at, updated_by=by)


def comment(*, item_id: str, case_id: str, body: str, by: str, at: datetime) -> RelatedItem:
    return RelatedItem(
        id=item_id,
        case_id=case_id,
        type=RelatedItemType.COMMENT,
        associated_at=at,
        created_by=by,
        body=check_comment(body),
    )


def linked_contact(
    *, item_id: str, case_id: str, contact_id: str, channel: str, by: str, at: datetime
) -> RelatedItem:
    return RelatedItem(
        id=item_id,
        case_id=case_id,
        type=RelatedItemType.CONTACT,
        associated_at=at,
        created_by=by,
        contact_id=contact_id,
        channel=channel,
    )


# -- searching and paging ----------------------------------------------------------------------


def case_search(
    *,
    text: str | None = None,
    status: str | None = None,
    customer_id: str | None = None,
    contact_id: str | None = None,
    max_results: int | None = None,
    next_token: str | None = None,
) -> CaseSearch:
    text = (text or "").strip() or None
    if text is not None and len(text) > SEARCH_TEXT_MAX:
        raise InvalidParameter(f"text: at most {SEARCH_TEXT_MAX} characters.")
    return CaseSearch(
        text=text,
        status=check_status(status) if status else None,
        customer_id=(customer_id or "").strip() or None,
        contact_id=(contact_id or "").strip() or None,
        limit=page_size(max_results),
        after=token_position(next_token) if next_token else None,
    )


def page_size(max_results: int | None) -> int:
    if max_results is None:
        return PAGE_SIZE_DEFAULT
    if not 1 <= max_results <= PAGE_SIZE_MAX:
        raise InvalidParameter(f"maxResults: between 1 and {PAGE_SIZE_MAX}.")
    return max_results


def page_token(position: int) -> str:
    """The nextToken for the page after the record at `position` (opaque to clients)."""
    return base64.urlsafe_b64encode(f"after:{position}".encode()).decode().rstrip("=")


def token_position(token: str) -> int:
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        prefix, _, number = text.partition(":")
        if prefix != "after" or not number.isdigit():
            raise ValueError(text)
        return int(number)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise InvalidParameter(
            "nextToken: not a token this API gave; start again without it."
        ) from None
