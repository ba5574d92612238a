"""Hours of operation: when a queue takes contacts, in the queue's own time zone.

A day's slot runs from its start to its end; a slot whose end is not after its start runs past
midnight into the next day, and a slot from 00:00 to 00:00 covers the whole day (that is how
"Basic Hours" is open around the clock).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from opencontact.domain.base import Env, Outcome, Put, Remove, Resource, Tags, check_tags
from opencontact.domain.directory import Directory
from opencontact.domain.errors import InvalidParameter

MAX_SLOTS = 100


class Day(enum.StrEnum):
    MONDAY = "MONDAY"
    TUESDAY = "TUESDAY"
    WEDNESDAY = "WEDNESDAY"
    THURSDAY = "THURSDAY"
    FRIDAY = "FRIDAY"
    SATURDAY = "SATURDAY"
    SUNDAY = "SUNDAY"


_WEEK: Sequence[Day] = tuple(Day)  # Monday first, as datetime.weekday() counts


@dataclass(frozen=True)
class TimeOfDay:
    hours: int
    minutes: int

    @property
    def minute_of_day(self) -> int:
        return self.hours * 60 + self.minutes


@dataclass(frozen=True)
class HoursSlot:
    day: Day
    start: TimeOfDay
    end: TimeOfDay


@dataclass(frozen=True, kw_only=True)
class HoursOfOperation(Resource):
    kind: ClassVar[str] = "hours-of-operation"
    label: ClassVar[str] = "hours of operation"
    arn_segment: ClassVar[str] = "operating-hours"

    name: str
    description: str | None = None
    time_zone: str
    slots: tuple[HoursSlot, ...] = ()

    @property
    def unique_name(self) -> str:
        return self.name

    def is_open(self, at: datetime) -> bool:
        """Whether `at` (any aware datetime) falls inside one of the slots."""
        local = at.astimezone(ZoneInfo(self.time_zone))
        minute = local.hour * 60 + local.minute
        today = _WEEK[local.weekday()]
        yesterday = _WEEK[(local - timedelta(days=1)).weekday()]
        for slot in self.slots:
            start, end = slot.start.minute_of_day, slot.end.minute_of_day
            if start < end:
                if slot.day is today and start <= minute < end:
                    return True
            elif start == end == 0:
                if slot.day is today:
                    return True
            else:  # runs past midnight
                if slot.day is today and minute >= start:
                    return True
                if slot.day is yesterday and minute < end:
                    return True
        return False


def check_time_zone(time_zone: str) -> None:
    try:
        ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidParameter(
            f"'{time_zone}' is not a time zone; use an IANA name such as 'America/New_York'."
        ) from None
    if time_zone not in available_timezones() and time_zone != "UTC":
        raise InvalidParameter(f"'{time_zone}' is not a supported time zone.")


def check_slots(slots: Sequence[HoursSlot]) -> None:
    if len(slots) > MAX_SLOTS:
        raise InvalidParameter(f"Hours of operation can have at most {MAX_SLOTS} time slots.")
    for slot in slots:
        for label, time in (("StartTime", slot.start), ("EndTime", slot.end)):
            if not (0 <= time.hours <= 23 and 0 <= time.minutes <= 59):
                raise InvalidParameter(
                    f"{label} {time.hours:02d}:{time.minutes:02d} on {slot.day.value} "
                    "is not a time of day."
                )
        if slot.start == slot.end and slot.start.minute_of_day != 0:
            raise InvalidParameter(
                f"The slot on {slot.day.value} starts and ends at the same time; "
                "use 00:00 to 00:00 for a whole day."
            )


def create_hours_of_operation(
    directory: Directory,
    env: Env,
    *,
    name: str,
    time_zone: str,
    slots: Sequence[HoursSlot],
    description: str | None = None,
    tags: Tags | None = None,
) -> Outcome[HoursOfOperation]:
    directory.check_name_free(HoursOfOperation, name)
    check_time_zone(time_zone)
    check_slots(slots)
    check_tags(tags or {})
    hours_id = env.new_id()
    hours = HoursOfOperation(
        id=hours_id,
        arn=directory.arn_for(HoursOfOperation, hours_id),
        name=name,
        description=description,
        time_zone=time_zone,
        slots=tuple(slots),
        tags=dict(tags or {}),
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(hours, [Put(hours)])


def update_hours_of_operation(
    directory: Directory,
    env: Env,
    hours_id: str,
    *,
    name: str | None = None,
    description: str | None = None,
    time_zone: str | None = None,
    slots: Sequence[HoursSlot] | None = None,
) -> Outcome[HoursOfOperation]:
    hours = directory.require(HoursOfOperation, hours_id)
    if name is not None:
        directory.check_name_free(HoursOfOperation, name, except_id=hours.id)
    if time_zone is not None:
        check_time_zone(time_zone)
    if slots is not None:
        check_slots(slots)
    updated = replace(
        hours,
        name=hours.name if name is None else name,
        description=hours.description if description is None else description,
        time_zone=hours.time_zone if time_zone is None else time_zone,
        slots=hours.slots if slots is None else tuple(slots),
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(updated, [Put(updated)])


def delete_hours_of_operation(directory: Directory, hours_id: str) -> Outcome[None]:
    hours = directory.require(HoursOfOperation, hours_id)
    directory.check_not_in_use(hours)
    return Outcome(None, [Remove(hours)])
