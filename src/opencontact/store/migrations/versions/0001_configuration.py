"""Instances and their configuration resources.

Revision ID: 0001
Revises:
Create Date: 2026-11-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_document = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "instances",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("alias", sa.String(64), nullable=True, unique=True),
        sa.Column("body", _document, nullable=False),
    )
    op.create_table(
        "resources",
        sa.Column(
            "instance_id",
            sa.String(64),
            sa.ForeignKey("instances.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("kind", sa.String(40), primary_key=True),
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("unique_name", sa.String(512), nullable=True),
        sa.Column("body", _document, nullable=False),
    )
    op.create_index(
        "uq_resources_name", "resources", ["instance_id", "kind", "unique_name"], unique=True
    )
    op.create_index(
        "uq_resources_phone_number",
        "resources",
        ["unique_name"],
        unique=True,
        sqlite_where=sa.text("kind = 'phone-number'"),
        postgresql_where=sa.text("kind = 'phone-number'"),
    )


def downgrade() -> None:
    op.drop_table("resources")
    op.drop_table("instances")
