"""How the agent API words its errors: each domain error gets its HTTP status and code, and
pydantic's validation errors become sentences a person can act on."""

from __future__ import annotations

from typing import Any

import pytest

from opencontact.api.agent.errors import domain_status, validation_message
from opencontact.domain.errors import (
    AccessDenied,
    DestinationNotAllowed,
    DomainError,
    DuplicateResource,
    InvalidParameter,
    InvalidRequest,
    ResourceNotFound,
)


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (InvalidParameter("x"), 400, "InvalidParameter"),
        (AccessDenied("x"), 403, "AccessDenied"),
        (DestinationNotAllowed("x"), 403, "DestinationNotAllowed"),
        (ResourceNotFound("x"), 404, "ResourceNotFound"),
        (InvalidRequest("x"), 409, "InvalidRequest"),
        (DuplicateResource("x"), 409, "DuplicateResource"),
        (DomainError("x"), 400, "InvalidParameter"),
    ],
)
def test_each_domain_error_has_its_status_and_code(
    error: DomainError, status: int, code: str
) -> None:
    assert domain_status(error) == (status, code)


@pytest.mark.parametrize(
    ("errors", "message"),
    [
        (
            [{"type": "missing", "loc": ("body", "phoneNumber"), "msg": "Field required"}],
            "phoneNumber: Field required.",
        ),
        ([{"type": "missing", "loc": ("body",), "msg": "Field required"}], "needs a JSON body"),
        ([{"type": "json_invalid", "loc": ("body", 1), "msg": "JSON"}], "not valid JSON"),
        (
            [{"type": "extra_forbidden", "loc": ("body", "colour"), "msg": "Extra"}],
            "'colour' is not a field of this request.",
        ),
        (
            [{"type": "value_error", "loc": ("body",), "msg": "Value error, Give either a or b."}],
            "Give either a or b.",
        ),
        (
            [
                {"type": "string_type", "loc": ("body", "attributes", "n"), "msg": "Bad"},
                {"type": "string_type", "loc": ("body", "attributes", "n"), "msg": "Bad"},
            ],
            "attributes.n: Bad.",
        ),
        ([], "The request is not valid."),
    ],
)
def test_validation_errors_read_as_sentences(errors: list[dict[str, Any]], message: str) -> None:
    worded = validation_message(errors)
    assert message in worded
    assert worded.count(message) == 1
