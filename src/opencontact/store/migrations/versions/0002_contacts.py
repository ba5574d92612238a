"""Live state and contact records: contacts (every segment, queryable by time, state, queue and
agent), agents' live state, and flow logs.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_document = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_time = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "contacts",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column(
            "instance_id",
            sa.String(64),
            sa.ForeignKey("instances.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("initiation_method", sa.String(32), nullable=False),
        sa.Column("initial_contact_id", sa.String(64), nullable=False),
        sa.Column("previous_contact_id", sa.String(64), nullable=True),
        sa.Column("queue_id", sa.String(64), nullable=True),
        sa.Column("agent_id", sa.String(64), nullable=True),
        sa.Column("initiated_at", _time, nullable=False),
        sa.Column("disconnected_at", _time, nullable=True),
        sa.Column("over", sa.Boolean(), nullable=False),
        sa.Column("body", _document, nullable=False),
    )
    op.create_index("ix_contacts_instance_time", "contacts", ["instance_id", "initiated_at"])
    op.create_index("ix_contacts_instance_over", "contacts", ["instance_id", "over"])
    op.create_index("ix_contacts_initial", "contacts", ["initial_contact_id"])
    op.create_table(
        "agents",
        sa.Column(
            "instance_id",
            sa.String(64),
            sa.ForeignKey("instances.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("body", _document, nullable=False),
    )
    op.create_table(
        "flow_logs",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column(
            "instance_id",
            sa.String(64),
            sa.ForeignKey("instances.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("contact_id", sa.String(64), nullable=False),
        sa.Column("at", _time, nullable=False),
        sa.Column("body", _document, nullable=False),
    )
    op.create_index("ix_flow_logs_contact", "flow_logs", ["contact_id", "at"])


def downgrade() -> None:
    op.drop_table("flow_logs")
    op.drop_table("agents")
    op.drop_table("contacts")
