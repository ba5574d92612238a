"""Routing profiles decide which queues an agent is offered contacts from, and how many at once."""

from __future__ import annotations

from dataclasses import replace

import pytest

from opencontact.domain.base import Channel, Put
from opencontact.domain.directory import Directory
from opencontact.domain.errors import (
    DuplicateResource,
    InvalidParameter,
    LimitExceeded,
    ResourceInUse,
    ResourceNotFound,
)
from opencontact.domain.queues import Queue, QueueType
from opencontact.domain.routing_profiles import (
    MAX_QUEUES,
    AgentAvailabilityTimer,
    CrossChannelBehavior,
    MediaConcurrency,
    QueueReference,
    RoutingProfile,
    RoutingProfileQueue,
    associate_routing_profile_queues,
    create_routing_profile,
    delete_routing_profile,
    disassociate_routing_profile_queues,
    update_routing_profile_agent_availability_timer,
    update_routing_profile_concurrency,
    update_routing_profile_default_outbound_queue,
    update_routing_profile_name,
    update_routing_profile_queues,
    users_of,
)
from tests.support.domain import NOW, add_agent, fixed_env, new_directory, run

VOICE_ONLY = [MediaConcurrency(Channel.VOICE, 1)]


def _basic_queue(directory: Directory) -> Queue:
    queue = directory.find_by_name(Queue, "BasicQueue")
    assert queue is not None
    return queue


def _add_queue(
    directory: Directory, name: str, queue_type: QueueType = QueueType.STANDARD
) -> Queue:
    queue_id = f"queue-{name}"
    queue = Queue(
        id=queue_id,
        arn=directory.arn_for(Queue, queue_id),
        name=name,
        queue_type=queue_type,
        last_modified_time=NOW,
        last_modified_region="us-east-1",
    )
    directory.apply([Put(queue)])
    return queue


def _create(directory: Directory, name: str = "Sales", **overrides: object) -> RoutingProfile:
    request: dict[str, object] = {
        "name": name,
        "description": "Sales agents",
        "default_outbound_queue": _basic_queue(directory).id,
        "media_concurrencies": VOICE_ONLY,
        **overrides,
    }
    env = replace(fixed_env(), new_id=lambda: f"profile-{name}")
    outcome = create_routing_profile(directory, env, **request)  # type: ignore[arg-type]
    return run(directory, outcome)


def _stored(directory: Directory, profile: RoutingProfile) -> RoutingProfile:
    return directory.require(RoutingProfile, profile.id)


def test_a_new_profile_takes_queues_by_id_or_arn_and_stores_their_ids() -> None:
    directory = new_directory()
    sales = _add_queue(directory, "Sales")
    profile = _create(
        directory,
        default_outbound_queue=sales.arn,
        media_concurrencies=[MediaConcurrency(Channel.VOICE, 1), MediaConcurrency(Channel.CHAT, 3)],
        queue_configs=[
            RoutingProfileQueue(sales.arn, Channel.VOICE, priority=1, delay=0),
            RoutingProfileQueue(_basic_queue(directory).id, Channel.CHAT, priority=2, delay=30),
        ],
    )
    assert profile.arn.endswith(f"/routing-profile/{profile.id}")
    assert profile.default_outbound_queue_id == sales.id
    assert profile.queue_configs == (
        RoutingProfileQueue(sales.id, Channel.VOICE, 1, 0),
        RoutingProfileQueue(_basic_queue(directory).id, Channel.CHAT, 2, 30),
    )
    assert profile.queue_ids == [sales.id, _basic_queue(directory).id]
    assert profile.concurrency(Channel.CHAT) == 3
    assert profile.concurrency(Channel.TASK) == 0
    assert profile.agent_availability_timer is AgentAvailabilityTimer.TIME_SINCE_LAST_ACTIVITY
    assert profile.media_concurrencies[0].cross_channel_behavior is (
        CrossChannelBehavior.ROUTE_CURRENT_CHANNEL_ONLY
    )
    assert not profile.is_default


def test_every_new_instance_has_a_default_basic_routing_profile() -> None:
    directory = new_directory()
    basic = directory.find_by_name(RoutingProfile, "Basic Routing Profile")
    assert basic is not None
    assert basic.is_default
    assert basic.queue_ids == [_basic_queue(directory).id]


@pytest.mark.parametrize(
    ("media", "message"),
    [
        ([MediaConcurrency(Channel.VOICE, 2)], "VOICE must be exactly 1, not 2"),
        ([MediaConcurrency(Channel.CHAT, 0)], "CHAT must be between 1 and 10, not 0"),
        ([MediaConcurrency(Channel.TASK, 11)], "TASK must be between 1 and 10, not 11"),
        (
            [MediaConcurrency(Channel.CHAT, 2), MediaConcurrency(Channel.CHAT, 3)],
            "CHAT more than once",
        ),
        ([], "at least one channel"),
    ],
)
def test_concurrency_follows_what_connect_allows_per_channel(
    media: list[MediaConcurrency], message: str
) -> None:
    directory = new_directory()
    with pytest.raises(InvalidParameter, match=message):
        _create(directory, media_concurrencies=media)
    profile = _create(directory)
    with pytest.raises(InvalidParameter, match=message):
        update_routing_profile_concurrency(
            directory, fixed_env(), profile.id, media_concurrencies=media
        )


def test_concurrency_update_replaces_the_channels() -> None:
    directory = new_directory()
    profile = _create(directory)
    media = [
        MediaConcurrency(Channel.CHAT, 10, CrossChannelBehavior.ROUTE_ANY_CHANNEL),
        MediaConcurrency(Channel.EMAIL, 1),
    ]
    updated = run(
        directory,
        update_routing_profile_concurrency(
            directory, fixed_env(), profile.id, media_concurrencies=media
        ),
    )
    assert updated.media_concurrencies == tuple(media)
    assert updated.concurrency(Channel.VOICE) == 0


def test_only_existing_standard_queues_can_be_used() -> None:
    directory = new_directory()
    agent_queue = _add_queue(directory, "agent", QueueType.AGENT)
    with pytest.raises(ResourceNotFound, match="no-such-queue"):
        _create(directory, default_outbound_queue="no-such-queue")
    with pytest.raises(InvalidParameter, match="standard queues only"):
        _create(directory, default_outbound_queue=agent_queue.id)
    with pytest.raises(InvalidParameter, match="standard queues only"):
        _create(
            directory,
            queue_configs=[RoutingProfileQueue(agent_queue.arn, Channel.VOICE, 1, 0)],
        )
    with pytest.raises(ResourceNotFound, match="missing"):
        _create(directory, queue_configs=[RoutingProfileQueue("missing", Channel.VOICE, 1, 0)])
    assert [p.name for p in directory.all(RoutingProfile)] == ["Basic Routing Profile"]


def test_priority_and_delay_must_be_in_range() -> None:
    directory = new_directory()
    basic = _basic_queue(directory).id
    with pytest.raises(InvalidParameter, match=r"Priority .* between 1 and 99, not 100"):
        _create(directory, queue_configs=[RoutingProfileQueue(basic, Channel.VOICE, 100, 0)])
    with pytest.raises(InvalidParameter, match=r"Delay .* between 0 and 9999 seconds, not -1"):
        _create(directory, queue_configs=[RoutingProfileQueue(basic, Channel.VOICE, 1, -1)])


def test_names_are_unique_on_create_and_rename() -> None:
    directory = new_directory()
    profile = _create(directory)
    with pytest.raises(DuplicateResource, match="Basic Routing Profile"):
        _create(directory, name="Basic Routing Profile")
    with pytest.raises(DuplicateResource, match="Basic Routing Profile"):
        update_routing_profile_name(
            directory, fixed_env(), profile.id, name="Basic Routing Profile"
        )


def test_rename_changes_only_what_is_given() -> None:
    directory = new_directory()
    profile = _create(directory)
    later = replace(fixed_env(), now=NOW.replace(hour=12), region="eu-west-2")
    renamed = run(
        directory, update_routing_profile_name(directory, later, profile.arn, description="New")
    )
    assert (renamed.name, renamed.description) == ("Sales", "New")
    assert renamed.last_modified_time == NOW.replace(hour=12)
    assert renamed.last_modified_region == "eu-west-2"
    with pytest.raises(InvalidParameter, match="Name, a Description"):
        update_routing_profile_name(directory, fixed_env(), profile.id)


def test_associating_adds_pairs_and_refuses_a_pair_already_there() -> None:
    directory = new_directory()
    basic = _basic_queue(directory)
    sales = _add_queue(directory, "Sales")
    profile = _create(directory, queue_configs=[RoutingProfileQueue(basic.id, Channel.VOICE, 1, 0)])
    run(
        directory,
        associate_routing_profile_queues(
            directory,
            fixed_env(),
            profile.id,
            queue_configs=[
                RoutingProfileQueue(sales.arn, Channel.VOICE, 2, 10),
                RoutingProfileQueue(basic.id, Channel.CHAT, 3, 0),
            ],
        ),
    )
    assert [(c.queue_id, c.channel) for c in _stored(directory, profile).queue_configs] == [
        (basic.id, Channel.VOICE),
        (sales.id, Channel.VOICE),
        (basic.id, Channel.CHAT),
    ]
    with pytest.raises(InvalidParameter, match=r"'BasicQueue' .* VOICE is already associated"):
        associate_routing_profile_queues(
            directory,
            fixed_env(),
            profile.id,
            queue_configs=[RoutingProfileQueue(basic.arn, Channel.VOICE, 5, 0)],
        )
    with pytest.raises(InvalidParameter, match=r"'Sales' .* TASK more than once"):
        associate_routing_profile_queues(
            directory,
            fixed_env(),
            profile.id,
            queue_configs=[
                RoutingProfileQueue(sales.id, Channel.TASK, 1, 0),
                RoutingProfileQueue(sales.arn, Channel.TASK, 2, 0),
            ],
        )


def test_a_profile_holds_at_most_fifty_queues() -> None:
    directory = new_directory()
    profile = _create(directory)
    for batch in range(5):
        queues = [_add_queue(directory, f"q{batch}-{n}") for n in range(10)]
        run(
            directory,
            associate_routing_profile_queues(
                directory,
                fixed_env(),
                profile.id,
                queue_configs=[RoutingProfileQueue(q.id, Channel.VOICE, 1, 0) for q in queues],
            ),
        )
    assert len(_stored(directory, profile).queue_ids) == MAX_QUEUES
    # Another channel of a queue already there is not another queue.
    run(
        directory,
        associate_routing_profile_queues(
            directory,
            fixed_env(),
            profile.id,
            queue_configs=[RoutingProfileQueue("queue-q0-0", Channel.CHAT, 1, 0)],
        ),
    )
    extra = _add_queue(directory, "one-too-many")
    with pytest.raises(LimitExceeded, match="at most 50 queues"):
        associate_routing_profile_queues(
            directory,
            fixed_env(),
            profile.id,
            queue_configs=[RoutingProfileQueue(extra.id, Channel.VOICE, 1, 0)],
        )


def test_updating_queues_changes_priority_and_delay_of_associated_pairs_only() -> None:
    directory = new_directory()
    basic = _basic_queue(directory)
    profile = _create(
        directory,
        queue_configs=[
            RoutingProfileQueue(basic.id, Channel.VOICE, 1, 0),
            RoutingProfileQueue(basic.id, Channel.CHAT, 1, 0),
        ],
    )
    run(
        directory,
        update_routing_profile_queues(
            directory,
            fixed_env(),
            profile.id,
            queue_configs=[RoutingProfileQueue(basic.arn, Channel.CHAT, 7, 120)],
        ),
    )
    assert _stored(directory, profile).queue_configs == (
        RoutingProfileQueue(basic.id, Channel.VOICE, 1, 0),
        RoutingProfileQueue(basic.id, Channel.CHAT, 7, 120),
    )
    with pytest.raises(InvalidParameter, match=r"'BasicQueue' .* TASK is not associated"):
        update_routing_profile_queues(
            directory,
            fixed_env(),
            profile.id,
            queue_configs=[RoutingProfileQueue(basic.id, Channel.TASK, 1, 0)],
        )


def test_disassociating_removes_pairs_and_refuses_one_that_is_not_there() -> None:
    directory = new_directory()
    basic = _basic_queue(directory)
    profile = _create(
        directory,
        queue_configs=[
            RoutingProfileQueue(basic.id, Channel.VOICE, 1, 0),
            RoutingProfileQueue(basic.id, Channel.CHAT, 1, 0),
        ],
    )
    with pytest.raises(InvalidParameter, match=r"'BasicQueue' .* TASK is not associated"):
        disassociate_routing_profile_queues(
            directory,
            fixed_env(),
            profile.id,
            references=[
                QueueReference(basic.id, Channel.VOICE),
                QueueReference(basic.id, Channel.TASK),
            ],
        )
    run(
        directory,
        disassociate_routing_profile_queues(
            directory,
            fixed_env(),
            profile.id,
            references=[QueueReference(basic.arn, Channel.VOICE)],
        ),
    )
    assert _stored(directory, profile).queue_configs == (
        RoutingProfileQueue(basic.id, Channel.CHAT, 1, 0),
    )
    with pytest.raises(InvalidParameter, match="At most 10 queue references"):
        disassociate_routing_profile_queues(
            directory,
            fixed_env(),
            profile.id,
            references=[QueueReference(basic.id, Channel.CHAT)] * 11,
        )


def test_default_outbound_queue_must_be_a_standard_queue() -> None:
    directory = new_directory()
    profile = _create(directory)
    sales = _add_queue(directory, "Sales")
    agent_queue = _add_queue(directory, "agent", QueueType.AGENT)
    updated = run(
        directory,
        update_routing_profile_default_outbound_queue(
            directory, fixed_env(), profile.id, default_outbound_queue=sales.arn
        ),
    )
    assert updated.default_outbound_queue_id == sales.id
    with pytest.raises(InvalidParameter, match="standard queues only"):
        update_routing_profile_default_outbound_queue(
            directory, fixed_env(), profile.id, default_outbound_queue=agent_queue.arn
        )


def test_agent_availability_timer_can_be_changed() -> None:
    directory = new_directory()
    profile = _create(
        directory, agent_availability_timer=AgentAvailabilityTimer.TIME_SINCE_LAST_INBOUND
    )
    assert profile.agent_availability_timer is AgentAvailabilityTimer.TIME_SINCE_LAST_INBOUND
    updated = run(
        directory,
        update_routing_profile_agent_availability_timer(
            directory,
            fixed_env(),
            profile.id,
            timer=AgentAvailabilityTimer.TIME_SINCE_LAST_ACTIVITY,
        ),
    )
    assert updated.agent_availability_timer is AgentAvailabilityTimer.TIME_SINCE_LAST_ACTIVITY


def test_a_profile_used_by_agents_cannot_be_deleted() -> None:
    directory = new_directory()
    profile = _create(directory)
    jdoe = add_agent(directory, "jdoe", routing_profile_id=profile.id)
    add_agent(directory, "asmith", routing_profile_id=profile.id)
    assert [u.unique_name for u in users_of(directory, profile)] == ["jdoe", "asmith"]
    with pytest.raises(ResourceInUse, match="'Sales' is used by user 'jdoe' and 1 more") as refused:
        delete_routing_profile(directory, profile.id)
    assert refused.value.resource_type == "user"
    assert refused.value.resource_id == jdoe.id


def test_the_default_profile_cannot_be_deleted() -> None:
    directory = new_directory()
    basic = directory.find_by_name(RoutingProfile, "Basic Routing Profile")
    assert basic is not None
    with pytest.raises(ResourceInUse, match="default routing profile"):
        delete_routing_profile(directory, basic.id)


def test_an_unused_profile_is_deleted_by_id_or_arn() -> None:
    directory = new_directory()
    first, second = _create(directory, "First"), _create(directory, "Second")
    run(directory, delete_routing_profile(directory, first.id))
    run(directory, delete_routing_profile(directory, second.arn))
    assert [p.name for p in directory.all(RoutingProfile)] == ["Basic Routing Profile"]
    with pytest.raises(ResourceNotFound, match=first.id):
        delete_routing_profile(directory, first.id)


def test_a_queue_in_a_profile_cannot_be_deleted_while_the_profile_uses_it() -> None:
    directory = new_directory()
    sales = _add_queue(directory, "Sales")
    _create(directory, queue_configs=[RoutingProfileQueue(sales.id, Channel.VOICE, 1, 0)])
    with pytest.raises(ResourceInUse, match="routing profile 'Sales'"):
        directory.check_not_in_use(sales)
