"""Customer profiles and Cases blocks: what they ask the engine for, and what the flow keeps
($.Customer, $.Case) and where it goes once the store answers."""

from __future__ import annotations

from typing import Any

import pytest

from opencontact.flows.document import FlowDocument
from opencontact.flows.interpreter import advance
from opencontact.flows.run import (
    Advance,
    Awaiting,
    AwaitKind,
    CaseRequest,
    ProfileRequest,
    RecordsAnswered,
    Signal,
    TimedOut,
)
from tests.support.flows import FakeInstance, action, begin, end, flow, heard, path, say

PROFILE_ID = "0123456789abcdef0123456789abcdef"
ANA = {
    "ProfileId": PROFILE_ID,
    "ProfileARN": f"arn:aws:profile:us-east-1:111122223333:domains/i/profiles/{PROFILE_ID}",
    "FirstName": "Ana",
    "LastName": "Lopez",
    "AccountNumber": "A-1",
}
PROFILE_ERRORS = {
    "NoneFoundError": "unknown",
    "MultipleFoundError": "several",
    "NoMatchingError": "broken",
}


def profile_flow(request: dict[str, Any], response: list[str] | None = None) -> FlowDocument:
    return flow(
        action(
            "find",
            "GetCustomerProfile",
            {"ProfileRequestData": request, "ProfileResponseData": response or ["FirstName"]},
            "greet",
            errors=PROFILE_ERRORS,
        ),
        say("greet", "Hello $.Customer.FirstName.$.Customer.LastName", "end"),
        say("unknown", "Who are you?", "end"),
        say("several", "Which one are you?", "end"),
        say("broken", "Sorry.", "end"),
        end(),
    )


def answered(document: FlowDocument, signal: Signal) -> Advance:
    instance = FakeInstance()
    paused = begin(document, instance)
    assert paused.run is not None
    assert paused.run.awaiting == Awaiting(AwaitKind.RECORDS)
    return advance(document, paused.run, instance, signal)


def test_get_profile_searches_by_the_callers_number_and_waits_for_the_store() -> None:
    result = begin(profile_flow({"PhoneNumber": "$.CustomerEndpoint.Address"}), FakeInstance())

    assert result.instructions == (
        ProfileRequest("GET", search=(("_phone", "+14155550100"),), match_all=True),
    )
    assert result.run is not None
    assert result.run.awaiting == Awaiting(AwaitKind.RECORDS)


def test_get_profile_takes_the_reference_spelling_of_identifiers() -> None:
    document = profile_flow(
        {
            "SearchCriteria": [
                {"IdentifierName": "_email", "IdentifierValue": "ana@example.com"},
                {"IdentifierName": "AccountNumber", "IdentifierValue": "A-1"},
            ],
            "LogicalOperator": "OR",
        }
    )

    result = begin(document, FakeInstance())

    assert result.instructions == (
        ProfileRequest(
            "GET", search=(("_email", "ana@example.com"), ("_account", "A-1")), match_all=False
        ),
    )


def test_the_profile_found_is_kept_under_customer_only_with_the_fields_asked_for() -> None:
    result = answered(
        profile_flow({"PhoneNumber": "$.CustomerEndpoint.Address"}), RecordsAnswered("Success", ANA)
    )

    assert heard(result) == ["Hello Ana."]
    assert path(result)[0] == ("find", "Success")


@pytest.mark.parametrize(
    ("outcome", "said"),
    [
        ("NoneFoundError", "Who are you?"),
        ("MultipleFoundError", "Which one are you?"),
        ("NoMatchingError", "Sorry."),
    ],
)
def test_no_profile_or_several_take_their_own_branch(outcome: str, said: str) -> None:
    result = answered(
        profile_flow({"PhoneNumber": "$.CustomerEndpoint.Address"}),
        RecordsAnswered(outcome, detail="why"),
    )

    assert heard(result) == [said]
    assert path(result)[0] == ("find", outcome)


def test_a_store_that_does_not_answer_in_time_takes_the_error_branch() -> None:
    result = answered(profile_flow({"PhoneNumber": "$.CustomerEndpoint.Address"}), TimedOut())

    assert heard(result) == ["Sorry."]


@pytest.mark.parametrize(
    "request_data",
    [
        {"PhoneNumber": "$.Attributes.nothing"},  # a path to nothing
        {"FirstName": "Ana"},  # not a search identifier
        {},
    ],
)
def test_a_search_that_cannot_be_made_fails_at_once(request_data: dict[str, Any]) -> None:
    result = begin(profile_flow(request_data), FakeInstance())

    assert not any(isinstance(i, ProfileRequest) for i in result.instructions)
    assert heard(result) == ["Sorry."]
    assert path(result)[0] == ("find", "NoMatchingError")


def test_create_profile_sends_its_fields_and_keeps_the_new_profile_id() -> None:
    document = flow(
        action(
            "create",
            "CreateCustomerProfile",
            {
                "ProfileRequestData": {
                    "FirstName": "Sample",
                    "PhoneNumber": "$.CustomerEndpoint.Address",
                    "EmailAddress": "$.Attributes.none",
                    "Attributes": {"tier": "gold"},
                },
                "ProfileResponseData": [],
            },
            "said",
            errors={"NoMatchingError": "broken"},
        ),
        say("said", "Your profile is $.Customer.ProfileId.", "end"),
        say("broken", "Sorry.", "end"),
        end(),
    )
    instance = FakeInstance()
    paused = begin(document, instance)

    assert paused.instructions == (
        ProfileRequest(
            "CREATE",
            fields={
                "FirstName": "Sample",
                "PhoneNumber": "+14155550100",
                "Attributes.tier": "gold",
            },
        ),
    )
    assert paused.run is not None
    result = advance(document, paused.run, instance, RecordsAnswered("Success", ANA))
    assert heard(result) == [f"Your profile is {PROFILE_ID}."]


def test_update_profile_changes_the_profile_found_before() -> None:
    document = flow(
        action(
            "find",
            "GetCustomerProfile",
            {"ProfileRequestData": {"PhoneNumber": "$.CustomerEndpoint.Address"}},
            "update",
        ),
        action(
            "update",
            "UpdateCustomerProfile",
            {"ProfileRequestData": {"City": "Tacoma"}, "ProfileResponseData": ["City"]},
            "said",
        ),
        say("said", "$.Customer.FirstName from $.Customer.City", "end"),
        end(),
    )
    instance = FakeInstance()
    paused = begin(document, instance)
    assert paused.run is not None
    found = advance(document, paused.run, instance, RecordsAnswered("Success", ANA))
    assert found.instructions == (
        ProfileRequest("UPDATE", profile_id=PROFILE_ID, fields={"City": "Tacoma"}),
    )
    assert found.run is not None
    changed = advance(
        document, found.run, instance, RecordsAnswered("Success", {**ANA, "City": "Tacoma"})
    )

    assert heard(changed) == [" from Tacoma"]  # FirstName was not asked for by the first block


def case_flow(kind: str, parameters: dict[str, Any]) -> FlowDocument:
    return flow(
        action(
            "case",
            kind,
            parameters,
            "said",
            errors={
                "ContactNotLinked": "unlinked",
                "NoneFound": "none",
                "MultipleFound": "several",
                "NoMatchingError": "broken",
            }
            if kind == "GetCase"
            else {"ContactNotLinked": "unlinked", "NoMatchingError": "broken"},
        ),
        say("said", "Case $.Case.reference_number: $.Case.status.", "end"),
        say("unlinked", "Not linked.", "end"),
        say("none", "No case.", "end"),
        say("several", "Several cases.", "end"),
        say("broken", "Sorry.", "end"),
        end(),
    )


CASE = {"case_id": "case-1", "reference_number": "12345678", "status": "open", "title": "T"}


def test_create_case_sends_its_fields_and_keeps_the_case_id_and_reference() -> None:
    document = case_flow(
        "CreateCase",
        {
            "LinkContactToCase": "true",
            "CaseTemplateId": "template",
            "CaseRequestFields": {
                "title": "Call from $.CustomerEndpoint.Address",
                "status": "open",
                "customer_id": "$.Customer.ProfileARN",
            },
        },
    )
    instance = FakeInstance()
    paused = begin(document, instance)

    assert paused.instructions == (
        CaseRequest(
            "CREATE",
            fields={"title": "Call from +14155550100", "status": "open"},
            link_contact=True,
        ),
    )
    assert paused.run is not None
    result = advance(document, paused.run, instance, RecordsAnswered("Success", CASE))
    assert heard(result) == ["Case 12345678: ."]  # status was not asked for


def test_a_case_without_a_title_is_not_created() -> None:
    result = begin(
        case_flow("CreateCase", {"CaseTemplateId": "t", "CaseRequestFields": {"status": "open"}}),
        FakeInstance(),
    )

    assert not any(isinstance(i, CaseRequest) for i in result.instructions)
    assert heard(result) == ["Sorry."]


def test_get_case_searches_by_fields_and_keeps_the_response_fields() -> None:
    document = case_flow(
        "GetCase",
        {
            "GetLastUpdatedCase": "true",
            "CustomerId": "cust-1",
            "CaseRequestFields": {"status": "open"},
            "CaseResponseFields": ["status", "reference_number"],
        },
    )
    instance = FakeInstance()
    paused = begin(document, instance)

    assert paused.instructions == (
        CaseRequest("GET", fields={"status": "open"}, customer_id="cust-1", last_updated=True),
    )
    assert paused.run is not None
    result = advance(document, paused.run, instance, RecordsAnswered("Success", CASE))
    assert heard(result) == ["Case 12345678: open."]


@pytest.mark.parametrize(
    ("outcome", "said"),
    [
        ("NoneFound", "No case."),
        ("MultipleFound", "Several cases."),
        ("ContactNotLinked", "Not linked."),
    ],
)
def test_get_case_takes_the_branch_the_store_answers(outcome: str, said: str) -> None:
    result = answered(
        case_flow("GetCase", {"CaseRequestFields": {"case_id": "case-1"}}),
        RecordsAnswered(outcome),
    )

    assert heard(result) == [said]


def test_get_case_with_nothing_to_search_by_fails_at_once() -> None:
    result = begin(case_flow("GetCase", {"CaseRequestFields": {}}), FakeInstance())

    assert heard(result) == ["Sorry."]


def test_update_case_names_its_case_and_changes() -> None:
    result = begin(
        case_flow("UpdateCase", {"CaseId": "case-1", "CaseRequestFields": {"status": "closed"}}),
        FakeInstance(),
    )

    assert result.instructions == (
        CaseRequest("UPDATE", fields={"status": "closed"}, case_id="case-1"),
    )
