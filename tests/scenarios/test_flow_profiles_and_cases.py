"""Flows that use the Customer profiles and Cases blocks on a real engine: the caller is found
by their number and greeted by name; an unknown caller gets a profile and a case linked to
the call; the flow log says what each block did."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from opencontact.domain.base import Outcome, Put
from opencontact.domain.cases import CaseSearch, RelatedItemType
from opencontact.domain.contact_flows import ContactFlowType, create_contact_flow
from opencontact.domain.customer_profiles import SearchKey, create_profile, new_details
from opencontact.domain.phone_numbers import PhoneNumber
from opencontact.engine.state import InstanceState
from opencontact.store.cases import CaseStore
from opencontact.store.customer_profiles import CustomerProfileStore
from tests.support.engine import ContactCenterUnderTest, contact_center

CALLER = "+12065550100"
ANA_ID = "0123456789abcdef0123456789abcdef"


def _action(
    identifier: str,
    kind: str,
    parameters: dict[str, Any],
    then: str | None,
    errors: dict[str, str] | None = None,
) -> dict[str, Any]:
    transitions: dict[str, Any] = {"NextAction": then} if then else {}
    if errors:
        transitions["Errors"] = [
            {"NextAction": target, "ErrorType": error} for error, target in errors.items()
        ]
    return {
        "Identifier": identifier,
        "Type": kind,
        "Parameters": parameters,
        "Transitions": transitions,
    }


def _say(identifier: str, text: str, then: str = "bye") -> dict[str, Any]:
    return _action(
        identifier, "MessageParticipant", {"Text": text}, then, {"NoMatchingError": then}
    )


def _flow(*actions: dict[str, Any]) -> str:
    return json.dumps(
        {"Version": "2019-10-30", "StartAction": actions[0]["Identifier"], "Actions": list(actions)}
    )


FIND_CALLER = _action(
    "find",
    "GetCustomerProfile",
    {
        "ProfileRequestData": {"PhoneNumber": "$.CustomerEndpoint.Address"},
        "ProfileResponseData": ["FirstName", "LastName"],
    },
    "greet",
    {"NoneFoundError": "create", "MultipleFoundError": "several", "NoMatchingError": "sorry"},
)

GREETING_FLOW = _flow(
    FIND_CALLER,
    _say("greet", "Hello $.Customer.FirstName, thanks for calling."),
    _say("create", "We do not know you yet."),
    _say("several", "Several of you share this number."),
    _say("sorry", "Sorry."),
    _action("bye", "DisconnectParticipant", {}, None),
)

NEW_CASE_FLOW = _flow(
    FIND_CALLER,
    _say("greet", "Welcome back $.Customer.FirstName.", "case"),
    _action(
        "create",
        "CreateCustomerProfile",
        {
            "ProfileRequestData": {"FirstName": "New", "PhoneNumber": "$.CustomerEndpoint.Address"},
            "ProfileResponseData": ["FirstName"],
        },
        "case",
        {"NoMatchingError": "sorry"},
    ),
    _action(
        "case",
        "CreateCase",
        {
            "LinkContactToCase": "true",
            "CaseTemplateId": "f9b90c5f-5cc6-4d9b-a18d-fc14f601ef88",
            "CaseRequestFields": {
                "title": "Call from $.CustomerEndpoint.Address",
                "summary": "Opened by the phone menu.",
                "customer_id": "$.Customer.ProfileARN",
                "status": "open",
            },
        },
        "told",
        {"ContactNotLinked": "sorry", "NoMatchingError": "sorry"},
    ),
    _say("told", "Your case number is $.Case.reference_number."),
    _say("several", "Several of you share this number."),
    _say("sorry", "Sorry."),
    _action("bye", "DisconnectParticipant", {}, None),
)


async def _answer_with(cc: ContactCenterUnderTest, content: str) -> None:
    env = cc.runtime.center.env("us-east-1")
    flow = await cc.runtime.center.change(
        cc.instance_id,
        None,
        lambda d: create_contact_flow(
            d, env, name="Under test", flow_type=ContactFlowType.CONTACT_FLOW, content=content
        ),
    )

    def point(state: InstanceState, _env: object) -> Outcome[None]:
        number = state.directory.find_by_name(PhoneNumber, cc.demo_number)
        assert number is not None
        return Outcome(None, [Put(replace(number, contact_flow_id=flow.id))])

    await cc.run(point)


def _profiles(cc: ContactCenterUnderTest) -> CustomerProfileStore:
    return CustomerProfileStore(cc.runtime.store.database)


def _cases(cc: ContactCenterUnderTest) -> CaseStore:
    return CaseStore(cc.runtime.store.database)


async def _add_profile(cc: ContactCenterUnderTest, profile_id: str, first_name: str) -> None:
    details = new_details(
        {"first_name": first_name, "last_name": "Lopez", "phone_number": "(206) 555-0100"},
        None,
        None,
        "US",
    )
    await _profiles(cc).create(cc.instance_id, create_profile(profile_id, details, cc.clock.now()))


async def _call(cc: ContactCenterUnderTest) -> str:
    leg = cc.carrier.place_call(CALLER, cc.demo_number)
    for _ in range(6):  # each block answers from the store after its batch is durable
        await cc.settle()
        await asyncio.sleep(0)
    return leg


async def test_a_caller_found_by_their_number_is_greeted_by_first_name(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        await _add_profile(cc, ANA_ID, "Ana")
        await _answer_with(cc, GREETING_FLOW)

        leg = await _call(cc)

        assert cc.heard(leg) == ["Hello Ana, thanks for calling."]


async def test_a_number_several_profiles_share_takes_the_multiple_found_branch(
    tmp_path: Path,
) -> None:
    async with contact_center(tmp_path) as cc:
        await _add_profile(cc, ANA_ID, "Ana")
        await _add_profile(cc, "f" * 32, "Luis")
        await _answer_with(cc, GREETING_FLOW)

        leg = await _call(cc)

        assert cc.heard(leg) == ["Several of you share this number."]


async def test_an_unknown_caller_gets_a_profile_and_a_case_linked_to_the_call(
    tmp_path: Path,
) -> None:
    async with contact_center(tmp_path) as cc:
        await _answer_with(cc, NEW_CASE_FLOW)

        leg = await _call(cc)

        [profile] = await _profiles(cc).search(
            cc.instance_id, [SearchKey("_phone", (CALLER,))], limit=10
        )
        assert profile.details.first_name == "New"
        contact_id = cc.contact_of_call(leg)
        page = await _cases(cc).search(cc.instance_id, CaseSearch(contact_id=contact_id))
        [case] = page.items
        assert case.title == f"Call from {CALLER}"
        assert case.summary == "Opened by the phone menu."
        assert case.customer_id == profile.id
        assert cc.heard(leg) == [f"Your case number is {case.reference_number}."]
        items = await _cases(cc).related_items(cc.instance_id, case.id, limit=10)
        assert [(i.type, i.contact_id) for i in items.items] == [
            (RelatedItemType.CONTACT, contact_id)
        ]


async def test_a_known_caller_gets_a_case_for_their_own_profile(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        await _add_profile(cc, ANA_ID, "Ana")
        await _answer_with(cc, NEW_CASE_FLOW)

        leg = await _call(cc)

        page = await _cases(cc).search(cc.instance_id, CaseSearch(customer_id=ANA_ID))
        [case] = page.items
        assert cc.heard(leg) == [
            "Welcome back Ana.",
            f"Your case number is {case.reference_number}.",
        ]


async def test_the_flow_log_says_what_each_block_did(tmp_path: Path) -> None:
    logged = json.loads(NEW_CASE_FLOW)
    logged["Actions"].insert(
        0,
        _action("log", "UpdateFlowLoggingBehavior", {"FlowLoggingBehavior": "Enabled"}, "find"),
    )
    logged["StartAction"] = "log"
    async with contact_center(tmp_path) as cc:
        await _answer_with(cc, json.dumps(logged))

        leg = await _call(cc)

        records = await cc.runtime.store.flow_logs(cc.instance_id, cc.contact_of_call(leg))
        steps = [
            (r.action_type, r.result) for r in records if r.action_type != "MessageParticipant"
        ]
        assert steps == [
            ("UpdateFlowLoggingBehavior", "Success"),
            ("GetCustomerProfile", "Waiting: RECORDS"),
            ("GetCustomerProfile", "NoneFoundError"),
            ("CreateCustomerProfile", "Waiting: RECORDS"),
            ("CreateCustomerProfile", "Success"),
            ("CreateCase", "Waiting: RECORDS"),
            ("CreateCase", "Success"),
            ("DisconnectParticipant", "Disconnected"),
        ]
