"""The SQL store keeps exactly what was committed, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from opencontact.domain.account import Account
from opencontact.domain.agent_statuses import AgentStatus
from opencontact.domain.base import Entity, Put, Remove
from opencontact.domain.hours import HoursOfOperation
from opencontact.domain.instance import IdentityManagementType
from opencontact.domain.provisioning import InstanceSpec, create_instance
from opencontact.store.database import normalise, sqlite_url
from opencontact.store.sql import SqlStore
from tests.conftest import BACKENDS, database_url_for
from tests.support.domain import fixed_env


@pytest.fixture(params=BACKENDS)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[SqlStore]:
    url = database_url_for(request.param, request) or sqlite_url(tmp_path)
    opened = await SqlStore.open(normalise(url))
    yield opened
    await opened.close()


async def _new_instance(store: SqlStore, alias: str) -> tuple[str, list[Entity]]:
    outcome = create_instance(
        Account("123456789012"),
        fixed_env(prefix=alias),
        InstanceSpec(IdentityManagementType.CONNECT_MANAGED, True, True, alias=alias),
    )
    await store.commit(outcome.value.id, outcome.changes)
    return outcome.value.id, [c.entity for c in outcome.changes]


async def test_an_instance_and_its_resources_load_back_as_committed(store: SqlStore) -> None:
    instance_id, entities = await _new_instance(store, "load-back")
    loaded = {s.instance.id: s for s in await store.load()}
    stored = loaded[instance_id]
    assert stored.instance == entities[0]
    by_id = {r.id: r for r in stored.resources}
    assert by_id == {e.id: e for e in entities[1:]}


async def test_a_replaced_resource_keeps_only_its_new_version(store: SqlStore) -> None:
    instance_id, entities = await _new_instance(store, "replace")
    hours = next(e for e in entities if isinstance(e, HoursOfOperation))
    renamed = replace(hours, name="Renamed hours")
    await store.commit(instance_id, [Put(renamed)])
    loaded = {s.instance.id: s for s in await store.load()}[instance_id]
    found = [r for r in loaded.resources if r.id == hours.id]
    assert found == [renamed]


async def test_two_resources_of_a_kind_cannot_share_a_name(store: SqlStore) -> None:
    instance_id, entities = await _new_instance(store, "unique")
    available = next(e for e in entities if isinstance(e, AgentStatus) and e.name == "Available")
    clash = replace(available, id="another-id")
    with pytest.raises(IntegrityError):
        await store.commit(instance_id, [Put(clash)])
    loaded = {s.instance.id: s for s in await store.load()}[instance_id]
    assert clash not in loaded.resources


async def test_a_failed_batch_commits_nothing(store: SqlStore) -> None:
    instance_id, entities = await _new_instance(store, "atomic")
    hours = next(e for e in entities if isinstance(e, HoursOfOperation))
    available = next(e for e in entities if isinstance(e, AgentStatus) and e.name == "Available")
    batch = [Put(replace(hours, name="Changed")), Put(replace(available, id="dup"))]
    with pytest.raises(IntegrityError):
        await store.commit(instance_id, batch)
    loaded = {s.instance.id: s for s in await store.load()}[instance_id]
    assert hours in loaded.resources


async def test_removing_an_instance_removes_everything_in_it(store: SqlStore) -> None:
    instance_id, entities = await _new_instance(store, "remove")
    await store.commit(instance_id, [Remove(entities[0])])
    assert instance_id not in {s.instance.id for s in await store.load()}


async def test_migrating_an_up_to_date_database_changes_nothing(tmp_path: Path) -> None:
    url = normalise(sqlite_url(tmp_path))
    first = await SqlStore.open(url)
    instance_id, _ = await _new_instance(first, "migrate")
    await first.close()
    second = await SqlStore.open(url)
    assert instance_id in {s.instance.id for s in await second.load()}
    await second.close()


async def test_a_resource_moves_between_instances_in_one_transaction(store: SqlStore) -> None:
    first_id, first = await _new_instance(store, "move-from")
    second_id, _ = await _new_instance(store, "move-to")
    hours = next(e for e in first if isinstance(e, HoursOfOperation))
    moved = replace(hours, name="Moved hours")
    await store.commit_many([(first_id, [Remove(hours)]), (second_id, [Put(moved)])])
    loaded = {s.instance.id: s for s in await store.load()}
    assert hours.id not in {r.id for r in loaded[first_id].resources}
    assert moved in loaded[second_id].resources


async def test_a_failed_move_leaves_both_instances_as_they_were(store: SqlStore) -> None:
    first_id, first = await _new_instance(store, "fail-from")
    second_id, second = await _new_instance(store, "fail-to")
    hours = next(e for e in first if isinstance(e, HoursOfOperation))
    clash = next(e for e in second if isinstance(e, AgentStatus) and e.name == "Available")
    with pytest.raises(IntegrityError):
        await store.commit_many(
            [
                (first_id, [Remove(hours)]),
                (second_id, [Put(replace(hours, id="x")), Put(replace(clash, id="dup"))]),
            ]
        )
    loaded = {s.instance.id: s for s in await store.load()}
    assert hours in loaded[first_id].resources
    assert "x" not in {r.id for r in loaded[second_id].resources}
