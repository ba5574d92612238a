"""The knowledge base in the database: articles, their tags, and full-text search with relevance
ranking — SQLite's FTS5 (bm25, the title weighted above the tags and the body) or PostgreSQL's
full-text search (a weighted tsvector, ts_rank). See migrations/versions/0006_knowledge.py.

Articles are not engine state: they are read from the database when asked for, and each change
is one transaction, committed before the caller is answered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    delete,
    func,
    insert,
    literal_column,
    select,
    table,
    update,
)
from sqlalchemy.engine import Connection, Row
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from opencontact.domain.knowledge import Article, ArticleStatus, plain_text
from opencontact.domain.knowledge_search import AnyOfSearch, TypedSearch
from opencontact.store.database import Database, is_sqlite

# The tables as the queries see them; migration 0006 creates them (with the foreign keys and
# the search index, which only the database needs to know about).
_metadata = MetaData()
articles = Table(
    "knowledge_articles",
    _metadata,
    Column("seq", Integer, primary_key=True),
    Column("id", String(64)),
    Column("instance_id", String(64)),
    Column("title", String(255)),
    Column("body", Text),
    Column("search_body", Text),
    Column("tags", Text),
    Column("status", String(16)),
    Column("created_at", DateTime(timezone=True)),
    Column("created_by", String(64)),
    Column("updated_at", DateTime(timezone=True)),
    Column("updated_by", String(64)),
)
article_tags = Table(
    "knowledge_article_tags",
    _metadata,
    Column("article_id", String(64), primary_key=True),
    Column("tag", String(64), primary_key=True),
    Column("instance_id", String(64)),
)

# Matches in snippets are marked with these two control characters, which articles never hold
# (domain.knowledge strips them), and turned into segments here: nothing a browser would read
# as markup is ever produced.
MATCH_START = "\x02"
MATCH_END = "\x03"
SNIPPET_WORDS = 24

Segment = tuple[str, bool]
T = TypeVar("T")
Search = TypedSearch | AnyOfSearch


@dataclass(frozen=True)
class SearchHit:
    article: Article
    snippet: tuple[Segment, ...]
    score: float


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_offset: int | None


def segments(marked: str) -> tuple[Segment, ...]:
    """'…a \\x02refund\\x03 is…' -> (('…a ', False), ('refund', True), (' is…', False))."""
    found: list[Segment] = []
    rest = marked
    while rest:
        start = rest.find(MATCH_START)
        if start < 0:
            found.append((rest.replace(MATCH_END, ""), False))
            break
        end = rest.find(MATCH_END, start)
        end = len(rest) if end < 0 else end
        if start:
            found.append((rest[:start], False))
        if rest[start + 1 : end]:
            found.append((rest[start + 1 : end], True))
        rest = rest[end + 1 :]
    return tuple((words, match) for words, match in found if words)


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _row_values(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "instance_id": article.instance_id,
        "title": article.title,
        "body": article.body,
        "search_body": plain_text(article.body),
        "tags": " ".join(article.tags),
        "status": article.status.value,
        "created_at": _utc(article.created_at),
        "created_by": article.created_by,
        "updated_at": _utc(article.updated_at),
        "updated_by": article.updated_by,
    }


def _article(row: Row[Any]) -> Article:
    values = row._mapping
    return Article(
        id=values["id"],
        instance_id=values["instance_id"],
        title=values["title"],
        body=values["body"],
        tags=tuple(values["tags"].split()),
        status=ArticleStatus(values["status"]),
        created_at=_utc(values["created_at"]),
        created_by=values["created_by"],
        updated_at=_utc(values["updated_at"]),
        updated_by=values["updated_by"],
    )


_ARTICLE_COLUMNS = [column for column in articles.c if column.name not in ("seq", "search_body")]


def _write_tags(connection: Connection, article: Article) -> None:
    connection.execute(delete(article_tags).where(article_tags.c.article_id == article.id))
    if article.tags:
        connection.execute(
            insert(article_tags),
            [
                {"article_id": article.id, "tag": tag, "instance_id": article.instance_id}
                for tag in article.tags
            ],
        )


def _filters(
    instance_id: str, published_only: bool, status: ArticleStatus | None, tags: Sequence[str]
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [articles.c.instance_id == instance_id]
    if published_only:
        conditions.append(articles.c.status == ArticleStatus.PUBLISHED.value)
    elif status is not None:
        conditions.append(articles.c.status == status.value)
    for tag in tags:
        tagged = select(article_tags.c.article_id).where(
            (article_tags.c.instance_id == instance_id) & (article_tags.c.tag == tag)
        )
        conditions.append(articles.c.id.in_(tagged))
    return conditions


class KnowledgeStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    @property
    def _sqlite(self) -> bool:
        return is_sqlite(self._database.url)

    async def create(self, article: Article) -> Article:
        def work(connection: Connection) -> Article:
            connection.execute(insert(articles).values(**_row_values(article)))
            _write_tags(connection, article)
            return article

        return await self._database.transaction(work)

    async def get(self, instance_id: str, article_id: str) -> Article | None:
        query = select(*_ARTICLE_COLUMNS).where(
            (articles.c.instance_id == instance_id) & (articles.c.id == article_id)
        )
        row = await self._database.read(lambda connection: connection.execute(query).first())
        return _article(row) if row else None

    async def change(
        self, instance_id: str, article_id: str, change: Callable[[Article], Article]
    ) -> Article | None:
        """The article changed by `change` (read and written in one transaction, the row locked
        on PostgreSQL so that two edits do not interleave); None if there is no such article."""
        query = (
            select(*_ARTICLE_COLUMNS)
            .where((articles.c.instance_id == instance_id) & (articles.c.id == article_id))
            .with_for_update()
        )

        def work(connection: Connection) -> Article | None:
            row = connection.execute(query).first()
            if row is None:
                return None
            changed = change(_article(row))
            values = _row_values(changed)
            connection.execute(update(articles).where(articles.c.id == article_id).values(**values))
            _write_tags(connection, changed)
            return changed

        return await self._database.transaction(work)

    async def delete(self, instance_id: str, article_id: str) -> bool:
        statement = delete(articles).where(
            (articles.c.instance_id == instance_id) & (articles.c.id == article_id)
        )

        def work(connection: Connection) -> bool:
            connection.execute(delete(article_tags).where(article_tags.c.article_id == article_id))
            return connection.execute(statement).rowcount > 0

        return await self._database.transaction(work)

    async def list(
        self,
        instance_id: str,
        *,
        published_only: bool,
        status: ArticleStatus | None = None,
        tags: Sequence[str] = (),
        limit: int = 20,
        offset: int = 0,
    ) -> Page[Article]:
        """Articles, most recently changed first."""
        query = (
            select(*_ARTICLE_COLUMNS)
            .where(and_(*_filters(instance_id, published_only, status, tags)))
            .order_by(articles.c.updated_at.desc(), articles.c.id)
            .limit(limit + 1)
            .offset(offset)
        )
        rows = await self._database.read(lambda connection: connection.execute(query).all())
        found = [_article(row) for row in rows[:limit]]
        return Page(found, offset + limit if len(rows) > limit else None)

    async def search(
        self,
        instance_id: str,
        search: Search,
        *,
        published_only: bool,
        status: ArticleStatus | None = None,
        tags: Sequence[str] = (),
        limit: int = 10,
        offset: int = 0,
    ) -> Page[SearchHit]:
        """Articles matching `search`, most relevant first."""
        if search.empty:
            return Page([], None)
        conditions = _filters(instance_id, published_only, status, tags)
        build = _sqlite_search if self._sqlite else _postgres_search
        query = build(search, conditions).limit(limit + 1).offset(offset)
        rows = await self._database.read(lambda connection: connection.execute(query).all())
        hits = [
            SearchHit(_article(row), segments(row._mapping["snippet"] or ""), row._mapping["score"])
            for row in rows[:limit]
        ]
        return Page(hits, offset + limit if len(rows) > limit else None)


def _sqlite_search(search: Search, conditions: list[ColumnElement[bool]]) -> Select[Any]:
    # bm25 is lower for better matches; its column weights are title, tags, body.
    bm25: ColumnElement[float] = literal_column("bm25(knowledge_search, 10.0, 4.0, 1.0)")
    snippet: ColumnElement[str] = literal_column(
        f"snippet(knowledge_search, 2, char(2), char(3), '…', {SNIPPET_WORDS})"
    )
    index = table("knowledge_search")
    return (
        select(*_ARTICLE_COLUMNS, snippet.label("snippet"), (-bm25).label("score"))
        .select_from(
            articles.join(index, literal_column("knowledge_search.rowid") == articles.c.seq)
        )
        .where(literal_column("knowledge_search").op("MATCH")(search.fts5()), *conditions)
        .order_by(bm25, articles.c.updated_at.desc())
    )


def _postgres_search(search: Search, conditions: list[ColumnElement[bool]]) -> Select[Any]:
    tsquery: ColumnElement[Any]
    if isinstance(search, TypedSearch):
        # websearch_to_tsquery reads any text people type; it never raises a syntax error.
        tsquery = func.websearch_to_tsquery("english", search.text)
    else:
        tsquery = func.plainto_tsquery("english", search.terms[0].word)
        for term in search.terms[1:]:
            tsquery = tsquery.op("||")(func.plainto_tsquery("english", term.word))
    vector: ColumnElement[Any] = literal_column("knowledge_articles.search_vector")
    options = (
        f"StartSel={MATCH_START}, StopSel={MATCH_END}, MaxWords={SNIPPET_WORDS}, MinWords=12, "
        'MaxFragments=2, FragmentDelimiter=" … "'
    )
    score = func.ts_rank(vector, tsquery)
    return (
        select(
            *_ARTICLE_COLUMNS,
            func.ts_headline("english", articles.c.search_body, tsquery, options).label("snippet"),
            score.label("score"),
        )
        .where(vector.op("@@")(tsquery), *conditions)
        .order_by(score.desc(), articles.c.updated_at.desc())
    )
