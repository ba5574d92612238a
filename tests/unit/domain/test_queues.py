"""The rules an admin meets when configuring queues."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import pytest

from opencontact.domain.arns import phone_number_arn
from opencontact.domain.base import Env, Put
from opencontact.domain.contact_flows import ContactFlow
from opencontact.domain.directory import Directory
from opencontact.domain.errors import (
    DuplicateResource,
    InvalidParameter,
    InvalidRequest,
    ResourceInUse,
    ResourceNotFound,
)
from opencontact.domain.hours import HoursOfOperation
from opencontact.domain.phone_numbers import PhoneNumber, PhoneNumberType, release_phone_number
from opencontact.domain.queues import (
    OutboundCallerConfig,
    Queue,
    QueueStatus,
    QueueType,
    associate_queue_quick_connects,
    create_queue,
    delete_queue,
    disassociate_queue_quick_connects,
    queue_quick_connects,
    standard_queue,
    update_queue_hours_of_operation,
    update_queue_max_contacts,
    update_queue_name,
    update_queue_outbound_caller_config,
    update_queue_status,
)
from opencontact.domain.quick_connects import (
    PhoneConfig,
    QueueConfig,
    QuickConnect,
    QuickConnectConfig,
    QuickConnectType,
    create_quick_connect,
    delete_quick_connect,
)
from tests.support.domain import NOW, add_agent, new_directory, run

_IDS = itertools.count(1)


def _env(region: str = "us-east-1") -> Env:
    """A fixed time and ids unique across the module, so that resources made by separate
    commands of one test never share an id."""
    return Env(now=NOW, region=region, new_id=lambda: f"test-{next(_IDS):04d}")


def _basic_hours(directory: Directory) -> HoursOfOperation:
    hours = directory.find_by_name(HoursOfOperation, "Basic Hours")
    assert hours is not None
    return hours


def _flow(directory: Directory, name: str) -> ContactFlow:
    flow = directory.find_by_name(ContactFlow, name)
    assert flow is not None
    return flow


def _basic_queue(directory: Directory) -> Queue:
    queue = directory.find_by_name(Queue, "BasicQueue")
    assert queue is not None
    return queue


def _queue(
    directory: Directory,
    name: str = "Support",
    *,
    description: str | None = None,
    max_contacts: int | None = None,
    outbound_caller_config: OutboundCallerConfig | None = None,
    quick_connect_ids: Sequence[str] = (),
) -> Queue:
    return run(
        directory,
        create_queue(
            directory,
            _env(),
            name=name,
            hours_of_operation_id=_basic_hours(directory).id,
            description=description,
            max_contacts=max_contacts,
            outbound_caller_config=outbound_caller_config,
            quick_connect_ids=quick_connect_ids,
        ),
    )


def _phone_quick_connect(directory: Directory, name: str, number: str) -> QuickConnect:
    return run(
        directory,
        create_quick_connect(
            directory,
            _env(),
            name=name,
            config=QuickConnectConfig(QuickConnectType.PHONE_NUMBER, phone=PhoneConfig(number)),
        ),
    )


def _claimed_number(directory: Directory) -> PhoneNumber:
    number = PhoneNumber(
        id="number-1",
        arn=phone_number_arn("us-east-1", "123456789012", "number-1"),
        phone_number="+12065550100",
        country_code="US",
        number_type=PhoneNumberType.DID,
        last_modified_time=NOW,
        last_modified_region="us-east-1",
    )
    directory.apply([Put(number)])
    return number


def test_a_new_queue_is_enabled_standard_and_refers_to_its_hours_by_id() -> None:
    directory = new_directory()
    hours = _basic_hours(directory)
    queue = run(
        directory,
        create_queue(
            directory,
            _env("eu-west-2"),
            name="Billing",
            hours_of_operation_id=hours.arn,
            description="Invoices and refunds",
            tags={"team": "billing"},
        ),
    )
    assert queue.queue_type is QueueType.STANDARD
    assert queue.status is QueueStatus.ENABLED
    assert queue.hours_of_operation_id == hours.id
    assert queue.max_contacts is None
    assert queue.arn == f"{directory.instance.arn}/queue/{queue.id}"
    assert queue.last_modified_region == "eu-west-2"
    assert directory.get(Queue, queue.id) == queue


def test_queue_names_are_unique_among_standard_queues_only() -> None:
    directory = new_directory()
    directory.require(Queue, add_agent(directory, "maria").id)
    with pytest.raises(DuplicateResource, match="BasicQueue"):
        _queue(directory, "BasicQueue")
    # An agent queue has no name of its own, so a standard queue may be called like its user.
    assert _queue(directory, "maria").name == "maria"


def test_a_queue_needs_existing_hours_of_operation() -> None:
    directory = new_directory()
    with pytest.raises(ResourceNotFound, match="no-such-hours"):
        create_queue(directory, _env(), name="Support", hours_of_operation_id="no-such-hours")
    queue = _queue(directory)
    with pytest.raises(ResourceNotFound, match="no-such-hours"):
        update_queue_hours_of_operation(directory, _env(), queue.id, "no-such-hours")


def test_the_outbound_caller_id_must_be_a_number_of_this_instance() -> None:
    directory = new_directory()
    number = _claimed_number(directory)
    outbound = _flow(directory, "Default outbound")
    queue = _queue(directory)
    updated = run(
        directory,
        update_queue_outbound_caller_config(
            directory,
            _env(),
            queue.id,
            OutboundCallerConfig("Example Corp", number.arn, outbound.arn),
        ),
    )
    assert updated.outbound_caller_config == OutboundCallerConfig(
        "Example Corp", number.id, outbound.id
    )
    with pytest.raises(ResourceNotFound, match="OutboundCallerIdNumberId 'elsewhere'"):
        update_queue_outbound_caller_config(
            directory, _env(), queue.id, OutboundCallerConfig(caller_id_number_id="elsewhere")
        )


def test_a_number_used_as_caller_id_cannot_be_released() -> None:
    directory = new_directory()
    number = _claimed_number(directory)
    queue = _queue(
        directory, outbound_caller_config=OutboundCallerConfig(caller_id_number_id=number.id)
    )
    with pytest.raises(ResourceInUse, match="Support"):
        release_phone_number(directory, number.id)
    run(
        directory,
        update_queue_outbound_caller_config(directory, _env(), queue.id, OutboundCallerConfig()),
    )
    run(directory, release_phone_number(directory, number.id))
    assert directory.get(PhoneNumber, number.id) is None


def test_the_outbound_flow_must_be_an_outbound_whisper_flow() -> None:
    directory = new_directory()
    transfer = _flow(directory, "Default agent transfer")
    with pytest.raises(InvalidParameter, match="OUTBOUND_WHISPER"):
        _queue(directory, outbound_caller_config=OutboundCallerConfig(outbound_flow_id=transfer.id))


def test_updating_the_outbound_caller_config_replaces_all_of_it() -> None:
    directory = new_directory()
    outbound = _flow(directory, "Default outbound")
    queue = _queue(
        directory,
        outbound_caller_config=OutboundCallerConfig("Example Corp", None, outbound.id),
    )
    updated = run(
        directory,
        update_queue_outbound_caller_config(
            directory, _env(), queue.id, OutboundCallerConfig(caller_id_name="Support line")
        ),
    )
    assert updated.outbound_caller_config == OutboundCallerConfig("Support line")


def test_max_contacts_can_be_set_and_lifted() -> None:
    directory = new_directory()
    queue = _queue(directory, max_contacts=5)
    assert queue.max_contacts == 5
    limited = run(directory, update_queue_max_contacts(directory, _env(), queue.id, 0))
    assert limited.max_contacts == 0
    lifted = run(directory, update_queue_max_contacts(directory, _env(), queue.id, None))
    assert lifted.max_contacts is None
    with pytest.raises(InvalidParameter, match="-1"):
        update_queue_max_contacts(directory, _env(), queue.id, -1)


def test_rename_keeps_what_is_not_given_and_refuses_a_taken_name() -> None:
    directory = new_directory()
    queue = _queue(directory, description="First line")
    renamed = run(directory, update_queue_name(directory, _env(), queue.id, name="Help"))
    assert (renamed.name, renamed.description) == ("Help", "First line")
    described = run(
        directory, update_queue_name(directory, _env(), queue.id, description="Any topic")
    )
    assert (described.name, described.description) == ("Help", "Any topic")
    with pytest.raises(DuplicateResource, match="BasicQueue"):
        update_queue_name(directory, _env(), queue.id, name="BasicQueue")
    with pytest.raises(InvalidParameter, match="Name"):
        update_queue_name(directory, _env(), queue.id)


def test_a_queue_can_be_disabled_and_enabled_again() -> None:
    directory = new_directory()
    queue = _queue(directory)
    disabled = run(
        directory, update_queue_status(directory, _env(), queue.id, QueueStatus.DISABLED)
    )
    assert disabled.status is QueueStatus.DISABLED
    enabled = run(directory, update_queue_status(directory, _env(), queue.id, QueueStatus.ENABLED))
    assert enabled.status is QueueStatus.ENABLED


def test_agent_queues_are_listed_but_neither_described_nor_changed() -> None:
    directory = new_directory()
    agent_queue = directory.require(Queue, add_agent(directory, "maria").id)
    env = _env()
    with pytest.raises(ResourceNotFound, match="agent queue of user 'maria'"):
        standard_queue(directory, agent_queue.id)
    refusals: list[Callable[[], object]] = [
        lambda: update_queue_name(directory, env, agent_queue.id, name="Maria's queue"),
        lambda: update_queue_status(directory, env, agent_queue.id, QueueStatus.DISABLED),
        lambda: update_queue_max_contacts(directory, env, agent_queue.id, 3),
        lambda: update_queue_hours_of_operation(
            directory, env, agent_queue.id, _basic_hours(directory).id
        ),
        lambda: update_queue_outbound_caller_config(
            directory, env, agent_queue.id, OutboundCallerConfig("x")
        ),
        lambda: delete_queue(directory, agent_queue.id),
    ]
    for refused in refusals:
        with pytest.raises(InvalidRequest, match="agent queue of user 'maria'"):
            refused()
    assert directory.get(Queue, agent_queue.id) == agent_queue


def test_quick_connects_are_associated_once_in_order_and_can_be_taken_off() -> None:
    directory = new_directory()
    queue = _queue(directory)
    first = _phone_quick_connect(directory, "Pager", "+12065550101")
    second = _phone_quick_connect(directory, "Escalations", "+12065550102")
    env = _env()
    run(directory, associate_queue_quick_connects(directory, env, queue.id, [second.id]))
    run(
        directory,
        associate_queue_quick_connects(directory, env, queue.arn, [first.arn, second.id, first.id]),
    )
    _, offered = queue_quick_connects(directory, queue.id)
    assert [q.name for q in offered] == ["Escalations", "Pager"]

    run(directory, disassociate_queue_quick_connects(directory, env, queue.id, [second.id]))
    # Taking off one that is not there is harmless.
    run(directory, disassociate_queue_quick_connects(directory, env, queue.id, [second.id]))
    _, offered = queue_quick_connects(directory, queue.id)
    assert [q.name for q in offered] == ["Pager"]


def test_every_quick_connect_named_must_exist_and_nothing_changes_otherwise() -> None:
    directory = new_directory()
    queue = _queue(directory)
    pager = _phone_quick_connect(directory, "Pager", "+12065550101")
    with pytest.raises(ResourceNotFound, match="'ghost'"):
        associate_queue_quick_connects(directory, _env(), queue.id, [pager.id, "ghost"])
    with pytest.raises(ResourceNotFound, match="'ghost'"):
        disassociate_queue_quick_connects(directory, _env(), queue.id, ["ghost"])
    with pytest.raises(ResourceNotFound, match="'ghost'"):
        _queue(directory, "Other", quick_connect_ids=["ghost"])
    with pytest.raises(InvalidParameter, match="1 to 50"):
        associate_queue_quick_connects(directory, _env(), queue.id, [pager.id] * 51)
    assert directory.get(Queue, queue.id) == queue


def test_a_queue_can_be_created_with_its_quick_connects() -> None:
    directory = new_directory()
    pager = _phone_quick_connect(directory, "Pager", "+12065550101")
    queue = _queue(directory, quick_connect_ids=[pager.arn])
    assert queue.quick_connect_ids == (pager.id,)


def test_deleting_a_quick_connect_takes_it_off_every_queue() -> None:
    directory = new_directory()
    pager = _phone_quick_connect(directory, "Pager", "+12065550101")
    kept = _phone_quick_connect(directory, "Escalations", "+12065550102")
    support = _queue(directory, "Support", quick_connect_ids=[pager.id, kept.id])
    billing = _queue(directory, "Billing", quick_connect_ids=[pager.id])
    outcome = delete_quick_connect(directory, _env(), pager.id)
    run(directory, outcome)
    assert directory.get(QuickConnect, pager.id) is None
    assert directory.require(Queue, support.id).quick_connect_ids == (kept.id,)
    assert directory.require(Queue, billing.id).quick_connect_ids == ()


def test_a_queue_in_a_routing_profile_cannot_be_deleted() -> None:
    directory = new_directory()
    basic = _basic_queue(directory)
    with pytest.raises(ResourceInUse, match="Basic Routing Profile"):
        delete_queue(directory, basic.id)
    assert directory.get(Queue, basic.id) == basic


def test_a_queue_a_quick_connect_transfers_to_cannot_be_deleted() -> None:
    directory = new_directory()
    queue = _queue(directory)
    run(
        directory,
        create_quick_connect(
            directory,
            _env(),
            name="To support",
            config=QuickConnectConfig(
                QuickConnectType.QUEUE,
                queue=QueueConfig(queue.id, _flow(directory, "Default queue transfer").id),
            ),
        ),
    )
    with pytest.raises(ResourceInUse, match="To support"):
        delete_queue(directory, queue.id)


def test_an_unused_queue_is_deleted() -> None:
    directory = new_directory()
    queue = _queue(directory)
    run(directory, delete_queue(directory, queue.id))
    assert directory.get(Queue, queue.id) is None
    with pytest.raises(ResourceNotFound, match=queue.id):
        delete_queue(directory, queue.id)
