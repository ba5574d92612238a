"""Automatic contact distribution (ACD): which waiting contact is offered to which agent, the way
Amazon Connect routes.

The router is pure and incremental. The engine tells it what changes (a contact joins or leaves
a queue, an agent's status or slots change, a routing profile is edited) and asks it, with the
time passed in, for every offer that can be made now (`Router.match`) and for the next moment a
queue delay may allow one more (`Router.next_due`). Queue figures (contacts in queue, agents
online...) are not the router's: engine.metrics works them out from the live state.

Modules: `waiting` (contacts in queue, in routing order), `agents` (agents, their free slots and
the order in which they are offered contacts), `profiles` (routing profiles as the router reads
them, and which profiles serve which queue), `delays` (when a delayed queue becomes due),
`router` (the matching itself), `timeline` (time arithmetic).
"""

from opencontact.routing.agents import AgentSlots
from opencontact.routing.router import Offer, Router
from opencontact.routing.waiting import DEFAULT_QUEUE_PRIORITY, WaitingContact

__all__ = [
    "DEFAULT_QUEUE_PRIORITY",
    "AgentSlots",
    "Offer",
    "Router",
    "WaitingContact",
]
