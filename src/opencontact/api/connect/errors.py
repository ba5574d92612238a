"""Errors on the Connect API, as botocore expects them: the error name in the
`x-amzn-ErrorType` header, `{"Message": ...}` in the body, the status of the error's shape."""

from __future__ import annotations

from typing import Any

import orjson
from botocore.model import OperationModel

from opencontact.api.connect.service_model import connect_model
from opencontact.domain import errors as domain

_NAMES: dict[type[domain.DomainError], str] = {
    domain.ResourceNotFound: "ResourceNotFoundException",
    domain.DuplicateResource: "DuplicateResourceException",
    domain.InvalidParameter: "InvalidParameterException",
    domain.InvalidRequest: "InvalidRequestException",
    domain.ResourceInUse: "ResourceInUseException",
    domain.LimitExceeded: "LimitExceededException",
    domain.InvalidContactFlow: "InvalidContactFlowException",
    domain.ContactFlowNotPublished: "ContactFlowNotPublishedException",
    domain.DestinationNotAllowed: "DestinationNotAllowedException",
    domain.AccessDenied: "AccessDeniedException",
}

# Where an operation's model does not list the natural error, the closest one it does list.
_STAND_INS = {
    "InvalidParameterException": "InvalidRequestException",
    "InvalidRequestException": "InvalidParameterException",
}

# Errors of the protocol itself (signing), which no operation models.
_PROTOCOL_STATUS = {
    "MissingAuthenticationTokenException": 403,
    "IncompleteSignatureException": 400,
    "InvalidSignatureException": 403,
    "UnrecognizedClientException": 403,
    "UnknownOperationException": 404,
    "SerializationException": 400,
}


class ConnectError(Exception):
    def __init__(self, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.extra = extra

    @property
    def status(self) -> int:
        if self.code in _PROTOCOL_STATUS:
            return _PROTOCOL_STATUS[self.code]
        shape = connect_model().shape_for(self.code)
        return int(shape.metadata.get("error", {}).get("httpStatusCode", 400))

    def render(self) -> tuple[int, dict[str, str], bytes]:
        body: dict[str, Any] = {"Message": self.message, **self.extra}
        headers = {"content-type": "application/json", "x-amzn-errortype": self.code}
        return self.status, headers, orjson.dumps(body)


def from_domain(error: domain.DomainError, operation: OperationModel | None) -> ConnectError:
    code = next(
        (name for cls, name in _NAMES.items() if isinstance(error, cls)), "InvalidRequestException"
    )
    if operation is not None:
        modelled = {shape.name for shape in operation.error_shapes}
        if code not in modelled and _STAND_INS.get(code) in modelled:
            code = _STAND_INS[code]
    extra: dict[str, Any] = {}
    if isinstance(error, domain.InvalidContactFlow):
        extra["problems"] = [{"message": problem[:256]} for problem in error.problems[:50]]
    if isinstance(error, domain.ResourceInUse):
        if error.resource_type in _IN_USE_TYPES:
            extra["ResourceType"] = _IN_USE_TYPES[error.resource_type]
        if error.resource_id:
            extra["ResourceId"] = error.resource_id
    return ConnectError(code, error.message, **extra)


_IN_USE_TYPES = {
    "user": "USER",
    "contact-flow": "CONTACT_FLOW",
    "instance": "INSTANCE",
    "phone-number": "PHONE_NUMBER",
}
