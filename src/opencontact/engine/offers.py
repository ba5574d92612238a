"""Offering waiting contacts to agents: ask the router for every offer that can be made now and
ring those agents. Runs after anything that may let a contact and an agent meet (a contact
queued, an agent freed, a status chosen)."""

from __future__ import annotations

from opencontact.domain.base import Env, Outcome
from opencontact.domain.contacts import ContactState
from opencontact.domain.errors import DomainError
from opencontact.engine import agent_work
from opencontact.engine import effects as fx
from opencontact.engine.state import InstanceState
from opencontact.engine.work import Work

ROUTE_TIMER = "routing:next-due"


def route(state: InstanceState, env: Env | None) -> Outcome[None]:
    if env is None:
        raise ValueError("routing needs the command's time")
    work = Work(state, env)
    router = state.routing.router
    for offer in router.match(env.now):
        contact = work.find_contact(offer.contact_id)
        if contact is None or contact.state is not ContactState.QUEUED:
            continue
        try:
            agent_work.offer(work, contact, offer.user_id)
        except DomainError:
            state.routing.resync(offer.contact_id)
    due = router.next_due(env.now)
    if due is not None and due > env.now:
        work.effect(fx.StartTimer(ROUTE_TIMER, (due - env.now).total_seconds(), _route_again))
    return work.outcome(None)


def _route_again(state: InstanceState, env: Env) -> Outcome[None]:
    return route(state, env)
