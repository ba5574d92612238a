"""Cases (`/api/v1/cases`), modelled on Amazon Connect Cases: CreateCase (optionally from a
contact, which is linked to it), GetCase, UpdateCase, SearchCases, CreateRelatedItem (a comment,
or a contact linked) and SearchRelatedItems.

Every operation checks the caller's security profile now: reading needs Cases.View, creating
Cases.Create, and changing a case, commenting and linking contacts Cases.Edit. Each change is
one database transaction committed before the answer; an error means nothing changed.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from starlette.responses import Response

from opencontact.api.agent.auth import AgentSession
from opencontact.api.agent.context import ApiContext, Context, Session
from opencontact.api.agent.json import Json
from opencontact.api.agent.schemas import Timestamp, _Request, _Wire, error_responses
from opencontact.domain import cases as domain
from opencontact.domain.cases import KEEP, Case, CaseUpdate, RelatedItem, RelatedItemType
from opencontact.domain.directory import Directory
from opencontact.domain.errors import InvalidParameter, ResourceNotFound
from opencontact.domain.users import User
from opencontact.store.cases import ReferenceTaken, not_found

router = APIRouter(prefix="/cases", tags=["Cases"])

VIEW = "Cases.View"
CREATE = "Cases.Create"
EDIT = "Cases.Edit"

Status = Literal["open", "pending", "closed"]
_REFERENCE_ATTEMPTS = 8


# -- requests ----------------------------------------------------------------------------------


class CreateCaseRequest(_Request):
    title: str = Field(min_length=1, max_length=domain.TITLE_MAX)
    status: Status = "open"
    summary: str = Field(default="", max_length=domain.SUMMARY_MAX)
    customer_id: str | None = Field(
        default=None, max_length=domain.CUSTOMER_ID_MAX, description="A customer profile id."
    )
    assignee_id: str | None = Field(
        default=None, max_length=64, description="The id of a user of the instance."
    )
    contact_id: str | None = Field(
        default=None,
        max_length=64,
        description="The contact the case is created from: linked to the case at once.",
    )


class UpdateCaseRequest(_Request):
    """Only the fields given change; null clears customerId or assigneeId."""

    title: str | None = Field(default=None, min_length=1, max_length=domain.TITLE_MAX)
    status: Status | None = None
    summary: str | None = Field(default=None, max_length=domain.SUMMARY_MAX)
    customer_id: str | None = Field(default=None, max_length=domain.CUSTOMER_ID_MAX)
    assignee_id: str | None = Field(default=None, max_length=64)


class CommentRequest(_Request):
    body: str = Field(min_length=1, max_length=domain.COMMENT_MAX)


class LinkContactRequest(_Request):
    contact_id: str = Field(min_length=1, max_length=64)


# -- responses ---------------------------------------------------------------------------------


class UserRef(_Wire):
    user_id: str
    username: str | None = Field(description="null once the user has been deleted.")
    name: str | None


class CaseView(_Wire):
    case_id: str
    reference_number: str = Field(description="Eight digits, unique in the instance.")
    title: str
    status: Status
    summary: str
    customer_id: str | None
    assignee: UserRef | None
    created_at: Timestamp
    created_by: UserRef
    updated_at: Timestamp
    updated_by: UserRef
    closed_at: Timestamp | None = Field(description="When the case was last closed, if closed.")


class CaseList(_Wire):
    cases: list[CaseView]
    next_token: str | None = Field(description="Pass as nextToken for the next page.")


class CommentContent(BaseModel):
    body: str


class ContactContent(_Wire):
    contact_id: str
    channel: str


class RelatedItemView(_Wire):
    related_item_id: str
    case_id: str
    type: Literal["Comment", "Contact"]
    associated_at: Timestamp
    created_by: UserRef
    comment: CommentContent | None
    contact: ContactContent | None


class RelatedItemList(_Wire):
    related_items: list[RelatedItemView]
    next_token: str | None


# -- views -------------------------------------------------------------------------------------


def _user_ref(directory: Directory, user_id: str) -> dict[str, Any]:
    user = directory.get(User, user_id)
    if user is None:
        return {"userId": user_id, "username": None, "name": None}
    info = user.identity_info
    name = " ".join(part for part in (info.first_name, info.last_name) if part)
    return {"userId": user.id, "username": user.username, "name": name or user.username}


def _time(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def case_view(directory: Directory, case: Case) -> dict[str, Any]:
    return {
        "caseId": case.id,
        "referenceNumber": case.reference_number,
        "title": case.title,
        "status": case.status.value,
        "summary": case.summary,
        "customerId": case.customer_id,
        "assignee": _user_ref(directory, case.assignee_id) if case.assignee_id else None,
        "createdAt": _time(case.created_at),
        "createdBy": _user_ref(directory, case.created_by),
        "updatedAt": _time(case.updated_at),
        "updatedBy": _user_ref(directory, case.updated_by),
        "closedAt": _time(case.closed_at),
    }


def related_item_view(directory: Directory, item: RelatedItem) -> dict[str, Any]:
    is_contact = item.type is RelatedItemType.CONTACT
    return {
        "relatedItemId": item.id,
        "caseId": item.case_id,
        "type": item.type.value,
        "associatedAt": _time(item.associated_at),
        "createdBy": _user_ref(directory, item.created_by),
        "comment": None if is_contact else {"body": item.body},
        "contact": {"contactId": item.contact_id, "channel": item.channel} if is_contact else None,
    }


# -- helpers -----------------------------------------------------------------------------------


def _allowed(context: ApiContext, session: AgentSession, permission: str, words: str) -> Directory:
    context.auth.require(session, permission, words)
    directory, _user = context.auth.user(session)
    return directory


def _check_assignee(directory: Directory, assignee_id: str | None) -> str | None:
    if assignee_id is None or not assignee_id.strip():
        return None
    user = directory.get(User, assignee_id.strip())
    if user is None:
        raise ResourceNotFound(f"There is no user '{assignee_id}' in this instance to assign.")
    return user.id


async def _contact_link(
    context: ApiContext, session: AgentSession, case_id: str, contact_id: str
) -> RelatedItem:
    contact = await context.desk.center.contact(session.instance_id, contact_id.strip())
    if contact is None:
        raise ResourceNotFound(f"There is no contact '{contact_id}' in this instance.")
    return domain.linked_contact(
        item_id=str(uuid.uuid4()),
        case_id=case_id,
        contact_id=contact.id,
        channel=contact.channel.value,
        by=session.user_id,
        at=context.desk.center.clock.now(),
    )


# -- endpoints ---------------------------------------------------------------------------------


@router.post(
    "",
    status_code=201,
    response_model=CaseView,
    summary="Create a case (CreateCase)",
    description="A new case, `open` unless said otherwise, with an eight-digit reference "
    "number. Given `contactId` (the contact it is created from), that contact is linked to the "
    "case in the same transaction. Needs Cases.Create.",
    responses=error_responses(400, 401, 403, 404),
)
async def create_case(body: CreateCaseRequest, session: Session, context: Context) -> Response:
    directory = _allowed(context, session, CREATE, "creating cases")
    assignee_id = _check_assignee(directory, body.assignee_id)
    case_id = str(uuid.uuid4())
    link = (
        [await _contact_link(context, session, case_id, body.contact_id)] if body.contact_id else []
    )
    now = context.desk.center.clock.now()
    for _attempt in range(_REFERENCE_ATTEMPTS):
        case = domain.open_case(
            case_id=case_id,
            reference=domain.reference_number(secrets.randbelow(10**domain.REFERENCE_DIGITS)),
            title=body.title,
            status=body.status,
            summary=body.summary,
            customer_id=body.customer_id,
            assignee_id=assignee_id,
            by=session.user_id,
            at=now,
        )
        try:
            await context.cases.create(session.instance_id, case, link)
        except ReferenceTaken:
            continue
        return Json(case_view(directory, case), status_code=201)
    raise RuntimeError("no free reference number after several draws")


@router.get(
    "",
    response_model=CaseList,
    summary="Search cases (SearchCases)",
    description="The instance's cases, newest first, that match every criterion given: "
    "`text` in the title, summary or reference number (case-insensitive), `status`, "
    "`customerId`, or a linked `contactId`. Needs Cases.View.",
    responses=error_responses(400, 401, 403),
)
async def search_cases(
    session: Session,
    context: Context,
    text: Annotated[str | None, Query(max_length=domain.SEARCH_TEXT_MAX)] = None,
    status: Status | None = None,
    customer_id: Annotated[str | None, Query(alias="customerId", max_length=128)] = None,
    contact_id: Annotated[str | None, Query(alias="contactId", max_length=64)] = None,
    max_results: Annotated[
        int | None, Query(alias="maxResults", ge=1, le=domain.PAGE_SIZE_MAX)
    ] = None,
    next_token: Annotated[str | None, Query(alias="nextToken", max_length=200)] = None,
) -> Response:
    directory = _allowed(context, session, VIEW, "viewing cases")
    search = domain.case_search(
        text=text,
        status=status,
        customer_id=customer_id,
        contact_id=contact_id,
        max_results=max_results,
        next_token=next_token,
    )
    page = await context.cases.search(session.instance_id, search)
    return Json(
        {
            "cases": [case_view(directory, case) for case in page.items],
            "nextToken": domain.page_token(page.last) if page.last is not None else None,
        }
    )


@router.get(
    "/{case_id}",
    response_model=CaseView,
    summary="A case (GetCase)",
    description="Needs Cases.View; 404 for an unknown case.",
    responses=error_responses(401, 403, 404),
)
async def get_case(case_id: str, session: Session, context: Context) -> Response:
    directory = _allowed(context, session, VIEW, "viewing cases")
    case = await context.cases.get(session.instance_id, case_id)
    if case is None:
        raise not_found(case_id)
    return Json(case_view(directory, case))


@router.patch(
    "/{case_id}",
    response_model=CaseView,
    summary="Change a case (UpdateCase)",
    description="Changes the fields given (title, status, summary, customerId, assigneeId; "
    "null clears customerId or assigneeId). Closing a case sets closedAt, reopening clears "
    "it. Needs Cases.Edit.",
    responses=error_responses(400, 401, 403, 404),
)
async def update_case(
    case_id: str, body: UpdateCaseRequest, session: Session, context: Context
) -> Response:
    directory = _allowed(context, session, EDIT, "editing cases")
    given = body.model_fields_set
    for field in ("title", "status", "summary"):
        if field in given and getattr(body, field) is None:
            raise InvalidParameter(f"{field}: give a value (it cannot be cleared).")
    update = CaseUpdate(
        title=body.title if body.title is not None else KEEP,
        status=body.status if body.status is not None else KEEP,
        summary=body.summary if body.summary is not None else KEEP,
        customer_id=body.customer_id if "customer_id" in given else KEEP,
        assignee_id=(
            _check_assignee(directory, body.assignee_id) if "assignee_id" in given else KEEP
        ),
    )
    update = domain.check_update(update)
    now = context.desk.center.clock.now()
    case = await context.cases.change(
        session.instance_id,
        case_id,
        lambda case: domain.update_case(case, update, by=session.user_id, at=now),
    )
    return Json(case_view(directory, case))


@router.post(
    "/{case_id}/comments",
    status_code=201,
    response_model=RelatedItemView,
    summary="Comment on a case (CreateRelatedItem, type Comment)",
    description="Needs Cases.Edit.",
    responses=error_responses(400, 401, 403, 404),
)
async def add_comment(
    case_id: str, body: CommentRequest, session: Session, context: Context
) -> Response:
    directory = _allowed(context, session, EDIT, "editing cases")
    item = domain.comment(
        item_id=str(uuid.uuid4()),
        case_id=case_id,
        body=body.body,
        by=session.user_id,
        at=context.desk.center.clock.now(),
    )
    await context.cases.add_related_item(session.instance_id, item)
    return Json(related_item_view(directory, item), status_code=201)


@router.post(
    "/{case_id}/contacts",
    status_code=201,
    response_model=RelatedItemView,
    summary="Link a contact to a case (CreateRelatedItem, type Contact)",
    description="Any contact of the instance, in progress or over, once per case (409 "
    "InvalidRequest if it is linked already; 404 for an unknown contact). Needs Cases.Edit.",
    responses=error_responses(400, 401, 403, 404, 409),
)
async def link_contact(
    case_id: str, body: LinkContactRequest, session: Session, context: Context
) -> Response:
    directory = _allowed(context, session, EDIT, "editing cases")
    if await context.cases.get(session.instance_id, case_id) is None:
        raise not_found(case_id)
    item = await _contact_link(context, session, case_id, body.contact_id)
    await context.cases.add_related_item(session.instance_id, item)
    return Json(related_item_view(directory, item), status_code=201)


@router.get(
    "/{case_id}/related-items",
    response_model=RelatedItemList,
    summary="A case's comments and linked contacts (SearchRelatedItems)",
    description="Newest first; `type` keeps one kind (Comment or Contact). Needs Cases.View.",
    responses=error_responses(400, 401, 403, 404),
)
async def search_related_items(
    case_id: str,
    session: Session,
    context: Context,
    type: Literal["Comment", "Contact"] | None = None,
    max_results: Annotated[
        int | None, Query(alias="maxResults", ge=1, le=domain.PAGE_SIZE_MAX)
    ] = None,
    next_token: Annotated[str | None, Query(alias="nextToken", max_length=200)] = None,
) -> Response:
    directory = _allowed(context, session, VIEW, "viewing cases")
    page = await context.cases.related_items(
        session.instance_id,
        case_id,
        type=RelatedItemType(type) if type else None,
        limit=domain.page_size(max_results),
        after=domain.token_position(next_token) if next_token else None,
    )
    return Json(
        {
            "relatedItems": [related_item_view(directory, item) for item in page.items],
            "nextToken": domain.page_token(page.last) if page.last is not None else None,
        }
    )
