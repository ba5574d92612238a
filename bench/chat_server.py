"""The two servers bench/chat.py measures, each run in a process of its own (so that the load,
in the bench's main process, does not share their event loop, and each process's peak RSS is
its own): OpenContact, built in the process as bench/routing.py builds it (SQLite with
synchronous=FULL, real clock, a bench instance made through the domain), and the bare Starlette
relay of bench/chat_relay.py. Both are served by uvicorn with OpenContact's server settings, on
uvloop.

The parent talks to the process over a pipe: the process sends `Ready` once it accepts
connections; then it answers "rss" with its resident memory now (KiB), and "stop" by stopping
and sending `Stopped`.
"""

from __future__ import annotations

import asyncio
import json
import resource
import socket
import tempfile
from collections.abc import Coroutine
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.types import ASGIApp

if TYPE_CHECKING:
    from opencontact.engine.center import ContactCenter

PASSWORD = "Bench-chat-1"


@dataclass(frozen=True)
class Ready:
    url: str
    instance: str
    contact_flow_id: str | None
    usernames: list[str]
    rss_kib: int  # resident memory once everything is set up, before any load


@dataclass(frozen=True)
class Stopped:
    peak_rss_kib: int


def serve(kind: str, agents: int, concurrency: int, pipe: Connection) -> None:
    """The process's entry point: `kind` is "opencontact" or "relay"."""
    _run(_serve(kind, agents, concurrency, pipe))


def _run(main: Coroutine[Any, Any, None]) -> None:
    try:
        import uvloop

        uvloop.run(main)
    except ImportError:
        asyncio.run(main)


async def _serve(kind: str, agents: int, concurrency: int, pipe: Connection) -> None:
    from opencontact.server import Server, server_config

    with tempfile.TemporaryDirectory() as data_dir:
        close = None
        if kind == "opencontact":
            from opencontact.app import start
            from opencontact.clock import SystemClock
            from opencontact.config import ChatRateLimits, Settings

            # Every customer here comes from one address: no limit on starting chats. Each
            # participant's SendMessage limit stays the default.
            limits = ChatRateLimits(
                starts_per_client_per_minute=0, starts_per_instance_per_minute=0
            )
            settings = Settings(data_dir=Path(data_dir), chat_rate_limits=limits)
            runtime = await start(settings, SystemClock())
            close = runtime.close
            app: ASGIApp = runtime.asgi
            instance, flow = await _prepare(runtime.center, agents, concurrency)
        else:
            from bench.chat_relay import build

            app, instance, flow = build(), "bench", None
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        port = listener.getsockname()[1]
        started = asyncio.Event()
        server = Server(server_config(app, port=port), started.set)
        serving = asyncio.create_task(server.serve(sockets=[listener]))
        await started.wait()
        usernames = [f"agent{n}" for n in range(agents)]
        pipe.send(Ready(f"http://127.0.0.1:{port}", instance, flow, usernames, _rss_kib()))
        while await asyncio.to_thread(pipe.recv) == "rss":
            pipe.send(_rss_kib())
        server.should_exit = True
        await serving
        if close is not None:
            await close()
        pipe.send(Stopped(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _flow_to(queue_arn: str) -> str:
    """A contact flow that puts the chat in the queue straight away."""
    error = [{"NextAction": "end", "ErrorType": "NoMatchingError"}]
    return json.dumps(
        {
            "Version": "2019-10-30",
            "StartAction": "target",
            "Actions": [
                {
                    "Identifier": "target",
                    "Type": "UpdateContactTargetQueue",
                    "Parameters": {"QueueId": queue_arn},
                    "Transitions": {"NextAction": "enqueue", "Errors": error},
                },
                {
                    "Identifier": "enqueue",
                    "Type": "TransferContactToQueue",
                    "Parameters": {},
                    "Transitions": {"NextAction": "end", "Errors": error},
                },
                {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}},
            ],
        }
    )


async def _prepare(center: ContactCenter, agents: int, concurrency: int) -> tuple[str, str]:
    """A bench instance: one chat queue, its flow, and `agents` agents who take up to
    `concurrency` chats at once. Answers the instance's alias and the flow's id."""
    from opencontact.domain.base import Channel
    from opencontact.domain.contact_flows import ContactFlowType, create_contact_flow
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
    from opencontact.passwords import hash_password_async

    env = center.env("us-east-1")
    spec = InstanceSpec(IdentityManagementType.CONNECT_MANAGED, True, True, alias="bench")
    instance = await center.create_instance(lambda account: create_instance(account, env, spec))
    directory = center.directory(instance.id)
    hours = directory.find_by_name(HoursOfOperation, "Basic Hours")
    agent_profile = directory.find_by_name(SecurityProfile, "Agent")
    assert hours is not None
    assert agent_profile is not None
    queue = await center.change(
        instance.id,
        None,
        partial(create_queue, env=env, name="Chats", hours_of_operation_id=hours.id),
    )
    flow = await center.change(
        instance.id,
        None,
        partial(
            create_contact_flow,
            env=env,
            name="To the chat queue",
            flow_type=ContactFlowType.CONTACT_FLOW,
            content=_flow_to(queue.arn),
        ),
    )
    profile = await center.change(
        instance.id,
        None,
        partial(
            create_routing_profile,
            env=env,
            name="Chat agents",
            description="bench",
            default_outbound_queue=queue.id,
            media_concurrencies=[
                MediaConcurrency(Channel.VOICE, 1),
                MediaConcurrency(Channel.CHAT, concurrency),
            ],
            queue_configs=[RoutingProfileQueue(queue.id, Channel.CHAT, priority=1)],
        ),
    )
    password_hash = await hash_password_async(PASSWORD)  # once: every agent has the same one
    for n in range(agents):
        await center.change(
            instance.id,
            None,
            partial(
                create_user,
                env=env,
                username=f"agent{n}",
                security_profile_ids=[agent_profile.id],
                routing_profile_id=profile.id,
                password_hash=password_hash,
                identity_info=IdentityInfo(first_name="Agent", last_name=str(n)),
            ),
        )
    return str(instance.alias), str(flow.id)
