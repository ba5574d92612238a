"""What an agent does with one of their contacts: accept, reject, hold, resume, pause (tasks),
end, close, transfer, the conference moves, tasks and attributes.

A contact that is not with the session's agent is not found (404), whoever's it is. A move the
contact's state does not allow now is 409. Each answers with the agent's fresh desk.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from opencontact.api.agent.context import CcpSession, Context
from opencontact.api.agent.desk import on_own_contact, with_party, with_usable_quick_connect
from opencontact.api.agent.json import Json
from opencontact.api.agent.schemas import (
    AgentDesk,
    AttributesRequest,
    ContactView,
    CreatedContact,
    TaskRequest,
    TransferRequest,
    error_responses,
)
from opencontact.domain.contacts import Contact
from opencontact.domain.errors import InvalidParameter
from opencontact.domain.references import check_references
from opencontact.engine import commands
from opencontact.engine.commands import Command

router = APIRouter(prefix="/agent/contacts", tags=["Contacts"])

ContactAction = Callable[[str, str], Command[Contact]]

# path segment -> (command, summary, description)
_ACTIONS: dict[str, tuple[ContactAction, str, str]] = {
    "accept": (commands.accept, "Accept", "Take the incoming contact offered to the agent."),
    "reject": (
        commands.reject,
        "Reject",
        "Decline the incoming contact: it goes back to its queue and the agent shows Rejected.",
    ),
    "hold": (commands.hold, "Hold", "Put the customer on hold."),
    "resume": (
        commands.resume,
        "Resume",
        "Take the customer off hold, or resume a paused task.",
    ),
    "pause": (
        commands.pause,
        "Pause",
        "Pause a task: it stays the agent's, but frees their slot for other work until Resume.",
    ),
    "end": (
        commands.end,
        "End call",
        "Disconnect the customer; the agent goes to after contact work.",
    ),
    "close": (
        commands.close,
        "Close contact",
        "Finish after contact work; the contact leaves the agent.",
    ),
    "join": (commands.join, "Join", "Customer, agent and third party all talk (three-way)."),
    "hold-all": (commands.hold_all, "Hold all", "Hold the customer and the third party."),
    "swap": (commands.swap, "Swap", "Talk to the other side; the one talking now is held."),
    "leave": (
        commands.leave,
        "Leave",
        "Drop out; the customer and the third party stay connected.",
    ),
}


@router.get(
    "/{contact_id}",
    response_model=ContactView,
    summary="One of the agent's contacts",
    responses=error_responses(401, 403, 404),
)
async def get_contact(contact_id: str, session: CcpSession, context: Context) -> Response:
    return Json(context.desk.contact(session, contact_id))


def _action(command: ContactAction) -> Callable[..., Any]:
    async def act(contact_id: str, session: CcpSession, context: Context) -> Response:
        confined = on_own_contact(session.user_id, contact_id, command(session.user_id, contact_id))
        await context.desk.run(session, confined)
        return Json(context.desk.view(session))

    return act


for _segment, (_command, _summary, _description) in _ACTIONS.items():
    router.add_api_route(
        f"/{{contact_id}}/{_segment}",
        _action(_command),
        methods=["POST"],
        response_model=AgentDesk,
        summary=_summary,
        description=_description,
        name=_segment.replace("-", "_"),
        responses=error_responses(401, 403, 404, 409),
    )


@router.post(
    "/{contact_id}/transfer",
    response_model=AgentDesk,
    summary="Transfer",
    description="Through one of the agent's quick connects (quickConnectId) or to a typed "
    "number (phoneNumber). The customer is held while the third party is reached; then Join, "
    "Hold all, Swap or Leave.",
    responses=error_responses(400, 401, 403, 404, 409),
)
async def transfer(
    contact_id: str, body: TransferRequest, session: CcpSession, context: Context
) -> Response:
    user_id = session.user_id
    command = commands.transfer(
        user_id, contact_id, quick_connect_id=body.quick_connect_id, phone_number=body.phone_number
    )
    if body.quick_connect_id is not None:
        command = with_usable_quick_connect(user_id, body.quick_connect_id, command)
    await context.desk.run(session, on_own_contact(user_id, contact_id, command))
    return Json(context.desk.view(session))


@router.delete(
    "/{contact_id}/parties/{party_id}",
    response_model=AgentDesk,
    summary="Hang up on a third party",
    responses=error_responses(401, 403, 404, 409),
)
async def end_party(
    contact_id: str, party_id: str, session: CcpSession, context: Context
) -> Response:
    command = with_party(
        contact_id, party_id, commands.end_party(session.user_id, contact_id, party_id)
    )
    await context.desk.run(session, on_own_contact(session.user_id, contact_id, command))
    return Json(context.desk.view(session))


@router.post(
    "/{contact_id}/tasks",
    status_code=201,
    response_model=CreatedContact,
    summary="Create task",
    description="A task related to this contact (typically from after contact work), sent "
    "through a USER or QUEUE quick connect. contactId in the answer is the new task's.",
    responses=error_responses(400, 401, 403, 404, 409),
)
async def create_task(
    contact_id: str, body: TaskRequest, session: CcpSession, context: Context
) -> Response:
    user_id = session.user_id
    names = [reference.name for reference in body.references]
    if len(set(names)) != len(names):
        raise InvalidParameter("Give each reference of a task its own name.")
    command = commands.create_task(
        user_id,
        contact_id,
        name=body.name,
        description=body.description,
        quick_connect_id=body.quick_connect_id,
        references=check_references({r.name: (r.type, r.value) for r in body.references}),
    )
    confined = on_own_contact(
        user_id, contact_id, with_usable_quick_connect(user_id, body.quick_connect_id, command)
    )
    task = await context.desk.run(session, confined)
    view = context.desk.view(session)
    view["contactId"] = task.id
    return Json(view, status_code=201)


@router.patch(
    "/{contact_id}/attributes",
    response_model=AgentDesk,
    summary="Edit contact attributes",
    description="Set the attributes given; the others keep their value.",
    responses=error_responses(400, 401, 403, 404),
)
async def update_attributes(
    contact_id: str, body: AttributesRequest, session: CcpSession, context: Context
) -> Response:
    command = commands.update_attributes(contact_id, body.attributes)
    await context.desk.run(session, on_own_contact(session.user_id, contact_id, command))
    return Json(context.desk.view(session))
