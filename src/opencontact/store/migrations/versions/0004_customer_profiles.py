"""Customer profiles: one row per profile (its details as a JSON document, a version counting
its changes) and the search keys it is found by (`_phone` E.164, `_email` and `_fullName`
case-folded, `_account`, `_profileId`). Contacts get their customer's phone number and email
address as columns, so a profile's past contacts are found through an index; contacts stored
before this revision get them from their documents.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_document = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_E164 = re.compile(r"^\+[1-9]\d{1,14}$")
_PUNCTUATION = re.compile(r"[\s().\-/]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_EMAIL_ATTRIBUTES = ("email", "emailaddress", "customeremail", "customeremailaddress")
_PHONE_ATTRIBUTES = ("phone", "phonenumber", "customerphone", "customerphonenumber")


def upgrade() -> None:
    op.create_table(
        "customer_profiles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column(
            "instance_id",
            sa.String(64),
            sa.ForeignKey("instances.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("body", _document, nullable=False),
    )
    op.create_index(
        "ix_customer_profiles_instance", "customer_profiles", ["instance_id", "updated_at"]
    )
    op.create_table(
        "customer_profile_keys",
        sa.Column(
            "profile_id",
            sa.String(64),
            sa.ForeignKey("customer_profiles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("key_name", sa.String(32), primary_key=True),
        sa.Column("key_value", sa.String(512), primary_key=True),
        sa.Column(
            "instance_id",
            sa.String(64),
            sa.ForeignKey("instances.id", ondelete="CASCADE"),
            nullable=False,
        ),
    )
    op.create_index(
        "ix_customer_profile_keys_lookup",
        "customer_profile_keys",
        ["instance_id", "key_name", "key_value"],
    )
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("customer_phone", sa.String(64), nullable=True))
        batch.add_column(sa.Column("customer_email", sa.String(320), nullable=True))
    op.create_index(
        "ix_contacts_customer_phone", "contacts", ["instance_id", "customer_phone", "initiated_at"]
    )
    op.create_index(
        "ix_contacts_customer_email", "contacts", ["instance_id", "customer_email", "initiated_at"]
    )
    _fill_contacts_customer()


def _fill_contacts_customer() -> None:
    contacts = sa.table(
        "contacts",
        sa.column("id", sa.String()),
        sa.column("body", _document),
        sa.column("customer_phone", sa.String()),
        sa.column("customer_email", sa.String()),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(contacts.c.id, contacts.c.body)).all()
    updates = []
    for contact_id, body in rows:
        phone, email = _customer(body if isinstance(body, dict) else {})
        if phone or email:
            updates.append({"k_id": contact_id, "phone": phone, "email": email})
    if updates:
        connection.execute(
            contacts.update()
            .where(contacts.c.id == sa.bindparam("k_id"))
            .values(customer_phone=sa.bindparam("phone"), customer_email=sa.bindparam("email")),
            updates,
        )


def _customer(body: dict[str, Any]) -> tuple[str | None, str | None]:
    """The same keys as domain.customer_profiles.contact_customer, read from a stored document
    (this revision keeps its own copy so that it never changes with the domain)."""
    attributes = {
        str(k).casefold(): _PUNCTUATION.sub("", str(v))
        if str(k).casefold() in _PHONE_ATTRIBUTES
        else str(v)
        for k, v in (body.get("attributes") or {}).items()
    }
    endpoint = body.get("customer_endpoint") or {}
    phone = None
    if endpoint.get("type") == "TELEPHONE_NUMBER" and _E164.match(endpoint.get("address") or ""):
        phone = endpoint["address"]
    if phone is None:
        phone = next(
            (attributes[n] for n in _PHONE_ATTRIBUTES if _E164.match(attributes.get(n, ""))),
            None,
        )
    email = next(
        (
            attributes[n].strip().casefold()
            for n in _EMAIL_ATTRIBUTES
            if _EMAIL.match(attributes.get(n, "").strip())
        ),
        None,
    )
    return phone, email


def downgrade() -> None:
    op.drop_index("ix_contacts_customer_email", "contacts")
    op.drop_index("ix_contacts_customer_phone", "contacts")
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("customer_email")
        batch.drop_column("customer_phone")
    op.drop_table("customer_profile_keys")
    op.drop_table("customer_profiles")
