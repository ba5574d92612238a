"""The agent themself: their desk, status, phone settings, quick connects and the number pad.

Every endpoint acts as the session's user only, needs BasicAgentAccess, and answers with the
agent's fresh desk (the body of GET /agent) once the change is durable.
"""

from __future__ import annotations

import re

from fastapi import APIRouter
from starlette.responses import Response

from opencontact.api.agent.context import CcpSession, Context
from opencontact.api.agent.json import Json
from opencontact.api.agent.schemas import (
    AgentDesk,
    CallRequest,
    CreatedContact,
    PhoneSettingsRequest,
    QuickConnectView,
    StatusRequest,
    error_responses,
)
from opencontact.domain.user_settings import PhoneConfig
from opencontact.engine import commands

router = APIRouter(prefix="/agent", tags=["Agent"])

_READABLE_SEPARATORS = re.compile(r"[\s().-]")


@router.get(
    "",
    response_model=AgentDesk,
    summary="The agent's desk",
    description="The agent's state and contacts, the statuses they can choose, the quick "
    "connects they can use now, and their phone settings. Every action answers with this.",
    responses=error_responses(401, 403),
)
async def get_agent(session: CcpSession, context: Context) -> Response:
    return Json(context.desk.view(session))


@router.put(
    "/status",
    response_model=AgentDesk,
    summary="Set status",
    description="Choose a status by name or id. On a contact it becomes the next status, "
    "applied when the last contact is closed. Clears Missed and Rejected.",
    responses=error_responses(400, 401, 403, 409),
)
async def set_status(body: StatusRequest, session: CcpSession, context: Context) -> Response:
    await context.desk.run(session, commands.set_status(session.user_id, body.status))
    return Json(context.desk.view(session))


@router.post(
    "/dismiss",
    response_model=AgentDesk,
    summary="Clear Missed, Rejected or Error",
    description="The agent is routable again in the status they had chosen.",
    responses=error_responses(401, 403),
)
async def dismiss(session: CcpSession, context: Context) -> Response:
    await context.desk.run(session, commands.dismiss(session.user_id))
    return Json(context.desk.view(session))


@router.put(
    "/settings/phone",
    response_model=AgentDesk,
    summary="Softphone or desk phone",
    description="SOFT_PHONE, or DESK_PHONE with the agent's number (E.164). The number must be "
    "one the instance may call: in the region's countries, not an emergency number.",
    responses=error_responses(400, 401, 403),
)
async def set_phone(body: PhoneSettingsRequest, session: CcpSession, context: Context) -> Response:
    number = body.desk_phone_number
    if number is not None:
        number = _READABLE_SEPARATORS.sub("", number) or None
    await context.desk.set_phone(
        session, PhoneConfig(phone_type=body.phone_type, desk_phone_number=number)
    )
    return Json(context.desk.view(session))


@router.get(
    "/quick-connects",
    response_model=list[QuickConnectView],
    summary="Quick connects usable now",
    description="Those of the queues in the agent's routing profile; agents and queues only "
    "while the agent has a contact; never the agent themself.",
    responses=error_responses(401, 403),
)
async def list_quick_connects(session: CcpSession, context: Context) -> Response:
    return Json(context.desk.quick_connects(session))


@router.post(
    "/calls",
    status_code=201,
    response_model=CreatedContact,
    summary="Call a number (number pad)",
    description="The agent's phone connects first, then the number is dialled. Refused for "
    "numbers outside the region's countries and for emergency numbers (403 "
    "DestinationNotAllowed), without OutboundCallAccess (403), or while on another call (409).",
    responses=error_responses(400, 401, 403, 409),
)
async def dial(body: CallRequest, session: CcpSession, context: Context) -> Response:
    contact = await context.desk.run(session, commands.dial(session.user_id, body.phone_number))
    view = context.desk.view(session)
    view["contactId"] = contact.id
    return Json(view, status_code=201)
