"""Every error of the agent API as `{"error": <code>, "message": <sentence>}` with an HTTP
status a browser script can act on:

    400 InvalidParameter       malformed input (also FastAPI's validation errors, reshaped)
    401 Unauthorized           no token, or one that is tampered with, expired or outlived its user
    403 AccessDenied           the security profile does not allow it
    403 DestinationNotAllowed  a number outside the region's countries, or an emergency number
    404 ResourceNotFound       no such contact for this agent, quick connect, status or endpoint
    409 InvalidRequest         not legal in the current state (hold a call still ringing...)
    500 InternalError          a bug; the details are in the server's log

Domain errors are raised before anything changes, so an error response means nothing changed.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from opencontact.api.agent.json import Json
from opencontact.domain.errors import (
    AccessDenied,
    ContactFlowNotPublished,
    DestinationNotAllowed,
    DomainError,
    DuplicateResource,
    InvalidContactFlow,
    InvalidParameter,
    InvalidRequest,
    LimitExceeded,
    ResourceInUse,
    ResourceNotFound,
)

log = logging.getLogger(__name__)


class NotAuthenticated(Exception):
    """The request does not come from a logged-in user (401)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_STATUS: Mapping[type[DomainError], int] = {
    InvalidParameter: 400,
    InvalidContactFlow: 400,
    AccessDenied: 403,
    DestinationNotAllowed: 403,
    ResourceNotFound: 404,
    InvalidRequest: 409,
    DuplicateResource: 409,
    ResourceInUse: 409,
    LimitExceeded: 409,
    ContactFlowNotPublished: 409,
}
_HTTP_CODES = {401: "Unauthorized", 404: "ResourceNotFound", 405: "MethodNotAllowed"}
_LOCATIONS = {"body", "query", "path", "header", "cookie"}


def error_response(status: int, code: str, message: str, **headers: str) -> Response:
    return Json({"error": code, "message": message}, status_code=status, headers=headers)


def domain_status(error: DomainError) -> tuple[int, str]:
    for cls in type(error).__mro__:
        if cls in _STATUS:
            return _STATUS[cls], cls.__name__
    return 400, "InvalidParameter"


def validation_message(errors: Sequence[Any]) -> str:
    """pydantic's error list as sentences: 'phoneType: Input should be ...'."""
    sentences: list[str] = []
    for error in errors:
        kind = error.get("type", "")
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in _LOCATIONS)
        message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
        if kind == "json_invalid":
            sentence = "The request body is not valid JSON."
        elif kind == "missing" and not where:
            sentence = "The request needs a JSON body."
        elif kind == "extra_forbidden":
            sentence = f"'{where}' is not a field of this request."
        elif kind == "model_attributes_type" and not where:
            sentence = "The request body must be a JSON object."
        else:
            sentence = f"{where}: {message}" if where else message
        sentences.append(sentence if sentence.endswith(".") else sentence + ".")
    return " ".join(dict.fromkeys(sentences)) or "The request is not valid."


async def _domain_error(_request: Request, error: Exception) -> Response:
    assert isinstance(error, DomainError)
    status, code = domain_status(error)
    return error_response(status, code, error.message)


async def _not_authenticated(_request: Request, error: Exception) -> Response:
    assert isinstance(error, NotAuthenticated)
    return error_response(401, "Unauthorized", error.message, **{"WWW-Authenticate": "Bearer"})


async def _invalid_request(_request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    return error_response(400, "InvalidParameter", validation_message(error.errors()))


def install_error_handlers(app: FastAPI, name: str = "agent API") -> None:
    """The error answers of an /api/v1 application; `name` ("agent API", "console API", ...)
    is how its messages and log lines call it."""

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        code = _HTTP_CODES.get(error.status_code, "HttpError")
        if error.status_code == 404:
            message = f"The {name} has no {request.url.path}."
        elif error.status_code == 405:
            message = f"{request.url.path} does not answer {request.method}."
        else:
            message = str(error.detail)
        return error_response(error.status_code, code, message, **(error.headers or {}))

    async def internal_error(_request: Request, error: Exception) -> Response:
        log.error("%s: unexpected error", name, exc_info=error)
        return error_response(
            500, "InternalError", "Something went wrong on the server; its log has the details."
        )

    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(NotAuthenticated, _not_authenticated)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, internal_error)
