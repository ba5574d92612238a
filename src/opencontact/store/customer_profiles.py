"""Customer profiles in the database (SQLite or PostgreSQL), outside the engine's state: each
call is one transaction, committed before it returns.

A profile is a row with its details as a JSON document and a `version`; its search keys are
rows of `customer_profile_keys`, rewritten with the profile in the same transaction. An update
reads the profile, applies the change and writes it back in one transaction (the row is locked
on PostgreSQL; SQLite has one writer), so two updates never lose each other's fields; an update
that names the version it was made from is refused once the profile has moved on.

A profile's past contacts are the contact records whose customer phone number or email
address (columns of `contacts`, see revision 0004) is one of the profile's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    delete,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from opencontact.domain.contacts import Contact
from opencontact.domain.customer_profiles import (
    PROFILE_ID_KEY,
    CustomerProfile,
    ProfileDetails,
    SearchKey,
    search_keys,
)
from opencontact.domain.errors import ResourceNotFound
from opencontact.store import codec
from opencontact.store.database import Database
from opencontact.store.schema import Document, contacts, metadata

customer_profiles = Table(
    "customer_profiles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column(
        "instance_id", String(64), ForeignKey("instances.id", ondelete="CASCADE"), nullable=False
    ),
    Column("version", Integer(), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("body", Document, nullable=False),
    Index("ix_customer_profiles_instance", "instance_id", "updated_at"),
)

customer_profile_keys = Table(
    "customer_profile_keys",
    metadata,
    Column(
        "profile_id",
        String(64),
        ForeignKey("customer_profiles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("key_name", String(32), primary_key=True),
    Column("key_value", String(512), primary_key=True),
    Column(
        "instance_id", String(64), ForeignKey("instances.id", ondelete="CASCADE"), nullable=False
    ),
    Index("ix_customer_profile_keys_lookup", "instance_id", "key_name", "key_value"),
)

_details = TypeAdapter(ProfileDetails)


def _not_found(profile_id: str) -> ResourceNotFound:
    return ResourceNotFound(f"There is no customer profile '{profile_id}' in this instance.")


class CustomerProfileStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def create(self, instance_id: str, profile: CustomerProfile) -> CustomerProfile:
        def work(connection: Connection) -> CustomerProfile:
            connection.execute(customer_profiles.insert(), _row(instance_id, profile))
            _write_keys(connection, instance_id, profile)
            return profile

        return await self._database.transaction(work)

    async def get(self, instance_id: str, profile_id: str) -> CustomerProfile:
        def work(connection: Connection) -> CustomerProfile:
            return _read(connection, instance_id, profile_id, lock=False)

        return await self._database.read(work)

    async def update(
        self,
        instance_id: str,
        profile_id: str,
        change: Callable[[CustomerProfile], CustomerProfile],
    ) -> CustomerProfile:
        """Apply `change` to the profile as stored now, and store the result (one transaction;
        whatever `change` raises leaves the profile as it was)."""

        def work(connection: Connection) -> CustomerProfile:
            current = _read(connection, instance_id, profile_id, lock=True)
            changed = change(current)
            row = _row(instance_id, changed)
            connection.execute(
                update(customer_profiles)
                .where(customer_profiles.c.id == profile_id)
                .values(version=row["version"], updated_at=row["updated_at"], body=row["body"])
            )
            connection.execute(
                delete(customer_profile_keys).where(
                    customer_profile_keys.c.profile_id == profile_id
                )
            )
            _write_keys(connection, instance_id, changed)
            return changed

        return await self._database.transaction(work)

    async def delete(self, instance_id: str, profile_id: str) -> None:
        def work(connection: Connection) -> None:
            _read(connection, instance_id, profile_id, lock=True)
            connection.execute(
                delete(customer_profile_keys).where(
                    customer_profile_keys.c.profile_id == profile_id
                )
            )
            connection.execute(
                delete(customer_profiles).where(customer_profiles.c.id == profile_id)
            )

        await self._database.transaction(work)

    async def search(
        self, instance_id: str, keys: Sequence[SearchKey], *, limit: int, offset: int = 0
    ) -> list[CustomerProfile]:
        """Profiles with any of the keys' values, most recently changed first."""
        matches: list[ColumnElement[bool]] = []
        for key in keys:
            if key.name == PROFILE_ID_KEY:
                matches.append(customer_profiles.c.id.in_(key.values))
                continue
            found_by = select(customer_profile_keys.c.profile_id).where(
                (customer_profile_keys.c.instance_id == instance_id)
                & (customer_profile_keys.c.key_name == key.name)
            )
            if key.is_partial:
                found_by = found_by.where(
                    or_(
                        *(
                            customer_profile_keys.c.key_value.contains(value, autoescape=True)
                            for value in key.values
                        )
                    )
                )
            else:
                found_by = found_by.where(customer_profile_keys.c.key_value.in_(key.values))
            matches.append(customer_profiles.c.id.in_(found_by))
        if not matches:
            return []
        query = (
            select(
                customer_profiles.c.id,
                customer_profiles.c.version,
                customer_profiles.c.created_at,
                customer_profiles.c.updated_at,
                customer_profiles.c.body,
            )
            .where((customer_profiles.c.instance_id == instance_id) & or_(*matches))
            .order_by(customer_profiles.c.updated_at.desc(), customer_profiles.c.id)
            .limit(limit)
            .offset(offset)
        )
        rows = await self._database.read(lambda connection: connection.execute(query).all())
        return [_profile(row) for row in rows]

    async def contact_history(
        self,
        instance_id: str,
        phone_numbers: Sequence[str],
        email_keys: Sequence[str],
        *,
        limit: int,
        offset: int = 0,
    ) -> list[Contact]:
        """The contact records of these customers, newest first."""
        matches: list[ColumnElement[bool]] = []
        if phone_numbers:
            matches.append(contacts.c.customer_phone.in_(phone_numbers))
        if email_keys:
            matches.append(contacts.c.customer_email.in_(email_keys))
        if not matches:
            return []
        query = (
            select(contacts.c.body)
            .where((contacts.c.instance_id == instance_id) & or_(*matches))
            .order_by(contacts.c.initiated_at.desc(), contacts.c.id)
            .limit(limit)
            .offset(offset)
        )
        rows = await self._database.read(lambda connection: connection.execute(query).all())
        return [codec.load_contact(row[0]) for row in rows]


def _read(
    connection: Connection, instance_id: str, profile_id: str, *, lock: bool
) -> CustomerProfile:
    query = select(
        customer_profiles.c.id,
        customer_profiles.c.version,
        customer_profiles.c.created_at,
        customer_profiles.c.updated_at,
        customer_profiles.c.body,
    ).where(
        (customer_profiles.c.instance_id == instance_id) & (customer_profiles.c.id == profile_id)
    )
    if lock:
        query = query.with_for_update()
    row = connection.execute(query).first()
    if row is None:
        raise _not_found(profile_id)
    return _profile(row)


def _profile(row: Any) -> CustomerProfile:
    profile_id, version, created_at, updated_at, body = row
    return CustomerProfile(
        id=profile_id,
        details=_details.validate_python(body),
        created_at=_utc(created_at),
        updated_at=_utc(updated_at),
        version=version,
    )


def _utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes for timezone-aware columns: they were stored in UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _row(instance_id: str, profile: CustomerProfile) -> dict[str, Any]:
    return {
        "id": profile.id,
        "instance_id": instance_id,
        "version": profile.version,
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
        "body": _details.dump_python(profile.details, mode="json"),
    }


def _write_keys(connection: Connection, instance_id: str, profile: CustomerProfile) -> None:
    rows = [
        {"profile_id": profile.id, "key_name": name, "key_value": value, "instance_id": instance_id}
        for name, value in search_keys(profile.id, profile.details)
        if name != PROFILE_ID_KEY
    ]
    if rows:
        connection.execute(customer_profile_keys.insert(), rows)
