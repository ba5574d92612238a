"""The engine reports changes; the router offers only what is still possible."""

from __future__ import annotations

import pytest

from opencontact.domain.routing_profiles import MediaConcurrency
from opencontact.routing import Router
from tests.unit.routing.builders import CHAT, VOICE, agent, at, contact, profile


def _router() -> Router:
    router = Router()
    router.set_profile(profile("basic", [("q", VOICE)]))
    return router


def test_a_contact_that_hung_up_is_never_offered() -> None:
    router = _router()
    router.add_contact(contact("gone", "q", enqueued=0))
    router.add_contact(contact("still-here", "q", enqueued=1))

    assert router.remove_contact("gone") is True
    router.set_agent(agent("ann", "basic"))

    assert [o.contact_id for o in router.match(at(2))] == ["still-here"]
    assert router.remove_contact("gone") is False


def test_an_agent_who_logged_out_is_never_offered_a_contact() -> None:
    router = _router()
    router.set_agent(agent("leaving", "basic", since=0))
    router.set_agent(agent("staying", "basic", since=10))

    assert router.remove_agent("leaving") is True
    router.add_contact(contact("c", "q", enqueued=20))

    assert [o.user_id for o in router.match(at(20))] == ["staying"]
    assert router.agent("leaving") is None


def test_an_offer_is_made_once_even_if_match_is_called_again_before_the_engine_confirms() -> None:
    router = _router()
    router.set_agent(agent("ann", "basic"))
    router.add_contact(contact("c1", "q", enqueued=0))
    router.add_contact(contact("c2", "q", enqueued=1))

    assert len(router.match(at(2))) == 1
    assert router.match(at(2)) == []
    assert router.contact("c1") is None
    assert router.contact("c2") is not None


def test_a_missed_contact_back_in_queue_keeps_its_place_and_goes_to_another_agent() -> None:
    router = _router()
    router.set_agent(agent("ann", "basic", since=0))
    router.add_contact(contact("c1", "q", enqueued=0))
    assert [o.user_id for o in router.match(at(1))] == ["ann"]
    router.add_contact(contact("c2", "q", enqueued=5))

    # Ann misses c1: it comes back with its enqueue time, and Ann is blocked.
    router.add_contact(contact("c1", "q", enqueued=0))
    router.set_agent(agent("ann", "basic", system_state="MISSED"))
    router.set_agent(agent("bob", "basic", since=21))

    assert [(o.contact_id, o.user_id) for o in router.match(at(21))] == [("c1", "bob")]


def test_an_agent_moved_to_another_profile_takes_that_profiles_queues() -> None:
    router = _router()
    router.set_profile(profile("chat", [("web", CHAT)], media=[MediaConcurrency(CHAT, 2)]))
    router.set_agent(agent("ann", "basic"))
    router.add_contact(contact("chat", "web", channel=CHAT))
    assert router.match(at(1)) == []

    router.set_agent(agent("ann", "chat"))

    assert [o.contact_id for o in router.match(at(2))] == ["chat"]


def test_a_queue_added_to_a_profile_is_served_by_its_agents_at_once() -> None:
    router = _router()
    router.set_agent(agent("ann", "basic"))
    router.add_contact(contact("c", "new-q"))
    assert router.match(at(1)) == []

    router.set_profile(profile("basic", [("q", VOICE), ("new-q", VOICE)]))

    assert [o.contact_id for o in router.match(at(2))] == ["c"]


def test_agents_of_a_removed_profile_take_nothing() -> None:
    router = _router()
    router.set_agent(agent("ann", "basic"))
    router.remove_profile("basic")
    router.add_contact(contact("c", "q"))

    assert router.match(at(1)) == []


def test_a_contact_cannot_be_both_in_a_standard_queue_and_an_agent_queue() -> None:
    router = _router()
    router.add_contact(contact("c1", "q"))

    with pytest.raises(ValueError, match="standard queue"):
        router.add_contact(contact("c2", "q", agent_id="ann"))
    assert router.contact("c2") is None


def test_a_queue_priority_below_1_is_refused() -> None:
    with pytest.raises(ValueError, match="priority must be 1 or more"):
        contact("c", "q", priority=0)
