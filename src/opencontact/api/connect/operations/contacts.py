"""Contacts on the Connect API: placing calls (StartOutboundVoiceContact) and ending contacts
(StopContact; a scheduled task's timer goes with it). Tasks have their own module (tasks.py);
reading contacts and their attributes is contact_records.py's.

A contact in progress is read from the instance's live state; a finished one from its contact
record in the store. Every change runs as one command on the instance's writer, built from the
engine's own steps, so its checks and its changes happen together: when a check fails, nothing
has changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, TypeVar

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.errors import ConnectError
from opencontact.api.connect.live import (
    checked_attributes,
    idempotent,
    instance_state,
    require_contact,
    run_work,
)
from opencontact.api.connect.operations import operation
from opencontact.domain.base import Channel
from opencontact.domain.contact_flows import ContactFlow, ContactFlowState, ContactFlowType
from opencontact.domain.contacts import (
    ContactState,
    DisconnectReason,
    InitiationMethod,
)
from opencontact.domain.dialing import check_dialable, check_e164, dial_plan, normalise_dialled
from opencontact.domain.directory import Directory
from opencontact.domain.errors import InvalidParameter, InvalidRequest
from opencontact.domain.phone_numbers import PhoneNumber
from opencontact.domain.queues import Queue
from opencontact.domain.references import Reference, check_references
from opencontact.engine import contact_work, outbound, tasks
from opencontact.engine import effects as fx
from opencontact.engine.state import InstanceState
from opencontact.engine.work import Work

T = TypeVar("T")


# -- placing a call ----------------------------------------------------------------------------

OUTBOUND_SWITCHED_OFF = "Outbound calls are switched off"
DEFAULT_RING_SECONDS = 60.0  # Connect's dialling timeout when RingTimeoutInSeconds is not given


def _outbound_not_permitted(state: InstanceState) -> ConnectError:
    return ConnectError(
        "OutboundContactNotPermittedException",
        f"Outbound calls are switched off for instance {state.instance.id}; turn them on with "
        "UpdateInstanceAttribute (OUTBOUND_CALLS = true).",
    )


def runnable_flow(directory: Directory, reference: str) -> ContactFlow:
    """A flow a new contact can start in: a published, active flow of type CONTACT_FLOW."""
    flow = directory.require_reference(ContactFlow, reference, "ContactFlowId")
    if flow.flow_type is not ContactFlowType.CONTACT_FLOW:
        raise InvalidRequest(
            f"Flow '{flow.name}' is a {flow.flow_type.value} flow; a new contact starts in a "
            "flow of type CONTACT_FLOW."
        )
    if not flow.is_published or flow.state is ContactFlowState.ARCHIVED:
        shown = "archived" if flow.state is ContactFlowState.ARCHIVED else "not published"
        raise InvalidRequest(f"Flow '{flow.name}' is {shown}; publish it before using it.")
    return flow


def _destination(number: str, region: str) -> str:
    """DestinationPhoneNumber: E.164, in a country the region may call, never emergency."""
    plan = dial_plan(region)
    if not number.startswith("+"):
        normalise_dialled(number, plan)  # refuses emergency numbers and non-numbers
        raise InvalidParameter(
            f"DestinationPhoneNumber '{number}' is not in E.164 form (a + followed by the "
            "country code and number, e.g. +12065550100)."
        )
    return check_dialable(number, plan, "DestinationPhoneNumber")


def _caller_number(directory: Directory, source: str | None, queue: Queue | None) -> str | None:
    if source is not None:
        check_e164(source, "SourcePhoneNumber")
        if directory.find_by_name(PhoneNumber, source) is None:
            raise InvalidParameter(
                f"SourcePhoneNumber {source} is not a number claimed by instance "
                f"{directory.instance.id}; claim it first or give a queue with a caller ID."
            )
        return source
    if queue is None:
        raise InvalidParameter(
            "Give SourcePhoneNumber or QueueId: the call needs a number to show as caller ID "
            "(the queue's outbound caller ID number)."
        )
    if not directory.all(PhoneNumber):
        raise InvalidRequest(
            f"Instance {directory.instance.id} has no phone number to call from; claim one."
        )
    return None


def references_in(given: Mapping[str, Mapping[str, str]] | None) -> dict[str, Reference]:
    """References a new contact may carry (shown to the agent), with their types."""
    return check_references(
        {name: (r["Type"], r.get("Value") or "") for name, r in (given or {}).items()}
    )


def _refuse_campaign_features(call: ConnectCall) -> None:
    detection = call.get("AnswerMachineDetectionConfig") or {}
    if (
        call.get("CampaignId")
        or call.get("OutboundStrategy")
        or call.get("TrafficType") == "CAMPAIGN"
        or detection.get("EnableAnswerMachineDetection")
    ):
        raise InvalidRequest(
            "Campaigns, outbound strategies and answering-machine detection belong to Amazon "
            "Connect outbound campaigns, which OpenContact does not run; leave them out "
            "(TrafficType GENERAL)."
        )


@operation("StartOutboundVoiceContact")
async def start_outbound_voice_contact(call: ConnectCall) -> dict[str, Any]:
    _refuse_campaign_features(call)
    return {"ContactId": await idempotent(call, lambda: _place_call(call))}


async def _place_call(call: ConnectCall) -> str:
    state = instance_state(call)
    directory = state.directory
    if not state.instance.outbound_calls_enabled:
        raise _outbound_not_permitted(state)
    number = _destination(call.params["DestinationPhoneNumber"], state.instance.region)
    flow = runnable_flow(directory, call.params["ContactFlowId"])
    queue_ref = call.get("QueueId")
    queue = directory.require_reference(Queue, queue_ref, "QueueId") if queue_ref else None
    source = _caller_number(directory, call.get("SourcePhoneNumber"), queue)
    references = references_in(call.get("References"))
    related_id = call.get("RelatedContactId")
    related = await require_contact(call, related_id, "RelatedContactId") if related_id else None
    inherited = dict(related.attributes) if related else {}
    attributes = {**inherited, **checked_attributes(call.get("Attributes") or {}, inherited)}
    ring_seconds = float(call.get("RingTimeoutInSeconds") or DEFAULT_RING_SECONDS)

    def place(work: Work) -> str:
        contact = outbound.api_dial(
            work,
            number=number,
            flow_id=flow.id,
            queue_id=queue.id if queue else None,
            source_number=source,
            attributes=attributes,
            name=call.get("Name"),
            description=call.get("Description"),
        )
        work.put(
            replace(
                contact,
                references={name: r.value for name, r in references.items()},
                reference_types={name: r.type for name, r in references.items()},
                related_contact_id=related.id if related else None,
            )
        )
        work.effects[:] = [
            _ringing_for(effect, contact.id, ring_seconds) for effect in work.effects
        ]
        return contact.id

    try:
        return await run_work(call, place)
    except InvalidRequest as error:
        if error.message.startswith(OUTBOUND_SWITCHED_OFF):  # switched off meanwhile
            raise _outbound_not_permitted(state) from None
        raise


def _ringing_for(effect: object, contact_id: str, seconds: float) -> object:
    if isinstance(effect, fx.Dial) and effect.contact_id == contact_id:
        return replace(effect, ring_seconds=seconds)
    return effect


# -- ending a contact ----------------------------------------------------------------------------

# Voice contacts StopContact does not end, as Connect documents it.
_NOT_STOPPABLE = (InitiationMethod.TRANSFER, InitiationMethod.QUEUE_TRANSFER)


@operation("StopContact")
async def stop_contact(call: ConnectCall) -> dict[str, Any]:
    contact_id = call.params["ContactId"]
    code = (call.get("DisconnectReason") or {}).get("Code")

    def stop(work: Work) -> None:
        contact = work.find_contact(contact_id)
        if contact is None or contact.state is ContactState.ENDED:
            raise ConnectError(
                "ContactNotFoundException",
                f"Contact '{contact_id}' is not in progress in instance "
                f"{work.state.instance.id}: it has ended, or never existed.",
            )
        method = contact.initiation_method
        if contact.channel is Channel.VOICE and method in _NOT_STOPPABLE:
            raise InvalidRequest(
                f"StopContact does not end voice contacts initiated by {method.value}; stop "
                f"the contact it came from, or end it from the agent's side."
            )
        tasks.cancel_schedule(work, contact)
        contact_work.end_contact(work, contact, DisconnectReason.API, detail=code)

    await run_work(call, stop)
    return {}
