"""Chat transcripts in the SQL store, on SQLite and on PostgreSQL: items are committed with the
batch that posted them, read back per chat in the order they were posted, and go with their
instance. Contacts stored before chats existed still load."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from opencontact.domain.account import Account
from opencontact.domain.base import Put, Remove
from opencontact.domain.chats import (
    SYSTEM,
    ChatItem,
    ChatItemRecord,
    ChatItemType,
    ParticipantRole,
)
from opencontact.domain.instance import IdentityManagementType, Instance
from opencontact.domain.provisioning import InstanceSpec, create_instance
from opencontact.store import codec
from opencontact.store.database import normalise, sqlite_url
from opencontact.store.sql import SqlStore
from tests.conftest import BACKENDS, database_url_for
from tests.support.domain import fixed_env

AT = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


@pytest.fixture(params=BACKENDS)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[SqlStore]:
    url = database_url_for(request.param, request) or sqlite_url(tmp_path)
    opened = await SqlStore.open(normalise(url))
    yield opened
    await opened.close()


async def _new_instance(store: SqlStore, alias: str) -> Instance:
    outcome = create_instance(
        Account("123456789012"),
        fixed_env(prefix=alias),
        InstanceSpec(IdentityManagementType.CONNECT_MANAGED, True, True, alias=alias),
    )
    await store.commit(outcome.value.id, outcome.changes)
    return outcome.value


def _message(item_id: str, chat: str, segment: str, text: str) -> ChatItem:
    return ChatItem(
        id=item_id,
        contact_id=segment,
        initial_contact_id=chat,
        type=ChatItemType.MESSAGE,
        content_type="text/plain",
        content=text,
        participant_id="p-ana",
        participant_role=ParticipantRole.CUSTOMER,
        display_name="Ana",
        at=AT,  # items of one step share their time: the order they were posted decides
    )


def _put(item: ChatItem) -> Put:
    return Put(ChatItemRecord(id=item.id, arn="", item=item))


async def test_a_chat_reads_back_in_posting_order_across_its_segments(store: SqlStore) -> None:
    instance = await _new_instance(store, "chat-order")
    first = [_message(f"{instance.id}-{n}", "chat-1", "chat-1", f"m{n}") for n in (3, 1, 2)]
    ended = ChatItem(
        id=f"{instance.id}-end",
        contact_id="chat-1b",
        initial_contact_id="chat-1",
        type=ChatItemType.CHAT_ENDED,
        content_type="application/vnd.amazonaws.connect.event.chat.ended",
        content=None,
        participant_id=None,
        participant_role=ParticipantRole.SYSTEM,
        display_name=SYSTEM.display_name,
        at=AT,
    )
    other = _message(f"{instance.id}-other", "chat-2", "chat-2", "not mine")
    await store.commit(instance.id, [_put(i) for i in first])
    await store.commit(instance.id, [_put(other), _put(ended)])
    transcript = await store.chat_transcript(instance.id, "chat-1")
    assert transcript == [*first, ended]
    assert [i.content for i in transcript] == ["m3", "m1", "m2", None]
    assert await store.chat_transcript(instance.id, "chat-2") == [other]
    assert await store.chat_transcript(instance.id, "no-such-chat") == []


async def test_items_of_a_failed_batch_are_not_kept(store: SqlStore) -> None:
    instance = await _new_instance(store, "chat-atomic")
    kept = _message(f"{instance.id}-a", "chat-1", "chat-1", "kept")
    await store.commit(instance.id, [_put(kept)])
    again = _message(f"{instance.id}-b", "chat-1", "chat-1", "lost")
    with pytest.raises(IntegrityError):
        await store.commit(instance.id, [_put(again), _put(kept)])  # kept's id is taken
    assert await store.chat_transcript(instance.id, "chat-1") == [kept]


async def test_removing_an_instance_removes_its_chats(store: SqlStore) -> None:
    instance = await _new_instance(store, "chat-remove")
    await store.commit(instance.id, [_put(_message(f"{instance.id}-a", "chat-1", "chat-1", "bye"))])
    await store.commit(instance.id, [Remove(instance)])
    assert await store.chat_transcript(instance.id, "chat-1") == []


def test_a_contact_stored_before_chats_existed_still_loads() -> None:
    body = {
        "id": "c-1",
        "arn": "arn:aws:connect:us-east-1:123456789012:instance/i/contact/c-1",
        "channel": "VOICE",
        "initiation_method": "INBOUND",
        "initial_contact_id": "c-1",
        "state": "QUEUED",
        "initiated_at": AT.isoformat(),
        "last_updated_at": AT.isoformat(),
    }
    contact = codec.load_contact(body)
    assert contact.customer_display_name is None
    assert contact.customer_participant_id is None
