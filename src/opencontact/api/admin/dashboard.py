"""The admin website's real-time figures: every agent with what the CCP shows for them, and
every standard queue with the figures of engine.metrics (the same numbers flows and
GetCurrentMetricData read).

    {"agents": [{"userId", "username", "state", "statusSince", "contacts"}],
     "queues": [{"id", "name", "contactsInQueue", "oldestContactAgeSeconds",
                 "agentsOnline", "agentsAvailable"}],
     "at": <the contact center's clock>}

Agents are the users whose security profiles open the CCP (BasicAgentAccess), by username;
`contacts` is how many contacts they hold (offered, connected, on hold, after contact work).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from opencontact.domain.base import Env
from opencontact.domain.permissions import BASIC_AGENT_ACCESS
from opencontact.domain.queues import Queue
from opencontact.domain.users import User, user_permissions
from opencontact.engine.metrics import queue_figures
from opencontact.engine.state import InstanceState
from opencontact.engine.views import agent_contacts, displayed_state
from opencontact.engine.work import Work


def dashboard(state: InstanceState, env: Env) -> dict[str, Any]:
    return {
        "agents": _agents(state, env),
        "queues": _queues(state, env.now),
        "at": env.now.isoformat(),
    }


def _agents(state: InstanceState, env: Env) -> list[dict[str, Any]]:
    directory = state.directory
    work = Work(state, env)
    rows: list[dict[str, Any]] = []
    users = sorted(directory.all(User), key=lambda u: u.username.casefold())
    for user in users:
        if BASIC_AGENT_ACCESS not in user_permissions(directory, user):
            continue
        agent = work.agent(user.id)
        rows.append(
            {
                "userId": user.id,
                "username": user.username,
                "state": displayed_state(state, agent),
                "statusSince": agent.status_since.isoformat(),
                "contacts": len(agent_contacts(state, agent)),
            }
        )
    return rows


def _queues(state: InstanceState, now: datetime) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    queues = [q for q in state.directory.all(Queue) if not q.is_agent_queue]
    for queue in sorted(queues, key=lambda q: q.name.casefold()):
        figures = queue_figures(state, queue.id, now)
        rows.append(
            {
                "id": queue.id,
                "name": queue.name,
                "contactsInQueue": figures.contacts_in_queue,
                "oldestContactAgeSeconds": round(figures.oldest_contact_age_seconds, 3),
                "agentsOnline": figures.agents_online,
                "agentsAvailable": figures.agents_available,
            }
        )
    return rows
