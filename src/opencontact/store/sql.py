"""The Store port on SQLAlchemy: SQLite (default) or PostgreSQL."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from opencontact.domain.agents import Agent
from opencontact.domain.base import Change, Put, Remove, Resource
from opencontact.domain.contacts import Contact
from opencontact.domain.flow_logs import FlowLogRecord
from opencontact.domain.instance import Instance
from opencontact.store import codec, migrate
from opencontact.store.database import create_engine, is_sqlite
from opencontact.store.port import StoredInstance
from opencontact.store.schema import agents, contacts, flow_logs, instances, resources


class SqlStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    @classmethod
    async def open(cls, url: URL) -> SqlStore:
        """Migrate the schema to the newest version, then connect."""
        await asyncio.to_thread(migrate.upgrade, url)
        return cls(create_engine(url))

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self._engine.url)

    async def load(self) -> list[StoredInstance]:
        async with self._engine.connect() as connection:
            instance_rows = (await connection.execute(select(instances.c.body))).all()
            resource_rows = (
                await connection.execute(
                    select(resources.c.instance_id, resources.c.kind, resources.c.body)
                )
            ).all()
            contact_rows = (
                await connection.execute(
                    select(contacts.c.instance_id, contacts.c.body).where(
                        contacts.c.over.is_(False)
                    )
                )
            ).all()
            agent_rows = (
                await connection.execute(select(agents.c.instance_id, agents.c.body))
            ).all()
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

    async def contact(self, instance_id: str, contact_id: str) -> Contact | None:
        query = select(contacts.c.body).where(
            (contacts.c.instance_id == instance_id) & (contacts.c.id == contact_id)
        )
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).first()
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
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [codec.load_contact(row[0]) for row in rows]

    async def flow_logs(self, instance_id: str, contact_id: str) -> list[FlowLogRecord]:
        query = (
            select(flow_logs.c.body)
            .where(
                (flow_logs.c.instance_id == instance_id) & (flow_logs.c.contact_id == contact_id)
            )
            .order_by(flow_logs.c.at, flow_logs.c.id)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [codec.load_flow_log(row[0]) for row in rows]

    async def commit(self, instance_id: str, changes: Sequence[Change]) -> None:
        await self.commit_many([(instance_id, changes)])

    async def commit_many(self, batches: Sequence[tuple[str, Sequence[Change]]]) -> None:
        # Removals first: a resource moving between instances keeps its unique name.
        ordered = sorted(
            ((instance_id, change) for instance_id, changes in batches for change in changes),
            key=lambda item: not isinstance(item[1], Remove),
        )
        async with self._engine.begin() as connection:
            for instance_id, change in ordered:
                await self._write(connection, instance_id, change)

    async def _write(self, connection: AsyncConnection, instance_id: str, change: Change) -> None:
        entity = change.entity
        if isinstance(entity, Instance):
            if isinstance(change, Remove):
                for table in (resources, contacts, agents, flow_logs):
                    await connection.execute(delete(table).where(table.c.instance_id == entity.id))
                await connection.execute(delete(instances).where(instances.c.id == entity.id))
            else:
                await self._upsert_instance(connection, entity)
            return
        if isinstance(entity, Contact):
            await self._write_contact(connection, instance_id, entity)
            return
        if isinstance(entity, Agent):
            key = (agents.c.instance_id == instance_id) & (agents.c.user_id == entity.id)
            await connection.execute(delete(agents).where(key))
            if isinstance(change, Put):
                await connection.execute(
                    agents.insert().values(
                        instance_id=instance_id, user_id=entity.id, body=codec.dump(entity)
                    )
                )
            return
        if isinstance(entity, FlowLogRecord):
            await connection.execute(
                flow_logs.insert().values(
                    id=entity.id,
                    instance_id=instance_id,
                    contact_id=entity.contact_id,
                    at=entity.at,
                    body=codec.dump(entity),
                )
            )
            return
        assert isinstance(entity, Resource)
        key = (
            (resources.c.instance_id == instance_id)
            & (resources.c.kind == entity.kind)
            & (resources.c.id == entity.id)
        )
        await connection.execute(delete(resources).where(key))
        if isinstance(change, Put):
            await connection.execute(
                resources.insert().values(
                    instance_id=instance_id,
                    kind=entity.kind,
                    id=entity.id,
                    unique_name=entity.unique_name,
                    body=codec.dump(entity),
                )
            )

    async def _write_contact(
        self, connection: AsyncConnection, instance_id: str, contact: Contact
    ) -> None:
        values: dict[str, Any] = {
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
        }
        updated = await connection.execute(
            contacts.update().where(contacts.c.id == contact.id).values(**values)
        )
        if updated.rowcount == 0:
            await connection.execute(contacts.insert().values(id=contact.id, **values))

    async def _upsert_instance(self, connection: AsyncConnection, instance: Instance) -> None:
        values: dict[str, Any] = {"alias": instance.alias, "body": codec.dump(instance)}
        updated = await connection.execute(
            instances.update().where(instances.c.id == instance.id).values(**values)
        )
        if updated.rowcount == 0:
            await connection.execute(instances.insert().values(id=instance.id, **values))

    async def close(self) -> None:
        await self._engine.dispose()
