"""What the Connect API's operations on live contacts share: reading contacts (live or stored),
running engine work on the instance's writer, ClientToken idempotency, attribute checks."""

from __future__ import annotations

import asyncio
import re
import weakref
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from opencontact.api.connect.call import ConnectCall
from opencontact.domain.contacts import (
    Contact,
)
from opencontact.domain.errors import InvalidParameter, ResourceNotFound
from opencontact.engine.center import ContactCenter
from opencontact.engine.commands import Command
from opencontact.engine.state import InstanceState
from opencontact.engine.work import Work

T = TypeVar("T")


# -- shared by the live operations ------------------------------------------------------------


def instance_state(call: ConnectCall) -> InstanceState:
    return call.center.state(call.params["InstanceId"], call.region)


async def find_contact(call: ConnectCall, contact_id: str) -> Contact | None:
    """The contact as it is now: live if in progress (or in after-contact work), else its
    record."""
    instance_id = instance_state(call).instance.id
    return await call.center.contact(instance_id, contact_id, call.region)


async def require_contact(call: ConnectCall, contact_id: str, field: str = "ContactId") -> Contact:
    found = await find_contact(call, contact_id)
    if found is None:
        instance_id = instance_state(call).instance.id
        raise ResourceNotFound(
            f"{field} '{contact_id}' names no contact of instance {instance_id}."
        )
    return found


async def run_work(call: ConnectCall, step: Callable[[Work], T]) -> T:
    """Run `step` on the instance's writer as one command."""
    env = call.env()

    def command(state: InstanceState) -> Any:
        work = Work(state, env)
        return work.outcome(step(work))

    result: T = await call.center.live(call.params["InstanceId"], call.region, command)
    return result


async def run_command(call: ConnectCall, command: Command[T]) -> T:
    env = call.env()
    return await call.center.live(
        call.params["InstanceId"], call.region, lambda state: command(state, env)
    )


@dataclass
class _PerCenter:
    """What this module remembers per running contact center (each has its own event loop)."""

    tokens: OrderedDict[tuple[str, str, str], tuple[datetime, asyncio.Future[str]]]
    record_locks: dict[str, asyncio.Lock]


_MEMORY: weakref.WeakKeyDictionary[ContactCenter, _PerCenter] = weakref.WeakKeyDictionary()


def memory(center: ContactCenter) -> _PerCenter:
    memory = _MEMORY.get(center)
    if memory is None:
        memory = _MEMORY[center] = _PerCenter(OrderedDict(), {})
    return memory


# ClientToken: Connect honours a token for 7 days. OpenContact keeps the tokens in memory (the
# contact record has no place for them), so a restart forgets them; at most this many are kept.
TOKEN_DAYS = 7
MAX_TOKENS = 10_000


async def idempotent(call: ConnectCall, start: Callable[[], Awaitable[str]]) -> str:
    """Start a contact once per ClientToken: a retry with the same token gets the same contact
    id (also while the first request is still running); a failed start forgets the token."""
    token = call.get("ClientToken")
    if not token:
        return await start()
    remembered = memory(call.center)
    now = call.center.clock.now()
    while remembered.tokens:
        oldest_key, (started, _future) = next(iter(remembered.tokens.items()))
        if now - started < timedelta(days=TOKEN_DAYS) and len(remembered.tokens) < MAX_TOKENS:
            break
        del remembered.tokens[oldest_key]
    key = (call.operation, instance_state(call).instance.id, token)
    known = remembered.tokens.get(key)
    if known is not None:
        return await asyncio.shield(known[1])
    future: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    remembered.tokens[key] = (now, future)
    try:
        contact_id = await start()
    except BaseException as error:
        remembered.tokens.pop(key, None)
        if isinstance(error, Exception):
            future.set_exception(error)  # a retry waiting on it gets the same error
            future.exception()  # (marked as retrieved: nobody may be waiting)
        else:
            future.cancel()
        raise
    future.set_result(contact_id)
    return contact_id


_ATTRIBUTE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
MAX_ATTRIBUTE_BYTES = 32_768


def checked_attributes(
    given: Mapping[str, str], existing: Mapping[str, str] | None = None
) -> dict[str, str]:
    """User-defined attributes as Connect takes them: keys of letters, digits, '-' and '_', and
    at most 32,768 UTF-8 bytes across all of a contact's attributes."""
    for key in given:
        if not _ATTRIBUTE_KEY.match(key):
            raise InvalidParameter(
                f"Attribute key '{key}' may contain only letters, digits, '-' and '_'."
            )
    merged = {**(existing or {}), **given}
    size = sum(len(k.encode()) + len(v.encode()) for k, v in merged.items())
    if size > MAX_ATTRIBUTE_BYTES:
        raise InvalidParameter(
            f"The contact's attributes would take {size:,} bytes; Amazon Connect allows at most "
            f"{MAX_ATTRIBUTE_BYTES:,} (UTF-8) across all of them."
        )
    return dict(given)


# How many segments a chain of contacts may have (transfers, tasks) for attribute updates.
MAX_CHAIN = 1_000


async def contact_chain(call: ConnectCall, contact: Contact) -> list[Contact]:
    """Every segment sharing the contact's initial contact (transfers, linked tasks), each as it
    is now."""
    state = instance_state(call)
    initial = contact.initial_contact_id
    segments = {
        c.id: c
        for c in await call.center.store.contacts(
            state.instance.id, initial_contact_id=initial, limit=MAX_CHAIN
        )
    }
    for live in state.live.contacts.values():
        if live.initial_contact_id == initial:
            segments[live.id] = live
    segments.setdefault(contact.id, contact)
    return list(segments.values())
