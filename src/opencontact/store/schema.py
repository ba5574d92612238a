"""The tables. Each configuration resource is stored whole, as a JSON document, beside the
columns that identify it and enforce uniqueness; see docs/architecture.md for why."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    literal_column,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()

Document = JSON().with_variant(JSONB(), "postgresql")

instances = Table(
    "instances",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("alias", String(64), nullable=True, unique=True),
    Column("body", Document, nullable=False),
)

resources = Table(
    "resources",
    metadata,
    Column(
        "instance_id",
        String(64),
        ForeignKey("instances.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("kind", String(40), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("unique_name", String(512), nullable=True),
    Column("body", Document, nullable=False),
    Index("uq_resources_name", "instance_id", "kind", "unique_name", unique=True),
    # A phone number belongs to one instance at most, whichever instance claims it.
    Index(
        "uq_resources_phone_number",
        "unique_name",
        unique=True,
        sqlite_where=literal_column("kind") == "phone-number",
        postgresql_where=literal_column("kind") == "phone-number",
    ),
)

contacts = Table(
    "contacts",
    metadata,
    Column("id", String(64), primary_key=True),
    Column(
        "instance_id", String(64), ForeignKey("instances.id", ondelete="CASCADE"), nullable=False
    ),
    Column("channel", String(16), nullable=False),
    Column("state", String(16), nullable=False),
    Column("initiation_method", String(32), nullable=False),
    Column("initial_contact_id", String(64), nullable=False),
    Column("previous_contact_id", String(64), nullable=True),
    Column("queue_id", String(64), nullable=True),
    Column("agent_id", String(64), nullable=True),
    Column("initiated_at", DateTime(timezone=True), nullable=False),
    Column("disconnected_at", DateTime(timezone=True), nullable=True),
    # Over: ended and closed by its agent; such records are not loaded at start.
    Column("over", Boolean(), nullable=False),
    Column("body", Document, nullable=False),
    # Who the customer is, to find a customer profile's past contacts (revision 0004).
    Column("customer_phone", String(64), nullable=True),
    Column("customer_email", String(320), nullable=True),
    Index("ix_contacts_instance_time", "instance_id", "initiated_at"),
    Index("ix_contacts_customer_phone", "instance_id", "customer_phone", "initiated_at"),
    Index("ix_contacts_customer_email", "instance_id", "customer_email", "initiated_at"),
    Index("ix_contacts_instance_over", "instance_id", "over"),
    Index("ix_contacts_initial", "initial_contact_id"),
)

agents = Table(
    "agents",
    metadata,
    Column(
        "instance_id", String(64), ForeignKey("instances.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("user_id", String(64), primary_key=True),
    Column("body", Document, nullable=False),
)

flow_logs = Table(
    "flow_logs",
    metadata,
    Column("id", String(64), primary_key=True),
    Column(
        "instance_id", String(64), ForeignKey("instances.id", ondelete="CASCADE"), nullable=False
    ),
    Column("contact_id", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("body", Document, nullable=False),
    Index("ix_flow_logs_contact", "contact_id", "at"),
)

# A chat's items under its first contact, in the order they were posted (`seq`).
chat_items = Table(
    "chat_items",
    metadata,
    Column("seq", Integer(), primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False, unique=True),
    Column(
        "instance_id", String(64), ForeignKey("instances.id", ondelete="CASCADE"), nullable=False
    ),
    Column("initial_contact_id", String(64), nullable=False),
    Column("contact_id", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("body", Document, nullable=False),
    Index("ix_chat_items_chat", "instance_id", "initial_contact_id", "seq"),
)
