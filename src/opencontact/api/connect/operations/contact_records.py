"""Contact records on the Connect API: DescribeContact, GetContactAttributes,
UpdateContactAttributes, TagContact, UntagContact and SearchContacts, over live contacts and
the stored records."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, TypeVar

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.live import (
    checked_attributes,
    contact_chain,
    instance_state,
    memory,
    require_contact,
    run_work,
)
from opencontact.api.connect.operations import operation
from opencontact.api.connect.pagination import page
from opencontact.api.connect.wire import compact, tags_out
from opencontact.domain.contact_tags import contact_tags_problem
from opencontact.domain.contacts import (
    AgentLeg,
    Contact,
    Endpoint,
    InitiationMethod,
)
from opencontact.domain.errors import InvalidParameter
from opencontact.domain.queues import Queue
from opencontact.engine.state import InstanceState
from opencontact.engine.work import Work

T = TypeVar("T")


# -- reading contacts ----------------------------------------------------------------------------


def _endpoint(endpoint: Endpoint | None) -> dict[str, str] | None:
    return {"Type": endpoint.type, "Address": endpoint.address} if endpoint else None


def _seconds(start: datetime | None, end: datetime | None) -> int | None:
    return round((end - start).total_seconds()) if start and end else None


def _agent_info(leg: AgentLeg, now: datetime) -> dict[str, Any]:
    held = leg.hold_seconds
    if leg.hold_started_at is not None:  # on hold right now
        held += (now - leg.hold_started_at).total_seconds()
    return compact(
        {
            "Id": leg.user_id,
            "AcceptedByAgentTimestamp": leg.accepted_at,
            "ConnectedToAgentTimestamp": leg.connected_at,
            "AgentInitiatedHoldDuration": round(held) if leg.connected_at else None,
            "AgentPauseDurationInSeconds": round(
                leg.pause_seconds
                + ((now - leg.paused_at).total_seconds() if leg.paused_at else 0.0)
            )
            if leg.paused_at or leg.pause_seconds
            else None,
            "AfterContactWorkStartTimestamp": leg.acw_started_at,
            "AfterContactWorkEndTimestamp": leg.acw_ended_at,
            "AfterContactWorkDuration": _seconds(leg.acw_started_at, leg.acw_ended_at),
        }
    )


def _queue_info(contact: Contact) -> dict[str, Any] | None:
    if contact.queue_id is None:
        return None
    return compact({"Id": contact.queue_id, "EnqueueTimestamp": contact.enqueued_at})


def _paused_seconds(contact: Contact, now: datetime) -> float:
    """Paused so far, including a pause still going on."""
    ongoing = (now - contact.paused_at).total_seconds() if contact.paused_at else 0.0
    return contact.pause_seconds + ongoing


def contact_out(contact: Contact, now: datetime) -> dict[str, Any]:
    """DescribeContact's Contact: what the contact record says, so far."""
    queued = contact.queue_id is not None
    # Connect leaves SystemEndpoint out for these initiation methods.
    no_system = contact.initiation_method in (
        InitiationMethod.QUEUE_TRANSFER,
        InitiationMethod.CALLBACK,
    )
    return compact(
        {
            "Arn": contact.arn,
            "Id": contact.id,
            "InitialContactId": contact.initial_contact_id,
            "PreviousContactId": contact.previous_contact_id,
            "InitiationMethod": contact.initiation_method.value,
            "Name": contact.name,
            "Description": contact.description,
            "Channel": contact.channel.value,
            "QueueInfo": _queue_info(contact),
            "AgentInfo": _agent_info(contact.agent, now) if contact.agent else None,
            "InitiationTimestamp": contact.initiated_at,
            "DisconnectTimestamp": contact.disconnected_at,
            "LastUpdateTimestamp": contact.last_updated_at,
            "ScheduledTimestamp": contact.scheduled_at,
            "LastPausedTimestamp": contact.last_paused_at,
            "LastResumedTimestamp": contact.last_resumed_at,
            "TotalPauseCount": contact.pause_count if contact.pause_count else None,
            "TotalPauseDurationInSeconds": round(_paused_seconds(contact, now))
            if contact.pause_count
            else None,
            "TaskTemplateInfo": {
                "Arn": contact.task_template_arn,
                "Name": contact.task_template_name,
            }
            if contact.task_template_arn
            else None,
            "RelatedContactId": contact.related_contact_id,
            "CustomerEndpoint": _endpoint(contact.customer_endpoint),
            "SystemEndpoint": None if no_system else _endpoint(contact.system_endpoint),
            "QueueTimeAdjustmentSeconds": contact.queue_time_adjustment_seconds if queued else None,
            "QueuePriority": max(contact.queue_priority, 1) if queued else None,
            "Tags": tags_out(contact.tags),
            "ConnectedToSystemTimestamp": contact.connected_to_system_at,
            "DisconnectReason": contact.disconnect_reason.value
            if contact.disconnect_reason
            else None,
            "Attributes": dict(contact.attributes),
        }
    )


@operation("DescribeContact")
async def describe_contact(call: ConnectCall) -> dict[str, Any]:
    contact = await require_contact(call, call.params["ContactId"])
    return {"Contact": contact_out(contact, call.center.clock.now())}


# -- attributes --------------------------------------------------------------------------------


def _latest(segments: Iterable[Contact]) -> Contact:
    return max(segments, key=lambda c: (c.initiated_at, c.last_updated_at, c.id))


@operation("GetContactAttributes")
async def get_contact_attributes(call: ConnectCall) -> dict[str, Any]:
    contact = await require_contact(call, call.params["InitialContactId"], "InitialContactId")
    return {"Attributes": dict(_latest(await contact_chain(call, contact)).attributes)}


@operation("UpdateContactAttributes")
async def update_contact_attributes(call: ConnectCall) -> dict[str, Any]:
    """Sets the attributes on every segment of the contact, in progress or finished (Connect
    allows both). Finished segments are contact records the writer rewrites; one update per
    instance at a time, so two updates of a record cannot overwrite each other."""
    given = call.params["Attributes"]
    state = instance_state(call)
    locks = memory(call.center).record_locks
    async with locks.setdefault(state.instance.id, asyncio.Lock()):
        contact = await require_contact(call, call.params["InitialContactId"], "InitialContactId")
        chain = await contact_chain(call, contact)
        checked_attributes(given, _latest(chain).attributes)
        initial = contact.initial_contact_id

        def update(work: Work) -> None:
            updated: set[str] = set()
            for live in [c for c in work.contacts() if c.initial_contact_id == initial]:
                work.put(live.with_attributes(given, work.now))
                updated.add(live.id)
            for record in chain:
                if record.id not in updated and work.find_contact(record.id) is None:
                    work.put(record.with_attributes(given, work.now))

        await run_work(call, update)
    return {}


# -- tags ----------------------------------------------------------------------------------------


async def _retag(
    call: ConnectCall, retagged: Callable[[Mapping[str, str]], dict[str, str]]
) -> None:
    """Replace the contact's tags by `retagged(current)`, live or finished (one record rewrite
    per instance at a time, as for attributes)."""
    state = instance_state(call)
    async with memory(call.center).record_locks.setdefault(state.instance.id, asyncio.Lock()):
        record = await require_contact(call, call.params["ContactId"])

        def update(work: Work) -> None:
            contact = work.find_contact(record.id) or record
            work.put(replace(contact, tags=retagged(contact.tags), last_updated_at=work.now))

        await run_work(call, update)


@operation("TagContact")
async def tag_contact(call: ConnectCall) -> dict[str, Any]:
    added: dict[str, str] = call.params["Tags"]

    def merged(current: Mapping[str, str]) -> dict[str, str]:
        problem = contact_tags_problem(current, added)
        if problem:
            raise InvalidParameter(problem)
        return {**current, **added}

    await _retag(call, merged)
    return {}


@operation("UntagContact")
async def untag_contact(call: ConnectCall) -> dict[str, Any]:
    keys = set(call.params["TagKeys"])
    await _retag(call, lambda current: {k: v for k, v in current.items() if k not in keys})
    return {}


# -- searching contact records -------------------------------------------------------------------

# Contacts last at most 7 days (a task's longest life), so a contact with any timestamp in a
# range began at most that long before it; and one search reads at most this many records.
LONGEST_CONTACT = timedelta(days=7)
MAX_SEARCHED = 10_000

_TIMESTAMPS: dict[str, Callable[[Contact], datetime | None]] = {
    "INITIATION_TIMESTAMP": lambda c: c.initiated_at,
    "SCHEDULED_TIMESTAMP": lambda c: c.scheduled_at,
    "CONNECTED_TO_AGENT_TIMESTAMP": lambda c: c.agent.connected_at if c.agent else None,
    "DISCONNECT_TIMESTAMP": lambda c: c.disconnected_at,
    "ENQUEUE_TIMESTAMP": lambda c: c.enqueued_at,
}
_SORT_KEYS: dict[str, Callable[[Contact], Any]] = {
    **_TIMESTAMPS,
    "INITIATION_METHOD": lambda c: c.initiation_method.value,
    "CHANNEL": lambda c: c.channel.value,
}
_SUPPORTED_CRITERIA = {
    "Name",
    "AgentIds",
    "Channels",
    "InitiationMethods",
    "QueueIds",
    "SearchableContactAttributes",
}


@operation("SearchContacts")
async def search_contacts(call: ConnectCall) -> dict[str, Any]:
    """Contact records in a time range, filtered and sorted in Python over what the store
    returns for the range (its query filters by instance and initiation time only)."""
    state = instance_state(call)
    time_range = call.params["TimeRange"]
    start, end = time_range["StartTime"], time_range["EndTime"]
    if start > end:
        raise InvalidParameter("TimeRange StartTime must not be after its EndTime.")
    moment = _TIMESTAMPS[time_range["Type"]]
    criteria = call.get("SearchCriteria") or {}
    unsupported = sorted(k for k, v in criteria.items() if v and k not in _SUPPORTED_CRITERIA)
    if unsupported:
        raise InvalidParameter(
            f"OpenContact does not search by {', '.join(unsupported)} yet; it searches by "
            + ", ".join(sorted(_SUPPORTED_CRITERIA))
            + "."
        )
    keep = _criteria(state, criteria)
    since = start if time_range["Type"] == "INITIATION_TIMESTAMP" else start - LONGEST_CONTACT
    records = await call.center.store.contacts(
        state.instance.id, since=since, until=end + timedelta(microseconds=1), limit=MAX_SEARCHED
    )
    found = [c for c in records if _within(moment(c), start, end) and keep(c)]
    ordered = _sorted(found, call.get("Sort"))
    chunk, token = page(
        ordered,
        call.get("NextToken"),
        call.get("MaxResults"),
        100,
        f"SearchContacts:{state.instance.id}",
    )
    return {
        "Contacts": [_search_summary(c) for c in chunk],
        "NextToken": token,
        "TotalCount": len(ordered),
    }


def _within(moment: datetime | None, start: datetime, end: datetime) -> bool:
    return moment is not None and start <= moment <= end


def _ids(state: InstanceState, cls: type[Queue] | None, references: Iterable[str]) -> set[str]:
    ids = set()
    for reference in references:
        found = state.directory.find_by_arn_or_id(cls, reference) if cls else None
        ids.add(found.id if found else reference.rsplit("/", 1)[-1])
    return ids


def _criteria(state: InstanceState, criteria: Mapping[str, Any]) -> Callable[[Contact], bool]:
    channels = set(criteria.get("Channels") or ())
    methods = set(criteria.get("InitiationMethods") or ())
    queues = _ids(state, Queue, criteria.get("QueueIds") or ())
    agents = _ids(state, None, criteria.get("AgentIds") or ())
    name = criteria.get("Name")
    attributes = criteria.get("SearchableContactAttributes")

    def keep(contact: Contact) -> bool:
        if channels and contact.channel.value not in channels:
            return False
        if methods and contact.initiation_method.value not in methods:
            return False
        if queues and contact.queue_id not in queues:
            return False
        if agents and (contact.agent is None or contact.agent.user_id not in agents):
            return False
        if name and not _text_matches(contact.name or "", name):
            return False
        return not attributes or _attributes_match(contact.attributes, attributes)

    return keep


def _text_matches(text: str, criterion: Mapping[str, Any]) -> bool:
    words = [w.lower() for w in criterion["SearchText"]]
    lowered = text.lower()
    match criterion["MatchType"]:
        case "MATCH_ALL":
            return all(w in lowered for w in words)
        case "MATCH_ANY":
            return any(w in lowered for w in words)
        case "MATCH_EXACT":
            return lowered in words
        case _:  # MATCH_NONE
            return not any(w in lowered for w in words)


def _attributes_match(attributes: Mapping[str, str], criterion: Mapping[str, Any]) -> bool:
    hits = [attributes.get(c["Key"]) in c["Values"] for c in criterion["Criteria"]]
    if criterion.get("MatchType") == "MATCH_ANY":
        return any(hits)
    return all(hits)


def _sorted(contacts: list[Contact], sort: Mapping[str, str] | None) -> list[Contact]:
    """By the field asked for (newest initiation first when none is), contacts without a value
    for it last; the id breaks ties so pages never overlap."""
    field = sort["FieldName"] if sort else "INITIATION_TIMESTAMP"
    descending = (sort["Order"] == "DESCENDING") if sort else True
    key = _SORT_KEYS.get(field)
    if key is None:
        raise InvalidParameter(f"OpenContact cannot sort contacts by {field} yet.")
    valued = [c for c in contacts if key(c) is not None]
    missing = [c for c in contacts if key(c) is None]
    valued.sort(key=lambda c: c.id)
    valued.sort(key=key, reverse=descending)
    missing.sort(key=lambda c: (c.initiated_at, c.id), reverse=True)
    return valued + missing


def _search_summary(contact: Contact) -> dict[str, Any]:
    leg = contact.agent
    return compact(
        {
            "Arn": contact.arn,
            "Id": contact.id,
            "InitialContactId": contact.initial_contact_id,
            "PreviousContactId": contact.previous_contact_id,
            "InitiationMethod": contact.initiation_method.value,
            "Channel": contact.channel.value,
            "QueueInfo": _queue_info(contact),
            "AgentInfo": compact({"Id": leg.user_id, "ConnectedToAgentTimestamp": leg.connected_at})
            if leg
            else None,
            "InitiationTimestamp": contact.initiated_at,
            "DisconnectTimestamp": contact.disconnected_at,
            "ScheduledTimestamp": contact.scheduled_at,
            "Name": contact.name,
        }
    )
