"""Running flows on contacts: start a flow, resume it with what it waited for, and carry out
its instructions (change the contact, say messages, queue it, call a Lambda, ...).

Customer-facing flows (the contact's flow, its customer queue flow, its customer hold flow) keep
their state in `contact.flow`. Agent-facing flows (agent whisper, agent hold) and whispers run
to their first pause and keep nothing: they only say things.
"""

from __future__ import annotations

import re
from dataclasses import replace

from opencontact.domain.base import Channel
from opencontact.domain.contact_flows import ContactFlow
from opencontact.domain.contacts import Contact, ContactState, DisconnectReason
from opencontact.engine import chat_items, contact_work
from opencontact.engine import effects as fx
from opencontact.engine.environment import EngineFlowEnvironment, published_flow
from opencontact.engine.hooks import hook_flow
from opencontact.engine.lambdas import lambda_event
from opencontact.engine.work import Work, flow_log
from opencontact.flows import interpreter
from opencontact.flows import run as flows
from opencontact.flows.run import Advance, AwaitKind, FlowEnding, FlowPurpose, Signal

_TAGS = re.compile(r"<[^>]+>")

# Flows whose messages a chat's customer reads (whispers and hold flows are for voice).
_CHAT_FACING = {
    FlowPurpose.INBOUND,
    FlowPurpose.CUSTOMER_QUEUE,
    FlowPurpose.AGENT_TRANSFER,
    FlowPurpose.QUEUE_TRANSFER,
    FlowPurpose.DISCONNECT,
}

# A flow step no contact ever has (flow_step counts up from 0).
NEVER_RESUMED = -1

# Flows whose state lives on the contact; the others only say things.
_KEPT = {
    FlowPurpose.INBOUND,
    FlowPurpose.CUSTOMER_QUEUE,
    FlowPurpose.CUSTOMER_HOLD,
    FlowPurpose.AGENT_TRANSFER,
    FlowPurpose.QUEUE_TRANSFER,
    FlowPurpose.OUTBOUND_WHISPER,
    FlowPurpose.DISCONNECT,
}


def start_flow(
    work: Work, contact: Contact, flow_id: str, purpose: FlowPurpose, leg: str | None = None
) -> Contact:
    """Start `flow_id` on the contact. `leg` is who hears it (default: the customer)."""
    found = published_flow(work.state, flow_id)
    if found is None:
        return _no_flow(work, contact, flow_id, purpose)
    flow, document = found
    if purpose in _KEPT:
        contact = work.put(replace(contact, flow_leg=leg) if leg else contact)
    environment = EngineFlowEnvironment(work.state, contact, work.now)
    advance = interpreter.start(flow.id, document, purpose, environment)
    return _carry_out(work, contact, flow, purpose, advance, leg or contact.customer_leg)


def start_hook(work: Work, contact: Contact, hook: str, leg: str | None = None) -> Contact:
    chosen = hook_flow(work.state, contact, hook)
    if chosen is None:
        return contact
    flow_id, purpose = chosen
    return start_flow(work, contact, flow_id, purpose, leg)


def resume_flow(work: Work, contact: Contact, signal: Signal, step: int | None = None) -> Contact:
    """Give the contact's flow what it waited for. A signal for an earlier step (a timer or a
    Lambda answer that arrived after the flow moved on) is ignored."""
    run = contact.flow
    if run is None or run.awaiting is None or (step is not None and step != contact.flow_step):
        return contact
    found = published_flow(work.state, run.flow_id)
    if found is None:
        return _no_flow(work, contact, run.flow_id, run.purpose)
    flow, document = found
    environment = EngineFlowEnvironment(work.state, contact, work.now)
    advance = interpreter.advance(document, run, environment, signal)
    if advance.run is run and not advance.instructions and advance.ending is None:
        return contact  # the signal did not fit what the flow waits for
    return _carry_out(
        work, contact, flow, run.purpose, advance, contact.flow_leg or contact.customer_leg
    )


def stop_flow(work: Work, contact: Contact) -> Contact:
    """The contact leaves its flow (an agent answers, the customer is taken off hold)."""
    if contact.flow is None:
        return contact
    leg = contact.flow_leg or contact.customer_leg
    if leg and contact.channel is Channel.VOICE:
        work.effect(fx.StopSaying(leg))
    work.effect(fx.CancelTimer(_timer_key(contact)))
    return work.put(replace(contact.running(None, work.now), flow_leg=None))


def _carry_out(
    work: Work,
    contact: Contact,
    flow: ContactFlow,
    purpose: FlowPurpose,
    advance: Advance,
    leg: str | None,
) -> Contact:
    if purpose in _KEPT:
        contact = work.put(contact.running(advance.run, work.now))
    if advance.logs and work.state.instance.keeps_flow_logs:
        first = contact.flow_log_count
        for sequence, entry in enumerate(advance.logs, start=first):
            work.record(flow_log(work, contact, entry, flow.name, sequence))
        contact = work.put(replace(contact, flow_log_count=first + len(advance.logs)))
    for instruction in advance.instructions:
        contact = _instruct(work, contact, instruction, leg, purpose)
        if contact.state is ContactState.ENDED:
            return contact
    if purpose in _KEPT and advance.run is not None and advance.run.awaiting is not None:
        _await(work, contact, advance.run.awaiting)
    if advance.ending is not None:
        contact = _ended(work, contact, purpose, advance.ending)
    return contact


def _instruct(
    work: Work, contact: Contact, instruction: object, leg: str | None, purpose: FlowPurpose
) -> Contact:
    now = work.now
    match instruction:
        case flows.Play(messages=messages, loop=loop):
            if leg and contact.channel is Channel.VOICE:
                work.effect(fx.Say(leg, tuple(_spoken(m) for m in messages), loop))
            elif contact.channel is Channel.CHAT and purpose in _CHAT_FACING:
                for message in messages:
                    chat_items.system_message(work, contact, _written(message))
        case flows.StopPlaying():
            if leg and contact.channel is Channel.VOICE:
                work.effect(fx.StopSaying(leg))
        case flows.SetAttributes(values=values):
            contact = work.put(contact.with_attributes(values, now))
        case flows.SetTargetQueue(queue_id=queue_id):
            contact = work.put(replace(contact, target_queue_id=queue_id, last_updated_at=now))
        case flows.SetEventHook(hook=hook, flow_id=flow_id):
            hooks = {**contact.event_hooks, hook: flow_id}
            contact = work.put(replace(contact, event_hooks=hooks, last_updated_at=now))
        case flows.SetRoutingBehavior(
            queue_priority=priority, queue_time_adjustment_seconds=adjustment
        ):
            contact = work.put(
                replace(
                    contact,
                    queue_priority=contact.queue_priority if priority is None else priority,
                    queue_time_adjustment_seconds=contact.queue_time_adjustment_seconds
                    if adjustment is None
                    else adjustment,
                    last_updated_at=now,
                )
            )
        case flows.SetRecording(participants=participants):
            contact = work.put(replace(contact, recorded_participants=participants))
        case flows.SetVoice(voice=voice, language_code=language):
            contact = work.put(
                replace(contact, voice=voice, language_code=language or contact.language_code)
            )
        case flows.SetContactData(
            name=name, description=description, references=references, language_code=language
        ):
            contact = work.put(
                replace(
                    contact,
                    name=name or contact.name,
                    description=description or contact.description,
                    references={**contact.references, **references},
                    language_code=language or contact.language_code,
                    last_updated_at=now,
                )
            )
        case flows.SetCallbackNumber(number=number):
            contact = work.put(replace(contact, callback_number=number))
        case flows.SetFlowLogging(enabled=enabled):
            contact = work.put(replace(contact, flow_logging=enabled))
        case flows.SetContactTags(tags=tags):
            contact = work.put(replace(contact, tags={**contact.tags, **tags}, last_updated_at=now))
        case flows.RemoveContactTags(keys=keys):
            kept = {k: v for k, v in contact.tags.items() if k not in keys}
            contact = work.put(replace(contact, tags=kept, last_updated_at=now))
        case flows.InvokeLambda():
            data = EngineFlowEnvironment(work.state, contact, work.now).contact()
            # A whisper or agent-hold flow is not kept on the contact and is never resumed:
            # its function is called, but the answer must not reach the contact's own flow.
            step = contact.flow_step if purpose in _KEPT else NEVER_RESUMED
            work.effect(
                fx.CallLambda(
                    contact.id,
                    step,
                    instruction.function_arn,
                    lambda_event(data, instruction.parameters),
                    instruction.timeout_seconds,
                    instruction.response_type,
                )
            )
        case flows.ProfileRequest() | flows.CaseRequest():
            # Profiles and cases live in the store, outside the engine's state: the runtime
            # reaches them after the commit and signals the answer back to this step.
            instance = work.state.instance
            step = contact.flow_step if purpose in _KEPT else NEVER_RESUMED
            work.effect(
                fx.ReachRecords(
                    instance.id,
                    contact.id,
                    step,
                    instruction,
                    contact.channel.value,
                    instance.region,
                    instance.account_id,
                )
            )
        case flows.Enqueue(queue_id=queue_id):
            contact = contact_work.enqueue(work, contact, queue_id)
        case flows.TransferToThirdParty():
            contact = contact_work.flow_dial_third_party(work, contact, instruction)
        case flows.CreateTask():
            contact_work.task_from_flow(work, contact, instruction)
        case flows.CreateCallback():
            contact_work.callback_from_flow(work, contact, instruction)
        case flows.Disconnect():
            if purpose in (FlowPurpose.AGENT_WHISPER, FlowPurpose.AGENT_HOLD):
                return contact
            contact = contact_work.end_contact(
                work, contact, DisconnectReason.CONTACT_FLOW_DISCONNECT
            )
    return contact


def _await(work: Work, contact: Contact, awaiting: flows.Awaiting) -> None:
    step = contact.flow_step
    key = _timer_key(contact)
    if awaiting.kind is AwaitKind.INPUT and awaiting.seconds is not None:
        work.effect(
            fx.StartTimer(
                key, awaiting.seconds, contact_work.flow_signal(contact.id, flows.TimedOut(), step)
            )
        )
    elif awaiting.kind is AwaitKind.TIMER and awaiting.seconds is not None:
        work.effect(
            fx.StartTimer(
                key,
                awaiting.seconds,
                contact_work.flow_signal(contact.id, flows.TimerElapsed(), step),
            )
        )


def _ended(work: Work, contact: Contact, purpose: FlowPurpose, ending: FlowEnding) -> Contact:
    if contact.state is ContactState.ENDED or ending is FlowEnding.ENQUEUED:
        return contact
    if ending is FlowEnding.TRANSFERRED:
        # The customer now talks to the third party the flow called; the contact goes on
        # until one of them hangs up.
        return work.put(contact.running(None, work.now))
    if purpose in (FlowPurpose.INBOUND, FlowPurpose.AGENT_TRANSFER, FlowPurpose.QUEUE_TRANSFER):
        reason = (
            DisconnectReason.OTHER
            if ending is FlowEnding.ERROR
            else DisconnectReason.CONTACT_FLOW_DISCONNECT
        )
        return contact_work.end_contact(work, contact, reason)
    if ending in (FlowEnding.DISCONNECTED, FlowEnding.ERROR) and purpose in (
        FlowPurpose.CUSTOMER_QUEUE,
        FlowPurpose.CUSTOMER_HOLD,
        FlowPurpose.CUSTOMER_WHISPER,
        FlowPurpose.OUTBOUND_WHISPER,
    ):
        return contact_work.end_contact(work, contact, DisconnectReason.CONTACT_FLOW_DISCONNECT)
    if purpose in _KEPT:
        return work.put(contact.running(None, work.now))
    return contact


def _no_flow(work: Work, contact: Contact, flow_id: str, purpose: FlowPurpose) -> Contact:
    """A flow that does not exist or is not published: the contact cannot go on with it."""
    if purpose in (FlowPurpose.INBOUND, FlowPurpose.AGENT_TRANSFER, FlowPurpose.QUEUE_TRANSFER):
        return contact_work.end_contact(
            work,
            contact,
            DisconnectReason.OTHER,
            detail=f"flow {flow_id} does not exist or is not published",
        )
    return contact


def _written(message: flows.Message) -> str:
    """A message as a chat shows it: text, or SSML without its tags (a chat cannot play audio
    prompts, so those show nothing)."""
    if message.text is not None:
        return message.text
    if message.ssml is not None:
        return " ".join(_TAGS.sub(" ", message.ssml).split())
    return ""


def _timer_key(contact: Contact) -> str:
    return f"{contact.id}:flow"


def _spoken(message: flows.Message) -> str:
    if message.text is not None:
        return message.text
    if message.ssml is not None:
        return " ".join(_TAGS.sub(" ", message.ssml).split())
    if message.media_uri is not None:
        return f"(audio {message.media_uri})"
    return f"(prompt {message.prompt_id})"
