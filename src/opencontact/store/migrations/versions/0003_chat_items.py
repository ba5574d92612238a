"""Chat transcripts: one row per chat item (messages, events), kept under the chat's first
contact so that every segment of a transferred chat reads one conversation. `seq` keeps the
order items were posted in (items of one step share a timestamp).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_document = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "chat_items",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "instance_id",
            sa.String(64),
            sa.ForeignKey("instances.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("initial_contact_id", sa.String(64), nullable=False),
        sa.Column("contact_id", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("body", _document, nullable=False),
    )
    op.create_index(
        "ix_chat_items_chat", "chat_items", ["instance_id", "initial_contact_id", "seq"]
    )


def downgrade() -> None:
    op.drop_table("chat_items")
