"""Programs that work with live contacts through the Connect API: a CRM places a call or creates
a task, a supervisor tool reads a call and its attributes, ends it, sets an agent's status,
clears a finished contact from an agent's CCP, and searches the contact records.

Customers and outside phones are the server's simulated carrier, driven over `/sim`. After each
step the test waits until the instance's writer has nothing left to do (no sleeping).
"""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from opencontact.domain.base import Outcome
from opencontact.testing import LiveServer

CUSTOMER = "+15555550100"
UK_MOBILE = "+447700900123"

# Outside numbers the tests call: 555-00xx lines, which the carrier's inventory never offers,
# each used once per session so no test sees another's calls.
_OUTSIDE = (
    f"+1{area}55500{line:02d}" for area in ("206", "212", "312", "415") for line in range(100)
)


def outside_number() -> str:
    return next(_OUTSIDE)


def to_queue_flow(queue_arn: str, greeting: str = "Connecting you now.") -> str:
    """A flow that greets the customer and puts them in the queue."""
    error = [{"NextAction": "end", "ErrorType": "NoMatchingError"}]
    return json.dumps(
        {
            "Version": "2019-10-30",
            "StartAction": "greet",
            "Actions": [
                {
                    "Identifier": "greet",
                    "Type": "MessageParticipant",
                    "Parameters": {"Text": greeting},
                    "Transitions": {"NextAction": "target", "Errors": error},
                },
                {
                    "Identifier": "target",
                    "Type": "UpdateContactTargetQueue",
                    "Parameters": {"QueueId": queue_arn},
                    "Transitions": {"NextAction": "queue", "Errors": error},
                },
                {
                    "Identifier": "queue",
                    "Type": "TransferContactToQueue",
                    "Parameters": {},
                    "Transitions": {
                        "NextAction": "end",
                        "Errors": [*error, {"NextAction": "end", "ErrorType": "QueueAtCapacity"}],
                    },
                },
                {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}},
            ],
        }
    )


@dataclass
class Center:
    """An instance ready for live contacts: a claimed number whose flow puts callers in
    BasicQueue, and one soft-phone agent who accepts automatically."""

    connect: Any
    server: LiveServer
    instance_id: str
    number: str
    queue_id: str
    queue_arn: str
    flow_id: str
    agent_id: str
    routing_profile_id: str
    statuses: dict[str, str]

    # -- the simulated carrier -------------------------------------------------------------

    def sim(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        with httpx.Client(base_url=self.server.base_url) as client:
            response = client.request(method, f"/sim{path}", json=body)
        assert response.status_code < 300, response.text
        self.settle()
        return response.json()

    def settle(self) -> None:
        """Until the instance's writer has nothing left to do."""
        runtime, loop = self.server.runtime, self.server.loop
        assert runtime is not None
        assert loop is not None
        writer = runtime.center.writer(self.instance_id)

        async def drain() -> None:
            for _ in range(1000):
                await writer.execute(lambda _state: Outcome(None))
                if writer.idle:
                    return
            raise AssertionError("the engine did not settle")

        asyncio.run_coroutine_threadsafe(drain(), loop).result(timeout=30)

    def customer_calls(self, caller: str = CUSTOMER) -> tuple[str, str]:
        """A customer dials the instance's number: (the call, its contact)."""
        call_id: str = self.sim("POST", "/calls", {"from": caller, "to": self.number})["callId"]
        contact_id: str = self.sim("GET", f"/calls/{call_id}")["contactId"]
        return call_id, contact_id

    def calls_at(self, number: str) -> list[dict[str, Any]]:
        calls: list[dict[str, Any]] = self.sim("GET", f"/numbers/{number}/calls")["calls"]
        return calls

    # -- Connect API ------------------------------------------------------------------------

    def api(self, operation: str, **params: Any) -> Any:
        """Call an operation of this instance and wait for what it set off."""
        result = getattr(self.connect, operation)(InstanceId=self.instance_id, **params)
        self.settle()
        return result

    def set_status(self, status: str, user_id: str | None = None) -> None:
        self.api(
            "put_user_status", UserId=user_id or self.agent_id, AgentStatusId=self.statuses[status]
        )

    def describe(self, contact_id: str) -> dict[str, Any]:
        contact: dict[str, Any] = self.api("describe_contact", ContactId=contact_id)["Contact"]
        return contact

    def new_agent(self, username: str, **phone: Any) -> str:
        agent_profile = next(
            p["Id"]
            for p in self.connect.list_security_profiles(InstanceId=self.instance_id)[
                "SecurityProfileSummaryList"
            ]
            if p["Name"] == "Agent"
        )
        user_id: str = self.connect.create_user(
            InstanceId=self.instance_id,
            Username=username,
            Password="Passw0rd!",
            IdentityInfo={"FirstName": username.title(), "LastName": "Agent"},
            PhoneConfig={"PhoneType": "SOFT_PHONE", "AutoAccept": True, **phone},
            SecurityProfileIds=[agent_profile],
            RoutingProfileId=self.routing_profile_id,
        )["UserId"]
        return user_id


def build_center(connect: Any, server: LiveServer, instance_id: str) -> Center:
    queue = next(
        q
        for q in connect.list_queues(InstanceId=instance_id)["QueueSummaryList"]
        if q.get("Name") == "BasicQueue"
    )
    flow = connect.create_contact_flow(
        InstanceId=instance_id,
        Name="To BasicQueue",
        Type="CONTACT_FLOW",
        Content=to_queue_flow(queue["Arn"]),
    )
    number = connect.search_available_phone_numbers(
        InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=1
    )["AvailableNumbersList"][0]["PhoneNumber"]
    claimed = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    connect.associate_phone_number_contact_flow(
        PhoneNumberId=claimed["PhoneNumberId"],
        InstanceId=instance_id,
        ContactFlowId=flow["ContactFlowId"],
    )
    routing = next(
        p["Id"]
        for p in connect.list_routing_profiles(InstanceId=instance_id)["RoutingProfileSummaryList"]
        if p["Name"] == "Basic Routing Profile"
    )
    statuses = {
        s["Name"]: s["Id"]
        for s in connect.list_agent_statuses(InstanceId=instance_id)["AgentStatusSummaryList"]
    }
    center = Center(
        connect,
        server,
        instance_id,
        number,
        queue["Id"],
        queue["Arn"],
        flow["ContactFlowId"],
        "",
        routing,
        statuses,
    )
    center.agent_id = center.new_agent("amy")
    return center


@pytest.fixture
def center(connect: Any, live_server: LiveServer, instance_id: str) -> Center:
    return build_center(connect, live_server, instance_id)


def refused(call: Any, **params: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as error:
        call(**params)
    details = error.value.response["Error"]
    return details["Code"], details["Message"]


def contact_ids(center: Center) -> set[str]:
    """Every contact record of the instance (from the last day)."""
    now = datetime.now(UTC)
    found = center.api(
        "search_contacts",
        TimeRange={
            "Type": "INITIATION_TIMESTAMP",
            "StartTime": now - timedelta(days=1),
            "EndTime": now + timedelta(minutes=5),
        },
    )
    return {c["Id"] for c in found["Contacts"]}


# -- a call in the queue, taken by an agent, described, ended ------------------------------------


def test_a_waiting_caller_is_described_with_queue_and_numbers(center: Center) -> None:
    call_id, contact_id = center.customer_calls()
    contact = center.describe(contact_id)
    assert contact["Id"] == contact_id
    assert contact["Arn"].endswith(f":instance/{center.instance_id}/contact/{contact_id}")
    assert contact["InitialContactId"] == contact_id
    assert contact["InitiationMethod"] == "INBOUND"
    assert contact["Channel"] == "VOICE"
    assert contact["QueueInfo"]["Id"] == center.queue_id
    assert "EnqueueTimestamp" in contact["QueueInfo"]
    assert contact["CustomerEndpoint"] == {"Type": "TELEPHONE_NUMBER", "Address": CUSTOMER}
    assert contact["SystemEndpoint"] == {"Type": "TELEPHONE_NUMBER", "Address": center.number}
    assert "AgentInfo" not in contact
    assert "DisconnectTimestamp" not in contact
    assert center.sim("GET", f"/calls/{call_id}")["heard"][0]["text"] == "Connecting you now."


def test_an_agent_made_available_takes_the_waiting_call(center: Center) -> None:
    _call_id, contact_id = center.customer_calls()
    center.set_status("Available")
    agent = center.describe(contact_id)["AgentInfo"]
    assert agent["Id"] == center.agent_id
    assert "ConnectedToAgentTimestamp" in agent
    assert agent["AgentInitiatedHoldDuration"] == 0


def test_stop_contact_hangs_up_and_records_why(center: Center) -> None:
    center.set_status("Available")
    call_id, contact_id = center.customer_calls()
    center.api("stop_contact", ContactId=contact_id)
    assert center.sim("GET", f"/calls/{call_id}")["state"] == "ended"
    contact = center.describe(contact_id)
    assert contact["DisconnectReason"] == "API"
    assert "DisconnectTimestamp" in contact
    assert "AfterContactWorkStartTimestamp" in contact["AgentInfo"]


def test_stopping_a_contact_that_is_over_or_unknown_is_refused(center: Center) -> None:
    center.set_status("Available")
    _call_id, contact_id = center.customer_calls()
    center.api("stop_contact", ContactId=contact_id)
    before = center.describe(contact_id)
    code, message = refused(
        center.connect.stop_contact, InstanceId=center.instance_id, ContactId=contact_id
    )
    assert code == "ContactNotFoundException"
    assert contact_id in message
    assert "not in progress" in message
    assert center.describe(contact_id) == before
    code, message = refused(
        center.connect.stop_contact, InstanceId=center.instance_id, ContactId="no-such-contact"
    )
    assert (code, "no-such-contact" in message) == ("ContactNotFoundException", True)


def test_describing_an_unknown_contact_is_refused(center: Center) -> None:
    code, message = refused(
        center.connect.describe_contact, InstanceId=center.instance_id, ContactId="nobody"
    )
    assert code == "ResourceNotFoundException"
    assert "'nobody'" in message


# -- attributes ------------------------------------------------------------------------------


def test_attributes_are_set_during_the_call_and_after_it(center: Center) -> None:
    center.set_status("Available")
    _call_id, contact_id = center.customer_calls()
    center.api(
        "update_contact_attributes",
        InitialContactId=contact_id,
        Attributes={"crmId": "C-42", "reason": "billing"},
    )
    assert center.api("get_contact_attributes", InitialContactId=contact_id)["Attributes"] == {
        "crmId": "C-42",
        "reason": "billing",
    }
    center.api("stop_contact", ContactId=contact_id)
    center.api("dismiss_user_contact", UserId=center.agent_id, ContactId=contact_id)
    # The contact is over: its record still takes attributes.
    center.api(
        "update_contact_attributes",
        InitialContactId=contact_id,
        Attributes={"reason": "refund", "reviewed": "yes"},
    )
    expected = {"crmId": "C-42", "reason": "refund", "reviewed": "yes"}
    assert center.api("get_contact_attributes", InitialContactId=contact_id)["Attributes"] == (
        expected
    )
    assert center.describe(contact_id)["Attributes"] == expected


@pytest.mark.parametrize(
    ("attributes", "named"),
    [
        ({"customer name": "Ann"}, "'customer name'"),
        ({"notes": "x" * 20_000, "more": "y" * 13_000}, "32,768"),
    ],
)
def test_bad_attributes_are_refused_and_nothing_changes(
    center: Center, attributes: dict[str, str], named: str
) -> None:
    _call_id, contact_id = center.customer_calls()
    center.api("update_contact_attributes", InitialContactId=contact_id, Attributes={"a": "1"})
    code, message = refused(
        center.connect.update_contact_attributes,
        InstanceId=center.instance_id,
        InitialContactId=contact_id,
        Attributes=attributes,
    )
    assert code == "InvalidParameterException"
    assert named in message
    assert center.api("get_contact_attributes", InitialContactId=contact_id)["Attributes"] == {
        "a": "1"
    }


def test_attributes_of_an_unknown_contact_are_refused(center: Center) -> None:
    for operation, params in (
        ("get_contact_attributes", {}),
        ("update_contact_attributes", {"Attributes": {"a": "1"}}),
    ):
        code, message = refused(
            getattr(center.connect, operation),
            InstanceId=center.instance_id,
            InitialContactId="nobody",
            **params,
        )
        assert code == "ResourceNotFoundException"
        assert "'nobody'" in message


# -- contact tags --------------------------------------------------------------------------------


def test_contacts_are_tagged_during_the_call_and_after_it(center: Center) -> None:
    center.set_status("Available")
    _call_id, contact_id = center.customer_calls()
    center.api("tag_contact", ContactId=contact_id, Tags={"Department": "billing", "Tier": "1"})
    assert center.describe(contact_id)["Tags"] == {"Department": "billing", "Tier": "1"}
    center.api("stop_contact", ContactId=contact_id)
    center.api("dismiss_user_contact", UserId=center.agent_id, ContactId=contact_id)
    center.api("untag_contact", ContactId=contact_id, TagKeys=["Tier"])
    center.api("tag_contact", ContactId=contact_id, Tags={"Reviewed": "yes"})
    assert center.describe(contact_id)["Tags"] == {"Department": "billing", "Reviewed": "yes"}


@pytest.mark.parametrize(
    ("tags", "words"),
    [
        ({"aws:team": "x"}, "reserved prefix 'aws:'"),
        ({"a b": "x"}, "tag key pattern"),
        ({f"k{n}": "v" for n in range(6)}, "at most 6 tags; this would make 7"),
    ],
)
def test_tags_a_contact_cannot_have_are_refused_and_nothing_changes(
    center: Center, tags: dict[str, str], words: str
) -> None:
    _call_id, contact_id = center.customer_calls()
    center.api("tag_contact", ContactId=contact_id, Tags={"Department": "billing"})
    code, message = refused(
        center.connect.tag_contact, InstanceId=center.instance_id, ContactId=contact_id, Tags=tags
    )
    assert code == "InvalidParameterException"
    assert words in message
    assert center.describe(contact_id)["Tags"] == {"Department": "billing"}


def test_tags_of_an_unknown_contact_are_refused(center: Center) -> None:
    for operation, params in (
        ("tag_contact", {"Tags": {"a": "1"}}),
        ("untag_contact", {"TagKeys": ["a"]}),
    ):
        code, message = refused(
            getattr(center.connect, operation),
            InstanceId=center.instance_id,
            ContactId="nobody",
            **params,
        )
        assert code == "ResourceNotFoundException"
        assert "'nobody'" in message


# -- agent status and dismissing ------------------------------------------------------------------


def _user_data(center: Center, user_id: str | None = None) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = center.api(
        "get_current_user_data", Filters={"Agents": [user_id or center.agent_id]}
    )["UserDataList"]
    return found


def test_a_status_chosen_during_a_call_becomes_the_next_status(center: Center) -> None:
    center.set_status("Available")
    _call_id, contact_id = center.customer_calls()
    center.set_status("Offline")
    [data] = _user_data(center)
    assert data["Status"]["StatusName"] == "Available"
    assert data["NextStatus"] == "Offline"
    center.api("stop_contact", ContactId=contact_id)
    center.api("dismiss_user_contact", UserId=center.agent_id, ContactId=contact_id)
    assert _user_data(center) == []  # Offline now, with nothing left: not online


def test_put_user_status_refuses_unknown_and_disabled_statuses(center: Center) -> None:
    center.set_status("Available")
    disabled = center.api("create_agent_status", Name="Gone fishing", State="DISABLED")
    cases = [
        ({"UserId": center.agent_id, "AgentStatusId": "no-status"}, "ResourceNotFoundException"),
        (
            {"UserId": "no-user", "AgentStatusId": center.statuses["Offline"]},
            "ResourceNotFoundException",
        ),
        (
            {"UserId": center.agent_id, "AgentStatusId": disabled["AgentStatusId"]},
            "InvalidRequestException",
        ),
    ]
    for params, expected in cases:
        code, message = refused(
            center.connect.put_user_status, InstanceId=center.instance_id, **params
        )
        assert code == expected
        assert any(str(v) in message for v in params.values()) or "Gone fishing" in message
        [data] = _user_data(center)
        assert data["Status"]["StatusName"] == "Available"


def test_dismissing_an_ended_contact_ends_after_contact_work(center: Center) -> None:
    center.set_status("Available")
    _call_id, contact_id = center.customer_calls()
    center.api("stop_contact", ContactId=contact_id)
    [data] = _user_data(center)
    assert [c["AgentContactState"] for c in data["Contacts"]] == ["ENDED"]
    center.api("dismiss_user_contact", UserId=center.agent_id, ContactId=contact_id)
    [data] = _user_data(center)
    assert data["Contacts"] == []
    assert "AfterContactWorkEndTimestamp" in center.describe(contact_id)["AgentInfo"]


def test_a_contact_in_progress_cannot_be_dismissed(center: Center) -> None:
    center.set_status("Available")
    _call_id, contact_id = center.customer_calls()
    code, message = refused(
        center.connect.dismiss_user_contact,
        InstanceId=center.instance_id,
        UserId=center.agent_id,
        ContactId=contact_id,
    )
    assert code == "InvalidRequestException"
    assert contact_id in message
    assert "connected" in message
    [data] = _user_data(center)
    assert [c["AgentContactState"] for c in data["Contacts"]] == ["CONNECTED"]
    code, _message = refused(
        center.connect.dismiss_user_contact,
        InstanceId=center.instance_id,
        UserId=center.agent_id,
        ContactId="nobody",
    )
    assert code == "ResourceNotFoundException"


# -- calls the contact center places ----------------------------------------------------------


def test_an_outbound_call_rings_the_customer_and_runs_its_flow_once_answered(
    center: Center,
) -> None:
    center.set_status("Available")
    customer = outside_number()
    contact_id = center.api(
        "start_outbound_voice_contact",
        DestinationPhoneNumber=customer,
        ContactFlowId=center.flow_id,
        SourcePhoneNumber=center.number,
        Attributes={"campaign": "renewals"},
        Name="Renewal call",
        Description="Annual renewal reminder",
    )["ContactId"]
    [ringing] = center.calls_at(customer)
    assert (ringing["state"], ringing["from"]) == ("ringing", center.number)
    contact = center.describe(contact_id)
    assert contact["InitiationMethod"] == "API"
    assert contact["CustomerEndpoint"]["Address"] == customer
    assert contact["SystemEndpoint"]["Address"] == center.number
    assert (contact["Name"], contact["Description"]) == ("Renewal call", "Annual renewal reminder")
    assert contact["Attributes"] == {"campaign": "renewals"}
    assert "AgentInfo" not in contact

    center.sim("POST", f"/calls/{ringing['callId']}/answer")
    answered = center.sim("GET", f"/calls/{ringing['callId']}")
    assert answered["heard"][0]["text"] == "Connecting you now."
    assert center.describe(contact_id)["AgentInfo"]["Id"] == center.agent_id


def test_a_retried_outbound_call_with_the_same_token_is_placed_once(center: Center) -> None:
    customer = outside_number()
    request = {
        "DestinationPhoneNumber": customer,
        "ContactFlowId": center.flow_id,
        "QueueId": center.queue_id,
        "ClientToken": str(uuid.uuid4()),
    }
    first = center.api("start_outbound_voice_contact", **request)["ContactId"]
    again = center.api("start_outbound_voice_contact", **request)["ContactId"]
    assert again == first
    assert len(center.calls_at(customer)) == 1


@pytest.mark.parametrize(
    ("destination", "code", "named"),
    [
        (UK_MOBILE, "DestinationNotAllowedException", "+447"),
        ("911", "DestinationNotAllowedException", "emergency"),
        ("+1911", "DestinationNotAllowedException", "emergency"),
        ("+33612345678", "DestinationNotAllowedException", "FR"),
        ("2065550100", "InvalidParameterException", "E.164"),
    ],
)
def test_numbers_the_region_may_not_call_are_refused(
    center: Center, destination: str, code: str, named: str
) -> None:
    before = contact_ids(center)
    refusal = refused(
        center.connect.start_outbound_voice_contact,
        InstanceId=center.instance_id,
        DestinationPhoneNumber=destination,
        ContactFlowId=center.flow_id,
        SourcePhoneNumber=center.number,
    )
    assert refusal[0] == code
    assert named in refusal[1]
    assert contact_ids(center) == before


def test_no_outbound_call_while_outbound_calls_are_switched_off(center: Center) -> None:
    center.api("update_instance_attribute", AttributeType="OUTBOUND_CALLS", Value="false")
    customer = outside_number()
    code, message = refused(
        center.connect.start_outbound_voice_contact,
        InstanceId=center.instance_id,
        DestinationPhoneNumber=customer,
        ContactFlowId=center.flow_id,
        SourcePhoneNumber=center.number,
    )
    assert code == "OutboundContactNotPermittedException"
    assert "OUTBOUND_CALLS" in message
    assert center.calls_at(customer) == []


def test_bad_outbound_requests_are_refused_and_nothing_is_dialled(center: Center) -> None:
    flows = center.connect.list_contact_flows(InstanceId=center.instance_id)[
        "ContactFlowSummaryList"
    ]
    queue_flow = next(f["Id"] for f in flows if f["Name"] == "Default customer queue")
    customer = outside_number()
    base = {
        "InstanceId": center.instance_id,
        "DestinationPhoneNumber": customer,
        "ContactFlowId": center.flow_id,
        "SourcePhoneNumber": center.number,
    }
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"ContactFlowId": "no-flow"}, "ResourceNotFoundException", "no-flow"),
        ({"ContactFlowId": queue_flow}, "InvalidRequestException", "CUSTOMER_QUEUE"),
        ({"SourcePhoneNumber": "+12065550000"}, "InvalidParameterException", "+12065550000"),
        ({"SourcePhoneNumber": None}, "InvalidParameterException", "QueueId"),
        ({"QueueId": "no-queue"}, "ResourceNotFoundException", "no-queue"),
        ({"TrafficType": "CAMPAIGN"}, "InvalidRequestException", "campaigns"),
        ({"Attributes": {"bad key": "1"}}, "InvalidParameterException", "'bad key'"),
        (
            {"References": {"doc": {"Type": "ATTACHMENT", "Value": "x"}}},
            "InvalidParameterException",
            "ATTACHMENT",
        ),
        ({"RelatedContactId": "nobody"}, "ResourceNotFoundException", "nobody"),
    ]
    before = contact_ids(center)
    for change, code, named in cases:
        request = {k: v for k, v in {**base, **change}.items() if v is not None}
        found = refused(center.connect.start_outbound_voice_contact, **request)
        assert found[0] == code, (change, found)
        assert named in found[1], (change, found)
    assert center.calls_at(customer) == []
    assert contact_ids(center) == before


# -- tasks ------------------------------------------------------------------------------------


def test_a_task_started_in_a_flow_reaches_an_agent(center: Center) -> None:
    center.set_status("Available")
    task_id = center.api(
        "start_task_contact",
        Name="Call back Mrs Smith",
        Description="About her refund",
        ContactFlowId=center.flow_id,
        References={"ticket": {"Type": "URL", "Value": "https://crm.example/t/42"}},
        Attributes={"ticket": "42"},
    )["ContactId"]
    task = center.describe(task_id)
    assert (task["Channel"], task["InitiationMethod"]) == ("TASK", "API")
    assert (task["Name"], task["Description"]) == ("Call back Mrs Smith", "About her refund")
    assert task["Attributes"] == {"ticket": "42"}
    assert task["QueueInfo"]["Id"] == center.queue_id
    assert task["AgentInfo"]["Id"] == center.agent_id
    assert "CustomerEndpoint" not in task


def test_a_task_through_a_queue_quick_connect_waits_in_that_queue(center: Center) -> None:
    flows = center.connect.list_contact_flows(InstanceId=center.instance_id)[
        "ContactFlowSummaryList"
    ]
    transfer_flow = next(f["Id"] for f in flows if f["Name"] == "Default queue transfer")
    quick = center.api(
        "create_quick_connect",
        Name="Basic queue",
        QuickConnectConfig={
            "QuickConnectType": "QUEUE",
            "QueueConfig": {"QueueId": center.queue_id, "ContactFlowId": transfer_flow},
        },
    )
    center.set_status("Available")  # staffed: the transfer flow checks for agents
    task_id = center.api(
        "start_task_contact", Name="Follow up", QuickConnectId=quick["QuickConnectId"]
    )["ContactId"]
    task = center.describe(task_id)
    assert task["QueueInfo"]["Id"] == center.queue_id
    assert task["AgentInfo"]["Id"] == center.agent_id


def test_tasks_linked_to_a_call_share_or_copy_its_attributes(center: Center) -> None:
    _call_id, call_contact = center.customer_calls()
    center.api("update_contact_attributes", InitialContactId=call_contact, Attributes={"vip": "y"})
    follow_up = center.api(
        "start_task_contact",
        Name="Follow up",
        ContactFlowId=center.flow_id,
        PreviousContactId=call_contact,
    )["ContactId"]
    related = center.api(
        "start_task_contact",
        Name="Related",
        ContactFlowId=center.flow_id,
        RelatedContactId=call_contact,
    )["ContactId"]
    chained = center.describe(follow_up)
    assert chained["PreviousContactId"] == call_contact
    assert chained["InitialContactId"] == call_contact
    assert chained["Attributes"] == {"vip": "y"}
    linked = center.describe(related)
    assert linked["RelatedContactId"] == call_contact
    assert linked["InitialContactId"] == related
    assert linked["Attributes"] == {"vip": "y"}

    # The chain shares its attributes; the related task keeps its own.
    center.api("update_contact_attributes", InitialContactId=follow_up, Attributes={"step": "2"})
    assert center.describe(call_contact)["Attributes"] == {"vip": "y", "step": "2"}
    assert center.describe(related)["Attributes"] == {"vip": "y"}


def test_a_retried_task_with_the_same_token_is_created_once(center: Center) -> None:
    token = str(uuid.uuid4())
    before = contact_ids(center)
    first = center.api(
        "start_task_contact", Name="Once", ContactFlowId=center.flow_id, ClientToken=token
    )["ContactId"]
    again = center.api(
        "start_task_contact", Name="Once", ContactFlowId=center.flow_id, ClientToken=token
    )["ContactId"]
    assert again == first
    assert contact_ids(center) - before == {first}


def test_bad_task_requests_are_refused_and_nothing_is_created(center: Center) -> None:
    phone = center.api(
        "create_quick_connect",
        Name="Supervisor",
        QuickConnectConfig={
            "QuickConnectType": "PHONE_NUMBER",
            "PhoneConfig": {"PhoneNumber": "+12065550111"},
        },
    )["QuickConnectId"]
    too_far = datetime.now(UTC) + timedelta(days=6, hours=1)
    past = datetime.now(UTC) - timedelta(hours=2)
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({}, "InvalidParameterException", "ContactFlowId"),
        (
            {"ContactFlowId": center.flow_id, "QuickConnectId": phone},
            "InvalidParameterException",
            "exactly one",
        ),
        ({"QuickConnectId": phone}, "InvalidRequestException", "Supervisor"),
        ({"TaskTemplateId": "template-1"}, "ResourceNotFoundException", "template-1"),
        ({"ContactFlowId": "no-flow"}, "ResourceNotFoundException", "no-flow"),
        (
            {"ContactFlowId": center.flow_id, "ScheduledTime": too_far},
            "InvalidParameterException",
            "6 days",
        ),
        (
            {"ContactFlowId": center.flow_id, "ScheduledTime": past},
            "InvalidParameterException",
            "in the past",
        ),
        (
            {
                "ContactFlowId": center.flow_id,
                "References": {"due": {"Type": "DATE", "Value": "tomorrow"}},
            },
            "InvalidParameterException",
            "epoch",
        ),
        (
            {"ContactFlowId": center.flow_id, "PreviousContactId": "nobody"},
            "ResourceNotFoundException",
            "nobody",
        ),
        (
            {
                "ContactFlowId": center.flow_id,
                "Attachments": [{"FileName": "a.pdf", "S3Url": "https://x/a"}],
            },
            "InvalidRequestException",
            "Attachments",
        ),
    ]
    before = contact_ids(center)
    for params, code, named in cases:
        found = refused(
            center.connect.start_task_contact,
            InstanceId=center.instance_id,
            Name="Nope",
            **params,
        )
        assert found[0] == code, (params, found)
        assert named in found[1], (params, found)
    assert contact_ids(center) == before


def test_at_most_twelve_tasks_follow_one_contact(center: Center) -> None:
    _call_id, call_contact = center.customer_calls()
    for number in range(12):
        center.api(
            "start_task_contact",
            Name=f"Task {number}",
            ContactFlowId=center.flow_id,
            PreviousContactId=call_contact,
        )
    before = contact_ids(center)
    code, message = refused(
        center.connect.start_task_contact,
        InstanceId=center.instance_id,
        Name="Thirteenth",
        ContactFlowId=center.flow_id,
        PreviousContactId=call_contact,
    )
    assert code == "ServiceQuotaExceededException"
    assert call_contact in message
    assert "12" in message
    assert contact_ids(center) == before


# -- searching contact records ----------------------------------------------------------------


def _range(**overrides: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    return {
        "Type": "INITIATION_TIMESTAMP",
        "StartTime": now - timedelta(hours=1),
        "EndTime": now + timedelta(minutes=5),
        **overrides,
    }


@pytest.fixture
def history(center: Center) -> dict[str, str]:
    """A call the agent took and ended, a call still waiting, and a task."""
    center.set_status("Available")
    _c, handled = center.customer_calls()
    center.api("stop_contact", ContactId=handled)
    _c, waiting = center.customer_calls("+15555550101")
    task = center.api("start_task_contact", Name="Paperwork", ContactFlowId=center.flow_id)[
        "ContactId"
    ]
    return {"handled": handled, "waiting": waiting, "task": task}


def test_contact_records_are_searched_by_time_and_criteria(
    center: Center, history: dict[str, str]
) -> None:
    def search(**criteria: Any) -> list[str]:
        found = center.api("search_contacts", TimeRange=_range(), SearchCriteria=criteria)
        assert found["TotalCount"] == len(found["Contacts"])
        return [c["Id"] for c in found["Contacts"]]

    everything = search()
    assert everything == [history["task"], history["waiting"], history["handled"]]  # newest first
    assert search(Channels=["TASK"]) == [history["task"]]
    assert search(InitiationMethods=["INBOUND"]) == [history["waiting"], history["handled"]]
    assert search(AgentIds=[center.agent_id]) == [history["handled"]]
    assert set(search(QueueIds=[center.queue_arn])) == set(everything)
    assert search(Name={"SearchText": ["paper"], "MatchType": "MATCH_ANY"}) == [history["task"]]

    record = center.api(
        "search_contacts", TimeRange=_range(), SearchCriteria={"Channels": ["TASK"]}
    )
    summary = record["Contacts"][0]
    assert summary["Name"] == "Paperwork"
    assert summary["InitiationMethod"] == "API"
    assert summary["QueueInfo"]["Id"] == center.queue_id


def test_contact_records_page_and_sort(center: Center, history: dict[str, str]) -> None:
    seen = []
    token = None
    while True:
        request: dict[str, Any] = {
            "TimeRange": _range(),
            "MaxResults": 1,
            "Sort": {"FieldName": "INITIATION_TIMESTAMP", "Order": "ASCENDING"},
        }
        if token:
            request["NextToken"] = token
        found = center.api("search_contacts", **request)
        assert found["TotalCount"] == 3
        seen += [c["Id"] for c in found["Contacts"]]
        token = found.get("NextToken")
        if not token:
            break
    assert seen == [history["handled"], history["waiting"], history["task"]]


def test_search_by_disconnect_time_finds_only_ended_contacts(
    center: Center, history: dict[str, str]
) -> None:
    found = center.api("search_contacts", TimeRange=_range(Type="DISCONNECT_TIMESTAMP"))
    assert [c["Id"] for c in found["Contacts"]] == [history["handled"]]
    past = _range(
        StartTime=datetime.now(UTC) - timedelta(days=3),
        EndTime=datetime.now(UTC) - timedelta(days=2),
    )
    assert center.api("search_contacts", TimeRange=past)["Contacts"] == []


def test_bad_searches_are_refused(center: Center) -> None:
    now = datetime.now(UTC)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"TimeRange": _range(StartTime=now, EndTime=now - timedelta(hours=1))}, "StartTime"),
        (
            {
                "TimeRange": _range(),
                "SearchCriteria": {"ContactTags": {"TagCondition": {"TagKey": "a"}}},
            },
            "ContactTags",
        ),
        (
            {
                "TimeRange": _range(),
                "Sort": {"FieldName": "EXPIRY_TIMESTAMP", "Order": "ASCENDING"},
            },
            "EXPIRY_TIMESTAMP",
        ),
        ({"TimeRange": _range(), "NextToken": "not-a-token"}, "NextToken"),
    ]
    for params, named in cases:
        code, message = refused(
            center.connect.search_contacts, InstanceId=center.instance_id, **params
        )
        assert code == "InvalidParameterException", params
        assert named in message, params
