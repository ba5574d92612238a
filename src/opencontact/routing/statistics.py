"""Queue statistics flows read (Check queue status, Get queue metrics, `$.Metrics`).

Definitions follow Amazon Connect's real-time metrics
(https://docs.aws.amazon.com/connect/latest/adminguide/real-time-metrics-definitions.html).
An agent counts for a queue when their routing profile takes contacts from it (on the given
channel, when one is given); an agent queue belongs to no profile, so its agent counts are
those of its owner, when the caller names them.
"""

from __future__ import annotations

from dataclasses import dataclass

from opencontact.domain.base import Channel
from opencontact.routing.agents import Roster, Tally
from opencontact.routing.profiles import ProfileIndex
from opencontact.routing.timeline import MICROS_PER_SECOND
from opencontact.routing.waiting import WaitingRoom


@dataclass(frozen=True)
class QueueStats:
    queue_id: str
    # CONTACTS_IN_QUEUE: contacts waiting (an offered contact has left the queue).
    contacts_in_queue: int = 0
    # OLDEST_CONTACT_AGE: how long the contact waiting longest has actually been in the
    # queue (its real enqueue time; a queue time adjustment changes routing, not this).
    oldest_contact_age_seconds: float = 0.0
    # AGENTS_ONLINE: chosen status other than Offline (Available or a custom status).
    agents_online: int = 0
    # AGENTS_AVAILABLE: Available, no Missed/Rejected/Error, and no contact at all.
    agents_available: int = 0
    # AGENTS_STAFFED: online and not in a custom status, i.e. chosen status Available.
    agents_staffed: int = 0
    # AGENTS_AFTER_CONTACT_WORK: like Connect's ACW, a count of *contacts* in after contact
    # work, not of agents.
    agents_after_contact_work: int = 0
    # Agents holding at least one contact slot (offered, connected, on hold or in ACW).
    agents_busy: int = 0
    # AGENTS_ERROR: agents in a Missed, Rejected or Error state.
    agents_missed: int = 0
    # AGENTS_NON_PRODUCTIVE: chosen status is a custom one (Break, Lunch...).
    agents_non_productive: int = 0


def queue_stats(
    waiting: WaitingRoom,
    roster: Roster,
    index: ProfileIndex,
    queue_id: str,
    now_us: int,
    channel: Channel | None,
    owner_id: str | None,
) -> QueueStats:
    lanes = waiting.lanes_of_queue(queue_id)
    if channel is not None:
        lanes = {channel: lanes[channel]} if channel in lanes else {}
    contacts = sum(len(lane) for lane in lanes.values())
    oldest_us = min((lane.oldest_enqueued_us() for lane in lanes.values()), default=None)
    age = 0.0 if oldest_us is None else max(0, now_us - oldest_us) / MICROS_PER_SECOND

    agents = Tally()
    if owner_id is not None:
        owner = roster.get(owner_id)
        if owner is not None:
            agents.count(owner)
    else:
        for profile_id in index.profiles_of_queue(queue_id, channel):
            tally = roster.tally(profile_id)
            if tally is not None:
                agents.add(tally)
    return QueueStats(
        queue_id=queue_id,
        contacts_in_queue=contacts,
        oldest_contact_age_seconds=age,
        agents_online=agents.online,
        agents_available=agents.available,
        agents_staffed=agents.staffed,
        agents_after_contact_work=agents.after_contact_work,
        agents_busy=agents.busy,
        agents_missed=agents.missed,
        agents_non_productive=agents.non_productive,
    )
