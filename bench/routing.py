"""Routing under load: contacts arriving at a fixed rate, real clock, the whole engine (flows,
router, writer with durable group commits to SQLite), 1,000 agents over 50 queues.

    .venv/bin/python -m bench.routing [--rate 200] [--seconds 10] [--agents 1000] [--queues 50]

Each arrival is a task whose flow sends it to one of the queues (round robin). Each agent's
routing profile takes five queues at priorities 1-5. Agents are Available; an offer is accepted,
worked for `--handle` seconds, ended and closed, so agents come free again. Latency is measured
from outside the engine: from submitting the arrival to the moment the offer is published on the
event bus (so it includes the flow, the routing and the durable commit). Prints contacts routed
per second and the latency percentiles.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import TypeVar

from opencontact.app import Runtime, start
from opencontact.clock import SystemClock
from opencontact.config import Settings
from opencontact.domain.base import Channel
from opencontact.domain.contact_flows import ContactFlowType, create_contact_flow
from opencontact.domain.contacts import AgentLegState, Contact
from opencontact.domain.hours import HoursOfOperation
from opencontact.domain.instance import IdentityManagementType
from opencontact.domain.provisioning import InstanceSpec, create_instance
from opencontact.domain.queues import create_queue
from opencontact.domain.routing_profiles import (
    MediaConcurrency,
    RoutingProfileQueue,
    create_routing_profile,
)
from opencontact.domain.security_profiles import SecurityProfile
from opencontact.domain.users import IdentityInfo, create_user
from opencontact.engine import commands
from opencontact.engine.bus import Changed, Event
from opencontact.engine.center import ContactCenter
from opencontact.engine.commands import Command

T = TypeVar("T")


def _flow_to(queue_arn: str) -> str:
    return json.dumps(
        {
            "Version": "2019-10-30",
            "StartAction": "target",
            "Actions": [
                {
                    "Identifier": "target",
                    "Type": "UpdateContactTargetQueue",
                    "Parameters": {"QueueId": queue_arn},
                    "Transitions": {
                        "NextAction": "enqueue",
                        "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}],
                    },
                },
                {
                    "Identifier": "enqueue",
                    "Type": "TransferContactToQueue",
                    "Parameters": {},
                    "Transitions": {
                        "NextAction": "end",
                        "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}],
                    },
                },
                {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}},
            ],
        }
    )


async def _run(center: ContactCenter, instance_id: str, command: Command[T]) -> T:
    """Run an engine command on the instance's writer, as the APIs do."""
    env = center.env("us-east-1")
    return await center.live(instance_id, None, lambda state: command(state, env))


async def _prepare(runtime: Runtime, agents: int, queues: int) -> tuple[str, list[str]]:
    center = runtime.center
    env = center.env("us-east-1")
    spec = InstanceSpec(IdentityManagementType.CONNECT_MANAGED, True, True, alias="bench")
    instance = await center.create_instance(lambda account: create_instance(account, env, spec))
    directory = center.directory(instance.id)
    hours = directory.find_by_name(HoursOfOperation, "Basic Hours")
    agent_profile = directory.find_by_name(SecurityProfile, "Agent")
    assert hours is not None
    assert agent_profile is not None
    queue_ids, flow_ids = [], []
    for n in range(queues):
        queue = await center.change(
            instance.id,
            None,
            partial(create_queue, env=env, name=f"Queue {n}", hours_of_operation_id=hours.id),
        )
        queue_ids.append(queue.id)
        flow = await center.change(
            instance.id,
            None,
            partial(
                create_contact_flow,
                env=env,
                name=f"To queue {n}",
                flow_type=ContactFlowType.CONTACT_FLOW,
                content=_flow_to(queue.arn),
            ),
        )
        flow_ids.append(flow.id)
    profile_ids = []
    for n in range(queues):
        configs = [
            RoutingProfileQueue(queue_ids[(n + k) % queues], Channel.TASK, priority=k + 1)
            for k in range(min(5, queues))
        ]
        profile = await center.change(
            instance.id,
            None,
            partial(
                create_routing_profile,
                env=env,
                name=f"Profile {n}",
                description="bench",
                default_outbound_queue=queue_ids[n],
                media_concurrencies=[
                    MediaConcurrency(Channel.VOICE, 1),
                    MediaConcurrency(Channel.TASK, 1),
                ],
                queue_configs=configs,
            ),
        )
        profile_ids.append(profile.id)
    for n in range(agents):
        user = await center.change(
            instance.id,
            None,
            partial(
                create_user,
                env=env,
                username=f"agent{n}",
                security_profile_ids=[agent_profile.id],
                routing_profile_id=profile_ids[n % queues],
                password_hash="bench-has-no-passwords",
                identity_info=IdentityInfo(first_name="Agent", last_name=str(n)),
            ),
        )
        await _run(center, instance.id, commands.set_status(user.id, "Available"))
    return instance.id, flow_ids


def _percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


async def run(rate: float, seconds: float, agents: int, queues: int, handle: float) -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        runtime = await start(Settings(data_dir=Path(data_dir)), SystemClock())
        try:
            instance_id, flow_ids = await _prepare(runtime, agents, queues)
            await _measure(runtime, instance_id, flow_ids, rate, seconds, agents, queues, handle)
        finally:
            await runtime.close()


async def _measure(
    runtime: Runtime,
    instance_id: str,
    flow_ids: list[str],
    rate: float,
    seconds: float,
    agents: int,
    queues: int,
    handle: float,
) -> None:
    center = runtime.center
    submitted: dict[str, float] = {}
    latencies: list[float] = []
    offered_at: list[float] = []
    all_offered = asyncio.Event()
    background: set[asyncio.Task[None]] = set()
    total = int(rate * seconds)

    async def work_it(contact: Contact) -> None:
        """The agent works the task for `handle` seconds and closes it."""
        await asyncio.sleep(handle)
        leg = contact.agent
        assert leg is not None
        for step in (commands.accept, commands.end, commands.close):
            await _run(center, instance_id, step(leg.user_id, contact.id))

    def on_change(event: Event) -> None:
        if not isinstance(event, Changed):
            return
        entity = event.entity
        if not isinstance(entity, Contact):
            return
        leg = entity.agent
        key = entity.name or ""
        if leg is None or leg.state is not AgentLegState.OFFERED or key not in submitted:
            return
        now = time.perf_counter()
        latencies.append(now - submitted.pop(key))
        offered_at.append(now)
        if len(latencies) == total:
            all_offered.set()
        task = asyncio.get_running_loop().create_task(work_it(entity))
        background.add(task)
        task.add_done_callback(background.discard)

    runtime.bus.subscribe(instance_id, on_change)
    begin = time.perf_counter()
    arrivals: list[asyncio.Task[Contact]] = []
    for n in range(total):
        delay = begin + n / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)  # the arrival rate, not a wait for a result
        name = f"task-{n}"
        submitted[name] = time.perf_counter()
        command = commands.start_task(
            name=name,
            description=None,
            quick_connect_id=None,
            flow_id=flow_ids[n % len(flow_ids)],
            previous_contact_id=None,
            references={},
            attributes={},
        )
        arrivals.append(asyncio.ensure_future(_run(center, instance_id, command)))
    await asyncio.gather(*arrivals)
    sent = time.perf_counter() - begin
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(all_offered.wait(), timeout=10)
    for task in list(background):
        task.cancel()
    span = (offered_at[-1] - begin) if offered_at else sent
    print(
        f"{agents} agents, {queues} queues, {rate:.0f} arrivals/s for {seconds:.0f} s "
        f"(SQLite, synchronous=FULL, real clock)"
    )
    print(f"arrivals sent        {total} in {sent:.2f} s")
    print(f"contacts offered     {len(latencies)} ({len(latencies) / span:.0f} per second)")
    print(f"not offered in time  {len(submitted)}")
    if latencies:
        ordered = sorted(latencies)
        print(
            f"arrival->offer ms    p50 {_percentile(ordered, 0.50):.2f}  "
            f"p90 {_percentile(ordered, 0.90):.2f}  p99 {_percentile(ordered, 0.99):.2f}  "
            f"max {ordered[-1] * 1000:.2f}  mean {statistics.mean(ordered) * 1000:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--agents", type=int, default=1000)
    parser.add_argument("--queues", type=int, default=50)
    parser.add_argument("--handle", type=float, default=2.0, help="seconds an agent works a task")
    arguments = parser.parse_args()
    try:
        import uvloop

        uvloop.run(
            run(
                arguments.rate,
                arguments.seconds,
                arguments.agents,
                arguments.queues,
                arguments.handle,
            )
        )
    except ImportError:
        asyncio.run(
            run(
                arguments.rate,
                arguments.seconds,
                arguments.agents,
                arguments.queues,
                arguments.handle,
            )
        )


if __name__ == "__main__":
    main()
