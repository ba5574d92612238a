"""`POST /api/v1/chat/start`: a customer starts a chat from a web page (the /chat widget), with
no credentials. It starts the chat as StartChatContact does — on the instance's Sample inbound
flow unless the request names a contact flow — and answers what StartChatContact answers: the
ContactId, the customer's ParticipantId and the ParticipantToken for CreateParticipantConnection.

Anyone can call it, so it takes little: a body of at most 64 KiB, a display name of 1 to 256
characters, a first message of at most 16 KiB, at most 50 attributes. Errors are the /api/v1
ones, `{"error": <code>, "message": <sentence>}` (400 bad input, 404 no such instance or flow,
409 a flow that is not published, 413 a body too large, 429 too many chats started — from
the client's address or on the instance — with a Retry-After header; rate_limits.py).
"""

from __future__ import annotations

from typing import Annotated

import orjson
from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp

from opencontact import __version__
from opencontact.api.agent.errors import install_error_handlers
from opencontact.api.agent.json import Json
from opencontact.api.agent.schemas import ErrorBody
from opencontact.api.body_limit import LimitedBody
from opencontact.api.participant.rate_limits import ChatThrottle, Throttled
from opencontact.api.participant.tokens import ParticipantTokens
from opencontact.domain.chats import MAX_CONTENT, MAX_DISPLAY_NAME
from opencontact.domain.contact_flows import ContactFlow
from opencontact.domain.directory import Directory
from opencontact.domain.errors import ResourceNotFound
from opencontact.engine import commands
from opencontact.engine.center import ContactCenter

SAMPLE_INBOUND_FLOW = "Sample inbound flow (first contact experience)"
MAX_BODY = 64 * 1024
MAX_ATTRIBUTES = 50


class ChatStartRequest(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")

    instance: str = Field(
        min_length=1, max_length=256, description="The instance's alias, id or ARN."
    )
    display_name: str = Field(
        min_length=1,
        max_length=MAX_DISPLAY_NAME,
        description="The customer's name, as the agent sees it.",
    )
    contact_flow_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=500,
        description="A published contact flow (id or ARN); the Sample inbound flow if left out.",
    )
    initial_message: str | None = Field(
        default=None,
        max_length=MAX_CONTENT,
        description="The customer's first message (text/plain).",
    )
    attributes: (
        dict[
            Annotated[str, Field(min_length=1, max_length=127)],
            Annotated[str, Field(max_length=1024)],
        ]
        | None
    ) = Field(default=None, max_length=MAX_ATTRIBUTES, description="Contact attributes.")


class ChatStarted(BaseModel):
    ContactId: str
    ParticipantId: str
    ParticipantToken: str = Field(description="For POST /participant/connection (X-Amz-Bearer).")


def chat_start_api(
    center: ContactCenter, tokens: ParticipantTokens, throttle: ChatThrottle
) -> ASGIApp:
    app = FastAPI(
        title="OpenContact chat start",
        version=__version__,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        default_response_class=Json,
    )

    @app.post(
        "/start",
        response_model=ChatStarted,
        summary="Start a chat (public)",
        responses={
            400: {"model": ErrorBody},
            404: {"model": ErrorBody},
            429: {"model": ErrorBody},
        },
    )
    async def start_chat(body: ChatStartRequest, request: Request) -> Response:
        directory = _instance(center, body.instance)
        flow_id = _flow(directory, body.contact_flow_id)
        # The address the connection came from (behind a proxy: see docs/chat.md#rate-limits).
        client = request.client.host if request.client is not None else "unknown"
        try:
            throttle.chat_start(client, directory.instance.id, _name(directory))
        except Throttled as refused:
            return _too_many(refused)
        env = center.env(directory.instance.region)
        command = commands.start_chat(
            flow_id=flow_id,
            display_name=body.display_name,
            attributes=body.attributes or {},
            initial_message=body.initial_message or None,
        )
        instance_id = directory.instance.id
        started = await center.live(instance_id, None, lambda state: command(state, env))
        contact = started.contact
        token = tokens.participant_token(
            instance_id, contact.initial_contact_id, started.participant_id
        )
        return Json(
            {
                "ContactId": contact.id,
                "ParticipantId": started.participant_id,
                "ParticipantToken": token,
            }
        )

    install_error_handlers(app, "chat API")
    return LimitedBody(app, MAX_BODY, _too_large)


def _instance(center: ContactCenter, reference: str) -> Directory:
    found = center.account.by_alias(reference)
    if found is not None:
        return found
    try:
        return center.directory(reference)
    except ResourceNotFound:
        raise ResourceNotFound(f"There is no instance '{reference}'.") from None


def _flow(directory: Directory, reference: str | None) -> str:
    if reference is not None:
        flow = directory.find_by_arn_or_id(ContactFlow, reference)
        if flow is None:
            raise ResourceNotFound(f"Instance '{_name(directory)}' has no flow '{reference}'.")
        return flow.id
    sample = directory.find_by_name(ContactFlow, SAMPLE_INBOUND_FLOW)
    if sample is None:
        raise ResourceNotFound(
            f"Instance '{_name(directory)}' has no '{SAMPLE_INBOUND_FLOW}' to start chats "
            "with; name a contact flow (contactFlowId)."
        )
    return sample.id


def _name(directory: Directory) -> str:
    return directory.instance.alias or directory.instance.id


def _too_many(refused: Throttled) -> Response:
    return Json(
        {"error": "TooManyRequests", "message": refused.message},
        status_code=429,
        headers={"Retry-After": str(refused.retry_after)},
    )


def _too_large(limit: int) -> tuple[int, dict[str, str], bytes]:
    body = {
        "error": "PayloadTooLarge",
        "message": f"The request body is larger than {limit // 1024} KiB.",
    }
    return 413, {"content-type": "application/json"}, orjson.dumps(body)
