"""The rules an admin meets when setting up quick connects, and how they are searched."""

from __future__ import annotations

import itertools

import pytest

from opencontact.domain.base import Env
from opencontact.domain.contact_flows import ContactFlow
from opencontact.domain.directory import Directory
from opencontact.domain.errors import DuplicateResource, InvalidParameter, ResourceNotFound
from opencontact.domain.queues import Queue
from opencontact.domain.quick_connects import (
    FlowConfig,
    PhoneConfig,
    QueueConfig,
    QuickConnect,
    QuickConnectConfig,
    QuickConnectType,
    SearchCriteria,
    StringComparison,
    StringCondition,
    TagCondition,
    TagFilter,
    UserConfig,
    create_quick_connect,
    delete_quick_connect,
    search_quick_connects,
    update_quick_connect_config,
    update_quick_connect_name,
)
from tests.support.domain import NOW, add_agent, new_directory, run

_IDS = itertools.count(1)


def _env(region: str = "us-east-1") -> Env:
    """A fixed time and ids unique across the module."""
    return Env(now=NOW, region=region, new_id=lambda: f"test-{next(_IDS):04d}")


def _flow_id(directory: Directory, name: str) -> str:
    flow = directory.find_by_name(ContactFlow, name)
    assert flow is not None
    return flow.id


def _basic_queue(directory: Directory) -> Queue:
    queue = directory.find_by_name(Queue, "BasicQueue")
    assert queue is not None
    return queue


def _phone(number: str) -> QuickConnectConfig:
    return QuickConnectConfig(QuickConnectType.PHONE_NUMBER, phone=PhoneConfig(number))


def _create(
    directory: Directory,
    name: str,
    config: QuickConnectConfig,
    description: str | None = None,
    tags: dict[str, str] | None = None,
) -> QuickConnect:
    return run(
        directory,
        create_quick_connect(
            directory, _env(), name=name, config=config, description=description, tags=tags
        ),
    )


def test_a_user_quick_connect_reaches_the_agent_through_a_transfer_to_agent_flow() -> None:
    directory = new_directory()
    user = add_agent(directory)
    transfer = directory.require(ContactFlow, _flow_id(directory, "Default agent transfer"))
    quick_connect = _create(
        directory,
        "Maria",
        QuickConnectConfig(QuickConnectType.USER, user=UserConfig(user.arn, transfer.arn)),
    )
    assert quick_connect.quick_connect_type is QuickConnectType.USER
    assert (quick_connect.user_id, quick_connect.contact_flow_id) == (user.id, transfer.id)
    assert quick_connect.arn == f"{directory.instance.arn}/transfer-destination/{quick_connect.id}"


def test_a_queue_quick_connect_needs_a_standard_queue_and_a_transfer_to_queue_flow() -> None:
    directory = new_directory()
    basic = _basic_queue(directory)
    queue_transfer = _flow_id(directory, "Default queue transfer")
    quick_connect = _create(
        directory,
        "Basic",
        QuickConnectConfig(QuickConnectType.QUEUE, queue=QueueConfig(basic.arn, queue_transfer)),
    )
    assert (quick_connect.queue_id, quick_connect.contact_flow_id) == (basic.id, queue_transfer)

    agent = add_agent(directory)
    with pytest.raises(InvalidParameter, match="agent queue"):
        create_quick_connect(
            directory,
            _env(),
            name="Maria's queue",
            config=QuickConnectConfig(
                QuickConnectType.QUEUE, queue=QueueConfig(agent.id, queue_transfer)
            ),
        )


def test_a_flow_of_the_wrong_type_is_refused_and_named() -> None:
    directory = new_directory()
    user = add_agent(directory)
    basic = _basic_queue(directory)
    cases = [
        QuickConnectConfig(
            QuickConnectType.USER,
            user=UserConfig(user.id, _flow_id(directory, "Default queue transfer")),
        ),
        QuickConnectConfig(
            QuickConnectType.QUEUE,
            queue=QueueConfig(basic.id, _flow_id(directory, "Default agent transfer")),
        ),
        QuickConnectConfig(
            QuickConnectType.FLOW, flow=FlowConfig(_flow_id(directory, "Default agent transfer"))
        ),
    ]
    for config in cases:
        with pytest.raises(InvalidParameter, match=r"Default (queue|agent) transfer"):
            create_quick_connect(directory, _env(), name="Wrong", config=config)
    assert not directory.all(QuickConnect)


def test_a_flow_quick_connect_runs_a_contact_flow() -> None:
    directory = new_directory()
    inbound = next(f for f in directory.all(ContactFlow) if f.flow_type.value == "CONTACT_FLOW")
    quick_connect = _create(
        directory, "Survey", QuickConnectConfig(QuickConnectType.FLOW, flow=FlowConfig(inbound.id))
    )
    assert quick_connect.contact_flow_id == inbound.id


def test_unknown_users_queues_and_flows_are_not_found() -> None:
    directory = new_directory()
    agent_transfer = _flow_id(directory, "Default agent transfer")
    user = add_agent(directory)
    configs = [
        QuickConnectConfig(QuickConnectType.USER, user=UserConfig("nobody", agent_transfer)),
        QuickConnectConfig(QuickConnectType.USER, user=UserConfig(user.id, "no-flow")),
        QuickConnectConfig(QuickConnectType.QUEUE, queue=QueueConfig("no-queue", "x")),
        QuickConnectConfig(QuickConnectType.FLOW, flow=FlowConfig("no-flow")),
    ]
    for config in configs:
        with pytest.raises(ResourceNotFound, match=r"'(nobody|no-flow|no-queue)'"):
            create_quick_connect(directory, _env(), name="Broken", config=config)


def test_the_config_must_be_the_one_of_its_type() -> None:
    directory = new_directory()
    user = add_agent(directory)
    agent_transfer = _flow_id(directory, "Default agent transfer")
    with pytest.raises(InvalidParameter, match="needs UserConfig"):
        create_quick_connect(
            directory,
            _env(),
            name="x",
            config=QuickConnectConfig(QuickConnectType.USER, phone=PhoneConfig("+12065550100")),
        )
    with pytest.raises(InvalidParameter, match="QueueConfig"):
        create_quick_connect(
            directory,
            _env(),
            name="x",
            config=QuickConnectConfig(
                QuickConnectType.USER,
                user=UserConfig(user.id, agent_transfer),
                queue=QueueConfig(_basic_queue(directory).id, agent_transfer),
            ),
        )


def test_phone_numbers_must_be_e164_but_any_country_may_be_stored() -> None:
    directory = new_directory()
    # Not dialable from us-east-1, but dialling rules apply when an agent uses it.
    paris = _create(directory, "Paris office", _phone("+33142685300"))
    assert paris.phone_number == "+33142685300"
    for bad in ("2065550100", "+1206555", "+0123456789", "tel:+12065550100"):
        with pytest.raises(InvalidParameter, match=r"PhoneConfig\.PhoneNumber"):
            create_quick_connect(directory, _env(), name="Bad", config=_phone(bad))


def test_names_are_unique_on_create_and_rename() -> None:
    directory = new_directory()
    _create(directory, "Pager", _phone("+12065550101"))
    other = _create(directory, "Escalations", _phone("+12065550102"))
    with pytest.raises(DuplicateResource, match="Pager"):
        create_quick_connect(directory, _env(), name="Pager", config=_phone("+12065550103"))
    with pytest.raises(DuplicateResource, match="Pager"):
        update_quick_connect_name(directory, _env(), other.id, name="Pager")
    # Keeping one's own name is no clash.
    same = run(directory, update_quick_connect_name(directory, _env(), other.id, name=other.name))
    assert same.name == "Escalations"


def test_rename_changes_only_what_is_given_and_an_empty_description_clears_it() -> None:
    directory = new_directory()
    pager = _create(directory, "Pager", _phone("+12065550101"), description="On call")
    renamed = run(directory, update_quick_connect_name(directory, _env(), pager.id, name="Bleep"))
    assert (renamed.name, renamed.description) == ("Bleep", "On call")
    cleared = run(directory, update_quick_connect_name(directory, _env(), pager.id, description=""))
    assert (cleared.name, cleared.description) == ("Bleep", None)
    with pytest.raises(InvalidParameter, match="Name"):
        update_quick_connect_name(directory, _env(), pager.id)


def test_the_config_can_change_type_and_nothing_of_the_old_one_stays() -> None:
    directory = new_directory()
    user = add_agent(directory)
    quick_connect = _create(
        directory,
        "Maria",
        QuickConnectConfig(
            QuickConnectType.USER,
            user=UserConfig(user.id, _flow_id(directory, "Default agent transfer")),
        ),
    )
    updated = run(
        directory,
        update_quick_connect_config(
            directory, _env("eu-west-2"), quick_connect.id, _phone("+12065550100")
        ),
    )
    assert updated.quick_connect_type is QuickConnectType.PHONE_NUMBER
    assert updated.phone_number == "+12065550100"
    assert (updated.user_id, updated.contact_flow_id) == (None, None)
    assert updated.last_modified_region == "eu-west-2"


def test_a_bad_config_update_leaves_the_quick_connect_as_it_was() -> None:
    directory = new_directory()
    pager = _create(directory, "Pager", _phone("+12065550101"))
    with pytest.raises(InvalidParameter):
        update_quick_connect_config(directory, _env(), pager.id, _phone("12345"))
    assert directory.require(QuickConnect, pager.id) == pager


def test_deleting_an_unknown_quick_connect_is_not_found() -> None:
    directory = new_directory()
    with pytest.raises(ResourceNotFound, match="'ghost'"):
        delete_quick_connect(directory, _env(), "ghost")


def _search_directory() -> Directory:
    directory = new_directory()
    _create(directory, "Support Tier 2", _phone("+12065550101"), "Second line", {"team": "a"})
    _create(directory, "Billing", _phone("+12065550102"), "Invoices and support", {"team": "b"})
    _create(directory, "Pager", _phone("+12065550103"), None, {"team": "a", "oncall": "yes"})
    return directory


def _names(found: object) -> list[str]:
    assert isinstance(found, list)
    return [q.name for q in found]


def test_search_compares_name_description_and_id_without_regard_to_case() -> None:
    directory = _search_directory()

    def by(field: str, value: str, comparison: StringComparison) -> list[str]:
        criteria = SearchCriteria(string_condition=StringCondition(field, value, comparison))
        return _names(search_quick_connects(directory, criteria))

    assert by("name", "support", StringComparison.STARTS_WITH) == ["Support Tier 2"]
    assert by("description", "SUPPORT", StringComparison.CONTAINS) == ["Billing"]
    assert by("name", "pager", StringComparison.EXACT) == ["Pager"]
    assert by("name", "Pag", StringComparison.EXACT) == []
    pager = directory.find_by_name(QuickConnect, "Pager")
    assert pager is not None
    assert by("resourceID", pager.id, StringComparison.EXACT) == ["Pager"]


def test_search_combines_and_or_conditions() -> None:
    directory = _search_directory()

    def name(value: str, comparison: StringComparison) -> SearchCriteria:
        return SearchCriteria(string_condition=StringCondition("name", value, comparison))

    either = SearchCriteria(
        or_conditions=(
            name("Billing", StringComparison.EXACT),
            name("Pager", StringComparison.EXACT),
        )
    )
    assert _names(search_quick_connects(directory, either)) == ["Billing", "Pager"]
    both = SearchCriteria(
        and_conditions=(
            name("i", StringComparison.CONTAINS),
            SearchCriteria(
                string_condition=StringCondition("description", "line", StringComparison.CONTAINS)
            ),
        )
    )
    assert _names(search_quick_connects(directory, both)) == ["Support Tier 2"]
    assert len(search_quick_connects(directory, SearchCriteria())) == 3


def test_search_filters_on_tags() -> None:
    directory = _search_directory()
    team_a = TagFilter(tag_condition=TagCondition("team", "a"))
    assert _names(search_quick_connects(directory, tag_filter=team_a)) == [
        "Support Tier 2",
        "Pager",
    ]
    on_call_in_a = TagFilter(and_conditions=(TagCondition("team", "a"), TagCondition("oncall")))
    assert _names(search_quick_connects(directory, tag_filter=on_call_in_a)) == ["Pager"]
    b_or_on_call = TagFilter(
        or_conditions=((TagCondition("team", "b"),), (TagCondition("oncall", "yes"),))
    )
    assert _names(search_quick_connects(directory, tag_filter=b_or_on_call)) == [
        "Billing",
        "Pager",
    ]


def test_search_refuses_fields_it_cannot_compare() -> None:
    with pytest.raises(InvalidParameter, match="'phoneNumber'"):
        StringCondition("phoneNumber", "+1", StringComparison.STARTS_WITH)
