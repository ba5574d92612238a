"""Database URLs and engines: one place that knows SQLite from PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.engine import create_engine as create_sync_engine
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import StaticPool

T = TypeVar("T")


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


class Database:
    """Runs a function on a connection, in a transaction or not.

    SQLite is a local file: its statements take microseconds, less than the hop to a worker
    thread that an asyncio driver makes for each one, so they run right here on the event loop
    thread. PostgreSQL goes through psycopg's asyncio driver.
    """

    def __init__(self, url: URL) -> None:
        self.url = url
        self._sync: Engine | None = None
        self._async: AsyncEngine | None = None
        if is_sqlite(url):
            # One connection: SQLite has one writer at a time anyway.
            self._sync = create_sync_engine(
                url, poolclass=StaticPool, connect_args={"check_same_thread": False}
            )
            event.listen(self._sync, "connect", _tune_sqlite)
        else:
            self._async = create_async_engine(
                async_url(url), pool_size=10, max_overflow=10, pool_pre_ping=True
            )

    async def transaction(self, work: Callable[[Connection], T]) -> T:
        if self._sync is not None:
            with self._sync.begin() as connection:
                return work(connection)
        assert self._async is not None
        async with self._async.begin() as connection:
            return await connection.run_sync(work)

    async def read(self, work: Callable[[Connection], T]) -> T:
        if self._sync is not None:
            with self._sync.connect() as connection:
                return work(connection)
        assert self._async is not None
        async with self._async.connect() as connection:
            return await connection.run_sync(work)

    async def close(self) -> None:
        if self._sync is not None:
            self._sync.dispose()
        if self._async is not None:
            await self._async.dispose()
