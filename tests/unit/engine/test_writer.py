"""The single writer runs commands in order and never applies what it could not persist."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pytest

from opencontact.domain.base import Change, Outcome, Put, Remove
from opencontact.domain.errors import InvalidRequest
from opencontact.domain.instance import IdentityManagementType, Instance
from opencontact.engine.writer import SingleWriter, Then, WriterClosed
from tests.support.domain import NOW


@dataclass
class Counter:
    """A state that records what was applied (and can be rolled back)."""

    applied: list[Change] = field(default_factory=list)

    def apply(self, changes: Sequence[Change]) -> None:
        for change in changes:
            if isinstance(change, Remove):
                self.applied = [c for c in self.applied if c.entity.id != change.entity.id]
            else:
                self.applied.append(change)

    def inverse(self, changes: Sequence[Change]) -> list[Change]:
        return [Remove(change.entity) for change in reversed(changes)]


def _change(n: int) -> Change:
    return Put(
        Instance(
            id=f"i-{n}",
            arn=f"arn:{n}",
            account_id="1",
            region="us-east-1",
            alias=None,
            identity_management_type=IdentityManagementType.SAML,
            created_time=NOW,
        )
    )


def _numbered(n: int) -> Callable[[Counter], Outcome[int]]:
    return lambda _state: Outcome(n, [_change(n)])


async def test_commands_run_one_at_a_time_in_arrival_order() -> None:
    committed: list[str] = []

    async def commit(changes: Sequence[Change]) -> None:
        await asyncio.sleep(0)  # let other commands try to interleave
        committed.extend(c.entity.id for c in changes)

    writer = SingleWriter(Counter(), commit, "test")
    results = await asyncio.gather(*(writer.execute(_numbered(n)) for n in range(20)))
    assert results == list(range(20))
    assert committed == [f"i-{n}" for n in range(20)]
    await writer.close()


async def test_a_failed_commit_leaves_memory_unchanged_and_the_writer_alive() -> None:
    state = Counter()
    fail = True

    async def commit(_changes: Sequence[Change]) -> None:
        if fail:
            raise OSError("disk full")

    writer = SingleWriter(state, commit, "test")
    with pytest.raises(OSError, match="disk full"):
        await writer.execute(lambda _s: Outcome(1, [_change(1)]))
    assert state.applied == []
    fail = False
    assert await writer.execute(lambda _s: Outcome(2, [_change(2)])) == 2
    assert [c.entity.id for c in state.applied] == ["i-2"]
    await writer.close()


async def test_a_refused_command_reaches_its_caller_only() -> None:
    async def commit(_changes: Sequence[Change]) -> None:
        return None

    def refuse(_state: Counter) -> Outcome[None]:
        raise InvalidRequest("no")

    writer = SingleWriter(Counter(), commit, "test")
    with pytest.raises(InvalidRequest):
        await writer.execute(refuse)
    assert await writer.execute(lambda _s: Outcome("ok")) == "ok"
    await writer.close()
    with pytest.raises(WriterClosed):
        await writer.execute(lambda _s: Outcome("late"))


async def test_a_held_writer_runs_no_command_until_released() -> None:
    async def commit(_changes: Sequence[Change]) -> None:
        return None

    state = Counter()
    writer = SingleWriter(state, commit, "test")
    async with writer.hold() as held:
        queued = asyncio.ensure_future(writer.execute(_numbered(1)))
        await asyncio.sleep(0)
        assert not queued.done()
        held.apply([_change(0)])
    assert await queued == 1
    assert [c.entity.id for c in state.applied] == ["i-0", "i-1"]
    await writer.close()


async def test_commands_queued_together_share_one_commit_and_see_each_other() -> None:
    commits: list[list[str]] = []

    async def commit(changes: Sequence[Change]) -> None:
        commits.append([c.entity.id for c in changes])

    state = Counter()
    writer = SingleWriter(state, commit, "test")

    def counting(n: int) -> Callable[[Counter], Outcome[int]]:
        # Each command sees the changes of the commands queued before it.
        return lambda current: Outcome(len(current.applied), [_change(n)])

    results = await asyncio.gather(*(writer.execute(counting(n)) for n in range(5)))
    assert results == [0, 1, 2, 3, 4]
    assert commits == [[f"i-{n}" for n in range(5)]]
    await writer.close()


async def test_a_failed_group_commit_rolls_back_every_command_of_the_batch() -> None:
    async def commit(_changes: Sequence[Change]) -> None:
        raise OSError("database gone")

    state = Counter()
    writer = SingleWriter(state, commit, "test")
    outcomes = await asyncio.gather(
        *(writer.execute(_numbered(n)) for n in range(3)), return_exceptions=True
    )
    assert all(isinstance(o, OSError) for o in outcomes)
    assert state.applied == []
    await writer.close()


async def test_a_follow_up_command_runs_in_the_same_batch() -> None:
    commits: list[list[str]] = []

    async def commit(changes: Sequence[Change]) -> None:
        commits.append([c.entity.id for c in changes])

    def first(_state: Counter) -> Outcome[str]:
        return Outcome("first", [_change(1)], [Then(lambda _s: Outcome(None, [_change(2)]))])

    writer = SingleWriter(Counter(), commit, "test")
    assert await writer.execute(first) == "first"
    assert commits == [["i-1", "i-2"]]
    await writer.close()
