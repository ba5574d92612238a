"""Cases (Amazon Connect Cases' fixed fields) and their related items (comments, linked
contacts), per instance. Columns rather than documents: searches filter on them. `seq` orders
both newest first and pages them (several may share a timestamp).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "instance_id",
            sa.String(64),
            sa.ForeignKey("instances.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("reference_number", sa.String(16), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("customer_id", sa.String(128), nullable=True),
        sa.Column("assignee_id", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("uq_cases_reference", "cases", ["instance_id", "reference_number"], unique=True)
    op.create_index("ix_cases_instance", "cases", ["instance_id", "seq"])
    op.create_index("ix_cases_customer", "cases", ["instance_id", "customer_id"])
    op.create_table(
        "case_related_items",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "instance_id",
            sa.String(64),
            sa.ForeignKey("instances.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "case_id",
            sa.String(64),
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("associated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("contact_id", sa.String(64), nullable=True),
        sa.Column("channel", sa.String(16), nullable=True),
    )
    op.create_index("ix_case_related_items_case", "case_related_items", ["case_id", "seq"])
    # A contact is linked to a case once (comments have no contact: NULLs never collide).
    op.create_index(
        "uq_case_related_items_contact",
        "case_related_items",
        ["case_id", "contact_id"],
        unique=True,
    )
    op.create_index(
        "ix_case_related_items_contact", "case_related_items", ["instance_id", "contact_id"]
    )


def downgrade() -> None:
    op.drop_table("case_related_items")
    op.drop_table("cases")
