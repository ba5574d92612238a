"""Which agent gets a contact, and which contact an agent gets first."""

from __future__ import annotations

from opencontact.domain.routing_profiles import MediaConcurrency
from opencontact.routing import Offer, Router
from tests.unit.routing.builders import CHAT, VOICE, agent, at, contact, profile


def test_the_agent_available_longest_gets_the_next_contact() -> None:
    router = Router()
    router.set_profile(profile("basic", [("q", VOICE)]))
    router.set_agent(agent("recent", "basic", since=50))
    router.set_agent(agent("longest", "basic", since=10))
    router.set_agent(agent("middle", "basic", since=30))
    assert router.match(at(60)) == []

    router.add_contact(contact("c1", "q", enqueued=60))
    assert router.match(at(60)) == [Offer("c1", "longest", VOICE, "q")]

    router.add_contact(contact("c2", "q", enqueued=61))
    assert router.match(at(61)) == [Offer("c2", "middle", VOICE, "q")]


def test_contacts_waiting_for_several_agents_go_oldest_first_to_the_longest_available() -> None:
    router = Router()
    router.set_profile(profile("basic", [("q", VOICE)]))
    for name, enqueued in [("c-new", 30), ("c-old", 10), ("c-mid", 20)]:
        router.add_contact(contact(name, "q", enqueued=enqueued))
    router.set_agent(agent("b", "basic", since=5))
    router.set_agent(agent("a", "basic", since=1))

    offers = router.match(at(40))

    assert [(o.contact_id, o.user_id) for o in offers] == [("c-old", "a"), ("c-mid", "b")]
    assert router.contacts_waiting == 1


def test_an_idle_agent_is_preferred_over_one_already_handling_a_chat() -> None:
    router = Router()
    chats = [MediaConcurrency(CHAT, 3)]
    router.set_profile(profile("chat", [("q", CHAT)], media=chats))
    router.set_agent(agent("on-a-chat", "chat", since=0, busy={CHAT: 1}))
    router.set_agent(agent("idle", "chat", since=100))

    router.add_contact(contact("c", "q", channel=CHAT, enqueued=200))

    assert [o.user_id for o in router.match(at(200))] == ["idle"]


def test_an_agent_takes_its_profiles_priority_1_queue_before_an_older_priority_2_contact() -> None:
    router = Router()
    router.set_profile(profile("sales", [("support", VOICE, 2, 0), ("sales", VOICE, 1, 0)]))
    router.add_contact(contact("support-old", "support", enqueued=0))
    router.add_contact(contact("sales-new", "sales", enqueued=50))

    router.set_agent(agent("ann", "sales"))

    assert [o.contact_id for o in router.match(at(60))] == ["sales-new"]


def test_the_same_queues_can_be_ranked_differently_by_two_profiles() -> None:
    router = Router()
    router.set_profile(profile("sales", [("sales", VOICE, 1, 0), ("support", VOICE, 2, 0)]))
    router.set_profile(profile("support", [("support", VOICE, 1, 0), ("sales", VOICE, 2, 0)]))
    router.add_contact(contact("for-sales", "sales", enqueued=0))
    router.add_contact(contact("for-support", "support", enqueued=1))
    router.set_agent(agent("sam", "sales", since=0))
    router.set_agent(agent("sue", "support", since=1))

    offers = router.match(at(10))

    assert {(o.contact_id, o.user_id) for o in offers} == {
        ("for-sales", "sam"),
        ("for-support", "sue"),
    }


def test_queues_of_equal_priority_serve_the_oldest_contact_first() -> None:
    router = Router()
    router.set_profile(profile("p", [("sales", VOICE, 1, 0), ("support", VOICE, 1, 0)]))
    router.add_contact(contact("sales-new", "sales", enqueued=20))
    router.add_contact(contact("support-old", "support", enqueued=10))
    router.set_agent(agent("ann", "p"))

    assert [o.contact_id for o in router.match(at(30))] == ["support-old"]


def test_a_priority_1_contact_of_an_equally_ranked_queue_goes_before_older_contacts() -> None:
    router = Router()
    router.set_profile(profile("p", [("sales", VOICE, 1, 0), ("support", VOICE, 1, 0)]))
    router.add_contact(contact("sales-old", "sales", enqueued=0))
    router.add_contact(contact("support-vip", "support", enqueued=20, priority=1))
    router.set_agent(agent("ann", "p"))

    assert [o.contact_id for o in router.match(at(30))] == ["support-vip"]


def test_an_agent_in_missed_gets_nothing_until_they_choose_a_status_again() -> None:
    router = Router()
    router.set_profile(profile("basic", [("q", VOICE)]))
    router.set_agent(agent("ann", "basic", system_state="MISSED"))
    router.add_contact(contact("c", "q"))

    assert router.match(at(5)) == []

    router.set_agent(agent("ann", "basic", since=6))  # Ann sets Available again
    assert [o.user_id for o in router.match(at(6))] == ["ann"]


def test_agents_in_a_custom_status_or_offline_get_nothing() -> None:
    from opencontact.domain.agent_statuses import AgentStatusType

    router = Router()
    router.set_profile(profile("basic", [("q", VOICE)]))
    router.set_agent(agent("lunch", "basic", status=AgentStatusType.CUSTOM))
    router.set_agent(agent("gone", "basic", status=AgentStatusType.OFFLINE))
    router.add_contact(contact("c", "q"))

    assert router.match(at(5)) == []
    assert router.contacts_waiting == 1


def test_an_agent_whose_profile_the_router_does_not_know_gets_nothing() -> None:
    router = Router()
    router.set_agent(agent("ann", "unknown"))
    router.add_contact(contact("c", "q"))

    assert router.match(at(5)) == []
