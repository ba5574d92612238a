"""Contacts sent to an agent's own queue go to that agent only, first, and without delay."""

from __future__ import annotations

from opencontact.domain.queues import Queue, QueueType
from opencontact.routing import Offer, Router, WaitingContact
from tests.unit.routing.builders import CHAT, T0, VOICE, agent, at, contact, profile


def _router() -> Router:
    router = Router()
    router.set_profile(profile("basic", [("basic-q", VOICE, 1, 30)]))
    return router


def test_a_transfer_to_an_agent_rings_that_agent_and_no_one_else() -> None:
    router = _router()
    router.set_agent(agent("longest-free", "basic", since=0))
    router.set_agent(agent("bob", "basic", since=50))
    router.add_contact(contact("transfer", "agent-q-bob", agent_id="bob", enqueued=60))

    assert router.match(at(60)) == [Offer("transfer", "bob", VOICE, "agent-q-bob")]


def test_an_agent_queue_contact_waits_for_its_busy_agent_even_when_others_are_free() -> None:
    router = _router()
    router.set_agent(agent("free", "basic"))
    router.set_agent(agent("bob", "basic", busy={VOICE: 1}))
    router.add_contact(contact("transfer", "agent-q-bob", agent_id="bob"))

    assert router.match(at(1)) == []

    router.set_agent(agent("bob", "basic", since=2))
    assert [o.user_id for o in router.match(at(2))] == ["bob"]


def test_an_agent_queue_contact_comes_before_older_standard_queue_contacts() -> None:
    router = _router()
    router.add_contact(contact("old-standard", "basic-q", enqueued=0))
    router.add_contact(contact("transfer", "agent-q-bob", agent_id="bob", enqueued=100))

    router.set_agent(agent("bob", "basic", since=100))

    assert [o.contact_id for o in router.match(at(100))] == ["transfer"]


def test_an_agent_queue_contact_is_not_held_back_by_the_profiles_delay() -> None:
    router = _router()  # basic-q has a 30 s delay
    router.set_agent(agent("bob", "basic"))
    router.add_contact(contact("standard", "basic-q", enqueued=10))
    router.add_contact(contact("transfer", "agent-q-bob", agent_id="bob", enqueued=10))

    assert [o.contact_id for o in router.match(at(10))] == ["transfer"]


def test_an_agent_queue_contact_still_needs_a_free_slot_on_its_channel() -> None:
    router = _router()  # voice only
    router.set_agent(agent("bob", "basic"))
    router.add_contact(contact("chat", "agent-q-bob", agent_id="bob", channel=CHAT))

    assert router.match(at(1)) == []


def test_a_contact_in_a_queue_of_type_agent_is_addressed_to_its_user() -> None:
    queue = Queue(
        id="agent-q-bob",
        arn="arn:aws:connect:us-east-1:123456789012:instance/i/queue/agent/bob",
        name="",
        queue_type=QueueType.AGENT,
        user_id="bob",
        last_modified_time=T0,
        last_modified_region="us-east-1",
    )

    waiting = WaitingContact.in_queue(queue, "c1", VOICE, T0, queue_priority=2)

    assert (waiting.agent_id, waiting.queue_id, waiting.queue_priority) == ("bob", queue.id, 2)


def test_a_profile_naming_an_agent_queue_does_not_reach_its_contacts() -> None:
    router = Router()
    router.set_profile(profile("odd", [("agent-q-bob", VOICE)]))  # refused by the domain anyway
    router.set_agent(agent("ann", "odd"))
    router.add_contact(contact("transfer", "agent-q-bob", agent_id="bob"))

    assert router.match(at(1)) == []
