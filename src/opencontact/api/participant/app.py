"""The Amazon Connect Participant Service as OpenContact serves it, mounted at `/participant`:
the REST-JSON operations a chat customer uses (boto3's `connectparticipant` client works against
it) and the customer's WebSocket, `/participant/ws`.

Requests are read against botocore's own model of the service: the token travels in the
`X-Amz-Bearer` header, parameters are validated against the input shapes, and errors are
`{"Message": ...}` with the `x-amzn-ErrorType` header. No AWS signature is needed (boto3 signs
anyway; any credentials do): the tokens are what authorise. Bodies are capped at 64 KiB;
SendMessage and SendEvent are rate limited per participant (rate_limits.py).
"""

from __future__ import annotations

import logging

import orjson
from starlette.applications import Starlette
from starlette.requests import Request as HttpRequest
from starlette.responses import Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp
from starlette.websockets import WebSocket

from opencontact.api.body_limit import LimitedBody
from opencontact.api.connect.request import gather
from opencontact.api.connect.validation import ParameterErrors, validate
from opencontact.api.participant.chats import ChatParticipants
from opencontact.api.participant.feeds import ChatFeeds
from opencontact.api.participant.operations import Handler, ParticipantOperations, Request
from opencontact.api.participant.rate_limits import ChatThrottle
from opencontact.api.participant.service import (
    ACCESS_DENIED,
    INTERNAL,
    UNKNOWN_OPERATION,
    VALIDATION,
    ParticipantError,
    from_domain,
    operations_by_path,
)
from opencontact.api.participant.socket import participant_socket
from opencontact.api.participant.tokens import ParticipantTokens
from opencontact.domain.errors import DomainError
from opencontact.engine.bus import EventBus
from opencontact.engine.center import ContactCenter

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024
# Where every operation takes its token (ParticipantToken or ConnectionToken).
BEARER = "x-amz-bearer"
NO_TOKEN = "Send the token in the X-Amz-Bearer header."


def participant_api(
    center: ContactCenter, bus: EventBus, tokens: ParticipantTokens, throttle: ChatThrottle
) -> ASGIApp:
    participants = ChatParticipants(center, tokens)
    handlers = ParticipantOperations(participants, throttle).handlers()
    feeds = ChatFeeds(bus)

    async def operation(request: HttpRequest) -> Response:
        status, headers, body = await _respond(request, handlers)
        return Response(body, status_code=status, headers=headers)

    async def socket(websocket: WebSocket) -> None:
        await participant_socket(websocket, participants, feeds)

    app = Starlette(
        routes=[
            WebSocketRoute("/ws", socket),
            Route("/{name:path}", operation, methods=["GET", "POST", "PUT", "DELETE"]),
        ]
    )
    return LimitedBody(app, MAX_BODY, _too_large)


async def _respond(
    request: HttpRequest, handlers: dict[str, Handler]
) -> tuple[int, dict[str, str], bytes]:
    path = request.url.path
    operation = operations_by_path().get((request.method, path))
    try:
        if operation is None:
            raise ParticipantError(
                UNKNOWN_OPERATION,
                f"No Amazon Connect Participant Service operation answers {request.method} {path}.",
            )
        handler = handlers.get(operation.name)
        if handler is None:
            raise ParticipantError(
                UNKNOWN_OPERATION,
                f"OpenContact does not implement the participant operation {operation.name} "
                "yet; docs/chat.md lists the ones it does.",
            )
        body = await request.body()
        headers = {name.lower(): value for name, value in request.headers.items()}
        if not headers.get(BEARER):
            raise ParticipantError(ACCESS_DENIED, NO_TOKEN)
        try:
            params = gather(operation, {}, {}, headers, body)
            if operation.input_shape is not None:
                params = validate(operation.input_shape, params)
        except ParameterErrors as problems:
            raise ParticipantError(VALIDATION, " ".join(problems.problems)) from None
        base_url = f"{request.url.scheme}://{request.headers.get('host', 'localhost')}"
        result = await handler(Request(params, base_url))
        return 200, {"content-type": "application/json"}, orjson.dumps(result)
    except ParticipantError as error:
        return error.render()
    except DomainError as error:
        return from_domain(error).render()
    except Exception:
        log.exception("%s %s failed", request.method, path)
        return ParticipantError(
            INTERNAL, "OpenContact hit an internal error; the server log has the details."
        ).render()


def _too_large(limit: int) -> tuple[int, dict[str, str], bytes]:
    return ParticipantError(
        VALIDATION, f"The request body is larger than {limit // 1024} KiB."
    ).render()
