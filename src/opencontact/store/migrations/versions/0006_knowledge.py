"""Knowledge articles, searchable: one row per article (its Markdown and, for the search index,
its plain text), its tags as rows (to filter by), and the full-text index — an FTS5 table kept
in step by triggers on SQLite, a weighted tsvector column with a GIN index on PostgreSQL.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Title weighs most, then tags, then the body (bm25's column weights; tsvector's A/B/C).
_SQLITE_INDEX = [
    """CREATE VIRTUAL TABLE knowledge_search USING fts5(
        title, tags, search_body,
        content='knowledge_articles', content_rowid='seq',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER knowledge_articles_indexed AFTER INSERT ON knowledge_articles BEGIN
        INSERT INTO knowledge_search(rowid, title, tags, search_body)
        VALUES (new.seq, new.title, new.tags, new.search_body);
    END""",
    """CREATE TRIGGER knowledge_articles_unindexed AFTER DELETE ON knowledge_articles BEGIN
        INSERT INTO knowledge_search(knowledge_search, rowid, title, tags, search_body)
        VALUES ('delete', old.seq, old.title, old.tags, old.search_body);
    END""",
    """CREATE TRIGGER knowledge_articles_reindexed AFTER UPDATE ON knowledge_articles BEGIN
        INSERT INTO knowledge_search(knowledge_search, rowid, title, tags, search_body)
        VALUES ('delete', old.seq, old.title, old.tags, old.search_body);
        INSERT INTO knowledge_search(rowid, title, tags, search_body)
        VALUES (new.seq, new.title, new.tags, new.search_body);
    END""",
]
_POSTGRES_INDEX = [
    """ALTER TABLE knowledge_articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('english', tags), 'B')
        || setweight(to_tsvector('english', search_body), 'C')) STORED""",
    "CREATE INDEX ix_knowledge_articles_search ON knowledge_articles USING GIN (search_vector)",
]


def upgrade() -> None:
    op.create_table(
        "knowledge_articles",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "instance_id",
            sa.String(64),
            sa.ForeignKey("instances.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("search_body", sa.Text(), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
    )
    op.create_index(
        "ix_knowledge_articles_listing",
        "knowledge_articles",
        ["instance_id", "status", "updated_at"],
    )
    op.create_table(
        "knowledge_article_tags",
        sa.Column(
            "article_id",
            sa.String(64),
            sa.ForeignKey("knowledge_articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("tag", sa.String(64), primary_key=True),
        sa.Column("instance_id", sa.String(64), nullable=False),
    )
    op.create_index(
        "ix_knowledge_article_tags_tag", "knowledge_article_tags", ["instance_id", "tag"]
    )
    statements = _SQLITE_INDEX if op.get_bind().dialect.name == "sqlite" else _POSTGRES_INDEX
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS knowledge_search")
    op.drop_table("knowledge_article_tags")
    op.drop_table("knowledge_articles")
