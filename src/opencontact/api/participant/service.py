"""botocore's model of the Amazon Connect Participant Service (`connectparticipant`), loaded
once, and its errors as botocore expects them: the error name in the `x-amzn-ErrorType`
header, `{"Message": ...}` in the body, the status of the error's shape."""

from __future__ import annotations

import functools
from typing import Any

import botocore.session
import orjson
from botocore.model import OperationModel, ServiceModel

from opencontact.domain import errors as domain

ACCESS_DENIED = "AccessDeniedException"
VALIDATION = "ValidationException"
CONFLICT = "ConflictException"
NOT_FOUND = "ResourceNotFoundException"
INTERNAL = "InternalServerException"
THROTTLING = "ThrottlingException"
# Not a shape of the model: a path no operation has (as the Connect API answers it).
UNKNOWN_OPERATION = "UnknownOperationException"

_NAMES: dict[type[domain.DomainError], str] = {
    domain.AccessDenied: ACCESS_DENIED,
    domain.ResourceNotFound: NOT_FOUND,
    domain.InvalidParameter: VALIDATION,
    domain.InvalidRequest: CONFLICT,
}


@functools.cache
def participant_model() -> ServiceModel:
    model: ServiceModel = botocore.session.get_session().get_service_model("connectparticipant")
    return model


@functools.cache
def operations_by_path() -> dict[tuple[str, str], OperationModel]:
    """(method, path) -> operation, for the operations whose URI has no parameters."""
    model = participant_model()
    found: dict[tuple[str, str], OperationModel] = {}
    for name in model.operation_names:
        operation = model.operation_model(name)
        uri = operation.http["requestUri"]
        if "{" not in uri:
            found[(operation.http["method"], uri)] = operation
    return found


class ParticipantError(Exception):
    def __init__(self, code: str, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        # Seconds, for the Retry-After header (ThrottlingException).
        self.retry_after = retry_after

    @property
    def status(self) -> int:
        if self.code == UNKNOWN_OPERATION:
            return 404
        shape = participant_model().shape_for(self.code)
        return int(shape.metadata.get("error", {}).get("httpStatusCode", 400))

    def render(self) -> tuple[int, dict[str, str], bytes]:
        body: dict[str, Any] = {"Message": self.message}
        headers = {"content-type": "application/json", "x-amzn-errortype": self.code}
        if self.retry_after is not None:
            headers["retry-after"] = str(self.retry_after)
        return self.status, headers, orjson.dumps(body)


def from_domain(error: domain.DomainError) -> ParticipantError:
    code = next((name for cls, name in _NAMES.items() if isinstance(error, cls)), VALIDATION)
    return ParticipantError(code, error.message)
