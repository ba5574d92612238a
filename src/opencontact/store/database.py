"""Database URLs and engines: one place that knows SQLite from PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{(data_dir / 'opencontact.db').resolve()}"


def normalise(url: str) -> URL:
    """Accept the URL forms people write and pick our drivers: psycopg 3 for PostgreSQL."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return parsed.set(drivername="sqlite")
    raise ValueError(
        f"Unsupported database '{backend}': use sqlite:///PATH or postgresql+psycopg://..."
    )


def async_url(url: URL) -> URL:
    if url.get_backend_name() == "sqlite":
        return url.set(drivername="sqlite+aiosqlite")
    return url


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers run beside the writer; synchronous=FULL makes every commit reach the
    # disk before it returns, so an acknowledged change survives a crash or power loss.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def create_engine(url: URL) -> AsyncEngine:
    if is_sqlite(url):
        # One connection: SQLite has one writer at a time anyway, and a single connection
        # serialises our transactions instead of failing them with "database is locked".
        engine = create_async_engine(async_url(url), pool_size=1, max_overflow=0)
        event.listen(engine.sync_engine, "connect", _tune_sqlite)
        return engine
    return create_async_engine(async_url(url), pool_size=10, max_overflow=10, pool_pre_ping=True)
