"""Customer profiles and cases: the Customer profiles block (GetCustomerProfile,
CreateCustomerProfile, UpdateCustomerProfile) and the Cases block (GetCase, CreateCase,
UpdateCase).

Profiles and cases are records in the store, not engine state, so an action here only reads
its parameters and asks the engine (a ProfileRequest or CaseRequest); the run waits for the
store's answer (RecordsAnswered), then keeps what the block asks to keep: the profile's fields
under $.Customer, the case's under $.Case, as Connect does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from opencontact.flows.actions.base import (
    SUCCESS,
    Execution,
    Fail,
    Outcome,
    Wait,
    failure,
    success,
)
from opencontact.flows.document import NO_MATCHING_ERROR, Action
from opencontact.flows.run import (
    Awaiting,
    AwaitKind,
    CaseRequest,
    ProfileRequest,
    RecordsAnswered,
    Signal,
    TimedOut,
)

# The profile fields a flow can search by, and the search key each is found with.
_SEARCH_KEYS = {
    "PhoneNumber": "_phone",
    "MobilePhoneNumber": "_phone",
    "HomePhoneNumber": "_phone",
    "BusinessPhoneNumber": "_phone",
    "EmailAddress": "_email",
    "PersonalEmailAddress": "_email",
    "BusinessEmailAddress": "_email",
    "AccountNumber": "_account",
    "ProfileId": "_profileId",
    "FullName": "_fullName",
}
_KEY_NAMES = frozenset(_SEARCH_KEYS.values())

# What $.Customer and $.Case always hold after a block found or made a record.
PROFILE_ID = "ProfileId"
PROFILE_ARN = "ProfileARN"
CASE_ID = "case_id"
REFERENCE_NUMBER = "reference_number"
_CASE_SEARCH_FIELDS = ("case_id", "title", "status", "summary", "customer_id", "reference_number")

_REQUEST_PARAMETERS = ("IdentifierName", "IdentifierValue", "SearchCriteria", "LogicalOperator")


def _waiting(what: str) -> Wait:
    return Wait(Awaiting(AwaitKind.RECORDS), what)


def _flag(ex: Execution, action: Action, name: str) -> bool:
    value = ex.value(action.parameter(name))
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() == "true"


def _text_fields(ex: Execution, raw: object, what: str) -> dict[str, str] | Fail:
    """A block's map of fields with their values resolved; a value that comes out empty is
    left out (the field is not sent). `Attributes` given as an object become
    `Attributes.<name>` fields."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        return failure(f"{what} must be an object of fields and values.")
    fields: dict[str, str] = {}
    for name, raw_value in raw.items():
        if name in _REQUEST_PARAMETERS:
            continue
        if name == "Attributes" and isinstance(raw_value, Mapping):
            for key, value in raw_value.items():
                text = ex.text(value)
                if text:
                    fields[f"Attributes.{key}"] = text
            continue
        text = ex.text(raw_value)
        if text:
            fields[str(name)] = text.strip()
    return fields


# -- customer profiles ---------------------------------------------------------------------------


def _search(
    ex: Execution, data: Mapping[str, Any]
) -> tuple[tuple[tuple[str, str], ...], bool] | Fail:
    """The (search key, value) pairs of a GetCustomerProfile and whether all must hold."""
    written: list[tuple[Any, Any]] = []
    if "IdentifierName" in data:
        written.append((data.get("IdentifierName"), data.get("IdentifierValue")))
    criteria = data.get("SearchCriteria")
    if isinstance(criteria, list):
        for criterion in criteria:
            if not isinstance(criterion, Mapping):
                return failure(
                    "Each SearchCriteria entry needs IdentifierName and IdentifierValue."
                )
            written.append((criterion.get("IdentifierName"), criterion.get("IdentifierValue")))
    if not written:
        written = [(name, value) for name, value in data.items() if name not in _REQUEST_PARAMETERS]
    pairs: list[tuple[str, str]] = []
    for raw_name, raw_value in written:
        name = ex.text(raw_name) or ""
        key = _SEARCH_KEYS.get(name, name if name in _KEY_NAMES else None)
        if key is None:
            searchable = ", ".join(sorted({*_SEARCH_KEYS, *_KEY_NAMES}))
            return failure(f"Profiles cannot be found by '{name}'; use one of {searchable}.")
        value = ex.text(raw_value)
        if not value or not value.strip():
            return failure(f"The search identifier {name} ({raw_value!r}) has no value.")
        pairs.append((key, value.strip()))
    if not pairs:
        return failure("ProfileRequestData needs at least one search identifier.")
    if len(pairs) > 5:
        return failure("A profile is searched by at most five identifiers.")
    operator = ex.text(data.get("LogicalOperator")) or "AND"
    if operator.upper() not in ("AND", "OR"):
        return failure(f"LogicalOperator must be AND or OR, not '{operator}'.")
    return tuple(pairs), operator.upper() == "AND"


def get_customer_profile(ex: Execution, action: Action) -> Outcome:
    data = action.parameter("ProfileRequestData")
    if not isinstance(data, Mapping):
        return failure("ProfileRequestData must be an object with the identifiers to search by.")
    search = _search(ex, data)
    if isinstance(search, Fail):
        return search
    pairs, match_all = search
    ex.emit(ProfileRequest("GET", search=pairs, match_all=match_all))
    shown = f" {'and' if match_all else 'or'} ".join(f"{key} {value}" for key, value in pairs)
    return _waiting(f"Looking for the customer profile with {shown}.")


def create_customer_profile(ex: Execution, action: Action) -> Outcome:
    fields = _text_fields(ex, action.parameter("ProfileRequestData"), "ProfileRequestData")
    if isinstance(fields, Fail):
        return fields
    fields.pop(PROFILE_ID, None)
    if not fields:
        return failure("ProfileRequestData gives no field with a value for the new profile.")
    ex.emit(ProfileRequest("CREATE", fields=fields))
    return _waiting("Creating a customer profile.")


def update_customer_profile(ex: Execution, action: Action) -> Outcome:
    fields = _text_fields(ex, action.parameter("ProfileRequestData"), "ProfileRequestData")
    if isinstance(fields, Fail):
        return fields
    profile_id = fields.pop(PROFILE_ID, None) or ex.run.customer.get(PROFILE_ID)
    if not profile_id:
        return failure("There is no profile to update: give ProfileId, or find one first.")
    if not fields:
        return failure("ProfileRequestData gives no field to change.")
    ex.emit(ProfileRequest("UPDATE", profile_id=profile_id, fields=fields))
    return _waiting(f"Updating customer profile {profile_id}.")


def _kept(record: Mapping[str, str], raw: object, always: tuple[str, ...]) -> dict[str, str]:
    """The record's fields a block's response list names, plus the ones always kept."""
    names = [name for name in raw if isinstance(name, str)] if isinstance(raw, list) else []
    return {name: record[name] for name in (*always, *names) if name in record}


def resume_profile_action(ex: Execution, action: Action, signal: Signal) -> Outcome | None:
    answered = _answer(signal)
    if not isinstance(answered, RecordsAnswered):
        return answered
    if answered.record:
        kept = _kept(
            answered.record, action.parameter("ProfileResponseData"), (PROFILE_ID, PROFILE_ARN)
        )
        merged = {**ex.run.customer, **kept} if action.type == "UpdateCustomerProfile" else kept
        ex.update(customer=merged)
    return _branch(action, answered)


# -- cases ---------------------------------------------------------------------------------------


def create_case(ex: Execution, action: Action) -> Outcome:
    fields = _text_fields(ex, action.parameter("CaseRequestFields"), "CaseRequestFields")
    if isinstance(fields, Fail):
        return fields
    if not fields.get("title"):
        return failure("A case needs a title (CaseRequestFields title).")
    link = _flag(ex, action, "LinkContactToCase")
    ex.emit(CaseRequest("CREATE", fields=fields, link_contact=link))
    return _waiting(f"Creating the case '{fields['title']}'.")


def get_case(ex: Execution, action: Action) -> Outcome:
    fields = _text_fields(ex, action.parameter("CaseRequestFields"), "CaseRequestFields")
    if isinstance(fields, Fail):
        return fields
    unknown = sorted(set(fields) - set(_CASE_SEARCH_FIELDS))
    if unknown:
        return failure(
            f"Cases cannot be searched by {', '.join(unknown)}; "
            f"use {', '.join(_CASE_SEARCH_FIELDS)}."
        )
    raw_customer = action.parameter("CustomerId")
    customer_id = ex.text(raw_customer) if raw_customer is not None else None
    if raw_customer is not None and not customer_id:
        return failure(f"CustomerId {raw_customer!r} has no value.")
    if not fields and not customer_id:
        return failure("GetCase needs a CustomerId or CaseRequestFields to search by.")
    ex.emit(
        CaseRequest(
            "GET",
            fields=fields,
            case_id=fields.get(CASE_ID),
            customer_id=customer_id,
            link_contact=_flag(ex, action, "LinkContactToCase"),
            last_updated=_flag(ex, action, "GetLastUpdatedCase"),
        )
    )
    return _waiting("Looking for the case.")


def update_case(ex: Execution, action: Action) -> Outcome:
    raw = action.parameter("CaseId")
    case_id = ex.text(raw)
    if not case_id:
        return failure(f"CaseId {raw!r} names no case.")
    fields = _text_fields(ex, action.parameter("CaseRequestFields"), "CaseRequestFields")
    if isinstance(fields, Fail):
        return fields
    link = _flag(ex, action, "LinkContactToCase")
    if not fields and not link:
        return failure("UpdateCase changes nothing: give CaseRequestFields or LinkContactToCase.")
    ex.emit(CaseRequest("UPDATE", fields=fields, case_id=case_id, link_contact=link))
    return _waiting(f"Updating case {case_id}.")


def resume_case_action(ex: Execution, action: Action, signal: Signal) -> Outcome | None:
    answered = _answer(signal)
    if not isinstance(answered, RecordsAnswered):
        return answered
    if answered.record:
        always = (CASE_ID,) if action.type == "GetCase" else (CASE_ID, REFERENCE_NUMBER)
        kept = _kept(answered.record, action.parameter("CaseResponseFields"), always)
        ex.update(case={**ex.run.case, **kept} if action.type == "UpdateCase" else kept)
    return _branch(action, answered)


# -- the answer ----------------------------------------------------------------------------------


def _answer(signal: Signal) -> RecordsAnswered | Outcome | None:
    if isinstance(signal, TimedOut):
        return failure("The customer profile or case could not be reached in time.")
    if not isinstance(signal, RecordsAnswered):
        return None
    return signal


def _branch(action: Action, answered: RecordsAnswered) -> Outcome:
    if answered.outcome == SUCCESS:
        return success(action, answered.detail)
    if answered.outcome == NO_MATCHING_ERROR:
        return failure(answered.detail or f"{action.type} failed.")
    return Fail(answered.outcome, answered.detail or answered.outcome)
