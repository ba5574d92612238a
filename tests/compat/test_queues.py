"""An admin sets up the queues contacts wait in: hours, limits, caller ID and the quick connects
agents see (the seed: 路由 - 队列)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

PASSWORD = "Passw0rd!x"


def _flow(connect: Any, instance_id: str, name: str) -> dict[str, Any]:
    flows = connect.list_contact_flows(InstanceId=instance_id, MaxResults=1000)
    found: dict[str, Any] = next(f for f in flows["ContactFlowSummaryList"] if f["Name"] == name)
    return found


def _basic_hours_id(connect: Any, instance_id: str) -> str:
    listed = connect.list_hours_of_operations(InstanceId=instance_id)
    hours_id: str = next(
        h["Id"] for h in listed["HoursOfOperationSummaryList"] if h["Name"] == "Basic Hours"
    )
    return hours_id


def _queue_id(connect: Any, instance_id: str, name: str) -> str:
    listed = connect.list_queues(InstanceId=instance_id, QueueTypes=["STANDARD"])
    queue_id: str = next(q["Id"] for q in listed["QueueSummaryList"] if q["Name"] == name)
    return queue_id


def _queue_names(connect: Any, instance_id: str) -> list[str]:
    listed = connect.list_queues(InstanceId=instance_id, QueueTypes=["STANDARD"])
    return [q["Name"] for q in listed["QueueSummaryList"]]


def _create_queue(connect: Any, instance_id: str, name: str = "Support", **changes: Any) -> str:
    created = connect.create_queue(
        InstanceId=instance_id,
        Name=name,
        HoursOfOperationId=_basic_hours_id(connect, instance_id),
        **changes,
    )
    queue_id: str = created["QueueId"]
    return queue_id


def _describe(connect: Any, instance_id: str, queue_id: str) -> dict[str, Any]:
    queue: dict[str, Any] = connect.describe_queue(InstanceId=instance_id, QueueId=queue_id)[
        "Queue"
    ]
    return queue


def _phone_quick_connect(connect: Any, instance_id: str, name: str, number: str) -> str:
    created = connect.create_quick_connect(
        InstanceId=instance_id,
        Name=name,
        QuickConnectConfig={
            "QuickConnectType": "PHONE_NUMBER",
            "PhoneConfig": {"PhoneNumber": number},
        },
    )
    quick_connect_id: str = created["QuickConnectId"]
    return quick_connect_id


def _offered(connect: Any, instance_id: str, queue_id: str) -> list[str]:
    listed = connect.list_queue_quick_connects(InstanceId=instance_id, QueueId=queue_id)
    return [q["Name"] for q in listed["QuickConnectSummaryList"]]


def _create_agent(connect: Any, instance_id: str, username: str) -> str:
    profiles = connect.list_security_profiles(InstanceId=instance_id)
    agent_profile = next(
        p["Id"] for p in profiles["SecurityProfileSummaryList"] if p["Name"] == "Agent"
    )
    routing = connect.list_routing_profiles(InstanceId=instance_id)
    routing_profile = routing["RoutingProfileSummaryList"][0]["Id"]
    created = connect.create_user(
        InstanceId=instance_id,
        Username=username,
        Password=PASSWORD,
        IdentityInfo={"FirstName": username.capitalize(), "LastName": "Agent"},
        PhoneConfig={"PhoneType": "SOFT_PHONE"},
        SecurityProfileIds=[agent_profile],
        RoutingProfileId=routing_profile,
    )
    user_id: str = created["UserId"]
    return user_id


def _claim_number(connect: Any, instance_id: str) -> tuple[str, str]:
    available = connect.search_available_phone_numbers(
        InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=1
    )
    number = available["AvailableNumbersList"][0]["PhoneNumber"]
    claimed = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    return claimed["PhoneNumberId"], claimed["PhoneNumberArn"]


def _refused(error: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return error.value.response["Error"]["Code"], error.value.response["Error"]["Message"]


# -- creating and reading --------------------------------------------------------------------


def test_admin_creates_a_queue_and_reads_it_back(connect: Any, instance_id: str) -> None:
    outbound = _flow(connect, instance_id, "Default outbound")
    hours_id = _basic_hours_id(connect, instance_id)
    created = connect.create_queue(
        InstanceId=instance_id,
        Name="Support",
        Description="First-line support",
        HoursOfOperationId=hours_id,
        MaxContacts=25,
        OutboundCallerConfig={
            "OutboundCallerIdName": "Example Corp",
            "OutboundFlowId": outbound["Arn"],
        },
        Tags={"team": "support"},
    )
    assert f":instance/{instance_id}/queue/{created['QueueId']}" in created["QueueArn"]
    queue = _describe(connect, instance_id, created["QueueId"])
    assert queue == {
        "Name": "Support",
        "QueueArn": created["QueueArn"],
        "QueueId": created["QueueId"],
        "Description": "First-line support",
        "OutboundCallerConfig": {
            "OutboundCallerIdName": "Example Corp",
            "OutboundFlowId": outbound["Id"],
        },
        "HoursOfOperationId": hours_id,
        "MaxContacts": 25,
        "Status": "ENABLED",
        "Tags": {"team": "support"},
        "LastModifiedTime": queue["LastModifiedTime"],
        "LastModifiedRegion": "us-east-1",
    }
    # The ARN names the queue as well as its id does.
    assert _describe(connect, instance_id, created["QueueArn"])["QueueId"] == created["QueueId"]
    assert _queue_names(connect, instance_id) == ["BasicQueue", "Support"]


def test_basic_queue_has_no_contact_limit_and_no_caller_id(connect: Any, instance_id: str) -> None:
    basic = _describe(connect, instance_id, _queue_id(connect, instance_id, "BasicQueue"))
    assert basic["Description"] == "A simple, basic voice queue."
    assert basic["Status"] == "ENABLED"
    assert "MaxContacts" not in basic
    assert "OutboundCallerConfig" not in basic


def test_queues_are_listed_by_type_and_page_by_page(connect: Any, instance_id: str) -> None:
    for name in ("Billing", "Sales", "Support"):
        _create_queue(connect, instance_id, name)
    first = connect.list_queues(InstanceId=instance_id, MaxResults=3)
    assert [q["Name"] for q in first["QueueSummaryList"]] == ["BasicQueue", "Billing", "Sales"]
    assert all(q["QueueType"] == "STANDARD" for q in first["QueueSummaryList"])
    second = connect.list_queues(InstanceId=instance_id, MaxResults=3, NextToken=first["NextToken"])
    assert [q["Name"] for q in second["QueueSummaryList"]] == ["Support"]
    assert "NextToken" not in second
    agents = connect.list_queues(InstanceId=instance_id, QueueTypes=["AGENT"])
    assert agents["QueueSummaryList"] == []


# -- refusals at creation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "code", "message"),
    [
        ({"Name": "BasicQueue"}, "DuplicateResourceException", "BasicQueue"),
        ({"HoursOfOperationId": "no-such-hours"}, "ResourceNotFoundException", "no-such-hours"),
        ({"Name": None}, "InvalidParameterException", "Name"),
        ({"Name": "x" * 128}, "InvalidParameterException", "Name"),
        ({"MaxContacts": -1}, "InvalidParameterException", "MaxContacts"),
        (
            {"OutboundCallerConfig": {"OutboundCallerIdNumberId": "no-such-number"}},
            "ResourceNotFoundException",
            "no-such-number",
        ),
        (
            {"OutboundCallerConfig": {"OutboundFlowId": "no-such-flow"}},
            "ResourceNotFoundException",
            "no-such-flow",
        ),
        ({"QuickConnectIds": ["no-such-quick-connect"]}, "ResourceNotFoundException", "no-such"),
        ({"QuickConnectIds": []}, "InvalidParameterException", "QuickConnectIds"),
        (
            {"OutboundEmailConfig": {"OutboundEmailAddressId": "mail-1"}},
            "ResourceNotFoundException",
            "mail-1",
        ),
    ],
)
def test_bad_queues_are_refused_and_nothing_is_created(
    connect: Any, instance_id: str, changes: dict[str, Any], code: str, message: str
) -> None:
    request = {
        "Name": "Support",
        "HoursOfOperationId": _basic_hours_id(connect, instance_id),
        **changes,
    }
    request = {key: value for key, value in request.items() if value is not None}
    with pytest.raises(ClientError) as refused:
        connect.create_queue(InstanceId=instance_id, **request)
    got_code, got_message = _refused(refused)
    assert got_code == code
    assert message in got_message
    assert _queue_names(connect, instance_id) == ["BasicQueue"]


def test_the_outbound_flow_must_be_an_outbound_whisper_flow(connect: Any, instance_id: str) -> None:
    transfer = _flow(connect, instance_id, "Default agent transfer")
    with pytest.raises(ClientError) as refused:
        _create_queue(connect, instance_id, OutboundCallerConfig={"OutboundFlowId": transfer["Id"]})
    code, message = _refused(refused)
    assert code == "InvalidParameterException"
    assert "Default agent transfer" in message
    assert "OUTBOUND_WHISPER" in message
    assert _queue_names(connect, instance_id) == ["BasicQueue"]


# -- updating ----------------------------------------------------------------------------------


def test_admin_renames_and_redescribes_a_queue(connect: Any, instance_id: str) -> None:
    queue_id = _create_queue(connect, instance_id, Description="First line")
    connect.update_queue_name(InstanceId=instance_id, QueueId=queue_id, Name="Help desk")
    queue = _describe(connect, instance_id, queue_id)
    assert (queue["Name"], queue["Description"]) == ("Help desk", "First line")
    connect.update_queue_name(InstanceId=instance_id, QueueId=queue_id, Description="Anything")
    queue = _describe(connect, instance_id, queue_id)
    assert (queue["Name"], queue["Description"]) == ("Help desk", "Anything")


def test_admin_moves_a_queue_to_other_hours(connect: Any, instance_id: str) -> None:
    queue_id = _create_queue(connect, instance_id)
    office = connect.create_hours_of_operation(
        InstanceId=instance_id, Name="Office", TimeZone="Europe/Paris", Config=[]
    )
    connect.update_queue_hours_of_operation(
        InstanceId=instance_id, QueueId=queue_id, HoursOfOperationId=office["HoursOfOperationArn"]
    )
    queue = _describe(connect, instance_id, queue_id)
    assert queue["HoursOfOperationId"] == office["HoursOfOperationId"]


def test_max_contacts_is_set_and_lifted_by_leaving_it_out(connect: Any, instance_id: str) -> None:
    queue_id = _create_queue(connect, instance_id)
    connect.update_queue_max_contacts(InstanceId=instance_id, QueueId=queue_id, MaxContacts=10)
    assert _describe(connect, instance_id, queue_id)["MaxContacts"] == 10
    connect.update_queue_max_contacts(InstanceId=instance_id, QueueId=queue_id)
    assert "MaxContacts" not in _describe(connect, instance_id, queue_id)


def test_admin_disables_and_enables_a_queue(connect: Any, instance_id: str) -> None:
    queue_id = _create_queue(connect, instance_id)
    connect.update_queue_status(InstanceId=instance_id, QueueId=queue_id, Status="DISABLED")
    assert _describe(connect, instance_id, queue_id)["Status"] == "DISABLED"
    connect.update_queue_status(InstanceId=instance_id, QueueId=queue_id, Status="ENABLED")
    assert _describe(connect, instance_id, queue_id)["Status"] == "ENABLED"


def test_admin_sets_the_caller_id_to_a_number_of_the_instance(
    connect: Any, instance_id: str
) -> None:
    queue_id = _create_queue(connect, instance_id)
    number_id, number_arn = _claim_number(connect, instance_id)
    outbound = _flow(connect, instance_id, "Default outbound")
    connect.update_queue_outbound_caller_config(
        InstanceId=instance_id,
        QueueId=queue_id,
        OutboundCallerConfig={
            "OutboundCallerIdName": "Example Corp",
            "OutboundCallerIdNumberId": number_arn,
            "OutboundFlowId": outbound["Id"],
        },
    )
    assert _describe(connect, instance_id, queue_id)["OutboundCallerConfig"] == {
        "OutboundCallerIdName": "Example Corp",
        "OutboundCallerIdNumberId": number_id,
        "OutboundFlowId": outbound["Id"],
    }
    # The whole config is replaced: what is left out is cleared.
    connect.update_queue_outbound_caller_config(
        InstanceId=instance_id,
        QueueId=queue_id,
        OutboundCallerConfig={"OutboundCallerIdNumberId": number_id},
    )
    assert _describe(connect, instance_id, queue_id)["OutboundCallerConfig"] == {
        "OutboundCallerIdNumberId": number_id
    }


def test_a_caller_id_number_is_not_released_while_a_queue_uses_it(
    connect: Any, instance_id: str
) -> None:
    number_id, _ = _claim_number(connect, instance_id)
    queue_id = _create_queue(
        connect, instance_id, OutboundCallerConfig={"OutboundCallerIdNumberId": number_id}
    )
    with pytest.raises(ClientError) as refused:
        connect.release_phone_number(PhoneNumberId=number_id)
    code, message = _refused(refused)
    assert code == "ResourceInUseException"
    assert "Support" in message
    connect.describe_phone_number(PhoneNumberId=number_id)
    connect.update_queue_outbound_caller_config(
        InstanceId=instance_id, QueueId=queue_id, OutboundCallerConfig={}
    )
    assert "OutboundCallerConfig" not in _describe(connect, instance_id, queue_id)
    connect.release_phone_number(PhoneNumberId=number_id)


def test_a_number_of_another_instance_cannot_be_the_caller_id(
    connect: Any, instance_id: str
) -> None:
    other = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias=f"other-{instance_id[:8]}",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    number_id, _ = _claim_number(connect, other["Id"])
    queue_id = _create_queue(
        connect, instance_id, OutboundCallerConfig={"OutboundCallerIdName": "Us"}
    )
    with pytest.raises(ClientError) as refused:
        connect.update_queue_outbound_caller_config(
            InstanceId=instance_id,
            QueueId=queue_id,
            OutboundCallerConfig={"OutboundCallerIdNumberId": number_id},
        )
    code, message = _refused(refused)
    assert code == "ResourceNotFoundException"
    assert number_id in message
    assert _describe(connect, instance_id, queue_id)["OutboundCallerConfig"] == {
        "OutboundCallerIdName": "Us"
    }


@pytest.mark.parametrize(
    ("operation", "arguments", "code", "message"),
    [
        ("update_queue_name", {"Name": "BasicQueue"}, "DuplicateResourceException", "BasicQueue"),
        ("update_queue_name", {}, "InvalidParameterException", "Name"),
        (
            "update_queue_hours_of_operation",
            {"HoursOfOperationId": "no-such-hours"},
            "ResourceNotFoundException",
            "no-such-hours",
        ),
        ("update_queue_max_contacts", {"MaxContacts": -5}, "InvalidParameterException", "-5"),
        ("update_queue_status", {"Status": "PAUSED"}, "InvalidParameterException", "PAUSED"),
        (
            "update_queue_outbound_caller_config",
            {"OutboundCallerConfig": {"OutboundFlowId": "no-such-flow"}},
            "ResourceNotFoundException",
            "no-such-flow",
        ),
    ],
)
def test_a_bad_update_leaves_the_queue_as_it_was(
    connect: Any,
    instance_id: str,
    operation: str,
    arguments: dict[str, Any],
    code: str,
    message: str,
) -> None:
    queue_id = _create_queue(connect, instance_id, Description="First line", MaxContacts=3)
    before = _describe(connect, instance_id, queue_id)
    with pytest.raises(ClientError) as refused:
        getattr(connect, operation)(InstanceId=instance_id, QueueId=queue_id, **arguments)
    got_code, got_message = _refused(refused)
    assert got_code == code
    assert message in got_message
    assert _describe(connect, instance_id, queue_id) == before


@pytest.mark.parametrize(
    ("operation", "arguments"),
    [
        ("describe_queue", {}),
        ("update_queue_status", {"Status": "DISABLED"}),
        ("delete_queue", {}),
        ("list_queue_quick_connects", {}),
    ],
)
def test_an_unknown_queue_is_not_found(
    connect: Any, instance_id: str, operation: str, arguments: dict[str, Any]
) -> None:
    with pytest.raises(ClientError) as refused:
        getattr(connect, operation)(InstanceId=instance_id, QueueId="no-such-queue", **arguments)
    code, message = _refused(refused)
    assert code == "ResourceNotFoundException"
    assert "no-such-queue" in message


# -- deleting ----------------------------------------------------------------------------------


def test_admin_deletes_an_unused_queue(connect: Any, instance_id: str) -> None:
    queue_id = _create_queue(connect, instance_id)
    connect.delete_queue(InstanceId=instance_id, QueueId=queue_id)
    with pytest.raises(ClientError) as gone:
        _describe(connect, instance_id, queue_id)
    assert _refused(gone)[0] == "ResourceNotFoundException"
    assert _queue_names(connect, instance_id) == ["BasicQueue"]


def test_a_queue_in_a_routing_profile_cannot_be_deleted(connect: Any, instance_id: str) -> None:
    basic_id = _queue_id(connect, instance_id, "BasicQueue")
    with pytest.raises(ClientError) as refused:
        connect.delete_queue(InstanceId=instance_id, QueueId=basic_id)
    code, message = _refused(refused)
    assert code == "ResourceInUseException"
    assert "BasicQueue" in message
    assert "Basic Routing Profile" in message
    assert _describe(connect, instance_id, basic_id)["Name"] == "BasicQueue"


def test_a_queue_a_quick_connect_transfers_to_cannot_be_deleted(
    connect: Any, instance_id: str
) -> None:
    queue_id = _create_queue(connect, instance_id)
    transfer = _flow(connect, instance_id, "Default queue transfer")
    connect.create_quick_connect(
        InstanceId=instance_id,
        Name="To support",
        QuickConnectConfig={
            "QuickConnectType": "QUEUE",
            "QueueConfig": {"QueueId": queue_id, "ContactFlowId": transfer["Id"]},
        },
    )
    with pytest.raises(ClientError) as refused:
        connect.delete_queue(InstanceId=instance_id, QueueId=queue_id)
    code, message = _refused(refused)
    assert code == "ResourceInUseException"
    assert "To support" in message
    assert _queue_names(connect, instance_id) == ["BasicQueue", "Support"]


# -- the quick connects a queue offers ---------------------------------------------------------


def test_admin_chooses_the_quick_connects_agents_of_a_queue_see(
    connect: Any, instance_id: str
) -> None:
    pager = _phone_quick_connect(connect, instance_id, "Pager", "+12065550101")
    escalations = _phone_quick_connect(connect, instance_id, "Escalations", "+12065550102")
    queue_id = _create_queue(connect, instance_id, QuickConnectIds=[escalations])
    pager_arn = connect.describe_quick_connect(InstanceId=instance_id, QuickConnectId=pager)[
        "QuickConnect"
    ]["QuickConnectARN"]
    # Associating one twice is harmless; ARNs work as well as ids.
    connect.associate_queue_quick_connects(
        InstanceId=instance_id, QueueId=queue_id, QuickConnectIds=[pager_arn, escalations]
    )
    listed = connect.list_queue_quick_connects(InstanceId=instance_id, QueueId=queue_id)
    assert [(q["Name"], q["QuickConnectType"]) for q in listed["QuickConnectSummaryList"]] == [
        ("Escalations", "PHONE_NUMBER"),
        ("Pager", "PHONE_NUMBER"),
    ]
    assert listed["QuickConnectSummaryList"][1]["Arn"] == pager_arn
    first = connect.list_queue_quick_connects(
        InstanceId=instance_id, QueueId=queue_id, MaxResults=1
    )
    assert [q["Name"] for q in first["QuickConnectSummaryList"]] == ["Escalations"]
    rest = connect.list_queue_quick_connects(
        InstanceId=instance_id, QueueId=queue_id, MaxResults=1, NextToken=first["NextToken"]
    )
    assert [q["Name"] for q in rest["QuickConnectSummaryList"]] == ["Pager"]
    assert "NextToken" not in rest

    connect.disassociate_queue_quick_connects(
        InstanceId=instance_id, QueueId=queue_id, QuickConnectIds=[escalations]
    )
    assert _offered(connect, instance_id, queue_id) == ["Pager"]


def test_unknown_quick_connects_change_nothing(connect: Any, instance_id: str) -> None:
    pager = _phone_quick_connect(connect, instance_id, "Pager", "+12065550101")
    queue_id = _create_queue(connect, instance_id, QuickConnectIds=[pager])
    for operation in ("associate_queue_quick_connects", "disassociate_queue_quick_connects"):
        with pytest.raises(ClientError) as refused:
            getattr(connect, operation)(
                InstanceId=instance_id, QueueId=queue_id, QuickConnectIds=[pager, "ghost"]
            )
        code, message = _refused(refused)
        assert code == "ResourceNotFoundException"
        assert "ghost" in message
        assert _offered(connect, instance_id, queue_id) == ["Pager"]


def test_at_most_fifty_quick_connects_are_associated_at_once(
    connect: Any, instance_id: str
) -> None:
    pager = _phone_quick_connect(connect, instance_id, "Pager", "+12065550101")
    queue_id = _create_queue(connect, instance_id)
    with pytest.raises(ClientError) as refused:
        connect.associate_queue_quick_connects(
            InstanceId=instance_id, QueueId=queue_id, QuickConnectIds=[pager] * 51
        )
    code, message = _refused(refused)
    assert code == "InvalidParameterException"
    assert "QuickConnectIds" in message
    assert _offered(connect, instance_id, queue_id) == []


def test_deleting_a_quick_connect_takes_it_off_its_queues(connect: Any, instance_id: str) -> None:
    pager = _phone_quick_connect(connect, instance_id, "Pager", "+12065550101")
    escalations = _phone_quick_connect(connect, instance_id, "Escalations", "+12065550102")
    support = _create_queue(connect, instance_id, "Support", QuickConnectIds=[pager, escalations])
    billing = _create_queue(connect, instance_id, "Billing", QuickConnectIds=[pager])
    connect.delete_quick_connect(InstanceId=instance_id, QuickConnectId=pager)
    assert _offered(connect, instance_id, support) == ["Escalations"]
    assert _offered(connect, instance_id, billing) == []


# -- agent queues ------------------------------------------------------------------------------


def test_every_user_has_an_agent_queue_listed_without_a_name(
    connect: Any, instance_id: str
) -> None:
    user_id = _create_agent(connect, instance_id, "maria")
    agents = connect.list_queues(InstanceId=instance_id, QueueTypes=["AGENT"])["QueueSummaryList"]
    assert len(agents) == 1
    (agent_queue,) = agents
    assert agent_queue["Id"] == user_id
    assert agent_queue["Arn"].endswith(f":instance/{instance_id}/queue/agent/{user_id}")
    assert agent_queue["QueueType"] == "AGENT"
    assert "Name" not in agent_queue
    everything = connect.list_queues(InstanceId=instance_id)["QueueSummaryList"]
    assert sorted(q["QueueType"] for q in everything) == ["AGENT", "STANDARD"]
    standard = connect.list_queues(InstanceId=instance_id, QueueTypes=["STANDARD"])
    assert [q["Name"] for q in standard["QueueSummaryList"]] == ["BasicQueue"]


def test_an_agent_queue_is_not_described(connect: Any, instance_id: str) -> None:
    user_id = _create_agent(connect, instance_id, "maria")
    with pytest.raises(ClientError) as refused:
        connect.describe_queue(InstanceId=instance_id, QueueId=user_id)
    code, message = _refused(refused)
    assert code == "ResourceNotFoundException"
    assert "agent queue of user 'maria'" in message


@pytest.mark.parametrize(
    ("operation", "arguments"),
    [
        ("update_queue_name", {"Name": "Maria's queue"}),
        ("update_queue_status", {"Status": "DISABLED"}),
        ("update_queue_max_contacts", {"MaxContacts": 3}),
        ("update_queue_outbound_caller_config", {"OutboundCallerConfig": {}}),
        ("delete_queue", {}),
    ],
)
def test_an_agent_queue_is_not_changed_through_the_queue_operations(
    connect: Any, instance_id: str, operation: str, arguments: dict[str, Any]
) -> None:
    user_id = _create_agent(connect, instance_id, "maria")
    with pytest.raises(ClientError) as refused:
        getattr(connect, operation)(InstanceId=instance_id, QueueId=user_id, **arguments)
    code, message = _refused(refused)
    assert code == "InvalidRequestException"
    assert "agent queue of user 'maria'" in message
    agents = connect.list_queues(InstanceId=instance_id, QueueTypes=["AGENT"])["QueueSummaryList"]
    assert [q["Id"] for q in agents] == [user_id]
    assert "Name" not in agents[0]
