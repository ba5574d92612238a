"""The Store port on SQLAlchemy: SQLite (default) or PostgreSQL.

Every operation is a plain function of a connection; `Database` runs it (see database.py).
A batch of changes from a writer becomes a handful of statements in one transaction.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.engine import URL, Connection

from opencontact.domain.agents import Agent
from opencontact.domain.base import Change, Remove, Resource
from opencontact.domain.chats import ChatItem, ChatItemRecord
from opencontact.domain.contacts import Contact
from opencontact.domain.customer_profiles import contact_customer, email_key
from opencontact.domain.flow_logs import FlowLogRecord
from opencontact.domain.instance import Instance
from opencontact.store import codec, migrate
from opencontact.store.database import Database, is_sqlite
from opencontact.store.port import StoredInstance
from opencontact.store.schema import (
    agents,
    chat_items,
    contacts,
    flow_logs,
    instances,
    resources,
)


class SqlStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    @classmethod
    async def open(cls, url: URL) -> SqlStore:
        """Migrate the schema to the newest version, then connect."""
        await asyncio.to_thread(migrate.upgrade, url)
        return cls(Database(url))

    @property
    def database(self) -> Database:
        """The database itself, for records that are not engine state (customer profiles,
        cases, knowledge articles): read and written by their own store modules."""
        return self._database

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self._database.url)

    async def load(self) -> list[StoredInstance]:
        return await self._database.read(_load)

    async def contact(self, instance_id: str, contact_id: str) -> Contact | None:
        query = select(contacts.c.body).where(
            (contacts.c.instance_id == instance_id) & (contacts.c.id == contact_id)
        )
        row = await self._database.read(lambda connection: connection.execute(query).first())
        return codec.load_contact(row[0]) if row else None

    async def contacts(
        self,
        instance_id: str,
        *,
        initial_contact_id: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 100,
    ) -> list[Contact]:
        query = select(contacts.c.body).where(contacts.c.instance_id == instance_id)
        if initial_contact_id is not None:
            query = query.where(contacts.c.initial_contact_id == initial_contact_id)
        if since is not None:
            query = query.where(contacts.c.initiated_at >= since)
        if until is not None:
            query = query.where(contacts.c.initiated_at < until)
        query = query.order_by(contacts.c.initiated_at.desc(), contacts.c.id).limit(limit)
        rows = await self._database.read(lambda connection: connection.execute(query).all())
        return [codec.load_contact(row[0]) for row in rows]

    async def flow_logs(self, instance_id: str, contact_id: str) -> list[FlowLogRecord]:
        query = select(flow_logs.c.body).where(
            (flow_logs.c.instance_id == instance_id) & (flow_logs.c.contact_id == contact_id)
        )
        rows = await self._database.read(lambda connection: connection.execute(query).all())
        # Entries of one flow step share a timestamp: their sequence numbers give the order.
        return sorted((codec.load_flow_log(row[0]) for row in rows), key=lambda r: r.sequence)

    async def chat_transcript(self, instance_id: str, initial_contact_id: str) -> list[ChatItem]:
        query = (
            select(chat_items.c.body)
            .where(
                (chat_items.c.instance_id == instance_id)
                & (chat_items.c.initial_contact_id == initial_contact_id)
            )
            .order_by(chat_items.c.seq)
        )
        rows = await self._database.read(lambda connection: connection.execute(query).all())
        return [codec.load_chat_item(row[0]) for row in rows]

    async def commit(self, instance_id: str, changes: Sequence[Change]) -> None:
        await self.commit_many([(instance_id, changes)])

    async def commit_many(self, batches: Sequence[tuple[str, Sequence[Change]]]) -> None:
        rows = _Rows()
        for instance_id, changes in batches:
            for change in changes:
                rows.add(instance_id, change)
        await self._database.transaction(rows.write)

    async def close(self) -> None:
        await self._database.close()


def _load(connection: Connection) -> list[StoredInstance]:
    instance_rows = connection.execute(select(instances.c.body)).all()
    resource_rows = connection.execute(
        select(resources.c.instance_id, resources.c.kind, resources.c.body)
    ).all()
    contact_rows = connection.execute(
        select(contacts.c.instance_id, contacts.c.body).where(contacts.c.over.is_(False))
    ).all()
    agent_rows = connection.execute(select(agents.c.instance_id, agents.c.body)).all()
    by_instance: dict[str, list[Resource]] = defaultdict(list)
    for instance_id, kind, body in resource_rows:
        by_instance[instance_id].append(codec.load_resource(kind, body))
    live_contacts: dict[str, list[Contact]] = defaultdict(list)
    for instance_id, body in contact_rows:
        live_contacts[instance_id].append(codec.load_contact(body))
    live_agents: dict[str, list[Agent]] = defaultdict(list)
    for instance_id, body in agent_rows:
        live_agents[instance_id].append(codec.load_agent(body))
    loaded = []
    for (body,) in instance_rows:
        instance = codec.load_instance(body)
        loaded.append(
            StoredInstance(
                instance,
                by_instance.get(instance.id, []),
                live_contacts.get(instance.id, []),
                live_agents.get(instance.id, []),
            )
        )
    return loaded


def _upsert_instance(connection: Connection, instance: Instance) -> None:
    values: dict[str, Any] = {"alias": instance.alias, "body": codec.dump(instance)}
    updated = connection.execute(
        instances.update().where(instances.c.id == instance.id).values(**values)
    )
    if updated.rowcount == 0:
        connection.execute(instances.insert().values(id=instance.id, **values))


_DELETE_RESOURCE = delete(resources).where(
    (resources.c.instance_id == bindparam("k_instance"))
    & (resources.c.kind == bindparam("k_kind"))
    & (resources.c.id == bindparam("k_id"))
)
_DELETE_CONTACT = delete(contacts).where(contacts.c.id == bindparam("k_id"))
_DELETE_AGENT = delete(agents).where(
    (agents.c.instance_id == bindparam("k_instance")) & (agents.c.user_id == bindparam("k_id"))
)


class _Rows:
    """The rows a batch of changes writes: the last version of each entity only."""

    def __init__(self) -> None:
        self.instances: list[Instance] = []
        self.removed_instances: list[str] = []
        self.resource_keys: list[dict[str, Any]] = []
        self._resources: dict[tuple[str, str, str], dict[str, Any] | None] = {}
        self.contacts: dict[str, dict[str, Any]] = {}
        self.agents: dict[tuple[str, str], dict[str, Any]] = {}
        self.flow_logs: list[dict[str, Any]] = []
        self.chat_items: list[dict[str, Any]] = []

    def resource_rows(self) -> list[dict[str, Any]]:
        return [row for row in self._resources.values() if row is not None]

    def write(self, connection: Connection) -> None:
        for instance in self.instances:
            _upsert_instance(connection, instance)
        if self.resource_keys:
            connection.execute(_DELETE_RESOURCE, self.resource_keys)
        resource_rows = self.resource_rows()
        if resource_rows:
            connection.execute(resources.insert(), resource_rows)
        if self.contacts:
            connection.execute(_DELETE_CONTACT, [{"k_id": c} for c in self.contacts])
            connection.execute(contacts.insert(), list(self.contacts.values()))
        if self.agents:
            keys = [{"k_instance": i, "k_id": u} for i, u in self.agents]
            connection.execute(_DELETE_AGENT, keys)
            connection.execute(agents.insert(), list(self.agents.values()))
        if self.flow_logs:
            connection.execute(flow_logs.insert(), self.flow_logs)
        if self.chat_items:
            # In posting order: the order of `seq`, which is the transcript's.
            connection.execute(chat_items.insert(), self.chat_items)
        for instance_id in self.removed_instances:
            for table in (resources, contacts, agents, flow_logs, chat_items):
                connection.execute(delete(table).where(table.c.instance_id == instance_id))
            connection.execute(delete(instances).where(instances.c.id == instance_id))

    def add(self, instance_id: str, change: Change) -> None:
        entity = change.entity
        if isinstance(entity, Instance):
            if isinstance(change, Remove):
                self.removed_instances.append(entity.id)
            else:
                self.instances.append(entity)
        elif isinstance(entity, Contact):
            self.contacts[entity.id] = _contact_row(instance_id, entity)
        elif isinstance(entity, Agent):
            self.agents[(instance_id, entity.id)] = {
                "instance_id": instance_id,
                "user_id": entity.id,
                "body": codec.dump(entity),
            }
        elif isinstance(entity, FlowLogRecord):
            self.flow_logs.append(
                {
                    "id": entity.id,
                    "instance_id": instance_id,
                    "contact_id": entity.contact_id,
                    "at": entity.at,
                    "body": codec.dump(entity),
                }
            )
        elif isinstance(entity, ChatItemRecord):
            item = entity.item
            self.chat_items.append(
                {
                    "id": item.id,
                    "instance_id": instance_id,
                    "initial_contact_id": item.initial_contact_id,
                    "contact_id": item.contact_id,
                    "at": item.at,
                    "body": codec.dump_chat_item(item),
                }
            )
        elif isinstance(entity, Resource):
            key = (instance_id, entity.kind, entity.id)
            if key not in self._resources:
                self.resource_keys.append(
                    {"k_instance": instance_id, "k_kind": entity.kind, "k_id": entity.id}
                )
            self._resources[key] = (
                None
                if isinstance(change, Remove)
                else {
                    "instance_id": instance_id,
                    "kind": entity.kind,
                    "id": entity.id,
                    "unique_name": entity.unique_name,
                    "body": codec.dump(entity),
                }
            )


def _contact_row(instance_id: str, contact: Contact) -> dict[str, Any]:
    customer = contact_customer(contact)
    return {
        "id": contact.id,
        "instance_id": instance_id,
        "channel": contact.channel.value,
        "state": contact.state.value,
        "initiation_method": contact.initiation_method.value,
        "initial_contact_id": contact.initial_contact_id,
        "previous_contact_id": contact.previous_contact_id,
        "queue_id": contact.queue_id,
        "agent_id": contact.agent.user_id if contact.agent else None,
        "initiated_at": contact.initiated_at,
        "disconnected_at": contact.disconnected_at,
        "over": contact.is_over,
        "body": codec.dump(contact),
        "customer_phone": customer.phone_number,
        "customer_email": email_key(customer.email_address) if customer.email_address else None,
    }
