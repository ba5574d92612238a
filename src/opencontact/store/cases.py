"""Cases and their related items in the database (SQLite or PostgreSQL), outside the engine's
state: each write is one transaction, committed before the caller answers.

Searches filter in SQL (text with LIKE / ILIKE in title, summary and reference number; status;
customer; a linked contact) and page newest first by `seq`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    exists,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.exc import IntegrityError

from opencontact.domain.cases import (
    Case,
    CaseSearch,
    CaseStatus,
    RelatedItem,
    RelatedItemType,
)
from opencontact.domain.errors import InvalidRequest, ResourceNotFound
from opencontact.store.database import Database
from opencontact.store.schema import metadata

cases = Table(
    "cases",
    metadata,
    Column("seq", Integer(), primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False, unique=True),
    Column(
        "instance_id", String(64), ForeignKey("instances.id", ondelete="CASCADE"), nullable=False
    ),
    Column("reference_number", String(16), nullable=False),
    Column("title", String(200), nullable=False),
    Column("status", String(16), nullable=False),
    Column("summary", Text(), nullable=False),
    Column("customer_id", String(128), nullable=True),
    Column("assignee_id", String(64), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(64), nullable=False),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    Index("uq_cases_reference", "instance_id", "reference_number", unique=True),
    Index("ix_cases_instance", "instance_id", "seq"),
    Index("ix_cases_customer", "instance_id", "customer_id"),
)

case_related_items = Table(
    "case_related_items",
    metadata,
    Column("seq", Integer(), primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False, unique=True),
    Column(
        "instance_id", String(64), ForeignKey("instances.id", ondelete="CASCADE"), nullable=False
    ),
    Column("case_id", String(64), ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(16), nullable=False),
    Column("associated_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("body", Text(), nullable=True),
    Column("contact_id", String(64), nullable=True),
    Column("channel", String(16), nullable=True),
    Index("ix_case_related_items_case", "case_id", "seq"),
    Index("uq_case_related_items_contact", "case_id", "contact_id", unique=True),
    Index("ix_case_related_items_contact", "instance_id", "contact_id"),
)

_CASE_COLUMNS = [c for c in cases.c if c.name != "seq"]
_ITEM_COLUMNS = [c for c in case_related_items.c if c.name != "seq"]


class ReferenceTaken(Exception):
    """The reference number drawn for a new case is already one of the instance's."""


@dataclass(frozen=True)
class Page:
    """One page of a listing, newest first; `last` is the position to continue after."""

    items: Sequence[Any]
    last: int | None


class CaseStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def create(
        self, instance_id: str, case: Case, related: Sequence[RelatedItem] = ()
    ) -> None:
        """Store a new case (and its first related items) in one transaction. ReferenceTaken
        if its reference number is already used in the instance (draw another)."""

        def work(connection: Connection) -> None:
            taken = connection.execute(
                select(cases.c.id).where(
                    (cases.c.instance_id == instance_id)
                    & (cases.c.reference_number == case.reference_number)
                )
            ).first()
            if taken is not None:
                raise ReferenceTaken(case.reference_number)
            connection.execute(insert(cases).values(_case_row(instance_id, case)))
            for item in related:
                connection.execute(insert(case_related_items).values(_item_row(instance_id, item)))

        try:
            await self._database.transaction(work)
        except IntegrityError as error:
            # Two cases drew the same number at once: the unique index kept them apart.
            if "reference" in str(error.orig).lower():
                raise ReferenceTaken(case.reference_number) from error
            raise

    async def get(self, instance_id: str, case_id: str) -> Case | None:
        def work(connection: Connection) -> Case | None:
            return _find(connection, instance_id, case_id)

        return await self._database.read(work)

    async def change(self, instance_id: str, case_id: str, change: Callable[[Case], Case]) -> Case:
        """Read the case, apply `change` (pure; it may raise) and write what it returns, in one
        transaction (the row is locked on PostgreSQL, so two changes do not lose each other)."""

        def work(connection: Connection) -> Case:
            case = _find(connection, instance_id, case_id, lock=True)
            if case is None:
                raise not_found(case_id)
            changed = change(case)
            connection.execute(
                update(cases)
                .where((cases.c.instance_id == instance_id) & (cases.c.id == case_id))
                .values(_case_row(instance_id, changed))
            )
            return changed

        return await self._database.transaction(work)

    async def add_related_item(self, instance_id: str, item: RelatedItem) -> None:
        """A comment or a linked contact of an existing case (ResourceNotFound if there is no
        such case; InvalidRequest if the contact is linked already)."""

        def work(connection: Connection) -> None:
            if _find(connection, instance_id, item.case_id) is None:
                raise not_found(item.case_id)
            if item.contact_id is not None and _linked(connection, item.case_id, item.contact_id):
                raise already_linked(item.contact_id)
            connection.execute(insert(case_related_items).values(_item_row(instance_id, item)))

        try:
            await self._database.transaction(work)
        except IntegrityError as error:
            if item.contact_id is not None:
                raise already_linked(item.contact_id) from error
            raise

    async def search(self, instance_id: str, search: CaseSearch) -> Page:
        def work(connection: Connection) -> Page:
            query = select(cases).where(cases.c.instance_id == instance_id)
            if search.text is not None:
                pattern = f"%{_escape_like(search.text)}%"
                query = query.where(
                    or_(
                        cases.c.title.ilike(pattern, escape="\\"),
                        cases.c.summary.ilike(pattern, escape="\\"),
                        cases.c.reference_number.ilike(pattern, escape="\\"),
                    )
                )
            if search.status is not None:
                query = query.where(cases.c.status == search.status.value)
            if search.customer_id is not None:
                query = query.where(cases.c.customer_id == search.customer_id)
            if search.contact_id is not None:
                query = query.where(
                    exists().where(
                        (case_related_items.c.case_id == cases.c.id)
                        & (case_related_items.c.contact_id == search.contact_id)
                    )
                )
            if search.after is not None:
                query = query.where(cases.c.seq < search.after)
            query = query.order_by(cases.c.seq.desc()).limit(search.limit + 1)
            rows = connection.execute(query).mappings().all()
            return _page(rows, search.limit, _case)

        return await self._database.read(work)

    async def related_items(
        self,
        instance_id: str,
        case_id: str,
        *,
        type: RelatedItemType | None = None,
        limit: int,
        after: int | None = None,
    ) -> Page:
        """A case's related items, newest first (ResourceNotFound if there is no such case)."""

        def work(connection: Connection) -> Page:
            if _find(connection, instance_id, case_id) is None:
                raise not_found(case_id)
            items = case_related_items.c
            query = select(case_related_items).where(
                (items.instance_id == instance_id) & (items.case_id == case_id)
            )
            if type is not None:
                query = query.where(items.type == type.value)
            if after is not None:
                query = query.where(items.seq < after)
            query = query.order_by(items.seq.desc()).limit(limit + 1)
            return _page(connection.execute(query).mappings().all(), limit, _item)

        return await self._database.read(work)


def not_found(case_id: str) -> ResourceNotFound:
    return ResourceNotFound(f"There is no case '{case_id}' in this instance.")


def already_linked(contact_id: str) -> InvalidRequest:
    return InvalidRequest(f"Contact {contact_id} is already linked to this case.")


def _find(
    connection: Connection, instance_id: str, case_id: str, *, lock: bool = False
) -> Case | None:
    query = select(cases).where((cases.c.instance_id == instance_id) & (cases.c.id == case_id))
    if lock:
        query = query.with_for_update()
    row = connection.execute(query).mappings().first()
    return _case(row) if row is not None else None


def _linked(connection: Connection, case_id: str, contact_id: str) -> bool:
    query = select(case_related_items.c.id).where(
        (case_related_items.c.case_id == case_id) & (case_related_items.c.contact_id == contact_id)
    )
    return connection.execute(query).first() is not None


def _page(rows: Sequence[RowMapping], limit: int, load: Callable[[RowMapping], Any]) -> Page:
    shown = rows[:limit]
    last = int(shown[-1]["seq"]) if len(rows) > limit else None
    return Page([load(row) for row in shown], last)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _case_row(instance_id: str, case: Case) -> dict[str, Any]:
    return {
        "id": case.id,
        "instance_id": instance_id,
        "reference_number": case.reference_number,
        "title": case.title,
        "status": case.status.value,
        "summary": case.summary,
        "customer_id": case.customer_id,
        "assignee_id": case.assignee_id,
        "created_at": case.created_at,
        "created_by": case.created_by,
        "updated_at": case.updated_at,
        "updated_by": case.updated_by,
        "closed_at": case.closed_at,
    }


def _case(row: RowMapping) -> Case:
    return Case(
        id=row["id"],
        reference_number=row["reference_number"],
        title=row["title"],
        status=CaseStatus(row["status"]),
        summary=row["summary"],
        customer_id=row["customer_id"],
        assignee_id=row["assignee_id"],
        created_at=_aware(row["created_at"]),
        created_by=row["created_by"],
        updated_at=_aware(row["updated_at"]),
        updated_by=row["updated_by"],
        closed_at=_aware(row["closed_at"]) if row["closed_at"] is not None else None,
    )


def _item_row(instance_id: str, item: RelatedItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "instance_id": instance_id,
        "case_id": item.case_id,
        "type": item.type.value,
        "associated_at": item.associated_at,
        "created_by": item.created_by,
        "body": item.body,
        "contact_id": item.contact_id,
        "channel": item.channel,
    }


def _item(row: RowMapping) -> RelatedItem:
    return RelatedItem(
        id=row["id"],
        case_id=row["case_id"],
        type=RelatedItemType(row["type"]),
        associated_at=_aware(row["associated_at"]),
        created_by=row["created_by"],
        body=row["body"],
        contact_id=row["contact_id"],
        channel=row["channel"],
    )


def _aware(value: datetime) -> datetime:
    """SQLite hands back naive datetimes for what was stored in UTC (the clock's zone)."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
