"""Amazon Connect operations called from inside the server, for the web pages' own APIs (the
admin website, the console): the same validation, handlers, output and error names as the
signed HTTP API, with parameters that are already JSON and a caller the page API has
authenticated and authorised itself."""

from __future__ import annotations

import logging
from typing import Any

import orjson

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.errors import ConnectError, from_domain
from opencontact.api.connect.operations import handlers
from opencontact.api.connect.response import render
from opencontact.api.connect.service_model import connect_model
from opencontact.api.connect.validation import ParameterErrors, validate
from opencontact.api.participant.tokens import ParticipantTokens
from opencontact.domain.errors import DomainError
from opencontact.engine.center import ContactCenter

log = logging.getLogger(__name__)


class ConnectOperations:
    def __init__(self, center: ContactCenter, participant_tokens: ParticipantTokens) -> None:
        self._center = center
        self._participant_tokens = participant_tokens
        self._handlers = handlers()

    def implemented(self, name: str) -> bool:
        return name in self._handlers

    async def call(
        self, name: str, params: dict[str, Any], region: str, base_url: str
    ) -> tuple[int, dict[str, Any]]:
        """HTTP status and JSON body exactly as the signed API would answer: the operation's
        output, or `{"Message": ...}` with the error's name in `__type`."""
        handler = self._handlers.get(name)
        if handler is None:
            error = ConnectError(
                "UnknownOperationException",
                f"OpenContact does not implement the Amazon Connect operation {name}.",
            )
            return _error(error)
        operation = connect_model().operation_model(name)
        try:
            if operation.input_shape is not None:
                try:
                    params = validate(operation.input_shape, params)
                except ParameterErrors as problems:
                    raise ConnectError(
                        "InvalidParameterException", " ".join(problems.problems)
                    ) from None
            call = ConnectCall(
                name,
                params,
                region,
                self._center,
                base_url=base_url,
                participant_tokens=self._participant_tokens,
            )
            status, _headers, body = render(operation, await handler(call))
            return status, orjson.loads(body)
        except ConnectError as error:
            return _error(error)
        except DomainError as error:
            return _error(from_domain(error, operation))
        except Exception:
            log.exception("%s failed", name)
            return _error(
                ConnectError(
                    "InternalServiceException",
                    "OpenContact hit an internal error; the server log has the details.",
                )
            )


def _error(error: ConnectError) -> tuple[int, dict[str, Any]]:
    status, _headers, body = error.render()
    return status, {"__type": error.code, **orjson.loads(body)}
