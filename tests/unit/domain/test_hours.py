"""Hours of operation decide whether a queue is open at a given moment."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from opencontact.domain.directory import Directory
from opencontact.domain.errors import DuplicateResource, InvalidParameter, ResourceInUse
from opencontact.domain.hours import (
    Day,
    HoursOfOperation,
    HoursSlot,
    TimeOfDay,
    create_hours_of_operation,
    delete_hours_of_operation,
    update_hours_of_operation,
)
from tests.support.domain import fixed_env, new_directory, run


def _hours(*slots: HoursSlot, time_zone: str = "America/New_York") -> HoursOfOperation:
    directory = new_directory()
    return run(
        directory,
        create_hours_of_operation(
            directory, fixed_env(), name="Shift", time_zone=time_zone, slots=slots
        ),
    )


def _slot(day: Day, start: tuple[int, int], end: tuple[int, int]) -> HoursSlot:
    return HoursSlot(day, TimeOfDay(*start), TimeOfDay(*end))


def test_weekday_office_hours_are_open_inside_and_closed_outside() -> None:
    hours = _hours(_slot(Day.MONDAY, (9, 0), (17, 0)))
    # Monday 2026-03-02, New York is UTC-5 in winter.
    assert hours.is_open(datetime(2026, 3, 2, 14, 0, tzinfo=UTC))  # 09:00 local
    assert not hours.is_open(datetime(2026, 3, 2, 13, 59, tzinfo=UTC))  # 08:59 local
    assert not hours.is_open(datetime(2026, 3, 2, 22, 0, tzinfo=UTC))  # 17:00 local: closed
    assert not hours.is_open(datetime(2026, 3, 3, 15, 0, tzinfo=UTC))  # Tuesday


def test_a_slot_that_ends_before_it_starts_runs_past_midnight() -> None:
    hours = _hours(_slot(Day.FRIDAY, (22, 0), (2, 0)), time_zone="UTC")
    assert hours.is_open(datetime(2026, 3, 6, 23, 30, tzinfo=UTC))  # Friday night
    assert hours.is_open(datetime(2026, 3, 7, 1, 59, tzinfo=UTC))  # Saturday early
    assert not hours.is_open(datetime(2026, 3, 7, 2, 0, tzinfo=UTC))
    assert not hours.is_open(datetime(2026, 3, 6, 21, 59, tzinfo=UTC))


def test_basic_hours_are_open_around_the_clock() -> None:
    directory = new_directory()
    basic = directory.find_by_name(HoursOfOperation, "Basic Hours")
    assert basic is not None
    for hour in range(0, 24, 5):
        for day in range(2, 9):
            assert basic.is_open(datetime(2026, 3, day, hour, 17, tzinfo=UTC))


def test_unknown_time_zones_and_impossible_slots_are_refused() -> None:
    directory = new_directory()
    env = fixed_env()
    with pytest.raises(InvalidParameter, match="Mars/Base"):
        create_hours_of_operation(directory, env, name="x", time_zone="Mars/Base", slots=())
    with pytest.raises(InvalidParameter, match="same time"):
        create_hours_of_operation(
            directory, env, name="x", time_zone="UTC", slots=[_slot(Day.MONDAY, (9, 0), (9, 0))]
        )
    with pytest.raises(DuplicateResource):
        create_hours_of_operation(directory, env, name="Basic Hours", time_zone="UTC", slots=())


def test_update_changes_only_what_is_given() -> None:
    directory = new_directory()
    hours = _create(directory)
    updated = run(
        directory,
        update_hours_of_operation(directory, fixed_env("eu-west-2"), hours.id, name="Late shift"),
    )
    assert updated.name == "Late shift"
    assert updated.time_zone == hours.time_zone
    assert updated.slots == hours.slots
    assert updated.last_modified_region == "eu-west-2"


def test_hours_in_use_by_a_queue_cannot_be_deleted_but_unused_ones_can() -> None:
    directory = new_directory()
    basic = directory.find_by_name(HoursOfOperation, "Basic Hours")
    assert basic is not None
    with pytest.raises(ResourceInUse, match="BasicQueue"):
        delete_hours_of_operation(directory, basic.id)
    hours = _create(directory)
    run(directory, delete_hours_of_operation(directory, hours.id))
    assert directory.get(HoursOfOperation, hours.id) is None


def _create(directory: Directory) -> HoursOfOperation:
    return run(
        directory,
        create_hours_of_operation(
            directory,
            fixed_env(),
            name="Evening",
            time_zone="Europe/Paris",
            slots=[_slot(Day.MONDAY, (18, 0), (22, 0))],
        ),
    )
