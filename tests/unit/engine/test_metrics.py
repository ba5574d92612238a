"""Queue figures: one busy moment at a Sales queue, read the way a flow reads it (CheckMetricData
and Get queue metrics, through the engine's flow environment) and the way a wallboard reads it
(GetCurrentMetricData). Both must give the same numbers, and the numbers Amazon Connect's
real-time metric definitions give."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, cast

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.operations.metrics import get_current_metric_data
from opencontact.domain.agent_statuses import AgentStatus, AgentStatusState, create_agent_status
from opencontact.domain.agents import Agent, SystemState
from opencontact.domain.base import Channel, Put
from opencontact.domain.contacts import (
    AgentLeg,
    AgentLegState,
    Contact,
    ContactState,
    InitiationMethod,
)
from opencontact.domain.hours import HoursOfOperation
from opencontact.domain.live import Live
from opencontact.domain.queues import Queue, create_queue
from opencontact.domain.routing_profiles import (
    MediaConcurrency,
    RoutingProfile,
    RoutingProfileQueue,
    create_routing_profile,
)
from opencontact.domain.users import User
from opencontact.engine.center import ContactCenter
from opencontact.engine.environment import EngineFlowEnvironment
from opencontact.engine.metrics import queue_figures
from opencontact.engine.state import InstanceState
from opencontact.flows.actions.flow_control import metrics_attributes
from opencontact.flows.run import QueueData, QueueMetrics
from tests.support.domain import NOW, add_agent, fixed_env, new_directory, run

VOICE, CHAT = Channel.VOICE, Channel.CHAT
ALL_METRICS = [
    "CONTACTS_IN_QUEUE",
    "OLDEST_CONTACT_AGE",
    "AGENTS_ONLINE",
    "AGENTS_STAFFED",
    "AGENTS_AVAILABLE",
    "AGENTS_NON_PRODUCTIVE",
    "AGENTS_ON_CONTACT",
    "AGENTS_ON_CALL",
    "AGENTS_AFTER_CONTACT_WORK",
    "AGENTS_ERROR",
    "SLOTS_ACTIVE",
    "SLOTS_AVAILABLE",
    "CONTACTS_SCHEDULED",
]


class BusyMoment:
    """The Sales queue, served on voice and chat by the Sales desk profile (one call or three
    chats at a time), with agents and contacts in every state that matters."""

    def __init__(self) -> None:
        directory = new_directory()
        self.directory = directory
        hours = directory.find_by_name(HoursOfOperation, "Basic Hours")
        assert hours is not None
        self.sales = run(
            directory,
            create_queue(
                directory, fixed_env(prefix="q"), name="Sales", hours_of_operation_id=hours.id
            ),
        )
        desk = run(
            directory,
            create_routing_profile(
                directory,
                fixed_env(prefix="rp"),
                name="Sales desk",
                description="Sales calls and chats",
                default_outbound_queue=self.sales.id,
                media_concurrencies=[MediaConcurrency(VOICE, 1), MediaConcurrency(CHAT, 3)],
                queue_configs=[
                    RoutingProfileQueue(self.sales.id, VOICE, 1),
                    RoutingProfileQueue(self.sales.id, CHAT, 1),
                ],
            ),
        )
        self.desk = desk
        run(
            directory,
            create_agent_status(
                directory, fixed_env(prefix="st"), name="Lunch", state=AgentStatusState.ENABLED
            ),
        )
        names = ["ann", "ben", "cat", "dan", "eve", "fay", "gus", "hal", "ivy", "jon", "kim", "lee"]
        self.users = {name: add_agent(directory, name, desk.id) for name in names}
        self.users["zed"] = add_agent(directory, "zed")  # Basic Routing Profile: not Sales
        self.contacts: list[Contact] = []
        self.agents: list[Agent] = []

        # Waiting: a call for 40 s, a chat for 25 s, a call ringing Ben for 90 s.
        self.contact("call-waiting", ContactState.QUEUED, waited=40)
        self.contact("chat-waiting", ContactState.QUEUED, channel=CHAT, waited=25)
        ringing = self.contact(
            "call-ringing", ContactState.OFFERED, "ben", AgentLegState.OFFERED, 90
        )
        # Lee accepted a call that waited 200 s: it has left the queue, his phone connects.
        accepted = self.contact(
            "call-accepted", ContactState.OFFERED, "lee", AgentLegState.CONNECTING, 200
        )
        self.contact("elsewhere", ContactState.QUEUED, waited=500, queue_id="another-queue")

        talking = self.contact(
            "call-talking", ContactState.CONNECTED, "cat", AgentLegState.CONNECTED
        )
        chat_on_hold = self.contact(
            "chat-on-hold", ContactState.CONNECTED, "dan", AgentLegState.ON_HOLD, channel=CHAT
        )
        chat_done = self.contact(
            "chat-done", ContactState.ENDED, "dan", AgentLegState.AFTER_CONTACT_WORK, channel=CHAT
        )
        call_done = self.contact(
            "call-done", ContactState.ENDED, "eve", AgentLegState.AFTER_CONTACT_WORK
        )
        lunch_chat = self.contact(
            "lunch-chat", ContactState.CONNECTED, "hal", AgentLegState.CONNECTED, channel=CHAT
        )
        # Jon dialled a customer while Offline; the call is over, he is wrapping it up.
        dialled = self.contact(
            "dialled",
            ContactState.ENDED,
            "jon",
            AgentLegState.AFTER_CONTACT_WORK,
            initiation=InitiationMethod.OUTBOUND,
        )

        self.agent("ann", "Available")
        self.agent("ben", "Available", ringing)
        self.agent("cat", "Available", talking)
        self.agent("dan", "Available", chat_on_hold, chat_done)
        self.agent("eve", "Available", call_done)
        self.agent("fay", "Available", system_state=SystemState.MISSED)
        self.agent("gus", "Available", system_state=SystemState.REJECTED)
        self.agent("hal", "Lunch", lunch_chat)
        self.agent("ivy", "Lunch")
        self.agent("jon", "Offline", dialled)
        self.agent("kim", "Offline")
        self.agent("lee", "Available", accepted)
        self.agent("zed", "Available")
        self.state = InstanceState(directory, Live(self.contacts, self.agents))

    def contact(
        self,
        contact_id: str,
        state: ContactState,
        user: str | None = None,
        leg_state: AgentLegState | None = None,
        waited: int = 0,
        *,
        channel: Channel = VOICE,
        queue_id: str | None = None,
        initiation: InitiationMethod = InitiationMethod.INBOUND,
    ) -> Contact:
        leg = None
        if user is not None and leg_state is not None:
            leg = AgentLeg(self.users[user].id, leg_state, offered_at=NOW)
        contact = Contact(
            id=contact_id,
            arn=f"arn:contact/{contact_id}",
            channel=channel,
            initiation_method=initiation,
            initial_contact_id=contact_id,
            state=state,
            queue_id=queue_id or self.sales.id,
            enqueued_at=NOW - timedelta(seconds=waited),
            agent=leg,
            initiated_at=NOW - timedelta(seconds=waited),
            last_updated_at=NOW,
        )
        self.contacts.append(contact)
        return contact

    def agent(
        self,
        name: str,
        status: str,
        *holding: Contact,
        system_state: SystemState | None = None,
    ) -> None:
        user = self.users[name]
        found = self.directory.find_by_name(AgentStatus, status)
        assert found is not None
        self.agents.append(
            Agent(
                id=user.id,
                arn=user.arn,
                status_id=found.id,
                status_since=NOW,
                system_state=system_state,
                contact_ids=tuple(c.id for c in holding),
                available_since=NOW,
            )
        )


def flow_reads(
    state: InstanceState, queue_id: str, at: datetime = NOW
) -> tuple[QueueData, QueueMetrics]:
    """What CheckMetricData and Get queue metrics read, for a contact running a flow now."""
    contact = next(iter(state.live.contacts.values()))
    environment = EngineFlowEnvironment(state, contact, at)
    found = environment.queue(queue_id)
    assert found is not None
    return found, environment.queue_metrics(found)


class _Center:
    """What GetCurrentMetricData reads of the contact center: the instance and the time."""

    def __init__(self, state: InstanceState, at: datetime) -> None:
        self._state = state
        self._at = at
        self.clock = self

    def now(self) -> datetime:
        return self._at

    def state(self, instance_id: str, region: str) -> InstanceState:
        return self._state


async def wallboard_reads(
    state: InstanceState, queue: Queue, at: datetime = NOW, **filters: Any
) -> dict[str, float | None]:
    """GetCurrentMetricData for one queue, grouped by queue."""
    params = {
        "InstanceId": state.instance.id,
        "Filters": {"Queues": [queue.id], **filters},
        "Groupings": ["QUEUE"],
        "CurrentMetrics": [
            {"Name": n, "Unit": "SECONDS" if n == "OLDEST_CONTACT_AGE" else "COUNT"}
            for n in ALL_METRICS
        ],
    }
    center = cast(ContactCenter, _Center(state, at))
    answer = await get_current_metric_data(
        ConnectCall("GetCurrentMetricData", params, "us-east-1", center)
    )
    [row] = answer["MetricResults"]
    return {c["Metric"]["Name"]: c["Value"] for c in row["Collections"]}


async def test_a_flow_and_get_current_metric_data_see_the_same_queue() -> None:
    moment = BusyMoment()
    queue, flow = flow_reads(moment.state, moment.sales.id)
    metrics = metrics_attributes(queue, flow)
    wallboard = await wallboard_reads(moment.state, moment.sales)

    agents = {name: figure["Count"] for name, figure in metrics["Agents"].items()}
    assert metrics["Queue"]["Size"] == flow.contacts_in_queue == wallboard["CONTACTS_IN_QUEUE"]
    assert round(flow.oldest_contact_age_seconds) == wallboard["OLDEST_CONTACT_AGE"]
    assert agents["Online"] == flow.agents_online == wallboard["AGENTS_ONLINE"]
    assert agents["Staffed"] == flow.agents_staffed == wallboard["AGENTS_STAFFED"]
    assert agents["Available"] == flow.agents_available == wallboard["AGENTS_AVAILABLE"]
    assert agents["NonProductive"] == wallboard["AGENTS_NON_PRODUCTIVE"]
    assert agents["AfterContactWork"] == wallboard["AGENTS_AFTER_CONTACT_WORK"]
    # Flows' Busy and Missed are narrower metrics than On contact and Error (see below).
    assert agents["Busy"] <= wallboard["AGENTS_ON_CONTACT"] == wallboard["AGENTS_ON_CALL"]
    assert agents["Missed"] <= wallboard["AGENTS_ERROR"]


async def test_the_figures_follow_amazon_connects_definitions() -> None:
    moment = BusyMoment()
    flow = metrics_attributes(*flow_reads(moment.state, moment.sales.id))
    agents = {name: figure["Count"] for name, figure in flow["Agents"].items()}
    wallboard = await wallboard_reads(moment.state, moment.sales)

    # In queue: the waiting call and chat and the call ringing Ben; Lee's accepted call left.
    assert (flow["Queue"]["Size"], flow["Queue"]["OldestContactAge"]) == (3, 90.0)
    assert agents == {
        # Status other than Offline: not Jon (on a call dialled while Offline), nor Kim or Zed.
        "Online": 10,
        # Status Available, busy or not: Ann, Ben, Cat, Dan, Eve, Fay, Gus, Lee.
        "Staffed": 8,
        # Available with nothing at all going on: Ann only.
        "Available": 1,
        # Contacts in after-contact work: Dan's chat, Eve's and Jon's calls.
        "AfterContactWork": 3,
        # With a customer (connecting, talking, on hold), after-contact work aside: Cat, Dan,
        # Hal, Lee.
        "Busy": 4,
        # In the Missed state: Fay (Gus rejected a contact: Error, not Missed).
        "Missed": 1,
        # A custom status, on a contact or not: Hal and Ivy.
        "NonProductive": 2,
    }
    assert wallboard == {
        "CONTACTS_IN_QUEUE": 3,
        "OLDEST_CONTACT_AGE": 90,
        "AGENTS_ONLINE": 10,
        "AGENTS_STAFFED": 8,
        "AGENTS_AVAILABLE": 1,
        "AGENTS_NON_PRODUCTIVE": 2,
        # Busy agents and those in after-contact work: Cat, Dan, Eve, Hal, Jon, Lee.
        "AGENTS_ON_CONTACT": 6,
        "AGENTS_ON_CALL": 6,
        "AGENTS_AFTER_CONTACT_WORK": 3,
        # Missed, Rejected or Error: Fay and Gus.
        "AGENTS_ERROR": 2,
        # Cat 1, Dan 2, Eve 1, Hal 1, Jon 1, Lee 1.
        "SLOTS_ACTIVE": 7,
        # Ann a call and three chats; Dan a third chat (his chats keep calls away); nobody else.
        "SLOTS_AVAILABLE": 5,
        "CONTACTS_SCHEDULED": 0,
    }


async def test_a_channels_filter_counts_that_channels_contacts_only() -> None:
    moment = BusyMoment()
    chats = await wallboard_reads(moment.state, moment.sales, Channels=["CHAT"])

    assert (chats["CONTACTS_IN_QUEUE"], chats["OLDEST_CONTACT_AGE"]) == (1, 25)
    assert chats["AGENTS_ONLINE"] == 10  # the desk serves Sales on chat too
    assert chats["AGENTS_ON_CONTACT"] == 2  # Dan and Hal
    assert chats["AGENTS_AFTER_CONTACT_WORK"] == 1
    assert (chats["SLOTS_ACTIVE"], chats["SLOTS_AVAILABLE"]) == (3, 4)


def test_an_agent_queue_counts_its_owner_only() -> None:
    moment = BusyMoment()
    ben = moment.users["ben"]
    transfer = moment.contact("transfer", ContactState.QUEUED, waited=12, queue_id=ben.id)
    moment.state.live.contacts[transfer.id] = transfer

    figures = queue_figures(moment.state, ben.id, NOW)

    assert (figures.contacts_in_queue, figures.oldest_contact_age_seconds) == (1, 12.0)
    assert (figures.agents_online, figures.agents_staffed, figures.agents_available) == (1, 1, 0)


def test_an_agent_moved_to_another_routing_profile_stops_counting() -> None:
    moment = BusyMoment()
    assert queue_figures(moment.state, moment.sales.id, NOW).agents_available == 1
    basic = moment.directory.find_by_name(RoutingProfile, "Basic Routing Profile")
    assert basic is not None
    ann = moment.directory.get(User, moment.users["ann"].id)
    assert ann is not None
    moment.directory.apply([Put(replace(ann, routing_profile_id=basic.id))])

    figures = queue_figures(moment.state, moment.sales.id, NOW)

    assert (figures.agents_online, figures.agents_available) == (9, 0)


def test_the_oldest_contact_ages_with_the_clock() -> None:
    moment = BusyMoment()
    later = NOW + timedelta(seconds=30)
    assert flow_reads(moment.state, moment.sales.id, later)[1].oldest_contact_age_seconds == 120.0
