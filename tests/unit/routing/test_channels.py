"""Concurrency per channel, and what other channels an agent may get while on a contact."""

from __future__ import annotations

from collections.abc import Mapping

from opencontact.domain.base import Channel
from opencontact.domain.routing_profiles import MediaConcurrency
from opencontact.routing import Router
from tests.unit.routing.builders import ANY, CHAT, ONLY, TASK, VOICE, agent, at, contact, profile

QUEUES = [("q", VOICE), ("q", CHAT), ("q", TASK)]


def _router(media: list[MediaConcurrency], busy: Mapping[Channel, int] | None = None) -> Router:
    router = Router()
    router.set_profile(profile("omni", QUEUES, media=media))
    router.set_agent(agent("ann", "omni", busy=busy))
    return router


def _offered(router: Router, now: float) -> list[str]:
    return [offer.contact_id for offer in router.match(at(now))]


def test_an_agent_gets_as_many_chats_as_the_profile_allows_and_no_more() -> None:
    router = _router([MediaConcurrency(CHAT, 2)])
    for n in range(4):
        router.add_contact(contact(f"chat-{n}", "q", channel=CHAT, enqueued=n))

    assert _offered(router, 10) == ["chat-0", "chat-1"]
    assert _offered(router, 11) == []

    router.set_agent(agent("ann", "omni", busy={CHAT: 1}))  # one chat closed
    assert _offered(router, 12) == ["chat-2"]


def test_a_voice_call_takes_the_agents_only_voice_slot() -> None:
    router = _router([MediaConcurrency(VOICE, 1)], busy={VOICE: 1})
    router.add_contact(contact("call", "q"))

    assert _offered(router, 1) == []


def test_current_channel_only_an_agent_on_a_chat_gets_no_call_or_task() -> None:
    media = [MediaConcurrency(VOICE, 1), MediaConcurrency(CHAT, 3), MediaConcurrency(TASK, 2)]
    router = _router(media, busy={CHAT: 1})
    router.add_contact(contact("call", "q", channel=VOICE, enqueued=0))
    router.add_contact(contact("task", "q", channel=TASK, enqueued=1))
    router.add_contact(contact("chat", "q", channel=CHAT, enqueued=2))

    assert _offered(router, 5) == ["chat"]


def test_current_channel_only_a_fully_idle_agent_gets_whichever_channel_waited_longest() -> None:
    media = [MediaConcurrency(VOICE, 1), MediaConcurrency(CHAT, 3)]
    router = _router(media)
    router.add_contact(contact("chat", "q", channel=CHAT, enqueued=0))
    router.add_contact(contact("call", "q", channel=VOICE, enqueued=1))

    # The chat goes first; then the agent is on a chat and the call must wait.
    assert _offered(router, 5) == ["chat"]
    assert router.contacts_waiting == 1


def test_any_channel_an_agent_on_a_task_is_also_offered_a_chat_and_a_call() -> None:
    media = [
        MediaConcurrency(VOICE, 1, ONLY),
        MediaConcurrency(CHAT, 2, ONLY),
        MediaConcurrency(TASK, 1, ANY),
    ]
    router = _router(media, busy={TASK: 1})
    router.add_contact(contact("call", "q", channel=VOICE, enqueued=1))

    assert _offered(router, 5) == ["call"]


def test_connects_cross_channel_example_step_by_step() -> None:
    """Amazon Connect's "Example of how a contact is routed with cross-channel concurrency":
    voice 1 and chat 2 allow no other channel meanwhile; task 1 allows any other channel."""
    media = [
        MediaConcurrency(VOICE, 1, ONLY),
        MediaConcurrency(CHAT, 2, ONLY),
        MediaConcurrency(TASK, 1, ANY),
    ]
    router = _router(media)

    # 1. Idle, the agent is offered a chat; a task arriving meanwhile is not offered.
    router.add_contact(contact("chat-1", "q", channel=CHAT, enqueued=0))
    assert _offered(router, 0) == ["chat-1"]
    router.add_contact(contact("task-1", "q", channel=TASK, enqueued=1))
    assert _offered(router, 1) == []
    # 2. Another chat: the second chat slot.
    router.add_contact(contact("chat-2", "q", channel=CHAT, enqueued=2))
    assert _offered(router, 2) == ["chat-2"]
    # 3. Both chats closed: fully idle again, so the waiting task is offered.
    router.set_agent(agent("ann", "omni", since=3))
    assert _offered(router, 3) == ["task-1"]
    # 4. On a task, which allows other channels: a new chat is offered.
    router.add_contact(contact("chat-3", "q", channel=CHAT, enqueued=4))
    assert _offered(router, 4) == ["chat-3"]
    # 5. A call: the agent's chat allows no other channel, so no.
    router.add_contact(contact("call-1", "q", channel=VOICE, enqueued=5))
    assert _offered(router, 5) == []
    # 6. The chat is done; only the task is left, so the call is offered.
    router.set_agent(agent("ann", "omni", since=3, busy={TASK: 1}))
    assert _offered(router, 6) == ["call-1"]
    # 7. Another task: the call allows no other channel, and the task slot is full anyway.
    router.add_contact(contact("task-2", "q", channel=TASK, enqueued=7))
    assert _offered(router, 7) == []
    router.set_agent(agent("ann", "omni", since=3, busy={TASK: 1}))  # the call ended
    assert _offered(router, 8) == []
    router.set_agent(agent("ann", "omni", since=9))  # and the task
    assert _offered(router, 9) == ["task-2"]


def test_a_channel_left_out_of_the_profile_is_never_routed() -> None:
    router = _router([MediaConcurrency(VOICE, 1)])
    router.add_contact(contact("task", "q", channel=TASK))

    assert _offered(router, 1) == []


def test_an_outbound_call_on_a_channel_the_profile_lacks_blocks_other_channels() -> None:
    router = _router([MediaConcurrency(CHAT, 2, ANY)], busy={VOICE: 1})
    router.add_contact(contact("chat", "q", channel=CHAT))

    assert _offered(router, 1) == []
