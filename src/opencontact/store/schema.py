"""The tables. Each configuration resource is stored whole, as a JSON document, beside the
columns that identify it and enforce uniqueness; see docs/architecture.md for why."""

from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Index, MetaData, String, Table, literal_column
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
