"""Chat delivery under load: customers and agents chatting through real HTTP and WebSockets,
against a bare Starlette relay measured the same way in the same run.

    .venv/bin/python -m bench.chat [--chats 100] [--rate 200] [--seconds 10] [--agents 50]

OpenContact runs in a process of its own (bench/chat_server.py: SQLite with synchronous=FULL,
real clock, `--agents` agents who take up to `--concurrency` chats each); this process is the
load. Agents log in (POST /api/v1/sessions), follow /api/v1/agent/events and go Available;
`--chats` customers start chats (POST /api/v1/chat/start), connect (/participant/connection
and the /participant/ws socket, subscribed to aws/chat); agents accept what they are offered.
Then, for `--seconds`, customers send `--rate` messages per second in all (round robin over
the chats, on a fixed schedule, not waiting for answers: POST /participant/message), and the
agent answers each message as soon as it reaches their feed (POST
/api/v1/agent/contacts/{id}/messages).

Measured here, on one clock: SendMessage's HTTP latency (customer and agent); customer -> agent
delivery (from starting the customer's POST to the `chat` item on the agent's feed); agent ->
customer delivery (from starting the agent's POST to the `aws/chat` push on the customer's
socket); messages delivered per second; errors and messages never delivered (waited for
`--drain` seconds after the last send); the server process's resident memory (set up, before
and after the messages) and its peak (getrusage). Then the same load against
bench/chat_relay.py, and the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from bench.chat_client import Connection, HttpError
from bench.chat_server import PASSWORD, Ready, Stopped, serve

PERCENTILES = (("p50", 0.50), ("p90", 0.90), ("p99", 0.99))
SEND_WAIT = 30.0  # seconds: a request not answered by then counts as an error
SETUP_WAIT = 60.0  # seconds: a safety net for logging in, starting and accepting chats


@dataclass
class Figures:
    customer_sent: int = 0
    agent_sent: int = 0
    customer_send: list[float] = field(default_factory=list)  # seconds, HTTP request
    agent_send: list[float] = field(default_factory=list)
    to_agent: list[float] = field(default_factory=list)  # seconds, delivery
    to_customer: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    chats_connected: int = 0
    setup_seconds: float = 0.0
    span: float = 0.0  # from the first send to the last delivery
    rss_kib: dict[str, int] = field(default_factory=dict)  # when -> the server's RSS
    peak_rss_kib: int = 0

    @property
    def delivered_per_second(self) -> float:
        delivered = len(self.to_agent) + len(self.to_customer)
        return delivered / self.span if self.span else 0.0


@dataclass
class _Chat:
    contact_id: str
    participant_token: str
    sender: Connection | None = None  # the customer's, with their connection token
    socket: ClientConnection | None = None


class Load:
    """The customers and agents of one run, and what they measured."""

    def __init__(self, ready: Ready, chats: int) -> None:
        self.ready = ready
        self.chats = chats
        self.ws_base = "ws" + ready.url.removeprefix("http")
        self.figures = Figures()
        self.customers = httpx.AsyncClient(
            base_url=ready.url,
            timeout=30,
            limits=httpx.Limits(max_connections=chats, max_keepalive_connections=chats),
        )
        agents = len(ready.usernames)
        self.agents = httpx.AsyncClient(
            base_url=f"{ready.url}/api/v1",
            timeout=30,
            limits=httpx.Limits(max_connections=agents, max_keepalive_connections=agents),
        )
        self.host, port = ready.url.removeprefix("http://").split(":")
        self.port = int(port)
        self.senders: dict[str, Connection] = {}  # an agent's token -> their connection
        self.accepting: set[str] = set()
        self.accepted: dict[str, str] = {}  # contact id -> the agent's token
        self.all_accepted = asyncio.Event()
        self.measuring = False
        self.to_agent: dict[str, float] = {}  # message content -> when its POST started
        self.to_customer: dict[str, float] = {}
        # Messages scheduled and neither delivered nor refused; `idle` once none are left
        # after the last was scheduled.
        self.outstanding = 0
        self.sending = False
        self.idle = asyncio.Event()
        self.last_delivery = 0.0
        self.tasks: set[asyncio.Task[None]] = set()

    def spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task: asyncio.Task[None] = asyncio.get_running_loop().create_task(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def close(self) -> None:
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        for sender in self.senders.values():
            sender.close()
        await self.customers.aclose()
        await self.agents.aclose()

    # Setting up: agents, chats, customers' connections, offers accepted.

    async def set_up(self) -> list[_Chat]:
        begin = time.perf_counter()
        tokens = await asyncio.gather(*map(self._log_in, self.ready.usernames))
        for token in tokens:
            self.senders[token] = Connection(self.host, self.port, _bearer(token))
            socket = await connect(f"{self.ws_base}/api/v1/agent/events?token={token}")
            await socket.recv()  # the snapshot: nothing offered yet
            self.spawn(self._follow_agent(token, socket))
            answer = await self.agents.put(
                "/agent/status", json={"status": "Available"}, headers=_bearer(token)
            )
            answer.raise_for_status()
        chats = list(await asyncio.gather(*map(self._start_chat, range(self.chats))))
        await asyncio.gather(*map(self._connect_customer, chats))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.all_accepted.wait(), SETUP_WAIT)
        ready = [chat for chat in chats if chat.contact_id in self.accepted]
        self.figures.chats_connected = len(ready)
        self.figures.setup_seconds = time.perf_counter() - begin
        return ready

    async def _log_in(self, username: str) -> str:
        body = {"instance": self.ready.instance, "username": username, "password": PASSWORD}
        answer = await self.agents.post("/sessions", json=body)
        answer.raise_for_status()
        token: str = answer.json()["token"]
        return token

    async def _start_chat(self, n: int) -> _Chat:
        body: dict[str, Any] = {"instance": self.ready.instance, "displayName": f"Customer {n}"}
        if self.ready.contact_flow_id is not None:
            body["contactFlowId"] = self.ready.contact_flow_id
        answer = await self.customers.post("/api/v1/chat/start", json=body)
        answer.raise_for_status()
        started = answer.json()
        return _Chat(started["ContactId"], started["ParticipantToken"])

    async def _connect_customer(self, chat: _Chat) -> None:
        answer = await self.customers.post(
            "/participant/connection",
            json={"Type": ["WEBSOCKET", "CONNECTION_CREDENTIALS"], "ConnectParticipant": True},
            headers={"X-Amz-Bearer": chat.participant_token},
        )
        answer.raise_for_status()
        connection = answer.json()
        token = connection["ConnectionCredentials"]["ConnectionToken"]
        chat.sender = Connection(self.host, self.port, {"X-Amz-Bearer": token})
        chat.socket = await connect(connection["Websocket"]["Url"])
        subscribe = {"topic": "aws/subscribe", "content": {"topics": ["aws/chat"]}}
        await chat.socket.send(json.dumps(subscribe))
        await chat.socket.recv()  # the subscription's answer
        self.spawn(self._follow_customer(chat.socket))

    async def _accept(self, token: str, contact_id: str) -> None:
        answer = await self.agents.post(
            f"/agent/contacts/{contact_id}/accept", headers=_bearer(token)
        )
        if answer.status_code >= 400:
            self.figures.errors[f"accept {answer.status_code}"] += 1
            return
        self.accepted[contact_id] = token
        if len(self.accepted) == self.chats:
            self.all_accepted.set()

    # The sockets.

    async def _follow_agent(self, token: str, socket: ClientConnection) -> None:
        try:
            async for raw in socket:
                now = time.perf_counter()
                message = orjson.loads(raw)
                if message["type"] == "chat":
                    self._agent_heard(token, message["contactId"], message["item"], now)
                elif message["type"] in ("agent", "snapshot"):
                    for contact in message["agent"]["contacts"]:
                        contact_id = contact["contactId"]
                        if contact["state"] == "OFFERED" and contact_id not in self.accepting:
                            self.accepting.add(contact_id)
                            self.spawn(self._accept(token, contact_id))
        except ConnectionClosed:
            pass
        if self.measuring:
            self.figures.errors["agent feed closed"] += 1

    def _agent_heard(self, token: str, contact_id: str, item: dict[str, Any], now: float) -> None:
        if item["ParticipantRole"] != "CUSTOMER" or item["Type"] != "MESSAGE":
            return
        sent = self.to_agent.pop(item["Content"], None)
        if sent is None or not self.measuring:
            return
        self.figures.to_agent.append(now - sent)
        self.last_delivery = now
        answer = "a" + item["Content"][1:]
        self.outstanding += 1
        self.spawn(self._agent_sends(token, contact_id, answer))
        self._settle()

    async def _follow_customer(self, socket: ClientConnection) -> None:
        try:
            async for raw in socket:
                now = time.perf_counter()
                message = orjson.loads(raw)
                if message.get("topic") != "aws/chat":
                    continue
                item = orjson.loads(message["content"])
                if item["ParticipantRole"] != "AGENT" or item["Type"] != "MESSAGE":
                    continue
                sent = self.to_customer.pop(item["Content"], None)
                if sent is not None and self.measuring:
                    self.figures.to_customer.append(now - sent)
                    self.last_delivery = now
                    self._settle()
        except ConnectionClosed:
            pass
        if self.measuring:
            self.figures.errors["customer socket closed"] += 1

    # Sending.

    async def _customer_sends(self, chat: _Chat, content: str) -> None:
        assert chat.sender is not None
        self.figures.customer_sent += 1
        body = {"ContentType": "text/plain", "Content": content}
        await self._send(
            "customer SendMessage",
            self.figures.customer_send,
            self.to_agent,
            content,
            chat.sender.post("/participant/message", body),
        )

    async def _agent_sends(self, token: str, contact_id: str, content: str) -> None:
        self.figures.agent_sent += 1
        body = {"content": content, "contentType": "text/plain"}
        await self._send(
            "agent message",
            self.figures.agent_send,
            self.to_customer,
            content,
            self.senders[token].post(f"/api/v1/agent/contacts/{contact_id}/messages", body),
        )

    async def _send(
        self,
        name: str,
        latencies: list[float],
        pending: dict[str, float],
        content: str,
        post: Awaitable[tuple[int, Any]],
    ) -> None:
        begin = time.perf_counter()
        pending[content] = begin
        try:
            status, _ = await asyncio.wait_for(post, SEND_WAIT)
        except (HttpError, TimeoutError) as error:
            self.figures.errors[f"{name}: {type(error).__name__}"] += 1
            pending.pop(content, None)
            self._settle()
            return
        latencies.append(time.perf_counter() - begin)
        if status >= 400:
            self.figures.errors[f"{name}: HTTP {status}"] += 1
            if pending.pop(content, None) is not None:
                self._settle()

    def _settle(self) -> None:
        """One message fewer to wait for: delivered, or refused."""
        self.outstanding -= 1
        if not self.sending and self.outstanding == 0:
            self.idle.set()

    async def measure(self, chats: list[_Chat], rate: float, seconds: float, drain: float) -> None:
        if not chats:
            return
        self.measuring = self.sending = True
        total = int(rate * seconds)
        begin = time.perf_counter()
        for n in range(total):
            delay = begin + n / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)  # the sending rate, not a wait for a result
            self.outstanding += 1
            self.spawn(self._customer_sends(chats[n % len(chats)], f"c{n}"))
        self.sending = False
        if self.outstanding == 0:
            self.idle.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.idle.wait(), drain)  # the last deliveries
        self.measuring = False
        self.figures.span = (self.last_delivery or time.perf_counter()) - begin
        self.figures.errors["customer -> agent not delivered in time"] += len(self.to_agent)
        self.figures.errors["agent -> customer not delivered in time"] += len(self.to_customer)
        self.to_agent.clear()
        self.to_customer.clear()


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def _drive(ready: Ready, arguments: argparse.Namespace, rss: Callable[[], int]) -> Figures:
    load = Load(ready, arguments.chats)
    try:
        chats = await load.set_up()
        load.figures.rss_kib["before the messages"] = rss()
        await load.measure(chats, arguments.rate, arguments.seconds, arguments.drain)
        load.figures.rss_kib["after the messages"] = rss()
        for chat in chats:
            if chat.sender is not None:
                chat.sender.close()
            if chat.socket is not None:
                await chat.socket.close()
    finally:
        await load.close()
    return load.figures


def run_against(kind: str, arguments: argparse.Namespace) -> Figures:
    """Start the server process, drive the load from here, stop it and read its memory."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(
        target=serve, args=(kind, arguments.agents, arguments.concurrency, theirs)
    )
    process.start()
    try:
        ready = ours.recv()
        assert isinstance(ready, Ready)

        def rss() -> int:
            ours.send("rss")
            kib: int = ours.recv()
            return kib

        try:
            figures = _run(_drive(ready, arguments, rss))
        finally:
            ours.send("stop")
        stopped = ours.recv()
        assert isinstance(stopped, Stopped)
        figures.rss_kib = {"set up, no one logged in": ready.rss_kib, **figures.rss_kib}
        figures.peak_rss_kib = stopped.peak_rss_kib
        return figures
    finally:
        process.join(timeout=30)
        if process.is_alive():
            process.kill()


def _run(main: Any) -> Figures:
    try:
        import uvloop

        figures: Figures = uvloop.run(main)
    except ImportError:
        figures = asyncio.run(main)
    return figures


def _ms(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


Row = tuple[str, float | None]


def _rows(figures: Figures) -> list[Row]:
    """What one run measured, as (label, value); a value of None is a heading."""
    rows: list[Row] = [
        ("setup s", figures.setup_seconds),
        ("chats connected", figures.chats_connected),
        ("customer messages sent", figures.customer_sent),
        ("  delivered to the agent", len(figures.to_agent)),
        ("agent answers sent", figures.agent_sent),
        ("  delivered to the customer", len(figures.to_customer)),
        ("messages delivered/s", figures.delivered_per_second),
    ]
    for heading, values in (
        ("customer SendMessage ms", figures.customer_send),
        ("customer -> agent delivery ms", figures.to_agent),
        ("agent SendMessage ms", figures.agent_send),
        ("agent -> customer delivery ms", figures.to_customer),
    ):
        rows.append((heading, None))
        rows += [(f"  {name}", _ms(values, fraction)) for name, fraction in PERCENTILES]
        rows.append(("  max", max(values) * 1000 if values else None))
    rows.append(("server RSS MiB", None))
    rows += [(f"  {when}", kib / 1024) for when, kib in figures.rss_kib.items()]
    rows.append(("  peak (getrusage)", figures.peak_rss_kib / 1024))
    return rows


def report(ours: Figures, bare: Figures, arguments: argparse.Namespace) -> None:
    print(
        f"{arguments.chats} chats, {arguments.agents} agents (chat concurrency "
        f"{arguments.concurrency}), customers send {arguments.rate:.0f} messages/s for "
        f"{arguments.seconds:.0f} s, agents answer each one (real clock; OpenContact on "
        f"SQLite, synchronous=FULL)"
    )
    print(f"{'':<32}{'OpenContact':>12}{'relay':>10}{'ratio':>8}")
    for (label, value), (_, other) in zip(_rows(ours), _rows(bare), strict=True):
        if label.endswith(("ms", "MiB")) and value is None:
            print(label)
            continue
        ratio = f"{value / other:>8.2f}" if value is not None and other else ""
        print(f"{label:<32}{_cell(value):>12}{_cell(other):>10}{ratio}")
    for name, figures in (("OpenContact", ours), ("relay", bare)):
        errors = {key: count for key, count in figures.errors.items() if count}
        described = ", ".join(f"{key}: {count}" for key, count in sorted(errors.items()))
        print(f"errors and timeouts, {name}: {described or 'none'}")


def _cell(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if value >= 100 or float(value).is_integer() else f"{value:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chats", type=int, default=100)
    parser.add_argument("--rate", type=float, default=200, help="customer messages/s, in all")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--agents", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=3, help="chats per agent at once")
    parser.add_argument("--drain", type=float, default=5, help="seconds to wait for the last")
    arguments = parser.parse_args()
    if arguments.chats > arguments.agents * arguments.concurrency:
        parser.error("more chats than the agents can take: raise --agents or --concurrency")
    ours = run_against("opencontact", arguments)
    bare = run_against("relay", arguments)
    report(ours, bare, arguments)


if __name__ == "__main__":
    main()
