"""The Store port on SQLAlchemy: SQLite (default) or PostgreSQL."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from opencontact.domain.base import Change, Put, Remove, Resource
from opencontact.domain.instance import Instance
from opencontact.store import codec, migrate
from opencontact.store.database import create_engine, is_sqlite
from opencontact.store.port import StoredInstance
from opencontact.store.schema import instances, resources


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
        by_instance: dict[str, list[Resource]] = defaultdict(list)
        for instance_id, kind, body in resource_rows:
            by_instance[instance_id].append(codec.load_resource(kind, body))
        loaded = []
        for (body,) in instance_rows:
            instance = codec.load_instance(body)
            loaded.append(StoredInstance(instance, by_instance.get(instance.id, [])))
        return loaded

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
                await connection.execute(
                    delete(resources).where(resources.c.instance_id == entity.id)
                )
                await connection.execute(delete(instances).where(instances.c.id == entity.id))
            else:
                await self._upsert_instance(connection, entity)
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

    async def _upsert_instance(self, connection: AsyncConnection, instance: Instance) -> None:
        values: dict[str, Any] = {"alias": instance.alias, "body": codec.dump(instance)}
        updated = await connection.execute(
            instances.update().where(instances.c.id == instance.id).values(**values)
        )
        if updated.rowcount == 0:
            await connection.execute(instances.insert().values(id=instance.id, **values))

    async def close(self) -> None:
        await self._engine.dispose()
