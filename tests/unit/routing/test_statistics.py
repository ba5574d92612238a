"""Queue statistics the flows read: contacts in queue, oldest contact, agents per state."""

from __future__ import annotations

from opencontact.domain.agent_statuses import AgentStatusType
from opencontact.domain.routing_profiles import MediaConcurrency
from opencontact.routing import QueueStats, Router
from tests.unit.routing.builders import CHAT, VOICE, agent, at, contact, profile


def _router() -> Router:
    router = Router()
    media = [MediaConcurrency(VOICE, 1), MediaConcurrency(CHAT, 2)]
    router.set_profile(profile("sales", [("sales", VOICE), ("sales", CHAT)], media=media))
    router.set_profile(profile("other", [("elsewhere", VOICE)]))
    return router


def test_an_empty_queue_with_nobody_serving_it() -> None:
    assert Router().queue_stats("q", at(0)) == QueueStats("q")


def test_contacts_in_queue_and_the_oldest_contacts_real_age() -> None:
    router = _router()
    router.add_contact(contact("call", "sales", enqueued=10))
    router.add_contact(contact("chat", "sales", channel=CHAT, enqueued=25, adjust=300))
    router.add_contact(contact("not-here", "elsewhere", enqueued=0))

    stats = router.queue_stats("sales", at(40))
    chats = router.queue_stats("sales", at(40), channel=CHAT)

    assert (stats.contacts_in_queue, stats.oldest_contact_age_seconds) == (2, 30.0)
    assert (chats.contacts_in_queue, chats.oldest_contact_age_seconds) == (1, 15.0)


def test_agents_serving_a_queue_are_counted_by_state() -> None:
    router = _router()
    router.set_agent(agent("available", "sales"))
    router.set_agent(agent("on-call", "sales", busy={VOICE: 1}))
    router.set_agent(agent("wrapping-up", "sales", busy={CHAT: 2}, after_contact_work=2))
    router.set_agent(agent("missed", "sales", system_state="MISSED"))
    router.set_agent(agent("lunch", "sales", status=AgentStatusType.CUSTOM))
    router.set_agent(agent("offline", "sales", status=AgentStatusType.OFFLINE))
    router.set_agent(agent("other-queue", "other"))

    stats = router.queue_stats("sales", at(0))

    assert stats == QueueStats(
        queue_id="sales",
        agents_online=5,
        agents_available=1,
        agents_staffed=4,
        agents_after_contact_work=2,
        agents_busy=2,
        agents_missed=1,
        agents_non_productive=1,
    )


def test_an_offer_makes_the_agent_busy_and_the_queue_shorter() -> None:
    router = _router()
    router.set_agent(agent("ann", "sales"))
    router.add_contact(contact("call", "sales"))
    router.match(at(1))

    stats = router.queue_stats("sales", at(1))

    assert (stats.contacts_in_queue, stats.agents_available, stats.agents_busy) == (0, 0, 1)


def test_an_agent_queue_counts_its_owner() -> None:
    router = _router()
    router.set_agent(agent("bob", "sales", busy={VOICE: 1}))
    router.add_contact(contact("transfer", "agent-q-bob", agent_id="bob", enqueued=0))

    stats = router.queue_stats("agent-q-bob", at(12), owner_id="bob")

    assert (stats.contacts_in_queue, stats.oldest_contact_age_seconds) == (1, 12.0)
    assert (stats.agents_online, stats.agents_busy, stats.agents_available) == (1, 1, 0)
