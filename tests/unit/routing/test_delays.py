"""A routing profile's queue delay: its agents get a queue's contacts only once they have waited
that long (Connect's "Queues: priority and delay" examples)."""

from __future__ import annotations

from datetime import timedelta

from opencontact.routing import Router
from tests.unit.routing.builders import VOICE, agent, at, contact, profile


def _offered(router: Router, now: float) -> list[tuple[str, str]]:
    return [(offer.contact_id, offer.user_id) for offer in router.match(at(now))]


def test_a_delayed_queues_contact_is_offered_once_it_has_waited_the_delay() -> None:
    router = Router()
    router.set_profile(profile("backup", [("support", VOICE, 1, 30)]))
    router.set_agent(agent("ann", "backup"))
    router.add_contact(contact("c", "support", enqueued=0))

    assert _offered(router, 0) == []
    assert router.next_due(at(0)) == at(30)
    assert _offered(router, 29.999999) == []
    assert _offered(router, 30) == [("c", "ann")]
    assert router.next_due(at(30)) is None


def test_same_priority_different_delay_the_delayed_queue_joins_in_once_due() -> None:
    """Example 2: Sales priority 1 delay 0, Support priority 1 delay 30."""
    router = Router()
    router.set_profile(profile("sales", [("sales", VOICE, 1, 0), ("support", VOICE, 1, 30)]))
    router.add_contact(contact("support-1", "support", enqueued=0))
    router.add_contact(contact("sales-1", "sales", enqueued=10))
    router.add_contact(contact("sales-2", "sales", enqueued=15))

    router.set_agent(agent("ann", "sales", since=20))
    assert _offered(router, 20) == [("sales-1", "ann")]  # support-1 has waited only 20 s

    router.set_agent(agent("bob", "sales", since=35))
    # support-1 has now waited 35 s: it counts as priority 1 and is older than sales-2.
    assert _offered(router, 35) == [("support-1", "bob")]


def test_different_priorities_and_delays_priority_takes_precedence() -> None:
    """Example 3: Tier 1 and 2 (priority 1), Tier 3 (priority 2, 20 s), Tier 4 (3, 80 s)."""
    router = Router()
    steps = [("tier1", VOICE, 1, 0), ("tier2", VOICE, 1, 0)]
    steps += [("tier3", VOICE, 2, 20), ("tier4", VOICE, 3, 80)]
    router.set_profile(profile("support", steps))
    router.add_contact(contact("tier4-old", "tier4", enqueued=0))
    router.add_contact(contact("tier3", "tier3", enqueued=75))

    router.set_agent(agent("ann", "support", since=100))
    # Tier 4's contact waited 100 s, but Tier 3's (25 s, past its 20 s) comes first.
    assert _offered(router, 100) == [("tier3", "ann")]

    router.add_contact(contact("tier1", "tier1", enqueued=101))
    router.set_agent(agent("bob", "support", since=101))
    assert _offered(router, 101) == [("tier1", "bob")]

    router.set_agent(agent("cy", "support", since=102))
    assert _offered(router, 102) == [("tier4-old", "cy")]


def test_a_delay_lets_the_queues_own_agents_answer_first() -> None:
    router = Router()
    router.set_profile(profile("support", [("support", VOICE, 1, 0)]))
    router.set_profile(profile("overflow", [("support", VOICE, 1, 60)]))
    router.set_agent(agent("helper", "overflow", since=0))
    router.set_agent(agent("specialist", "support", since=5, busy={VOICE: 1}))
    router.add_contact(contact("c1", "support", enqueued=10))
    router.add_contact(contact("c2", "support", enqueued=20))

    assert _offered(router, 20) == []
    router.set_agent(agent("specialist", "support", since=40))
    assert _offered(router, 40) == [("c1", "specialist")]
    assert router.next_due(at(40)) == at(80)  # c2 reaches the overflow delay
    assert _offered(router, 80) == [("c2", "helper")]


def test_a_queue_time_adjustment_counts_towards_the_delay() -> None:
    router = Router()
    router.set_profile(profile("backup", [("support", VOICE, 1, 30)]))
    router.set_agent(agent("ann", "backup"))
    router.add_contact(contact("c", "support", enqueued=10, adjust=25))

    assert _offered(router, 10) == []
    assert router.next_due(at(10)) == at(15)
    assert _offered(router, 15) == [("c", "ann")]


def test_next_due_is_now_while_changes_wait_to_be_matched() -> None:
    router = Router()
    router.set_profile(profile("basic", [("q", VOICE)]))
    assert router.next_due(at(0)) is None

    router.add_contact(contact("c", "q"))

    assert router.next_due(at(1)) == at(1)
    router.match(at(1))
    assert router.next_due(at(1)) is None


def test_next_due_keeps_the_callers_timezone() -> None:
    from datetime import timezone

    tokyo = timezone(timedelta(hours=9))
    router = Router()
    router.set_profile(profile("backup", [("support", VOICE, 1, 30)]))
    router.add_contact(contact("c", "support", enqueued=0))
    router.match(at(0))

    due = router.next_due(at(0).astimezone(tokyo))

    assert due == at(30)
    assert due is not None
    assert due.utcoffset() == timedelta(hours=9)


def test_adding_a_delayed_queue_to_a_profile_schedules_contacts_already_waiting() -> None:
    router = Router()
    router.set_profile(profile("backup", [("other", VOICE)]))
    router.set_agent(agent("ann", "backup"))
    router.add_contact(contact("c", "support", enqueued=0))
    assert _offered(router, 5) == []

    router.set_profile(profile("backup", [("other", VOICE), ("support", VOICE, 2, 30)]))

    assert _offered(router, 6) == []
    assert router.next_due(at(6)) == at(30)
    assert _offered(router, 30) == [("c", "ann")]
