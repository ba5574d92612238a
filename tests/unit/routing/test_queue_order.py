"""Within a queue, contacts are served by priority, then by how long they have waited."""

from __future__ import annotations

from opencontact.routing import Offer, Router
from tests.unit.routing.builders import CHAT, VOICE, agent, at, contact, profile


def _router_with_one_agent() -> Router:
    router = Router()
    router.set_profile(profile("sales", [("q-sales", VOICE)]))
    return router


def _offered(offers: list[Offer]) -> list[str]:
    return [offer.contact_id for offer in offers]


def test_the_contact_waiting_longest_is_answered_first() -> None:
    router = _router_with_one_agent()
    router.add_contact(contact("late", "q-sales", enqueued=20))
    router.add_contact(contact("early", "q-sales", enqueued=5))
    router.add_contact(contact("middle", "q-sales", enqueued=10))
    assert router.match(at(30)) == []  # nobody to answer yet

    router.set_agent(agent("ann", "sales"))

    assert router.match(at(30)) == [Offer("early", "ann", VOICE, "q-sales")]


def test_a_higher_priority_contact_is_answered_before_older_ones() -> None:
    router = _router_with_one_agent()
    router.add_contact(contact("old", "q-sales", enqueued=0))
    router.add_contact(contact("vip", "q-sales", enqueued=50, priority=1))
    router.set_agent(agent("ann", "sales"))

    assert _offered(router.match(at(60))) == ["vip"]


def test_contacts_enqueued_at_the_same_moment_are_answered_in_the_order_they_joined() -> None:
    router = _router_with_one_agent()
    for name in ["first", "second", "third"]:
        router.add_contact(contact(name, "q-sales", enqueued=10))
    router.set_agent(agent("ann", "sales"))

    assert _offered(router.match(at(10))) == ["first"]


def test_a_queue_time_adjustment_moves_a_contact_ahead_of_contacts_that_waited_longer() -> None:
    router = _router_with_one_agent()
    router.add_contact(contact("waited-30s", "q-sales", enqueued=0))
    # Joined 10 s later but counts as if it had waited 45 s more.
    router.add_contact(contact("bumped", "q-sales", enqueued=10, adjust=45))
    router.set_agent(agent("ann", "sales"))

    assert _offered(router.match(at(30))) == ["bumped"]


def test_a_negative_time_adjustment_sends_a_contact_behind_newer_ones() -> None:
    router = _router_with_one_agent()
    router.add_contact(contact("demoted", "q-sales", enqueued=0, adjust=-600))
    router.add_contact(contact("newer", "q-sales", enqueued=20))
    router.set_agent(agent("ann", "sales"))

    assert _offered(router.match(at(30))) == ["newer"]


def test_changing_a_waiting_contacts_priority_changes_its_turn() -> None:
    router = _router_with_one_agent()
    router.add_contact(contact("a", "q-sales", enqueued=0))
    router.add_contact(contact("b", "q-sales", enqueued=5))
    router.add_contact(contact("b", "q-sales", enqueued=5, priority=2))  # Set routing priority
    router.set_agent(agent("ann", "sales"))

    assert _offered(router.match(at(10))) == ["b"]
    assert router.contact("a") is not None
    assert router.contact("b") is None


def test_a_contact_on_a_channel_the_agent_does_not_take_keeps_waiting() -> None:
    router = _router_with_one_agent()
    router.add_contact(contact("chat", "q-sales", channel=CHAT))
    router.set_agent(agent("ann", "sales"))

    assert router.match(at(1)) == []
    assert router.contacts_waiting == 1


def test_updating_a_contacts_routing_keeps_its_place_among_contacts_that_joined_with_it() -> None:
    router = _router_with_one_agent()
    router.add_contact(contact("first", "q-sales", enqueued=10))
    router.add_contact(contact("second", "q-sales", enqueued=10))
    router.add_contact(contact("first", "q-sales", enqueued=10, adjust=0.0))  # no real change
    router.set_agent(agent("ann", "sales"))

    assert _offered(router.match(at(10))) == ["first"]
