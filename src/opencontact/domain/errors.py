"""Domain errors: an illegal command raises one of these before anything changes.

    DomainError
     ├── ResourceNotFound        a referenced resource does not exist
     ├── DuplicateResource       a name that must be unique is taken
     ├── InvalidParameter        a value is malformed or out of range
     ├── InvalidRequest          the request is well-formed but not allowed in this state
     ├── ResourceInUse           the resource is referenced by another one
     ├── LimitExceeded           a quota would be exceeded
     ├── InvalidContactFlow      flow content that cannot be published (lists each problem)
     ├── ContactFlowNotPublished a flow that is only saved was asked for as published
     ├── DestinationNotAllowed   a phone number this instance may not call
     └── AccessDenied            the caller lacks the permission

The API edges map each class to their own error vocabulary (Amazon Connect error names on the
Connect API, HTTP statuses on the agent API); the domain never speaks a wire format.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every rule violation. `message` is written for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ResourceNotFound(DomainError):
    pass


class DuplicateResource(DomainError):
    pass


class InvalidParameter(DomainError):
    pass


class InvalidRequest(DomainError):
    pass


class ResourceInUse(DomainError):
    def __init__(
        self, message: str, resource_type: str | None = None, resource_id: str | None = None
    ):
        super().__init__(message)
        self.resource_type = resource_type
        self.resource_id = resource_id


class LimitExceeded(DomainError):
    pass


class ContactFlowNotPublished(DomainError):
    pass


class DestinationNotAllowed(DomainError):
    pass


class AccessDenied(DomainError):
    pass


class InvalidContactFlow(DomainError):
    def __init__(self, problems: list[str]) -> None:
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"The flow is not valid ({count} {noun}): " + " ".join(problems))
        self.problems = problems
