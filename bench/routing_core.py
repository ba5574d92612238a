"""Routing core speed: the pure router alone, driven the way the engine drives it.

    .venv/bin/python -m bench.routing_core [--seconds 120] [--rate 200] [--handle 4.5]

The contact center: 1,000 agents over 50 queues. 25 routing profiles each take 6 queues on
voice and chat (priorities 1 to 3, one queue delayed 10 s and one 30 s), voice 1 and chat 3
at a time, no other channel while on one; 40 agents per profile. Contacts arrive at a fixed
rate (70 % voice, 30 % chat) into a random queue; an offer is accepted at once and the contact
holds the slot for an exponentially distributed handle time. Time is virtual and the run is
seeded, so every run routes the same contacts; only the router's own work is timed.

After every event the benchmark does what the engine does: report the change (`add_contact`,
`set_agent`, `remove_contact`), call `match(now)`, record the offers (`set_agent`,
`remove_contact`), and ask `next_due(now)` for a wake-up. Printed per scenario: offers made,
offers per second of router time, and the latency of `match()` and of a whole event
(change, match, confirmations, next_due) as p50 / p90 / p99 / max.

Scenarios: "steady" (200 arrivals/s, agents about 80 % busy), "overloaded" (350/s: queues
grow to thousands and each freed agent searches them), and "log-in burst" (5,000 contacts
waiting when all 1,000 agents log in at once: one `match()`).
"""

from __future__ import annotations

import argparse
import heapq
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from opencontact.domain.agent_statuses import AgentStatusType
from opencontact.domain.base import Channel
from opencontact.domain.routing_profiles import (
    MediaConcurrency,
    RoutingProfile,
    RoutingProfileQueue,
)
from opencontact.routing import AgentSlots, Router, WaitingContact

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
QUEUES = [f"queue-{n:02d}" for n in range(50)]
PROFILES = 25
AGENTS_PER_PROFILE = 40
MEDIA = (MediaConcurrency(Channel.VOICE, 1), MediaConcurrency(Channel.CHAT, 3))
STEPS = [(0, 1, 0), (1, 1, 0), (2, 2, 0), (3, 2, 10), (4, 3, 0), (5, 3, 30)]


def build_profiles() -> list[RoutingProfile]:
    profiles = []
    for n in range(PROFILES):
        configs = [
            RoutingProfileQueue(QUEUES[(2 * n + offset) % len(QUEUES)], channel, priority, delay)
            for offset, priority, delay in STEPS
            for channel in (Channel.VOICE, Channel.CHAT)
        ]
        profiles.append(
            RoutingProfile(
                id=f"profile-{n:02d}",
                arn=f"arn:aws:connect:us-east-1:123456789012:instance/i/routing-profile/{n}",
                name=f"Profile {n}",
                description="",
                media_concurrencies=MEDIA,
                default_outbound_queue_id=configs[0].queue_id,
                queue_configs=tuple(configs),
                last_modified_time=START,
                last_modified_region="us-east-1",
            )
        )
    return profiles


@dataclass
class Timings:
    match_ns: list[int] = field(default_factory=list)
    event_ns: list[int] = field(default_factory=list)
    router_ns: int = 0
    offers: int = 0


class Simulation:
    """The engine's side, reduced to what routing needs: agents' slots and contacts' ends."""

    def __init__(self, seed: int, handle_seconds: float) -> None:
        self.random = random.Random(seed)
        self.handle_seconds = handle_seconds
        self.router = Router()
        self.timings = Timings()
        self.busy: dict[str, dict[Channel, int]] = {}
        self.since: dict[str, datetime] = {}
        self.events: list[tuple[datetime, int, str, str]] = []
        self.sequence = 0
        self.wake_at: datetime | None = None
        self.contacts = 0
        self.event_ns = 0

    def open(self) -> None:
        for routing_profile in build_profiles():
            self.router.set_profile(routing_profile)
            for n in range(AGENTS_PER_PROFILE):
                user_id = f"{routing_profile.id}-agent-{n:02d}"
                self.busy[user_id] = {}
                self.since[user_id] = START - timedelta(seconds=self.random.uniform(0, 600))
                self.router.set_agent(self.slots(user_id, routing_profile.id))

    def slots(self, user_id: str, profile_id: str | None = None) -> AgentSlots:
        return AgentSlots(
            user_id=user_id,
            routing_profile_id=profile_id or user_id.rsplit("-agent-", 1)[0],
            status_type=AgentStatusType.ROUTABLE,
            available_since=self.since[user_id],
            busy=dict(self.busy[user_id]),
        )

    def schedule(self, at: datetime, kind: str, subject: str) -> None:
        self.sequence += 1
        heapq.heappush(self.events, (at, self.sequence, kind, subject))

    def new_contact(self, now: datetime) -> WaitingContact:
        self.contacts += 1
        channel = Channel.VOICE if self.random.random() < 0.7 else Channel.CHAT
        return WaitingContact(
            f"contact-{self.contacts}",
            self.random.choice(QUEUES),
            channel,
            now,
            queue_priority=1 if self.random.random() < 0.05 else 5,
        )

    def run(self, seconds: float, rate: float) -> None:
        end = START + timedelta(seconds=seconds)
        gap = timedelta(seconds=1 / rate)
        self.schedule(START, "arrival", "")
        while self.events:
            now, _, kind, subject = heapq.heappop(self.events)
            if now > end:
                break
            if kind == "wake" and now != self.wake_at:
                continue  # superseded by an earlier wake-up
            self.event_ns = 0
            if kind == "arrival":
                contact = self.new_contact(now)
                self.schedule(now + gap, "arrival", "")
                started = time.perf_counter_ns()
                self.router.add_contact(contact)
                self.event_ns += time.perf_counter_ns() - started
            elif kind == "end":
                user_id, channel = subject.split("|")
                self.busy[user_id][Channel(channel)] -= 1
                if not any(self.busy[user_id].values()):
                    self.since[user_id] = now
                slots = self.slots(user_id)
                started = time.perf_counter_ns()
                self.router.set_agent(slots)
                self.event_ns += time.perf_counter_ns() - started
            self.route(now)
            self.timings.event_ns.append(self.event_ns)
        self.timings.router_ns = sum(self.timings.event_ns)

    def route(self, now: datetime) -> None:
        """match(), then the engine's confirmations and wake-up; only router calls timed."""
        started = time.perf_counter_ns()
        offers = self.router.match(now)
        elapsed = time.perf_counter_ns() - started
        self.timings.match_ns.append(elapsed)
        self.event_ns += elapsed
        self.timings.offers += len(offers)
        for offer in offers:
            busy = self.busy[offer.user_id]
            busy[offer.channel] = busy.get(offer.channel, 0) + 1
            slots = self.slots(offer.user_id)
            started = time.perf_counter_ns()
            self.router.set_agent(slots)
            self.router.remove_contact(offer.contact_id)
            self.event_ns += time.perf_counter_ns() - started
            handle = self.random.expovariate(1 / self.handle_seconds)
            self.schedule(
                now + timedelta(seconds=handle), "end", f"{offer.user_id}|{offer.channel}"
            )
        started = time.perf_counter_ns()
        due = self.router.next_due(now)
        self.event_ns += time.perf_counter_ns() - started
        if self.wake_at is not None and self.wake_at <= now:
            self.wake_at = None
        if due is not None and due > now and (self.wake_at is None or due < self.wake_at):
            self.wake_at = due
            self.schedule(due, "wake", "")


def percentiles(samples_ns: list[int]) -> str:
    ordered = sorted(samples_ns)

    def at(fraction: float) -> float:
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] / 1000

    return (
        f"p50 {at(0.50):6.1f}  p90 {at(0.90):6.1f}  p99 {at(0.99):6.1f}  "
        f"p99.9 {at(0.999):7.1f}  max {ordered[-1] / 1000:8.1f} µs"
    )


def report(name: str, simulation: Simulation, virtual_seconds: float) -> None:
    timings = simulation.timings
    router_seconds = timings.router_ns / 1e9
    print(f"{name}: {virtual_seconds:.0f} s of traffic, {simulation.contacts} contacts")
    print(
        f"  offers {timings.offers}, still waiting {simulation.router.contacts_waiting}; "
        f"router time {router_seconds:.3f} s = {timings.offers / router_seconds:,.0f} offers/s"
    )
    print(f"  match():     {len(timings.match_ns):6} calls   {percentiles(timings.match_ns)}")
    print(f"  whole event: {len(timings.event_ns):6} calls   {percentiles(timings.event_ns)}")


def login_burst(waiting: int) -> None:
    simulation = Simulation(seed=7, handle_seconds=1)
    for routing_profile in build_profiles():
        simulation.router.set_profile(routing_profile)
    for n in range(waiting):
        simulation.router.add_contact(simulation.new_contact(START - timedelta(seconds=n * 0.01)))
    started = time.perf_counter_ns()
    simulation.open()
    opened = time.perf_counter_ns()
    offers = simulation.router.match(START + timedelta(seconds=60))
    matched = time.perf_counter_ns()
    print(f"log-in burst: {waiting} contacts waiting, 1,000 agents log in, one match()")
    login_ms = (opened - started) / 1e6
    match_seconds = (matched - opened) / 1e9
    print(
        f"  set_agent x1000 {login_ms:.1f} ms; match() {match_seconds * 1000:.1f} ms for "
        f"{len(offers)} offers = {len(offers) / match_seconds:,.0f} offers/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120, help="virtual seconds of traffic")
    parser.add_argument("--rate", type=float, default=200, help="arrivals per second (steady)")
    parser.add_argument("--handle", type=float, default=4.5, help="mean handle time, seconds")
    arguments = parser.parse_args()

    for name, rate in [("steady", arguments.rate), ("overloaded", arguments.rate * 1.75)]:
        simulation = Simulation(seed=1, handle_seconds=arguments.handle)
        simulation.open()
        simulation.run(arguments.seconds, rate)
        report(f"{name} ({rate:.0f} arrivals/s)", simulation, arguments.seconds)
    login_burst(5000)


if __name__ == "__main__":
    main()
