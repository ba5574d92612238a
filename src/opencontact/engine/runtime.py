"""The engine at work: carries out the effects of every instance's writer after each durable
batch (carrier, timers, Lambda calls, the event bus), and turns what the carrier reports into
commands on the right instance.

This is the only part of the engine that does I/O. It keeps, in memory, which carrier leg belongs
to which contact (`LegRegistry`) and the timers that are running; both are rebuilt from the
durable state when the server starts (`recovery`).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from opencontact.clock import Clock, Timer
from opencontact.domain.base import Change, Entity, Remove
from opencontact.domain.chats import ChatItemRecord
from opencontact.engine import calls, recovery
from opencontact.engine import effects as fx
from opencontact.engine.bus import Changed, ChatItemPosted, EventBus
from opencontact.engine.center import ContactCenter
from opencontact.engine.contact_work import flow_signal
from opencontact.engine.effects import LiveCommand
from opencontact.engine.lambdas import LambdaInvoker
from opencontact.engine.state import InstanceState
from opencontact.engine.workspace_calls import WorkspaceCalls
from opencontact.engine.writer import SingleWriter
from opencontact.flows.document import NO_MATCHING_ERROR
from opencontact.flows.run import RecordsAnswered, TimedOut
from opencontact.telephony.carrier import Carrier, FailureReason

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LegOwner:
    instance_id: str
    contact_id: str
    role: str  # customer, agent, party:<id>


class LegRegistry:
    """Which contact each live leg belongs to; and, for the customer phone page, which contact
    a call belonged to even after it ended (the most recent ones)."""

    REMEMBERED = 10_000

    def __init__(self) -> None:
        self._owners: dict[str, LegOwner] = {}
        self._history: OrderedDict[str, str] = OrderedDict()

    def add(self, leg_id: str, owner: LegOwner) -> None:
        self._owners[leg_id] = owner
        self._history[leg_id] = owner.contact_id
        self._history.move_to_end(leg_id)
        if len(self._history) > self.REMEMBERED:
            self._history.popitem(last=False)

    def owner(self, leg_id: str) -> LegOwner | None:
        return self._owners.get(leg_id)

    def drop(self, leg_id: str) -> None:
        self._owners.pop(leg_id, None)

    def contact_of(self, leg_id: str) -> str | None:
        return self._history.get(leg_id)


class EngineRuntime:
    def __init__(
        self,
        center: ContactCenter,
        carrier: Carrier,
        clock: Clock,
        bus: EventBus,
        lambda_urls: Mapping[str, str] | None = None,
        lambda_transport: httpx.AsyncBaseTransport | None = None,
        records: WorkspaceCalls | None = None,
    ) -> None:
        self.center = center
        self.carrier = carrier
        self.clock = clock
        self.bus = bus
        self.legs = LegRegistry()
        self._pairs: dict[str, str] = {}
        self.lambdas = LambdaInvoker(lambda_urls or {}, lambda_transport)
        # Customer profiles and cases, for flows' blocks (None: every such block errors).
        self.records = records
        self._timers: dict[tuple[str, str], Timer] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        carrier.set_listener(self)
        center.on_writer(self._attach)

    async def start(self) -> None:
        """Resume every instance where the store left it (see engine.recovery)."""
        for writer in self.center.writers().values():
            await writer.execute(self._live(writer, recovery.recover))

    async def close(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        for task in list(self._tasks):
            task.cancel()
        await self.lambdas.close()

    # -- after every batch ------------------------------------------------------------------------

    def _attach(self, instance_id: str, writer: SingleWriter[InstanceState]) -> None:
        writer.subscribe(
            lambda changes, effects: self._after(instance_id, writer, changes, effects)
        )

    def _after(
        self,
        instance_id: str,
        writer: SingleWriter[InstanceState],
        changes: Sequence[Change],
        effects: Sequence[object],
    ) -> None:
        for effect in effects:
            try:
                self._carry_out(instance_id, writer, effect)
            except Exception:
                log.exception("instance %s: could not carry out %r", instance_id, effect)
        # Every durable change, configuration too: the admin website's feed says which kinds
        # of entity changed; the agents' feeds pick out agents and contacts.
        for change in changes:
            if isinstance(change.entity, ChatItemRecord):
                continue  # published as ChatItemPosted (see chat_items)
            removed = isinstance(change, Remove)
            self.bus.publish(Changed(instance_id, change.entity, removed=removed))

    def _carry_out(
        self, instance_id: str, writer: SingleWriter[InstanceState], effect: object
    ) -> None:
        carrier = self.carrier
        match effect:
            case fx.AnswerCall(leg_id=leg):
                carrier.answer(leg)
            case fx.Say(leg_id=leg, texts=texts, loop=loop):
                carrier.play(leg, texts, loop)
            case fx.StopSaying(leg_id=leg):
                carrier.stop_playing(leg)
            case fx.Converse(leg_ids=legs):
                carrier.connect(legs)
            case fx.HoldLeg(leg_id=leg):
                carrier.hold(leg)
            case fx.HangUp(leg_id=leg):
                self.legs.drop(leg)
                carrier.hangup(leg)
            case fx.MoveLeg(leg_id=leg, contact_id=contact_id, role=role):
                self.legs.add(leg, LegOwner(instance_id, contact_id, role))
            case fx.PairLegs(first=first, second=second):
                self._pairs[first] = second
                self._pairs[second] = first
            case fx.Dial(contact_id=contact_id, role=role):
                leg = carrier.dial(effect.from_number, effect.to_number, effect.ring_seconds)
                self.legs.add(leg, LegOwner(instance_id, contact_id, role))
                writer.submit(self._live(writer, calls.leg_opened(contact_id, role, leg)))
            case fx.OpenAgentPhone(contact_id=contact_id, user_id=user_id, label=label):
                leg = carrier.agent_leg(user_id, label)
                self.legs.add(leg, LegOwner(instance_id, contact_id, "agent"))
                writer.submit(self._live(writer, calls.leg_opened(contact_id, "agent-phone", leg)))
            case fx.StartTimer(key=key, seconds=seconds, command=command):
                self._start_timer(instance_id, writer, key, seconds, command)
            case fx.CancelTimer(key=key):
                timer = self._timers.pop((instance_id, key), None)
                if timer is not None:
                    timer.cancel()
            case fx.CallLambda():
                # The time limit runs on the engine's clock (a simulation or a test moves it);
                # whichever comes first, the answer or the limit, the flow takes, and the
                # other finds the flow has moved on.
                # A call whose answer no flow waits for (a whisper's) needs no time limit.
                if effect.flow_step >= 0:
                    self._start_timer(
                        instance_id,
                        writer,
                        _lambda_timer(effect),
                        effect.timeout_seconds,
                        flow_signal(effect.contact_id, TimedOut(), effect.flow_step),
                    )
                self._spawn(self._call_lambda(instance_id, writer, effect))
            case fx.ReachRecords():
                self._spawn(self._reach_records(writer, effect))
            case fx.Publish(event=event) if isinstance(event, Entity):
                self.bus.publish(Changed(instance_id, event))
            case fx.Publish(event=ChatItemPosted() as posted):
                self.bus.publish(posted)

    def _live(self, writer: SingleWriter[InstanceState], command: LiveCommand) -> Any:
        region = writer.state.instance.region
        return lambda state: command(state, self.center.env(region))

    def _start_timer(
        self,
        instance_id: str,
        writer: SingleWriter[InstanceState],
        key: str,
        seconds: float,
        command: LiveCommand,
    ) -> None:
        previous = self._timers.pop((instance_id, key), None)
        if previous is not None:
            previous.cancel()

        def fire() -> None:
            self._timers.pop((instance_id, key), None)
            writer.submit(self._live(writer, command))

        self._timers[(instance_id, key)] = self.clock.call_later(seconds, fire)

    async def _call_lambda(
        self, instance_id: str, writer: SingleWriter[InstanceState], call: fx.CallLambda
    ) -> None:
        signal = await self.lambdas.invoke(call.function_arn, call.payload)
        timer = self._timers.pop((instance_id, _lambda_timer(call)), None)
        if timer is not None:
            timer.cancel()
        writer.submit(self._live(writer, flow_signal(call.contact_id, signal, call.flow_step)))

    async def _reach_records(
        self, writer: SingleWriter[InstanceState], call: fx.ReachRecords
    ) -> None:
        if self.records is None:
            signal = RecordsAnswered(
                NO_MATCHING_ERROR, detail="Customer profiles and cases are not available here."
            )
        else:
            signal = await self.records.answer(call)
        if call.flow_step >= 0:
            writer.submit(self._live(writer, flow_signal(call.contact_id, signal, call.flow_step)))

    def _spawn(self, coroutine: Any) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- what the carrier reports ---------------------------------------------------------------

    def incoming_call(self, leg_id: str, from_number: str, to_number: str) -> None:
        found = self.center.account.owner_of_number(to_number)
        if found is None:
            self.carrier.answer(leg_id)
            self.carrier.play(leg_id, [calls.NOT_IN_SERVICE])
            self.carrier.hangup(leg_id)
            return
        directory, _number = found
        instance_id = directory.instance.id
        contact_id = str(uuid.uuid4())
        self.legs.add(leg_id, LegOwner(instance_id, contact_id, "customer"))
        self._submit(instance_id, calls.incoming_call(leg_id, from_number, to_number, contact_id))

    def digits_pressed(self, leg_id: str, digits: str) -> None:
        owner = self.legs.owner(leg_id)
        if owner is not None:
            self._submit(
                owner.instance_id, calls.digits_pressed(owner.contact_id, owner.role, digits)
            )

    def answered(self, leg_id: str) -> None:
        owner = self.legs.owner(leg_id)
        if owner is not None:
            self._submit(owner.instance_id, calls.answered(owner.contact_id, owner.role))

    def failed(self, leg_id: str, reason: FailureReason) -> None:
        owner = self.legs.owner(leg_id)
        self.legs.drop(leg_id)
        if owner is not None:
            self._submit(
                owner.instance_id, calls.failed(owner.contact_id, owner.role, reason.value)
            )

    def hung_up(self, leg_id: str) -> None:
        partner = self._pairs.pop(leg_id, None)
        if partner is not None:
            self._pairs.pop(partner, None)
            self.carrier.hangup(partner)
        owner = self.legs.owner(leg_id)
        self.legs.drop(leg_id)
        if owner is not None:
            self._submit(owner.instance_id, calls.hung_up(owner.contact_id, owner.role))

    def _submit(self, instance_id: str, command: LiveCommand) -> None:
        if instance_id not in self.center.account:
            return
        writer = self.center.writer(instance_id)
        writer.submit(self._live(writer, command))


def _lambda_timer(call: fx.CallLambda) -> str:
    """The time limit of one flow step's Lambda call (a contact may have calls of other steps
    out at once: its own flow's and a whisper's)."""
    return f"{call.contact_id}:lambda:{call.flow_step}"
