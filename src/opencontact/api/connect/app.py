"""The ASGI application that serves the Amazon Connect API."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

from botocore.model import OperationModel
from starlette.types import Receive, Scope, Send

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.errors import ConnectError, from_domain
from opencontact.api.connect.operations import handlers
from opencontact.api.connect.request import gather
from opencontact.api.connect.response import render
from opencontact.api.connect.routes import RouteTable
from opencontact.api.connect.service_model import connect_model
from opencontact.api.connect.sigv4 import SignedRequest, verify
from opencontact.api.connect.validation import ParameterErrors, validate
from opencontact.api.participant.tokens import ParticipantTokens
from opencontact.domain.errors import DomainError, InvalidParameter
from opencontact.engine.center import ContactCenter

log = logging.getLogger(__name__)

_MATCH = "opencontact.connect.match"


class ConnectApi:
    def __init__(
        self,
        center: ContactCenter,
        secrets: Mapping[str, str],
        participant_tokens: ParticipantTokens,
    ) -> None:
        self._center = center
        self._secrets = secrets
        self._participant_tokens = participant_tokens
        self._handlers = handlers()
        # Every operation of the model is routed, so that one OpenContact does not implement
        # yet is named in the answer rather than met with a bare 404.
        self._routes = RouteTable(connect_model().operation_names)

    def claims(self, scope: Scope) -> bool:
        """Whether a request is for this API: its path is a Connect operation's, or it is
        signed for AWS. Remembers the match for `__call__`."""
        if scope["type"] != "http":
            return False
        raw_path = _raw_path(scope)
        matched = self._routes.match(scope["method"], raw_path)
        scope[_MATCH] = matched
        if matched is not None:
            return True
        authorization = _header(scope, b"authorization")
        return authorization is not None and authorization.startswith(b"AWS4-HMAC-SHA256")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        status, headers, body = await self._respond(scope, receive)
        headers["content-length"] = str(len(body))
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def _respond(self, scope: Scope, receive: Receive) -> tuple[int, dict[str, str], bytes]:
        method: str = scope["method"]
        raw_path = _raw_path(scope)
        matched = scope[_MATCH] if _MATCH in scope else self._routes.match(method, raw_path)
        operation: OperationModel | None = matched[0] if matched else None
        try:
            body = await _read_body(receive)
            raw_query = scope.get("query_string", b"").decode("latin-1")
            headers = _headers(scope)
            # Signatures are checked against the real time, whatever clock the engine runs on
            # (a simulation may run hours ahead).
            caller = verify(
                SignedRequest(method, raw_path, raw_query, headers, body),
                self._secrets,
                datetime.now(UTC),
            )
            if matched is None or operation is None:
                raise ConnectError(
                    "UnknownOperationException",
                    f"No Amazon Connect operation answers {method} {raw_path}.",
                )
            handler = self._handlers.get(operation.name)
            if handler is None:
                raise ConnectError(
                    "UnknownOperationException",
                    f"OpenContact does not implement the Amazon Connect operation "
                    f"{operation.name} yet; docs/connect-api.md lists the ones it does.",
                )
            params = _parameters(operation, matched[1], raw_query, headers, body)
            call = ConnectCall(
                operation.name,
                params,
                caller.region,
                self._center,
                base_url=f"{scope.get('scheme', 'http')}://{headers.get('host', 'localhost')}",
                participant_tokens=self._participant_tokens,
            )
            return render(operation, await handler(call))
        except ConnectError as error:
            return error.render()
        except DomainError as error:
            return from_domain(error, operation).render()
        except Exception:
            log.exception("%s %s failed", method, raw_path)
            return ConnectError(
                "InternalServiceException",
                "OpenContact hit an internal error; the server log has the details.",
            ).render()


def _parameters(
    operation: OperationModel,
    uri_params: dict[str, str],
    raw_query: str,
    headers: dict[str, str],
    body: bytes,
) -> dict[str, Any]:
    query = parse_qs(raw_query, keep_blank_values=True) if raw_query else {}
    try:
        params = gather(operation, uri_params, query, headers, body)
        if operation.input_shape is not None:
            params = validate(operation.input_shape, params)
    except ParameterErrors as problems:
        raise InvalidParameter(" ".join(problems.problems)) from None
    return params


def _raw_path(scope: Scope) -> str:
    raw: bytes | None = scope.get("raw_path")
    return raw.decode("latin-1") if raw else str(scope["path"])


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope["headers"]:
        if key.lower() == name:
            found: bytes = value
            return found
    return None


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _headers(scope: Scope) -> dict[str, str]:
    headers: dict[str, str] = {}
    for raw_name, raw_value in scope["headers"]:
        name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
        headers[name] = f"{headers[name]},{value}" if name in headers else value
    return headers
