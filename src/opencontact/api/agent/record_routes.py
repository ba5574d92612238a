"""Contact records for supervisors and admins: any contact of the instance, live or over, its
flow logs (what each action of each flow did), to see where a call went and why, and a chat's
transcript.

All need the ContactSearch.View permission (Admin and CallCenterManager have it; the Agent
profile does not). An unknown contact id is 404.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from opencontact.api.agent.auth import AgentSession
from opencontact.api.agent.context import ApiContext, Context, Session
from opencontact.api.agent.json import Json
from opencontact.api.agent.schemas import (
    ChatTranscript,
    ContactFlowLogs,
    ContactView,
    error_responses,
)
from opencontact.domain.base import Channel
from opencontact.domain.contacts import Contact
from opencontact.domain.errors import InvalidRequest, ResourceNotFound
from opencontact.engine.views import chat_item_view, contact_view, flow_log_view

router = APIRouter(prefix="/contacts", tags=["Contact records"])

CONTACT_SEARCH = "ContactSearch.View"


async def _record(context: ApiContext, session: AgentSession, contact_id: str) -> Contact:
    context.auth.require(session, CONTACT_SEARCH, "reading contact records")
    contact = await context.desk.center.contact(session.instance_id, contact_id)
    if contact is None:
        raise ResourceNotFound(f"No contact '{contact_id}' in this instance.")
    return contact


@router.get(
    "/{contact_id}",
    response_model=ContactView,
    summary="A contact record",
    description="Any contact of the instance, in progress or over.",
    responses=error_responses(401, 403, 404),
)
async def get_contact_record(contact_id: str, session: Session, context: Context) -> Response:
    contact = await _record(context, session, contact_id)
    return Json(contact_view(context.desk.center.state(session.instance_id), contact))


@router.get(
    "/{contact_id}/flow-logs",
    response_model=ContactFlowLogs,
    summary="A contact's flow logs",
    description=(
        "Each action the contact's flows ran while flow logging was on (Set logging behavior; "
        "off until a flow turns it on), and the failure that ended a flow even when it was off."
    ),
    responses=error_responses(401, 403, 404),
)
async def get_flow_logs(contact_id: str, session: Session, context: Context) -> Response:
    contact = await _record(context, session, contact_id)
    records = await context.desk.center.store.flow_logs(session.instance_id, contact.id)
    return Json({"contactId": contact.id, "flowLogs": [flow_log_view(r) for r in records]})


@router.get(
    "/{contact_id}/transcript",
    response_model=ChatTranscript,
    summary="A chat's transcript",
    description="Every message and event kept with the chat, oldest first, from its first "
    "contact on (all its segments, whichever of them `contact_id` names). 409 for a contact "
    "that is not a chat.",
    responses=error_responses(401, 403, 404, 409),
)
async def get_chat_transcript(contact_id: str, session: Session, context: Context) -> Response:
    contact = await _record(context, session, contact_id)
    if contact.channel is not Channel.CHAT:
        raise InvalidRequest(
            f"Contact {contact_id} is a {contact.channel.value} contact, not a chat."
        )
    store = context.desk.center.store
    items = await store.chat_transcript(session.instance_id, contact.initial_contact_id)
    return Json({"contactId": contact.id, "items": [chat_item_view(item) for item in items]})
